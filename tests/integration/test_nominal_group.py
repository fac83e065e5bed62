"""The nominal group technique on a real store: opening, the round robin, exact duplicates,
clarification (rewording, merging, splitting, removing), paper cards and the tally; refusals; undo
by rows; one transaction per action. The tests work in the sample's launch meeting (13 people in the
room; Daniel Okafor sent regrets) on a fresh nominal group at the end of its agenda, given the
starting list the sample's own nominal group "Our first priorities" got from the sample's
brainstorm: the same 6 ideas, sent the same way, in the same order. (The sample's own item is left
alone: how far the sample takes it is the sample's business.)"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as tally
from hypothesis import strategies as st

from facilitator.domain.errors import (
    FacilitatorError,
    InvalidText,
    InvalidValue,
    NotAllowed,
    NotFound,
    TextProblem,
)
from facilitator.domain.model import AgendaFields, AgendaKind, AttendanceStatus
from facilitator.services import Services
from facilitator.techniques.brainstorming.model import IDEA_LIMIT, IdeaProblem, IdeaRefused, idea_key
from facilitator.techniques.nominal_group.model import (
    BallotProblem,
    BallotRefused,
    Convention,
    EditKind,
    GroupProblem,
    GroupRefused,
    NominalGroupView,
    Settings,
    Step,
    Vote,
    prioritised,
)
from facilitator.techniques.nominal_group.service import Change, NominalGroupService

from .conftest import transactions

TABLES = ("nominal_groups", "ideas", "idea_edits", "ballots")
Dump = dict[str, list[tuple[object, ...]]]
PRE, FINAL = Vote.PRELIMINARY, Vote.FINAL
SOURCE = "What keeps young people from thriving here?"  # the sample's brainstorm
JOBS = "Too few summer and part-time jobs open to under-18s"  # idea 1 of the starting list
BUSES = "No buses in the evening, so no way home from a late shift"  # idea 2
QUESTION = "Of the problems we listed, which should this collaborative take on first?"


@dataclass(frozen=True)
class Room:
    meeting: int
    item: int  # a fresh nominal group at the end of the agenda, holding the starting list
    brainstorm: int  # the sample's brainstorm
    decisions: int
    listed: tuple[int, ...]  # the ideas of the starting list, numbers 1 to 6
    present: tuple[int, ...]  # the 13 in the room, as the view lists them (by name)
    away: int  # sent regrets


def _add_item(services: Services, meeting: int, kind: AgendaKind, title: str, prompt: str = "") -> int:
    return services.agenda.add(meeting, AgendaFields(kind, title, prompt, 10)).id


@pytest.fixture
def sample(services: Services) -> Room:
    """The sample's launch meeting with a fresh nominal group holding the starting list, not opened."""
    services.sample.create()
    (summary,) = services.collaboratives.overview()
    launch = min(m.id for m in summary.meetings)
    items = {i.kind: i.id for i in services.agenda.for_meeting(launch)}
    brainstorm = items[AgendaKind.BRAINSTORMING]
    starting = [
        i for i in services.nominal_group.view(items[AgendaKind.NOMINAL_GROUP]).ideas if i.source_number
    ]
    assert [i.number for i in starting] == [1, 2, 3, 4, 5, 6]
    wall = services.brainstorm.view(brainstorm)
    item = _add_item(services, launch, AgendaKind.NOMINAL_GROUP, "Where to start", QUESTION)
    sent = [wall.by_number(i.source_number).id for i in starting]  # type: ignore[union-attr]
    assert services.brainstorm.send(brainstorm, sent, item).sent == 6
    view = services.nominal_group.view(item)
    people = {p.name: p.id for p in services.people.for_collaborative(summary.id)}
    return Room(
        meeting=launch,
        item=item,
        brainstorm=brainstorm,
        decisions=items[AgendaKind.DECISIONS],
        listed=tuple(i.id for i in view.ideas),
        present=tuple(p.id for p in view.present),
        away=people["Daniel Okafor"],
    )


@pytest.fixture
def room(services: Services, sample: Room) -> Room:
    """The same, opened with the usual settings."""
    services.nominal_group.open(sample.item)
    return sample


@pytest.fixture
def ng(services: Services) -> NominalGroupService:
    return services.nominal_group


def _dump(path: Path, item: int) -> Dump:
    """The item's rows in every table the technique keeps."""
    with closing(sqlite3.connect(path)) as db:
        return {
            table: db.execute(f"SELECT * FROM {table} WHERE item_id = ? ORDER BY 1", (item,)).fetchall()
            for table in TABLES
        }


def _settings_rows(path: Path, item: int) -> int:
    return len(_dump(path, item)["nominal_groups"])


def _record(ng: NominalGroupService, item: int, *texts: str) -> list[int]:
    """Record ideas; their ids (the newest idea has the highest number)."""
    return [ng.record_idea(item, t).view.ideas[-1].id for t in texts]


def _undo_redo(ng: NominalGroupService, path: Path, item: int, action: Callable[[], Change]) -> Change:
    """Run an action, then check its undo and its redo put the item's rows back exactly."""
    before = _dump(path, item)
    change = action()
    after = _dump(path, item)
    assert after != before
    undone = ng.restore(change.before)
    assert _dump(path, item) == before
    assert undone == ng.view(item)
    redone = ng.restore(change.after)
    assert _dump(path, item) == after
    assert redone == change.view
    return change


# -- opening -------------------------------------------------------------------------------------


