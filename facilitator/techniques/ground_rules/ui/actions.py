"""The ground-rules actions both windows share: each runs one service call and becomes one undo step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal

from facilitator.domain.decision import Scale
from facilitator.techniques.ground_rules.model import AdoptedRule, EntryMode, GroundRulesView, Wording
from facilitator.techniques.ground_rules.service import Change, GroundRulesService
from facilitator.techniques.ground_rules.ui import words
from facilitator.ui.controller import Controller
from facilitator.ui.undoable import UndoableActions

KEY = "ground_rules"


def actions(controller: Controller) -> GroundRulesActions:
    return controller.technique(KEY, GroundRulesActions)


class GroundRulesActions(UndoableActions):
    changed = Signal(object)  # GroundRulesView of one item, after any change, undo or redo
    overlay_changed = Signal(bool)  # the rules in force shown over any step on the projector

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.views: dict[int, GroundRulesView] = {}
        self.overlay = False

    @property
    def service(self) -> GroundRulesService:
        return self.controller.svc.ground_rules

    @property
    def ready(self) -> bool:
        return self.controller.services is not None

    # -- reading --------------------------------------------------------------------------------
    def open(self, item_id: int) -> GroundRulesView | None:
        """The item's rules, set up from the rules in force or the starter set on first opening."""
        roster = len(self.controller.detail.attendees) if self.controller.detail else 0
        return self._show(self._try(lambda: self.service.open(item_id, words.starter_rules(roster))))

    def refresh(self, item_id: int) -> GroundRulesView | None:
        """Read again, e.g. after attendance changed who is present."""
        return self._show(self._try(lambda: self.service.view(item_id)))

    def adopted(self, collaborative_id: int) -> tuple[AdoptedRule, ...]:
        if not self.ready:
            return ()
        return self._try(lambda: self.service.adopted(collaborative_id)) or ()

    def set_overlay(self, shown: bool) -> None:
        self.overlay = shown
        self.overlay_changed.emit(shown)

    # -- changes --------------------------------------------------------------------------------
    def add(self, item_id: int, wording: Wording, after: int | None) -> bool:
        return self._apply(words.tr("Add ground rule"), lambda: self.service.add(item_id, wording, after))

    def edit(self, proposal_id: int, wording: Wording) -> bool:
        return self._apply(words.tr("Edit ground rule"), lambda: self.service.edit(proposal_id, wording))

    def move(self, proposal_id: int, position: int) -> bool:
        return self._apply(words.tr("Move ground rule"), lambda: self.service.move(proposal_id, position))

    def remove(self, proposal_id: int) -> bool:
        return self._apply(words.tr("Remove ground rule"), lambda: self.service.remove(proposal_id))

    def set_scale(self, item_id: int, scale: Scale) -> bool:
        return self._apply(
            words.tr("Change how agreement is shown"), lambda: self.service.set_scale(item_id, scale)
        )

    def set_entry(self, item_id: int, entry: EntryMode) -> bool:
        return self._apply(
            words.tr("Change how responses are entered"), lambda: self.service.set_entry(item_id, entry)
        )

    def count(self, proposal_id: int, choice: str, count: int) -> bool:
        return self._apply(
            words.tr("Count hands"), lambda: self.service.set_count(proposal_id, choice, count)
        )

    def choose(self, proposal_id: int, person_id: int, choice: str | None) -> bool:
        return self._apply(
            words.tr("Enter a response"), lambda: self.service.set_choice(proposal_id, person_id, choice)
        )

    def clear(self, proposal_id: int) -> bool:
        return self._apply(words.tr("Start the count again"), lambda: self.service.clear(proposal_id))

    def record(self, proposal_id: int) -> bool:
        return self._apply(words.tr("Record the check"), lambda: self.service.record(proposal_id))

    def set_current(self, item_id: int, proposal_id: int) -> None:
        """Which rule the projector shows. Saved so a restart shows it again; not an undo step."""
        view = self.views.get(item_id)
        if view is not None and view.current_id == proposal_id:
            return
        self._show(self._try(lambda: self.service.set_current(item_id, proposal_id)))

    # -- plumbing -------------------------------------------------------------------------------
    def _apply(self, text: str, action: Callable[[], Change]) -> bool:
        return self._apply_change(text, action, lambda change: change.view)

    def _show(self, view: object) -> GroundRulesView | None:
        if not isinstance(view, GroundRulesView):
            return None
        self.views[view.item_id] = view
        self.changed.emit(view)
        return view
