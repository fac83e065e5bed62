"""The brainstorming actions both windows share: each runs one service call and becomes one undo step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Signal

from facilitator.domain.errors import FacilitatorError
from facilitator.techniques.brainstorming.model import BrainstormView, DotEntry, Idea, Phase
from facilitator.techniques.brainstorming.service import BrainstormService, Change, Target
from facilitator.techniques.brainstorming.ui import words
from facilitator.techniques.brainstorming.ui.words import tr
from facilitator.ui.controller import Controller
from facilitator.ui.undoable import UndoableActions

KEY = "brainstorm"


def actions(controller: Controller) -> BrainstormActions:
    return controller.technique(KEY, BrainstormActions)


class BrainstormActions(UndoableActions):
    changed = Signal(object)  # BrainstormView of one item, after any change, undo or redo
    # A new idea: (view after it, the idea). Screens add one card instead of reading the wall again.
    added = Signal(object, object)
    spotlight_changed = Signal(int, int)  # item id, idea under discussion (0: none)

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.views: dict[int, BrainstormView] = {}
        self.spotlight: dict[int, int] = {}
        self.last_sent = (0, 0)  # ideas carried by the last send, and those already there

    @property
    def service(self) -> BrainstormService:
        return self.controller.svc.brainstorm

    def _words(self, error: FacilitatorError) -> str:
        return words.refusal(error) or super()._words(error)

    # -- reading --------------------------------------------------------------------------------
    def open(self, item_id: int) -> BrainstormView | None:
        return self._show(self._try(lambda: self.service.open(item_id)))

    def refresh(self, item_id: int) -> BrainstormView | None:
        return self._show(self._try(lambda: self.service.view(item_id)))

    def targets(self, item_id: int) -> tuple[Target, ...]:
        return self._try(lambda: self.service.targets(item_id)) or ()

    # -- the group's place and the idea under discussion: not undo steps -------------------------
    def set_phase(self, item_id: int, phase: Phase) -> bool:
        view = self.views.get(item_id)
        if view is not None and view.settings.phase is phase:
            return True
        return self._show(self._try(lambda: self.service.set_phase(item_id, phase))) is not None

    def set_spotlight(self, item_id: int, idea_id: int) -> None:
        if self.spotlight.get(item_id, 0) != idea_id:
            self.spotlight[item_id] = idea_id
            self.spotlight_changed.emit(item_id, idea_id)

    # -- changes --------------------------------------------------------------------------------
    def add_idea(self, item_id: int, text: str, person_id: int | None = None) -> bool:
        """Capture: only the new idea is read back and shown, so a full wall stays quick."""
        added = self._try(lambda: self.service.add_idea(item_id, text, person_id))
        if added is None:
            return False
        old = self.views.get(item_id)
        if old is None:
            self.refresh(item_id)
        else:
            view = replace(old, ideas=(*old.ideas, added.idea))
            self.views[item_id] = view
            self.added.emit(view, added.idea)
        service = self.service
        self.controller.push_change(
            tr("Add idea"),
            lambda: self._show(service.restore(added.after)),
            lambda: self._show(service.restore(added.before)),
        )
        return True

    def edit_idea(self, idea_id: int, text: str) -> bool:
        return self._apply(tr("Edit idea"), lambda: self.service.edit_idea(idea_id, text))

    def attribute(self, idea_id: int, person_id: int | None) -> bool:
        return self._apply(tr("Change who said it"), lambda: self.service.attribute(idea_id, person_id))

    def remove_ideas(self, idea_ids: Sequence[int]) -> bool:
        return self._apply(tr("Remove idea", len(idea_ids)), lambda: self.service.remove_ideas(idea_ids))

    def merge(self, into: int, others: Sequence[int], text: str | None) -> bool:
        return self._apply(tr("Merge ideas"), lambda: self.service.merge(into, others, text))

    def split(self, idea_id: int) -> bool:
        return self._apply(tr("Split merged idea"), lambda: self.service.split(idea_id))

    def add_theme(self, item_id: int, name: str, idea_ids: Sequence[int] = ()) -> bool:
        return self._apply(tr("Add theme"), lambda: self.service.add_theme(item_id, name, idea_ids))

    def rename_theme(self, theme_id: int, name: str) -> bool:
        return self._apply(tr("Rename theme"), lambda: self.service.rename_theme(theme_id, name))

    def move_theme(self, theme_id: int, position: int) -> bool:
        return self._apply(tr("Move theme"), lambda: self.service.move_theme(theme_id, position))

    def remove_theme(self, theme_id: int) -> bool:
        return self._apply(tr("Remove theme"), lambda: self.service.remove_theme(theme_id))

    def set_theme(self, idea_ids: Sequence[int], theme_id: int | None) -> bool:
        return self._apply(tr("Move to theme"), lambda: self.service.set_theme(idea_ids, theme_id))

    def set_total(self, idea_id: int, count: int) -> bool:
        return self._apply(tr("Count dots"), lambda: self.service.set_total(idea_id, count))

    def set_person_dots(self, item_id: int, person_id: int, numbers: Sequence[int]) -> bool:
        return self._apply(
            tr("Enter someone's dots"), lambda: self.service.set_person_dots(item_id, person_id, numbers)
        )

    def clear_dots(self, item_id: int) -> bool:
        return self._apply(tr("Take all dots off"), lambda: self.service.clear_dots(item_id))

    def set_attributed(self, item_id: int, attributed: bool) -> bool:
        return self._apply(
            tr("Change whether ideas are credited"), lambda: self.service.set_attributed(item_id, attributed)
        )

    def set_dots_per_person(self, item_id: int, dots: int) -> bool:
        return self._apply(
            tr("Change dots per person"), lambda: self.service.set_dots_per_person(item_id, dots)
        )

    def set_phases(self, item_id: int, phases: Sequence[Phase]) -> bool:
        return self._apply(tr("Change the phases used"), lambda: self.service.set_phases(item_id, phases))

    def set_dot_entry(self, item_id: int, entry: DotEntry) -> bool:
        return self._apply(
            tr("Change how dots are entered"), lambda: self.service.set_dot_entry(item_id, entry)
        )

    def send(self, item_id: int, idea_ids: Sequence[int], target_id: int) -> bool:
        def run() -> Change:
            change = self.service.send(item_id, idea_ids, target_id)
            self.last_sent = (change.sent, change.skipped)
            return change

        done = self._apply(tr("Start a later item from these ideas"), run)
        if done and target_id in self.views:
            self.refresh(target_id)
        return done

    # -- plumbing -------------------------------------------------------------------------------
    def _apply(self, text: str, action: Callable[[], Change]) -> bool:
        return self._apply_change(text, action, lambda change: change.view)

    def _show(self, view: object) -> BrainstormView | None:
        if not isinstance(view, BrainstormView):
            return None
        self.views[view.item_id] = view
        self.changed.emit(view)
        return view

    def idea(self, item_id: int, idea_id: int) -> Idea | None:
        view = self.views.get(item_id)
        return view.idea(idea_id) if view else None