def test_opening_sets_up_the_usual_settings_once(
    services: Services, ng: NominalGroupService, store_path: Path, sample: Room
) -> None:
    item, first, second = sample.item, sample.listed[0], sample.listed[1]
    never_opened: list[Callable[[], object]] = [
        lambda: ng.record_idea(item, "Bus passes"),
        lambda: ng.pass_turn(item),
        lambda: ng.end_round(item),
        lambda: ng.reopen_round(item),
        lambda: ng.set_picks(item, 3),
        lambda: ng.set_convention(item, Convention.REVERSED),
        lambda: ng.set_minutes(item, Step.CLARIFY, 40),
        lambda: ng.add_ballot(item, PRE, "1 2 3 4 5"),
        lambda: ng.edit_idea(first, "Jobs"),
        lambda: ng.merge(first, [second], agreed=True),
        lambda: ng.remove_idea(first),
    ]
    for action in never_opened:
        with pytest.raises(NotAllowed):
            action()
    view = ng.view(item)  # reading does not open it
    assert view.settings == Settings() and _settings_rows(store_path, item) == 0
    assert (view.title, view.question) == ("Where to start", QUESTION)
    assert (len(view.present), view.numbers()) == (13, (1, 2, 3, 4, 5, 6))

    view = ng.open(item)
    chosen = view.settings
    assert (chosen.step, chosen.picks, chosen.convention, chosen.anonymous) == (
        Step.GENERATE,
        None,
        Convention.TOP_PICKS,
        False,
    )
    assert view.picks() == 5  # no picks chosen: the suggestion for 6 ideas
    assert [chosen.minutes_for(step) for step in Step] == [10, 20, 30, 10, 20, 10, 5]
    with closing(sqlite3.connect(store_path)) as db:
        step, picks, convention, minutes = db.execute(
            "SELECT step, picks, convention, minutes FROM nominal_groups WHERE item_id = ?", (item,)
        ).fetchone()
    assert (step, picks, convention) == ("generate", None, "top_picks")
    assert json.loads(str(minutes)) == {
        "generate": 10, "round_robin": 20, "clarify": 30, "preliminary": 10, "discuss": 20, "final": 10,
        "result": 5,
    }  # fmt: skip
    assert _settings_rows(store_path, item) == 1

    ng.set_picks(item, 3)
    ng.set_minutes(item, Step.CLARIFY, 40)
    again = ng.open(item)  # opening again keeps what was chosen
    assert (again.settings.picks, again.settings.minutes_for(Step.CLARIFY)) == (3, 40)
    assert _settings_rows(store_path, item) == 1
    for other in (sample.brainstorm, sample.decisions):  # not nominal groups
        with pytest.raises(NotAllowed):
            ng.open(other)
        assert _settings_rows(store_path, other) == 0
    with pytest.raises(NotFound):
        ng.open(999_999)


# -- the round robin -----------------------------------------------------------------------------


def test_ideas_are_numbered_after_the_starting_list_and_the_turn_moves_on(
    ng: NominalGroupService, room: Room
) -> None:
    view = ng.view(room.item)
    assert [(i.number, i.source_title) for i in view.ideas] == [(n, SOURCE) for n in range(1, 7)]
    assert view.robin.order == room.present and view.robin.current == room.present[0]
    view = ng.record_idea(room.item, "  Bus passes\tfor teens ").view
    idea = view.ideas[-1]
    assert (idea.number, idea.text, idea.original, idea.source_title, idea.source_number) == (
        7,
        "Bus passes for teens",
        "Bus passes for teens",
        "",
        0,
    )
    assert (view.robin.current, view.robin.passes) == (room.present[1], 0)
    view = ng.record_idea(room.item, "Library open in the evening").view
    assert view.numbers() == (1, 2, 3, 4, 5, 6, 7, 8)
    assert view.robin.current == room.present[2]
    assert ng.view(room.item) == view


def test_passes_count_someone_who_passed_comes_back_in_and_a_full_circle_of_passes_ends_the_round(
    ng: NominalGroupService, room: Room
) -> None:
    item, people = room.item, room.present
    view = ng.pass_turn(item).view
    assert (view.robin.current, view.robin.passes) == (people[1], 1)
    view = ng.pass_turn(item).view
    assert (view.robin.current, view.robin.passes) == (people[2], 2)
    view = ng.record_idea(item, "Bus passes").view
    assert (view.robin.current, view.robin.passes) == (people[3], 0)
    _record(ng, item, *(f"Idea from {n}" for n in range(3, 13)))
    view = ng.view(item)
    assert (view.robin.current, view.robin.passes, view.robin.ended) == (people[0], 0, False)
    view = ng.record_idea(item, "Idea from the first to pass").view  # back in after passing
    assert (view.robin.current, view.robin.passes, view.robin.ended) == (people[1], 0, False)

    for passes in range(1, 13):
        view = ng.pass_turn(item).view
        assert (view.robin.passes, view.robin.ended) == (passes, False)
    view = ng.pass_turn(item).view  # the 13th in a row
    assert view.robin.ended and view.robin.current is None
    with pytest.raises(NotAllowed):
        ng.pass_turn(item)
    last = view.ideas[-1].number
    view = ng.record_idea(item, "A late thought").view  # taken down, no turn moves
    assert view.ideas[-1].number == last + 1 and view.robin.ended

    view = ng.reopen_round(item).view
    assert (view.robin.ended, view.robin.passes, view.robin.current) == (False, 0, people[1])
    view = ng.end_round(item).view
    assert view.robin.ended and ng.view(item).robin.ended
    view = ng.reopen_round(item).view
    assert (view.robin.ended, view.robin.current) == (False, people[1])


def test_a_new_order_keeps_the_turn_with_whoever_had_it(
    ng: NominalGroupService, store_path: Path, room: Room
) -> None:
    item, people = room.item, room.present
    _record(ng, item, "Bus passes", "Library hours")
    assert ng.pass_turn(item).view.robin.current == people[3]
    order = tuple(reversed(people))
    view = ng.reorder(item, order).view
    assert (view.robin.order, view.robin.current, view.robin.passes) == (order, people[3], 0)
    rows = _dump(store_path, item)
    for wrong in (
        order[:-1],  # someone left out
        (*order[:-1], order[0]),  # someone twice
        (*order, room.away),  # someone not in the room
        (*order[:-1], room.away),
    ):
        with pytest.raises(NotAllowed):
            ng.reorder(item, wrong)
    assert _dump(store_path, item) == rows
    assert ng.record_idea(item, "Youth council").view.robin.current == people[2]  # next in the new order


def test_a_new_order_made_after_the_round_ended_keeps_the_turn_for_reopening(
    ng: NominalGroupService, room: Room
) -> None:
    item, people = room.item, room.present
    _record(ng, item, "Bus passes", "Library hours", "Youth council")
    ng.end_round(item)
    ng.reorder(item, tuple(reversed(people)))
    assert ng.reopen_round(item).view.robin.current == people[3]  # as it would without the new order


