"""The nominal group section of the minutes: the ideas as the group worded them, both votes, and the
group's prioritised list.

The agenda item's heading and its question come from the minutes themselves; this is what goes
under them, and nothing when the group never got to the item. Ideas keep the numbers the room
wrote on its cards, so the list, the tables and the charts can be read against each other and
against the cards themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from facilitator.domain.document import Bar, BarTone, Block, Bullets, Chart, Paragraph, Table, Tone
from facilitator.domain.model import AgendaItem
from facilitator.techniques.nominal_group.model import (
    Convention,
    EditKind,
    Idea,
    NominalGroupView,
    Standing,
    Step,
    Vote,
)
from facilitator.techniques.nominal_group.ui import words

if TYPE_CHECKING:
    from facilitator.services import Services

CHART_BARS = 15  # the most bars a chart shows; the table has every idea that got votes
TIE_NAMES = 3  # the group's list names the ideas an idea is tied with up to this many
STEPS = tuple(Step)


# No context: pyside6-lupdate files a module-level tr("...") under none, so that is where it is looked up.
def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("", text, None, n)


def minutes_blocks(services: Services, item: AgendaItem) -> Sequence[Block]:
    view = services.nominal_group.view(item.id)
    if _untouched(view):
        return []  # the group never got to it: the question (from the minutes) says it all
    if not view.ideas:
        blocks: list[Block] = [Paragraph(tr("No ideas were recorded."), Tone.QUIET)]
        stopped = _stopped(view)
        return blocks + ([Paragraph(stopped, Tone.QUIET)] if stopped else [])
    blocks = [Paragraph(_listed(view))]
    stopped = _stopped(view)
    if stopped:
        blocks.append(Paragraph(stopped, Tone.QUIET))
    blocks.append(Paragraph(tr("The ideas as the group worded them, by the numbers on the cards:")))
    blocks.append(_ideas(view))
    for vote in Vote:
        blocks += _vote(view, vote)
    blocks += _priorities(view)
    return blocks


def _untouched(view: NominalGroupView) -> bool:
    """Never opened, or opened and left before anything happened: at most a starting list sent on
    from an earlier item, with nothing recorded, clarified or voted on."""
    return (
        view.settings.step is Step.GENERATE
        and not view.edits
        and not view.ballots
        and all(idea.source_title for idea in view.ideas)
    )


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


def scoring_text(convention: Convention, picks: int, cards: int) -> str:
    """How many cards a vote had and how they were counted, in a sentence."""
    handed = _counted(cards, tr("One card"), tr("%1 cards"))
    if convention is Convention.RANK_ALL:
        how = tr("every idea ranked, the first scoring %1 points down to 1 for the last.").replace(
            "%1", number(picks)
        )
        return f"{handed}; {how}"
    if convention is Convention.REVERSED:
        how = _counted(
            picks,
            tr(
                "one pick each; ranks added up (an idea left off a card counted %2); the lowest total comes first."
            ),
            tr(
                "%1 picks each; ranks added up (an idea left off a card counted %2); the lowest total comes first."
            ),
        ).replace("%2", number(picks + 1))
    elif picks == 1:
        how = tr("one pick each, scoring 1 point.")
    else:
        how = tr("%1 picks each; the most important scored %1 points down to 1.", picks).replace(
            "%1", number(picks)
        )
    return f"{handed}, {how}"


# -- the list ------------------------------------------------------------------------------------
def _listed(view: NominalGroupView) -> str:
    ideas = len(view.ideas)
    text = _counted(ideas, tr("One idea was listed"), tr("%1 ideas were listed"))
    present = len(view.present)
    if present:
        text += ", " + _counted(present, tr("with one person present"), tr("with %1 people present"))
    text += "."
    carried = sorted({i.source_title for i in view.ideas if i.source_title})
    for title in carried:
        count = sum(1 for i in view.ideas if i.source_title == title)
        text += " " + _counted(
            count, tr("One came from the list of “%2”."), tr("%1 came from the list of “%2”.")
        ).replace("%2", title)
    recorded = sum(1 for i in view.ideas if not i.source_title)
    if carried and recorded:
        text += " " + _counted(
            recorded, tr("One was recorded in the round robin."), tr("%1 were recorded in the round robin.")
        )
    merged = ideas - len(view.listed)
    if merged:
        text += " " + (
            _counted(
                merged,
                tr("One was merged into another with the group's agreement"),
                tr("%1 were merged into others with the group's agreement"),
            )
            + ", "
            + _counted(len(view.listed), tr("leaving one on the list."), tr("leaving %1 on the list."))
        )
    if view.settings.anonymous:
        text += " " + tr("Turns went by seat number, not by name.")
    return text


def _stopped(view: NominalGroupView) -> str:
    """A nominal group left before its result says where the group stopped."""
    if view.settings.step is Step.RESULT:
        return ""
    return tr("The group stopped at this step: %1.").replace("%1", words.step_label(view.settings.step))


def _ideas(view: NominalGroupView) -> Bullets:
    parts: dict[int, list[Idea]] = {}
    for idea in view.ideas:
        if idea.merged_into is not None:
            parts.setdefault(idea.merged_into, []).append(idea)
    notes = {
        (edit.idea_id, edit.other_number): edit.note
        for edit in view.edits
        if edit.kind is EditKind.MERGED and edit.note
    }
    items = []
    for idea in view.listed:
        lines = [idea_label(idea)]
        if idea.edited:
            lines.append(tr("First recorded as: %1").replace("%1", idea.original))
        for part in parts.get(idea.id, ()):
            merged = idea_label(part)
            if part.edited:
                merged += " " + tr("(first recorded as: %1)").replace("%1", part.original)
            lines.append(tr("Merged in: %1").replace("%1", merged))
            note = notes.get((idea.id, part.number))
            if note:
                lines.append(tr("How the group agreed: %1").replace("%1", note))
        items.append("\n".join(lines))
    return Bullets(tuple(items))


# -- the votes -----------------------------------------------------------------------------------
def _vote(view: NominalGroupView, vote: Vote) -> list[Block]:
    cards = view.cards(vote)
    step = Step.PRELIMINARY if vote is Vote.PRELIMINARY else Step.FINAL
    if not cards and STEPS.index(view.settings.step) <= STEPS.index(step):
        return []  # not got to yet (or being entered as the group stopped)
    title = tr("First vote") if vote is Vote.PRELIMINARY else tr("Final vote")
    blocks: list[Block] = [Paragraph(title, Tone.STRONG)]
    if not cards:
        blocks.append(Paragraph(tr("No cards were entered for this vote."), Tone.QUIET))
        return blocks
    convention, picks = view.rules_of(vote)
    blocks.append(Paragraph(scoring_text(convention, picks, len(cards)), Tone.QUIET))
    standings = view.tally(vote)
    voted = [s for s in standings if s.votes > 0]
    if not voted:  # cannot be with cards in, but a table of nothing says nothing
        return blocks
    ideas = {idea.number: idea for idea in view.listed}
    headers = [tr("Place"), tr("Idea")]
    headers.append(tr("Rank total") if convention.lowest_wins else tr("Points"))
    headers += [tr("Cards"), tr("Mean rank")]
    rows = []
    for standing in voted:
        label = idea_label(ideas[standing.number])
        if standing.split:  # on a line of its own, where the idea's words end
            label += "\n(" + words.divided() + ")"
        rows.append(
            (
                words.place_text(standing),
                label,
                number(standing.points),
                number(standing.votes),
                words.mean_text(standing),
            )
        )
    blocks.append(Table(tuple(headers), tuple(rows), frozenset({0, 2, 3, 4})))
    unvoted = len(standings) - len(voted)
    if unvoted:
        blocks.append(
            Paragraph(
                _counted(
                    unvoted, tr("One other idea was on no card."), tr("The other %1 ideas were on no card.")
                ),
                Tone.QUIET,
            )
        )
    if any(s.split for s in voted):
        blocks.append(
            Paragraph(
                tr("Worth discussing: some ranked the idea near the top and others near the bottom, or "
                   "many picked it but only low down."),
                Tone.QUIET,
            )
        )  # fmt: skip
    blocks.append(_chart(vote, convention, voted, ideas))
    # Every card as written, so anyone can count the vote again by hand.
    written = "; ".join(
        (
            tr("card %1 (%2): %3").replace("%2", view.people.get(card.person_id, ""))
            if card.person_id is not None
            else tr("card %1: %3")
        )
        .replace("%1", str(card.card))
        .replace("%3", " ".join(str(n) for n in card.ranks))
        for card in cards
    )
    blocks.append(
        Paragraph(tr("The cards as written, most important first: %1.").replace("%1", written), Tone.QUIET)
    )
    return blocks


def _chart_standings(voted: Sequence[Standing]) -> Sequence[Standing]:
    """The ideas a chart shows: at most CHART_BARS, never cutting between ideas of the same place
    unless a single tie is longer than the chart."""
    if len(voted) <= CHART_BARS:
        return voted
    edge = voted[CHART_BARS].place
    whole = [s for s in voted[:CHART_BARS] if s.place != edge]
    return whole or voted[:CHART_BARS]


def _chart(vote: Vote, convention: Convention, voted: Sequence[Standing], ideas: dict[int, Idea]) -> Chart:
    shown = _chart_standings(voted)
    if convention.lowest_wins:
        if vote is Vote.PRELIMINARY:
            title = tr("First vote: each idea's rank total (the lowest comes first)")
        else:
            title = tr("Final vote: each idea's rank total (the lowest comes first)")
    elif vote is Vote.PRELIMINARY:
        title = tr("First vote: points for each idea")
    else:
        title = tr("Final vote: points for each idea")
    if len(shown) < len(voted):
        title += " " + tr("(the first %1 ideas)", len(shown)).replace("%1", number(len(shown)))
    return Chart(title, tuple(Bar(idea_label(ideas[s.number]), s.points, BarTone.SUPPORT) for s in shown))


# -- the result ----------------------------------------------------------------------------------
def _priorities(view: NominalGroupView) -> list[Block]:
    final = bool(view.cards(Vote.FINAL))
    if not final and not view.cards(Vote.PRELIMINARY):
        return []
    result = view.result()
    if not result:
        return []
    blocks: list[Block] = [Paragraph(tr("The group's priorities"), Tone.STRONG)]
    if final:
        blocks.append(Paragraph(tr("In the order of the final vote:")))
    else:
        blocks.append(Paragraph(tr("In the order of the first vote (there was no final vote):")))
    ideas = {idea.number: idea for idea in view.listed}
    places: dict[int, list[int]] = {}
    for standing in result:
        places.setdefault(standing.place, []).append(standing.number)
    items = []
    for standing in result:
        text = ideas[standing.number].text + " " + tr("(idea %1)").replace("%1", str(standing.number))
        others = [n for n in places[standing.place] if n != standing.number]
        if len(others) > TIE_NAMES:  # a long tie is counted, not spelt out on every line of it
            text += " — " + tr("tied with %1 other ideas", len(others)).replace("%1", number(len(others)))
        elif others:
            text += " — " + (
                tr("tied with idea %1") if len(others) == 1 else tr("tied with ideas %1", len(others))
            ).replace("%1", numbers_text(others))
        items.append(text)
    blocks.append(Bullets(tuple(items), numbered=True))
    return blocks
