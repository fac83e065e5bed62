"""Ground-rule agreement, one transaction per action.

Every change returns the view after it together with the item's rows before and after, so the ui
can undo and redo any of them by putting those rows back (``restore``). The rows cover the
proposals, their checks and the collaborative's rules in force, which an adoption changes too.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.domain import text
from facilitator.domain.agenda import moved
from facilitator.domain.decision import (
    CHOICES,
    DecisionRule,
    Scale,
    TooManyResponses,
    check_counts,
    decide,
    rule_from_json,
    rule_to_json,
)
from facilitator.domain.errors import DuplicateName, InvalidValue, NotAllowed
from facilitator.domain.model import AgendaKind
from facilitator.services import rowset
from facilitator.services.attendance import present_people
from facilitator.services.base import Service, load
from facilitator.storage.models import (
    AgendaItemRow,
    GroundRuleItemRow,
    GroundRuleRow,
    MeetingRow,
    RuleCheckChoiceRow,
    RuleCheckRow,
    RuleProposalRow,
)
from facilitator.storage.store import raw
from facilitator.techniques.ground_rules.model import (
    SCALES,
    AdoptedRule,
    Check,
    EntryMode,
    GroundRulesMinutes,
    GroundRulesView,
    MinutesResult,
    PresentPerson,
    Proposal,
    RuleKind,
    RuleMinutes,
    Wording,
    counts_in_order,
    minutes_result,
)


@dataclass(frozen=True)
class StarterRule:
    kind: RuleKind
    wording: Wording


@dataclass(frozen=True)
class ItemRows:
    """Every row one ground-rules item owns or touches, as stored: the unit of undo."""

    item_id: int
    collaborative_id: int
    rows: rowset.RowSet


@dataclass(frozen=True)
class Change:
    view: GroundRulesView
    before: ItemRows
    after: ItemRows


# Parents first. Each table's rows that belong to one item (and its collaborative's rules).
_OWNED = (
    rowset.Owned("ground_rules", "id", "collaborative_id = :collaborative"),
    rowset.Owned("ground_rule_items", "item_id", "item_id = :item"),
    rowset.Owned("rule_proposals", "id", "item_id = :item"),
    rowset.Owned("rule_checks", "id", "proposal_id IN (SELECT id FROM rule_proposals WHERE item_id = :item)"),
    rowset.Owned(
        "rule_check_choices",
        "id",
        "check_id IN (SELECT c.id FROM rule_checks c JOIN rule_proposals p ON p.id = c.proposal_id"
        " WHERE p.item_id = :item)",
    ),
)


class GroundRulesService(Service):
    # -- reading --------------------------------------------------------------------------------
    def view(self, item_id: int) -> GroundRulesView:
        with self.store.transaction() as session:
            return self._view(session, item_id)

    def adopted(self, collaborative_id: int) -> tuple[AdoptedRule, ...]:
        """The collaborative's ground rules in force, in order."""
        with self.store.transaction() as session:
            return _adopted(session, collaborative_id)

    def decision_rule(self, collaborative_id: int) -> DecisionRule | None:
        """How the collaborative decides, once it has adopted a decision rule."""
        with self.store.transaction() as session:
            return decision_rule_in(session, collaborative_id)

    def minutes(self, item_id: int) -> GroundRulesMinutes:
        with self.store.transaction() as session:
            view = self._view(session, item_id)
            removed = session.scalars(
                select(RuleProposalRow)
                .where(RuleProposalRow.item_id == item_id, RuleProposalRow.deleted_at.is_not(None))
                .where(RuleProposalRow.rule_id.is_not(None))
                .order_by(RuleProposalRow.position, RuleProposalRow.id)
            )
            retired = [
                RuleMinutes(
                    RuleKind(row.kind), _origin(row) or _wording(row), None, MinutesResult.RETIRED, ()
                )
                for row in removed
            ]
        rules = [
            RuleMinutes(
                p.kind,
                # What the group agreed to (or last checked), not wording typed since and never checked.
                p.checks[-1].subject if p.checks else (p.origin or p.wording),
                p.origin if minutes_result(p) is MinutesResult.AMENDED else None,
                minutes_result(p),
                p.checks,
            )
            for p in view.proposals
        ]
        return GroundRulesMinutes(item_id, view.scale, tuple(rules + retired), view.decision_rule)

    # -- setting up -----------------------------------------------------------------------------
    def open(self, item_id: int, starter: Sequence[StarterRule]) -> GroundRulesView:
        """The item's proposals, set up on first opening: the rules in force, or the starter set."""
        with self.store.transaction() as session:
            self.open_in(session, item_id, starter)
            return self._view(session, item_id)

    def open_in(self, session: Session, item_id: int, starter: Sequence[StarterRule]) -> GroundRuleItemRow:
        settings = session.get(GroundRuleItemRow, item_id)
        if settings is not None:
            return settings
        item, meeting = _item_and_meeting(session, item_id)
        settings = GroundRuleItemRow(
            item_id=item.id, scale=Scale.GRADIENTS.value, entry=EntryMode.COUNTS.value, created_at=self.now()
        )
        session.add(settings)
        in_force = _rule_rows(session, meeting.collaborative_id)
        if in_force and not any(rule.kind == RuleKind.DECISION.value for rule in in_force):
            # Rules carried but no decision rule yet: the group can still agree on one.
            decision = next((s for s in starter if s.kind is RuleKind.DECISION), None)
            if decision is not None:
                position = len(in_force)
                session.add(
                    self._proposal_row(
                        item_id, position, RuleKind.DECISION, decision.wording.cleaned(RuleKind.DECISION)
                    )
                )
        if in_force:
            for position, rule in enumerate(in_force):
                wording = Wording(rule.text, rule.why, rule_from_json(rule.decision))
                session.add(
                    RuleProposalRow(
                        item_id=item_id,
                        position=position,
                        kind=rule.kind,
                        text=wording.text,
                        why=wording.why,
                        decision=rule.decision,
                        rule_id=rule.id,
                        carried=True,
                        origin=wording.to_json(),
                        created_at=self.now(),
                    )
                )
        else:
            for position, proposal in enumerate(starter):
                cleaned = proposal.wording.cleaned(proposal.kind)
                session.add(self._proposal_row(item_id, position, proposal.kind, cleaned))
        session.flush()
        return settings

    def _proposal_row(self, item_id: int, position: int, kind: RuleKind, wording: Wording) -> RuleProposalRow:
        return RuleProposalRow(
            item_id=item_id, position=position, kind=kind.value, text=wording.text, why=wording.why,
            decision=rule_to_json(wording.decision), created_at=self.now(),
        )  # fmt: skip

    # -- proposals ------------------------------------------------------------------------------
    def add(self, item_id: int, wording: Wording, position: int | None = None) -> Change:
        """A new proposed rule, after ``position`` (at the end when None); it becomes the current one."""
        with self._change(item_id) as change:
            session = change.session
            cleaned = wording.cleaned(RuleKind.RULE)
            rows = _proposal_rows(session, item_id)
            _check_unique(rows, cleaned.text, None)
            row = self._proposal_row(item_id, len(rows), RuleKind.RULE, cleaned)
            session.add(row)
            session.flush()
            target = len(rows) if position is None else max(0, min(position + 1, len(rows)))
            _renumber(moved([*rows, row], len(rows), target))
            _follow_order(session, _proposal_rows(session, item_id))
            _settings(session, item_id).current_proposal_id = row.id
        return change.result

    def edit(self, proposal_id: int, wording: Wording) -> Change:
        with self._change(self._item_of(proposal_id)) as change:
            row = load(change.session, RuleProposalRow, proposal_id)
            cleaned = wording.cleaned(RuleKind(row.kind))
            _check_unique(_proposal_rows(change.session, row.item_id), cleaned.text, row.id)
            row.text, row.why, row.decision = cleaned.text, cleaned.why, rule_to_json(cleaned.decision)
        return change.result

    def move(self, proposal_id: int, position: int) -> Change:
        with self._change(self._item_of(proposal_id)) as change:
            row = load(change.session, RuleProposalRow, proposal_id)
            rows = _proposal_rows(change.session, row.item_id)
            _renumber(moved(rows, rows.index(row), position))
            _follow_order(change.session, rows)
        return change.result

    def remove(self, proposal_id: int) -> Change:
        """Drop a proposal. A rule already in force (carried in, or adopted earlier) is retired."""
        with self._change(self._item_of(proposal_id)) as change:
            session = change.session
            row = load(session, RuleProposalRow, proposal_id)
            if row.kind == RuleKind.DECISION.value:
                raise NotAllowed("decision rule cannot be removed")
            rows = _proposal_rows(session, row.item_id)
            index = rows.index(row)
            row.deleted_at = self.now()
            rows.remove(row)
            _renumber(rows)
            _follow_order(session, rows)
            if row.rule_id is not None:
                rule = load(session, GroundRuleRow, row.rule_id)
                rule.deleted_at = self.now()
                rule.retired_meeting_id = _item_and_meeting(session, row.item_id)[1].id
            settings = _settings(session, row.item_id)
            if settings.current_proposal_id == row.id:
                settings.current_proposal_id = rows[min(index, len(rows) - 1)].id if rows else None
        return change.result

    def set_current(self, item_id: int, proposal_id: int) -> GroundRulesView:
        """The rule under discussion, shown on the projector. A view choice: not undone."""
        with self.store.transaction() as session:
            row = load(session, RuleProposalRow, proposal_id)
            if row.item_id != item_id:
                raise NotAllowed("proposal of another item")
            _settings(session, item_id).current_proposal_id = proposal_id
            return self._view(session, item_id)

    # -- how agreement is checked ---------------------------------------------------------------
    def set_scale(self, item_id: int, scale: Scale) -> Change:
        """Gradients or fist-to-five for this meeting. Checks being counted start again."""
        if scale not in SCALES:
            raise InvalidValue("scale", scale)
        with self._change(item_id) as change:
            settings = _settings(change.session, item_id)
            if settings.scale != scale.value:
                settings.scale = scale.value
                for draft in _drafts(change.session, item_id):
                    _discard(change.session, draft)
        return change.result

    def set_entry(self, item_id: int, entry: EntryMode) -> Change:
        with self._change(item_id) as change:
            settings = _settings(change.session, item_id)
            settings.entry = entry.value
            for draft in _drafts(change.session, item_id):
                draft.entry = entry.value
        return change.result

    def set_count(self, proposal_id: int, choice: str, count: int) -> Change:
        """Hands counted for one choice. More hands than people present is refused."""
        with self._change(self._item_of(proposal_id)) as change:
            self.count_in(change.session, proposal_id, {choice: count})
        return change.result

    def count_in(self, session: Session, proposal_id: int, changed: dict[str, int]) -> None:
        draft = self._draft(session, proposal_id)
        counts = {k: int(v) for k, v in json.loads(draft.counts).items()} | changed
        present = len(_present(session, self._meeting_of(session, proposal_id)))
        draft.counts = json.dumps(check_counts(Scale(draft.scale), counts, present))
        draft.present = present

    def set_choice(self, proposal_id: int, person_id: int, choice: str | None) -> Change:
        """One present person's response; None clears it."""
        with self._change(self._item_of(proposal_id)) as change:
            session = change.session
            draft = self._draft(session, proposal_id)
            present = _present(session, self._meeting_of(session, proposal_id))
            if person_id not in {p.id for p in present}:
                raise NotAllowed("person not present")
            if choice is not None and choice not in CHOICES[Scale(draft.scale)]:
                raise InvalidValue("choice", choice)
            row = session.scalar(
                select(RuleCheckChoiceRow).where(
                    RuleCheckChoiceRow.check_id == draft.id, RuleCheckChoiceRow.person_id == person_id
                )
            )
            if choice is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(RuleCheckChoiceRow(check_id=draft.id, person_id=person_id, choice=choice))
            else:
                row.choice = choice
            draft.present = len(present)
        return change.result

    def clear(self, proposal_id: int) -> Change:
        """Start the count of the rule under discussion again."""
        with self._change(self._item_of(proposal_id)) as change:
            for draft in _drafts(change.session, change.item_id, proposal_id):
                _discard(change.session, draft)
        return change.result

    def record(self, proposal_id: int) -> Change:
        """Close the check: apply the decision rule, and adopt the rule when it carries."""
        with self._change(self._item_of(proposal_id)) as change:
            self.record_in(change.session, change.item_id, proposal_id)
        return change.result

    def record_in(self, session: Session, item_id: int, proposal_id: int) -> None:
        view = self._view(session, item_id)
        proposal = next(p for p in view.proposals if p.id == proposal_id)
        outcome = view.preview(proposal)
        draft_row = next(iter(_drafts(session, item_id, proposal_id)), None)
        present_ids = frozenset(p.id for p in view.present)
        if proposal.draft is not None:
            counted = sum(proposal.draft.effective_counts(present_ids).values())
            if counted > len(view.present):  # someone left after the hands were counted
                raise TooManyResponses(counted, len(view.present))
        if draft_row is None or outcome is None or outcome.tally.counted == 0:
            raise NotAllowed("nothing counted")
        assert proposal.draft is not None
        draft_row.counts = json.dumps(
            counts_in_order(view.scale, proposal.draft.effective_counts(present_ids))
        )
        draft_row.subject = proposal.wording.to_json()
        draft_row.governing = rule_to_json(view.governing)
        draft_row.present = len(view.present)
        draft_row.carried, draft_row.reason = outcome.carried, outcome.reason.value
        draft_row.recorded_at = self.now()
        if outcome.carried:
            self._adopt(session, view, load(session, RuleProposalRow, proposal_id))
            _follow_order(session, _proposal_rows(session, item_id))

    def _adopt(self, session: Session, view: GroundRulesView, row: RuleProposalRow) -> None:
        rule = session.get(GroundRuleRow, row.rule_id) if row.rule_id is not None else None
        if rule is not None and rule.deleted_at is not None:
            rule = None
        if row.kind == RuleKind.DECISION.value:
            # One decision rule per collaborative: adopting a new one replaces the one in force.
            for other in _rule_rows(session, view.collaborative_id):
                if other.kind == RuleKind.DECISION.value and other is not rule:
                    rule = other
        if rule is None:
            rule = GroundRuleRow(
                collaborative_id=view.collaborative_id, position=row.position, kind=row.kind, text=row.text,
                why=row.why, decision=row.decision, adopted_meeting_id=view.meeting_id, created_at=self.now(),
            )  # fmt: skip
            session.add(rule)
            session.flush()
            row.rule_id = rule.id
            return
        changed = (rule.text, rule.why, rule.decision) != (row.text, row.why, row.decision)
        rule.text, rule.why, rule.decision, rule.position = row.text, row.why, row.decision, row.position
        row.rule_id = rule.id
        if changed and rule.adopted_meeting_id != view.meeting_id:
            rule.amended_meeting_id = view.meeting_id

    # -- undo -----------------------------------------------------------------------------------
    def restore(self, rows: ItemRows) -> GroundRulesView:
        """Put the item's rows back exactly as captured: the undo and redo of every action here."""
        with self.store.transaction() as session:
            _put_back(raw(session), rows)
            session.expire_all()
            return self._view(session, rows.item_id)

    # -- internals ------------------------------------------------------------------------------
    class _Changing:
        def __init__(self, service: GroundRulesService, item_id: int) -> None:
            self.service, self.item_id = service, item_id
            self._context = service.store.transaction()
            self.session: Session
            self.before: ItemRows
            self.result: Change

        def __enter__(self) -> GroundRulesService._Changing:
            self.session = self._context.__enter__()
            self.collaborative_id = _item_and_meeting(self.session, self.item_id)[1].collaborative_id
            self.before = _capture(raw(self.session), self.item_id, self.collaborative_id)
            _settings(self.session, self.item_id)  # refuses items that were never opened
            return self

        def __exit__(self, kind: object, error: object, trace: object) -> bool | None:
            if error is None:
                self.session.flush()
                after = _capture(raw(self.session), self.item_id, self.collaborative_id)
                self.result = Change(self.service._view(self.session, self.item_id), self.before, after)
            return self._context.__exit__(kind, error, trace)  # type: ignore[arg-type]

    def _change(self, item_id: int) -> GroundRulesService._Changing:
        return GroundRulesService._Changing(self, item_id)

    def _item_of(self, proposal_id: int) -> int:
        with self.store.transaction() as session:
            return load(session, RuleProposalRow, proposal_id).item_id

    @staticmethod
    def _meeting_of(session: Session, proposal_id: int) -> int:
        row = load(session, RuleProposalRow, proposal_id)
        return _item_and_meeting(session, row.item_id)[1].id

    def _draft(self, session: Session, proposal_id: int) -> RuleCheckRow:
        row = load(session, RuleProposalRow, proposal_id)
        settings = _settings(session, row.item_id)
        draft = next(iter(_drafts(session, row.item_id, proposal_id)), None)
        if draft is None:
            draft = RuleCheckRow(
                proposal_id=proposal_id, scale=settings.scale, entry=settings.entry,
                counts=json.dumps(dict.fromkeys(CHOICES[Scale(settings.scale)], 0)),
                subject=_wording(row).to_json(), created_at=self.now(),
            )  # fmt: skip
            session.add(draft)
            session.flush()
        return draft

    def _view(self, session: Session, item_id: int) -> GroundRulesView:
        item, meeting = _item_and_meeting(session, item_id)
        settings = session.get(GroundRuleItemRow, item_id)
        rows = _proposal_rows(session, item_id)
        checks: dict[int, list[RuleCheckRow]] = {}
        ids = [row.id for row in rows]
        for check_row in session.scalars(
            select(RuleCheckRow).where(RuleCheckRow.proposal_id.in_(ids)).order_by(RuleCheckRow.id)
        ):
            checks.setdefault(check_row.proposal_id, []).append(check_row)
        choices: dict[int, list[tuple[int, str]]] = {}
        check_ids = [c.id for group in checks.values() for c in group]
        for choice in session.scalars(
            select(RuleCheckChoiceRow)
            .where(RuleCheckChoiceRow.check_id.in_(check_ids))
            .order_by(RuleCheckChoiceRow.person_id)
        ):
            choices.setdefault(choice.check_id, []).append((choice.person_id, choice.choice))
        proposals = []
        for row in rows:
            recorded: list[Check] = []
            draft: Check | None = None
            for check_row in checks.get(row.id, []):
                check = _check(check_row, len(recorded) + 1, tuple(choices.get(check_row.id, ())))
                if check.recorded_at is None:
                    draft = check
                else:
                    recorded.append(check)
            proposals.append(
                Proposal(
                    row.id,
                    row.position,
                    RuleKind(row.kind),
                    _wording(row),
                    row.rule_id,
                    row.carried,
                    _origin(row),
                    tuple(recorded),
                    draft,
                )
            )
        adopted = _adopted(session, meeting.collaborative_id)  # read once: it holds the decision rule too
        return GroundRulesView(
            item_id=item.id,
            meeting_id=meeting.id,
            collaborative_id=meeting.collaborative_id,
            scale=Scale(settings.scale) if settings else Scale.GRADIENTS,
            entry=EntryMode(settings.entry) if settings else EntryMode.COUNTS,
            current_id=settings.current_proposal_id if settings else None,
            proposals=tuple(proposals),
            adopted=adopted,
            decision_rule=next(
                (rule.wording.decision for rule in adopted if rule.kind is RuleKind.DECISION), None
            ),
            present=tuple(_present(session, meeting.id)),
        )