def test_turns_go_by_seat_when_anonymous(ng: NominalGroupService, room: Room) -> None:
    item = room.item
    ng.record_idea(item, "Bus passes")  # by name: on to the second person
    view = ng.set_anonymous(item, True, 8).view
    assert (view.settings.anonymous, view.settings.seats) == (True, 8)
    assert (view.robin.order, view.robin.current) == ((1, 2, 3, 4, 5, 6, 7, 8), 1)
    assert view.name_of(1) == "1"
    assert ng.record_idea(item, "Library hours").view.robin.current == 2
    view = ng.pass_turn(item).view
    assert (view.robin.current, view.robin.passes) == (3, 1)
    view = ng.reorder(item, (8, 7, 6, 5, 4, 3, 2, 1)).view
    assert view.robin.current == 3
    view = ng.set_anonymous(item, True, 5).view  # fewer seats: seat 3 keeps the turn
    assert (view.robin.order, view.robin.current) == ((5, 4, 3, 2, 1), 3)
    for seats in (0, 61):
        with pytest.raises(InvalidValue):
            ng.set_anonymous(item, True, seats)
    view = ng.set_anonymous(item, False).view
    assert not view.settings.anonymous
    assert (view.robin.order, view.robin.current) == (room.present, room.present[0])
    assert view.name_of(room.present[0]) == "Dr. Ellen Park"


def test_someone_leaving_drops_out_of_the_turns_and_the_next_one_present_has_the_turn(
    services: Services, ng: NominalGroupService, room: Room
) -> None:
    item, people = room.item, room.present
    _record(ng, item, "Bus passes", "Library hours")
    assert ng.view(item).robin.current == people[2]
    services.attendance.set_status(room.meeting, people[2], AttendanceStatus.ABSENT)
    view = ng.view(item)
    assert view.robin.order == tuple(p for p in people if p != people[2])
    assert view.robin.current == people[3]
    assert ng.record_idea(item, "Youth council").view.robin.current == people[4]
    services.attendance.set_status(room.meeting, people[7], AttendanceStatus.ABSENT)  # not their turn
    view = ng.view(item)
    assert (len(view.robin.order), view.robin.current) == (11, people[4])
    view = ng.reorder(item, tuple(reversed(view.robin.order))).view  # the order holds who is here
    assert view.robin.current == people[4]
    services.attendance.set_status(room.meeting, people[2], AttendanceStatus.LATE)  # back in the room
    view = ng.view(item)
    assert view.robin.order[-1] == people[2] and view.robin.current == people[4]


# -- ideas refused -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("again", "number"),
    [
        (JOBS.upper(), 1),
        ("  too few summer  and part-time jobs\topen to under-18s ", 1),
        ("bus PASSES for teens", 7),
        ("Ｂｕｓ passes for teens", 7),
    ],
)
def test_the_same_words_again_are_refused_with_the_number_saying_them(
    ng: NominalGroupService, store_path: Path, room: Room, again: str, number: int
) -> None:
    ng.record_idea(room.item, "Bus passes for teens")
    rows = _dump(store_path, room.item)
    with pytest.raises(IdeaRefused) as refused:
        ng.record_idea(room.item, again)
    assert (refused.value.problem, refused.value.number) == (IdeaProblem.DUPLICATE, number)
    with pytest.raises(IdeaRefused) as refused:
        ng.edit_idea(room.listed[2], again)
    assert (refused.value.problem, refused.value.number) == (IdeaProblem.DUPLICATE, number)
    assert _dump(store_path, room.item) == rows  # no idea, no number, no turn used
    assert ng.record_idea(room.item, "Bus passes for teens.").view.ideas[-1].number == 8  # other words


def test_blank_and_overlong_ideas_are_refused(ng: NominalGroupService, store_path: Path, room: Room) -> None:
    rows = _dump(store_path, room.item)
    for wording, problem, length in [
        (" \t\n ", TextProblem.EMPTY, 0),
        ("x" * 501, TextProblem.TOO_LONG, 501),
    ]:
        actions: list[Callable[[str], object]] = [
            lambda w: ng.record_idea(room.item, w),
            lambda w: ng.edit_idea(room.listed[0], w),
        ]
        for action in actions:
            with pytest.raises(InvalidText) as refused:
                action(wording)
            assert (refused.value.problem, refused.value.limit, refused.value.length) == (
                problem,
                IDEA_LIMIT,
                length,
            )
    assert _dump(store_path, room.item) == rows
    view = ng.record_idea(room.item, "  " + "y" * IDEA_LIMIT + "  ").view
    assert (view.ideas[-1].number, view.ideas[-1].text) == (7, "y" * IDEA_LIMIT)


# -- clarification -------------------------------------------------------------------------------


def test_rewording_keeps_the_original_and_every_change_in_order(
    ng: NominalGroupService, store_path: Path, room: Room
) -> None:
    first = room.listed[0]
    shorter, weekend = "Too few summer jobs for under-18s", "Too few summer and weekend jobs for under-18s"
    ng.edit_idea(first, shorter)
    view = ng.edit_idea(first, weekend).view
    idea = view.idea(first)
    assert idea is not None and (idea.number, idea.text, idea.original, idea.edited) == (
        1,
        weekend,
        JOBS,
        True,
    )
    assert [(e.idea_id, e.kind, e.before, e.after, e.other_number, e.at) for e in view.history(first)] == [
        (first, EditKind.REWORDED, JOBS, shorter, 0, "09:30"),
        (first, EditKind.REWORDED, shorter, weekend, 0, "09:30"),
    ]
    rows = _dump(store_path, room.item)
    unchanged = ng.edit_idea(first, f"  {weekend.replace(' ', '  ')} ")  # the same, once tidied
    assert unchanged.before == unchanged.after and len(unchanged.view.edits) == 2
    assert _dump(store_path, room.item) == rows
    view = ng.edit_idea(first, weekend.upper()).view  # its own words in capitals: not a duplicate
    assert [e.after for e in view.history(first)][-1] == weekend.upper()
    assert view.history(room.listed[1]) == ()


