"""The brainstorming screens: the facilitator's panel in Run, the projector's wall, the minutes."""

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
    from facilitator.techniques.brainstorming.ui.panel import BrainstormPanel

    return BrainstormPanel(controller, parent)


def presenter_view(controller: Controller, timer: TimerController, parent: QWidget) -> QWidget:
    from facilitator.techniques.brainstorming.ui.projection import BrainstormProjection

    return BrainstormProjection(controller, timer, parent)


def minutes_blocks(services: Services, item: AgendaItem) -> Sequence[Block]:
    from facilitator.techniques.brainstorming.ui.minutes import minutes_blocks as blocks

    return blocks(services, item)
