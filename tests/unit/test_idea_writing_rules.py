"""Idea writing's rules: splitting the room into groups (sizes, sectors mixed, order kept), whose
turn it is to write on a sheet, the letters and codes printed on the sheets, what a new idea builds
on unless told, and the view's helpers for transcription (rows typed, rounds a sheet has)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.techniques.brainstorming.model import Person
from facilitator.techniques.idea_writing.model import (
    GROUP_LETTERS,
    MAX_GROUP,
    Direction,
    Entry,
    Group,
    Member,
    Settings,
    Step,
    Summary,
    Variant,
    WritingProblem,
    WritingRefused,
    WritingView,
    default_builds_on,
    defaults,
    group_count,
    group_letter,
    sector_spread,
    sheet_code,
    split_groups,
    writer,
)

LEFT, RIGHT = Direction.LEFT, Direction.RIGHT
SECTORS = ("Business", "Education", "Faith", "Government", "Health", "Nonprofit", "Resident", "")

# A room: people (id, sector) with distinct ids, in the order the app lists them.
ROOMS = st.lists(st.sampled_from(SECTORS), max_size=60).map(
    lambda sectors: [(100 + index, sector) for index, sector in enumerate(sectors)]
)
SIZES = st.integers(min_value=1, max_value=MAX_GROUP + 3)


# -- how many groups -----------------------------------------------------------------------------


def test_group_count_worked_by_hand() -> None:
    assert group_count(0, 6) == 0
    assert group_count(-3, 6) == 0
    assert group_count(1, 6) == 1
    assert group_count(6, 6) == 1
    assert group_count(7, 6) == 2  # a four and a three
    assert group_count(13, 6) == 3  # the sample's launch meeting: five, four and four
    assert group_count(13, 4) == 4
    assert group_count(5, 0) == 5  # a size below one counts as one


@given(people=st.integers(min_value=0, max_value=500), size=st.integers(min_value=1, max_value=50))
def test_group_count_is_the_fewest_groups_none_larger_than_the_size(people: int, size: int) -> None:
    count = group_count(people, size)
    if people == 0:
        assert count == 0
        return
    assert count == math.ceil(people / size)
    assert count * size >= people  # room for everyone
    assert (count - 1) * size < people  # and no group more than needed


# -- splitting the room --------------------------------------------------------------------------


@given(people=ROOMS, size=SIZES, mix=st.booleans())
def test_everyone_is_in_exactly_one_group_and_the_sizes_differ_by_at_most_one(
    people: list[tuple[int, str]], size: int, mix: bool
) -> None:
    groups = split_groups(people, size, mix)
    placed = [pid for group in groups for pid in group]
    assert sorted(placed) == sorted(pid for pid, _sector in people)  # each once, nobody left out
    assert len(groups) == group_count(len(people), size)
    lengths = [len(group) for group in groups]
    assert all(lengths)  # no empty group
    if lengths:
        assert max(lengths) - min(lengths) <= 1
        assert max(lengths) <= size  # none larger than asked
        assert lengths == sorted(lengths, reverse=True)  # the bigger groups first


@given(people=ROOMS, size=SIZES)
def test_mixing_spreads_every_sector_across_the_groups_within_one(
    people: list[tuple[int, str]], size: int
) -> None:
    # The deal goes round the groups in one unbroken turn (the sizes are fixed so that it never has
    # to skip a full group), and each sector is dealt in one run: so a sector's people land in
    # consecutive groups of the turn, and no group can have two more of it than another.
    groups = split_groups(people, size, mix_sectors=True)
    sectors = dict(people)
    for name, counts in sector_spread(groups, sectors).items():
        assert max(counts) - min(counts) <= 1, (name, counts)
    for group in groups:  # within a sector, people keep the order given
        for name in set(sectors[pid] for pid in group):
            of_sector = [pid for pid in group if sectors[pid] == name]
            assert of_sector == sorted(of_sector)


@given(people=ROOMS, size=SIZES)
def test_without_mixing_the_order_of_people_is_kept_and_neighbours_stay_together(
    people: list[tuple[int, str]], size: int
) -> None:
    groups = split_groups(people, size, mix_sectors=False)
    assert [pid for group in groups for pid in group] == [pid for pid, _sector in people]


@given(people=ROOMS, size=SIZES, mix=st.booleans())
def test_the_split_is_the_same_each_time(people: list[tuple[int, str]], size: int, mix: bool) -> None:
    assert split_groups(people, size, mix) == split_groups(list(people), size, mix)


def test_mixing_worked_by_hand() -> None:
    # Seven people in groups of six: a four and a three. Sectors are dealt biggest first, ties by
    # name: Nonprofit 1, 2, 3 to A, B, A; then Business 5 to B, Faith 4 to A, Health 6 to B and
    # Resident 7 to A.
    people = [(5, "Business"), (4, "Faith"), (1, "Nonprofit"), (6, "Health"), (2, "Nonprofit"),
              (3, "Nonprofit"), (7, "Resident")]  # fmt: skip
    assert split_groups(people, 6, mix_sectors=True) == [[1, 3, 4, 7], [2, 5, 6]]
    assert split_groups(people, 6, mix_sectors=False) == [[5, 4, 1, 6], [2, 3, 7]]
    spread = sector_spread(split_groups(people, 6, mix_sectors=True), dict(people))
    assert spread == {
        "Business": (0, 1), "Faith": (1, 0), "Health": (0, 1), "Nonprofit": (2, 1), "Resident": (1, 0),
    }  # fmt: skip


def test_one_sector_fills_the_groups_in_turn() -> None:
    people = [(n, "Resident") for n in range(1, 11)]
    assert split_groups(people, 4, mix_sectors=True) == [[1, 4, 7, 10], [2, 5, 8], [3, 6, 9]]


def test_nobody_makes_no_groups() -> None:
    assert split_groups([], 6, mix_sectors=True) == []
    assert split_groups([], 6, mix_sectors=False) == []
    assert sector_spread([], {}) == {}


# -- whose turn it is to write -------------------------------------------------------------------

GROUPINGS = st.integers(min_value=1, max_value=MAX_GROUP).flatmap(
    lambda n: st.tuples(st.just(n), st.integers(1, n), st.integers(1, 3 * n), st.sampled_from(Direction))
)


@given(GROUPINGS)
def test_the_first_round_on_a_sheet_is_its_owner(grouping: tuple[int, int, int, Direction]) -> None:
    size, seat, _round, direction = grouping
    assert writer(seat, 1, size, direction) == seat


@given(st.integers(min_value=1, max_value=MAX_GROUP), st.sampled_from(Direction))
def test_over_as_many_rounds_as_people_everyone_writes_on_every_sheet_once(
    size: int, direction: Direction
) -> None:
    seats = set(range(1, size + 1))
    for seat in seats:  # each sheet: every member writes on it once
        assert {writer(seat, r, size, direction) for r in range(1, size + 1)} == seats
    for r in range(1, size + 1):  # each round: every member writes on one sheet
        assert {writer(seat, r, size, direction) for seat in seats} == seats


@given(GROUPINGS)
def test_passing_right_mirrors_passing_left(grouping: tuple[int, int, int, Direction]) -> None:
    size, seat, round_number, _direction = grouping
    left = writer(seat, round_number, size, LEFT)
    right = writer(seat, round_number, size, RIGHT)
    assert 1 <= left <= size and 1 <= right <= size
    assert (left - seat) % size == (seat - right) % size == (round_number - 1) % size
    assert writer(seat, round_number + size, size, LEFT) == left  # after a full turn, the same again


def test_whose_turn_worked_by_hand() -> None:
    # Five at a table; sheet 1 goes left to seat 2, 3, 4, 5, or right to 5, 4, 3, 2.
    assert [writer(1, r, 5, LEFT) for r in range(1, 7)] == [1, 2, 3, 4, 5, 1]
    assert [writer(1, r, 5, RIGHT) for r in range(1, 7)] == [1, 5, 4, 3, 2, 1]
    assert [writer(4, r, 5, LEFT) for r in range(1, 6)] == [4, 5, 1, 2, 3]
    assert [writer(1, r, 1, RIGHT) for r in range(1, 4)] == [1, 1, 1]  # alone: their own sheet


# -- letters and codes ---------------------------------------------------------------------------


def test_group_letters_skip_i_and_o_and_carry_on_past_the_alphabet() -> None:
    assert len(GROUP_LETTERS) == 24 and "I" not in GROUP_LETTERS and "O" not in GROUP_LETTERS
    assert [group_letter(p) for p in range(10)] == ["A", "B", "C", "D", "E", "F", "G", "H", "J", "K"]
    assert group_letter(12) == "N" and group_letter(23) == "Z"
    assert [group_letter(p) for p in (24, 25, 47, 48, 71, 72)] == ["A2", "B2", "Z2", "A3", "Z3", "A4"]
    letters = [group_letter(p) for p in range(500)]
    assert len(set(letters)) == 500
    assert not any(c in "IO" for letter in letters for c in letter)
    assert all(letter[0].isupper() for letter in letters)


def test_sheet_codes_are_the_group_letter_and_the_seat() -> None:
    assert sheet_code(0, 1) == "A1"
    assert sheet_code(1, 3) == "B3"
    assert sheet_code(8, 12) == "J12"  # no I
    assert sheet_code(23, 4) == "Z4"
    assert sheet_code(24, 1) == "A2-1"  # group A2, seat 1: not A21, which reads as seat 21 of A
    assert sheet_code(49, 12) == "B3-12"
    # No two sheets share a code, even with groups grown past twelve by moving people into them.
    codes = [sheet_code(g, s) for g in range(300) for s in range(1, 31)]
    assert len(set(codes)) == len(codes)
    assert not any(c in "IO" for code in codes for c in code)


# -- what an idea builds on ----------------------------------------------------------------------


def _entry(idea: int, member: int, round_number: int, slot: int) -> Entry:
    return Entry(idea, idea, member, round_number, slot, f"idea {idea}")


SHEETS = (
    _entry(1, member=10, round_number=1, slot=1),
    _entry(2, member=10, round_number=1, slot=2),
    _entry(3, member=10, round_number=2, slot=1),
    _entry(4, member=11, round_number=2, slot=3),  # another sheet
    _entry(5, member=10, round_number=3, slot=3),
)


@pytest.mark.parametrize(
    ("member", "round_number", "slot", "expected"),
    [
        (10, 1, 1, None),  # nothing above the first row
        (10, 2, 2, 2),  # the idea above, in the same column
        (10, 3, 1, 3),
        (10, 3, 2, None),  # nothing typed above it
        (10, 4, 3, 5),
        (10, 3, 3, None),  # slot 3 of round 2 is on another sheet
        (11, 3, 3, 4),
        (12, 2, 1, None),  # a sheet with nothing on it
        (10, 0, 1, None),
    ],
)
def test_a_new_idea_builds_on_the_one_above_it_on_its_sheet(
    member: int, round_number: int, slot: int, expected: int | None
) -> None:
    assert default_builds_on(SHEETS, member, round_number, slot) == expected


# -- the view's helpers --------------------------------------------------------------------------


def _view(settings: Settings, entries: tuple[Entry, ...] = SHEETS) -> WritingView:
    a = (Member(10, 1, 501, 1, "Rosa", "Government"), Member(11, 1, 502, 2, "Kwame", "Government"),
         Member(12, 1, 503, 3, "Priya", "Nonprofit"))  # fmt: skip
    b = (Member(20, 2, 504, 1, "Hannah", "Business"), Member(21, 2, 505, 2, "Linda", "Education"))
    summaries = (Summary(2, 1, 1, "Second", 3), Summary(1, 1, 0, "First"), Summary(3, 2, 0, "Theirs"))
    return WritingView(
        item_id=7,
        meeting_id=1,
        title="Summer jobs",
        question="How could we open more summer jobs?",
        settings=settings,
        groups=(Group(1, 0, a), Group(2, 1, b), Group(3, 24, ())),
        entries=entries,
        summaries=summaries,
        present=tuple(Person(m.person_id, m.name) for m in a + b),
    )


def test_the_view_finds_sheets_codes_and_what_is_on_them() -> None:
    view = _view(Settings())
    assert [m.id for m in view.members()] == [10, 11, 12, 20, 21]
    assert [view.code(m) for m in (10, 12, 20, 21)] == ["A1", "A3", "B1", "B2"]
    assert view.code(99) == "" and view.member(99) is None and view.group(99) is None
    assert view.group(3) is not None and view.group(3).letter == "A2"  # type: ignore[union-attr]
    assert view.entry(4) == SHEETS[3] and view.entry(99) is None
    typed_out_of_order = (SHEETS[4], SHEETS[2], SHEETS[1], SHEETS[3], SHEETS[0])
    assert [e.id for e in _view(Settings(), typed_out_of_order).on_sheet(10)] == [1, 2, 3, 5]
    assert view.on_sheet(12) == ()
    assert [s.text for s in view.of_group(1)] == ["First", "Second"]
    assert [s.text for s in view.of_group(2)] == ["Theirs"] and view.of_group(3) == ()


def test_a_sheet_has_the_rounds_set_up_to_its_group_size_and_a_pad_a_row_for_each_in_its_group() -> None:
    brainwriting = _view(Settings(rounds=6))
    assert [brainwriting.rounds_on(m) for m in (10, 20)] == [3, 2]  # each in the group writes once
    assert brainwriting.rounds_on(99) == 6  # no such sheet: the rounds set
    assert [_view(Settings(rounds=2)).rounds_on(m) for m in (10, 20)] == [2, 2]  # fewer rounds set
    pads = _view(Settings(variant=Variant.IDEA_WRITING, rounds=4))
    assert [pads.rounds_on(m) for m in (10, 20)] == [3, 2]  # the group's size, not the rounds set
    assert pads.rounds_on(99) == 4  # no such sheet: the rounds set


def test_progress_counts_rows_with_an_idea_out_of_the_rows_the_sheet_has() -> None:
    view = _view(Settings(rounds=6))
    assert view.progress(10) == (3, 3)  # rounds 1, 2 and 3; two ideas in round 1 count once
    assert view.progress(11) == (1, 3)
    assert view.progress(12) == (0, 3)  # not typed in yet
    assert view.progress(21) == (0, 2)
    pads = _view(Settings(variant=Variant.IDEA_WRITING))
    assert pads.progress(10) == (3, 3)  # done
    assert pads.progress(21) == (0, 2)


# -- settings ------------------------------------------------------------------------------------


def test_each_variant_has_its_usual_numbers() -> None:
    six_three_five = defaults(Variant.BRAINWRITING)
    assert six_three_five == Settings()
    assert (six_three_five.group_size, six_three_five.ideas_per_round, six_three_five.minutes_per_round,
            six_three_five.rounds) == (6, 3, 5, 6)  # fmt: skip
    pads = defaults(Variant.IDEA_WRITING)
    assert (pads.variant, pads.group_size, pads.ideas_per_round, pads.minutes_per_round, pads.rounds) == (
        Variant.IDEA_WRITING,
        4,
        3,
        5,
        4,
    )
    assert (pads.step, pads.round, pads.mix_sectors, pads.direction) == (Step.SET_UP, 0, True, LEFT)


def test_later_rounds_can_have_extra_minutes() -> None:
    settings = Settings(minutes_per_round=5, extra=((4, 2), (6, 5)))
    assert [settings.minutes_of(r) for r in range(1, 8)] == [5, 5, 5, 7, 5, 10, 5]


def test_a_refusal_says_what_and_how_far() -> None:
    refused = WritingRefused(WritingProblem.ROUND_RANGE, 7, 6)
    assert str(refused) == "idea writing refused: round_range (7/6)"
    assert (refused.problem, refused.number, refused.limit) == (WritingProblem.ROUND_RANGE, 7, 6)