def test_merging_needs_the_groups_agreement_and_splitting_brings_the_part_back(
    ng: NominalGroupService, store_path: Path, room: Room
) -> None:
    a, b, c = room.listed[:3]
    note = "Jobs and getting home from them go together"
    rows = _dump(store_path, room.item)
    with pytest.raises(GroupRefused) as refused:
        ng.merge(a, [b], agreed=False, note=note)
    assert refused.value.problem is GroupProblem.NOT_AGREED
    assert _dump(store_path, room.item) == rows

    view = ng.merge(a, [b], agreed=True, note=note).view
    assert view.numbers() == (1, 3, 4, 5, 6) and [i.number for i in view.listed] == [1, 3, 4, 5, 6]
    assert [i.number for i in view.ideas] == [1, 2, 3, 4, 5, 6]  # the part is kept, inside idea 1
    assert [i.id for i in view.parts(a)] == [b] and view.picks() == 5
    (merged,) = view.history(a)
    assert (merged.kind, merged.before, merged.after, merged.other_number, merged.note) == (
        EditKind.MERGED,
        BUSES,
        JOBS,
        2,
        note,
    )
    on_a_part: list[Callable[[], object]] = [
        lambda: ng.remove_idea(b),
        lambda: ng.merge(b, [c], agreed=True),
        lambda: ng.split(b),
    ]
    for action in on_a_part:
        with pytest.raises(IdeaRefused) as part:
            action()
        assert (part.value.problem, part.value.number) == (IdeaProblem.MERGED_PART, 2)

    view = ng.split(a).view
    assert view.numbers() == (1, 2, 3, 4, 5, 6) and view.parts(a) == ()
    assert [(e.kind, e.before, e.after, e.other_number) for e in view.history(a)] == [
        (EditKind.MERGED, BUSES, JOBS, 2),
        (EditKind.SPLIT, JOBS, BUSES, 2),
    ]
    with pytest.raises(IdeaRefused) as held:
        ng.split(a)
    assert (held.value.problem, held.value.number) == (IdeaProblem.NOT_MERGED, 1)


def test_an_idea_on_a_card_cannot_be_merged_or_removed(
    ng: NominalGroupService, store_path: Path, room: Room
) -> None:
    ids = room.listed
    ng.add_ballot(room.item, PRE, "1 2 3 4 5")
    ng.add_ballot(room.item, FINAL, "2 1 3 4 5")
    rows = _dump(store_path, room.item)
    refusals: list[tuple[Callable[[], object], int]] = [
        (lambda: ng.merge(ids[5], [ids[0]], agreed=True), 1),  # a part on cards
        (lambda: ng.merge(ids[0], [ids[5]], agreed=True), 1),  # the idea merged into
        (lambda: ng.remove_idea(ids[1]), 2),
    ]
    for action, number in refusals:
        with pytest.raises(GroupRefused) as refused:
            action()
        assert (refused.value.problem, refused.value.number, refused.value.count) == (
            GroupProblem.ON_CARDS,
            number,
            2,
        )
    assert _dump(store_path, room.item) == rows
    assert ng.remove_idea(ids[5]).view.numbers() == (1, 2, 3, 4, 5)  # on no card


def test_a_removed_idea_leaves_the_list_and_its_number_is_never_given_again(
    ng: NominalGroupService, room: Room
) -> None:
    item = room.item
    seventh, eighth = _record(ng, item, "Bus passes", "Library hours")
    view = ng.remove_idea(eighth).view
    assert view.numbers() == (1, 2, 3, 4, 5, 6, 7) and view.idea(eighth) is None
    assert ng.record_idea(item, "Youth council").view.ideas[-1].number == 9
    assert ng.record_idea(item, "library hours").view.ideas[-1].number == 10  # its words are free again
    gone: list[Callable[[], object]] = [
        lambda: ng.edit_idea(eighth, "Later library"),
        lambda: ng.remove_idea(eighth),
    ]
    for action in gone:
        with pytest.raises(NotFound):
            action()
    ng.merge(seventh, [room.listed[0]], agreed=True)
    view = ng.remove_idea(seventh).view  # what was merged into it goes too
    assert [i.number for i in view.ideas] == [2, 3, 4, 5, 6, 9, 10]
    with pytest.raises(BallotRefused) as refused:
        ng.add_ballot(item, PRE, "2 3 4 5 7")
    assert (refused.value.problem, refused.value.number) == (BallotProblem.UNKNOWN, 7)


def test_clarification_puts_one_listed_idea_up_at_a_time(ng: NominalGroupService, room: Room) -> None:
    item, ids = room.item, room.listed
    assert ng.view(item).clarifying is None
    view = ng.set_step(item, Step.CLARIFY)
    assert (view.settings.step, view.clarifying) == (Step.CLARIFY, ids[0])
    assert view.clarify_started is not None
    assert ng.clarify(item, ids[2]).clarifying == ids[2]
    assert ng.set_step(item, Step.CLARIFY).clarifying == ids[2]  # already up: it stays
    view = ng.clarify(item, None)
    assert (view.clarifying, view.clarify_started) == (None, None)
    ng.remove_idea(ids[0])
    assert ng.set_step(item, Step.CLARIFY).clarifying == ids[1]  # the first still listed
    ng.merge(ids[4], [ids[3]], agreed=True)
    for gone in (ids[0], ids[3], 999_999):  # removed, merged in, no such idea
        with pytest.raises(NotFound):
            ng.clarify(item, gone)
    view = ng.remove_idea(ids[1]).view  # taken off the list while up: the next one goes up
    assert view.clarifying == ids[2] and view.clarify_started is not None
    last = view.listed[-1].id
    ng.clarify(item, last)
    assert ng.remove_idea(last).view.clarifying == view.listed[-2].id  # at the end: the one before


def test_merging_away_the_idea_up_puts_up_the_one_it_went_into_also_after_leaving_the_step(
    ng: NominalGroupService, room: Room
) -> None:
    item, ids = room.item, room.listed
    assert ng.set_step(item, Step.CLARIFY).clarifying == ids[0]
    view = ng.merge(ids[1], [ids[0]], agreed=True).view
    assert view.clarifying == ids[1]  # the room goes on with what the idea became
    ng.set_step(item, Step.PRELIMINARY)
    assert ng.set_step(item, Step.CLARIFY).clarifying == ids[1]


