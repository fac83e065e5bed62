"""What every technique's panel in Run does to follow the meeting: when the meeting reaches an item
of its kind it opens that item (first time) or shows it again, the keyboard ready for the step the
group is in; when someone arrives or leaves it reads the item again; it fills itself from each new
snapshot of the item."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from facilitator.domain.model import AgendaItem, AgendaKind
from facilitator.ui.controller import Controller


class ItemPanel(QWidget):
    kind: AgendaKind  # the agenda kind the panel runs

    def __init__(self, controller: Controller, actions: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions = actions  # the technique's UndoableActions: open, refresh, views, changed
        self.item: AgendaItem | None = None
        self.view: Any = None
        self._filling = False  # widgets being filled from a snapshot: their signals are not the user's
        self._arriving = False  # the next fill is the first since the meeting came to the item
        self._step: tuple[object, ...] = ()  # the meeting, its state and its current item last seen
        self._refresh_due = False

    def follow_the_meeting(self) -> None:
        """Connect to the meeting and the technique's actions; call once the widgets are built."""
        self.actions.changed.connect(self._changed)
        controller = self.controller
        controller.attendee_changed.connect(self._attendance_changed)
        controller.meeting_changed.connect(lambda _m: self._follow())
        controller.agenda_changed.connect(lambda _a: self._follow())
        controller.meeting_loaded.connect(lambda _d: self._follow())
        self._follow()

    def _current_item_id(self) -> int | None:
        """The item the meeting is at now (perhaps not this panel's)."""
        detail = self.controller.detail
        item = detail.current_item if detail is not None else None
        return item.id if item is not None else None

    def _item_shown(self, item: AgendaItem, first: bool) -> None:
        """The item as the agenda has it now; ``first`` when it is another item than before."""

    def _fill(self, view: Any) -> None:
        raise NotImplementedError

    def _follow(self) -> None:
        detail = self.controller.detail
        item = detail.current_item if detail is not None else None
        step = (detail.meeting.id, detail.meeting.status, item.id if item else None) if detail else ()
        arrived, self._step = step != self._step, step
        if item is None or item.kind is not self.kind or self.controller.services is None:
            return
        first = self.item is None or self.item.id != item.id
        self.item = item
        self._item_shown(item, first)
        if arrived or first:
            self._arriving = True
        if first or item.id not in self.actions.views:
            self.actions.open(item.id)  # shows itself through ``changed``
        elif self._arriving and self.view is not None:
            self._fill(self.view)

    def _attendance_changed(self, *_args: object) -> None:
        """Someone arrived or left: who takes part changes. Read once, after the burst of changes."""
        if self.item is not None and not self._refresh_due:
            self._refresh_due = True
            QTimer.singleShot(0, self, self._refresh_present)

    def _refresh_present(self) -> None:
        self._refresh_due = False
        detail = self.controller.detail
        if self.item is not None and detail is not None and detail.meeting.id == self.item.meeting_id:
            self.actions.refresh(self.item.id)

    def _changed(self, view: Any) -> None:
        if self.item is not None and view.item_id == self.item.id:
            self._fill(view)
