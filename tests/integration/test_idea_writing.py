"""Idea writing and 6-3-5 brainwriting on a real store: opening, the settings, groups made and
changed, sheets typed in with what each idea builds on, group summaries, ideas and summaries sent on
to a later item; refusals; undo by rows; one transaction per action.

The tests work in the sample's launch meeting (13 people in the room, Grace Whitfield having come
late; Daniel Okafor sent regrets, Imam Yusuf Karimi is absent) on a fresh idea-writing item added at
the end of its agenda, followed by a nominal group, a brainstorm and a discussion, so that there
are later items to send ideas to and one that cannot take them. The sample's own items come
earlier in the agenda and are left alone."""

from __future__ import annotations

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
from facilitator.techniques.idea_writing.model import (
    SUMMARY_LIMIT,
    Direction,
    Member,
    Settings,
    Step,
    Variant,
    WritingProblem,
    WritingRefused,
    WritingView,
    sector_spread,
    writer,
)
from facilitator.techniques.idea_writing.service import UNSET, Change, IdeaWritingService
from facilitator.techniques.nominal_group.model import Step as NominalStep

from .conftest import transactions

TABLES = (
    "idea_writings",
    "writing_groups",
    "writing_members",
    "ideas",
    "writing_entries",
    "writing_summaries",
)
Dump = dict[str, list[tuple[object, ...]]]
QUESTION = "How could employers, schools and congregations open more summer jobs for teenagers?"
ROUND_RANGE, SLOT_RANGE, SLOT_TAKEN = (
    WritingProblem.ROUND_RANGE,
    WritingProblem.SLOT_RANGE,
    WritingProblem.SLOT_TAKEN,
)
LATER = WritingProblem.BUILDS_ON_LATER

# The groups of six the launch meeting's 13 make, sectors mixed (worked by hand): the biggest
# sectors are dealt first round the three groups (5, 4 and 4 people), ties by sector name, each
# sector's people in the order the room lists them (by name).
GROUPS_OF_SIX = (
    ("Joe Kowalski", "Grace Whitfield", "Dr. Ellen Park", "Rosa Delgado", "Nadia Petrova"),
    ("Leila Haddad", "Priya Raman", "Linda Cho", "Hannah Fischer"),
    ("Marcus Bell", "Tomás Herrera", "Kwame Mensah", "Rev. Samuel Ayodele"),
)


@dataclass(frozen=True)
class Room:
    meeting: int
    item: int  # a fresh idea-writing item at the end of the agenda
    nominal: int  # a nominal group after it
    brainstorm: int  # a brainstorm after it, never opened
    talk: int  # a discussion after it: not something ideas can be sent to
    earlier: int  # the sample's brainstorm, earlier in the agenda
    present: tuple[int, ...]  # the 13 in the room, as the view lists them (by name)
    people: dict[str, int]  # everyone in the collaborative, by name
    away: int  # sent regrets
    absent: int


def _add_item(services: Services, meeting: int, kind: AgendaKind, title: str, prompt: str = "") -> int:
    return services.agenda.add(meeting, AgendaFields(kind, title, prompt, 30)).id


@pytest.fixture
def sample(services: Services) -> Room:
    """The sample's launch meeting with a fresh idea-writing item and three after it, not opened."""
    services.sample.create()
    (summary,) = services.collaboratives.overview()
    launch = min(m.id for m in summary.meetings)
    items = {i.kind: i.id for i in services.agenda.for_meeting(launch)}
    item = _add_item(services, launch, AgendaKind.IDEA_WRITING, "Summer jobs", QUESTION)
    nominal = _add_item(services, launch, AgendaKind.NOMINAL_GROUP, "Which to try first")
    brainstorm = _add_item(services, launch, AgendaKind.BRAINSTORMING, "More ways in")
    talk = _add_item(services, launch, AgendaKind.DISCUSSION, "Who does what")
    people = {p.name: p.id for p in services.people.for_collaborative(summary.id)}
    return Room(
        meeting=launch,
        item=item,
        nominal=nominal,
        brainstorm=brainstorm,
        talk=talk,
        earlier=items[AgendaKind.BRAINSTORMING],
        present=tuple(p.id for p in services.idea_writing.view(item).present),
        people=people,
        away=people["Daniel Okafor"],
        absent=people["Imam Yusuf Karimi"],
    )


@pytest.fixture
def room(services: Services, sample: Room) -> Room:
    """The same, opened with the usual settings (6-3-5)."""
    services.idea_writing.open(sample.item)
    return sample


@pytest.fixture
def grouped(services: Services, room: Room) -> Room:
    """The same, with the room in groups of six (A, B, C of 5, 4 and 4), sectors mixed."""
    services.idea_writing.make_groups(room.item)
    return room


@pytest.fixture
def iw(services: Services) -> IdeaWritingService:
    return services.idea_writing


def _dump(path: Path, item: int, target: int = 0) -> Dump:
    """The item's rows in the six tables the technique keeps; with a target, also the target's
    ideas and its brainstorm settings (a send may open it)."""
    with closing(sqlite3.connect(path)) as db:
        rows = {
            table: db.execute(f"SELECT * FROM {table} WHERE item_id = ? ORDER BY 1", (item,)).fetchall()
            for table in TABLES
        }
        if target:
            for name, table in (("target ideas", "ideas"), ("target brainstorm", "brainstorms")):
                rows[name] = db.execute(
                    f"SELECT * FROM {table} WHERE item_id = ? ORDER BY 1", (target,)
                ).fetchall()
    return rows


def _idea_row(path: Path, idea_id: int) -> tuple[object, ...]:
    """number, text, original, key, person, deleted of one idea."""
    with closing(sqlite3.connect(path)) as db:
        return db.execute(
            "SELECT number, text, original, key, person_id, deleted_at IS NOT NULL FROM ideas WHERE id = ?",
            (idea_id,),
        ).fetchone()


def _sheets(view: WritingView) -> dict[str, Member]:
    """Every sheet by the code printed on it."""
    return {view.code(m.id): m for m in view.members()}


def _type(iw: IdeaWritingService, member: Member, round_number: int, slot: int, words: str,
          builds_on: int | None = UNSET) -> int:  # fmt: skip
    """Type in an idea; its id (the newest idea has the highest number)."""
    return iw.add_entry(member.id, round_number, slot, words, builds_on).view.entries[-1].id


def _undo_redo(
    iw: IdeaWritingService, path: Path, item: int, action: Callable[[], Change], target: int = 0
) -> Change:
    """Run an action, then check its undo and its redo put the item's rows back exactly."""
    before = _dump(path, item, target)
    change = action()
    after = _dump(path, item, target)
    assert after != before
    undone = iw.restore(change.before)
    assert _dump(path, item, target) == before
    assert undone == iw.view(item)
    redone = iw.restore(change.after)
    assert _dump(path, item, target) == after
    assert redone == change.view == iw.view(item)
    return change


# -- opening -------------------------------------------------------------------------------------