# -- helpers ------------------------------------------------------------------------------------
def _item_and_meeting(session: Session, item_id: int) -> tuple[AgendaItemRow, MeetingRow]:
    item = load(session, AgendaItemRow, item_id, include_deleted=True)
    if item.kind != AgendaKind.GROUND_RULES.value:
        raise NotAllowed("not a ground-rules item")
    return item, load(session, MeetingRow, item.meeting_id)


def _settings(session: Session, item_id: int) -> GroundRuleItemRow:
    settings = session.get(GroundRuleItemRow, item_id)
    if settings is None:
        raise NotAllowed("ground rules not opened")
    return settings


def _proposal_rows(session: Session, item_id: int) -> list[RuleProposalRow]:
    return list(
        session.scalars(
            select(RuleProposalRow)
            .where(RuleProposalRow.item_id == item_id, RuleProposalRow.deleted_at.is_(None))
            .order_by(RuleProposalRow.position, RuleProposalRow.id)
        )
    )


def _rule_rows(session: Session, collaborative_id: int) -> list[GroundRuleRow]:
    return list(
        session.scalars(
            select(GroundRuleRow)
            .where(GroundRuleRow.collaborative_id == collaborative_id, GroundRuleRow.deleted_at.is_(None))
            .order_by(GroundRuleRow.position, GroundRuleRow.id)
        )
    )


