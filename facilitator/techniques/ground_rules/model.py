"""Ground rules as the screens and the minutes see them: frozen snapshots and the rules on them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from facilitator.domain import text
from facilitator.domain.decision import (
    CHOICES,
    DecisionRule,
    Outcome,
    Scale,
    counts_of,
    decide,
    rule_from_dict,
    rule_to_dict,
)

RULE_LIMIT = 300  # a rule is read out and projected: a sentence or two
WHY_LIMIT = 1000
SCALES = (Scale.GRADIENTS, Scale.FIST_TO_FIVE)  # the ways a ground rule's agreement is shown


class RuleKind(StrEnum):
    RULE = "rule"
    DECISION = "decision"  # how the collaborative makes decisions: a structured rule


class EntryMode(StrEnum):
    COUNTS = "counts"  # counted by show of hands
    PEOPLE = "people"  # each person's response entered


class ProposalStatus(StrEnum):
    OPEN = "open"  # not checked yet
    REVISED = "revised"  # changed since it was last checked or carried in
    CARRIED = "carried"  # in force from an earlier meeting, unchanged
    ADOPTED = "adopted"
    NOT_ADOPTED = "not_adopted"


class MinutesResult(StrEnum):
    ADOPTED = "adopted"  # new rule, agreed at this meeting
    AMENDED = "amended"  # a rule in force, reworded and agreed
    REAFFIRMED = "reaffirmed"  # a rule in force, checked again unchanged and agreed
    NOT_ADOPTED = "not_adopted"  # checked and not agreed (a carried rule keeps its wording)
    CARRIED = "carried"  # in force, not revisited
    NOT_CHECKED = "not_checked"  # proposed, never checked
    RETIRED = "retired"  # a rule in force that the group dropped


@dataclass(frozen=True)
class Wording:
    text: str
    why: str = ""
    decision: DecisionRule | None = None  # set for RuleKind.DECISION only

    def cleaned(self, kind: RuleKind) -> Wording:
        rule = (self.decision or DecisionRule()).checked() if kind is RuleKind.DECISION else None
        return Wording(
            text.required("rule", self.text, RULE_LIMIT),
            text.optional("why", self.why, WHY_LIMIT, multiline=True),
            rule,
        )

    def to_json(self) -> str:
        return json.dumps({"text": self.text, "why": self.why, "decision": rule_to_dict(self.decision)})

    @staticmethod
    def from_json(value: str) -> Wording:
        data = json.loads(value)
        return Wording(str(data["text"]), str(data.get("why", "")), rule_from_dict(data.get("decision")))


@dataclass(frozen=True)
class PresentPerson:
    id: int
    name: str
    sector: str


@dataclass(frozen=True)
class Check:
    id: int
    proposal_id: int
    number: int  # 1 for the first check of this proposal
    scale: Scale
    entry: EntryMode
    counts: tuple[tuple[str, int], ...]  # by show of hands, in the scale's order
    choices: tuple[tuple[int, str], ...]  # person id -> choice, when entered person by person
    subject: Wording
    present: int
    outcome: Outcome | None  # None while the check is still being counted
    recorded_at: datetime | None

    def effective_counts(self, present_ids: frozenset[int] | None = None) -> dict[str, int]:
        """What the check counts: the hands, or the responses of people (still) present.

        A recorded check keeps the counts it was decided on.
        """
        if self.entry is EntryMode.PEOPLE and self.recorded_at is None:
            return counts_of(
                self.scale,
                (c for p, c in self.choices if present_ids is None or p in present_ids),
            )
        return dict(self.counts)


@dataclass(frozen=True)
class Proposal:
    id: int
    position: int
    kind: RuleKind
    wording: Wording
    rule_id: int | None
    carried: bool
    origin: Wording | None  # the wording carried in from an earlier meeting
    checks: tuple[Check, ...]  # recorded checks, oldest first
    draft: Check | None

    @property
    def status(self) -> ProposalStatus:
        if self.checks:
            last = self.checks[-1]
            if last.subject != self.wording:
                return ProposalStatus.REVISED
            assert last.outcome is not None
            return ProposalStatus.ADOPTED if last.outcome.carried else ProposalStatus.NOT_ADOPTED
        if self.carried:
            return ProposalStatus.CARRIED if self.wording == self.origin else ProposalStatus.REVISED
        return ProposalStatus.OPEN

    @property
    def next_number(self) -> int:
        return len(self.checks) + 1


@dataclass(frozen=True)
class AdoptedRule:
    id: int
    position: int
    kind: RuleKind
    wording: Wording
    adopted_meeting: str  # title and date of the meeting, for the record
    amended_meeting: str  # "" when never amended


@dataclass(frozen=True)
class GroundRulesView:
    item_id: int
    meeting_id: int
    collaborative_id: int
    scale: Scale
    entry: EntryMode
    current_id: int | None
    proposals: tuple[Proposal, ...]
    adopted: tuple[AdoptedRule, ...]  # the collaborative's rules in force now
    decision_rule: DecisionRule | None  # the collaborative's adopted decision rule, if any
    present: tuple[PresentPerson, ...]

    @property
    def current(self) -> Proposal | None:
        for proposal in self.proposals:
            if proposal.id == self.current_id:
                return proposal
        return self.proposals[0] if self.proposals else None

    @property
    def governing(self) -> DecisionRule:
        """The rule a check follows: the adopted decision rule; consensus until there is one."""
        return self.decision_rule or DecisionRule()

    def preview(self, proposal: Proposal) -> Outcome | None:
        """What recording the draft check now would give, for the live picture."""
        draft = proposal.draft
        if draft is None or draft.scale is not self.scale:
            return None
        present_ids = frozenset(p.id for p in self.present)
        if sum(draft.effective_counts(present_ids).values()) > len(self.present):
            return None  # someone left after the count: the panel asks for a recount
        return decide(
            self.governing, self.scale, counts_in_order(self.scale, draft.effective_counts(present_ids)),
            len(self.present), proposal.next_number,
        )  # fmt: skip


def counts_in_order(scale: Scale, counts: dict[str, int]) -> dict[str, int]:
    return {choice: counts.get(choice, 0) for choice in CHOICES[scale]}


@dataclass(frozen=True)
class RuleMinutes:
    kind: RuleKind
    wording: Wording
    earlier: Wording | None  # the wording in force before, for amended or retired rules
    result: MinutesResult
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class GroundRulesMinutes:
    """The ground-rules section of the minutes, for the minutes composer to render."""

    item_id: int
    scale: Scale
    rules: tuple[RuleMinutes, ...]
    decision_rule: DecisionRule | None  # in force for the collaborative after this meeting


def minutes_result(proposal: Proposal) -> MinutesResult:
    if proposal.checks:
        last = proposal.checks[-1]
        assert last.outcome is not None
        if not last.outcome.carried:
            return MinutesResult.NOT_ADOPTED
        if not proposal.carried:
            return MinutesResult.ADOPTED
        return MinutesResult.REAFFIRMED if last.subject == proposal.origin else MinutesResult.AMENDED
    return MinutesResult.CARRIED if proposal.carried else MinutesResult.NOT_CHECKED