def test_opening_sets_up_6_3_5_once_and_nothing_changes_before(
    iw: IdeaWritingService, store_path: Path, sample: Room
) -> None:
    item = sample.item
    never_opened: list[Callable[[], object]] = [
        lambda: iw.set_variant(item, Variant.IDEA_WRITING),
        lambda: iw.set_numbers(item, group_size=4, ideas_per_round=3, minutes_per_round=5, rounds=4),
        lambda: iw.set_mix_sectors(item, False),
        lambda: iw.set_direction(item, Direction.RIGHT),
        lambda: iw.set_extra(item, 3, 2),
        lambda: iw.make_groups(item),
        lambda: iw.move_person(item, sample.present[0], None),
        lambda: iw.send(item, [1], [], sample.nominal),
    ]
    for action in never_opened:
        with pytest.raises(NotAllowed):
            action()
    view = iw.view(item)  # reading does not open it
    assert view.settings == Settings() and _dump(store_path, item)["idea_writings"] == []
    assert (view.title, view.question, view.groups, view.entries, view.summaries) == (
        "Summer jobs",
        QUESTION,
        (),
        (),
        (),
    )
    in_room = {p.id for p in view.present}
    assert len(in_room) == 13 and sample.away not in in_room and sample.absent not in in_room
    assert view.sectors[sample.people["Hannah Fischer"]] == "Business"

    view = iw.open(item)
    assert view.settings == Settings()
    chosen = view.settings
    assert (chosen.variant, chosen.group_size, chosen.ideas_per_round, chosen.minutes_per_round, chosen.rounds) == (
        Variant.BRAINWRITING, 6, 3, 5, 6,
    )  # fmt: skip
    assert (chosen.mix_sectors, chosen.direction, chosen.extra, chosen.step, chosen.round) == (
        True, Direction.LEFT, (), Step.SET_UP, 0,
    )  # fmt: skip
    with closing(sqlite3.connect(store_path)) as db:
        stored = db.execute(
            "SELECT variant, group_size, ideas_per_round, minutes_per_round, rounds, mix_sectors, direction,"
            " extra, step, round, report_group FROM idea_writings WHERE item_id = ?",
            (item,),
        ).fetchall()
    assert stored == [("brainwriting", 6, 3, 5, 6, 1, "left", "{}", "set_up", 0, 0)]

    iw.set_numbers(item, group_size=5, ideas_per_round=2, minutes_per_round=7, rounds=5)
    again = iw.open(item)  # opening again keeps what was chosen
    assert (again.settings.group_size, again.settings.rounds) == (5, 5)
    assert len(_dump(store_path, item)["idea_writings"]) == 1
    for other in (sample.nominal, sample.brainstorm, sample.earlier, sample.talk):
        with pytest.raises(NotAllowed):
            iw.open(other)
        with pytest.raises(NotAllowed):
            iw.set_step(other, Step.WRITING)
        assert _dump(store_path, other)["idea_writings"] == []
    with pytest.raises(NotFound):
        iw.open(999_999)
    with pytest.raises(NotFound):
        iw.view(999_999)


def test_where_the_room_is_opens_the_item_and_keeps_to_the_rounds(
    iw: IdeaWritingService, store_path: Path, sample: Room
) -> None:
    item = sample.item
    assert iw.set_step(item, Step.WRITING).settings.step is Step.WRITING  # opened on the way
    assert len(_dump(store_path, item)["idea_writings"]) == 1
    assert iw.set_round(item, 6).settings.round == 6
    for wrong in (-1, 7):
        with pytest.raises(WritingRefused) as refused:
            iw.set_round(item, wrong)
        assert (refused.value.problem, refused.value.number, refused.value.limit) == (ROUND_RANGE, wrong, 6)
    view = iw.make_groups(item).view  # 5, 4 and 4: five rounds, so everyone writes on each sheet once
    assert (view.settings.rounds, view.settings.round) == (5, 5)
    assert iw.set_round(item, 0).settings.round == 0
    assert iw.set_report_group(item, view.groups[1].id).settings.report_group == view.groups[1].id
    assert iw.view(item).settings.step is Step.WRITING


# -- settings ------------------------------------------------------------------------------------


def test_a_variant_brings_its_usual_numbers_and_keeps_the_other_choices(
    iw: IdeaWritingService, room: Room
) -> None:
    item = room.item
    iw.set_numbers(item, group_size=8, ideas_per_round=5, minutes_per_round=9, rounds=10)
    iw.set_mix_sectors(item, False)
    iw.set_direction(item, Direction.RIGHT)
    iw.set_extra(item, 3, 2)
    iw.set_step(item, Step.WRITING)
    iw.set_round(item, 2)
    chosen = iw.set_variant(item, Variant.IDEA_WRITING).view.settings
    assert chosen == Settings(
        variant=Variant.IDEA_WRITING, group_size=4, ideas_per_round=3, minutes_per_round=5, rounds=4,
        mix_sectors=False, direction=Direction.RIGHT, extra=((3, 2),), step=Step.WRITING, round=2,
    )  # fmt: skip
    chosen = iw.set_variant(item, Variant.BRAINWRITING).view.settings
    assert (chosen.variant, chosen.group_size, chosen.ideas_per_round, chosen.minutes_per_round, chosen.rounds) == (
        Variant.BRAINWRITING, 6, 3, 5, 6,
    )  # fmt: skip
    assert (chosen.mix_sectors, chosen.direction, chosen.extra) == (False, Direction.RIGHT, ((3, 2),))


def test_the_numbers_stay_within_their_ranges(iw: IdeaWritingService, store_path: Path, room: Room) -> None:
    item = room.item
    usual = {"group_size": 6, "ideas_per_round": 3, "minutes_per_round": 5, "rounds": 6}
    rows = _dump(store_path, item)
    for name, low, high in (("group_size", 2, 12), ("ideas_per_round", 1, 6), ("minutes_per_round", 1, 60),
                            ("rounds", 1, 12)):  # fmt: skip
        for wrong in (low - 1, high + 1):
            with pytest.raises(InvalidValue) as refused:
                iw.set_numbers(item, **(usual | {name: wrong}))
            assert (refused.value.field, refused.value.value, refused.value.low, refused.value.high) == (
                name,
                wrong,
                low,
                high,
            )
    assert _dump(store_path, item) == rows
    lowest = iw.set_numbers(
        item, group_size=2, ideas_per_round=1, minutes_per_round=1, rounds=1
    ).view.settings
    assert (lowest.group_size, lowest.ideas_per_round, lowest.minutes_per_round, lowest.rounds) == (
        2,
        1,
        1,
        1,
    )
    top = iw.set_numbers(
        item, group_size=12, ideas_per_round=6, minutes_per_round=60, rounds=12
    ).view.settings
    assert (top.group_size, top.ideas_per_round, top.minutes_per_round, top.rounds) == (12, 6, 60, 12)

    iw.set_round(item, 10)
    view = iw.set_numbers(item, **usual).view  # fewer rounds than the one being written
    assert (view.settings.rounds, view.settings.round) == (6, 6)


def test_extra_minutes_go_to_one_round_at_a_time(
    iw: IdeaWritingService, store_path: Path, room: Room
) -> None:
    item = room.item
    iw.set_extra(item, 5, 3)
    chosen = iw.set_extra(item, 6, 5).view.settings
    assert chosen.extra == ((5, 3), (6, 5))
    assert [chosen.minutes_of(r) for r in range(1, 7)] == [5, 5, 5, 5, 8, 10]
    assert iw.set_extra(item, 5, 0).view.settings.extra == ((6, 5),)  # none: taken off
    rows = _dump(store_path, item)
    for minutes in (-1, 61):
        with pytest.raises(InvalidValue):
            iw.set_extra(item, 3, minutes)
    for round_number in (0, 7):
        with pytest.raises(WritingRefused) as refused:
            iw.set_extra(item, round_number, 2)
        assert (refused.value.problem, refused.value.number, refused.value.limit) == (
            ROUND_RANGE,
            round_number,
            6,
        )
    assert _dump(store_path, item) == rows