def test_splitting_never_puts_the_same_words_on_the_list_twice(ng: NominalGroupService, room: Room) -> None:
    item, (jobs, buses) = room.item, room.listed[:2]
    ng.merge(jobs, [buses], agreed=True)
    try:
        ng.record_idea(item, BUSES.upper())  # the words of the part merged away
        ng.split(jobs)
    except IdeaRefused as refused:  # refusing either would do
        assert refused.problem is IdeaProblem.DUPLICATE
    keys = [idea_key(i.text) for i in ng.view(item).listed]
    assert len(keys) == len(set(keys))


# -- cards ---------------------------------------------------------------------------------------


def test_cards_are_typed_as_numbers_and_checked_against_the_list(
    ng: NominalGroupService, store_path: Path, room: Room
) -> None:
    item = room.item
    *_, eleventh, twelfth = _record(ng, item, *(f"Idea {n}" for n in range(7, 13)))
    ng.merge(twelfth, [eleventh], agreed=True)  # 11 is off the list
    view = ng.add_ballot(item, PRE, "7 3 12 1 5").view
    (card,) = view.cards(PRE)
    assert (card.card, card.ranks, card.person_id, card.convention, card.picks) == (
        1,
        (7, 3, 12, 1, 5),
        None,
        Convention.TOP_PICKS,
        5,
    )
    rows = _dump(store_path, item)
    for typed, problem, number in [
        ("7 3 twelve 1 5", BallotProblem.NOT_NUMBERS, 0),
        ("7 -3 12 1 5", BallotProblem.NOT_NUMBERS, 0),
        ("", BallotProblem.NOT_NUMBERS, 0),
        ("7 3 7 1 5", BallotProblem.REPEATED, 7),
        ("7 3 13 1 5", BallotProblem.UNKNOWN, 13),
        ("7 3 11 1 5", BallotProblem.MERGED, 11),  # merged into 12: said so
        ("7 3 12 1 5 2", BallotProblem.TOO_MANY, 0),
        ("7 3 12 1", BallotProblem.TOO_FEW, 0),
    ]:
        for vote in Vote:
            with pytest.raises(BallotRefused) as refused:
                ng.add_ballot(item, vote, typed)
            assert (refused.value.problem, refused.value.number) == (problem, number), typed
    assert _dump(store_path, item) == rows
    ng.add_ballot(item, PRE, " 1, 2;3  4 5 ")
    view = ng.add_ballot(item, PRE, "12 10 9 8 7").view
    assert [(c.card, c.ranks) for c in view.cards(PRE)] == [
        (1, (7, 3, 12, 1, 5)),
        (2, (1, 2, 3, 4, 5)),
        (3, (12, 10, 9, 8, 7)),
    ]
    view = ng.add_ballot(item, FINAL, "1 2 3 4 5").view
    assert [c.card for c in view.cards(FINAL)] == [1]  # each vote counts its own cards


def test_no_card_is_taken_before_there_are_ideas(services: Services, room: Room) -> None:
    ng = services.nominal_group
    empty = _add_item(services, room.meeting, AgendaKind.NOMINAL_GROUP, "Nothing yet")
    assert ng.open(empty).picks() == 0
    with pytest.raises(GroupRefused) as refused:
        ng.add_ballot(empty, PRE, "1")
    assert refused.value.problem is GroupProblem.NO_IDEAS


def test_cards_keep_the_ranks_as_written_with_their_rules(
    ng: NominalGroupService, store_path: Path, room: Room
) -> None:
    item = room.item
    _record(ng, item, *(f"Idea {n}" for n in range(7, 13)))
    ng.add_ballot(item, PRE, "7 3 12 1 5", room.present[0])
    ng.add_ballot(item, PRE, "12 7 1 2 3")
    ng.set_step(item, Step.FINAL)
    ng.set_convention(item, Convention.REVERSED)
    ng.set_picks(item, 3)
    ng.add_ballot(item, FINAL, "5 12 7")
    with closing(sqlite3.connect(store_path)) as db:
        cursor = db.execute("SELECT * FROM ballots WHERE item_id = ? ORDER BY id", (item,))
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    assert not [c for c in columns if "point" in c or "total" in c or "score" in c]
    assert [(r["vote"], r["card"], r["person_id"], json.loads(r["ranks"]), r["convention"], r["picks"]) for r in rows] == [
        ("preliminary", 1, room.present[0], [7, 3, 12, 1, 5], "top_picks", 5),
        ("preliminary", 2, None, [12, 7, 1, 2, 3], "top_picks", 5),
        ("final", 1, None, [5, 12, 7], "reversed", 3),
    ]  # fmt: skip


def test_a_card_tied_to_someone_is_one_per_person_in_the_room_per_vote(
    services: Services, ng: NominalGroupService, room: Room
) -> None:
    item, (first, second, third) = room.item, room.present[:3]
    for person in (room.away, 999_999):
        with pytest.raises(GroupRefused) as refused:
            ng.add_ballot(item, PRE, "1 2 3 4 5", person)
        assert refused.value.problem is GroupProblem.NOT_PRESENT
    mine = ng.add_ballot(item, PRE, "1 2 3 4 5", first).view.cards(PRE)[0]
    assert (mine.card, mine.person_id) == (1, first)
    with pytest.raises(GroupRefused) as refused:
        ng.add_ballot(item, PRE, "5 4 3 2 1", first)
    assert refused.value.problem is GroupProblem.HAS_CARD
    assert ng.add_ballot(item, FINAL, "5 4 3 2 1", first).view.cards(FINAL)[0].person_id == first
    theirs = ng.add_ballot(item, PRE, "2 1 3 4 5", second).view.cards(PRE)[1]

    view = ng.correct_ballot(theirs.id, "6 5 4 3 2", second).view  # their own card: not a second one
    assert [(c.card, c.person_id, c.ranks) for c in view.cards(PRE)] == [
        (1, first, (1, 2, 3, 4, 5)),
        (2, second, (6, 5, 4, 3, 2)),
    ]
    for person, problem in [(first, GroupProblem.HAS_CARD), (room.away, GroupProblem.NOT_PRESENT)]:
        with pytest.raises(GroupRefused) as refused:
            ng.correct_ballot(theirs.id, "6 5 4 3 2", person)
        assert refused.value.problem is problem
    with pytest.raises(BallotRefused) as wrong:
        ng.correct_ballot(theirs.id, "6 5 4 3", second)
    assert wrong.value.problem is BallotProblem.TOO_FEW
    assert ng.correct_ballot(theirs.id, "6 5 4 3 1", third).view.cards(PRE)[1].person_id == third

    view = ng.remove_ballot(mine.id).view
    assert [c.id for c in view.cards(PRE)] == [theirs.id] and len(view.cards(FINAL)) == 1
    again = ng.add_ballot(item, PRE, "3 1 2 4 5", first).view.cards(PRE)[-1]  # their card may go in again
    assert (again.card, again.person_id) == (3, first)
    with pytest.raises(NotFound):
        ng.remove_ballot(mine.id)
    services.attendance.set_status(room.meeting, third, AttendanceStatus.ABSENT)
    assert ng.view(item).cards(PRE)[0].person_id == third  # a card handed in stays when they leave


