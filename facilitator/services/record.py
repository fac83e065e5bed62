"""Decisions, action items, the parking lot and the meeting's wrap-up: one transaction per action.

Every change returns the record after it with the rows before and after, so the ui undoes and
redoes any of them by putting those rows back (``restore``). The rows cover the meeting's
decisions and parking lot, the collaborative's action items (a review at one meeting closes items
raised at another) and the collaborative's meeting records (approving the previous minutes marks
that meeting's minutes approved).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.domain import text
from facilitator.domain.agenda import moved
from facilitator.domain.decision import CHOICES, DecisionRule, Outcome, Scale, rule_from_json, rule_to_json
from facilitator.domain.errors import InvalidValue, NotAllowed, NotFound
from facilitator.domain.model import AttendanceStatus
from facilitator.domain.record import (
    NO_SECTOR,
    OVERALL,
    ActionFields,
    ActionItem,
    ActionStatus,
    Approval,
    CorrectionNeeded,
    Decision,
    DecisionFields,
    Disposition,
    MeetingKind,
    MeetingRecord,
    MeetingRef,
    ParkedItem,
    PersonRef,
    SectorCount,
    WrapUp,
    check_disposition,
    check_sector_counts,
    live_outcome,
    outcome_from_json,
    outcome_to_json,
    recorded_rule,
)
from facilitator.services import rowset
from facilitator.services.base import Service, load
from facilitator.storage.models import (
    ActionItemRow,
    AgendaItemRow,
    AttendanceRow,
    DecisionRow,
    MeetingRecordRow,
    MeetingRow,
    ParkedItemRow,
    PersonRow,
    SectorRow,
)
from facilitator.storage.store import raw
from facilitator.techniques.ground_rules.service import decision_rule_in

WORDING_LIMIT = 2000  # a motion is read out in full; a paragraph at most
NOTE_LIMIT = text.LONG_TEXT_LIMIT

Owner = DecisionRow | ActionItemRow | ParkedItemRow  # rows that belong to one meeting

_OWNED = (
    rowset.Owned("meeting_records", "meeting_id",
                 "meeting_id IN (SELECT id FROM meetings WHERE collaborative_id = :collaborative)"),
    rowset.Owned("decisions", "id", "meeting_id = :meeting"),
    rowset.Owned("action_items", "id", "collaborative_id = :collaborative"),
    rowset.Owned("parked_items", "id", "meeting_id = :meeting"),
)  # fmt: skip


@dataclass(frozen=True)
class RecordRows:
    meeting_id: int
    rows: rowset.RowSet


@dataclass(frozen=True)
class Change:
    record: MeetingRecord
    before: RecordRows
    after: RecordRows


def clean_decision(fields: DecisionFields) -> DecisionFields:
    scale = Scale(fields.scale)
    if not 1 <= fields.attempt <= 99:
        raise InvalidValue("attempt", fields.attempt, 1, 99)
    rule = fields.rule.checked() if fields.rule is not None else None
    return DecisionFields(
        wording=text.required("wording", fields.wording, WORDING_LIMIT, multiline=True),
        proposer_id=fields.proposer_id,
        draws_on=text.optional("draws_on", fields.draws_on, text.TITLE_LIMIT),
        rule=rule,
        # The reason only means something next to an override.
        override_reason=(
            text.required("override_reason", fields.override_reason, text.TITLE_LIMIT) if rule else ""
        ),
        scale=scale,
        attempt=fields.attempt,
        by_sector=fields.by_sector,
    )


def clean_action(fields: ActionFields) -> ActionFields:
    return ActionFields(
        what=text.required("what", fields.what, text.TITLE_LIMIT, multiline=True),
        owner_id=fields.owner_id,
        organisation=text.optional("organisation", fields.organisation, text.NAME_LIMIT),
        due=fields.due,
        decision_id=fields.decision_id,
    )


class RecordService(Service):
    # -- reading --------------------------------------------------------------------------------
    def view(self, meeting_id: int) -> MeetingRecord:
        with self.store.transaction() as session:
            return self._view(session, meeting_id)

    # -- decisions ------------------------------------------------------------------------------
    def add_decision(self, meeting_id: int, fields: DecisionFields, item_id: int | None = None) -> Change:
        with self._change(meeting_id) as change:
            cleaned = clean_decision(fields)
            self._check_person(change.session, meeting_id, cleaned.proposer_id)
            if item_id is not None and load(change.session, AgendaItemRow, item_id).meeting_id != meeting_id:
                raise NotFound("agenda_items", item_id)
            position = len(_decision_rows(change.session, meeting_id))
            change.session.add(
                DecisionRow(
                    meeting_id=meeting_id,
                    item_id=item_id,
                    position=position,
                    created_at=self.now(),
                    counts=json.dumps({}),
                    **_decision_columns(cleaned),
                )
            )
        return change.result

    def edit_decision(self, decision_id: int, fields: DecisionFields) -> Change:
        with self._change_of(DecisionRow, decision_id) as change:
            row = load(change.session, DecisionRow, decision_id)
            cleaned = clean_decision(fields)
            self._check_person(change.session, row.meeting_id, cleaned.proposer_id)
            if cleaned.scale.value != row.scale or cleaned.by_sector != row.by_sector:
                row.counts = json.dumps({})  # counts on another scale or split mean nothing here
            counting = (rule_to_json(cleaned.rule), cleaned.scale.value, cleaned.attempt, cleaned.by_sector)
            recount = counting != (row.rule, row.scale, row.attempt, row.by_sector)
            if recount and row.disposition is not None:
                raise NotAllowed("decision recorded")  # the count stands as recorded
            # Rewording a recorded decision keeps its outcome: nothing here re-decides it.
            for name, value in _decision_columns(cleaned).items():
                setattr(row, name, value)
        return change.result

    def set_count(self, decision_id: int, sector_key: str, choice: str, count: int) -> Change:
        """One number of the check or vote, as typed: for the whole room or one sector."""
        with self._change_of(DecisionRow, decision_id) as change:
            row = load(change.session, DecisionRow, decision_id)
            scale = Scale(row.scale)
            if row.disposition is not None:
                raise NotAllowed("decision recorded")
            if choice not in CHOICES[scale]:
                raise InvalidValue("choice", choice)
            if (sector_key == OVERALL) == row.by_sector:
                raise InvalidValue("sector", sector_key)
            counts: dict[str, dict[str, int]] = json.loads(row.counts)
            part = counts.setdefault(sector_key, dict.fromkeys(CHOICES[scale], 0))
            part[choice] = count
            present, by_sector = _present(change.session, row.meeting_id)
            counts = check_sector_counts(scale, counts, present, by_sector)
            row.counts = json.dumps(counts, sort_keys=True)
        return change.result

    def clear_counts(self, decision_id: int) -> Change:
        with self._change_of(DecisionRow, decision_id) as change:
            row = load(change.session, DecisionRow, decision_id)
            if row.disposition is not None:
                raise NotAllowed("decision recorded")
            row.counts = json.dumps({})
        return change.result

    def dispose(self, decision_id: int, disposition: Disposition | None, note: str) -> Change:
        """Record how the group disposed of the proposal (None: not yet). The outcome is kept as it
        stands, so later attendance changes cannot rewrite what was decided."""
        with self._change_of(DecisionRow, decision_id) as change:
            row = load(change.session, DecisionRow, decision_id)
            row.note = text.optional("note", note, NOTE_LIMIT, multiline=True)
            value = Disposition(disposition).value if disposition is not None else None
            if value is not None and value == row.disposition and row.outcome is not None:
                # Recording the same disposition again (to add or fix the note) keeps the outcome
                # as it was recorded, whatever attendance has done since.
                check_disposition(Disposition(value), outcome_from_json(row.outcome), row.note)
                note_only = True
            else:
                note_only = False
            row.disposition = value
            if disposition is None:
                row.outcome, row.recorded_at = None, None
            elif not note_only:
                row.recorded_at = self.now()
                self._freeze(change.session, row)
        return change.result

    def remove_decision(self, decision_id: int) -> Change:
        with self._change_of(DecisionRow, decision_id) as change:
            row = load(change.session, DecisionRow, decision_id)
            row.deleted_at = self.now()
            for action in change.session.scalars(
                select(ActionItemRow).where(ActionItemRow.decision_id == decision_id)
            ):
                action.decision_id = None  # the action stays; the link to a withdrawn record goes
            _renumber(_decision_rows(change.session, row.meeting_id))
        return change.result

    def move_decision(self, decision_id: int, position: int) -> Change:
        with self._change_of(DecisionRow, decision_id) as change:
            row = load(change.session, DecisionRow, decision_id)
            rows = _decision_rows(change.session, row.meeting_id)
            _renumber(moved(rows, rows.index(row), position))
        return change.result

    def _freeze(self, session: Session, row: DecisionRow) -> None:
        """Keep the outcome as it stands now, with the rule that gave it; a disposition against it
        needs a note."""
        meeting = load(session, MeetingRow, row.meeting_id)
        decision = _decision(
            row, *_present(session, row.meeting_id), decision_rule_in(session, meeting.collaborative_id),
            _people(session, meeting.collaborative_id), live=True,
        )  # fmt: skip
        if row.disposition is not None:
            check_disposition(Disposition(row.disposition), decision.outcome, row.note)
        row.outcome = (
            outcome_to_json(decision.outcome, decision.governing) if decision.outcome is not None else None
        )

    # -- action items ---------------------------------------------------------------------------
    def add_action(self, meeting_id: int, fields: ActionFields) -> Change:
        with self._change(meeting_id) as change:
            cleaned = clean_action(fields)
            self._check_action_links(change.session, meeting_id, cleaned)
            position = change.session.scalar(
                select(func.count()).select_from(ActionItemRow).where(ActionItemRow.meeting_id == meeting_id)
            )
            change.session.add(
                ActionItemRow(
                    collaborative_id=change.collaborative_id,
                    meeting_id=meeting_id,
                    position=position or 0,
                    created_at=self.now(),
                    **_action_columns(cleaned),
                )
            )
        return change.result

    def edit_action(self, action_id: int, fields: ActionFields) -> Change:
        with self._change_of(ActionItemRow, action_id) as change:
            row = load(change.session, ActionItemRow, action_id)
            cleaned = clean_action(fields)
            self._check_action_links(change.session, row.meeting_id, cleaned)
            for name, value in _action_columns(cleaned).items():
                setattr(row, name, value)
        return change.result

    def set_action_status(self, action_id: int, status: ActionStatus, at_meeting_id: int) -> Change:
        """Mark an item done, dropped or open again, at the meeting where the group reviewed it."""
        with self._change(at_meeting_id) as change:
            row = load(change.session, ActionItemRow, action_id)
            if row.collaborative_id != change.collaborative_id:
                raise NotFound("action_items", action_id)
            row.status = ActionStatus(status).value
            row.status_meeting_id = None if status is ActionStatus.OPEN else at_meeting_id
        return change.result

    def remove_action(self, action_id: int) -> Change:
        with self._change_of(ActionItemRow, action_id) as change:
            load(change.session, ActionItemRow, action_id).deleted_at = self.now()
        return change.result

    def _check_action_links(self, session: Session, meeting_id: int, fields: ActionFields) -> None:
        self._check_person(session, meeting_id, fields.owner_id)
        if fields.decision_id is not None:
            decision = load(session, DecisionRow, fields.decision_id)
            if decision.meeting_id != meeting_id:
                raise NotFound("decisions", fields.decision_id)

    # -- parking lot ----------------------------------------------------------------------------
    def park(self, meeting_id: int, item: str) -> Change:
        with self._change(meeting_id) as change:
            cleaned = text.required("parked", item, text.TITLE_LIMIT, multiline=True)
            position = len(_parked_rows(change.session, meeting_id))
            change.session.add(
                ParkedItemRow(meeting_id=meeting_id, position=position, text=cleaned, created_at=self.now())
            )
        return change.result

    def edit_parked(self, parked_id: int, item: str) -> Change:
        with self._change_of(ParkedItemRow, parked_id) as change:
            row = load(change.session, ParkedItemRow, parked_id)
            row.text = text.required("parked", item, text.TITLE_LIMIT, multiline=True)
        return change.result

    def unpark(self, parked_id: int) -> Change:
        with self._change_of(ParkedItemRow, parked_id) as change:
            row = load(change.session, ParkedItemRow, parked_id)
            row.deleted_at = self.now()
            _renumber(_parked_rows(change.session, row.meeting_id))
        return change.result

    # -- wrap-up --------------------------------------------------------------------------------
    def set_approval(self, meeting_id: int, approval: Approval, correction: str) -> Change:
        """How this meeting approved the previous meeting's minutes; marks those minutes approved."""
        with self._change(meeting_id) as change:
            approval = Approval(approval)
            cleaned = text.optional("correction", correction, NOTE_LIMIT, multiline=True)
            if approval is Approval.AS_CORRECTED and not cleaned:
                raise CorrectionNeeded()
            meeting = load(change.session, MeetingRow, meeting_id)
            previous = _previous(change.session, meeting)
            if previous is None and approval is not Approval.NONE:
                raise NotFound("previous meeting", meeting_id)
            record = _record_row(change.session, meeting_id)
            record.previous_approval = approval.value
            record.correction = cleaned if approval is Approval.AS_CORRECTED else ""
            if previous is not None:
                _record_row(change.session, previous.id).approved_on = (
                    meeting.starts_at.date().isoformat() if approval is not Approval.NONE else None
                )
        return change.result

    def set_kind(self, meeting_id: int, kind: MeetingKind) -> Change:
        with self._change(meeting_id) as change:
            _record_row(change.session, meeting_id).kind = MeetingKind(kind).value
        return change.result

    def set_next_meeting(self, meeting_id: int, starts_at: datetime | None, place: str) -> Change:
        with self._change(meeting_id) as change:
            record = _record_row(change.session, meeting_id)
            record.next_starts_at = starts_at.replace(second=0, microsecond=0) if starts_at else None
            record.next_place = text.optional("place", place, text.TITLE_LIMIT)
        return change.result

    def set_approved_on(self, meeting_id: int, approved_on: date | None) -> Change:
        """Mark these minutes approved on a date by hand (approved elsewhere), or a draft again."""
        with self._change(meeting_id) as change:
            _record_row(change.session, meeting_id).approved_on = (
                approved_on.isoformat() if approved_on else None
            )
        return change.result

    # -- undo -----------------------------------------------------------------------------------
    def restore(self, rows: RecordRows) -> MeetingRecord:
        with self.store.transaction() as session:
            rowset.put_back(raw(session), _OWNED, rows.rows)
            session.expire_all()
            return self._view(session, rows.meeting_id)

    # -- internals ------------------------------------------------------------------------------
    class _Changing:
        def __init__(
            self, service: RecordService, meeting_id: int | None, row: tuple[type[Owner], int] | None
        ) -> None:
            self.service, self.meeting_id, self._row = service, meeting_id or 0, row
            self._context = service.store.transaction()
            self.session: Session
            self.before: RecordRows
            self.result: Change

        def __enter__(self) -> RecordService._Changing:
            self.session = self._context.__enter__()
            if self._row is not None:  # the meeting of the row changed, read in this same transaction
                self.meeting_id = load(self.session, *self._row).meeting_id
            self.collaborative_id = load(self.session, MeetingRow, self.meeting_id).collaborative_id
            self.before = self._capture()
            return self

        def _capture(self) -> RecordRows:
            params = {"meeting": self.meeting_id, "collaborative": self.collaborative_id}
            return RecordRows(self.meeting_id, rowset.capture(raw(self.session), _OWNED, params))

        def __exit__(self, kind: object, error: object, trace: object) -> bool | None:
            if error is None:
                self.session.flush()
                view = self.service._view(self.session, self.meeting_id)
                self.result = Change(view, self.before, self._capture())
            return self._context.__exit__(kind, error, trace)  # type: ignore[arg-type]

    def _change(self, meeting_id: int) -> RecordService._Changing:
        return RecordService._Changing(self, meeting_id, None)

    def _change_of(self, row_type: type[Owner], key: int) -> RecordService._Changing:
        """A change to one row, for the meeting that row belongs to."""
        return RecordService._Changing(self, None, (row_type, key))

    @staticmethod
    def _check_person(session: Session, meeting_id: int, person_id: int | None) -> None:
        if person_id is None:
            return
        # Someone who later left the roster still proposed what they proposed.
        person = load(session, PersonRow, person_id, include_deleted=True)
        if person.collaborative_id != load(session, MeetingRow, meeting_id).collaborative_id:
            raise NotFound("people", person_id)

    def _view(self, session: Session, meeting_id: int) -> MeetingRecord:
        meeting = load(session, MeetingRow, meeting_id)
        collaborative_id = meeting.collaborative_id
        people = _people(session, collaborative_id)
        present, by_sector = _present(session, meeting_id)
        usual = decision_rule_in(session, collaborative_id)
        decisions = tuple(
            _decision(row, present, by_sector, usual, people) for row in _decision_rows(session, meeting_id)
        )
        numbers = {
            decision_id: position + 1
            for decision_id, position in session.execute(
                select(DecisionRow.id, DecisionRow.position)
                .join(MeetingRow, MeetingRow.id == DecisionRow.meeting_id)
                .where(MeetingRow.collaborative_id == collaborative_id, DecisionRow.deleted_at.is_(None))
            )
        }
        meetings = {
            row.id: row
            for row in session.scalars(
                select(MeetingRow).where(MeetingRow.collaborative_id == collaborative_id)
            )
        }

        def make(row: ActionItemRow) -> ActionItem:
            return _action(row, meetings, people, numbers, meeting)

        actions = session.scalars(
            select(ActionItemRow)
            .where(ActionItemRow.collaborative_id == collaborative_id, ActionItemRow.deleted_at.is_(None))
            .order_by(ActionItemRow.meeting_id, ActionItemRow.position, ActionItemRow.id)
        ).all()
        here = tuple(make(row) for row in actions if row.meeting_id == meeting_id)
        # Items from earlier meetings still open here, or closed at this very meeting.
        earlier = (make(row) for row in actions if _earlier(meetings[row.meeting_id], meeting))
        review = tuple(
            a for a in earlier if a.status_then is ActionStatus.OPEN or a.status_meeting_id == meeting_id
        )
        record = session.get(MeetingRecordRow, meeting_id)
        previous = _previous(session, meeting)
        wrap_up = WrapUp(
            kind=MeetingKind(record.kind) if record else MeetingKind.REGULAR,
            previous=MeetingRef(previous.id, previous.title, previous.starts_at) if previous else None,
            approval=Approval(record.previous_approval) if record else Approval.NONE,
            correction=record.correction if record else "",
            next_starts_at=record.next_starts_at if record else None,
            next_place=record.next_place if record else "",
            approved_on=date.fromisoformat(record.approved_on) if record and record.approved_on else None,
        )
        sectors = tuple(
            SectorCount(key, name, by_sector[key]) for key, name in _sector_names(session) if key in by_sector
        )
        return MeetingRecord(
            meeting_id=meeting_id, collaborative_id=collaborative_id,
            collaborative_rule=usual, present=present,
            sectors=sectors, people=tuple(people.values()), decisions=decisions, actions=here,
            review=review, parked=tuple(
                ParkedItem(row.id, row.position + 1, row.text) for row in _parked_rows(session, meeting_id)
            ),
            wrap_up=wrap_up,
        )  # fmt: skip