def test_rounds_and_places_that_typed_ideas_use_cannot_be_cut(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    sheet = _sheets(iw.view(item))["A2"]  # a group of five: five rounds
    fifth = _type(iw, sheet, 5, 3, "Paid trial days at the hardware store")
    rows = _dump(store_path, item)
    # Said as "typed in as far as": the sheets cannot shrink under ideas already on them.
    beyond = WritingProblem.TYPED_BEYOND
    for rounds, ideas, problem, number, limit in ((4, 3, beyond, 5, 4), (5, 2, beyond, 3, 2)):
        with pytest.raises(WritingRefused) as refused:
            iw.set_numbers(item, group_size=6, ideas_per_round=ideas, minutes_per_round=5, rounds=rounds)
        assert (refused.value.problem, refused.value.number, refused.value.limit) == (problem, number, limit)
    assert _dump(store_path, item) == rows
    chosen = iw.set_numbers(
        item, group_size=4, ideas_per_round=3, minutes_per_round=8, rounds=5
    ).view.settings
    assert (chosen.group_size, chosen.rounds, chosen.minutes_per_round) == (4, 5, 8)  # down to what is used
    iw.remove_entry(fifth)  # a removed idea holds no place
    chosen = iw.set_numbers(
        item, group_size=6, ideas_per_round=1, minutes_per_round=5, rounds=1
    ).view.settings
    assert (chosen.ideas_per_round, chosen.rounds) == (1, 1)


def test_changing_the_variant_cannot_leave_typed_ideas_outside_their_sheet(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    iw.set_numbers(item, group_size=6, ideas_per_round=5, minutes_per_round=5, rounds=5)
    _type(iw, _sheets(iw.view(item))["A1"], 5, 5, "Paid trial days at the hardware store")
    rows = _dump(store_path, item)
    try:
        view = iw.set_variant(item, Variant.BRAINWRITING).view  # the usual 3 ideas a round
    except WritingRefused as refused:  # refusing, as set_numbers does, would do
        assert refused.problem is WritingProblem.TYPED_BEYOND
        assert _dump(store_path, item) == rows
        return
    for entry in view.entries:  # so would keeping the numbers the ideas need
        assert entry.round <= view.rounds_on(entry.member_id)
        assert entry.slot <= view.settings.ideas_per_round


# -- groups --------------------------------------------------------------------------------------


def test_everyone_present_goes_into_one_group_with_the_sectors_mixed(
    iw: IdeaWritingService, store_path: Path, room: Room
) -> None:
    view = iw.make_groups(room.item).view
    names = {p.id: p.name for p in view.present}
    assert tuple(tuple(m.name for m in g.members) for g in view.groups) == GROUPS_OF_SIX
    assert [(g.position, g.letter) for g in view.groups] == [(0, "A"), (1, "B"), (2, "C")]
    placed = [m.person_id for m in view.members()]
    assert sorted(placed) == sorted(room.present)  # everyone in the room, once
    assert room.away not in placed and room.absent not in placed
    for group in view.groups:
        assert [m.seat for m in group.members] == list(range(1, len(group.members) + 1))
        assert {m.group_id for m in group.members} == {group.id}
        assert all(
            m.name == names[m.person_id] and m.sector == view.sectors[m.person_id] for m in group.members
        )
    spread = sector_spread([[m.person_id for m in g.members] for g in view.groups], view.sectors)
    assert all(max(counts) - min(counts) <= 1 for counts in spread.values()), spread
    assert spread["Community resident"] == spread["Nonprofit"] == (1, 1, 1)
    assert view.settings.rounds == 5  # as many rounds as the biggest group has people
    assert len(_dump(store_path, room.item)["writing_members"]) == 13


def test_without_mixing_neighbours_in_the_list_stay_together(iw: IdeaWritingService, room: Room) -> None:
    iw.set_mix_sectors(room.item, False)
    iw.set_numbers(room.item, group_size=4, ideas_per_round=3, minutes_per_round=5, rounds=4)
    view = iw.make_groups(room.item).view
    assert [len(g.members) for g in view.groups] == [4, 3, 3, 3]
    assert tuple(m.person_id for m in view.members()) == room.present  # in the room's order


def test_new_groups_replace_the_old_ones_until_sheets_are_typed_in(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    first = iw.view(item)
    iw.add_summary(first.groups[0].id, "A written summary")
    iw.set_numbers(item, group_size=4, ideas_per_round=3, minutes_per_round=5, rounds=6)
    view = iw.make_groups(item).view
    assert [len(g.members) for g in view.groups] == [4, 3, 3, 3]
    assert [g.letter for g in view.groups] == ["A", "B", "C", "D"]
    assert sorted(m.person_id for m in view.members()) == sorted(grouped.present)
    assert view.summaries == ()  # the old groups' summaries went with them
    rows = _dump(store_path, item)
    assert (len(rows["writing_groups"]), len(rows["writing_members"])) == (4, 13)

    idea = _type(iw, _sheets(view)["C2"], 1, 1, "Paid trial days at the hardware store")
    rows = _dump(store_path, item)
    with pytest.raises(NotAllowed) as refused:
        iw.make_groups(item)
    assert refused.value.reason == "sheets already typed in"
    assert _dump(store_path, item) == rows
    iw.remove_entry(idea)  # nothing typed in any more: the groups can be made again
    assert len(iw.make_groups(item).view.groups) == 4


def test_groups_need_someone_in_the_room(services: Services, iw: IdeaWritingService, room: Room) -> None:
    for person in room.present:
        services.attendance.set_status(room.meeting, person, AttendanceStatus.ABSENT)
    with pytest.raises(WritingRefused) as refused:
        iw.make_groups(room.item)
    assert refused.value.problem is WritingProblem.NOBODY


def test_moving_people_between_groups_closes_up_the_seats(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    view = iw.view(item)
    a, b, c = view.groups
    moved = a.members[1]  # Grace Whitfield, seat 2 of A
    view = iw.move_person(item, moved.person_id, b.id).view
    a2, b2, _c = view.groups
    assert [(m.name, m.seat) for m in a2.members] == [
        ("Joe Kowalski", 1), ("Dr. Ellen Park", 2), ("Rosa Delgado", 3), ("Nadia Petrova", 4),
    ]  # fmt: skip
    assert [(m.name, m.seat) for m in b2.members][-1] == ("Grace Whitfield", 5)  # at the end
    assert _sheets(view)["B5"].person_id == moved.person_id

    rows = _dump(store_path, item)
    unchanged = iw.move_person(item, moved.person_id, b.id)  # already there
    assert unchanged.before == unchanged.after and _dump(store_path, item) == rows

    out = c.members[0].person_id  # Marcus Bell
    view = iw.move_person(item, out, None).view  # out of every group
    assert out not in {m.person_id for m in view.members()}
    assert [m.seat for m in view.groups[2].members] == [1, 2, 3]
    rows = _dump(store_path, item)
    nowhere = iw.move_person(item, out, None)  # in no group and sent to none: nothing changes
    assert nowhere.before == nowhere.after and _dump(store_path, item) == rows
    view = iw.move_person(item, out, a.id).view  # and back into one
    assert view.groups[0].members[-1].person_id == out
    assert sorted(m.person_id for m in view.members()) == sorted(grouped.present)


def test_someone_who_came_late_joins_a_group_and_someone_away_cannot(
    services: Services, iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item, late = grouped.item, grouped.absent
    c = iw.view(item).groups[2]
    rows = _dump(store_path, item)
    for person in (late, grouped.away):
        with pytest.raises(WritingRefused) as refused:
            iw.move_person(item, person, c.id)
        assert refused.value.problem is WritingProblem.NOT_PRESENT
    assert _dump(store_path, item) == rows
    services.attendance.set_status(grouped.meeting, late, AttendanceStatus.LATE)
    view = iw.move_person(item, late, c.id).view
    joined = view.groups[2].members[-1]
    assert (joined.person_id, joined.seat, joined.name, joined.sector) == (
        late,
        5,
        "Imam Yusuf Karimi",
        "Faith",
    )
    assert view.code(joined.id) == "C5"


def test_a_move_needs_a_group_of_this_item_and_a_typed_sheet_stays_put(
    services: Services, iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    view = iw.view(item)
    other = _add_item(services, grouped.meeting, AgendaKind.IDEA_WRITING, "Another")
    iw.open(other)
    elsewhere = iw.make_groups(other).view.groups[0].id
    typed = _sheets(view)["B2"]
    _type(iw, typed, 1, 1, "Paid trial days at the hardware store")
    rows = _dump(store_path, item)
    for group in (elsewhere, 999_999):
        with pytest.raises(WritingRefused) as refused:
            iw.move_person(item, view.groups[0].members[0].person_id, group)
        assert refused.value.problem is WritingProblem.NO_GROUPS
    for group in (view.groups[0].id, None):
        with pytest.raises(NotAllowed) as held:
            iw.move_person(item, typed.person_id, group)
        assert held.value.reason == "this sheet is already typed in"
    assert _dump(store_path, item) == rows


def test_the_last_person_cannot_leave_a_group_empty(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    _a, b, c = iw.view(item).groups
    for member in c.members[:-1]:
        iw.move_person(item, member.person_id, b.id)
    rows = _dump(store_path, item)
    with pytest.raises(WritingRefused) as refused:
        iw.move_person(item, c.members[-1].person_id, b.id)
    assert refused.value.problem is WritingProblem.EMPTY_GROUP
    assert _dump(store_path, item) == rows


def test_a_move_leaves_the_code_and_writers_of_typed_sheets_as_they_were(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    view = iw.view(item)
    typed = _sheets(view)["A3"]
    _type(iw, typed, 1, 1, "Paid trial days at the hardware store")
    _type(iw, typed, 5, 1, "A jobs fair in May")  # the last of its five rows
    seat_four = _sheets(view)["A4"].person_id  # writes on A3 in round 2, passing left
    try:
        view = iw.move_person(item, view.groups[0].members[0].person_id, view.groups[1].id).view
    except FacilitatorError:  # refusing the move would do
        return
    assert view.code(typed.id) == "A3"  # found again by the mark on the paper
    assert all(e.round <= view.rounds_on(typed.id) for e in view.on_sheet(typed.id))  # no row lost
    second = _type(iw, typed, 2, 1, "Mentors from the congregations")
    assert _idea_row(store_path, second)[4] == seat_four


# -- typing the sheets in ------------------------------------------------------------------------


def test_ideas_are_numbered_and_build_on_the_idea_above_unless_told(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    view = iw.view(grouped.item)
    a1, b1 = _sheets(view)["A1"], _sheets(view)["B1"]
    first = _type(iw, a1, 1, 1, "  Paid trial\tdays at the  hardware store ")
    assert _idea_row(store_path, first) == (
        1,
        "Paid trial days at the hardware store",
        "Paid trial days at the hardware store",
        idea_key("Paid trial days at the hardware store"),
        a1.person_id,
        0,
    )
    second = _type(iw, a1, 1, 2, "A summer jobs fair at the high school")
    third = _type(iw, a1, 1, 3, "Church halls as places to interview")
    above = _type(iw, a1, 2, 1, "Trial days paid by the council")
    none = _type(iw, a1, 2, 2, "Bus passes for teens with a job", builds_on=None)
    told = _type(iw, a1, 2, 3, "Interview practice after Friday prayers", builds_on=first)
    gap = _type(iw, a1, 4, 1, "A list of employers who hire under-18s")  # nothing typed above it
    other = _type(iw, b1, 2, 2, "Ask the Chamber of Commerce")  # another sheet: nothing above
    view = iw.view(grouped.item)
    assert [(e.number, e.member_id, e.round, e.slot, e.builds_on) for e in view.entries] == [
        (1, a1.id, 1, 1, None),
        (2, a1.id, 1, 2, None),
        (3, a1.id, 1, 3, None),
        (4, a1.id, 2, 1, first),
        (5, a1.id, 2, 2, None),
        (6, a1.id, 2, 3, first),
        (7, a1.id, 4, 1, None),
        (8, b1.id, 2, 2, None),
    ]
    assert [e.id for e in view.entries] == [first, second, third, above, none, told, gap, other]
    _type(iw, a1, 3, 1, "Council pays the first week")
    assert iw.view(grouped.item).entries[-1].builds_on == above


def test_the_idea_is_credited_to_whoever_wrote_that_row(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    view = iw.view(item)
    a = view.groups[0]
    seat = {m.seat: m.person_id for m in a.members}
    a3 = _sheets(view)["A3"]
    # Passing left, A3 is written by seats 3, 4, 5, 1 and 2: five people, five rounds.
    assert view.rounds_on(a3.id) == 5
    for round_number, expected in zip(range(1, 6), (3, 4, 5, 1, 2), strict=True):
        idea = _type(iw, a3, round_number, 1, f"Left, round {round_number}")
        assert _idea_row(store_path, idea)[4] == seat[expected], round_number
        assert writer(3, round_number, 5, Direction.LEFT) == expected
    iw.set_direction(item, Direction.RIGHT)  # passing right: seats 3, 2, 1, 5 and 4
    for round_number, expected in zip(range(1, 6), (3, 2, 1, 5, 4), strict=True):
        idea = _type(iw, a3, round_number, 2, f"Right, round {round_number}")
        assert _idea_row(store_path, idea)[4] == seat[expected], round_number


def test_ideas_off_the_sheet_are_refused_and_change_nothing(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    sheets = _sheets(iw.view(item))
    a1, a2 = sheets["A1"], sheets["A2"]
    first = _type(iw, a1, 1, 1, "Paid trial days at the hardware store")
    second = _type(iw, a1, 2, 2, "Trial days paid by the council")
    neighbour = _type(iw, a2, 1, 1, "A summer jobs fair")
    brainstorm_idea = _brainstorm_idea(store_path, grouped.earlier)
    rows = _dump(store_path, item)
    refusals: list[tuple[Callable[[], object], WritingProblem, int, int]] = [
        (lambda: iw.add_entry(a1.id, 0, 1, "x"), ROUND_RANGE, 0, 5),
        (lambda: iw.add_entry(a1.id, 6, 1, "x"), ROUND_RANGE, 6, 5),  # five in group A: five rows
        (lambda: iw.add_entry(a1.id, 3, 0, "x"), SLOT_RANGE, 0, 3),
        (lambda: iw.add_entry(a1.id, 3, 4, "x"), SLOT_RANGE, 4, 3),
        (lambda: iw.add_entry(a1.id, 1, 1, "x"), SLOT_TAKEN, 1, 1),
        (lambda: iw.add_entry(a1.id, 2, 1, "x", second), LATER, 2, 2),  # the same round
        (lambda: iw.add_entry(a1.id, 1, 2, "x", second), LATER, 2, 1),  # a later round
        (lambda: iw.add_entry(a1.id, 1, 3, "x", first), LATER, 1, 1),  # the first row builds on nothing
        (lambda: iw.add_entry(a1.id, 3, 1, "x", neighbour), LATER, 3, 3),  # another sheet
        (lambda: iw.add_entry(a2.id, 2, 1, "x", first), LATER, 1, 2),
    ]
    for action, problem, number, limit in refusals:
        with pytest.raises(WritingRefused) as refused:
            action()
        assert (refused.value.problem, refused.value.number, refused.value.limit) == (problem, number, limit)
    for foreign in (brainstorm_idea, 999_999):
        with pytest.raises(IdeaRefused) as other:
            iw.add_entry(a1.id, 3, 1, "x", foreign)
        assert other.value.problem is IdeaProblem.OTHER_ITEM
    for wording, problem, length in (
        (" \t\n ", TextProblem.EMPTY, 0),
        ("x" * 501, TextProblem.TOO_LONG, 501),
    ):
        with pytest.raises(InvalidText) as bad:
            iw.add_entry(a1.id, 3, 1, wording)
        assert (bad.value.problem, bad.value.limit, bad.value.length) == (problem, IDEA_LIMIT, length)
    with pytest.raises(NotFound):
        iw.add_entry(999_999, 1, 1, "Nowhere")
    assert _dump(store_path, item) == rows
    longest = iw.add_entry(a1.id, 3, 1, "y" * IDEA_LIMIT).view.entries[-1]
    assert (longest.number, longest.text, longest.builds_on) == (4, "y" * IDEA_LIMIT, None)


def _brainstorm_idea(path: Path, item: int) -> int:
    with closing(sqlite3.connect(path)) as db:
        (idea,) = db.execute("SELECT MIN(id) FROM ideas WHERE item_id = ?", (item,)).fetchone()
    return int(idea)


def test_a_half_typed_sheet_shows_its_progress(iw: IdeaWritingService, grouped: Room) -> None:
    item = grouped.item
    sheets = _sheets(iw.view(item))
    b2, c4 = sheets["A2"], sheets["C4"]
    for round_number, slot in ((3, 2), (1, 3), (1, 1), (5, 1)):  # out of order, a row skipped
        _type(iw, b2, round_number, slot, f"Round {round_number}, place {slot}")
    view = iw.view(item)
    assert view.progress(b2.id) == (3, 5)
    assert view.progress(c4.id) == (0, 4)  # a group of four: four rows
    assert [(e.round, e.slot) for e in view.on_sheet(b2.id)] == [(1, 1), (1, 3), (3, 2), (5, 1)]
    assert view.on_sheet(c4.id) == ()
    assert [view.code(m.id) for m in (b2, c4)] == ["A2", "C4"]
    with pytest.raises(WritingRefused) as refused:
        iw.add_entry(c4.id, 5, 1, "A fifth row")
    assert (refused.value.problem, refused.value.number, refused.value.limit) == (ROUND_RANGE, 5, 4)


def test_a_pad_has_a_row_for_each_person_in_its_group(
    iw: IdeaWritingService, store_path: Path, room: Room
) -> None:
    item = room.item
    iw.set_variant(item, Variant.IDEA_WRITING)  # groups of four: 4, 3, 3, 3
    view = iw.make_groups(item).view
    assert view.settings.rounds == 4  # left as set: each pad has its own
    a1, b1 = _sheets(view)["A1"], _sheets(view)["B1"]
    assert (view.rounds_on(a1.id), view.rounds_on(b1.id)) == (4, 3)
    _type(iw, b1, 1, 1, "Paid trial days at the hardware store")
    _type(iw, b1, 3, 1, "Trial days the council pays for")
    view = iw.view(item)
    assert view.progress(b1.id) == (2, 3)
    rows = _dump(store_path, item)
    with pytest.raises(WritingRefused) as refused:
        iw.add_entry(b1.id, 4, 1, "One too many")
    assert (refused.value.problem, refused.value.number, refused.value.limit) == (ROUND_RANGE, 4, 3)
    assert _dump(store_path, item) == rows
    assert iw.view(item).entries[-1].builds_on is None  # round 3 had nothing above it in round 2


def test_the_room_can_be_taken_to_every_round_a_pad_has(iw: IdeaWritingService, room: Room) -> None:
    item = room.item
    iw.set_variant(item, Variant.IDEA_WRITING)
    iw.set_numbers(item, group_size=6, ideas_per_round=3, minutes_per_round=5, rounds=4)
    view = iw.make_groups(item).view  # 5, 4 and 4
    a1 = _sheets(view)["A1"]
    assert view.rounds_on(a1.id) == 5
    _type(iw, a1, 5, 1, "A reaction in the fifth round")  # typed in: so it was written
    assert iw.set_round(item, 5).settings.round == 5


# -- changing typed ideas ------------------------------------------------------------------------


def test_ideas_can_be_reworded_and_given_something_else_to_build_on(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    sheets = _sheets(iw.view(item))
    a1, a2 = sheets["A1"], sheets["A2"]
    first = _type(iw, a1, 1, 1, "Paid trial days at the hardware store")
    second = _type(iw, a1, 1, 2, "A summer jobs fair")
    third = _type(iw, a1, 3, 2, "Council pays the first week", builds_on=None)
    neighbour = _type(iw, a2, 1, 1, "Mentors from the congregations")
    view = iw.edit_entry(first, "  Paid trial days at  Fischer Hardware ").view
    entry = view.entry(first)
    assert entry is not None and (entry.number, entry.text, entry.round, entry.slot) == (
        1,
        "Paid trial days at Fischer Hardware",
        1,
        1,
    )
    assert _idea_row(store_path, first)[1:4] == (
        "Paid trial days at Fischer Hardware",
        "Paid trial days at the hardware store",  # the words first typed are kept
        idea_key("Paid trial days at Fischer Hardware"),
    )
    assert iw.set_builds_on(third, second).view.entry(third).builds_on == second  # type: ignore[union-attr]
    assert iw.set_builds_on(third, first).view.entry(third).builds_on == first  # type: ignore[union-attr]
    assert iw.set_builds_on(third, None).view.entry(third).builds_on is None  # type: ignore[union-attr]
    rows = _dump(store_path, item)
    with pytest.raises((IdeaRefused, WritingRefused)):
        iw.set_builds_on(third, third)  # not on itself
    with pytest.raises(IdeaRefused) as refused:
        iw.set_builds_on(third, 999_999)
    assert refused.value.problem is IdeaProblem.OTHER_ITEM
    with pytest.raises(WritingRefused) as later:
        iw.set_builds_on(third, neighbour)  # another sheet
    assert later.value.problem is LATER
    with pytest.raises(WritingRefused) as later:
        iw.set_builds_on(first, second)  # the same round
    assert later.value.problem is LATER
    with pytest.raises(InvalidText):
        iw.edit_entry(first, "   ")
    brainstorm_idea = _brainstorm_idea(store_path, grouped.earlier)
    for action in (
        lambda: iw.edit_entry(brainstorm_idea, "Mine now"),
        lambda: iw.set_builds_on(brainstorm_idea, None),
    ):
        with pytest.raises(NotFound):
            action()
    assert _dump(store_path, item) == rows


def test_a_removed_idea_leaves_what_built_on_it_and_summaries_keep_its_words(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    view = iw.view(item)
    a1 = _sheets(view)["A1"]
    first = _type(iw, a1, 1, 1, "Paid trial days at the hardware store")
    above = _type(iw, a1, 2, 1, "Trial days paid by the council")
    told = _type(iw, a1, 3, 2, "A trial week, then a summer job", builds_on=first)
    picked = iw.add_summary(view.groups[0].id, idea_id=first).view.summaries[0]
    assert (picked.text, picked.idea_id) == ("Paid trial days at the hardware store", first)
    view = iw.remove_entry(first).view
    assert view.entry(first) is None and [e.id for e in view.entries] == [above, told]
    assert view.entry(above).builds_on is None and view.entry(told).builds_on is None  # type: ignore[union-attr]
    (summary,) = view.summaries
    assert (summary.text, summary.idea_id) == ("Paid trial days at the hardware store", None)
    assert _idea_row(store_path, first)[5] == 1  # kept, marked removed: its number is never given again
    again = _type(iw, a1, 1, 1, "Paid trial days at the hardware store")  # its place is free again
    assert iw.view(item).entry(again).number == 4  # type: ignore[union-attr]
    for action in (
        lambda: iw.remove_entry(first),
        lambda: iw.edit_entry(first, "Back"),
        lambda: iw.set_builds_on(first, None),
        lambda: iw.add_summary(view.groups[0].id, idea_id=first),
    ):
        with pytest.raises(NotFound):
            action()
    with pytest.raises(IdeaRefused) as refused:  # nor can anything build on it
        iw.add_entry(a1.id, 2, 2, "On the removed one", first)
    assert refused.value.problem is IdeaProblem.OTHER_ITEM


# -- summaries -----------------------------------------------------------------------------------


def test_each_group_names_its_main_ideas_in_order(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    view = iw.view(item)
    a, b = view.groups[0].id, view.groups[1].id
    idea = _type(iw, _sheets(view)["A2"], 1, 1, "Paid trial days at the hardware store")
    iw.add_summary(a, idea_id=idea)  # picked: the idea's words
    iw.add_summary(a, "  Trial days,\tpaid ", idea_id=idea)  # picked, put in the group's words
    iw.add_summary(a, "Employers and churches together")  # written for the group
    view = iw.add_summary(b, "Their own").view
    assert [(s.position, s.text, s.idea_id) for s in view.of_group(a)] == [
        (0, "Paid trial days at the hardware store", idea),
        (1, "Trial days, paid", idea),
        (2, "Employers and churches together", None),
    ]
    assert [(s.position, s.text) for s in view.of_group(b)] == [(0, "Their own")]
    first, second, third = (s.id for s in view.of_group(a))

    view = iw.edit_summary(second, " Trial days that are paid ").view
    assert [s.text for s in view.of_group(a)][1] == "Trial days that are paid"
    assert [s.id for s in iw.move_summary(third, 0).view.of_group(a)] == [third, first, second]
    assert [s.id for s in iw.move_summary(third, 99).view.of_group(a)] == [first, second, third]
    assert [s.id for s in iw.move_summary(second, -5).view.of_group(a)] == [second, first, third]
    view = iw.remove_summary(first).view
    assert [(s.id, s.position) for s in view.of_group(a)] == [(second, 0), (third, 1)]
    assert [s.position for s in view.of_group(b)] == [0]

    rows = _dump(store_path, item)
    for action, limit in (
        (lambda: iw.add_summary(a), SUMMARY_LIMIT),
        (lambda: iw.add_summary(a, "  "), SUMMARY_LIMIT),
        (lambda: iw.add_summary(a, "", idea_id=idea), SUMMARY_LIMIT),
        (lambda: iw.edit_summary(second, "\t"), SUMMARY_LIMIT),
    ):
        with pytest.raises(InvalidText) as refused:
            action()
        assert (refused.value.problem, refused.value.limit) == (TextProblem.EMPTY, limit)
    with pytest.raises(InvalidText) as long:
        iw.add_summary(a, "z" * (SUMMARY_LIMIT + 1))
    assert long.value.problem is TextProblem.TOO_LONG
    with pytest.raises(IdeaRefused) as other:
        iw.add_summary(a, idea_id=_brainstorm_idea(store_path, grouped.earlier))
    assert other.value.problem is IdeaProblem.OTHER_ITEM
    for action in (
        lambda: iw.add_summary(999_999, "No group"),
        lambda: iw.edit_summary(first, "Removed"),
        lambda: iw.move_summary(first, 0),
        lambda: iw.remove_summary(first),
    ):
        with pytest.raises(NotFound):
            action()
    assert _dump(store_path, item) == rows
    assert iw.add_summary(a, "z" * SUMMARY_LIMIT).view.of_group(a)[-1].position == 2


def test_a_group_picks_its_main_ideas_from_its_own_sheets(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    view = iw.view(item)
    theirs = _type(iw, _sheets(view)["B1"], 1, 1, "Paid trial days at the hardware store")
    rows = _dump(store_path, item)
    with pytest.raises(FacilitatorError):
        iw.add_summary(view.groups[0].id, idea_id=theirs)
    assert _dump(store_path, item) == rows


# -- sending on ----------------------------------------------------------------------------------


def _typed(iw: IdeaWritingService, room: Room) -> tuple[list[int], list[int]]:
    """Four ideas on two sheets and three summaries (one picked); their ids."""
    view = iw.view(room.item)
    a1, b1 = _sheets(view)["A1"], _sheets(view)["B1"]
    ideas = [
        _type(iw, a1, 1, 1, "Paid trial days at the hardware store"),
        _type(iw, a1, 2, 1, "Trial days paid by the council"),
        _type(iw, b1, 1, 1, "A summer jobs fair at the high school"),
        _type(iw, b1, 1, 2, "PAID TRIAL DAYS AT THE HARDWARE STORE"),  # the same words as the first
    ]
    iw.add_summary(view.groups[0].id, idea_id=ideas[0])  # the same words again
    iw.add_summary(view.groups[0].id, "Employers and churches together")
    iw.add_summary(view.groups[1].id, "Jobs fair in May")
    return ideas, [s.id for s in iw.view(room.item).summaries]


def _target_ideas(path: Path, target: int) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(
            "SELECT number, text, source_idea_id FROM ideas WHERE item_id = ? AND deleted_at IS NULL ORDER BY number",
            (target,),
        ).fetchall()


def test_ideas_and_summaries_start_a_later_nominal_group(
    services: Services, iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item, target = grouped.item, grouped.nominal
    ideas, summaries = _typed(iw, grouped)
    services.nominal_group.open(target)
    services.nominal_group.record_idea(target, "A summer jobs fair at the high school")  # already listed
    employers = next(s for s in iw.view(item).summaries if s.text.startswith("Employers"))
    change = iw.send(item, [ideas[1], ideas[0], ideas[2], ideas[3], ideas[1]], summaries, target)
    assert (change.sent, change.skipped) == (4, 4)
    assert _target_ideas(store_path, target) == [
        (1, "A summer jobs fair at the high school", None),
        (2, "Trial days paid by the council", ideas[1]),
        (3, "Paid trial days at the hardware store", ideas[0]),
        (4, "Employers and churches together", None),
        (5, "Jobs fair in May", None),
    ]
    assert employers.idea_id is None
    assert [i.number for i in services.nominal_group.view(target).ideas] == [1, 2, 3, 4, 5]
    again = iw.send(item, ideas, [], target)  # all there already
    assert (again.sent, again.skipped) == (0, 4) and again.before == again.after

    view = iw.restore(change.before)  # taken back: out of the nominal group too
    assert view == iw.view(item) and len(view.entries) == 4 and len(view.summaries) == 3
    assert _target_ideas(store_path, target) == [(1, "A summer jobs fair at the high school", None)]
    iw.restore(change.after)
    assert len(_target_ideas(store_path, target)) == 5


def test_sending_to_a_later_brainstorm_opens_it_and_undo_takes_it_all_back(
    services: Services, iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item, target = grouped.item, grouped.brainstorm
    ideas, summaries = _typed(iw, grouped)
    before = _dump(store_path, item, target)
    assert before["target brainstorm"] == [] and before["target ideas"] == []
    change = iw.send(item, [ideas[2]], [summaries[1]], target)
    assert (change.sent, change.skipped) == (2, 0)
    after = _dump(store_path, item, target)
    assert len(after["target brainstorm"]) == 1
    assert [i.text for i in services.brainstorm.view(target).ideas] == [
        "A summer jobs fair at the high school",
        "Employers and churches together",
    ]
    iw.restore(change.before)
    assert _dump(store_path, item, target) == before  # not even opened any more
    iw.restore(change.after)
    assert _dump(store_path, item, target) == after


def test_sending_needs_something_chosen_of_this_item_and_a_later_list(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    ideas, summaries = _typed(iw, grouped)
    rows = {t: _dump(store_path, item, t) for t in (grouped.nominal, grouped.brainstorm)}
    refusals: list[tuple[Callable[[], object], IdeaProblem]] = [
        (lambda: iw.send(item, [], [], grouped.nominal), IdeaProblem.NOTHING_CHOSEN),
        (lambda: iw.send(item, ideas, [], grouped.earlier), IdeaProblem.NO_TARGET),  # earlier in the agenda
        (lambda: iw.send(item, ideas, [], grouped.talk), IdeaProblem.NO_TARGET),  # not a list
        (lambda: iw.send(item, ideas, [], item), IdeaProblem.NO_TARGET),
        (lambda: iw.send(item, [_brainstorm_idea(store_path, grouped.earlier)], [], grouped.brainstorm),
         IdeaProblem.OTHER_ITEM),
        (lambda: iw.send(item, [ideas[0]], [999_999], grouped.nominal), IdeaProblem.OTHER_ITEM),
        (lambda: iw.send(item, [999_999], summaries, grouped.brainstorm), IdeaProblem.OTHER_ITEM),
    ]  # fmt: skip
    for action, problem in refusals:
        with pytest.raises(IdeaRefused) as refused:
            action()
        assert refused.value.problem is problem
    iw.remove_entry(ideas[2])
    with pytest.raises(IdeaRefused) as removed:
        iw.send(item, [ideas[2]], [], grouped.nominal)
    assert removed.value.problem is IdeaProblem.OTHER_ITEM
    for target, dumped in rows.items():
        now = _dump(store_path, item, target)
        assert (now["target ideas"], now["target brainstorm"]) == (
            dumped["target ideas"],
            dumped["target brainstorm"],
        )


# -- undo ----------------------------------------------------------------------------------------


def test_every_action_is_undone_and_redone_exactly(
    services: Services, iw: IdeaWritingService, store_path: Path, room: Room
) -> None:
    item = room.item
    iw.set_step(item, Step.TRANSCRIBE)
    iw.set_round(item, 2)

    def run(action: Callable[[], Change], target: int = 0) -> Change:
        change = _undo_redo(iw, store_path, item, action, target)
        assert (change.view.settings.step, change.view.settings.round) == (Step.TRANSCRIBE, 2)
        return change

    run(lambda: iw.set_variant(item, Variant.IDEA_WRITING))
    run(lambda: iw.set_variant(item, Variant.BRAINWRITING))
    run(lambda: iw.set_numbers(item, group_size=5, ideas_per_round=4, minutes_per_round=7, rounds=7))
    run(lambda: iw.set_direction(item, Direction.RIGHT))
    run(lambda: iw.set_extra(item, 6, 3))
    run(lambda: iw.make_groups(item))
    run(lambda: iw.set_mix_sectors(item, False))
    view = run(lambda: iw.make_groups(item)).view  # again, unmixed: replacing the groups
    a, b = view.groups[0], view.groups[1]
    run(lambda: iw.move_person(item, a.members[0].person_id, b.id))
    run(lambda: iw.move_person(item, a.members[1].person_id, None))
    services.attendance.set_status(room.meeting, room.absent, AttendanceStatus.LATE)
    view = run(lambda: iw.move_person(item, room.absent, a.id)).view
    a1, a2 = _sheets(view)["A1"], _sheets(view)["A2"]
    first = (
        run(lambda: iw.add_entry(a1.id, 1, 1, "Paid trial days at the hardware store")).view.entries[-1].id
    )
    run(lambda: iw.add_entry(a1.id, 1, 2, "A summer jobs fair", None))
    above = run(lambda: iw.add_entry(a1.id, 2, 1, "Trial days paid by the council")).view.entries[-1].id
    run(lambda: iw.add_entry(a1.id, 3, 4, "A trial week", first))
    other = run(lambda: iw.add_entry(a2.id, 1, 1, "Mentors from the congregations")).view.entries[-1].id
    run(lambda: iw.edit_entry(first, "Paid trial days at Fischer Hardware"))
    run(lambda: iw.set_builds_on(above, None))
    run(lambda: iw.set_builds_on(above, first))
    picked = run(lambda: iw.add_summary(a.id, idea_id=first)).view.summaries[-1].id
    written = run(lambda: iw.add_summary(a.id, "Employers and churches together")).view.summaries[-1].id
    run(lambda: iw.edit_summary(written, "Employers, schools and churches together"))
    run(lambda: iw.move_summary(written, 0))
    run(lambda: iw.remove_entry(first))  # what built on it, and the summary picked from it, let go
    run(lambda: iw.remove_summary(picked))
    run(lambda: iw.send(item, [above, other], [written], room.nominal), room.nominal)
    run(lambda: iw.send(item, [other], [written], room.brainstorm), room.brainstorm)  # opened by it
    run(lambda: iw.remove_summary(written))


def test_undo_and_redo_leave_the_room_where_it_is(
    iw: IdeaWritingService, store_path: Path, grouped: Room
) -> None:
    item = grouped.item
    group = iw.view(item).groups[1].id
    added = iw.add_entry(_sheets(iw.view(item))["A1"].id, 1, 1, "Paid trial days at the hardware store")
    iw.set_step(item, Step.SUMMARIES)
    iw.set_round(item, 5)
    iw.set_report_group(item, group)
    for rows in (added.before, added.after, added.before):
        view = iw.restore(rows)
        settings = view.settings
        assert (settings.step, settings.round, settings.report_group) == (Step.SUMMARIES, 5, group)
    assert iw.view(item).entries == ()
    more = iw.set_numbers(item, group_size=6, ideas_per_round=3, minutes_per_round=5, rounds=9)
    iw.set_round(item, 8)
    view = iw.restore(more.before)  # back to five rounds: the round being written cannot be past them
    assert (view.settings.rounds, view.settings.round, view.settings.step) == (5, 5, Step.SUMMARIES)
    (stored,) = _dump(store_path, item)["idea_writings"]
    assert "summaries" in stored


KINDS = ("numbers", "variant", "direction", "mix", "extra", "groups", "move", "move", "add", "add", "add",
         "add", "edit", "builds", "remove", "summary", "reword", "reorder", "unsummary", "send")  # fmt: skip
STEPS = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(0, 20), st.integers(0, 20), st.integers(0, 7)),
    min_size=3,
    max_size=12,
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS, typed=st.booleans())
def test_any_sequence_of_actions_undone_in_reverse_gets_back_to_the_start(
    services: Services, store_path: Path, sample: Room, steps: list[tuple[str, int, int, int]], typed: bool
) -> None:
    iw, present = services.idea_writing, sample.present
    item = _add_item(services, sample.meeting, AgendaKind.IDEA_WRITING, "Again")
    target = _add_item(services, sample.meeting, AgendaKind.BRAINSTORMING, "Then")
    iw.open(item)
    iw.make_groups(item)
    if typed:  # a sheet already typed in, so that new groups and moving its owner are refused
        sheet = _sheets(iw.view(item))["A1"]
        _type(iw, sheet, 1, 1, "Paid trial days")
        _type(iw, sheet, 2, 1, "Paid by the council")

    def snapshot() -> tuple[WritingView, Dump]:
        return iw.view(item), _dump(store_path, item, target)

    def step(kind: str, a: int, b: int, c: int) -> Change | None:
        view = iw.view(item)
        members, entries, summaries, groups = view.members(), view.entries, view.summaries, view.groups
        if kind == "numbers":
            return iw.set_numbers(item, group_size=2 + a % 11, ideas_per_round=1 + b % 6, minutes_per_round=5,
                                  rounds=1 + c % 8)  # fmt: skip
        if kind == "variant":
            return iw.set_variant(item, Variant.IDEA_WRITING if a % 2 else Variant.BRAINWRITING)
        if kind == "direction":
            return iw.set_direction(item, Direction.RIGHT if a % 2 else Direction.LEFT)
        if kind == "mix":
            return iw.set_mix_sectors(item, bool(a % 2))
        if kind == "extra":
            return iw.set_extra(item, 1 + a % 7, b % 4)
        if kind == "groups":
            return iw.make_groups(item)
        if kind == "move" and groups:
            return iw.move_person(
                item, present[a % len(present)], None if c == 0 else groups[b % len(groups)].id
            )
        if kind == "add" and members:
            member = members[a % len(members)]
            builds: int | None = UNSET if c % 3 else (entries[b % len(entries)].id if entries and c else None)
            return iw.add_entry(member.id, 1 + b % 6, 1 + c % 3, f"Idea {a} {b} {c}", builds)
        if kind == "edit" and entries:
            return iw.edit_entry(entries[a % len(entries)].id, f"Reworded {b}")
        if kind == "builds" and entries:
            on = None if c == 0 else entries[b % len(entries)].id
            return iw.set_builds_on(entries[a % len(entries)].id, on)
        if kind == "remove" and entries:
            return iw.remove_entry(entries[a % len(entries)].id)
        if kind == "summary" and groups:
            picked = entries[b % len(entries)].id if entries and c % 2 else None
            return iw.add_summary(groups[a % len(groups)].id, None if picked else f"Main idea {b}", picked)
        if kind == "reword" and summaries:
            return iw.edit_summary(summaries[a % len(summaries)].id, f"Main idea {b} reworded")
        if kind == "reorder" and summaries:
            return iw.move_summary(summaries[a % len(summaries)].id, b % 4)
        if kind == "unsummary" and summaries:
            return iw.remove_summary(summaries[a % len(summaries)].id)
        if kind == "send" and (entries or summaries):
            chosen = [e.id for e in entries[a % (len(entries) + 1) :]]
            return iw.send(item, chosen, [s.id for s in summaries[: b % 3]], target)
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
        iw.restore(changes[index].before)
        assert snapshot() == history[index]
    for index, change in enumerate(changes):
        iw.restore(change.after)
        assert snapshot() == history[index + 1]


# -- transactions --------------------------------------------------------------------------------


def test_each_action_writes_in_one_transaction_and_a_refusal_writes_nothing(
    services: Services, iw: IdeaWritingService, store_path: Path, sample: Room
) -> None:
    item = sample.item
    with transactions(services) as ended:
        iw.open(item)
    assert len(ended) == 1 and ended[0] > 0, ended
    view = iw.make_groups(item).view
    a, b = view.groups[0], view.groups[1]
    a1 = _sheets(view)["A1"]
    first = _type(iw, a1, 1, 1, "Paid trial days at the hardware store")
    summary = iw.add_summary(a.id, "Employers and churches together").view.summaries[0].id
    actions: list[Callable[[], object]] = [
        lambda: iw.set_step(item, Step.WRITING),
        lambda: iw.set_round(item, 3),
        lambda: iw.set_report_group(item, a.id),
        lambda: iw.set_variant(item, Variant.IDEA_WRITING),
        lambda: iw.set_variant(item, Variant.BRAINWRITING),
        lambda: iw.set_numbers(item, group_size=6, ideas_per_round=4, minutes_per_round=6, rounds=6),
        lambda: iw.set_mix_sectors(item, False),
        lambda: iw.set_direction(item, Direction.RIGHT),
        lambda: iw.set_extra(item, 4, 2),
        lambda: iw.move_person(item, b.members[0].person_id, view.groups[2].id),  # neither typed in
        lambda: iw.add_entry(a1.id, 2, 1, "Trial days paid by the council"),
        lambda: iw.edit_entry(first, "Paid trial days at Fischer Hardware"),
        lambda: iw.add_summary(a.id, idea_id=first),
        lambda: iw.edit_summary(summary, "Employers, schools and churches"),
        lambda: iw.move_summary(summary, 1),
        lambda: iw.send(item, [first], [summary], sample.brainstorm),
    ]
    for action in actions:
        with transactions(services) as ended:
            action()
        assert len(ended) == 1 and ended[0] > 0, ended
    second = iw.view(item).entries[-1].id
    last: list[Callable[[], object]] = [
        lambda: iw.set_builds_on(second, None),
        lambda: iw.remove_entry(first),
        lambda: iw.remove_summary(summary),
    ]
    for action in last:
        with transactions(services) as ended:
            action()
        assert len(ended) == 1 and ended[0] > 0, ended
    iw2 = _add_item(services, sample.meeting, AgendaKind.IDEA_WRITING, "Fresh")
    iw.open(iw2)
    with transactions(services) as ended:
        iw.make_groups(iw2)
    assert len(ended) == 1 and ended[0] > 0, ended

    rows = _dump(store_path, item, sample.brainstorm)
    refused: list[Callable[[], object]] = [
        lambda: iw.make_groups(item),  # sheets typed in
        lambda: iw.set_numbers(item, group_size=6, ideas_per_round=1, minutes_per_round=5, rounds=1),
        lambda: iw.set_numbers(item, group_size=1, ideas_per_round=3, minutes_per_round=5, rounds=6),
        lambda: iw.set_extra(item, 99, 2),
        lambda: iw.set_round(item, 99),
        lambda: iw.move_person(item, sample.away, a.id),
        lambda: iw.move_person(item, a1.person_id, b.id),
        lambda: iw.add_entry(a1.id, 2, 1, "Taken"),
        lambda: iw.add_entry(a1.id, 1, 2, "Later", second),
        lambda: iw.edit_entry(first, "Removed"),
        lambda: iw.add_summary(a.id, " "),
        lambda: iw.send(item, [first], [], sample.nominal),
        lambda: iw.send(item, [second], [], sample.earlier),
        lambda: iw.open(sample.nominal),
    ]
    for action in refused:
        with transactions(services) as ended, pytest.raises(FacilitatorError):
            action()
        assert not any(ended), ended
    assert _dump(store_path, item, sample.brainstorm) == rows


def test_taking_back_ideas_sent_to_a_nominal_group_works_while_one_is_up_in_its_clarification(
    services: Services, iw: IdeaWritingService, grouped: Room
) -> None:
    item = grouped.item
    idea = _type(iw, _sheets(iw.view(item))["A1"], 1, 1, "Paid trial days at the hardware store")
    sent = iw.send(item, [idea], [], grouped.nominal)
    services.nominal_group.open(grouped.nominal)
    up = services.nominal_group.set_step(grouped.nominal, NominalStep.CLARIFY).clarifying
    assert up is not None
    iw.restore(sent.before)  # Ctrl+Z on the send: no store error, and nothing left up
    view = services.nominal_group.view(grouped.nominal)
    assert view.clarifying is None and all(
        i.text != "Paid trial days at the hardware store" for i in view.ideas
    )
