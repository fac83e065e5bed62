"""The idea writing screens: the facilitator's panel in Run, the projector's view of each step, the minutes."""

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
    from facilitator.techniques.idea_writing.ui.panel import IdeaWritingPanel

    return IdeaWritingPanel(controller, timer, parent)


def presenter_view(controller: Controller, timer: TimerController, parent: QWidget) -> QWidget:
    from facilitator.techniques.idea_writing.ui.projection import IdeaWritingProjection

    return IdeaWritingProjection(controller, timer, parent)


def minutes_blocks(services: Services, item: AgendaItem) -> Sequence[Block]:
    from facilitator.techniques.idea_writing.ui.minutes import minutes_blocks as blocks

    return blocks(services, item)