def _drafts(session: Session, item_id: int, proposal_id: int | None = None) -> list[RuleCheckRow]:
    query = (
        select(RuleCheckRow)
        .join(RuleProposalRow, RuleProposalRow.id == RuleCheckRow.proposal_id)
        .where(RuleProposalRow.item_id == item_id, RuleCheckRow.recorded_at.is_(None))
    )
    if proposal_id is not None:
        query = query.where(RuleCheckRow.proposal_id == proposal_id)
    return list(session.scalars(query))


def _discard(session: Session, draft: RuleCheckRow) -> None:
    for choice in session.scalars(select(RuleCheckChoiceRow).where(RuleCheckChoiceRow.check_id == draft.id)):
        session.delete(choice)
    session.delete(draft)


def _renumber(rows: Sequence[RuleProposalRow]) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


def _follow_order(session: Session, rows: Sequence[RuleProposalRow]) -> None:
    """The collaborative's rules take the order the group last gave their proposals."""
    session.flush()
    for proposal in rows:
        if proposal.rule_id is not None:
            rule = session.get(GroundRuleRow, proposal.rule_id)
            if rule is not None and rule.position != proposal.position:
                rule.position = proposal.position


def _check_unique(rows: Sequence[RuleProposalRow], wording: str, own_id: int | None) -> None:
    for other in rows:
        if other.id != own_id and text.same_name(other.text, wording):
            raise DuplicateName("rule", other.text)