def test_picks_and_scoring_are_fixed_once_the_votes_first_card_is_in(
    ng: NominalGroupService, store_path: Path, room: Room
) -> None:
    item = room.item
    ng.set_step(item, Step.PRELIMINARY)
    assert ng.set_picks(item, 3).view.picks() == 3
    assert ng.set_convention(item, Convention.REVERSED).view.settings.convention is Convention.REVERSED
    card = ng.add_ballot(item, PRE, "3 1 2").view.cards(PRE)[0]
    assert (card.convention, card.picks) == (Convention.REVERSED, 3)
    for step in (Step.GENERATE, Step.CLARIFY, Step.PRELIMINARY):  # up to the first vote, it is the one set
        ng.set_step(item, step)
        rows = _dump(store_path, item)
        changes: list[Callable[[], object]] = [
            lambda: ng.set_picks(item, 4),
            lambda: ng.set_picks(item, None),
            lambda: ng.set_convention(item, Convention.TOP_PICKS),
        ]
        for change in changes:
            with pytest.raises(GroupRefused) as refused:
                change()
            assert (refused.value.problem, refused.value.count, refused.value.vote) == (
                GroupProblem.CARDS_ENTERED,
                1,
                PRE,
            )
        assert _dump(store_path, item) == rows

    ng.set_step(item, Step.DISCUSS)  # from the discussion on, the settings are the final vote's
    assert ng.set_picks(item, 5).view.rules_of(PRE) == (Convention.REVERSED, 3)
    ng.set_step(item, Step.FINAL)  # the final vote has no card yet: its rules may change
    ng.set_convention(item, Convention.TOP_PICKS)
    view = ng.set_picks(item, 4).view
    assert view.rules_of(PRE) == (Convention.REVERSED, 3) and view.rules_of(FINAL) == (
        Convention.TOP_PICKS,
        4,
    )
    assert ng.correct_ballot(card.id, "2 1 3").view.cards(PRE)[0].ranks == (2, 1, 3)  # still 3 picks
    with pytest.raises(BallotRefused):
        ng.add_ballot(item, PRE, "1 2 3 4")  # the first vote keeps its rules
    ng.add_ballot(item, FINAL, "1 2 3 4")
    for step in (Step.FINAL, Step.RESULT):
        ng.set_step(item, step)
        with pytest.raises(GroupRefused) as refused:
            ng.set_picks(item, 5)
        assert refused.value.problem is GroupProblem.CARDS_ENTERED
    for picks in (0, 21):
        with pytest.raises(InvalidValue):
            ng.set_picks(item, picks)


def test_with_every_idea_ranked_each_card_ranks_every_listed_idea(
    ng: NominalGroupService, room: Room
) -> None:
    item, ids = room.item, room.listed
    view = ng.set_convention(item, Convention.RANK_ALL).view
    assert view.picks() == 6
    assert ng.merge(ids[4], [ids[5]], agreed=True).view.picks() == 5  # the merged part is not ranked
    with pytest.raises(BallotRefused) as refused:
        ng.add_ballot(item, PRE, "1 2 3 4")
    assert refused.value.problem is BallotProblem.TOO_FEW
    with pytest.raises(BallotRefused) as refused:
        ng.add_ballot(item, PRE, "1 2 3 4 5 6")
    assert (refused.value.problem, refused.value.number, refused.value.into) == (BallotProblem.MERGED, 6, 5)
    ng.add_ballot(item, PRE, "5 4 3 2 1")
    view = ng.add_ballot(item, PRE, "1 2 3 4 5").view
    assert {(c.convention, c.picks) for c in view.cards(PRE)} == {(Convention.RANK_ALL, 5)}
    # 5 points for a first place down to 1 for the fifth: every idea gets 6.
    assert [(s.number, s.points, s.votes) for s in view.tally(PRE)] == [(n, 6, 2) for n in (1, 2, 3, 4, 5)]


def test_the_tally_matches_the_count_by_hand(ng: NominalGroupService, room: Room) -> None:
    item = room.item
    for typed in ("2 1 4 6 3", "1 2 3 5 4", "2 5 1 3 6"):
        ng.add_ballot(item, PRE, typed)
    view = ng.view(item)
    # Five picks: 5 points for the first down to 1 for the fifth.
    # 2: 5 + 4 + 5 = 14; 1: 4 + 5 + 3 = 12; 3: 1 + 3 + 2 = 6; 5: 2 + 4 = 6; 4: 3 + 1 = 4; 6: 2 + 1 = 3.
    assert [(s.number, s.points, s.votes, s.ranks, s.place, s.tied) for s in view.tally(PRE)] == [
        (2, 14, 3, (1, 1, 2), 1, False),
        (1, 12, 3, (1, 2, 3), 2, False),
        (3, 6, 3, (3, 4, 5), 3, True),
        (5, 6, 2, (2, 4), 3, True),
        (4, 4, 2, (3, 5), 5, False),
        (6, 3, 2, (4, 5), 6, False),
    ]
    assert [s.number for s in prioritised(view.tally(PRE))] == [2, 1, 3, 5, 4, 6]
    assert {s.points for s in view.tally(FINAL)} == {0}  # the final vote is counted apart


