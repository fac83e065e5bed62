"""The nominal group actions both windows share: each runs one service call and becomes one undo step."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal

from facilitator.domain.errors import FacilitatorError
from facilitator.techniques.nominal_group.model import Convention, NominalGroupView, Step, Vote
from facilitator.techniques.nominal_group.service import Change, NominalGroupService
from facilitator.techniques.nominal_group.ui import words
from facilitator.techniques.nominal_group.ui.words import tr
from facilitator.ui.controller import Controller
from facilitator.ui.undoable import UndoableActions

KEY = "nominal_group"


def actions(controller: Controller) -> NominalGroupActions:
    return controller.technique(KEY, NominalGroupActions)


class NominalGroupActions(UndoableActions):
    changed = Signal(object)  # NominalGroupView of one item, after any change, undo or redo

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.views: dict[int, NominalGroupView] = {}

    @property
    def service(self) -> NominalGroupService:
        return self.controller.svc.nominal_group

    def _words(self, error: FacilitatorError) -> str:
        return words.refusal(error) or super()._words(error)

    # -- reading, and where the group is (not undo steps) ---------------------------------------
    def open(self, item_id: int) -> NominalGroupView | None:
        return self._show(self._try(lambda: self.service.open(item_id)))

    def refresh(self, item_id: int) -> NominalGroupView | None:
        return self._show(self._try(lambda: self.service.view(item_id)))

    def set_step(self, item_id: int, step: Step) -> bool:
        view = self.views.get(item_id)
        if view is not None and view.settings.step is step:
            return True
        return self._show(self._try(lambda: self.service.set_step(item_id, step))) is not None

    def clarify(self, item_id: int, idea_id: int | None) -> bool:
        view = self.views.get(item_id)
        if view is not None and view.clarifying == idea_id:
            return True
        return self._show(self._try(lambda: self.service.clarify(item_id, idea_id))) is not None

    # -- changes --------------------------------------------------------------------------------
    def set_minutes(self, item_id: int, step: Step, minutes: int) -> bool:
        return self._apply(
            tr("Change the time for %1").replace("%1", words.step_label(step)),
            lambda: self.service.set_minutes(item_id, step, minutes),
        )

    def set_picks(self, item_id: int, picks: int | None) -> bool:
        return self._apply(
            tr("Change the picks on each card"), lambda: self.service.set_picks(item_id, picks)
        )

    def set_convention(self, item_id: int, convention: Convention) -> bool:
        return self._apply(
            tr("Change how votes are counted"), lambda: self.service.set_convention(item_id, convention)
        )

    def set_anonymous(self, item_id: int, anonymous: bool, seats: int) -> bool:
        return self._apply(
            tr("Change how turns are taken"), lambda: self.service.set_anonymous(item_id, anonymous, seats)
        )

    def reorder(self, item_id: int, order: Sequence[int]) -> bool:
        return self._apply(tr("Change the order of turns"), lambda: self.service.reorder(item_id, order))

    def record_idea(self, item_id: int, text: str) -> bool:
        return self._apply(tr("Record idea"), lambda: self.service.record_idea(item_id, text))

    def pass_turn(self, item_id: int) -> bool:
        return self._apply(tr("Pass"), lambda: self.service.pass_turn(item_id))

    def end_round(self, item_id: int) -> bool:
        return self._apply(tr("End the round robin"), lambda: self.service.end_round(item_id))

    def reopen_round(self, item_id: int) -> bool:
        return self._apply(tr("Go on with the round robin"), lambda: self.service.reopen_round(item_id))

    def edit_idea(self, idea_id: int, text: str) -> bool:
        return self._apply(tr("Reword idea"), lambda: self.service.edit_idea(idea_id, text))

    def merge(self, into: int, others: Sequence[int], agreed: bool, note: str) -> bool:
        return self._apply(tr("Merge ideas"), lambda: self.service.merge(into, others, agreed, note))

    def split(self, idea_id: int) -> bool:
        return self._apply(tr("Split merged idea"), lambda: self.service.split(idea_id))

    def remove_idea(self, idea_id: int) -> bool:
        return self._apply(tr("Remove idea"), lambda: self.service.remove_idea(idea_id))

    def add_ballot(self, item_id: int, vote: Vote, typed: str, person_id: int | None) -> bool:
        return self._apply(tr("Enter card"), lambda: self.service.add_ballot(item_id, vote, typed, person_id))

    def correct_ballot(self, ballot_id: int, typed: str, person_id: int | None) -> bool:
        return self._apply(
            tr("Correct card"), lambda: self.service.correct_ballot(ballot_id, typed, person_id)
        )

    def remove_ballot(self, ballot_id: int) -> bool:
        return self._apply(tr("Remove card"), lambda: self.service.remove_ballot(ballot_id))

    def break_ties(self, item_id: int, numbers: Sequence[int]) -> bool:
        return self._apply(tr("Order tied ideas"), lambda: self.service.break_ties(item_id, numbers))

    # -- plumbing -------------------------------------------------------------------------------
    def _apply(self, text: str, action: Callable[[], Change]) -> bool:
        return self._apply_change(text, action, lambda change: change.view)

    def _show(self, view: object) -> NominalGroupView | None:
        if not isinstance(view, NominalGroupView):
            return None
        self.views[view.item_id] = view
        self.changed.emit(view)
        return view
