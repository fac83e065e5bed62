"""Decisions, action items, parking lot and wrap-up actions, shared by every screen that shows them.

Each runs one service call and becomes one undo step; every screen listens to ``changed``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Signal

from facilitator.domain.record import (
    ActionFields,
    ActionStatus,
    Approval,
    DecisionFields,
    Disposition,
    MeetingKind,
    MeetingRecord,
)
from facilitator.services.record import Change, RecordService
from facilitator.ui.controller import Controller
from facilitator.ui.undoable import UndoableActions

KEY = "record"


# No context: pyside6-lupdate files a module-level tr("...") under none, so that is where it is looked up.
def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def record_actions(controller: Controller) -> RecordActions:
    return controller.technique(KEY, RecordActions)


class RecordActions(UndoableActions):
    changed = Signal(object)  # MeetingRecord, after any change, undo or redo
    current_changed = Signal(object)  # the decision id the projector shows, or None
    projecting_actions = Signal(bool)  # the action list on the projector instead of the proposal

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.record: MeetingRecord | None = None
        self.current_id: int | None = None
        self.showing_actions = False
        controller.meeting_loaded.connect(lambda detail: self.refresh(detail.meeting.id))
        controller.attendee_changed.connect(lambda _attendee: self._refresh_open())

    @property
    def service(self) -> RecordService:
        return self.controller.svc.record

    @property
    def ready(self) -> bool:
        return self.controller.services is not None

    @property
    def meeting_id(self) -> int | None:
        detail = self.controller.detail
        return detail.meeting.id if detail is not None else None

    # -- reading --------------------------------------------------------------------------------
    def refresh(self, meeting_id: int) -> MeetingRecord | None:
        if not self.ready:
            return None
        return self._show(self._try(lambda: self.service.view(meeting_id)))

    def _refresh_open(self) -> None:
        if self.meeting_id is not None:
            self.refresh(self.meeting_id)

    def current(self) -> MeetingRecord | None:
        if self.record is None or self.record.meeting_id != self.meeting_id:
            if self.meeting_id is None:
                return None
            self.refresh(self.meeting_id)
        return self.record

    def set_current(self, decision_id: int | None) -> None:
        """The proposal shown on the projector; not an undo step."""
        if decision_id != self.current_id:
            self.current_id = decision_id
            self.current_changed.emit(decision_id)

    def project_actions(self, shown: bool) -> None:
        if shown != self.showing_actions:
            self.showing_actions = shown
            self.projecting_actions.emit(shown)

    # -- decisions ------------------------------------------------------------------------------
    def add_decision(self, meeting_id: int, fields: DecisionFields, item_id: int | None) -> bool:
        return self._apply(tr("Add proposal"), lambda: self.service.add_decision(meeting_id, fields, item_id))

    def edit_decision(self, decision_id: int, fields: DecisionFields) -> bool:
        return self._apply(tr("Edit proposal"), lambda: self.service.edit_decision(decision_id, fields))

    def count(self, decision_id: int, sector: str, choice: str, count: int) -> bool:
        return self._apply(tr("Count"), lambda: self.service.set_count(decision_id, sector, choice, count))

    def clear_counts(self, decision_id: int) -> bool:
        return self._apply(tr("Start the count again"), lambda: self.service.clear_counts(decision_id))

    def dispose(self, decision_id: int, disposition: Disposition | None, note: str) -> bool:
        return self._apply(
            tr("Record the decision"), lambda: self.service.dispose(decision_id, disposition, note)
        )

    def remove_decision(self, decision_id: int) -> bool:
        return self._apply(tr("Remove proposal"), lambda: self.service.remove_decision(decision_id))

    def move_decision(self, decision_id: int, position: int) -> bool:
        return self._apply(tr("Move proposal"), lambda: self.service.move_decision(decision_id, position))

    # -- action items ---------------------------------------------------------------------------
    def add_action(self, meeting_id: int, fields: ActionFields) -> bool:
        return self._apply(tr("Add action item"), lambda: self.service.add_action(meeting_id, fields))

    def edit_action(self, action_id: int, fields: ActionFields) -> bool:
        return self._apply(tr("Edit action item"), lambda: self.service.edit_action(action_id, fields))

    def set_action_status(self, action_id: int, status: ActionStatus, meeting_id: int) -> bool:
        return self._apply(
            tr("Change action item status"),
            lambda: self.service.set_action_status(action_id, status, meeting_id),
        )

    def remove_action(self, action_id: int) -> bool:
        return self._apply(tr("Remove action item"), lambda: self.service.remove_action(action_id))

    # -- parking lot and wrap-up ----------------------------------------------------------------
    def park(self, meeting_id: int, text: str) -> bool:
        return self._apply(tr("Add to the parking lot"), lambda: self.service.park(meeting_id, text))

    def edit_parked(self, parked_id: int, text: str) -> bool:
        return self._apply(tr("Edit parking lot item"), lambda: self.service.edit_parked(parked_id, text))

    def unpark(self, parked_id: int) -> bool:
        return self._apply(tr("Remove from the parking lot"), lambda: self.service.unpark(parked_id))

    def set_kind(self, meeting_id: int, kind: MeetingKind) -> bool:
        return self._apply(tr("Change the kind of meeting"), lambda: self.service.set_kind(meeting_id, kind))

    def set_approval(self, meeting_id: int, approval: Approval, correction: str) -> bool:
        return self._apply(
            tr("Approve the previous minutes"),
            lambda: self.service.set_approval(meeting_id, approval, correction),
        )

    def set_next_meeting(self, meeting_id: int, starts_at: datetime | None, place: str) -> bool:
        return self._apply(
            tr("Set the next meeting"), lambda: self.service.set_next_meeting(meeting_id, starts_at, place)
        )

    def set_approved_on(self, meeting_id: int, approved_on: date | None) -> bool:
        return self._apply(
            tr("Mark the minutes approved"), lambda: self.service.set_approved_on(meeting_id, approved_on)
        )

    # -- plumbing -------------------------------------------------------------------------------
    def _apply(self, text: str, action: Callable[[], Change]) -> bool:
        return self._apply_change(text, action, lambda change: change.record)

    def _show(self, record: object) -> MeetingRecord | None:
        if not isinstance(record, MeetingRecord):
            return None
        self.record = record
        if self.current_id is not None and all(d.id != self.current_id for d in record.decisions):
            self.set_current(None)
        self.changed.emit(record)
        open_meeting = self.meeting_id
        if open_meeting is not None and record.meeting_id != open_meeting:
            # An undo of a change made at another meeting can touch this one's rows too (an
            # action item reviewed there, these minutes approved there): read them again.
            return self.refresh(open_meeting)
        return record
