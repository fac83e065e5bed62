"""The ui side of the technique registry (facilitator.techniques.TECHNIQUES).

A technique's ``ui`` module provides two factories:
``run_panel(controller, timer, parent) -> QWidget`` (the facilitator's panel inside Run) and
``presenter_view(controller, timer, parent) -> QWidget`` (what the projector shows).
Kinds without a module use the general step view: title, question and timer.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from facilitator.domain.model import AgendaKind
from facilitator.techniques import TECHNIQUES


def technique_ui(kind: AgendaKind) -> ModuleType | None:
    technique = TECHNIQUES.get(kind)
    if technique is None or technique.ui_module is None:
        return None
    return importlib.import_module(technique.ui_module)