def _wording(row: RuleProposalRow | GroundRuleRow) -> Wording:
    return Wording(row.text, row.why, rule_from_json(row.decision))


def _origin(row: RuleProposalRow) -> Wording | None:
    return Wording.from_json(row.origin) if row.origin else None


def _check(row: RuleCheckRow, number: int, choices: tuple[tuple[int, str], ...]) -> Check:
    scale = Scale(row.scale)
    counts = counts_in_order(scale, {k: int(v) for k, v in json.loads(row.counts).items()})
    check = Check(
        row.id, row.proposal_id, number, scale, EntryMode(row.entry), tuple(counts.items()), choices,
        Wording.from_json(row.subject), row.present, None, row.recorded_at,
    )  # fmt: skip
    if row.recorded_at is None:
        return check
    governing = rule_from_json(row.governing) or DecisionRule()
    outcome = decide(governing, scale, counts, row.present, number)
    # The record stands as it was taken, even if a later version weighs a case differently.
    if row.carried is not None and row.reason is not None:
        outcome = replace(outcome, carried=row.carried, reason=type(outcome.reason)(row.reason))
    return replace(check, outcome=outcome)


def _present(session: Session, meeting_id: int) -> list[PresentPerson]:
    return [PresentPerson(*person) for person in present_people(session, meeting_id)]