def _decision(
    row: DecisionRow, present: int, by_sector: dict[str, int], usual: DecisionRule | None,
    people: dict[int, PersonRef], *, live: bool = False,
) -> Decision:  # fmt: skip
    """A decision as the screens see it. ``usual`` is the collaborative's adopted rule; a recorded
    decision shows the rule and outcome it was recorded with, a live one what its counts give now."""
    fields = DecisionFields(
        wording=row.wording, proposer_id=row.proposer_id, draws_on=row.draws_on,
        rule=rule_from_json(row.rule), override_reason=row.override_reason, scale=Scale(row.scale),
        attempt=row.attempt, by_sector=row.by_sector,
    )  # fmt: skip
    governing = fields.rule or usual or DecisionRule()
    counts: dict[str, dict[str, int]] = json.loads(row.counts)
    outcome: Outcome | None
    if row.outcome is not None and not live:
        governing = recorded_rule(row.outcome) or governing
        outcome = outcome_from_json(row.outcome)
    else:
        outcome = live_outcome(governing, fields, counts, present)
    return Decision(
        id=row.id, meeting_id=row.meeting_id, item_id=row.item_id, number=row.position + 1,
        fields=fields, proposer=people.get(row.proposer_id) if row.proposer_id else None,
        governing=governing, counts=counts,
        disposition=Disposition(row.disposition) if row.disposition else None, note=row.note,
        outcome=outcome, recorded_at=row.recorded_at,
    )  # fmt: skip


