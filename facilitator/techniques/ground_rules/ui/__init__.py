"""The ground-rules screens: the facilitator's panel in Run and the projector's view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from facilitator.domain.document import Block
from facilitator.domain.model import AgendaItem
from facilitator.ui.controller import Controller
from facilitator.ui.timer import TimerController

if TYPE_CHECKING:
    from facilitator.services import Services


def run_panel(controller: Controller, timer: TimerController, parent: QWidget) -> QWidget:
    from facilitator.techniques.ground_rules.ui.panel import GroundRulesPanel

    return GroundRulesPanel(controller, parent)


def presenter_view(controller: Controller, timer: TimerController, parent: QWidget) -> QWidget:
    from facilitator.techniques.ground_rules.ui.projection import GroundRulesProjection

    return GroundRulesProjection(controller, parent)


def overlay(controller: Controller, parent: QWidget) -> QWidget:
    """The rules in force, shown over any step."""
    from facilitator.techniques.ground_rules.ui.projection import RulesOverlay

    return RulesOverlay(controller, parent)


def minutes_blocks(services: Services, item: AgendaItem) -> Sequence[Block]:
    from facilitator.techniques.ground_rules.ui.minutes import minutes_blocks as blocks

    return blocks(services, item)