def _adopted(session: Session, collaborative_id: int) -> tuple[AdoptedRule, ...]:
    titles = {
        meeting.id: f"{meeting.title} ({meeting.starts_at:%Y-%m-%d})"
        for meeting in session.scalars(
            select(MeetingRow).where(MeetingRow.collaborative_id == collaborative_id)
        )
    }
    return tuple(
        AdoptedRule(
            row.id,
            row.position,
            RuleKind(row.kind),
            _wording(row),
            titles.get(row.adopted_meeting_id, ""),
            titles.get(row.amended_meeting_id, "") if row.amended_meeting_id else "",
        )
        for row in _rule_rows(session, collaborative_id)
    )


def decision_rule_in(session: Session, collaborative_id: int) -> DecisionRule | None:
    for row in _rule_rows(session, collaborative_id):
        if row.kind == RuleKind.DECISION.value:
            return rule_from_json(row.decision)
    return None


def _capture(db: sqlite3.Connection, item_id: int, collaborative_id: int) -> ItemRows:
    rows = rowset.capture(db, _OWNED, {"item": item_id, "collaborative": collaborative_id})
    return ItemRows(item_id, collaborative_id, rows)


def _put_back(db: sqlite3.Connection, rows: ItemRows) -> None:
    kept = rows.rows.keys("ground_rules", "id")
    for (rule_id,) in db.execute(
        "SELECT id FROM ground_rules WHERE collaborative_id = ?", (rows.collaborative_id,)
    ).fetchall():
        if (
            rule_id not in kept
            and db.execute(
                "SELECT 1 FROM rule_proposals WHERE rule_id = ? AND item_id != ?", (rule_id, rows.item_id)
            ).fetchone()
        ):
            # A later meeting carried this rule forward: undo it there first.
            raise NotAllowed("rule carried into another meeting")
    # Choices first: a put-back choice may take the place of a newer one (unique per person).
    rowset.put_back(db, _OWNED, rows.rows, drop_first="rule_check_choices")
