"""The decisions screens: the facilitator's panel in Run, the projector's view, the minutes section."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from facilitator.domain.document import Block, Bullets, Paragraph
from facilitator.domain.model import AgendaItem
from facilitator.ui.controller import Controller
from facilitator.ui.decision_words import disposition_label, tr
from facilitator.ui.timer import TimerController

if TYPE_CHECKING:
    from facilitator.services import Services


def run_panel(controller: Controller, timer: TimerController, parent: QWidget) -> QWidget:
    from facilitator.techniques.decisions.ui.panel import DecisionsPanel

    return DecisionsPanel(controller, parent)


def presenter_view(controller: Controller, timer: TimerController, parent: QWidget) -> QWidget:
    from facilitator.techniques.decisions.ui.projection import DecisionsProjection

    return DecisionsProjection(controller, parent)


def minutes_blocks(services: Services, item: AgendaItem) -> Sequence[Block]:
    """Under the agenda item, a pointer to the decisions it took; the full record follows later."""
    taken = services.record.view(item.meeting_id).decisions_of(item.id)
    if not taken:
        return [Paragraph(tr("No proposals were put under this item."))]
    lines = [
        f"{d.number}. {d.fields.wording} — "
        + (disposition_label(d.disposition) if d.disposition else tr("not decided"))
        for d in taken
    ]
    return [
        Paragraph(tr("Proposals under this item (set out in full under Decisions):")),
        Bullets(tuple(lines)),
    ]
