"""The sample collaborative, and the read model on a bare connection (the start-up path)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text as sql

from facilitator.domain.errors import DuplicateName
from facilitator.domain.model import AgendaFields, AgendaKind, AttendanceStatus, ItemState, MeetingStatus
from facilitator.services import Services, sample
from facilitator.storage import files, readmodel
from facilitator.techniques.idea_writing.model import Step as WritingStep
from facilitator.techniques.idea_writing.model import Variant, WritingView, sector_spread
from facilitator.techniques.nominal_group.model import NominalGroupView, Step, Vote, prioritised


def _counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        db.close()


def test_the_sample_is_a_whole_collaborative(services: Services, store_path: Path, now: datetime) -> None:
    upcoming_id = services.sample.create()
    (summary,) = services.collaboratives.overview()
    assert len(summary.meetings) == 2
    people = services.people.for_collaborative(summary.id)
    assert 12 <= len(people) <= 20
    assert len({p.sector_id for p in people if p.sector_id is not None}) >= 5
    assert all(p.sector_name for p in people)

    upcoming = services.meetings.detail(upcoming_id)
    assert upcoming.meeting.status is MeetingStatus.PLANNED
    assert upcoming.meeting.starts_at > now
    past_id = next(m.id for m in summary.meetings if m.id != upcoming_id)
    past = services.meetings.detail(past_id)
    assert past.meeting.status is MeetingStatus.CLOSED
    assert past.meeting.starts_at < now
    assert past.meeting.started_at is not None and past.meeting.closed_at is not None
    assert past.meeting.closed_at > past.meeting.started_at
    assert all(item.state is ItemState.DONE and item.elapsed_seconds > 0 for item in past.agenda)

    kinds = {item.kind for item in past.agenda} | {item.kind for item in upcoming.agenda}
    assert kinds == set(AgendaKind)
    for detail in (past, upcoming):
        assert [item.position for item in detail.agenda] == list(range(len(detail.agenda)))

    statuses = {a.status for a in past.attendees}
    assert {AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.REGRETS} <= statuses
    for attendee in past.attendees:
        if attendee.status is AttendanceStatus.LATE:
            assert attendee.arrived_at is not None
            assert past.meeting.starts_at < attendee.arrived_at < past.meeting.starts_at + timedelta(hours=1)
    assert files.check_health(store_path).ok


def test_the_sample_cannot_be_made_twice(services: Services, store_path: Path) -> None:
    services.sample.create()
    before = _counts(store_path)
    with pytest.raises(DuplicateName):
        services.sample.create()
    assert _counts(store_path) == before  # the second attempt left nothing half-made


def test_readmodel_on_a_bare_connection_matches_the_service(services: Services, store_path: Path) -> None:
    upcoming_id = services.sample.create()
    past_id = next(m.id for m in services.collaboratives.overview()[0].meetings if m.id != upcoming_id)
    # Something in every column: a running meeting, an active item, a late arrival.
    services.run.start(upcoming_id)
    services.run.step(upcoming_id, 1)
    db = files.connect(store_path)
    try:
        for meeting_id in (upcoming_id, past_id):
            bare = readmodel.meeting_detail(db, meeting_id)
            assert bare == services.meetings.detail(meeting_id)
        assert readmodel.overview(db) == services.collaboratives.overview()
        assert readmodel.sectors(db) == services.sectors.all()
        assert readmodel.last_meeting_id(db) is None
        services.meetings.remember_opened(past_id)
        assert readmodel.last_meeting_id(db) == past_id
    finally:
        db.close()
    detail = services.meetings.detail(upcoming_id)
    assert detail.current_item is not None and detail.current_item.activated_at is not None
    assert any(a.arrived_at is not None for a in services.meetings.detail(past_id).attendees)


def test_sample_people_get_sectors_in_a_store_seeded_in_another_language(store_path: Path) -> None:
    from facilitator.services import build_services
    from facilitator.storage.migrate import prepare

    prepare(store_path)
    services = build_services(store_path)
    try:
        french = ["Gouvernement", "Entreprise", "Associatif", "Habitant", "Culte", "Éducation", "Santé",
                  "Philanthropie", "Médias", "Autre"]  # fmt: skip
        services.sectors.seed(french)
        meeting_id = services.sample.create()
        collaborative_id = services.meetings.detail(meeting_id).collaborative.id
        people = {p.name: p.sector_name for p in services.people.for_collaborative(collaborative_id)}
        assert people["Rosa Delgado"] == "Gouvernement" and people["Nadia Petrova"] == "Santé"
    finally:
        services.close()


def _group(view: NominalGroupView) -> dict[str, object]:
    """A nominal group as its screens show it, without ids or times."""
    numbers = {idea.id: idea.number for idea in view.ideas}
    return {
        "settings": view.settings,
        "robin": view.robin,
        "ideas": [(i.number, i.text, i.original, numbers.get(i.merged_into or 0), i.source_number) for i in view.ideas],
        "edits": [(numbers[e.idea_id], e.kind, e.before, e.after, e.other_number, e.note) for e in view.edits],
        "cards": [(b.vote, b.card, b.person_id, b.ranks, b.convention, b.picks) for b in view.ballots],
    }  # fmt: skip


def test_the_sample_nominal_group_is_finished_as_the_service_would_have_left_it(services: Services) -> None:
    services.sample.create()
    launch = services.meetings.lookup("Launch meeting").id
    agenda = services.agenda.for_meeting(launch)
    brainstorm = next(i.id for i in agenda if i.kind is AgendaKind.BRAINSTORMING)
    item = next(i for i in agenda if i.kind is AgendaKind.NOMINAL_GROUP)
    view = services.nominal_group.view(item.id)
    assert item.title == "Our first priorities" and view.settings.step is Step.RESULT
    assert len(view.ideas) == 12 and len(view.listed) == 11
    assert [len(view.cards(vote)) for vote in Vote] == [12, 12]
    assert sum(b.person_id is not None for b in view.cards(Vote.PRELIMINARY)) == 4  # most are anonymous
    first, final = view.tally(Vote.PRELIMINARY), view.tally(Vote.FINAL)
    assert [s.number for s in first if s.tied] == [4, 11] and [s.number for s in first if s.split] == [2]
    assert final[0].number == 1 and not any(s.tied or s.split for s in final)
    assert view.result() == prioritised(final)  # the decision "first in the final vote" is idea 1
    assert view.ideas[0].text == "Too few summer and part-time jobs open to under-18s"

    # The same run through the service, on an item of its own, ends the same.
    group = services.nominal_group
    again = services.agenda.add(launch, AgendaFields(AgendaKind.NOMINAL_GROUP, "Again", "", 75)).id
    wall = {i.number: i.id for i in services.brainstorm.view(brainstorm).ideas}
    services.brainstorm.send(
        brainstorm, [wall[i.source_number] for i in view.ideas if i.source_number], again
    )
    group.open(again)
    group.set_picks(again, sample.NOMINAL_PICKS)
    for step, minutes in sample.NOMINAL_MINUTES.items():
        group.set_minutes(again, step, minutes)
    said = iter(sample.NOMINAL_IDEAS)
    for turn in sample.NOMINAL_TURNS:
        if turn == "+":
            group.record_idea(again, next(said))
        else:
            group.pass_turn(again)
    while not group.view(again).robin.ended:
        group.pass_turn(again)
    ids = {i.number: i.id for i in group.view(again).ideas}
    for number, words in sample.NOMINAL_REWORDED:
        group.edit_idea(ids[number], words)
    for part, into, note in sample.NOMINAL_MERGED:
        group.merge(ids[into], [ids[part]], True, note)
    present = {p.name: p.id for p in view.present}
    for vote, cards in ((Vote.PRELIMINARY, sample.PRELIMINARY_CARDS), (Vote.FINAL, sample.FINAL_CARDS)):
        for name, typed in cards:
            group.add_ballot(again, vote, typed, present[name] if name else None)
    group.set_step(again, Step.RESULT)
    assert _group(group.view(again)) == _group(view)


def _writing(services: Services, view: WritingView) -> dict[str, object]:
    """An idea writing as its screens show it, without ids or times; each idea with its writer."""
    numbers = {entry.id: entry.number for entry in view.entries}
    with services.store.transaction() as session:
        written = {
            number: f"{name} / {original}"
            for number, name, original in session.execute(
                sql("SELECT i.number, p.name, i.original FROM ideas i LEFT JOIN people p ON p.id = i.person_id"
                    " WHERE i.item_id = :item"),
                {"item": view.item_id},
            )
        }  # fmt: skip
    return {
        "settings": view.settings,
        "groups": [(g.letter, [(m.seat, m.name, m.sector) for m in g.members]) for g in view.groups],
        "entries": [
            (e.number, view.code(e.member_id), e.round, e.slot, e.text, numbers.get(e.builds_on or 0), written[e.number])
            for e in view.entries
        ],
        "summaries": [
            (view.group(s.group_id).letter, s.position, s.text, numbers.get(s.idea_id or 0))  # type: ignore[union-attr]
            for s in view.summaries
        ],
        "progress": [(view.code(m.id), view.progress(m.id)) for m in view.members()],
    }  # fmt: skip


def test_the_sample_idea_writing_is_finished_as_the_service_would_have_left_it(services: Services) -> None:
    services.sample.create()
    launch = services.meetings.lookup("Launch meeting").id
    agenda = services.agenda.for_meeting(launch)
    item = next(i for i in agenda if i.kind is AgendaKind.IDEA_WRITING)
    assert agenda[-1] == item and agenda[-2].kind is AgendaKind.DECISIONS  # after the decisions
    view = services.idea_writing.view(item.id)
    assert item.title == "First ideas for summer jobs" and view.settings.step is WritingStep.REPORT
    assert view.settings.variant is Variant.BRAINWRITING and view.settings.round == view.settings.rounds == 5
    assert [len(g.members) for g in view.groups] == [5, 4, 4]
    assert {m.person_id for m in view.members()} == {p.id for p in view.present}  # everyone in the room
    # Sectors mixed: no group has two of a sector while another group has none of it.
    spread = sector_spread([[m.person_id for m in g.members] for g in view.groups], view.sectors)
    assert all(max(counts) - min(counts) <= 1 for counts in spread.values())
    progress = {view.code(m.id): view.progress(m.id) for m in view.members()}
    assert [code for code, (done, rows) in progress.items() if done < rows] == ["C4"]  # half done
    assert progress["C4"] == (2, 4) and progress["A1"] == (5, 5) and progress["B1"] == (4, 4)
    assert len(view.entries) == 117 and sum(e.builds_on is not None for e in view.entries) >= 70
    assert [len(view.of_group(g.id)) for g in view.groups] == [3, 3, 3]
    assert sum(s.idea_id is None for s in view.summaries) == 2  # two written afresh, the rest picked

    # The same run through the service, on an item of its own, ends the same.
    iw = services.idea_writing
    again = services.agenda.add(launch, AgendaFields(AgendaKind.IDEA_WRITING, "Again", "", 45)).id
    iw.open(again)
    iw.set_numbers(again, **sample.WRITING_NUMBERS)
    for round_number, minutes in sample.WRITING_EXTRA:
        iw.set_extra(again, round_number, minutes)
    sheets = {iw.view(again).code(m.id): m.id for m in iw.make_groups(again).view.members()}
    first_typed = {(code, r, slot): words for code, r, slot, words in sample.WRITING_CORRECTED}
    ids: dict[tuple[str, int, int], int] = {}
    for code, rows in sample.WRITING_SHEETS.items():
        for r, row in enumerate(rows, start=1):
            for slot, (words, above) in enumerate(row, start=1):
                on = ids[(code, *above)] if above else None
                change = iw.add_entry(sheets[code], r, slot, first_typed.get((code, r, slot), words), on)
                ids[(code, r, slot)] = change.view.entries[-1].id
    for code, r, slot, _first in sample.WRITING_CORRECTED:
        words = sample.WRITING_SHEETS[code][r - 1][slot - 1][0]
        iw.edit_entry(ids[(code, r, slot)], words)
    groups = {g.letter: g.id for g in iw.view(again).groups}
    for letter, words, picked in sample.WRITING_SUMMARIES:
        iw.add_summary(groups[letter], words, ids[picked] if picked else None)
    iw.set_round(again, sample.WRITING_NUMBERS["rounds"])
    iw.set_step(again, WritingStep.REPORT)
    assert _writing(services, iw.view(again)) == _writing(services, view)
