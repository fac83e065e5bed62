"""The ground-rules section of the minutes: each rule's result, with the checks behind it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from facilitator.domain.document import Block, Bullets, Paragraph, Table, Tone
from facilitator.domain.model import AgendaItem
from facilitator.techniques.ground_rules.model import MinutesResult
from facilitator.techniques.ground_rules.ui import words

if TYPE_CHECKING:
    from facilitator.services import Services


def minutes_blocks(services: Services, item: AgendaItem) -> list[Block]:
    section = services.ground_rules.minutes(item.id)
    if not section.rules:
        return [Paragraph(words.tr("No ground rules were proposed."), Tone.QUIET)]
    rows = []
    for rule in section.rules:
        wording = words.wording_text(rule.kind, rule.wording)
        if rule.earlier is not None:
            wording += "\n" + words.tr("Before: %1").replace(
                "%1", words.wording_text(rule.kind, rule.earlier)
            )
        if rule.checks:
            last = rule.checks[-1]
            counts = ", ".join(
                f"{words.choice_short(last.scale, choice)}: {count}" for choice, count in last.counts if count
            )
            how = words.outcome_text(last.outcome) if last.outcome else ""
            if len(rule.checks) > 1:
                how = words.tr("Checked %n times.", len(rule.checks)) + " " + how
            result = f"{counts}. {how}" if counts else how
        else:
            result = ""
        rows.append((wording, words.result_label(rule.result), result))
    blocks: list[Block] = [
        Table((words.tr("Rule"), words.tr("Result"), words.tr("The check")), tuple(rows)),
    ]
    in_force = [
        words.wording_text(rule.kind, rule.wording)
        for rule in section.rules
        if rule.result
        in (MinutesResult.ADOPTED, MinutesResult.AMENDED, MinutesResult.REAFFIRMED, MinutesResult.CARRIED)
    ]
    if in_force:
        blocks.append(Paragraph(words.tr("The ground rules in force after this meeting:")))
        blocks.append(Bullets(tuple(in_force), numbered=True))
    return blocks
