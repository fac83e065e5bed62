"""The brainstorming section of the minutes: what was put up, how it was sorted, what got the dots,
and where the ideas went next.

The agenda item's heading and its question come from the minutes themselves; this is what goes
under them. Ideas keep the numbers they were called out with, so the themes, the results table
and the chart can be read against each other and against the photo of the wall.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from facilitator.domain.document import Bar, BarTone, Block, Bullets, Chart, Paragraph, Table, Tone
from facilitator.domain.model import AgendaItem
from facilitator.techniques.brainstorming.model import (
    BrainstormView,
    DotEntry,
    Idea,
    Phase,
    Standing,
)
from facilitator.techniques.brainstorming.ui import words
from facilitator.techniques.brainstorming.ui.words import tr

if TYPE_CHECKING:
    from facilitator.services import Services

CHART_BARS = 15  # the most bars the chart shows; the table has every idea with dots


def minutes_blocks(services: Services, item: AgendaItem) -> Sequence[Block]:
    view = services.brainstorm.view(item.id)
    if not view.ideas:
        return [Paragraph(tr("No ideas were recorded."), Tone.QUIET)]
    blocks: list[Block] = [Paragraph(_put_up(view))]
    stopped = _stopped(view)
    if stopped:
        blocks.append(Paragraph(stopped, Tone.QUIET))
    blocks += _by_theme(view)
    voted = [s for s in view.standings() if s.dots > 0]
    if voted or (view.settings.voting and view.settings.phase in (Phase.VOTE, Phase.RESULTS)):
        blocks += _results(view, voted)
    blocks += _sent(services, item, view, voted)
    return blocks


# -- words ---------------------------------------------------------------------------------------
def number(n: int) -> str:
    return f"{n:,}"


def _counted(n: int, one: str, many: str) -> str:
    """``one`` (translated) for a single thing, else ``many`` (translated) with its %1 as the
    number. Both are written as tr("...") where they are used, so the translation tools find them."""
    return one if n == 1 else many.replace("%1", number(n))


def idea_label(idea: Idea) -> str:
    return f"{idea.number}. {idea.text}"


def numbers_text(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers)


# -- what was put up ----------------------------------------------------------------------------
def _put_up(view: BrainstormView) -> str:
    ideas = len(view.ideas)
    merged = ideas - len(view.wall)
    text = _counted(ideas, tr("One idea was put up"), tr("%1 ideas were put up"))
    present = len(view.present)
    if present:
        text += ", " + _counted(present, tr("with one person present"), tr("with %1 people present"))
    text += "."
    credited = {i.person_id for i in view.ideas if i.person_id is not None}
    if view.settings.attributed and credited:
        text += " " + _counted(
            len(credited),
            tr("One person is named as offering ideas."),
            tr("%1 people are named as offering ideas."),
        )
    if merged:
        text += " " + (
            _counted(merged, tr("One was merged into another"), tr("%1 were merged into others"))
            + ", "
            + _counted(len(view.wall), tr("leaving one on the wall."), tr("leaving %1 on the wall."))
        )
    if view.themes:
        text += " " + _counted(
            len(view.themes), tr("They were sorted into one theme."), tr("They were sorted into %1 themes.")
        )
    carried = sorted({i.source_title for i in view.ideas if i.source_title})
    for title in carried:
        count = sum(1 for i in view.ideas if i.source_title == title)
        text += " " + _counted(
            count, tr("One idea came from the list of “%2”."), tr("%1 ideas came from the list of “%2”.")
        ).replace("%2", title)
    return text


def _stopped(view: BrainstormView) -> str:
    """A brainstorm left before its last step says where the group stopped."""
    steps = view.settings.steps()
    # Without dots, Results only sends ideas on: a group done with the step before it is done.
    done = steps[-1:] if view.settings.voting else steps[-2:]
    if view.settings.phase in done:
        return ""
    return tr("The group stopped at this step: %1.").replace("%1", words.phase_label(view.settings.phase))


# -- the ideas, by theme -------------------------------------------------------------------------
def _idea_text(view: BrainstormView, idea: Idea, parts: Sequence[Idea]) -> str:
    lines = [idea_label(idea)]
    if view.settings.attributed and idea.person_id is not None:
        name = view.people.get(idea.person_id, "")
        if name:
            lines[0] += " — " + name
    if idea.edited:
        lines.append(tr("First put as: %1").replace("%1", idea.original))
    if parts:
        lines.append(tr("Merged from: %1").replace("%1", "; ".join(idea_label(p) for p in parts)))
    return "\n".join(lines)


def _by_theme(view: BrainstormView) -> list[Block]:
    # The view groups in one pass: a wall of thousands is read once, not once per theme or idea.
    def listed(ideas: Sequence[Idea]) -> Bullets:
        return Bullets(tuple(_idea_text(view, i, view.parts(i.id)) for i in ideas))

    if not view.themes:
        return [Paragraph(tr("The ideas, numbered in the order they were called out:")), listed(view.wall)]
    blocks: list[Block] = [Paragraph(tr("The ideas by theme, numbered in the order they were called out:"))]
    for theme, members in view.groups():
        blocks.append(Paragraph(theme.name if theme is not None else tr("Not in a theme"), Tone.STRONG))
        if members:
            blocks.append(listed(members))
        else:
            blocks.append(Paragraph(tr("No ideas were put in this theme."), Tone.QUIET))
    return blocks


# -- the dots ------------------------------------------------------------------------------------
def _how_counted(view: BrainstormView) -> str:
    summary = view.summary()
    if view.settings.dot_entry is DotEntry.PEOPLE:
        how = (
            tr("Each person's dots were entered; %1 of %2 present voted.")
            .replace("%1", number(summary.people_started))
            .replace("%2", number(summary.present))
        )
        if summary.from_absent:
            by = (
                tr("%1 dots were placed by someone who left before the end; they are counted.")
                if summary.absent_voters == 1
                else tr("%1 dots were placed by %2 people who left before the end; they are counted.")
            )
            how += " " + by.replace("%1", number(summary.from_absent)).replace(
                "%2", number(summary.absent_voters)
            )
    else:
        how = tr("The dots were counted off the wall, idea by idea.")
    placed = (
        tr("Dots placed: %1 of at most %2 (%3 each for %4 present).")
        .replace("%1", number(summary.placed))
        .replace("%2", number(summary.ceiling))
        .replace("%3", number(summary.per_person))
        .replace("%4", number(summary.present))
    )
    return f"{how} {placed}"


def _chart_standings(voted: Sequence[Standing]) -> Sequence[Standing]:
    """The ideas the chart shows: at most CHART_BARS, never cutting between ideas with the same dots
    unless a single tie is longer than the chart."""
    if len(voted) <= CHART_BARS:
        return voted
    edge = voted[CHART_BARS].dots
    whole = [s for s in voted[:CHART_BARS] if s.dots > edge]
    return whole or voted[:CHART_BARS]


def _results(view: BrainstormView, voted: Sequence[Standing]) -> list[Block]:
    blocks: list[Block] = [Paragraph(tr("Results of the dot vote"), Tone.STRONG)]
    blocks.append(Paragraph(_how_counted(view), Tone.QUIET))
    if not voted:
        blocks.append(Paragraph(tr("No dots were placed."), Tone.QUIET))
        return blocks
    per_person = view.settings.dot_entry is DotEntry.PEOPLE
    themes = {theme.id: theme.name for theme in view.themes}
    headers = [tr("Place"), tr("Idea")]
    if themes:
        headers.append(tr("Theme"))
    headers.append(tr("Dots"))
    if per_person:
        headers.append(tr("Voters"))
    rows = []
    for standing in voted:
        idea = standing.idea
        row = [words.rank_text(standing), idea_label(idea)]
        if themes:
            row.append(themes.get(idea.theme_id, "—") if idea.theme_id is not None else "—")
        row.append(number(standing.dots))
        if per_person:
            row.append(number(standing.voters))
        rows.append(tuple(row))
    numeric = {0, len(headers) - 1}
    if per_person:
        numeric.add(len(headers) - 2)
    blocks.append(Table(tuple(headers), tuple(rows), frozenset(numeric)))
    unvoted = len(view.wall) - len(voted)
    if unvoted:
        blocks.append(
            Paragraph(
                _counted(unvoted, tr("One other idea got no dots."), tr("The other %1 ideas got no dots.")),
                Tone.QUIET,
            )
        )
    shown = _chart_standings(voted)
    if len(shown) == len(voted):
        title = tr("Dots on each idea")
    elif shown[-1].dots > voted[len(shown)].dots:
        title = tr("The %1 ideas with the most dots", len(shown)).replace("%1", number(len(shown)))
    else:  # one tie longer than the chart: say the cut is not a ranking
        title = tr("The first %1 ideas of the results; more have as many dots", len(shown)).replace(
            "%1", number(len(shown))
        )
    blocks.append(Chart(title, tuple(Bar(idea_label(s.idea), s.dots, BarTone.SUPPORT) for s in shown)))
    return blocks


# -- where the ideas went ------------------------------------------------------------------------
def _sent(
    services: Services, item: AgendaItem, view: BrainstormView, standings: Sequence[Standing]
) -> list[Block]:
    """Later items that started from these ideas, found by the copies they hold."""
    ours = {i.number for i in view.ideas}
    blocks: list[Block] = []
    for target in services.brainstorm.targets(item.id):
        copies = [
            i.source_number
            for i in services.brainstorm.view(target.item_id).ideas
            if i.source_item_id == item.id and i.source_number in ours
        ]
        if not copies:
            continue
        leaders = {s.idea.number for s in standings[: len(copies)]}
        if len(copies) == len(standings[: len(copies)]) and set(copies) == leaders:
            text = _counted(
                len(copies),
                tr("The idea with the most dots started the list of item %4, “%2”: idea %3."),
                tr("The %1 ideas with the most dots started the list of item %4, “%2”: ideas %3."),
            )
        else:
            text = _counted(
                len(copies),
                tr("One idea started the list of item %4, “%2”: idea %3."),
                tr("%1 ideas started the list of item %4, “%2”: ideas %3."),
            )
        text = text.replace("%3", numbers_text(copies)).replace("%4", str(target.number))
        blocks.append(Paragraph(text.replace("%2", target.title)))
    return blocks
