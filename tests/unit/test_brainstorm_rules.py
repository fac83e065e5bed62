"""The rules of brainstorming: duplicates, merging and splitting, themes, dot results and dot limits."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.techniques.brainstorming.model import (
    MAX_DOTS_ON_IDEA,
    BrainstormView,
    DotEntry,
    DotProblem,
    Dots,
    DotsRefused,
    Idea,
    IdeaProblem,
    IdeaRefused,
    Phase,
    Settings,
    Standing,
    Theme,
    check_total,
    dot_summary,
    duplicate_of,
    idea_key,
    merge_plan,
    parse_numbers,
    person_dots,
    reordered,
    root_of,
    split_plan,
    standings,
    top,
)


def _idea(number: int, text: str = "", merged_into: int | None = None) -> Idea:
    """Idea ``number`` with id ``10 * number``, so ids and numbers are never mixed up unnoticed."""
    words = text or f"idea {number}"
    into = None if merged_into is None else 10 * merged_into
    return Idea(10 * number, number, words, words, merged_into=into)


def _ranks(result: Sequence[Standing]) -> list[tuple[int, int, int, bool]]:
    return [(s.idea.number, s.dots, s.rank, s.tied) for s in result]


# -- the same words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "on_wall"),
    [
        ("More Buses", "more buses"),
        ("  more   buses ", "more buses"),
        ("more\tbuses\n", "more buses"),
        ("ＭＯＲＥ ｂｕｓｅｓ", "more buses"),  # full-width forms
        ("Straße", "STRASSE"),  # case folding, not just lower-casing
        ("caf\u0065\u0301", "caf\u00e9"),  # composed and decomposed accents
    ],
)
def test_case_spacing_and_width_forms_make_the_same_idea(typed: str, on_wall: str) -> None:
    assert idea_key(typed) == idea_key(on_wall)
    assert duplicate_of([_idea(4, on_wall)], typed) == _idea(4, on_wall)


@pytest.mark.parametrize(
    ("typed", "on_wall"),
    [
        ("more buses.", "more buses"),
        ("bus-pass", "bus pass"),
        ("buses!", "buses?"),
        ("more bus", "more buses"),
    ],
)
def test_punctuation_and_other_words_make_a_different_idea(typed: str, on_wall: str) -> None:
    assert idea_key(typed) != idea_key(on_wall)
    assert duplicate_of([_idea(1, on_wall)], typed) is None


def test_duplicate_of_looks_inside_merged_ideas_and_can_leave_one_out() -> None:
    ideas = [_idea(1, "Jobs"), _idea(2, "Transit", merged_into=1)]
    assert duplicate_of(ideas, "transit") == ideas[1]
    assert duplicate_of(ideas, "TRANSIT", besides=20) is None  # an idea is no duplicate of itself
    assert duplicate_of(ideas, "   ") is None  # blank is nobody's duplicate
    assert duplicate_of([*ideas, _idea(3, "jobs")], "Jobs") == ideas[0]  # the first saying it


@given(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1), st.data())
def test_full_width_and_spread_out_ascii_is_the_same_idea(word: str, data: st.DataObject) -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) for c in word)  # U+FF01..U+FF5E are the wide ASCII forms
    gaps = data.draw(st.sampled_from([" ", "  ", "\t", " \u3000 "]))
    assert idea_key(wide) == idea_key(word)
    assert idea_key(f"{gaps}{word}{gaps}{word.swapcase()}") == idea_key(f"{word} {word}")
    assert idea_key(idea_key(word)) == idea_key(word)


# -- merging and splitting -----------------------------------------------------------------------


def test_merging_an_idea_that_holds_parts_brings_its_parts_along() -> None:
    ideas = [_idea(1), _idea(2), _idea(3, merged_into=2), _idea(4, merged_into=2), _idea(5)]
    assert merge_plan(ideas, 50, [20]) == {20: 50, 30: 50, 40: 50}  # nobody stays inside 2
    assert merge_plan(ideas, 10, [50, 50, 10, 20]) == {50: 10, 20: 10, 30: 10, 40: 10}


@pytest.mark.parametrize(
    ("into", "others", "problem", "number"),
    [
        (10, [10], IdeaProblem.MERGE_ITSELF, 1),
        (10, [10, 10], IdeaProblem.MERGE_ITSELF, 1),
        (10, [], IdeaProblem.MERGE_NOTHING, 0),
        (30, [10], IdeaProblem.MERGED_PART, 3),  # into an idea that sits inside 2
        (10, [30], IdeaProblem.MERGED_PART, 3),  # an idea that sits inside 2
        (10, [40, 30], IdeaProblem.MERGED_PART, 3),
        (99, [10], IdeaProblem.OTHER_ITEM, 0),
        (10, [99], IdeaProblem.OTHER_ITEM, 0),
    ],
)
def test_merges_that_make_no_sense_are_refused(
    into: int, others: list[int], problem: IdeaProblem, number: int
) -> None:
    ideas = [_idea(1), _idea(2), _idea(3, merged_into=2), _idea(4)]
    with pytest.raises(IdeaRefused) as refused:
        merge_plan(ideas, into, others)
    assert (refused.value.problem, refused.value.number) == (problem, number)


def test_merging_into_itself_is_named_so_whatever_iterable_the_ids_come_in() -> None:
    with pytest.raises(IdeaRefused) as refused:
        merge_plan([_idea(1), _idea(2)], 10, iter([10]))
    assert refused.value.problem is IdeaProblem.MERGE_ITSELF


def test_split_takes_back_every_part_or_one_chosen_and_refuses_what_holds_nothing() -> None:
    ideas = [_idea(1), _idea(2, merged_into=1), _idea(3), _idea(4, merged_into=1)]
    assert split_plan(ideas, 10) == (20, 40)
    assert split_plan(ideas, 40) == (40,)  # a part chosen on its own comes out alone
    for result, problem, number in [
        (30, IdeaProblem.NOT_MERGED, 3),
        (99, IdeaProblem.NOT_MERGED, 0),
    ]:
        with pytest.raises(IdeaRefused) as refused:
            split_plan(ideas, result)
        assert (refused.value.problem, refused.value.number) == (problem, number)


def test_root_of_follows_merges_to_the_wall_and_stops_on_a_loop() -> None:
    ideas = [_idea(1), _idea(2, merged_into=1), _idea(3, merged_into=2)]
    by_id = {i.id: i for i in ideas}
    assert [root_of(by_id, i) for i in (10, 20, 30, 99)] == [10, 10, 10, 99]
    looped = {10: _idea(1, merged_into=2), 20: _idea(2, merged_into=1)}
    assert root_of(looped, 10) in {10, 20}  # damaged data must not hang the screen


@st.composite
def walls(draw: st.DrawFn) -> list[Idea]:
    """Up to a dozen ideas with whatever merges the rules allow applied to them."""
    ideas = [_idea(n) for n in range(1, draw(st.integers(1, 12)) + 1)]
    for _ in range(draw(st.integers(0, 6))):
        wall = [i.id for i in ideas if i.merged_into is None]
        into = draw(st.sampled_from(wall))
        others = draw(st.lists(st.sampled_from(wall), max_size=3))
        if not set(others) - {into}:
            continue
        plan = merge_plan(ideas, into, others)
        ideas = [
            Idea(i.id, i.number, i.text, i.original, merged_into=plan.get(i.id, i.merged_into)) for i in ideas
        ]
    return ideas


@given(walls(), st.data())
def test_merge_then_split_frees_exactly_the_merged_ideas(ideas: list[Idea], data: st.DataObject) -> None:
    wall = [i.id for i in ideas if i.merged_into is None]
    into = data.draw(st.sampled_from(wall))
    others = data.draw(
        st.lists(st.sampled_from(wall), min_size=1, max_size=4).filter(lambda o: set(o) - {into})
    )
    plan = merge_plan(ideas, into, others)
    chosen = set(others) - {into}
    assert set(plan) == chosen | {i.id for i in ideas if i.merged_into in chosen}
    assert set(plan.values()) == {into}
    merged = [
        Idea(i.id, i.number, i.text, i.original, merged_into=plan.get(i.id, i.merged_into)) for i in ideas
    ]
    assert all(m.merged_into is None or m.merged_into in wall for m in merged)  # a result never holds one
    freed = split_plan(merged, into)
    assert set(freed) == set(plan) | {i.id for i in ideas if i.merged_into == into}
    split = [Idea(i.id, i.number, i.text, i.original, merged_into=None if i.id in freed else i.merged_into)
             for i in merged]  # fmt: skip
    assert all(i.merged_into is None for i in split if i.id in plan)


# -- dot results ---------------------------------------------------------------------------------


def test_ties_share_a_competition_rank_and_are_marked() -> None:
    ideas = [_idea(n) for n in range(1, 6)]
    dots = [Dots(10, 3), Dots(20, 7), Dots(30, 3), Dots(40, 1), Dots(50, 0)]
    assert _ranks(standings(ideas, ideas, dots)) == [
        (2, 7, 1, False),
        (1, 3, 2, True),
        (3, 3, 2, True),
        (4, 1, 4, False),
        (5, 0, 5, False),
    ]


def test_dots_on_merged_parts_count_for_the_idea_they_went_into() -> None:
    ideas = [_idea(1), _idea(2, merged_into=1), _idea(3), _idea(4, merged_into=3)]
    wall = [i for i in ideas if i.merged_into is None]
    dots = [Dots(20, 2, 7), Dots(10, 1, 7), Dots(20, 1, 8), Dots(30, 2, 9), Dots(40, 2, 9), Dots(30, 0, 5)]
    result = standings(wall, ideas, dots)
    assert [(s.idea.number, s.dots, s.voters) for s in result] == [(1, 4, 2), (3, 4, 1)]
    assert [s.rank for s in result] == [1, 1]
    assert [s.voters for s in standings(wall, ideas, [Dots(20, 4), Dots(30, 3)])] == [0, 0]  # wall totals


def test_ideas_without_dots_come_last_in_number_order() -> None:
    ideas = [_idea(n) for n in (5, 1, 4, 2, 3)]
    result = standings(ideas, ideas, [Dots(40, 2), Dots(30, -3)])  # a negative count is no dot
    assert [(s.idea.number, s.dots) for s in result] == [(4, 2), (1, 0), (2, 0), (3, 0), (5, 0)]
    assert [s.rank for s in result] == [1, 2, 2, 2, 2]


@given(walls(), st.lists(st.tuples(st.integers(1, 14), st.integers(0, 6), st.sampled_from([None, 1, 2, 3]))))
def test_standings_rank_every_idea_on_the_wall_by_its_dots(
    ideas: list[Idea], placed: list[tuple[int, int, int | None]]
) -> None:
    dots = [Dots(10 * n, count, person) for n, count, person in placed]  # numbers 13, 14: gone ideas
    wall = [i for i in ideas if i.merged_into is None]
    result = standings(wall, ideas, dots)
    live = {i.id for i in ideas}
    assert sorted(s.idea.id for s in result) == sorted(i.id for i in wall)
    assert sum(s.dots for s in result) == sum(d.count for d in dots if d.idea_id in live)
    counts = [s.dots for s in result]
    assert counts == sorted(counts, reverse=True)
    for s in result:
        assert s.rank == 1 + sum(1 for o in result if o.dots > s.dots)
        if s.dots:
            assert s.tied == (counts.count(s.dots) > 1)
        assert s.voters <= len({d.person_id for d in dots if d.person_id is not None and d.count > 0})
    zero = [s.idea.number for s in result if s.dots == 0]
    assert zero == sorted(zero) and result[len(result) - len(zero) :] == tuple(
        s for s in result if not s.dots
    )


def test_top_never_cuts_between_tied_ideas() -> None:
    ideas = [_idea(n) for n in range(1, 7)]
    result = standings(ideas, ideas, [Dots(10, 9), Dots(20, 5), Dots(30, 5), Dots(40, 5), Dots(50, 1)])
    assert [s.idea.number for s in top(result, 2)] == [1, 2, 3, 4]
    assert [s.idea.number for s in top(result, 1)] == [1]
    assert [s.idea.number for s in top(result, 5)] == [1, 2, 3, 4, 5]
    assert [s.idea.number for s in top(result, 50)] == [1, 2, 3, 4, 5]  # never an idea without dots
    assert top(result, 0) == () and top(standings(ideas, ideas, []), 3) == ()


@given(st.lists(st.integers(0, 5), min_size=1, max_size=12), st.integers(-1, 14))
def test_top_keeps_at_least_what_was_asked_and_every_tie_of_the_last(counts: list[int], count: int) -> None:
    ideas = [_idea(n) for n in range(1, len(counts) + 1)]
    result = standings(ideas, ideas, [Dots(i.id, c) for i, c in zip(ideas, counts, strict=True)])
    chosen = top(result, count)
    voted = [s for s in result if s.dots]
    assert len(chosen) >= min(max(count, 0), len(voted))
    assert chosen == tuple(result[: len(chosen)])
    if chosen:
        assert all(s in chosen for s in voted if s.dots == chosen[-1].dots)
        assert len(chosen) == count or chosen[-1].tied or len(chosen) == len(voted)


# -- dot limits ----------------------------------------------------------------------------------


def test_a_total_may_fill_the_wall_to_the_ceiling_but_not_beyond() -> None:
    check_total(60, 5, 13, 5)  # 65 = 13 people x 5 dots
    check_total(0, 0, 0, 5)  # nothing placed, nobody needed
    with pytest.raises(DotsRefused) as refused:
        check_total(60, 6, 13, 5)
    over = refused.value
    assert (over.problem, over.asked, over.allowed, over.present, over.per_person) == (
        DotProblem.WALL_OVER, 66, 65, 13, 5,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("elsewhere", "count", "present", "problem", "asked"),
    [
        (0, -1, 13, DotProblem.NEGATIVE, -1),
        (0, 1, 0, DotProblem.NOBODY_PRESENT, 0),
        (0, MAX_DOTS_ON_IDEA + 1, 10_000, DotProblem.WALL_OVER, MAX_DOTS_ON_IDEA + 1),
    ],
)
def test_a_total_that_cannot_be_is_refused(
    elsewhere: int, count: int, present: int, problem: DotProblem, asked: int
) -> None:
    with pytest.raises(DotsRefused) as refused:
        check_total(elsewhere, count, present, 20)
    assert (refused.value.problem, refused.value.asked) == (problem, asked)


def test_taking_dots_off_an_idea_is_never_refused() -> None:
    check_total(55, 0, 10, 5)  # 65 dots were placed by 13 people; 3 have left since


def test_one_persons_dots_stack_land_on_the_wall_and_stay_within_their_share() -> None:
    wall_numbers = {1: 10, 2: 10, 3: 30}  # idea 2 was merged into idea 1
    assert person_dots([3, 2, 1, 3], wall_numbers, 5) == {30: 2, 10: 2}
    assert person_dots([1, 1, 1, 1, 1], wall_numbers, 5) == {10: 5}
    assert person_dots([], wall_numbers, 5) == {}
    with pytest.raises(DotsRefused) as refused:
        person_dots([1, 2, 3, 1, 2, 3], wall_numbers, 5)
    over = refused.value
    assert (over.problem, over.asked, over.allowed, over.per_person) == (DotProblem.PERSON_OVER, 6, 5, 5)
    with pytest.raises(DotsRefused) as refused:
        person_dots([1, 4], wall_numbers, 5)
    assert (refused.value.problem, refused.value.number) == (DotProblem.UNKNOWN_IDEA, 4)


@given(st.lists(st.integers(1, 6), max_size=8), st.integers(1, 8))
def test_every_accepted_dot_is_counted_once(numbers: list[int], each: int) -> None:
    wall_numbers = {n: 10 * (1 + n % 3) for n in range(1, 7)}
    if len(numbers) > each:
        with pytest.raises(DotsRefused):
            person_dots(numbers, wall_numbers, each)
    else:
        placed = person_dots(numbers, wall_numbers, each)
        assert sum(placed.values()) == len(numbers) and all(placed.values())


@pytest.mark.parametrize(
    ("typed", "numbers"),
    [
        ("12 12 7, 3", [12, 12, 7, 3]),
        ("1;2,,3  ", [1, 2, 3]),
        ("", []),
        ("  , ", []),
        ("１２ ３", [12, 3]),  # full-width digits, as some keyboards type them
        ("1 a", None),
        ("-1", None),
        ("1.5", None),
        ("4+", None),
    ],
)
def test_typed_idea_numbers(typed: str, numbers: list[int] | None) -> None:
    assert parse_numbers(typed) == numbers


def test_a_superscript_is_not_a_number() -> None:
    assert parse_numbers("3 ²") is None


def test_dot_summary_counts_placed_dots_and_people_done() -> None:
    each = Settings(dots_per_person=3)
    dots = [Dots(10, 2, 1), Dots(20, 1, 1), Dots(10, 1, 2), Dots(20, 4, 3), Dots(30, 0, 4)]
    summary = dot_summary(each, 13, dots)
    assert (summary.placed, summary.ceiling, summary.present, summary.per_person) == (8, 39, 13, 3)
    assert (summary.people_done, summary.people_started, summary.left) == (2, 3, 31)
    assert dot_summary(each, 2, [Dots(10, 9)]).left == 0  # never below nothing


@pytest.mark.parametrize(
    ("phases", "steps"),
    [
        (set(Phase), "generate clarify group vote results"),
        ({Phase.GROUP, Phase.CLARIFY}, "generate clarify group results"),
        ({Phase.VOTE}, "generate vote results"),
        (set(), "generate results"),
    ],
)
def test_steps_follow_the_phases_in_use_in_their_order(phases: set[Phase], steps: str) -> None:
    assert [p.value for p in Settings(phases=frozenset(phases)).steps()] == steps.split()


def test_the_view_keeps_per_person_dots_and_wall_totals_apart() -> None:
    ideas = (_idea(1), _idea(2, merged_into=1), _idea(3))
    dots = (Dots(10, 4), Dots(20, 2, 7), Dots(30, 1, 7), Dots(30, 1, 8))
    view = BrainstormView(1, 1, "?", Settings(), ideas, (), dots, ())
    assert [i.number for i in view.wall] == [1, 3] and view.parts(10) == (ideas[1],)
    assert [(s.idea.number, s.dots) for s in view.standings()] == [(1, 4), (3, 0)]
    people = BrainstormView(1, 1, "?", Settings(dot_entry=DotEntry.PEOPLE), ideas, (), dots, ())
    assert [(s.idea.number, s.dots, s.voters) for s in people.standings()] == [(1, 2, 1), (3, 2, 2)]
    assert people.dots_of(7) == {20: 2, 30: 1} and people.summary().placed == 4


# -- themes --------------------------------------------------------------------------------------


@given(
    st.integers(1, 12).flatmap(lambda n: st.tuples(st.just(n), st.integers(0, n - 1), st.integers(-3, n + 3)))
)
def test_moving_a_theme_puts_it_where_asked_within_the_list_and_keeps_the_others_in_order(
    case: tuple[int, int, int],
) -> None:
    count, moved, position = case
    order = list(range(count))
    result = reordered(order, moved, position)
    assert sorted(result) == order
    assert result.index(moved) == max(0, min(position, count - 1))
    assert [o for o in result if o != moved] == [o for o in order if o != moved]


@given(
    st.integers(0, 5),
    st.lists(st.tuples(st.integers(-1, 6), st.integers(0, 3)), max_size=40),
)
def test_the_wall_by_theme_holds_every_idea_on_it_exactly_once_in_the_groups_order(
    theme_count: int, placed: list[tuple[int, int]]
) -> None:
    """Theme -1 is none; a theme id past those that exist (a theme since removed) counts as none.
    Every fourth idea is merged into the one before it and so is not on the wall."""
    themes = tuple(
        Theme(100 + t, f"Theme {t}", position) for position, t in enumerate(reversed(range(theme_count)))
    )
    ideas = []
    for number, (theme, _) in enumerate(placed, start=1):
        into = 10 * (number - 1) if number % 4 == 0 else None
        ideas.append(Idea(10 * number, number, f"idea {number}", f"idea {number}", None,
                          None if theme < 0 else 100 + theme, into))  # fmt: skip
    view = BrainstormView(1, 1, "?", Settings(), tuple(ideas), themes, (), ())
    groups = view.groups()
    shown = [i.id for _, members in groups for i in members]
    assert sorted(shown) == sorted(i.id for i in view.wall)
    assert [t.id for t, _ in groups if t is not None] == [t.id for t in themes]
    known = {t.id for t in themes}
    for theme, members in groups:
        wanted = theme.id if theme is not None else None
        assert all((i.theme_id if i.theme_id in known else None) == wanted for i in members)
        assert [i.number for i in members] == sorted(i.number for i in members)
    loose = [members for theme, members in groups if theme is None]
    assert loose == [] or (len(loose) == 1 and loose[0] and groups[-1][0] is None)
