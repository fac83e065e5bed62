"""How a group decides: the decision rule, the ways of showing agreement, and the outcome arithmetic.

Used by ground-rule checks and, later, by decisions. Every outcome carries a reason code and the
numbers behind it, so the screen can say in plain words why something did or did not carry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from facilitator.domain.errors import FacilitatorError, InvalidValue


class Method(StrEnum):
    CONSENSUS = "consensus"  # nobody blocks and nobody opposes
    CONSENT = "consent"  # nobody blocks (objects); concerns and stand-asides are fine
    MAJORITY = "majority"  # more than half of those who take a side
    TWO_THIRDS = "two_thirds"  # at least two thirds of those who take a side
    CONSENSUS_THEN_VOTE = "consensus_then_vote"  # consensus first; a vote after a set number of tries


VOTE_METHODS = (Method.MAJORITY, Method.TWO_THIRDS)
QUORUM_LIMIT = 1000
ATTEMPTS_LIMIT = 9


class Scale(StrEnum):
    GRADIENTS = "gradients"  # fully agree, agree with reservations, stand aside, block
    FIST_TO_FIVE = "fist_to_five"  # 0 fingers (block) to 5 (full support)
    VOTE = "vote"  # for, against, abstain


class Stance(StrEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    ABSTAIN = "abstain"
    BLOCK = "block"


# Each scale's choices in the order they are shown and keyed (1, 2, 3... or the finger count).
CHOICES: dict[Scale, tuple[str, ...]] = {
    Scale.GRADIENTS: ("agree", "reservations", "stand_aside", "block"),
    Scale.FIST_TO_FIVE: ("5", "4", "3", "2", "1", "0"),
    Scale.VOTE: ("for", "against", "abstain"),
}

STANCES: dict[Scale, dict[str, Stance]] = {
    Scale.GRADIENTS: {
        "agree": Stance.SUPPORT,
        "reservations": Stance.SUPPORT,
        "stand_aside": Stance.ABSTAIN,
        "block": Stance.BLOCK,
    },
    # Three fingers or more is support; one or two is a serious concern; a fist blocks.
    Scale.FIST_TO_FIVE: {
        "5": Stance.SUPPORT,
        "4": Stance.SUPPORT,
        "3": Stance.SUPPORT,
        "2": Stance.OPPOSE,
        "1": Stance.OPPOSE,
        "0": Stance.BLOCK,
    },
    Scale.VOTE: {"for": Stance.SUPPORT, "against": Stance.OPPOSE, "abstain": Stance.ABSTAIN},
}


@dataclass(frozen=True)
class DecisionRule:
    method: Method = Method.CONSENSUS
    quorum: int = 0  # people who must be present for a check to count; 0: no quorum
    attempts: int = 2  # CONSENSUS_THEN_VOTE: tries at consensus before the fallback vote
    fallback: Method = Method.MAJORITY  # CONSENSUS_THEN_VOTE: the vote used after those tries

    def checked(self) -> DecisionRule:
        """The rule with its methods as enum members, or a typed error naming the field out of range."""
        try:
            method = Method(self.method)
        except ValueError:
            raise InvalidValue("method", self.method) from None
        if not 0 <= self.quorum <= QUORUM_LIMIT:
            raise InvalidValue("quorum", self.quorum, 0, QUORUM_LIMIT)
        if not 1 <= self.attempts <= ATTEMPTS_LIMIT:
            raise InvalidValue("attempts", self.attempts, 1, ATTEMPTS_LIMIT)
        if self.fallback not in VOTE_METHODS:
            raise InvalidValue("fallback", self.fallback)
        return DecisionRule(method, self.quorum, self.attempts, Method(self.fallback))


class Reason(StrEnum):
    NO_QUORUM = "no_quorum"
    NOTHING_COUNTED = "nothing_counted"
    BLOCKED = "blocked"
    OPPOSED = "opposed"  # consensus: somebody took the side against
    NO_SUPPORT = "no_support"
    CONSENSUS = "consensus"
    CONSENT = "consent"
    MAJORITY = "majority"
    TWO_THIRDS = "two_thirds"
    TIE = "tie"
    SHORT_OF_MAJORITY = "short_of_majority"
    SHORT_OF_TWO_THIRDS = "short_of_two_thirds"


@dataclass(eq=False)
class TooManyResponses(FacilitatorError):
    """More hands or choices counted than people present."""

    counted: int
    present: int

    def __str__(self) -> str:
        return f"{self.counted} responses counted but {self.present} present"


@dataclass(frozen=True)
class Tally:
    support: int = 0
    oppose: int = 0
    abstain: int = 0
    block: int = 0

    @property
    def counted(self) -> int:
        return self.support + self.oppose + self.abstain + self.block

    @property
    def sides(self) -> int:
        """Those who took a side in a vote; a block counts against."""
        return self.support + self.oppose + self.block


@dataclass(frozen=True)
class Outcome:
    carried: bool
    reason: Reason
    method: Method  # the method that decided; the fallback vote once consensus ran out of tries
    fell_back: bool
    tally: Tally
    present: int
    quorum: int
    needed: int  # support needed under a vote, else 0

    @property
    def missing(self) -> int:
        """People present whose response was not counted."""
        return max(0, self.present - self.tally.counted)

    @property
    def thin(self) -> bool:
        """Carried, but at least as many stood aside as supported: worth saying out loud."""
        return self.carried and self.tally.abstain >= self.tally.support


def check_counts(scale: Scale, counts: Mapping[str, int], present: int) -> dict[str, int]:
    """The counts with every choice of the scale, validated against the people present."""
    known = CHOICES[scale]
    for choice, count in counts.items():
        if choice not in known:
            raise InvalidValue("choice", choice)
        if count < 0:
            raise InvalidValue("count", count, 0, present)
    full = {choice: int(counts.get(choice, 0)) for choice in known}
    counted = sum(full.values())
    if counted > present:
        raise TooManyResponses(counted, present)
    return full


def counts_of(scale: Scale, choices: Iterable[str]) -> dict[str, int]:
    """Per-person choices added up into counts per choice."""
    counts = dict.fromkeys(CHOICES[scale], 0)
    for choice in choices:
        if choice not in counts:
            raise InvalidValue("choice", choice)
        counts[choice] += 1
    return counts


def tally(scale: Scale, counts: Mapping[str, int]) -> Tally:
    sums = dict.fromkeys(Stance, 0)
    for choice, count in counts.items():
        sums[STANCES[scale][choice]] += count
    return Tally(sums[Stance.SUPPORT], sums[Stance.OPPOSE], sums[Stance.ABSTAIN], sums[Stance.BLOCK])


def method_for_attempt(rule: DecisionRule, attempt: int) -> tuple[Method, bool]:
    """The method that applies to this try, and whether it is the fallback vote."""
    if rule.method is Method.CONSENSUS_THEN_VOTE:
        if attempt > rule.attempts:
            return rule.fallback, True
        return Method.CONSENSUS, False
    return rule.method, False


def decide(
    rule: DecisionRule, scale: Scale, counts: Mapping[str, int], present: int, attempt: int = 1
) -> Outcome:
    """Apply the decision rule to one check.

    ``attempt`` is the number of this check for the same proposal (1 for the first), which only
    matters for consensus with a fallback vote.
    """
    full = check_counts(scale, counts, present)
    counted = tally(scale, full)
    method, fell_back = method_for_attempt(rule, attempt)
    needed = 0
    if method is Method.MAJORITY:
        needed = counted.sides // 2 + 1
    elif method is Method.TWO_THIRDS:
        needed = -(-2 * counted.sides // 3)  # ceiling of two thirds

    def result(carried: bool, reason: Reason) -> Outcome:
        return Outcome(carried, reason, method, fell_back, counted, present, rule.quorum, needed)

    if present < rule.quorum:
        return result(False, Reason.NO_QUORUM)
    if counted.counted == 0:
        return result(False, Reason.NOTHING_COUNTED)
    if method is Method.CONSENSUS:
        if counted.block:
            return result(False, Reason.BLOCKED)
        if counted.oppose:
            return result(False, Reason.OPPOSED)
        if not counted.support:
            return result(False, Reason.NO_SUPPORT)
        return result(True, Reason.CONSENSUS)
    if method is Method.CONSENT:
        # On a for/against vote there is no separate block: a vote against is the objection.
        if counted.block or (scale is Scale.VOTE and counted.oppose):
            return result(False, Reason.BLOCKED)
        if not counted.support:
            return result(False, Reason.NO_SUPPORT)
        return result(True, Reason.CONSENT)
    if not counted.support:
        return result(False, Reason.NO_SUPPORT)
    if counted.support >= needed:
        return result(True, Reason.MAJORITY if method is Method.MAJORITY else Reason.TWO_THIRDS)
    if method is Method.MAJORITY and 2 * counted.support == counted.sides:
        return result(False, Reason.TIE)
    return result(
        False, Reason.SHORT_OF_MAJORITY if method is Method.MAJORITY else Reason.SHORT_OF_TWO_THIRDS
    )


def rule_to_dict(rule: DecisionRule | None) -> dict[str, object] | None:
    if rule is None:
        return None
    return {"method": rule.method.value, "quorum": rule.quorum, "attempts": rule.attempts,
            "fallback": rule.fallback.value}  # fmt: skip


def rule_from_dict(data: object) -> DecisionRule | None:
    if not isinstance(data, dict):
        return None
    return DecisionRule(
        Method(data["method"]), int(data["quorum"]), int(data["attempts"]), Method(data["fallback"])
    )


def rule_to_json(rule: DecisionRule | None) -> str | None:
    return None if rule is None else json.dumps(rule_to_dict(rule))


def rule_from_json(value: str | None) -> DecisionRule | None:
    return None if value is None else rule_from_dict(json.loads(value))
