"""The one place where techniques register themselves.

Each agenda kind is run by a technique. A technique is one room of the house: a folder
``facilitator/techniques/<name>/`` with its rules, its service, a ``ui`` module (the facilitator's
panel and the presenter view), its minutes section and its part of the sample. Adding one means
adding that folder and one line to ``TECHNIQUES``. Kinds without a folder of their own are run by
the general step view: title, question and timer on both windows.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.domain.model import AgendaKind


@dataclass(frozen=True)
class Technique:
    kind: AgendaKind
    # Dotted path of the technique's Qt module, imported only by the ui; None: the general view.
    ui_module: str | None = None


TECHNIQUES: dict[AgendaKind, Technique] = {
    technique.kind: technique
    for technique in (
        Technique(AgendaKind.GROUND_RULES, "facilitator.techniques.ground_rules.ui"),
        Technique(AgendaKind.BRAINSTORMING, "facilitator.techniques.brainstorming.ui"),
        Technique(AgendaKind.NOMINAL_GROUP, "facilitator.techniques.nominal_group.ui"),
        Technique(AgendaKind.IDEA_WRITING, "facilitator.techniques.idea_writing.ui"),
        Technique(AgendaKind.DISCUSSION),
        Technique(AgendaKind.DECISIONS, "facilitator.techniques.decisions.ui"),
        Technique(AgendaKind.BREAK),
    )
}
