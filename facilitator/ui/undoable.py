"""What every screen's set of actions shares: run one service call, say a refusal in plain words,
and make the change one undo step by putting back the rows it captured."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from facilitator.domain.errors import FacilitatorError
from facilitator.ui.controller import Controller
from facilitator.ui.texts import error_message


class UndoableActions(QObject):
    failed = Signal(str)  # plain words, shown next to what the facilitator was doing

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.controller = controller
        self.last_error = ""  # the plain words of the last refusal, for the screen that asked

    @property
    def service(self) -> Any:
        """The service whose ``restore(rows)`` undoes and redoes its changes."""
        raise NotImplementedError

    def _show(self, shown: object) -> object:
        """Hand a snapshot to the screens; subclasses keep it and emit their own signal."""
        raise NotImplementedError

    def _apply_change(self, text: str, action: Callable[[], Any], snapshot: Callable[[Any], object]) -> bool:
        """Run ``action`` (one transaction returning a change with ``before`` and ``after`` rows),
        show ``snapshot(change)`` and push the undo step."""
        change = self._try(action)
        if change is None:
            return False
        self._show(snapshot(change))
        if change.before == change.after:
            return True  # nothing changed: no step for Ctrl+Z to take back that does nothing
        service = self.service
        self.controller.push_change(
            text,
            lambda: self._show(service.restore(change.after)),
            lambda: self._show(service.restore(change.before)),
        )
        return True

    def _words(self, error: FacilitatorError) -> str:
        """Plain words for a refusal; a technique with refusals of its own words those first."""
        return str(error_message(error))

    def _try(self, action: Callable[[], object]) -> Any:
        self.last_error = ""
        try:
            return action()
        except FacilitatorError as error:
            self.last_error = self._words(error)
            self.failed.emit(self.last_error)
            return None
