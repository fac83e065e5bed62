"""Brainstorming on a real store: ideas, merges, themes, dots and starting lists; refusals; undo by
rows; one transaction per action. The tests brainstorm in the sample's launch meeting (13 people in
the room; Daniel Okafor sent regrets) on a fresh item placed right after the sample's own brainstorm,
whose finished wall they leave alone; a fresh nominal group at the end of the agenda takes lists."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as tally
from hypothesis import strategies as st

from facilitator.domain.errors import (
    DuplicateName,
    FacilitatorError,
    InvalidText,
    InvalidValue,
    NotAllowed,
    NotFound,
    TextProblem,
)
from facilitator.domain.model import AgendaFields, AgendaKind, AttendanceStatus
from facilitator.services import Services
from facilitator.services.rowset import RowSet
from facilitator.techniques.brainstorming.model import (
    IDEA_LIMIT,
    BrainstormView,
    DotEntry,
    DotProblem,
    DotsRefused,
    IdeaProblem,
    IdeaRefused,
    Phase,
    Settings,
)
from facilitator.techniques.brainstorming.service import BrainstormService, Change

from .conftest import transactions

TABLES = ("brainstorms", "idea_themes", "ideas", "idea_dots")
Dump = dict[str, list[tuple[object, ...]]]
QUESTION = "What would help young people thrive here?"


@dataclass(frozen=True)
class Room:
    meeting: int
    item: int  # a fresh brainstorm, opened, right after the sample's
    earlier: int  # the sample's brainstorm, before it
    rules: int  # ground rules, before it
    nominal: int  # the sample's nominal group, after it, holding the sample's starting list
    decisions: int  # after it
    last: int  # a fresh nominal group at the end of the agenda
    present: tuple[int, ...]  # the 13 in the room, as the view lists them
    away: int  # sent regrets


def _add_item(services: Services, meeting: int, kind: AgendaKind, title: str, prompt: str = "") -> int:
    return services.agenda.add(meeting, AgendaFields(kind, title, prompt, 10)).id


@pytest.fixture
def room(services: Services) -> Room:
    services.sample.create()
    (summary,) = services.collaboratives.overview()
    launch = min(m.id for m in summary.meetings)
    items = {i.kind: i for i in services.agenda.for_meeting(launch)}
    earlier = items[AgendaKind.BRAINSTORMING]
    item = _add_item(services, launch, AgendaKind.BRAINSTORMING, "Ideas", QUESTION)
    services.agenda.move(item, earlier.position + 1)
    last = _add_item(services, launch, AgendaKind.NOMINAL_GROUP, "Priorities")
    view = services.brainstorm.open(item)
    people = {p.name: p.id for p in services.people.for_collaborative(summary.id)}
    return Room(
        meeting=launch,
        item=item,
        earlier=earlier.id,
        rules=items[AgendaKind.GROUND_RULES].id,
        nominal=items[AgendaKind.NOMINAL_GROUP].id,
        decisions=items[AgendaKind.DECISIONS].id,
        last=last,
        present=tuple(p.id for p in view.present),
        away=people["Daniel Okafor"],
    )


@pytest.fixture
def bs(services: Services) -> BrainstormService:
    return services.brainstorm


def _dump(path: Path) -> Dump:
    with closing(sqlite3.connect(path)) as db:
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in TABLES}


def _ideas(bs: BrainstormService, item: int, *texts: str) -> list[int]:
    return [bs.add_idea(item, t).idea.id for t in texts]


class Undoable(Protocol):
    @property
    def before(self) -> RowSet: ...
    @property
    def after(self) -> RowSet: ...


U = TypeVar("U", bound=Undoable)


def _undo_redo(bs: BrainstormService, path: Path, action: Callable[[], U]) -> U:
    """Run an action, then check its undo and its redo put every row back exactly."""
    before = _dump(path)
    change = action()
    after = _dump(path)
    assert after != before
    undone = bs.restore(change.before)
    assert _dump(path) == before
    assert undone == bs.view(undone.item_id)
    redone = bs.restore(change.after)
    assert _dump(path) == after
    if isinstance(change, Change):
        assert redone == change.view
    return change


# -- opening and ideas ---------------------------------------------------------------------------


def test_opening_sets_up_the_usual_settings_once(services: Services, store_path: Path, room: Room) -> None:
    bs = services.brainstorm
    item = _add_item(services, room.meeting, AgendaKind.BRAINSTORMING, "More ideas")
    settings_rows = len(_dump(store_path)["brainstorms"])
    with pytest.raises(NotAllowed):
        bs.add_idea(item, "Never opened")
    assert bs.view(item).settings == Settings() and len(_dump(store_path)["brainstorms"]) == settings_rows
    assert bs.open(item).settings == Settings()
    bs.set_attributed(item, True)
    view = bs.open(item)
    assert view.settings.attributed and len(_dump(store_path)["brainstorms"]) == settings_rows + 1
    assert (view.question, len(view.present), view.ideas) == ("More ideas", 13, ())
    assert bs.view(room.item).question == QUESTION
    with pytest.raises(NotAllowed):
        bs.open(room.decisions)  # not a brainstorm


def test_ideas_keep_their_numbers_and_numbers_are_never_reused(bs: BrainstormService, room: Room) -> None:
    first, second, third = _ideas(bs, room.item, "Buses stop at 7pm", "No youth centre", "Few summer jobs")
    assert bs.view(room.item).ideas[1].number == 2
    bs.remove_ideas([second])
    bs.remove_ideas([third])  # the highest number goes too
    added = bs.add_idea(room.item, "Library closes early")
    view = bs.view(room.item)
    assert [(i.number, i.text) for i in view.ideas] == [(1, "Buses stop at 7pm"), (4, "Library closes early")]
    assert added.idea == view.by_number(4) and view.idea(first) == view.by_number(1)


@pytest.mark.parametrize("again", ["buses  STOP at 7pm", "Ｂｕｓｅｓ stop at 7pm", " buses stop\tat 7pm "])
def test_the_same_words_again_are_refused_with_the_number_saying_them(
    bs: BrainstormService, store_path: Path, room: Room, again: str
) -> None:
    _ideas(bs, room.item, "No youth centre", "Buses stop at 7pm")
    rows = _dump(store_path)
    with pytest.raises(IdeaRefused) as refused:
        bs.add_idea(room.item, again)
    assert (refused.value.problem, refused.value.number) == (IdeaProblem.DUPLICATE, 2)
    assert _dump(store_path) == rows
    bs.add_idea(room.item, "Buses stop at 7pm.")  # punctuation makes other words


def test_blank_and_overlong_ideas_are_refused(bs: BrainstormService, room: Room) -> None:
    for wording, problem, length in [
        (" \t\n ", TextProblem.EMPTY, 0),
        ("x" * 501, TextProblem.TOO_LONG, 501),
    ]:
        with pytest.raises(InvalidText) as refused:
            bs.add_idea(room.item, wording)
        assert (refused.value.problem, refused.value.limit, refused.value.length) == (
            problem,
            IDEA_LIMIT,
            length,
        )
    assert bs.add_idea(room.item, "  " + "y" * IDEA_LIMIT + "  ").idea.text == "y" * IDEA_LIMIT
    assert bs.view(room.item).ideas[0].number == 1  # the refusals used no number


def test_ideas_are_credited_only_to_people_in_the_room(bs: BrainstormService, room: Room) -> None:
    with pytest.raises(DotsRefused) as refused:
        bs.add_idea(room.item, "Bus passes", room.away)
    assert refused.value.problem is DotProblem.NOT_PRESENT
    idea = bs.add_idea(room.item, "Bus passes", room.present[0]).idea
    assert idea.person_id == room.present[0]
    with pytest.raises(DotsRefused):
        bs.attribute(idea.id, room.away)
    assert bs.attribute(idea.id, room.present[1]).view.ideas[0].person_id == room.present[1]
    assert bs.attribute(idea.id, None).view.ideas[0].person_id is None


def test_editing_rewords_an_idea_and_keeps_its_first_wording(bs: BrainstormService, room: Room) -> None:
    buses, _ = _ideas(bs, room.item, "buses", "No youth centre")
    (idea,) = [i for i in bs.edit_idea(buses, "Buses stop running at 7pm").view.ideas if i.id == buses]
    assert (idea.text, idea.original, idea.edited) == ("Buses stop running at 7pm", "buses", True)
    assert bs.edit_idea(buses, "BUSES STOP RUNNING AT 7PM").view.ideas[0].text == "BUSES STOP RUNNING AT 7PM"
    with pytest.raises(IdeaRefused) as refused:
        bs.edit_idea(buses, "no youth centre")
    assert (refused.value.problem, refused.value.number) == (IdeaProblem.DUPLICATE, 2)
    with pytest.raises(InvalidText):
        bs.edit_idea(buses, "  ")


# -- merging, splitting and removing -------------------------------------------------------------


def test_merging_a_merged_idea_brings_its_parts_and_splitting_frees_them(
    bs: BrainstormService, store_path: Path, room: Room
) -> None:
    a, b, c, d, _ = _ideas(bs, room.item, "Transit", "Buses", "Trains", "Jobs", "Parks")
    bs.merge(b, [c])
    view = bs.merge(a, [b], "Getting around").view
    assert [(i.number, i.merged_into) for i in view.ideas] == [
        (1, None),
        (2, a),
        (3, a),
        (4, None),
        (5, None),
    ]
    assert (view.ideas[0].text, view.ideas[0].original) == ("Getting around", "Transit")
    assert [i.number for i in view.wall] == [1, 4, 5]
    rows = _dump(store_path)
    for into, others, problem, number in [
        (b, [d], IdeaProblem.MERGED_PART, 2),
        (d, [c], IdeaProblem.MERGED_PART, 3),
        (d, [d], IdeaProblem.MERGE_ITSELF, 4),
        (d, [], IdeaProblem.MERGE_NOTHING, 0),
    ]:
        with pytest.raises(IdeaRefused) as refused:
            bs.merge(into, others)
        assert (refused.value.problem, refused.value.number) == (problem, number)
    with pytest.raises(IdeaRefused) as refused:
        bs.merge(d, [a], "PARKS")  # the words of an idea that stays apart from this merge
    assert (refused.value.problem, refused.value.number) == (IdeaProblem.DUPLICATE, 5)
    assert _dump(store_path) == rows  # the merge before the refused rewording is not kept either
    with pytest.raises(IdeaRefused) as refused:
        bs.add_idea(room.item, "BUSES")  # merged away, but still the same words
    assert (refused.value.problem, refused.value.number) == (IdeaProblem.DUPLICATE, 2)
    theme = bs.add_theme(room.item, "Transport", [a]).view.themes[0].id
    view = bs.split(b).view  # one part on its own: into the theme of the idea it was in
    assert [(i.merged_into, i.theme_id) for i in view.ideas[:3]] == [(None, theme), (None, theme), (a, None)]
    bs.merge(a, [b])
    view = bs.split(a).view
    assert [(i.merged_into, i.theme_id) for i in view.ideas[:3]] == [(None, theme)] * 3
    with pytest.raises(IdeaRefused) as refused:
        bs.split(a)
    assert (refused.value.problem, refused.value.number) == (IdeaProblem.NOT_MERGED, 1)


def test_ideas_of_another_item_cannot_be_merged_or_removed_together(
    bs: BrainstormService, services: Services, room: Room
) -> None:
    other = _add_item(services, room.meeting, AgendaKind.BRAINSTORMING, "More")
    bs.open(other)
    (here,), (there,) = _ideas(bs, room.item, "Jobs"), _ideas(bs, other, "Jobs")
    together: list[Callable[[], Change]] = [
        lambda: bs.merge(here, [there]),
        lambda: bs.remove_ideas([here, there]),
    ]
    for action in together:
        with pytest.raises(IdeaRefused) as refused:
            action()
        assert refused.value.problem is IdeaProblem.OTHER_ITEM
    with pytest.raises(NotFound):
        bs.merge(here, [999_999])


def test_removing_an_idea_takes_what_was_merged_into_it(bs: BrainstormService, room: Room) -> None:
    a, b, _ = _ideas(bs, room.item, "Transit", "Buses", "Jobs")
    bs.merge(a, [b])
    assert [i.number for i in bs.remove_ideas([a]).view.ideas] == [3]
    with pytest.raises(IdeaRefused) as refused:
        bs.remove_ideas([])
    assert refused.value.problem is IdeaProblem.NOTHING_CHOSEN
    with pytest.raises(NotFound):
        bs.edit_idea(b, "Buses at night")
    with pytest.raises(IdeaRefused):
        bs.add_idea(room.item, "jobs")
    assert bs.add_idea(room.item, "transit").idea.number == 4  # a removed idea's words are free again


# -- themes --------------------------------------------------------------------------------------


def test_themes_are_added_renamed_moved_and_removed(bs: BrainstormService, room: Room) -> None:
    a, b, c, d = _ideas(bs, room.item, "Buses", "Trains", "Jobs", "Parks")
    transport = bs.add_theme(room.item, "Transport", [a, b]).view.themes[0].id
    view = bs.add_theme(room.item, "Work", [c]).view
    work = view.themes[1].id
    assert [i.number for i in view.in_theme(transport)] == [1, 2]
    assert [i.number for i in view.in_theme(None)] == [4]
    with pytest.raises(DuplicateName):
        bs.add_theme(room.item, "  work ")
    with pytest.raises(DuplicateName):
        bs.rename_theme(transport, "WORK")
    assert bs.rename_theme(work, "work").view.theme(work).name == "work"  # type: ignore[union-attr]
    with pytest.raises(InvalidText):
        bs.rename_theme(work, "")
    leisure = bs.add_theme(room.item, "Leisure").view.themes[-1].id
    view = bs.move_theme(leisure, 0).view
    assert [(t.id, t.position) for t in view.themes] == [(leisure, 0), (transport, 1), (work, 2)]
    assert [t.id for t in bs.move_theme(leisure, 99).view.themes] == [transport, work, leisure]
    view = bs.set_theme([d, a], leisure).view
    assert [i.number for i in view.in_theme(leisure)] == [1, 4]
    view = bs.remove_theme(leisure).view
    assert [(t.id, t.position) for t in view.themes] == [(transport, 0), (work, 1)]
    assert [i.number for i in view.in_theme(None)] == [1, 4]  # back among ideas not in a theme
    with pytest.raises(NotFound):
        bs.set_theme([a], leisure)
    view = bs.set_theme([a], None).view
    assert view.idea(a).theme_id is None  # type: ignore[union-attr]


def test_a_merged_part_cannot_be_put_in_a_theme_of_its_own(bs: BrainstormService, room: Room) -> None:
    a, b = _ideas(bs, room.item, "Transit", "Buses")
    bs.merge(a, [b])
    theme = bs.add_theme(room.item, "Transport").view.themes[0].id
    with pytest.raises(IdeaRefused) as refused:
        bs.set_theme([a, b], theme)
    assert (refused.value.problem, refused.value.number) == (IdeaProblem.MERGED_PART, 2)
    with pytest.raises(IdeaRefused) as refused:
        bs.set_theme([], theme)
    assert refused.value.problem is IdeaProblem.NOTHING_CHOSEN
    elsewhere = bs.add_theme(room.earlier, "Not here").view.themes[-1].id  # the sample's brainstorm
    with pytest.raises(IdeaRefused) as refused:
        bs.set_theme([a], elsewhere)
    assert refused.value.problem is IdeaProblem.OTHER_ITEM


# -- dots ----------------------------------------------------------------------------------------


def test_wall_totals_stay_within_people_present_times_dots_each(bs: BrainstormService, room: Room) -> None:
    a, b, c = _ideas(bs, room.item, "Transit", "Buses", "Jobs")
    bs.set_total(a, 40)
    bs.set_total(a, 30)  # counted again: replaces the first count
    view = bs.set_total(c, 35).view  # 65 = 13 x 5
    assert (view.summary().placed, view.summary().ceiling, view.summary().left) == (65, 65, 0)
    with pytest.raises(DotsRefused) as refused:
        bs.set_total(b, 1)
    over = refused.value
    assert (over.problem, over.asked, over.allowed, over.present, over.per_person) == (
        DotProblem.WALL_OVER, 66, 65, 13, 5,
    )  # fmt: skip
    with pytest.raises(DotsRefused) as refused:
        bs.set_total(b, -1)
    assert refused.value.problem is DotProblem.NEGATIVE
    bs.merge(a, [b])
    view = bs.set_total(b, 20).view  # counted on a merged part: the total of the idea holding it
    assert [(s.idea.number, s.dots, s.rank) for s in view.standings()] == [(3, 35, 1), (1, 20, 2)]
    assert bs.set_total(a, 0).view.summary().placed == 35


def test_a_persons_dots_replace_their_earlier_ones_and_stay_within_their_share(
    bs: BrainstormService, room: Room
) -> None:
    a, b, c = _ideas(bs, room.item, "Transit", "Buses", "Jobs")
    bs.merge(a, [b])
    bs.set_dot_entry(room.item, DotEntry.PEOPLE)
    first, second = room.present[:2]
    bs.set_person_dots(room.item, first, [3, 3, 3, 1, 1])
    view = bs.set_person_dots(room.item, first, [2, 3]).view  # on a merged part: counts for 1
    assert view.dots_of(first) == {a: 1, c: 1}
    view = bs.set_person_dots(room.item, second, [3, 3, 3, 3, 3]).view
    assert [(s.idea.number, s.dots, s.voters) for s in view.standings()] == [(3, 6, 2), (1, 1, 1)]
    summary = view.summary()
    assert (summary.placed, summary.people_done, summary.people_started) == (7, 1, 2)
    for person, numbers, problem in [
        (first, [1, 1, 1, 3, 3, 3], DotProblem.PERSON_OVER),
        (first, [1, 9], DotProblem.UNKNOWN_IDEA),
        (room.away, [1], DotProblem.NOT_PRESENT),
    ]:
        with pytest.raises(DotsRefused) as refused:
            bs.set_person_dots(room.item, person, numbers)
        assert refused.value.problem is problem
    assert bs.set_person_dots(room.item, first, []).view.dots_of(first) == {}


def test_clearing_takes_off_only_the_dots_of_the_entry_in_use(bs: BrainstormService, room: Room) -> None:
    a, _ = _ideas(bs, room.item, "Transit", "Jobs")
    bs.set_total(a, 4)
    bs.set_dot_entry(room.item, DotEntry.PEOPLE)
    bs.set_person_dots(room.item, room.present[0], [2, 2])
    view = bs.clear_dots(room.item).view
    assert view.active_dots() == () and [(d.idea_id, d.count) for d in view.dots] == [(a, 4)]
    assert bs.set_dot_entry(room.item, DotEntry.TOTALS).view.summary().placed == 4


def test_dots_per_person_cannot_drop_below_dots_already_placed(bs: BrainstormService, room: Room) -> None:
    _, b = _ideas(bs, room.item, "Transit", "Jobs")
    bs.set_person_dots(room.item, room.present[0], [1, 1, 2, 2])
    with pytest.raises(DotsRefused) as refused:
        bs.set_dots_per_person(room.item, 3)
    assert (refused.value.problem, refused.value.asked, refused.value.allowed) == (
        DotProblem.PERSON_OVER,
        4,
        3,
    )
    assert bs.set_dots_per_person(room.item, 4).view.settings.dots_per_person == 4
    bs.set_person_dots(room.item, room.present[0], [])
    bs.set_total(b, 50)
    with pytest.raises(DotsRefused) as refused:
        bs.set_dots_per_person(room.item, 3)  # 13 x 3 = 39 < 50 on the wall
    assert (refused.value.problem, refused.value.asked, refused.value.allowed) == (
        DotProblem.WALL_OVER,
        50,
        39,
    )
    for dots in (0, 21):
        with pytest.raises(InvalidValue):
            bs.set_dots_per_person(room.item, dots)
    assert bs.set_dots_per_person(room.item, 20).view.summary().ceiling == 260


def test_a_total_can_be_lowered_after_people_leave(services: Services, room: Room) -> None:
    bs = services.brainstorm
    ideas = _ideas(bs, room.item, "Transit", "Jobs", "Parks", "Housing", "Safety")
    for idea in ideas:
        bs.set_total(idea, 13)  # 65: everyone's dots
    for person in room.present[:3]:
        services.attendance.set_status(room.meeting, person, AttendanceStatus.ABSENT)
    assert bs.set_total(ideas[0], 0).view.summary().placed == 52


def test_a_voter_who_leaves_keeps_their_dots_which_can_be_lowered_but_not_raised(
    services: Services, room: Room
) -> None:
    bs = services.brainstorm
    _ideas(bs, room.item, "Transit", "Jobs", "Parks")
    bs.set_dot_entry(room.item, DotEntry.PEOPLE)
    leaver, stayer = room.present[:2]
    bs.set_person_dots(room.item, leaver, [1, 1, 2])
    bs.set_person_dots(room.item, stayer, [3, 3, 3, 3, 3])
    services.attendance.set_status(room.meeting, leaver, AttendanceStatus.ABSENT)
    view = bs.view(room.item)
    summary = view.summary()
    assert [p.id for p in view.absent_voters()] == [leaver]
    assert (summary.placed, summary.present, summary.from_absent, summary.absent_voters) == (8, 12, 3, 1)
    assert (summary.people_started, summary.people_done) == (1, 1)  # the leaver is not one of those present
    assert [(s.idea.number, s.dots) for s in view.standings()][:2] == [(3, 5), (1, 2)]
    with pytest.raises(DotsRefused) as refused:
        bs.set_person_dots(room.item, leaver, [1, 1, 2, 2])
    assert (refused.value.problem, refused.value.allowed) == (DotProblem.LEFT, 3)
    assert bs.set_person_dots(room.item, leaver, [2]).view.dots_of(leaver) != {}
    view = bs.set_person_dots(room.item, leaver, []).view
    assert view.absent_voters() == () and view.summary().from_absent == 0
    with pytest.raises(DotsRefused) as refused:  # nothing left to lower: like anyone not present
        bs.set_person_dots(room.item, leaver, [1])
    assert refused.value.problem is DotProblem.NOT_PRESENT


# -- phases --------------------------------------------------------------------------------------


def test_dropping_the_current_phase_goes_back_to_generating(bs: BrainstormService, room: Room) -> None:
    assert bs.set_phase(room.item, Phase.RESULTS).settings.phase is Phase.RESULTS
    view = bs.set_phases(room.item, [Phase.VOTE, Phase.GENERATE]).view  # generate is always there
    assert (view.settings.phases, view.settings.phase) == (frozenset({Phase.VOTE}), Phase.RESULTS)
    # Without dots, Results stays: it is where the ideas are sent on.
    assert bs.set_phases(room.item, [Phase.CLARIFY]).view.settings.phase is Phase.RESULTS
    bs.set_phases(room.item, [Phase.CLARIFY, Phase.VOTE])
    bs.set_phase(room.item, Phase.VOTE)
    view = bs.set_phases(room.item, [Phase.CLARIFY]).view  # the phase dropped: back to generating
    assert view.settings.phase is Phase.GENERATE
    bs.set_phase(room.item, Phase.CLARIFY)
    assert bs.set_phases(room.item, [Phase.CLARIFY, Phase.GROUP]).view.settings.phase is Phase.CLARIFY
    with pytest.raises(NotAllowed):
        bs.set_phase(room.item, Phase.VOTE)
    assert bs.view(room.item).settings.phase is Phase.CLARIFY
    assert bs.set_phase(room.item, Phase.RESULTS).settings.phase is Phase.RESULTS


def test_undoing_an_idea_leaves_the_room_in_its_phase(bs: BrainstormService, room: Room) -> None:
    added = bs.add_idea(room.item, "Buses stop at 7pm")
    bs.set_phase(room.item, Phase.CLARIFY)
    assert bs.restore(added.before).settings.phase is Phase.CLARIFY


# -- starting lists ------------------------------------------------------------------------------


def test_ideas_are_sent_in_the_order_given_to_a_later_nominal_group(
    bs: BrainstormService, room: Room
) -> None:
    a, b, c = _ideas(bs, room.item, "Transit", "Jobs", "Parks")
    assert [t.item_id for t in bs.targets(room.item)] == [room.nominal, room.last]
    change = bs.send(room.item, [c, a], room.last)
    assert (change.sent, change.skipped) == (2, 0)
    assert change.view == bs.view(room.item)  # the wall sent from is unchanged
    assert [(i.number, i.text, i.source_title, i.source_number) for i in bs.view(room.last).ideas] == [
        (1, "Parks", "Ideas", 3),
        (2, "Transit", "Ideas", 1),
    ]
    change = bs.send(room.item, [a, b, c], room.last)  # 1 and 3 are there already
    assert (change.sent, change.skipped) == (1, 2)
    change = bs.send(room.item, [b, b], room.last)
    assert (change.sent, change.skipped) == (0, 1)
    assert [(i.number, i.text) for i in bs.view(room.last).ideas][2:] == [(3, "Jobs")]
    listed = bs.view(room.nominal).ideas  # the sample's starting list: numbers carry on after it
    bs.send(room.item, [a], room.nominal)
    (copy,) = bs.view(room.nominal).ideas[len(listed) :]
    assert (copy.number, copy.text) == (max(i.number for i in listed) + 1, "Transit")


def test_ideas_go_only_to_later_items_that_work_through_ideas(
    bs: BrainstormService, services: Services, store_path: Path, room: Room
) -> None:
    (idea,) = _ideas(bs, room.item, "Transit")
    later = _add_item(services, room.meeting, AgendaKind.BRAINSTORMING, "More")
    bs.send(room.item, [idea], later)
    assert [(i.text, i.source_title, i.source_number) for i in bs.view(later).ideas] == [
        ("Transit", "Ideas", 1)
    ]
    assert bs.add_idea(later, "Jobs").idea.number == 2  # opened on the way, with the usual settings
    rows = _dump(store_path)
    for target in (room.earlier, room.rules, room.decisions, room.item, 999_999):
        with pytest.raises(IdeaRefused) as refused:
            bs.send(room.item, [idea], target)
        assert refused.value.problem is IdeaProblem.NO_TARGET
    with pytest.raises(IdeaRefused) as refused:
        bs.send(room.item, [], room.last)
    assert refused.value.problem is IdeaProblem.NOTHING_CHOSEN
    services.agenda.move(later, 0)  # now before the brainstorm
    with pytest.raises(IdeaRefused):
        bs.send(room.item, [idea], later)
    other_meeting = max(m.id for m in services.collaboratives.overview()[0].meetings)
    elsewhere = _add_item(services, other_meeting, AgendaKind.NOMINAL_GROUP, "Later meeting")
    with pytest.raises(IdeaRefused):
        bs.send(room.item, [idea], elsewhere)
    assert _dump(store_path) == rows


# -- undo ----------------------------------------------------------------------------------------


def test_every_action_is_undone_and_redone_exactly(
    bs: BrainstormService, services: Services, store_path: Path, room: Room
) -> None:
    item, people = room.item, room.present

    def run(action: Callable[[], U]) -> U:
        return _undo_redo(bs, store_path, action)

    a = run(lambda: bs.add_idea(item, "Transit", people[0])).idea.id
    b, c, d = (run(lambda t=t: bs.add_idea(item, t)).idea.id for t in ("Buses", "Trains", "Jobs"))  # type: ignore[misc]
    run(lambda: bs.edit_idea(a, "Getting around"))
    run(lambda: bs.attribute(b, people[1]))
    run(lambda: bs.merge(b, [c]))
    run(lambda: bs.set_total(c, 3))
    run(lambda: bs.merge(a, [b], "Getting around town"))
    run(lambda: bs.split(a))
    run(lambda: bs.merge(a, [b, c]))
    transport = run(lambda: bs.add_theme(item, "Transport", [a, d])).view.themes[0].id
    work = run(lambda: bs.add_theme(item, "Work")).view.themes[1].id
    run(lambda: bs.rename_theme(work, "Jobs and training"))
    run(lambda: bs.move_theme(work, 0))
    run(lambda: bs.set_theme([d], work))
    run(lambda: bs.remove_theme(transport))
    run(lambda: bs.set_total(a, 10))
    run(lambda: bs.set_total(d, 7))
    run(lambda: bs.clear_dots(item))
    run(lambda: bs.set_dot_entry(item, DotEntry.PEOPLE))
    run(lambda: bs.set_person_dots(item, people[2], [1, 4, 4]))
    run(lambda: bs.set_person_dots(item, people[2], [2]))
    run(lambda: bs.set_person_dots(item, people[3], [4]))
    run(lambda: bs.clear_dots(item))
    run(lambda: bs.set_attributed(item, True))
    run(lambda: bs.set_dots_per_person(item, 3))
    run(lambda: bs.set_phases(item, [Phase.VOTE]))
    run(lambda: bs.send(item, [d, a], room.nominal))
    later = _add_item(services, room.meeting, AgendaKind.BRAINSTORMING, "More")
    run(lambda: bs.send(item, [a], later))  # opens the other brainstorm too; undo closes it again
    run(lambda: bs.remove_ideas([a]))
    run(lambda: bs.remove_ideas([d]))


def test_the_samples_finished_wall_is_undone_and_redone_exactly(
    bs: BrainstormService, store_path: Path, room: Room
) -> None:
    view = bs.view(room.earlier)  # clarified, merged, in themes, dots counted off the wall
    summary = view.summary()
    assert 0 < summary.placed <= summary.ceiling == 65
    _undo_redo(bs, store_path, lambda: bs.set_total(view.standings()[0].idea.id, 0))
    held = next(i for i in view.wall if view.parts(i.id))
    first, second = [i.id for i in view.wall if i.id != held.id][:2]
    _undo_redo(bs, store_path, lambda: bs.merge(held.id, [first, second], "All of it"))
    _undo_redo(bs, store_path, lambda: bs.split(held.id))
    _undo_redo(bs, store_path, lambda: bs.remove_theme(view.themes[0].id))
    _undo_redo(bs, store_path, lambda: bs.clear_dots(room.earlier))


KINDS = (
    "add", "add", "edit", "credit", "remove", "merge", "split", "theme", "rename", "move", "unthemed", "drop",
    "put", "total", "person", "clear", "entry", "each", "phases", "attributed", "send",
)  # fmt: skip
STEPS = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 9), st.integers(0, 9), st.integers(0, 9)),
    min_size=4,
    max_size=16,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_any_sequence_of_actions_is_undone_and_redone_exactly(
    services: Services, store_path: Path, room: Room, steps: list[tuple[str, int, int, int]]
) -> None:
    bs, people = services.brainstorm, room.present
    item = _add_item(services, room.meeting, AgendaKind.BRAINSTORMING, "Again")
    target = _add_item(services, room.meeting, AgendaKind.NOMINAL_GROUP, "Then")
    bs.open(item)
    first, second, *_ = _ideas(bs, item, "Transit", "Buses", "Jobs", "Parks")  # something to work on
    bs.merge(first, [second])
    bs.add_theme(item, "Transport", [first])

    def snapshot() -> tuple[BrainstormView, BrainstormView, Dump]:
        return bs.view(item), bs.view(target), _dump(store_path)

    def step(kind: str, a: int, b: int, c: int) -> Undoable | None:
        view = bs.view(item)
        ideas, wall, themes = view.ideas, view.wall, view.themes
        pick, pick_wall = ideas[a % len(ideas)].id if ideas else 0, wall[a % len(wall)].id if wall else 0
        theme = themes[b % len(themes)].id if themes else 0
        if kind == "add":
            return bs.add_idea(item, f"Idea {a}{b}", people[c] if c % 2 else None)
        if kind == "edit" and ideas:
            return bs.edit_idea(pick, f"Idea {b}{c}" if c % 3 else f"idea {b}{c}")
        if kind == "credit" and ideas:
            return bs.attribute(pick, people[b] if c % 2 else None)
        if kind == "remove" and ideas:
            return bs.remove_ideas([pick, ideas[b % len(ideas)].id])
        if kind == "merge" and wall:
            others = [wall[b % len(wall)].id, wall[c % len(wall)].id]
            return bs.merge(pick_wall, others, f"Merged {c}" if c % 2 else None)
        if kind == "split" and ideas:
            held = [i.id for i in wall if view.parts(i.id)]
            return bs.split(held[b % len(held)] if held and c % 4 else pick)  # now and then a refusal
        if kind == "theme":
            return bs.add_theme(item, f"Theme {a}", [i.id for i in wall[b:c]])
        if kind == "rename" and themes:
            return bs.rename_theme(theme, f"Theme {c}")
        if kind == "move" and themes:
            return bs.move_theme(theme, c)
        if kind == "drop" and themes:
            return bs.remove_theme(theme)
        if kind == "put" and wall:
            return bs.set_theme([pick_wall], theme if themes and c % 3 else None)
        if kind == "total" and ideas:
            return bs.set_total(pick, b * c)
        if kind == "person" and ideas:
            return bs.set_person_dots(
                item, people[a], [ideas[n % len(ideas)].number for n in range(b, b + c % 6)]
            )
        if kind == "clear":
            return bs.clear_dots(item)
        if kind == "entry":
            return bs.set_dot_entry(item, list(DotEntry)[a % 2])
        if kind == "each":
            return bs.set_dots_per_person(item, 1 + a + b)
        if kind == "phases":
            return bs.set_phases(item, [p for n, p in enumerate(Phase) if (a >> n) & 1])
        if kind == "attributed":
            return bs.set_attributed(item, bool(a % 2))
        if kind == "send" and ideas:
            return bs.send(item, [ideas[n % len(ideas)].id for n in range(a, a + 1 + b % 3)], target)
        return None

    history = [snapshot()]
    changes: list[Undoable] = []
    for kind, a, b, c in steps:
        try:
            change = step(kind, a, b, c)
        except FacilitatorError as refused:
            tally(f"{kind} refused: {type(refused).__name__}")
            assert snapshot() == history[-1]  # a refusal changes nothing
            continue
        if change is None:
            continue
        tally(f"{kind} done")
        changes.append(change)
        history.append(snapshot())
    for index in reversed(range(len(changes))):
        bs.restore(changes[index].before)
        assert snapshot() == history[index]
    for index, change in enumerate(changes):
        bs.restore(change.after)
        assert snapshot() == history[index + 1]


# -- transactions --------------------------------------------------------------------------------


def test_each_action_writes_in_one_transaction_and_a_refusal_writes_nothing(
    services: Services, store_path: Path, room: Room
) -> None:
    bs, item = services.brainstorm, room.item
    a, b = _ideas(bs, item, "Transit", "Buses")
    actions: list[Callable[[], object]] = [
        lambda: bs.add_idea(item, "Jobs"),
        lambda: bs.merge(a, [b], "Getting around"),
        lambda: bs.add_theme(item, "Transport", [a]),
        lambda: bs.set_total(b, 4),
        lambda: bs.set_person_dots(item, room.present[0], [1, 3]),
        lambda: bs.split(a),
        lambda: bs.send(item, [a, b], room.nominal),
        lambda: bs.remove_ideas([a]),
    ]
    for action in actions:
        with transactions(services) as ended:
            action()
        assert len(ended) == 1 and ended[0] > 0, ended
    rows = _dump(store_path)
    refused: list[Callable[[], object]] = [
        lambda: bs.add_idea(item, "jobs"),
        lambda: bs.merge(b, [b]),
        lambda: bs.set_total(b, 66),
        lambda: bs.send(item, [b], room.decisions),
    ]
    for action in refused:
        with transactions(services) as ended, pytest.raises(FacilitatorError):
            action()
        assert not any(ended), ended
    assert _dump(store_path) == rows
