"""The rules behind decisions: counts by sector, the live result, dispositions against the rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.decision import (
    CHOICES,
    DecisionRule,
    Method,
    Outcome,
    Reason,
    Scale,
    TooManyResponses,
    decide,
)
from facilitator.domain.record import (
    OVERALL,
    DecisionFields,
    Disposition,
    NoteNeeded,
    against_rule,
    check_disposition,
    check_sector_counts,
    live_outcome,
    outcome_from_json,
    outcome_to_json,
    recorded_rule,
    total_counts,
)

VOTE = Scale.VOTE


def test_sector_counts_add_up_to_the_total_the_rule_decides() -> None:
    counts = {"1": {"for": 2, "against": 1}, "2": {"for": 3, "abstain": 1}}
    checked = check_sector_counts(VOTE, counts, 8, {"1": 3, "2": 5})
    assert checked == {
        "1": {"for": 2, "against": 1, "abstain": 0},
        "2": {"for": 3, "against": 0, "abstain": 1},
    }
    assert total_counts(VOTE, checked) == {"for": 5, "against": 1, "abstain": 1}


def test_a_sector_cannot_count_more_hands_than_it_has_people_present() -> None:
    with pytest.raises(TooManyResponses) as raised:
        check_sector_counts(VOTE, {"1": {"for": 4}}, 10, {"1": 3})
    assert (raised.value.counted, raised.value.present) == (4, 3)


def test_the_whole_room_cannot_count_more_than_are_present() -> None:
    with pytest.raises(TooManyResponses):
        check_sector_counts(VOTE, {OVERALL: {"for": 6, "against": 5}}, 10, {})


def test_nothing_counted_gives_no_live_result() -> None:
    assert live_outcome(DecisionRule(), DecisionFields("x"), {}, 10) is None


def test_a_count_beyond_the_people_present_now_asks_for_a_recount() -> None:
    # People left after the count: no result until the count is taken again.
    assert live_outcome(DecisionRule(), DecisionFields("x"), {OVERALL: {"for": 9}}, 8) is None


def test_the_live_result_follows_the_try_under_consensus_then_vote() -> None:
    rule = DecisionRule(Method.CONSENSUS_THEN_VOTE, attempts=2, fallback=Method.MAJORITY)
    counts = {OVERALL: {"for": 7, "against": 3}}
    first = live_outcome(rule, DecisionFields("x", attempt=1), counts, 10)
    third = live_outcome(rule, DecisionFields("x", attempt=3), counts, 10)
    assert first is not None and not first.carried and first.reason is Reason.OPPOSED
    assert third is not None and third.carried and third.fell_back and third.reason is Reason.MAJORITY


@pytest.mark.parametrize(
    ("disposition", "carried", "needs_note"),
    [
        (Disposition.ADOPTED, True, False),
        (Disposition.ADOPTED, False, True),
        (Disposition.REJECTED, True, True),
        (Disposition.REJECTED, False, False),
        (Disposition.DEFERRED, True, False),
        (Disposition.REFERRED, False, False),
        (Disposition.WITHDRAWN, True, False),
    ],
)
def test_going_against_the_rule_needs_a_note(
    disposition: Disposition, carried: bool, needs_note: bool
) -> None:
    outcome = decide(DecisionRule(Method.MAJORITY), VOTE, {"for": 6 if carried else 2, "against": 4}, 10)
    assert outcome.carried is carried
    assert against_rule(disposition, carried) is needs_note
    if needs_note:
        with pytest.raises(NoteNeeded):
            check_disposition(disposition, outcome, "  ")
        check_disposition(disposition, outcome, "The funder's deadline decided it.")
    else:
        check_disposition(disposition, outcome, "")


def test_a_disposition_without_a_count_needs_no_note() -> None:
    check_disposition(Disposition.ADOPTED, None, "")


counts = st.fixed_dictionaries({choice: st.integers(0, 30) for choice in CHOICES[VOTE]})
methods = st.sampled_from([Method.CONSENSUS, Method.CONSENT, Method.MAJORITY, Method.TWO_THIRDS])


@given(counts, methods, st.integers(0, 20), st.integers(1, 4))
def test_a_recorded_outcome_reads_back_exactly(
    votes: dict[str, int], method: Method, quorum: int, attempt: int
) -> None:
    present = sum(votes.values()) + 3
    outcome: Outcome = decide(DecisionRule(method, quorum), VOTE, votes, present, attempt)
    assert outcome_from_json(outcome_to_json(outcome)) == outcome


@given(st.dictionaries(st.sampled_from(["1", "2", "3", "none"]), counts, min_size=1))
def test_the_total_over_sectors_is_the_sum_of_each_choice(parts: dict[str, dict[str, int]]) -> None:
    total = total_counts(VOTE, parts)
    for choice in CHOICES[VOTE]:
        assert total[choice] == sum(part[choice] for part in parts.values())


def test_the_rule_that_gave_an_outcome_is_kept_with_it() -> None:
    rule = DecisionRule(Method.CONSENSUS_THEN_VOTE, quorum=8, attempts=2, fallback=Method.TWO_THIRDS)
    outcome = decide(rule, VOTE, {"for": 9}, 10)
    assert recorded_rule(outcome_to_json(outcome, rule)) == rule
    assert recorded_rule(outcome_to_json(outcome)) is None