def _decision_columns(fields: DecisionFields) -> dict[str, object]:
    return {
        "wording": fields.wording, "proposer_id": fields.proposer_id, "draws_on": fields.draws_on,
        "rule": rule_to_json(fields.rule), "override_reason": fields.override_reason,
        "scale": fields.scale.value, "attempt": fields.attempt, "by_sector": fields.by_sector,
    }  # fmt: skip


def _action_columns(fields: ActionFields) -> dict[str, object]:
    return {
        "what": fields.what, "owner_id": fields.owner_id, "organisation": fields.organisation,
        "due": fields.due.isoformat() if fields.due else None, "decision_id": fields.decision_id,
    }  # fmt: skip


def _decision_rows(session: Session, meeting_id: int) -> list[DecisionRow]:
    return list(
        session.scalars(
            select(DecisionRow)
            .where(DecisionRow.meeting_id == meeting_id, DecisionRow.deleted_at.is_(None))
            .order_by(DecisionRow.position, DecisionRow.id)
        )
    )


def _parked_rows(session: Session, meeting_id: int) -> list[ParkedItemRow]:
    return list(
        session.scalars(
            select(ParkedItemRow)
            .where(ParkedItemRow.meeting_id == meeting_id, ParkedItemRow.deleted_at.is_(None))
            .order_by(ParkedItemRow.position, ParkedItemRow.id)
        )
    )