# -- undo ----------------------------------------------------------------------------------------


def test_every_action_is_undone_and_redone_exactly(
    ng: NominalGroupService, store_path: Path, room: Room
) -> None:
    item, ids, people = room.item, room.listed, room.present

    def run(action: Callable[[], Change]) -> Change:
        return _undo_redo(ng, store_path, item, action)

    run(lambda: ng.set_minutes(item, Step.CLARIFY, 45))
    run(lambda: ng.set_anonymous(item, True, 8))
    run(lambda: ng.record_idea(item, "Bus passes"))
    run(lambda: ng.set_anonymous(item, False))
    eighth = run(lambda: ng.record_idea(item, "Library hours")).view.ideas[-1].id
    run(lambda: ng.pass_turn(item))
    run(lambda: ng.reorder(item, tuple(reversed(people))))
    run(lambda: ng.end_round(item))
    run(lambda: ng.record_idea(item, "Youth council"))  # the round has ended: no turn moves
    run(lambda: ng.reopen_round(item))
    run(lambda: ng.edit_idea(ids[0], "Too few summer jobs"))
    run(lambda: ng.merge(ids[0], [ids[1], eighth], agreed=True, note="All about work"))
    run(lambda: ng.split(ids[0]))
    run(lambda: ng.merge(ids[2], [ids[3]], agreed=True))
    run(lambda: ng.remove_idea(ids[2]))  # idea 4 goes with it
    run(lambda: ng.set_picks(item, 3))
    run(lambda: ng.set_convention(item, Convention.REVERSED))
    card = run(lambda: ng.add_ballot(item, PRE, "1 5 6", people[0])).view.cards(PRE)[0].id
    run(lambda: ng.correct_ballot(card, "6 5 1", people[1]))
    run(lambda: ng.add_ballot(item, PRE, "5 6 7"))
    run(lambda: ng.add_ballot(item, FINAL, "7 6 5"))
    run(lambda: ng.remove_ballot(card))
    run(lambda: ng.break_ties(item, [7, 5]))


def test_undo_and_redo_leave_the_group_at_its_step(
    ng: NominalGroupService, store_path: Path, room: Room
) -> None:
    item, ids = room.item, room.listed
    added = ng.record_idea(item, "Bus passes")
    seventh = added.view.ideas[-1].id
    assert ng.set_step(item, Step.CLARIFY).clarifying == ids[0]
    view = ng.restore(added.before)
    assert (view.settings.step, view.clarifying, view.numbers()) == (Step.CLARIFY, ids[0], (1, 2, 3, 4, 5, 6))
    view = ng.restore(added.after)
    assert (view.settings.step, view.clarifying, view.numbers()[-1]) == (Step.CLARIFY, ids[0], 7)
    ng.clarify(item, seventh)
    view = ng.restore(added.before)  # the idea up goes with the undo
    assert (view.settings.step, view.clarifying) == (Step.CLARIFY, None)
    ng.restore(added.after)
    ng.clarify(item, ids[1])
    removed = ng.remove_idea(ids[1])
    ng.set_step(item, Step.DISCUSS)
    # Where the group is is no part of a change: the idea comes back, but the one that went up
    # in its place (the next) stays up.
    view = ng.restore(removed.before)
    assert (view.settings.step, view.clarifying, view.numbers()) == (
        Step.DISCUSS,
        ids[2],
        (1, 2, 3, 4, 5, 6, 7),
    )
    (step,) = {row[1] for row in _dump(store_path, item)["nominal_groups"]}
    assert step == "discuss"


KINDS = ("record", "record", "pass", "card", "card", "uncard", "edit", "end", "reopen", "merge", "split")
STEPS = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 12), st.integers(0, 12), st.integers(0, 5)),
    min_size=3,
    max_size=10,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_sequence_of_actions_undone_in_reverse_gets_back_to_the_start(
    services: Services, store_path: Path, sample: Room, steps: list[tuple[str, int, int, int]]
) -> None:
    ng, people = services.nominal_group, sample.present
    item = _add_item(services, sample.meeting, AgendaKind.NOMINAL_GROUP, "Again")
    ng.open(item)
    _record(ng, item, "Transit", "Jobs", "Parks", "Housing")
    ng.set_picks(item, 2)
    ng.add_ballot(item, PRE, "3 1")  # a card already in, to take off

    def snapshot() -> tuple[NominalGroupView, Dump]:
        return ng.view(item), _dump(store_path, item)

    def step(kind: str, a: int, b: int, c: int) -> Change | None:
        view = ng.view(item)
        listed, cards = view.listed, view.ballots
        if kind == "record":
            return ng.record_idea(item, f"Idea {a} {b}")
        if kind == "pass":
            return ng.pass_turn(item)
        if kind == "card":
            vote = PRE if c % 3 else FINAL
            numbers = view.numbers()
            turned = numbers[a % len(numbers) :] + numbers[: a % len(numbers)] if numbers else ()
            typed = " ".join(str(n) for n in turned[: view.rules_of(vote)[1]])
            return ng.add_ballot(item, vote, typed, people[b] if c % 2 else None)
        if kind == "uncard" and cards:
            return ng.remove_ballot(cards[a % len(cards)].id)
        if kind == "edit" and listed:
            return ng.edit_idea(listed[a % len(listed)].id, f"Idea {b} {c}" if c % 3 else f"idea {b} {c}")
        if kind == "end":
            return ng.end_round(item)
        if kind == "reopen":
            return ng.reopen_round(item)
        # Mostly ideas a merge or a split can take (on no card; holding parts), now and then any.
        on_cards = {n for card in cards for n in card.ranks}
        free = [i.id for i in listed if i.number not in on_cards] if c % 4 else [i.id for i in listed]
        if kind == "merge" and free:
            return ng.merge(free[a % len(free)], [free[b % len(free)]], agreed=True)
        held = [i.id for i in listed if view.parts(i.id)] if c % 4 else [i.id for i in listed]
        if kind == "split" and held:
            return ng.split(held[a % len(held)])
        return None

    history = [snapshot()]
    changes: list[Change] = []
    for kind, a, b, c in steps:
        try:
            change = step(kind, a, b, c)
        except FacilitatorError as refused:
            tally(f"{kind} refused: {type(refused).__name__}")
            assert snapshot() == history[-1]  # a refusal changes nothing
            continue
        if change is not None:
            tally(f"{kind} done")
            changes.append(change)
            history.append(snapshot())
    for index in reversed(range(len(changes))):
        ng.restore(changes[index].before)
        assert snapshot() == history[index]
    for index, change in enumerate(changes):
        ng.restore(change.after)
        assert snapshot() == history[index + 1]


