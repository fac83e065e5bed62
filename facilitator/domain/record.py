"""What a meeting decided and who will do what: decisions, action items, the parking lot, wrap-up.

Plain rules and snapshots; the service stores them and the ui words them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from facilitator.domain.decision import (
    CHOICES,
    DecisionRule,
    Method,
    Outcome,
    Reason,
    Scale,
    Tally,
    TooManyResponses,
    check_counts,
    decide,
    rule_from_dict,
    rule_to_dict,
)
from facilitator.domain.errors import FacilitatorError

OVERALL = ""  # the counts key when a check is not split by sector
NO_SECTOR = "none"  # the counts key for people with no sector, when split by sector


class Disposition(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    DEFERRED = "deferred"
    REFERRED = "referred"
    WITHDRAWN = "withdrawn"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class MeetingKind(StrEnum):
    REGULAR = "regular"
    SPECIAL = "special"
    ANNUAL = "annual"
    WORKSHOP = "workshop"
    COMMITTEE = "committee"


class Approval(StrEnum):
    NONE = ""  # not taken up (or there were no previous minutes)
    AS_READ = "as_read"
    AS_CORRECTED = "as_corrected"


@dataclass(eq=False)
class NoteNeeded(FacilitatorError):
    """Recording a disposition against what the rule gave needs a note saying why."""

    disposition: Disposition
    carried: bool

    def __str__(self) -> str:
        return f"{self.disposition} although the rule {'carried' if self.carried else 'did not carry'} it"


@dataclass(eq=False)
class CorrectionNeeded(FacilitatorError):
    """Minutes approved as corrected need the correction written down."""

    def __str__(self) -> str:
        return "approved as corrected without a correction"


def against_rule(disposition: Disposition, carried: bool) -> bool:
    """Adopting what did not carry, or rejecting what did: allowed, but only with a reason."""
    return (disposition is Disposition.ADOPTED and not carried) or (
        disposition is Disposition.REJECTED and carried
    )


def check_disposition(disposition: Disposition | None, outcome: Outcome | None, note: str) -> None:
    if disposition is None or outcome is None or note.strip():
        return
    if against_rule(disposition, outcome.carried):
        raise NoteNeeded(disposition, outcome.carried)


def total_counts(scale: Scale, counts: Mapping[str, Mapping[str, int]]) -> dict[str, int]:
    """The counts over every sector (or the overall counts when not split)."""
    total = dict.fromkeys(CHOICES[scale], 0)
    for part in counts.values():
        for choice, count in part.items():
            total[choice] = total.get(choice, 0) + count
    return total


def check_sector_counts(
    scale: Scale, counts: Mapping[str, Mapping[str, int]], present: int, present_by_sector: Mapping[str, int]
) -> dict[str, dict[str, int]]:
    """Each sector's counts within the people of that sector present, and the whole within everyone
    present. Raises TooManyResponses naming the larger number."""
    checked = {
        key: check_counts(scale, part, present if key == OVERALL else present_by_sector.get(key, 0))
        for key, part in counts.items()
    }
    counted = sum(total_counts(scale, checked).values())
    if counted > present:
        raise TooManyResponses(counted, present)
    return checked


def outcome_to_json(outcome: Outcome, rule: DecisionRule | None = None) -> str:
    """The outcome as recorded, with the rule that gave it: the minutes say how it was decided
    then, even after the collaborative changes its rule."""
    return json.dumps(
        {
            "rule": rule_to_dict(rule),
            "carried": outcome.carried, "reason": outcome.reason.value, "method": outcome.method.value,
            "fell_back": outcome.fell_back, "support": outcome.tally.support, "oppose": outcome.tally.oppose,
            "abstain": outcome.tally.abstain, "block": outcome.tally.block, "present": outcome.present,
            "quorum": outcome.quorum, "needed": outcome.needed,
        },
        sort_keys=True,
    )  # fmt: skip


def recorded_rule(text: str) -> DecisionRule | None:
    return rule_from_dict(json.loads(text).get("rule"))


def outcome_from_json(text: str) -> Outcome:
    data = json.loads(text)
    return Outcome(
        carried=bool(data["carried"]), reason=Reason(data["reason"]), method=Method(data["method"]),
        fell_back=bool(data["fell_back"]),
        tally=Tally(int(data["support"]), int(data["oppose"]), int(data["abstain"]), int(data["block"])),
        present=int(data["present"]), quorum=int(data["quorum"]), needed=int(data["needed"]),
    )  # fmt: skip


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    organisation: str


@dataclass(frozen=True)
class SectorCount:
    key: str  # a sector id as text, NO_SECTOR, or OVERALL
    name: str  # the sector's name ("" for OVERALL and NO_SECTOR: the ui words those)
    present: int


@dataclass(frozen=True)
class DecisionFields:
    """What the decision form edits."""

    wording: str
    proposer_id: int | None = None
    draws_on: str = ""
    rule: DecisionRule | None = None  # an override of the collaborative's rule, with a reason
    override_reason: str = ""
    scale: Scale = Scale.VOTE
    attempt: int = 1
    by_sector: bool = False


@dataclass(frozen=True)
class Decision:
    id: int
    meeting_id: int
    item_id: int | None
    number: int  # 1-based, in the meeting's order
    fields: DecisionFields
    proposer: PersonRef | None
    governing: DecisionRule  # the rule applied: the override, the collaborative's, or consensus
    counts: dict[str, dict[str, int]]
    disposition: Disposition | None
    note: str
    outcome: Outcome | None  # frozen at recording; else what the counts give now (None: no count yet)
    recorded_at: datetime | None

    @property
    def total(self) -> dict[str, int]:
        return total_counts(self.fields.scale, self.counts)

    @property
    def counted(self) -> bool:
        return any(self.total.values())

    @property
    def against_rule(self) -> bool:
        return (
            self.disposition is not None
            and self.outcome is not None
            and against_rule(self.disposition, self.outcome.carried)
        )


def live_outcome(
    rule: DecisionRule, fields: DecisionFields, counts: Mapping[str, Mapping[str, int]], present: int
) -> Outcome | None:
    """What the rule gives for the counts so far; None before anything is counted or when a recount
    is needed because people left after the count."""
    total = total_counts(fields.scale, counts)
    if not any(total.values()) or sum(total.values()) > present:
        return None
    return decide(rule, fields.scale, total, present, fields.attempt)


@dataclass(frozen=True)
class ActionFields:
    what: str
    owner_id: int | None = None
    organisation: str = ""
    due: date | None = None
    decision_id: int | None = None


@dataclass(frozen=True)
class ActionItem:
    id: int
    meeting_id: int
    meeting_title: str
    meeting_date: date
    fields: ActionFields
    owner: PersonRef | None
    decision_number: int | None  # the decision's number in its meeting, when linked
    status: ActionStatus  # as it stands now
    status_meeting_id: int | None
    # As it stood at the meeting viewed: minutes keep saying "open" for an item closed later.
    status_then: ActionStatus

    def overdue(self, today: date) -> bool:
        return self.status is ActionStatus.OPEN and self.fields.due is not None and self.fields.due < today


@dataclass(frozen=True)
class ParkedItem:
    id: int
    number: int
    text: str


@dataclass(frozen=True)
class MeetingRef:
    id: int
    title: str
    starts_at: datetime


@dataclass(frozen=True)
class WrapUp:
    kind: MeetingKind
    previous: MeetingRef | None  # the collaborative's meeting before this one
    approval: Approval
    correction: str
    next_starts_at: datetime | None
    next_place: str
    approved_on: date | None  # these minutes, once a later meeting approved them


@dataclass(frozen=True)
class MeetingRecord:
    """Everything the decisions screen and the minutes need about decisions and follow-up."""

    meeting_id: int
    collaborative_id: int
    collaborative_rule: DecisionRule | None
    present: int
    sectors: tuple[SectorCount, ...]  # sectors with people present, in the collaborative's order
    people: tuple[PersonRef, ...]  # the collaborative's roster, for proposers and owners
    decisions: tuple[Decision, ...]
    actions: tuple[ActionItem, ...]  # raised at this meeting
    review: tuple[ActionItem, ...]  # from earlier meetings: still open, or closed at this one
    parked: tuple[ParkedItem, ...]
    wrap_up: WrapUp

    def decision(self, decision_id: int) -> Decision:
        for decision in self.decisions:
            if decision.id == decision_id:
                return decision
        raise KeyError(decision_id)

    def decisions_of(self, item_id: int) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.item_id == item_id)

    @property
    def successes(self) -> tuple[ActionItem, ...]:
        """Items from earlier meetings marked done at this one: worth acknowledging."""
        return tuple(
            a for a in self.review if a.status is ActionStatus.DONE and a.status_meeting_id == self.meeting_id
        )