def _renumber(rows: Sequence[DecisionRow | ParkedItemRow]) -> None:
    for position, row in enumerate(rows):
        row.position = position


def _record_row(session: Session, meeting_id: int) -> MeetingRecordRow:
    row = session.get(MeetingRecordRow, meeting_id)
    if row is None:
        row = MeetingRecordRow(
            meeting_id=meeting_id, kind=MeetingKind.REGULAR.value, previous_approval="", correction="",
            next_place="",
        )  # fmt: skip
        session.add(row)
        session.flush()
    return row


def _people(session: Session, collaborative_id: int) -> dict[int, PersonRef]:
    # Removed people stay: a decision proposed by someone who later left the roster keeps the name.
    rows = session.execute(
        select(PersonRow.id, PersonRow.name, PersonRow.organisation)
        .where(PersonRow.collaborative_id == collaborative_id)
        .order_by(PersonRow.name, PersonRow.id)
    )
    return {pid: PersonRef(pid, name, organisation) for pid, name, organisation in rows}


def _present(session: Session, meeting_id: int) -> tuple[int, dict[str, int]]:
    rows = session.execute(
        select(PersonRow.sector_id, func.count())
        .join(AttendanceRow, AttendanceRow.person_id == PersonRow.id)
        .where(AttendanceRow.meeting_id == meeting_id)
        .where(AttendanceRow.status.in_([s.value for s in AttendanceStatus if s.in_room]))
        .group_by(PersonRow.sector_id)
    )
    by_sector = {str(sector) if sector is not None else NO_SECTOR: count for sector, count in rows}
    return sum(by_sector.values()), by_sector


