"""The idea writing actions both windows share: each runs one service call and becomes one undo step."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal

from facilitator.domain.errors import FacilitatorError
from facilitator.techniques.idea_writing.model import Direction, Step, Variant, WritingView
from facilitator.techniques.idea_writing.service import UNSET, Change, IdeaWritingService
from facilitator.techniques.idea_writing.ui import words
from facilitator.techniques.idea_writing.ui.words import tr
from facilitator.ui.controller import Controller
from facilitator.ui.undoable import UndoableActions

KEY = "idea_writing"


def actions(controller: Controller) -> IdeaWritingActions:
    return controller.technique(KEY, IdeaWritingActions)


class IdeaWritingActions(UndoableActions):
    changed = Signal(object)  # WritingView of one item, after any change, undo or redo

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.views: dict[int, WritingView] = {}
        self.last_sent = (0, 0)

    @property
    def service(self) -> IdeaWritingService:
        return self.controller.svc.idea_writing

    def _words(self, error: FacilitatorError) -> str:
        return words.refusal(error) or super()._words(error)

    # -- reading, and where the room is (not undo steps) ----------------------------------------
    def open(self, item_id: int) -> WritingView | None:
        return self._show(self._try(lambda: self.service.open(item_id)))

    def refresh(self, item_id: int) -> WritingView | None:
        return self._show(self._try(lambda: self.service.view(item_id)))

    def set_step(self, item_id: int, step: Step) -> bool:
        view = self.views.get(item_id)
        if view is not None and view.settings.step is step:
            return True
        return self._show(self._try(lambda: self.service.set_step(item_id, step))) is not None

    def set_round(self, item_id: int, round_number: int) -> bool:
        return self._show(self._try(lambda: self.service.set_round(item_id, round_number))) is not None

    def set_report_group(self, item_id: int, group_id: int) -> bool:
        return self._show(self._try(lambda: self.service.set_report_group(item_id, group_id))) is not None

    # -- changes --------------------------------------------------------------------------------
    def set_variant(self, item_id: int, variant: Variant) -> bool:
        return self._apply(tr("Change the variant"), lambda: self.service.set_variant(item_id, variant))

    def set_numbers(self, item_id: int, group_size: int, ideas: int, minutes: int, rounds: int) -> bool:
        return self._apply(
            tr("Change the numbers"),
            lambda: self.service.set_numbers(
                item_id,
                group_size=group_size,
                ideas_per_round=ideas,
                minutes_per_round=minutes,
                rounds=rounds,
            ),
        )

    def set_mix_sectors(self, item_id: int, mix: bool) -> bool:
        return self._apply(
            tr("Change the mixing of sectors"), lambda: self.service.set_mix_sectors(item_id, mix)
        )

    def set_direction(self, item_id: int, direction: Direction) -> bool:
        return self._apply(
            tr("Change where the sheets go"), lambda: self.service.set_direction(item_id, direction)
        )

    def set_extra(self, item_id: int, round_number: int, minutes: int) -> bool:
        return self._apply(
            tr("Give a round more time"), lambda: self.service.set_extra(item_id, round_number, minutes)
        )

    def make_groups(self, item_id: int) -> bool:
        return self._apply(tr("Make the groups"), lambda: self.service.make_groups(item_id))

    def move_person(self, item_id: int, person_id: int, group_id: int | None) -> bool:
        return self._apply(
            tr("Move to another group"), lambda: self.service.move_person(item_id, person_id, group_id)
        )

    def add_entry(
        self, member_id: int, round_number: int, slot: int, text: str, builds_on: int | None = UNSET
    ) -> bool:
        return self._apply(
            tr("Type in an idea"),
            lambda: self.service.add_entry(member_id, round_number, slot, text, builds_on),
        )

    def edit_entry(self, idea_id: int, text: str) -> bool:
        return self._apply(tr("Change an idea's words"), lambda: self.service.edit_entry(idea_id, text))

    def set_builds_on(self, idea_id: int, builds_on: int | None) -> bool:
        return self._apply(
            tr("Change what an idea builds on"), lambda: self.service.set_builds_on(idea_id, builds_on)
        )

    def remove_entry(self, idea_id: int) -> bool:
        return self._apply(tr("Remove an idea"), lambda: self.service.remove_entry(idea_id))

    def add_summary(self, group_id: int, text: str | None = None, idea_id: int | None = None) -> bool:
        return self._apply(tr("Add a main idea"), lambda: self.service.add_summary(group_id, text, idea_id))

    def edit_summary(self, summary_id: int, text: str) -> bool:
        return self._apply(tr("Reword a main idea"), lambda: self.service.edit_summary(summary_id, text))

    def remove_summary(self, summary_id: int) -> bool:
        return self._apply(tr("Remove a main idea"), lambda: self.service.remove_summary(summary_id))

    def move_summary(self, summary_id: int, position: int) -> bool:
        return self._apply(tr("Move a main idea"), lambda: self.service.move_summary(summary_id, position))

    def send(self, item_id: int, idea_ids: Sequence[int], summary_ids: Sequence[int], target_id: int) -> bool:
        def run() -> Change:
            change = self.service.send(item_id, idea_ids, summary_ids, target_id)
            self.last_sent = (change.sent, change.skipped)
            return change

        done = self._apply(tr("Start a later item from these ideas"), run)
        if done:
            self._refresh_target(target_id)
        return done

    def _refresh_target(self, target_id: int) -> None:
        """The later item's screens, if already shown once, read its list again."""
        from facilitator.techniques.brainstorming.ui.actions import actions as brainstorm_actions
        from facilitator.techniques.nominal_group.ui.actions import actions as nominal_actions

        for other in (nominal_actions(self.controller), brainstorm_actions(self.controller)):
            if target_id in other.views:
                other.refresh(target_id)

    # -- plumbing -------------------------------------------------------------------------------
    def _apply(self, text: str, action: Callable[[], Change]) -> bool:
        return self._apply_change(text, action, lambda change: change.view)

    def _show(self, view: object) -> WritingView | None:
        if not isinstance(view, WritingView):
            return None
        self.views[view.item_id] = view
        self.changed.emit(view)
        return view