# -- transactions --------------------------------------------------------------------------------


def test_each_action_writes_in_one_transaction_and_a_refusal_writes_nothing(
    services: Services, ng: NominalGroupService, store_path: Path, room: Room
) -> None:
    item, ids, people = room.item, room.listed, room.present
    actions: list[Callable[[], object]] = [
        lambda: ng.set_minutes(item, Step.FINAL, 15),
        lambda: ng.set_step(item, Step.ROUND_ROBIN),
        lambda: ng.record_idea(item, "Bus passes"),
        lambda: ng.pass_turn(item),
        lambda: ng.reorder(item, tuple(reversed(people))),
        lambda: ng.end_round(item),
        lambda: ng.reopen_round(item),
        lambda: ng.set_anonymous(item, True, 8),
        lambda: ng.set_step(item, Step.CLARIFY),
        lambda: ng.clarify(item, ids[1]),
        lambda: ng.edit_idea(ids[0], "Too few summer jobs"),
        lambda: ng.merge(ids[0], [ids[1]], agreed=True, note="Work"),
        lambda: ng.split(ids[0]),
        lambda: ng.remove_idea(ids[5]),
        lambda: ng.set_picks(item, 3),
        lambda: ng.set_convention(item, Convention.REVERSED),
        lambda: ng.add_ballot(item, PRE, "1 2 3", people[0]),
        lambda: ng.break_ties(item, [2, 1]),
    ]
    for action in actions:
        with transactions(services) as ended:
            action()
        assert len(ended) == 1 and ended[0] > 0, ended
    (card,) = ng.view(item).ballots
    on_the_card: list[Callable[[], object]] = [
        lambda: ng.correct_ballot(card.id, "3 2 1"),
        lambda: ng.remove_ballot(card.id),
    ]
    for action in on_the_card:
        with transactions(services) as ended:
            action()
        assert len(ended) == 1 and ended[0] > 0, ended
    ng.add_ballot(item, PRE, "1 2 3", people[0])
    rows = _dump(store_path, item)
    refused: list[Callable[[], object]] = [
        lambda: ng.record_idea(item, "bus passes"),
        lambda: ng.merge(ids[2], [ids[3]], agreed=False),
        lambda: ng.merge(ids[2], [ids[0]], agreed=True),  # idea 1 is on a card
        lambda: ng.add_ballot(item, PRE, "1 2 2"),
        lambda: ng.add_ballot(item, PRE, "3 2 1", people[0]),
        lambda: ng.set_picks(item, 4),
        lambda: ng.reorder(item, people[:3]),
        lambda: ng.remove_idea(ids[1]),
    ]
    for action in refused:
        with transactions(services) as ended, pytest.raises(FacilitatorError):
            action()
        assert not any(ended), ended
    assert _dump(store_path, item) == rows


# -- mends found in review ----------------------------------------------------------------------------
def test_taking_back_a_starting_list_whose_idea_is_up_in_clarification_works(
    services: Services, sample: Room
) -> None:
    item = _add_item(services, sample.meeting, AgendaKind.NOMINAL_GROUP, "Later still")
    services.nominal_group.open(item)
    wall = services.brainstorm.view(sample.brainstorm)
    sent = services.brainstorm.send(sample.brainstorm, [wall.ideas[0].id, wall.ideas[1].id], item)
    assert services.nominal_group.set_step(item, Step.CLARIFY).clarifying is not None
    services.brainstorm.restore(sent.before)  # the send taken back with Ctrl+Z
    view = services.nominal_group.view(item)
    assert (view.ideas, view.clarifying) == ((), None)


def test_someone_who_passed_and_left_does_not_end_the_round_for_the_others(
    services: Services, ng: NominalGroupService, room: Room
) -> None:
    item = room.item
    order = ng.view(item).robin.order
    ng.pass_turn(item)
    ng.pass_turn(item)  # the first two passed in a row
    services.attendance.set_status(room.meeting, order[1], AttendanceStatus.ABSENT)
    robin = ng.view(item).robin
    assert (robin.passes, robin.ended) == (1, False)  # only the first, still here, counts
    for _ in range(len(robin.order) - 2):
        robin = ng.pass_turn(item).view.robin
    assert not robin.ended  # one more still to pass
    assert ng.pass_turn(item).view.robin.ended


def test_a_card_keeps_the_name_of_someone_who_left_when_it_is_corrected(
    services: Services, ng: NominalGroupService, room: Room
) -> None:
    item, person = room.item, room.present[0]
    card = ng.add_ballot(item, PRE, "1 2 3 4 5", person).view.cards(PRE)[0]
    services.attendance.set_status(room.meeting, person, AttendanceStatus.ABSENT)
    assert ng.correct_ballot(card.id, "5 4 3 2 1", person).view.cards(PRE)[0].person_id == person
    with pytest.raises(GroupRefused) as refused:  # nobody else who is away can be named on it
        ng.correct_ballot(card.id, "5 4 3 2 1", room.away)
    assert refused.value.problem is GroupProblem.NOT_PRESENT


def test_an_idea_on_cards_cannot_be_split(ng: NominalGroupService, store_path: Path, room: Room) -> None:
    item, ids = room.item, room.listed
    ng.merge(ids[0], [ids[1]], agreed=True)
    ng.add_ballot(item, PRE, "1 3 4 5 6")
    rows = _dump(store_path, item)
    with pytest.raises(GroupRefused) as refused:
        ng.split(ids[0])
    assert (refused.value.problem, refused.value.number, refused.value.count) == (GroupProblem.ON_CARDS, 1, 1)
    assert _dump(store_path, item) == rows
