"""The decision rule and its outcome arithmetic: worked examples, errors and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.decision import (
    ATTEMPTS_LIMIT,
    CHOICES,
    QUORUM_LIMIT,
    STANCES,
    DecisionRule,
    Method,
    Outcome,
    Reason,
    Scale,
    Stance,
    Tally,
    TooManyResponses,
    check_counts,
    counts_of,
    decide,
    method_for_attempt,
    tally,
)
from facilitator.domain.errors import InvalidValue

G = Scale.GRADIENTS
F = Scale.FIST_TO_FIVE
V = Scale.VOTE


def outcome(
    method: Method,
    scale: Scale,
    counts: dict[str, int],
    present: int | None = None,
    *,
    quorum: int = 0,
    attempts: int = 2,
    fallback: Method = Method.MAJORITY,
    attempt: int = 1,
) -> Outcome:
    """Decide one check; ``present`` defaults to exactly the people counted."""
    rule = DecisionRule(method, quorum, attempts, fallback).checked()
    if present is None:
        present = sum(counts.values())
    return decide(rule, scale, counts, present, attempt)


# -- consensus ------------------------------------------------------------------------------------


def test_gradients_consensus_carries_when_everyone_agrees_some_with_reservations() -> None:
    result = outcome(Method.CONSENSUS, G, {"agree": 5, "reservations": 2}, present=8)
    assert result.carried
    assert result.reason is Reason.CONSENSUS
    assert result.method is Method.CONSENSUS
    assert not result.fell_back
    assert result.needed == 0
    assert result.tally == Tally(support=7, oppose=0, abstain=0, block=0)
    assert result.present == 8
    assert result.missing == 1


def test_gradients_consensus_is_not_broken_by_a_stand_aside() -> None:
    result = outcome(Method.CONSENSUS, G, {"agree": 4, "reservations": 1, "stand_aside": 2})
    assert result.carried
    assert result.reason is Reason.CONSENSUS
    assert result.tally == Tally(support=5, oppose=0, abstain=2, block=0)
    assert not result.thin


def test_gradients_consensus_fails_on_a_single_block() -> None:
    result = outcome(Method.CONSENSUS, G, {"agree": 10, "stand_aside": 1, "block": 1})
    assert not result.carried
    assert result.reason is Reason.BLOCKED
    assert result.needed == 0
    assert result.tally == Tally(support=10, oppose=0, abstain=1, block=1)


def test_consensus_where_everyone_stands_aside_has_no_support() -> None:
    result = outcome(Method.CONSENSUS, G, {"stand_aside": 3})
    assert not result.carried
    assert result.reason is Reason.NO_SUPPORT
    assert result.tally == Tally(support=0, oppose=0, abstain=3, block=0)


def test_fist_to_five_consensus_carries_on_three_fingers_or_more() -> None:
    result = outcome(Method.CONSENSUS, F, {"5": 3, "4": 2, "3": 1})
    assert result.carried
    assert result.reason is Reason.CONSENSUS
    assert result.tally == Tally(support=6, oppose=0, abstain=0, block=0)


@pytest.mark.parametrize("fingers", ["2", "1"])
def test_fist_to_five_consensus_is_opposed_by_anyone_showing_one_or_two(fingers: str) -> None:
    result = outcome(Method.CONSENSUS, F, {"5": 5, "4": 3, fingers: 1})
    assert not result.carried
    assert result.reason is Reason.OPPOSED
    assert result.tally == Tally(support=8, oppose=1, abstain=0, block=0)


def test_fist_to_five_consensus_is_blocked_by_a_fist() -> None:
    result = outcome(Method.CONSENSUS, F, {"5": 9, "0": 1})
    assert not result.carried
    assert result.reason is Reason.BLOCKED
    assert result.tally == Tally(support=9, oppose=0, abstain=0, block=1)


def test_consensus_reports_a_block_before_an_opposition() -> None:
    result = outcome(Method.CONSENSUS, F, {"5": 4, "1": 2, "0": 1})
    assert result.reason is Reason.BLOCKED
    assert result.tally == Tally(support=4, oppose=2, abstain=0, block=1)


def test_vote_consensus_allows_abstentions_but_not_a_vote_against() -> None:
    agreed = outcome(Method.CONSENSUS, V, {"for": 5, "abstain": 2})
    assert agreed.carried
    assert agreed.reason is Reason.CONSENSUS
    assert agreed.tally == Tally(support=5, oppose=0, abstain=2, block=0)

    opposed = outcome(Method.CONSENSUS, V, {"for": 5, "against": 1, "abstain": 2})
    assert not opposed.carried
    assert opposed.reason is Reason.OPPOSED


# -- consent --------------------------------------------------------------------------------------


def test_fist_to_five_consent_carries_despite_ones_and_twos() -> None:
    result = outcome(Method.CONSENT, F, {"5": 2, "3": 1, "2": 3, "1": 1})
    assert result.carried
    assert result.reason is Reason.CONSENT
    assert result.method is Method.CONSENT
    assert result.needed == 0
    assert result.tally == Tally(support=3, oppose=4, abstain=0, block=0)


def test_fist_to_five_consent_fails_on_a_fist() -> None:
    result = outcome(Method.CONSENT, F, {"5": 8, "2": 1, "0": 1})
    assert not result.carried
    assert result.reason is Reason.BLOCKED
    assert result.tally == Tally(support=8, oppose=1, abstain=0, block=1)


def test_gradients_consent_allows_stand_asides_and_fails_on_a_block() -> None:
    allowed = outcome(Method.CONSENT, G, {"agree": 3, "reservations": 2, "stand_aside": 4})
    assert allowed.carried
    assert allowed.reason is Reason.CONSENT
    assert allowed.tally == Tally(support=5, oppose=0, abstain=4, block=0)

    blocked = outcome(Method.CONSENT, G, {"agree": 3, "reservations": 2, "stand_aside": 4, "block": 1})
    assert not blocked.carried
    assert blocked.reason is Reason.BLOCKED


def test_consent_with_only_concerns_and_no_support_does_not_carry() -> None:
    result = outcome(Method.CONSENT, F, {"2": 3, "1": 1})
    assert not result.carried
    assert result.reason is Reason.NO_SUPPORT


def test_vote_consent_treats_a_vote_against_as_the_objection() -> None:
    # The vote scale has no block choice; under consent a vote against is how someone objects.
    result = outcome(Method.CONSENT, V, {"for": 9, "against": 1, "abstain": 1})
    assert not result.carried
    assert result.reason is Reason.BLOCKED
    assert result.tally == Tally(support=9, oppose=1, abstain=1, block=0)


def test_vote_consent_carries_with_abstentions_and_no_votes_against() -> None:
    result = outcome(Method.CONSENT, V, {"for": 2, "against": 0, "abstain": 5})
    assert result.carried
    assert result.reason is Reason.CONSENT


# -- majority -------------------------------------------------------------------------------------


def test_majority_carries_with_more_than_half_of_the_sides() -> None:
    result = outcome(Method.MAJORITY, V, {"for": 7, "against": 5})
    assert result.carried
    assert result.reason is Reason.MAJORITY
    assert result.method is Method.MAJORITY
    assert result.needed == 7
    assert result.tally == Tally(support=7, oppose=5, abstain=0, block=0)


def test_majority_with_an_odd_number_of_sides_needs_the_larger_half() -> None:
    carried = outcome(Method.MAJORITY, V, {"for": 3, "against": 2})
    assert carried.carried
    assert carried.needed == 3

    short = outcome(Method.MAJORITY, V, {"for": 2, "against": 3})
    assert not short.carried
    assert short.reason is Reason.SHORT_OF_MAJORITY
    assert short.needed == 3


def test_majority_six_for_six_against_is_a_tie() -> None:
    result = outcome(Method.MAJORITY, V, {"for": 6, "against": 6})
    assert not result.carried
    assert result.reason is Reason.TIE
    assert result.needed == 7


def test_majority_short_of_half_is_short_of_majority() -> None:
    result = outcome(Method.MAJORITY, V, {"for": 5, "against": 7})
    assert not result.carried
    assert result.reason is Reason.SHORT_OF_MAJORITY
    assert result.needed == 7


def test_abstentions_do_not_count_as_sides_in_a_majority_vote() -> None:
    result = outcome(Method.MAJORITY, V, {"for": 4, "against": 3, "abstain": 10}, present=20)
    assert result.tally == Tally(support=4, oppose=3, abstain=10, block=0)
    assert result.tally.sides == 7
    assert result.needed == 4
    assert result.carried
    assert result.reason is Reason.MAJORITY
    assert result.thin  # ten abstained, only four supported
    assert result.missing == 3


def test_stand_asides_do_not_count_as_sides_but_blocks_count_against_in_a_majority_vote() -> None:
    tie = outcome(Method.MAJORITY, G, {"agree": 3, "reservations": 1, "stand_aside": 5, "block": 4})
    assert tie.tally == Tally(support=4, oppose=0, abstain=5, block=4)
    assert tie.tally.sides == 8
    assert tie.needed == 5
    assert not tie.carried
    assert tie.reason is Reason.TIE

    # Under a vote a block is one voice against, not a veto.
    carried = outcome(Method.MAJORITY, G, {"agree": 4, "block": 3})
    assert carried.needed == 4
    assert carried.carried
    assert carried.reason is Reason.MAJORITY


def test_fist_to_five_majority_counts_ones_twos_and_fists_against() -> None:
    counts = {"5": 2, "4": 1, "3": 1, "2": 2, "1": 1, "0": 1}
    result = outcome(Method.MAJORITY, F, counts)
    assert result.tally == Tally(support=4, oppose=3, abstain=0, block=1)
    assert result.needed == 5
    assert not result.carried
    assert result.reason is Reason.TIE

    result = outcome(Method.MAJORITY, F, {**counts, "3": 2})
    assert result.needed == 5
    assert result.carried


def test_majority_where_everyone_abstains_has_no_support() -> None:
    result = outcome(Method.MAJORITY, V, {"abstain": 4})
    assert not result.carried
    assert result.reason is Reason.NO_SUPPORT
    assert result.tally.sides == 0
    assert result.needed == 1


def test_majority_with_nobody_for_has_no_support_rather_than_a_shortfall() -> None:
    result = outcome(Method.MAJORITY, V, {"against": 4})
    assert not result.carried
    assert result.reason is Reason.NO_SUPPORT
    assert result.needed == 3


# -- two thirds -----------------------------------------------------------------------------------


def test_two_thirds_of_twelve_sides_needs_eight() -> None:
    carried = outcome(Method.TWO_THIRDS, V, {"for": 8, "against": 4})
    assert carried.carried
    assert carried.reason is Reason.TWO_THIRDS
    assert carried.method is Method.TWO_THIRDS
    assert carried.needed == 8

    short = outcome(Method.TWO_THIRDS, V, {"for": 7, "against": 5})
    assert not short.carried
    assert short.reason is Reason.SHORT_OF_TWO_THIRDS
    assert short.needed == 8


@pytest.mark.parametrize(
    ("sides", "needed"),
    [(1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 4), (9, 6), (10, 7), (11, 8), (12, 8)],
)
def test_two_thirds_needs_two_thirds_of_the_sides_rounded_up(sides: int, needed: int) -> None:
    enough = outcome(Method.TWO_THIRDS, V, {"for": needed, "against": sides - needed})
    assert enough.needed == needed
    assert enough.carried

    one_short = outcome(Method.TWO_THIRDS, V, {"for": needed - 1, "against": sides - needed + 1})
    assert one_short.needed == needed
    assert not one_short.carried


def test_two_thirds_with_an_even_split_is_short_not_a_tie() -> None:
    result = outcome(Method.TWO_THIRDS, V, {"for": 6, "against": 6})
    assert not result.carried
    assert result.reason is Reason.SHORT_OF_TWO_THIRDS


def test_abstentions_do_not_count_as_sides_in_a_two_thirds_vote() -> None:
    result = outcome(Method.TWO_THIRDS, V, {"for": 2, "against": 1, "abstain": 9})
    assert result.tally.sides == 3
    assert result.needed == 2
    assert result.carried
    assert result.thin


def test_blocks_count_against_in_a_two_thirds_vote() -> None:
    carried = outcome(Method.TWO_THIRDS, G, {"agree": 5, "reservations": 1, "stand_aside": 2, "block": 3})
    assert carried.tally == Tally(support=6, oppose=0, abstain=2, block=3)
    assert carried.needed == 6
    assert carried.carried

    short = outcome(Method.TWO_THIRDS, G, {"agree": 6, "block": 4})
    assert short.needed == 7
    assert not short.carried
    assert short.reason is Reason.SHORT_OF_TWO_THIRDS


# -- consensus, then a vote -----------------------------------------------------------------------


@pytest.mark.parametrize("attempt", [1, 2])
def test_consensus_then_vote_uses_consensus_for_the_first_attempts(attempt: int) -> None:
    result = outcome(Method.CONSENSUS_THEN_VOTE, V, {"for": 8, "against": 4}, attempts=2, attempt=attempt)
    assert not result.carried
    assert result.reason is Reason.OPPOSED
    assert result.method is Method.CONSENSUS
    assert not result.fell_back
    assert result.needed == 0


def test_consensus_then_vote_falls_back_to_majority_after_the_attempts() -> None:
    result = outcome(
        Method.CONSENSUS_THEN_VOTE,
        V,
        {"for": 7, "against": 5},
        attempts=2,
        fallback=Method.MAJORITY,
        attempt=3,
    )
    assert result.carried
    assert result.reason is Reason.MAJORITY
    assert result.method is Method.MAJORITY
    assert result.fell_back
    assert result.needed == 7


def test_consensus_then_vote_falls_back_to_two_thirds_after_the_attempts() -> None:
    short = outcome(
        Method.CONSENSUS_THEN_VOTE,
        V,
        {"for": 7, "against": 5},
        attempts=2,
        fallback=Method.TWO_THIRDS,
        attempt=3,
    )
    assert not short.carried
    assert short.reason is Reason.SHORT_OF_TWO_THIRDS
    assert short.method is Method.TWO_THIRDS
    assert short.fell_back
    assert short.needed == 8

    carried = outcome(
        Method.CONSENSUS_THEN_VOTE,
        V,
        {"for": 8, "against": 4},
        attempts=2,
        fallback=Method.TWO_THIRDS,
        attempt=4,
    )
    assert carried.carried
    assert carried.reason is Reason.TWO_THIRDS
    assert carried.fell_back


def test_consensus_then_vote_carries_by_consensus_without_falling_back() -> None:
    result = outcome(Method.CONSENSUS_THEN_VOTE, G, {"agree": 6, "stand_aside": 1}, attempts=2, attempt=2)
    assert result.carried
    assert result.reason is Reason.CONSENSUS
    assert result.method is Method.CONSENSUS
    assert not result.fell_back


def test_a_block_under_the_fallback_vote_is_only_one_voice_against() -> None:
    counts = {"agree": 9, "block": 1}
    before = outcome(Method.CONSENSUS_THEN_VOTE, G, counts, attempts=1, attempt=1)
    assert before.reason is Reason.BLOCKED
    after = outcome(Method.CONSENSUS_THEN_VOTE, G, counts, attempts=1, attempt=2)
    assert after.carried
    assert after.reason is Reason.MAJORITY
    assert after.needed == 6


def test_method_for_attempt() -> None:
    rule = DecisionRule(Method.CONSENSUS_THEN_VOTE, attempts=3, fallback=Method.TWO_THIRDS)
    assert [method_for_attempt(rule, attempt) for attempt in (1, 2, 3, 4, 9)] == [
        (Method.CONSENSUS, False),
        (Method.CONSENSUS, False),
        (Method.CONSENSUS, False),
        (Method.TWO_THIRDS, True),
        (Method.TWO_THIRDS, True),
    ]


@pytest.mark.parametrize("method", [Method.CONSENSUS, Method.CONSENT, Method.MAJORITY, Method.TWO_THIRDS])
def test_other_methods_ignore_the_attempt_number(method: Method) -> None:
    rule = DecisionRule(method, attempts=1)
    for attempt in (1, 2, 10):
        assert method_for_attempt(rule, attempt) == (method, False)


# -- quorum and nothing counted -------------------------------------------------------------------


def test_below_quorum_nothing_carries_whatever_the_counts() -> None:
    result = outcome(Method.MAJORITY, V, {"for": 9}, present=9, quorum=10)
    assert not result.carried
    assert result.reason is Reason.NO_QUORUM
    assert result.quorum == 10
    assert result.present == 9
    assert result.tally == Tally(support=9, oppose=0, abstain=0, block=0)
    assert result.needed == 5


def test_exactly_the_quorum_present_is_enough() -> None:
    result = outcome(Method.CONSENSUS, G, {"agree": 8}, present=10, quorum=10)
    assert result.carried
    assert result.reason is Reason.CONSENSUS
    assert result.missing == 2


def test_quorum_is_checked_before_anything_is_counted() -> None:
    result = outcome(Method.CONSENT, F, {}, present=0, quorum=1)
    assert result.reason is Reason.NO_QUORUM


@pytest.mark.parametrize("method", list(Method))
@pytest.mark.parametrize("scale", list(Scale))
def test_nothing_counted_does_not_carry(method: Method, scale: Scale) -> None:
    for counts in ({}, dict.fromkeys(CHOICES[scale], 0)):
        result = outcome(method, scale, counts, present=5)
        assert not result.carried
        assert result.reason is Reason.NOTHING_COUNTED
        assert result.tally == Tally()
        assert result.missing == 5


def test_an_empty_room_with_no_quorum_set_counts_nothing() -> None:
    result = outcome(Method.MAJORITY, V, {}, present=0)
    assert result.reason is Reason.NOTHING_COUNTED
    assert result.missing == 0


# -- outcome: missing and thin --------------------------------------------------------------------


def test_missing_is_those_present_but_not_counted() -> None:
    assert outcome(Method.MAJORITY, V, {"for": 5, "against": 3, "abstain": 1}, present=12).missing == 3
    assert outcome(Method.MAJORITY, V, {"for": 5, "against": 3, "abstain": 1}, present=9).missing == 0


def test_missing_is_never_negative() -> None:
    made_up = Outcome(True, Reason.MAJORITY, Method.MAJORITY, False, Tally(support=3), 2, 0, 2)
    assert made_up.missing == 0


def test_thin_when_carried_with_at_least_as_many_standing_aside_as_supporting() -> None:
    assert outcome(Method.CONSENT, G, {"agree": 1, "reservations": 1, "stand_aside": 2}).thin
    assert not outcome(Method.CONSENT, G, {"agree": 2, "reservations": 1, "stand_aside": 2}).thin


def test_an_outcome_that_did_not_carry_is_never_thin() -> None:
    result = outcome(Method.MAJORITY, V, {"for": 1, "against": 3, "abstain": 5})
    assert not result.carried
    assert not result.thin


# -- counting and errors --------------------------------------------------------------------------


def test_more_responses_than_people_present_are_refused() -> None:
    with pytest.raises(TooManyResponses) as raised:
        outcome(Method.MAJORITY, V, {"for": 5, "against": 3}, present=7)
    assert raised.value.counted == 8
    assert raised.value.present == 7
    assert str(raised.value) == "8 responses counted but 7 present"


def test_too_many_responses_are_refused_even_without_quorum() -> None:
    with pytest.raises(TooManyResponses):
        outcome(Method.CONSENSUS, G, {"agree": 3}, present=2, quorum=5)


def test_an_unknown_choice_is_refused() -> None:
    with pytest.raises(InvalidValue) as raised:
        outcome(Method.MAJORITY, V, {"for": 3, "maybe": 1}, present=10)
    assert raised.value.field == "choice"
    assert raised.value.value == "maybe"


def test_a_choice_from_another_scale_is_refused() -> None:
    with pytest.raises(InvalidValue) as raised:
        outcome(Method.CONSENSUS, G, {"for": 3}, present=10)
    assert raised.value.field == "choice"
    assert raised.value.value == "for"


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(InvalidValue) as raised:
        outcome(Method.MAJORITY, V, {"for": 3, "against": -1}, present=10)
    assert raised.value.field == "count"
    assert raised.value.value == -1
    assert raised.value.low == 0
    assert raised.value.high == 10


def test_check_counts_fills_in_every_choice_of_the_scale_in_order() -> None:
    full = check_counts(F, {"0": 1, "4": 2}, present=3)
    assert full == {"5": 0, "4": 2, "3": 0, "2": 0, "1": 0, "0": 1}
    assert list(full) == list(CHOICES[F])


def test_tally_adds_choices_into_stances() -> None:
    assert tally(G, {"agree": 2, "reservations": 3, "stand_aside": 1, "block": 1}) == Tally(5, 0, 1, 1)
    assert tally(F, {"5": 1, "4": 1, "3": 1, "2": 1, "1": 1, "0": 1}) == Tally(3, 2, 0, 1)
    assert tally(V, {"for": 4, "against": 2, "abstain": 3}) == Tally(4, 2, 3, 0)
    assert Tally(4, 2, 3, 1).counted == 10
    assert Tally(4, 2, 3, 1).sides == 7


def test_counts_of_adds_up_per_person_choices() -> None:
    assert counts_of(G, ["agree", "block", "agree", "stand_aside"]) == {
        "agree": 2,
        "reservations": 0,
        "stand_aside": 1,
        "block": 1,
    }
    assert counts_of(F, ["0", "5", "5"]) == {"5": 2, "4": 0, "3": 0, "2": 0, "1": 0, "0": 1}
    assert counts_of(V, []) == {"for": 0, "against": 0, "abstain": 0}


@pytest.mark.parametrize(("scale", "choice"), [(V, "yes"), (F, "6"), (G, "for"), (V, "For")])
def test_counts_of_refuses_a_choice_not_on_the_scale(scale: Scale, choice: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        counts_of(scale, [CHOICES[scale][0], choice])
    assert raised.value.field == "choice"
    assert raised.value.value == choice


# -- the rule's own limits ------------------------------------------------------------------------


def test_a_rule_in_range_checks_as_an_equal_rule() -> None:
    for rule in (
        DecisionRule(),
        DecisionRule(Method.CONSENSUS_THEN_VOTE, quorum=0, attempts=1, fallback=Method.TWO_THIRDS),
        DecisionRule(Method.MAJORITY, quorum=QUORUM_LIMIT, attempts=ATTEMPTS_LIMIT),
    ):
        assert rule.checked() == rule


def test_checking_turns_methods_given_as_plain_strings_into_enum_members() -> None:
    # As a rule read back from JSON would give them.
    plain = DecisionRule("consensus_then_vote", 3, 2, "two_thirds")  # type: ignore[arg-type]
    rule = plain.checked()
    assert rule == DecisionRule(Method.CONSENSUS_THEN_VOTE, 3, 2, Method.TWO_THIRDS)
    assert type(rule.method) is Method
    assert type(rule.fallback) is Method


def test_an_unknown_method_is_refused() -> None:
    with pytest.raises(InvalidValue) as raised:
        DecisionRule("unanimity").checked()  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("method", "unanimity")


@pytest.mark.parametrize("quorum", [-1, QUORUM_LIMIT + 1])
def test_a_quorum_out_of_range_is_refused(quorum: int) -> None:
    with pytest.raises(InvalidValue) as raised:
        DecisionRule(quorum=quorum).checked()
    assert (raised.value.field, raised.value.value) == ("quorum", quorum)
    assert (raised.value.low, raised.value.high) == (0, QUORUM_LIMIT)


@pytest.mark.parametrize("attempts", [0, -1, ATTEMPTS_LIMIT + 1])
def test_attempts_out_of_range_are_refused(attempts: int) -> None:
    with pytest.raises(InvalidValue) as raised:
        DecisionRule(Method.CONSENSUS_THEN_VOTE, attempts=attempts).checked()
    assert (raised.value.field, raised.value.value) == ("attempts", attempts)
    assert (raised.value.low, raised.value.high) == (1, ATTEMPTS_LIMIT)


@pytest.mark.parametrize(
    "fallback", [Method.CONSENSUS, Method.CONSENT, Method.CONSENSUS_THEN_VOTE, "consent", "unanimity"]
)
def test_a_fallback_that_is_not_a_vote_is_refused(fallback: Method | str) -> None:
    with pytest.raises(InvalidValue) as raised:
        DecisionRule(Method.CONSENSUS_THEN_VOTE, fallback=fallback).checked()  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("fallback", fallback)


@pytest.mark.parametrize(
    "plain",
    [
        DecisionRule("two_thirds"),  # type: ignore[arg-type]
        DecisionRule(Method.CONSENSUS_THEN_VOTE, attempts=1, fallback="two_thirds"),  # type: ignore[arg-type]
    ],
    ids=["method", "fallback"],
)
def test_a_checked_rule_given_as_plain_strings_decides_like_the_enum_rule(plain: DecisionRule) -> None:
    result = decide(plain.checked(), V, {"for": 7, "against": 5}, present=12, attempt=2)
    assert not result.carried
    assert result.reason is Reason.SHORT_OF_TWO_THIRDS
    assert result.method is Method.TWO_THIRDS
    assert result.needed == 8


# -- properties -----------------------------------------------------------------------------------

MAX_COUNT = 40
BLOCKING_SCALES = [scale for scale in Scale if Stance.BLOCK in STANCES[scale].values()]


@st.composite
def checks(draw: st.DrawFn, scales: list[Scale] | None = None) -> tuple[Scale, dict[str, int], int]:
    """A scale, a count for each of its choices, and a room with at least that many people."""
    scale = draw(st.sampled_from(scales or list(Scale)))
    counts = {choice: draw(st.integers(0, MAX_COUNT)) for choice in CHOICES[scale]}
    present = sum(counts.values()) + draw(st.integers(0, 10))
    return scale, counts, present


def supporting(scale: Scale) -> list[str]:
    return [choice for choice, stance in STANCES[scale].items() if stance is Stance.SUPPORT]


def blocking(scale: Scale) -> list[str]:
    return [choice for choice, stance in STANCES[scale].items() if stance is Stance.BLOCK]


def plus_one(counts: dict[str, int], choice: str) -> dict[str, int]:
    return {**counts, choice: counts[choice] + 1}


@given(checks())
def test_consensus_carried_implies_consent_carried(check: tuple[Scale, dict[str, int], int]) -> None:
    scale, counts, present = check
    if outcome(Method.CONSENSUS, scale, counts, present).carried:
        assert outcome(Method.CONSENT, scale, counts, present).carried


@given(checks())
def test_two_thirds_carried_implies_majority_carried(check: tuple[Scale, dict[str, int], int]) -> None:
    scale, counts, present = check
    if outcome(Method.TWO_THIRDS, scale, counts, present).carried:
        assert outcome(Method.MAJORITY, scale, counts, present).carried


@given(checks(BLOCKING_SCALES), st.sampled_from([Method.CONSENSUS, Method.CONSENT]))
def test_one_more_block_always_stops_consensus_and_consent(
    check: tuple[Scale, dict[str, int], int], method: Method
) -> None:
    scale, counts, present = check
    (block,) = blocking(scale)
    before = outcome(method, scale, counts, present)
    after = outcome(method, scale, plus_one(counts, block), present + 1)
    # Neither turns a failed check into a carried one nor lets a carried one stand.
    assert not after.carried
    assert after.reason is Reason.BLOCKED
    assert before.carried == (before.reason in (Reason.CONSENSUS, Reason.CONSENT))


@given(checks(), st.sampled_from([Method.MAJORITY, Method.TWO_THIRDS]), st.data())
def test_one_more_support_never_undoes_a_carried_vote(
    check: tuple[Scale, dict[str, int], int], method: Method, data: st.DataObject
) -> None:
    scale, counts, present = check
    choice = data.draw(st.sampled_from(supporting(scale)))
    if outcome(method, scale, counts, present).carried:
        assert outcome(method, scale, plus_one(counts, choice), present + 1).carried


@given(checks(), st.sampled_from([Method.MAJORITY, Method.TWO_THIRDS]))
def test_a_vote_carries_exactly_when_support_reaches_its_share_of_the_sides(
    check: tuple[Scale, dict[str, int], int], method: Method
) -> None:
    scale, counts, present = check
    result = outcome(method, scale, counts, present)
    support, sides = result.tally.support, result.tally.sides
    majority = 2 * support > sides
    two_thirds = support > 0 and 3 * support >= 2 * sides
    assert result.carried == (majority if method is Method.MAJORITY else two_thirds)


@given(checks())
def test_majority_needs_the_least_number_that_is_more_than_half_the_sides(
    check: tuple[Scale, dict[str, int], int],
) -> None:
    scale, counts, present = check
    result = outcome(Method.MAJORITY, scale, counts, present)
    sides = result.tally.sides
    assert 2 * result.needed > sides
    assert 2 * (result.needed - 1) <= sides


@given(checks())
def test_two_thirds_needs_the_least_number_that_is_two_thirds_of_the_sides(
    check: tuple[Scale, dict[str, int], int],
) -> None:
    scale, counts, present = check
    result = outcome(Method.TWO_THIRDS, scale, counts, present)
    sides = result.tally.sides
    assert 3 * result.needed >= 2 * sides
    assert result.needed == 0 or 3 * (result.needed - 1) < 2 * sides


@given(checks(), st.sampled_from(list(Method)))
def test_the_tally_counts_every_response_and_the_rest_are_missing(
    check: tuple[Scale, dict[str, int], int], method: Method
) -> None:
    scale, counts, present = check
    result = outcome(method, scale, counts, present)
    assert result.tally.counted == sum(counts.values())
    assert result.missing == present - sum(counts.values())
    assert result.present == present


@given(checks(), st.sampled_from(list(Method)), st.data())
def test_nothing_carries_below_quorum(
    check: tuple[Scale, dict[str, int], int], method: Method, data: st.DataObject
) -> None:
    scale, counts, present = check
    quorum = data.draw(st.integers(present + 1, QUORUM_LIMIT))
    attempt = data.draw(st.integers(1, ATTEMPTS_LIMIT + 1))
    result = outcome(method, scale, counts, present, quorum=quorum, attempt=attempt)
    assert not result.carried
    assert result.reason is Reason.NO_QUORUM


@given(
    responses=st.sampled_from(list(Scale)).flatmap(
        lambda scale: st.tuples(st.just(scale), st.lists(st.sampled_from(CHOICES[scale]), max_size=30))
    ),
    method=st.sampled_from(list(Method)),
    fallback=st.sampled_from([Method.MAJORITY, Method.TWO_THIRDS]),
    attempts=st.integers(1, ATTEMPTS_LIMIT),
    attempt=st.integers(1, ATTEMPTS_LIMIT + 1),
    quorum=st.integers(0, 40),
    latecomers=st.integers(0, 5),
    data=st.data(),
)
def test_the_outcome_does_not_depend_on_the_order_of_responses(
    responses: tuple[Scale, list[str]],
    method: Method,
    fallback: Method,
    attempts: int,
    attempt: int,
    quorum: int,
    latecomers: int,
    data: st.DataObject,
) -> None:
    scale, choices = responses
    shuffled = data.draw(st.permutations(choices))
    present = len(choices) + latecomers
    rule = DecisionRule(method, quorum=quorum, attempts=attempts, fallback=fallback).checked()
    in_order = decide(rule, scale, counts_of(scale, choices), present, attempt)
    assert decide(rule, scale, counts_of(scale, shuffled), present, attempt) == in_order
    assert in_order.tally.counted == len(choices)