def _sector_names(session: Session) -> list[tuple[str, str]]:
    rows = session.execute(select(SectorRow.id, SectorRow.name).order_by(SectorRow.position, SectorRow.id))
    return [(str(sid), name) for sid, name in rows] + [(NO_SECTOR, "")]


def _earlier(one: MeetingRow, other: MeetingRow) -> bool:
    return (one.starts_at, one.id) < (other.starts_at, other.id)


def _previous(session: Session, meeting: MeetingRow) -> MeetingRow | None:
    candidates = session.scalars(
        select(MeetingRow).where(
            MeetingRow.collaborative_id == meeting.collaborative_id,
            MeetingRow.deleted_at.is_(None),
            MeetingRow.id != meeting.id,
        )
    ).all()
    earlier = [row for row in candidates if _earlier(row, meeting)]
    return max(earlier, key=lambda row: (row.starts_at, row.id), default=None)


def _action(
    row: ActionItemRow, meetings: dict[int, MeetingRow], people: dict[int, PersonRef], numbers: dict[int, int],
    viewed: MeetingRow,
) -> ActionItem:  # fmt: skip
    meeting = meetings[row.meeting_id]
    status = ActionStatus(row.status)
    closed_at = meetings.get(row.status_meeting_id) if row.status_meeting_id is not None else None
    if closed_at is not None and closed_at.id != viewed.id and _earlier(viewed, closed_at):
        status_then = ActionStatus.OPEN  # closed at a later meeting: still open at this one
    else:
        status_then = status
    return ActionItem(
        id=row.id, meeting_id=row.meeting_id, meeting_title=meeting.title,
        meeting_date=meeting.starts_at.date(),
        fields=ActionFields(
            what=row.what, owner_id=row.owner_id, organisation=row.organisation,
            due=date.fromisoformat(row.due) if row.due else None, decision_id=row.decision_id,
        ),
        owner=people.get(row.owner_id) if row.owner_id else None,
        decision_number=numbers.get(row.decision_id) if row.decision_id else None,
        status=status, status_meeting_id=row.status_meeting_id, status_then=status_then,
    )  # fmt: skip
