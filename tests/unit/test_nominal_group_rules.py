"""The nominal group technique's rules: cards as typed, the tally under each convention (worked
by hand below), the flags for a divided group, and turns in the round robin."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.techniques.nominal_group.model import (
    Ballot,
    BallotProblem,
    BallotRefused,
    Convention,
    Idea,
    NominalGroupView,
    RoundRobin,
    Settings,
    Step,
    Vote,
    picks_for,
    points,
    prioritised,
    read_ballot,
    suggested_picks,
    tally,
)

IDEAS = (1, 2, 3, 4, 5, 6)
CARDS = ((3, 1, 5), (1, 3, 2), (5, 3, 6))


def summary(convention: Convention, picks: int = 3) -> list[tuple[int, int, int, int, bool]]:
    return [(s.number, s.points, s.votes, s.place, s.tied) for s in tally(CARDS, IDEAS, convention, picks)]


def test_top_picks_worked_by_hand() -> None:
    # 3 picks: first 3 points, second 2, third 1.
    # idea 3: 3 + 2 + 2 = 7; idea 1: 2 + 3 = 5; idea 5: 1 + 3 = 4; ideas 2 and 6: 1 each; idea 4: 0.
    assert summary(Convention.TOP_PICKS) == [
        (3, 7, 3, 1, False), (1, 5, 2, 2, False), (5, 4, 2, 3, False),
        (2, 1, 1, 4, True), (6, 1, 1, 4, True), (4, 0, 0, 6, False),
    ]  # fmt: skip


def test_reversed_worked_by_hand() -> None:
    # Rank r scores r; left off a card scores 4 (one worse than the last of 3 picks); lowest wins.
    # idea 3: 1 + 2 + 2 = 5; idea 1: 2 + 1 + 4 = 7; idea 5: 3 + 1 + 4 = 8; ideas 2 and 6: 3 + 4 + 4 = 11;
    # idea 4: 4 + 4 + 4 = 12.
    assert summary(Convention.REVERSED) == [
        (3, 5, 3, 1, False), (1, 7, 2, 2, False), (5, 8, 2, 3, False),
        (2, 11, 1, 4, True), (6, 11, 1, 4, True), (4, 12, 0, 6, False),
    ]  # fmt: skip


def test_rank_all_worked_by_hand() -> None:
    # Three ideas, every one ranked: 3, 2, 1 points. Idea 1: 2 + 3 = 5; idea 2: 3 + 2 = 5; idea 3: 1 + 1.
    result = tally(
        ((2, 1, 3), (1, 2, 3)), (1, 2, 3), Convention.RANK_ALL, picks_for(Convention.RANK_ALL, 5, 3)
    )
    assert [(s.number, s.points, s.place, s.tied) for s in result] == [
        (1, 5, 1, True),
        (2, 5, 1, True),
        (3, 2, 3, False),
    ]


def test_raw_ranks_and_mean_rank_are_kept() -> None:
    by_number = {s.number: s for s in tally(CARDS, IDEAS, Convention.TOP_PICKS, 3)}
    assert by_number[3].ranks == (1, 2, 2) and by_number[3].mean_rank == pytest.approx(5 / 3)
    assert by_number[4].ranks == () and by_number[4].mean_rank is None


def test_an_idea_ranked_first_by_some_and_last_by_others_is_flagged_as_dividing_the_group() -> None:
    by_number = {s.number: s for s in tally(CARDS, IDEAS, Convention.TOP_PICKS, 3)}
    assert by_number[5].split  # ranks 1 and 3
    assert not by_number[3].split and not by_number[1].split


def test_an_idea_picked_by_many_but_low_down_is_flagged() -> None:
    cards = [(1, 2, 3, 4, 9), (2, 1, 3, 5, 9), (3, 1, 2, 4, 9), (1, 3, 2, 6, 9)]
    by_number = {s.number: s for s in tally(cards, range(1, 10), Convention.TOP_PICKS, 5)}
    assert by_number[9].split and by_number[9].votes == 4 and by_number[9].points == 4


@pytest.mark.parametrize(
    ("typed", "problem", "number"),
    [
        ("7 3 7 1 5", BallotProblem.REPEATED, 7),
        ("7 3 99 1 5", BallotProblem.UNKNOWN, 99),
        ("7 3 12 1 5 2", BallotProblem.TOO_MANY, 0),
        ("7 3", BallotProblem.TOO_FEW, 0),
        ("7 three 12", BallotProblem.NOT_NUMBERS, 0),
        ("7 ² 12 1 5", BallotProblem.NOT_NUMBERS, 0),
        ("", BallotProblem.NOT_NUMBERS, 0),
    ],
)
def test_cards_typed_wrong_are_refused_with_what_is_wrong(
    typed: str, problem: BallotProblem, number: int
) -> None:
    with pytest.raises(BallotRefused) as refused:
        read_ballot(typed, range(1, 13), 5)
    assert refused.value.problem is problem and refused.value.number == number


def test_a_card_may_use_commas_and_extra_spaces() -> None:
    assert read_ballot(" 7, 3  12;1 5 ", range(1, 13), 5) == (7, 3, 12, 1, 5)


def test_more_picks_are_suggested_for_long_lists() -> None:
    assert suggested_picks(3) == 3
    assert suggested_picks(12) == 5
    assert suggested_picks(48) == 8
    assert suggested_picks(300) == 9


CARD_SETS = st.integers(min_value=1, max_value=8).flatmap(
    lambda picks: st.tuples(
        st.just(picks),
        st.lists(st.permutations(list(range(1, 31))).map(lambda p: tuple(p[:picks])), max_size=40),
    )
)


@given(CARD_SETS)
def test_each_card_adds_k_k_plus_1_over_2_points(drawn: tuple[int, list[tuple[int, ...]]]) -> None:
    picks, cards = drawn
    result = tally(cards, range(1, 31), Convention.TOP_PICKS, picks)
    assert sum(s.points for s in result) == len(cards) * picks * (picks + 1) // 2
    assert sum(s.votes for s in result) == len(cards) * picks


@given(CARD_SETS, st.randoms(use_true_random=False))
def test_totals_do_not_depend_on_the_order_the_cards_are_typed(
    drawn: tuple[int, list[tuple[int, ...]]], shuffler: object
) -> None:
    picks, cards = drawn
    shuffled = list(cards)
    shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
    for convention in (Convention.TOP_PICKS, Convention.REVERSED):
        assert tally(cards, range(1, 31), convention, picks) == tally(
            shuffled, range(1, 31), convention, picks
        )


@given(CARD_SETS)
def test_an_idea_nobody_picked_scores_zero_and_comes_last(drawn: tuple[int, list[tuple[int, ...]]]) -> None:
    picks, cards = drawn
    picked = {n for card in cards for n in card}
    result = tally(cards, range(1, 31), Convention.TOP_PICKS, picks)
    for standing in result:
        if standing.number not in picked:
            assert standing.points == 0 and standing.votes == 0
    assert [s.number for s in prioritised(result)] == [s.number for s in result if s.number in picked]
    # Places never go down the list, and a place is shared exactly by equal points.
    for before, after in itertools.pairwise(result):
        assert before.points >= after.points
        assert (before.place == after.place) == (before.points == after.points)


def test_points_per_rank() -> None:
    assert [points(Convention.TOP_PICKS, r, 5) for r in range(1, 6)] == [5, 4, 3, 2, 1]
    assert [points(Convention.REVERSED, r, 5) for r in range(1, 6)] == [1, 2, 3, 4, 5]


# -- the round robin ------------------------------------------------------------------------------
def test_turns_go_round_and_an_idea_clears_the_passes() -> None:
    turns = RoundRobin((10, 20, 30))
    assert turns.current == 10
    turns = turns.idea().pass_turn()
    assert turns.current == 30 and turns.passes == 1
    turns = turns.idea()
    assert turns.current == 10 and turns.passes == 0


def test_someone_who_passed_comes_back_in_on_their_next_turn() -> None:
    turns = RoundRobin((10, 20, 30)).pass_turn()  # 10 passes
    turns = turns.idea().idea()  # 20 and 30 give ideas
    assert turns.current == 10  # 10 has the turn again and may give an idea
    assert not turns.idea().ended


def test_the_round_ends_when_everyone_in_a_row_has_passed() -> None:
    turns = RoundRobin((10, 20, 30)).idea()
    for _ in range(2):
        turns = turns.pass_turn()
        assert not turns.ended
    turns = turns.pass_turn()
    assert turns.ended and turns.current is None
    assert turns.idea() == turns  # nothing moves once the round has ended
    assert turns.reopen().current == 20 and turns.reopen().passes == 0


def test_the_facilitator_can_end_the_round_and_change_the_order() -> None:
    turns = RoundRobin((10, 20, 30)).idea()  # 20's turn
    reordered = turns.reorder((30, 20, 10))
    assert reordered.current == 20 and reordered.order == (30, 20, 10)
    assert turns.reorder((30, 10)).current == 30  # 20 left: the first in the new order
    assert turns.end().ended


@given(st.lists(st.booleans(), max_size=60), st.integers(min_value=1, max_value=9))
def test_a_round_ends_exactly_after_a_full_circle_of_passes(gave: list[bool], people: int) -> None:
    turns = RoundRobin(tuple(range(people)))
    streak = 0
    for idea in gave:
        if turns.ended:
            break
        turns = turns.idea() if idea else turns.pass_turn()
        streak = 0 if idea else streak + 1
        assert turns.ended == (streak >= people)


# -- the item as the screens see it ---------------------------------------------------------------
FIRST, SECOND = Vote.PRELIMINARY, Vote.FINAL


def _idea(number: int, wording: str = "", into: int | None = None) -> Idea:
    words = wording or f"Idea {number}"
    return Idea(id=100 + number, number=number, text=words, original=words, merged_into=into)


def _card(
    card: int, ranks: tuple[int, ...], convention: Convention, picks: int, vote: Vote = FIRST
) -> Ballot:
    return Ballot(
        id=card, vote=vote, card=card, person_id=None, ranks=ranks, convention=convention, picks=picks
    )


def _group(
    ideas: tuple[Idea, ...] = (),
    ballots: tuple[Ballot, ...] = (),
    settings: Settings | None = None,
    people: dict[int, str] | None = None,
) -> NominalGroupView:
    return NominalGroupView(
        item_id=1, meeting_id=1, title="Priorities", question="Which first?", settings=settings or Settings(),
        ideas=ideas, edits=(), ballots=ballots, present=(), people=people or {}, robin=RoundRobin(()),
    )  # fmt: skip


# Ideas 1..8 with 4 removed (a gap in the numbers), 3 merged into 1 and 6 merged into 5.
GAPPED = (
    _idea(1), _idea(2), _idea(3, into=101), _idea(5), _idea(6, into=105), _idea(7), _idea(8),
)  # fmt: skip


def test_the_list_leaves_out_merged_parts_and_keeps_the_numbers_as_given() -> None:
    group = _group(GAPPED)
    assert [i.number for i in group.listed] == [1, 2, 5, 7, 8]
    assert group.numbers() == (1, 2, 5, 7, 8)
    assert [i.number for i in group.parts(101)] == [3]
    assert _group().listed == () and _group().numbers() == ()


@pytest.mark.parametrize(
    ("settings", "ideas", "expected"),
    [
        (Settings(), GAPPED, 5),  # the suggestion for 5 listed ideas: all of them
        (Settings(), GAPPED[:2], 2),  # never more than there are ideas
        (Settings(), tuple(_idea(n) for n in range(1, 49)), 8),  # a sixth of a long list
        (Settings(picks=3), GAPPED, 3),
        (Settings(picks=9), GAPPED, 5),  # more picks than listed ideas: every idea
        (Settings(picks=3, convention=Convention.RANK_ALL), GAPPED, 5),  # merged parts are not ranked
        (Settings(picks=3, convention=Convention.REVERSED), GAPPED, 3),
        (Settings(), (), 0),
    ],
)
def test_picks_follow_the_settings_and_the_listed_ideas(
    settings: Settings, ideas: tuple[Idea, ...], expected: int
) -> None:
    assert _group(ideas, settings=settings).picks() == expected


def test_a_vote_keeps_the_rules_of_its_first_card_whatever_the_settings_say_now() -> None:
    cards = (
        _card(1, (5, 1), Convention.REVERSED, 2),
        _card(2, (7, 8), Convention.REVERSED, 2),
    )
    group = _group(GAPPED, cards, Settings(picks=3, convention=Convention.TOP_PICKS))
    assert group.rules_of(FIRST) == (Convention.REVERSED, 2)
    assert group.rules_of(SECOND) == (Convention.TOP_PICKS, 3)  # no cards yet: the settings
    assert group.cards(FIRST) == cards and group.cards(SECOND) == ()


def test_the_tally_counts_only_the_votes_cards_over_the_listed_ideas() -> None:
    cards = (
        _card(1, (5, 1), Convention.REVERSED, 2),
        _card(2, (5, 7), Convention.REVERSED, 2),
        _card(1, (8, 2, 1), Convention.TOP_PICKS, 3, SECOND),
    )
    group = _group(GAPPED, cards, Settings(picks=3))
    # Reversed, 2 picks: rank r scores r, left off a card scores 3, lowest wins.
    # 5: 1 + 1 = 2; 1: 2 + 3 = 5; 7: 3 + 2 = 5; 2 and 8: 3 + 3 = 6.
    assert [(s.number, s.points, s.votes, s.place, s.tied) for s in group.tally(FIRST)] == [
        (5, 2, 2, 1, False),
        (1, 5, 1, 2, True),
        (7, 5, 1, 2, True),
        (2, 6, 0, 4, True),
        (8, 6, 0, 4, True),
    ]
    # The final vote: top picks of 3, one card.
    assert [(s.number, s.points) for s in group.tally(SECOND)] == [(8, 3), (2, 2), (1, 1), (5, 0), (7, 0)]
    assert [s.number for s in _group(GAPPED).tally(FIRST)] == [1, 2, 5, 7, 8]  # no cards: all at zero
    assert all(s.points == 0 and s.place == 1 for s in _group(GAPPED).tally(FIRST))


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("Idea 2", 2),
        ("  IDEA   2 ", 2),
        ("ｉｄｅａ 2", 2),  # width forms do not count
        ("idea\t7", 7),
        ("Idea 3", 3),  # merged into 1, but split out again it would stand beside a copy
        ("Idea 2.", None),  # punctuation makes other words
        ("   ", None),
        ("", None),
    ],
)
def test_a_duplicate_is_the_same_words_as_an_idea_on_the_list_or_merged_into_one(
    wording: str, expected: int | None
) -> None:
    found = _group(GAPPED).duplicate_of(wording)
    assert (found.number if found else None) == expected


def test_an_idea_is_not_its_own_duplicate() -> None:
    group = _group(GAPPED)
    assert group.duplicate_of("IDEA 2", besides=102) is None
    assert group.duplicate_of("IDEA 2", besides=101) == group.by_number(2)


def test_turns_are_named_by_person_or_by_seat() -> None:
    people = {1: "Rosa Delgado", 2: "Kwame Mensah"}
    assert _group(people=people).name_of(2) == "Kwame Mensah"
    assert _group(people=people).name_of(9) == ""  # nobody of that id
    seats = _group(settings=Settings(anonymous=True, seats=8), people=people)
    assert seats.name_of(2) == "2" and seats.name_of(8) == "8"


def test_time_boxes_default_per_step_and_can_be_changed_one_at_a_time() -> None:
    assert [Settings().minutes_for(s) for s in Step] == [10, 20, 30, 10, 20, 10, 5]
    changed = Settings(minutes=((Step.CLARIFY, 45), (Step.FINAL, 15)))
    assert changed.minutes_for(Step.CLARIFY) == 45 and changed.minutes_for(Step.FINAL) == 15
    assert changed.minutes_for(Step.GENERATE) == 10  # not stored: the default
    assert changed.minutes_for(Step.RESULT) == 5


def test_each_step_enters_or_shows_the_vote_it_belongs_to() -> None:
    assert {s: s.vote for s in Step} == {
        Step.GENERATE: Vote.PRELIMINARY,
        Step.ROUND_ROBIN: Vote.PRELIMINARY,
        Step.CLARIFY: Vote.PRELIMINARY,
        Step.PRELIMINARY: Vote.PRELIMINARY,
        Step.DISCUSS: Vote.PRELIMINARY,
        Step.FINAL: Vote.FINAL,
        Step.RESULT: Vote.FINAL,
    }


def test_the_result_is_the_final_votes_once_it_has_cards_with_ties_in_the_groups_order() -> None:
    first = (_card(1, (5, 1), Convention.TOP_PICKS, 2), _card(2, (7, 1), Convention.TOP_PICKS, 2))
    # The first vote: 1 on 1 + 1 = 2, 5 and 7 on 2 each: a three-way tie; 2 and 8 on no card.
    tied = Settings(tie_order=(7, 5))
    group = _group(GAPPED, first, tied)
    assert [(s.number, s.points, s.place, s.tied) for s in group.result()] == [
        (7, 2, 1, True),
        (5, 2, 1, True),
        (1, 2, 1, True),  # not placed by the group: after the ones it placed
    ]
    assert [s.number for s in _group(GAPPED, first).result()] == [1, 5, 7]  # no order chosen: by number
    final = (*first, _card(1, (8, 2), Convention.TOP_PICKS, 2, SECOND))
    assert [(s.number, s.points) for s in _group(GAPPED, final, tied).result()] == [(8, 2), (2, 1)]


def test_clarification_time_is_shared_out_over_the_listed_ideas() -> None:
    assert _group(GAPPED).seconds_each() == pytest.approx(30 * 60 / 5)  # merged parts take no time
    assert _group(settings=Settings(minutes=((Step.CLARIFY, 12),))).seconds_each() == pytest.approx(720)
