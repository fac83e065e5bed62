"""The ground-rules screens: the facilitator's panel in Run and the projector's view."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from facilitator.ui.controller import Controller
from facilitator.ui.timer import TimerController


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
