"""The one path from a user action to the store and back to both windows.

Every change runs a service call (one transaction, committed before anything on screen says it is
done), is pushed on the undo stack as a command whose undo calls the inverse service, and is then
announced with a signal that the facilitator window and the presenter window both listen to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.model import (
    AgendaFields,
    AgendaItem,
    AttendanceStatus,
    Attendee,
    Collaborative,
    CollaborativeFields,
    CollaborativeSummary,
    Meeting,
    MeetingDetail,
    MeetingFields,
    Person,
    PersonFields,
    RunState,
    Sector,
)
from facilitator.domain.timer import SavedTimer

if TYPE_CHECKING:  # importing services pulls in SQLAlchemy, which must wait until after first paint
    from facilitator.services import Services

T = TypeVar("T")
V = TypeVar("V")
R = TypeVar("R")


class _Command(QUndoCommand):
    """A change that has already happened once; redo and undo replay it through the services.

    If a replay fails (say the disk is full), the stack is stepped back over it without running it
    again, so the undo position always matches what is in the store.
    """

    def __init__(self, text: str, redo: Callable[[], Any], undo: Callable[[], Any], ctl: Controller) -> None:
        super().__init__(text)
        self._redo, self._undo, self._ctl = redo, undo, ctl
        self._skip_redo = True  # the action itself already ran, before the command was pushed
        self._skip_undo = False

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        if not self._ctl.succeeded(self._redo):
            self._skip_undo = True
            QTimer.singleShot(0, self._ctl.undo_stack.undo)

    def undo(self) -> None:
        if self._skip_undo:
            self._skip_undo = False
            return
        if not self._ctl.succeeded(self._undo):
            self._skip_redo = True
            QTimer.singleShot(0, self._ctl.undo_stack.redo)


class Controller(QObject):
    overview_changed = Signal(list)  # list[CollaborativeSummary]
    sectors_changed = Signal(list)  # list[Sector]
    collaborative_changed = Signal(object)  # Collaborative
    people_changed = Signal(int, list)  # collaborative id, list[Person]
    meeting_loaded = Signal(object)  # MeetingDetail: a different meeting, or a full refresh
    meeting_opened = Signal(object)  # MeetingDetail: the user opened a meeting: show its page
    meeting_unloaded = Signal()  # the open meeting was removed: nothing may show it any more
    meeting_changed = Signal(object)  # Meeting: details or run status
    attendee_changed = Signal(object)  # Attendee: one row of the roster
    agenda_changed = Signal(object)  # tuple[AgendaItem, ...]: the whole agenda, in order
    failed = Signal(str)  # a plain message for the status bar / a dialog
    saved = Signal()  # a change reached the disk
    ready = Signal()  # services attached: editing may begin

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.undo_stack = QUndoStack(self)
        self.detail: MeetingDetail | None = None
        self.overview: list[CollaborativeSummary] = []
        self.sectors: list[Sector] = []
        self._reopen_after_undo: int | None = None
        self.failures = 0  # how many actions have failed so far; the ui compares before and after
        self._techniques: dict[str, object] = {}

    # -- start-up -------------------------------------------------------------------------------
    def show_snapshot(self, overview: list[CollaborativeSummary], detail: MeetingDetail | None) -> None:
        """First paint, from the quick stdlib read, before the services exist."""
        self.overview = overview
        self.overview_changed.emit(overview)
        if detail is not None:
            self.detail = detail
            self.meeting_loaded.emit(detail)
            self.meeting_opened.emit(detail)

    def attach(self, services: Services) -> None:
        self.services = services
        self.sectors = services.sectors.all()
        self.sectors_changed.emit(self.sectors)
        self.refresh_overview()
        if self.detail is not None:
            self.open_meeting(self.detail.meeting.id)
        self.ready.emit()

    @property
    def svc(self) -> Services:
        if self.services is None:
            raise RuntimeError("services are not attached yet")
        return self.services

    def guarded(self, action: Callable[[], T]) -> T | None:
        """Run an action; a known error becomes a plain message instead of a crash (result None)."""
        result: list[T] = []
        return result[0] if self.succeeded(lambda: result.append(action())) else None

    def succeeded(self, action: Callable[[], object]) -> bool:
        """Run an action; on a known error, say so in plain words and report failure."""
        try:
            action()
        except FacilitatorError as error:
            from facilitator.ui.texts import error_message

            self.failures += 1
            self.failed.emit(error_message(error))
            self._refresh_after_error()
            return False
        return True

    def _refresh_after_error(self) -> None:
        """Show what the store really holds after a failed action (best effort)."""
        try:
            self.refresh_overview()
            if self.detail is not None:
                self._reload_meeting(self.detail.meeting.id)
        except FacilitatorError:
            pass  # the store itself is failing; the message already shown says so

    def _push(self, text: str, redo: Callable[[], Any], undo: Callable[[], Any]) -> None:
        self.undo_stack.push(_Command(text, redo, undo, self))
        self.saved.emit()

    def push_change(self, text: str, redo: Callable[[], Any], undo: Callable[[], Any]) -> None:
        """For techniques: an action that already ran (and was committed) becomes one undo step."""
        self._push(text, redo, undo)

    def technique(self, key: str, make: Callable[[Controller], T]) -> T:
        """The one helper object of a technique (its actions and signals), shared by its screens."""
        if key not in self._techniques:
            self._techniques[key] = make(self)
        return self._techniques[key]  # type: ignore[no-any-return]

    def _change(self, text: str, apply: Callable[[V], R], new: V, old: V) -> R:
        """Apply ``new`` now (one transaction); undo applies ``old`` and redo ``new`` again."""
        result = apply(new)
        if new != old:  # saving what was already there is not a step to undo
            self._push(text, lambda: apply(new), lambda: apply(old))
        return result

    # -- reading --------------------------------------------------------------------------------
    def refresh_overview(self) -> None:
        self.overview = self.svc.collaboratives.overview()
        self.overview_changed.emit(self.overview)

    def open_meeting(self, meeting_id: int) -> MeetingDetail:
        detail = self.svc.meetings.detail(meeting_id)
        self.detail = detail
        self.svc.meetings.remember_opened(meeting_id)
        self.meeting_loaded.emit(detail)
        self.meeting_opened.emit(detail)
        return detail

    def _unload(self) -> None:
        """The open meeting (or its collaborative) was removed: remember it for undo, then forget it."""
        if self.detail is not None:
            self._reopen_after_undo = self.detail.meeting.id
            self.detail = None
            self.meeting_unloaded.emit()

    def _reopen(self, meeting_id: int | None) -> None:
        """Undoing a removal shows the meeting again if it was the one on screen."""
        if meeting_id is not None and meeting_id == self._reopen_after_undo and self.detail is None:
            self._reopen_after_undo = None
            self.open_meeting(meeting_id)

    def people(self, collaborative_id: int) -> list[Person]:
        return self.svc.people.for_collaborative(collaborative_id)

    def collaborative(self, collaborative_id: int) -> Collaborative:
        return self.svc.collaboratives.get(collaborative_id)

    def _reload_meeting(self, meeting_id: int) -> None:
        if self.detail is not None and self.detail.meeting.id == meeting_id:
            self.detail = self.svc.meetings.detail(meeting_id)
            self.meeting_loaded.emit(self.detail)

    def _set_meeting(self, meeting: Meeting) -> None:
        if self.detail is not None and self.detail.meeting.id == meeting.id:
            self.detail = replace(self.detail, meeting=meeting)
            self.meeting_changed.emit(meeting)

    def _set_agenda(self, meeting_id: int, agenda: Sequence[AgendaItem]) -> None:
        if self.detail is not None and self.detail.meeting.id == meeting_id:
            self.detail = replace(self.detail, agenda=tuple(agenda))
            self.agenda_changed.emit(self.detail.agenda)

    def _set_attendee(self, meeting_id: int, attendee: Attendee) -> None:
        if self.detail is None or self.detail.meeting.id != meeting_id:
            return
        rows = list(self.detail.attendees)
        for index, row in enumerate(rows):
            if row.person.id == attendee.person.id:
                rows[index] = attendee
                break
        else:
            rows.append(attendee)
        self.detail = replace(self.detail, attendees=tuple(rows))
        self.attendee_changed.emit(attendee)

    # -- sectors --------------------------------------------------------------------------------
    def _sectors_refresh(self) -> None:
        self.sectors = self.svc.sectors.all()
        self.sectors_changed.emit(self.sectors)

    def add_sector(self, name: str) -> Sector:
        sector = self.svc.sectors.add(name)
        self._sectors_refresh()
        self._push(
            self.tr("Add sector"),
            lambda: self._sector_removed(sector.id, False),
            lambda: self._sector_removed(sector.id, True),
        )
        return sector

    def _sector_removed(self, sector_id: int, removed: bool) -> None:
        self.svc.sectors.set_removed(sector_id, removed)
        self._sectors_refresh()

    def rename_sector(self, sector_id: int, name: str) -> None:
        old = next(s.name for s in self.sectors if s.id == sector_id)

        def rename(value: str) -> None:
            self.svc.sectors.rename(sector_id, value)
            self._sectors_refresh()
            if self.detail is not None:  # the roster shows sector names
                self._reload_meeting(self.detail.meeting.id)

        self._change(self.tr("Rename sector"), rename, name, old)

    def remove_sector(self, sector_id: int) -> None:
        self._change(self.tr("Remove sector"), lambda r: self._sector_removed(sector_id, r), True, False)

    def reorder_sectors(self, ordered_ids: Sequence[int]) -> None:
        def reorder(ids: list[int]) -> None:
            self.svc.sectors.reorder(ids)
            self._sectors_refresh()

        self._change(self.tr("Reorder sectors"), reorder, list(ordered_ids), [s.id for s in self.sectors])

    # -- collaboratives -------------------------------------------------------------------------
    def create_collaborative(self, fields: CollaborativeFields) -> Collaborative:
        created = self.svc.collaboratives.create(fields)
        self.refresh_overview()
        self._push(
            self.tr("New collaborative"),
            lambda: self._collaborative_removed(created.id, False),
            lambda: self._collaborative_removed(created.id, True),
        )
        return created

    def _collaborative_removed(self, collaborative_id: int, removed: bool) -> None:
        self.svc.collaboratives.set_removed(collaborative_id, removed)
        if removed and self.detail is not None and self.detail.collaborative.id == collaborative_id:
            self._unload()
        self.refresh_overview()
        if not removed:
            self._reopen(self._reopen_after_undo)

    def remove_collaborative(self, collaborative_id: int) -> None:
        self._change(
            self.tr("Remove collaborative"),
            lambda r: self._collaborative_removed(collaborative_id, r),
            True,
            False,
        )

    def update_collaborative(self, collaborative_id: int, fields: CollaborativeFields) -> Collaborative:
        def update(values: CollaborativeFields) -> Collaborative:
            updated = self.svc.collaboratives.update(collaborative_id, values)
            self._collaborative_updated(updated)
            return updated

        old = self.svc.collaboratives.get(collaborative_id).fields()
        return self._change(self.tr("Edit collaborative"), update, fields, old)

    def _collaborative_updated(self, collaborative: Collaborative) -> None:
        self.collaborative_changed.emit(collaborative)
        self.refresh_overview()
        if self.detail is not None and self.detail.collaborative.id == collaborative.id:
            self.detail = replace(self.detail, collaborative=collaborative)

    # -- people ---------------------------------------------------------------------------------
    def _people_refresh(self, collaborative_id: int) -> None:
        self.people_changed.emit(collaborative_id, self.people(collaborative_id))
        if self.detail is not None and self.detail.collaborative.id == collaborative_id:
            self._reload_meeting(self.detail.meeting.id)

    def add_person(self, collaborative_id: int, fields: PersonFields) -> Person:
        person = self.svc.people.add(collaborative_id, fields)
        self._people_refresh(collaborative_id)
        self._push(
            self.tr("Add person"),
            lambda: self._person_removed(collaborative_id, person.id, False),
            lambda: self._person_removed(collaborative_id, person.id, True),
        )
        return person

    def _person_removed(self, collaborative_id: int, person_id: int, removed: bool) -> None:
        self.svc.people.set_removed(person_id, removed)
        self._people_refresh(collaborative_id)

    def remove_person(self, person: Person) -> None:
        self._change(
            self.tr("Remove person"),
            lambda r: self._person_removed(person.collaborative_id, person.id, r),
            True,
            False,
        )

    def update_person(self, person: Person, fields: PersonFields) -> Person:
        def update(values: PersonFields) -> Person:
            updated = self.svc.people.update(person.id, values)
            self._people_refresh(person.collaborative_id)
            return updated

        return self._change(self.tr("Edit person"), update, fields, person.fields())

    # -- meetings -------------------------------------------------------------------------------
    def create_meeting(
        self, collaborative_id: int, fields: MeetingFields, agenda: Sequence[AgendaFields] = ()
    ) -> Meeting:
        meeting = self.svc.meetings.create(collaborative_id, fields, agenda)
        self.refresh_overview()
        self._push(
            self.tr("New meeting"),
            lambda: self._meeting_removed(meeting.id, False),
            lambda: self._meeting_removed(meeting.id, True),
        )
        return meeting

    def _meeting_removed(self, meeting_id: int, removed: bool) -> None:
        self.svc.meetings.set_removed(meeting_id, removed)
        if removed and self.detail is not None and self.detail.meeting.id == meeting_id:
            self._unload()
        self.refresh_overview()
        if not removed:
            self._reopen(meeting_id)

    def import_meeting(self, data: bytes) -> int:
        """A meeting from an exchange file; undo takes it out again (people it added stay)."""
        meeting_id = self.svc.exchange.import_meeting(data)
        self.refresh_overview()
        self._push(
            self.tr("Import meeting"),
            lambda: self._meeting_removed(meeting_id, False),
            lambda: self._meeting_removed(meeting_id, True),
        )
        return meeting_id

    def remove_meeting(self, meeting_id: int) -> None:
        self._change(self.tr("Remove meeting"), lambda r: self._meeting_removed(meeting_id, r), True, False)

    def update_meeting(self, meeting: Meeting, fields: MeetingFields) -> Meeting:
        def update(values: MeetingFields) -> Meeting:
            updated = self.svc.meetings.update(meeting.id, values)
            self._meeting_updated(updated)
            return updated

        return self._change(self.tr("Edit meeting details"), update, fields, meeting.fields())

    def _meeting_updated(self, meeting: Meeting) -> None:
        self._set_meeting(meeting)
        self.refresh_overview()

    # -- attendance -----------------------------------------------------------------------------
    def set_attendance(self, meeting_id: int, attendee: Attendee, status: AttendanceStatus) -> Attendee:
        person_id = attendee.person.id

        def mark(value: tuple[AttendanceStatus, datetime | None]) -> Attendee:
            changed = self.svc.attendance.set_status(meeting_id, person_id, *value)
            self._set_attendee(meeting_id, changed)
            return changed

        changed = mark((status, None))
        # Redo keeps the arrival time taken now; undo restores the old status and time.
        self._push(
            self.tr("Mark attendance"),
            lambda: mark((status, changed.arrived_at)),
            lambda: mark((attendee.status, attendee.arrived_at)),
        )
        return changed

    def add_at_door(self, meeting_id: int, fields: PersonFields, status: AttendanceStatus) -> Attendee:
        added = self.svc.attendance.add_at_door(meeting_id, fields, status)
        self._set_attendee(meeting_id, added)
        person_id = added.person.id

        def undo() -> None:
            self.svc.attendance.undo_add_at_door(meeting_id, person_id)
            self._reload_meeting(meeting_id)

        def redo() -> None:
            self._set_attendee(
                meeting_id, self.svc.attendance.redo_add_at_door(meeting_id, person_id, status)
            )

        self._push(self.tr("Add person at the door"), redo, undo)
        return added

    # -- agenda ---------------------------------------------------------------------------------
    def _agenda_refresh(self, meeting_id: int) -> None:
        self._set_agenda(meeting_id, self.svc.agenda.for_meeting(meeting_id))

    def add_agenda_items(self, meeting_id: int, items: Sequence[AgendaFields]) -> list[AgendaItem]:
        added = self.svc.agenda.add_many(meeting_id, items)
        if self.detail is not None and self.detail.meeting.id == meeting_id:
            # New items go to the end: extend what is shown instead of reading the agenda again.
            self._set_agenda(meeting_id, self.detail.agenda + tuple(added))
        ids = [item.id for item in added]
        positions = [item.position for item in added]

        def put(removed: bool) -> Callable[[], None]:
            def run() -> None:
                self.svc.agenda.set_removed(ids, removed, () if removed else positions)
                self._agenda_refresh(meeting_id)
                self._meeting_from_store(meeting_id)

            return run

        text = self.tr("Add agenda item") if len(items) == 1 else self.tr("Add agenda from template")
        self._push(text, put(False), put(True))
        return added

    def update_agenda_item(self, item: AgendaItem, fields: AgendaFields) -> AgendaItem:
        def update(values: AgendaFields) -> AgendaItem:
            updated = self.svc.agenda.update(item.id, values)
            self._agenda_refresh(item.meeting_id)
            return updated

        return self._change(self.tr("Edit agenda item"), update, fields, item.fields())

    def remove_agenda_item(self, item: AgendaItem) -> None:
        # Removing the current item moves the meeting on; undo puts both the item and the
        # run (current item, elapsed times) back as they were.
        before = self.svc.run.state(item.meeting_id)

        def put(removed: bool) -> None:
            self.svc.agenda.set_removed([item.id], removed, () if removed else [item.position])
            if not removed and before.current_item_id == item.id:
                self.svc.run.restore(before)
            self._agenda_refresh(item.meeting_id)
            self._meeting_from_store(item.meeting_id)

        self._change(self.tr("Remove agenda item"), put, True, False)

    def move_agenda_item(self, item: AgendaItem, target: int) -> None:
        if target != item.position:
            self._change(
                self.tr("Move agenda item"),
                lambda position: self._set_agenda(item.meeting_id, self.svc.agenda.move(item.id, position)),
                target,
                item.position,
            )

    def _meeting_from_store(self, meeting_id: int) -> None:
        if self.detail is not None and self.detail.meeting.id == meeting_id:
            self._set_meeting(self.svc.meetings.detail(meeting_id).meeting)

    # -- running the meeting --------------------------------------------------------------------
    def _run(self, text: str, meeting_id: int, action: Callable[[], MeetingDetail]) -> MeetingDetail:
        before: RunState = self.svc.run.state(meeting_id)
        detail = action()
        after: RunState = self.svc.run.state(meeting_id)
        self._run_shown(detail)

        def put(state: RunState) -> Callable[[], None]:
            return lambda: self._run_shown(self.svc.run.restore(state))

        self._push(text, put(after), put(before))
        return detail

    def _run_shown(self, detail: MeetingDetail) -> None:
        if self.detail is not None and self.detail.meeting.id == detail.meeting.id:
            self.detail = detail
            self.meeting_changed.emit(detail.meeting)
            self.agenda_changed.emit(detail.agenda)
        self.refresh_overview()

    def start_meeting(self, meeting_id: int) -> MeetingDetail:
        return self._run(self.tr("Start meeting"), meeting_id, lambda: self.svc.run.start(meeting_id))

    def step(self, meeting_id: int, step: int) -> MeetingDetail:
        text = self.tr("Next item") if step > 0 else self.tr("Previous item")
        return self._run(text, meeting_id, lambda: self.svc.run.step(meeting_id, step))

    def go_to(self, meeting_id: int, item_id: int) -> MeetingDetail:
        return self._run(self.tr("Go to item"), meeting_id, lambda: self.svc.run.go_to(meeting_id, item_id))

    def close_meeting(self, meeting_id: int) -> MeetingDetail:
        return self._run(self.tr("Close meeting"), meeting_id, lambda: self.svc.run.close(meeting_id))

    def save_timer(self, saved: SavedTimer) -> None:
        """Not undoable: the timer is a tool of the room, not part of the record."""
        if self.detail is not None and self.services is not None:
            meeting_id = self.detail.meeting.id
            self.guarded(lambda: self.svc.run.save_timer(meeting_id, saved))

    def saved_timer(self) -> SavedTimer | None:
        if self.detail is None or self.services is None:
            return None
        meeting_id = self.detail.meeting.id
        return self.guarded(lambda: self.svc.run.saved_timer(meeting_id))

    def create_sample(self) -> int:
        meeting_id = self.svc.sample.create()
        collaborative_id = self.svc.meetings.detail(meeting_id).collaborative.id
        self._sectors_refresh()
        self.refresh_overview()
        self._push(
            self.tr("Open the sample collaborative"),
            lambda: self._collaborative_removed(collaborative_id, False),
            lambda: self._collaborative_removed(collaborative_id, True),
        )
        return meeting_id
