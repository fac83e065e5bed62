"""The idea writing section of the minutes: how the groups wrote, who was in each, each group's main
ideas, and every idea typed in from its sheets with what it builds on.

The agenda item's heading and its question come from the minutes themselves; this is what goes
under them, and nothing when the groups never got to the item. Ideas keep the numbers they were
typed in with, and sheets the codes printed on them (B3: group B, seat 3), so the minutes can be
read against the paper sheets themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from facilitator.domain.document import Block, Bullets, Paragraph, Table, Tone
from facilitator.domain.model import AgendaItem
from facilitator.techniques.idea_writing.model import (
    Direction,
    Entry,
    Group,
    Step,
    Variant,
    WritingView,
    sheet_code,
)

if TYPE_CHECKING:
    from facilitator.services import Services

# The method's own numbers: six people, three ideas, five minutes.
CLASSIC = (6, 3, 5)
STEPS = tuple(Step)


# No context: pyside6-lupdate files a module-level tr("...") under none, so that is where it is looked up.
def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("", text, None, n)


def minutes_blocks(services: Services, item: AgendaItem) -> Sequence[Block]:
    view = services.idea_writing.view(item.id)
    if _untouched(view):
        return []  # the groups never got to it: the question (from the minutes) says it all
    blocks: list[Block] = [Paragraph(how_text(view))]
    blocks.append(Paragraph(_took_part(view)))
    stopped = _stopped(view)
    if stopped:
        blocks.append(Paragraph(stopped, Tone.QUIET))
    for group in view.groups:
        blocks += _group(view, group)
    return blocks


def _untouched(view: WritingView) -> bool:
    """Never opened, or opened and left before any group was made or anything written."""
    return view.settings.step is Step.SET_UP and not view.groups and not view.entries and not view.summaries


# -- words ---------------------------------------------------------------------------------------
def number(n: int) -> str:
    return f"{n:,}"


def _counted(n: int, one: str, many: str) -> str:
    """``one`` (translated) for a single thing, else ``many`` (translated) with its %1 as the
    number. Both are written as tr("...") where they are used, so the translation tools find them."""
    return one if n == 1 else many.replace("%1", number(n))


def step_label(step: Step) -> str:
    return {
        Step.SET_UP: tr("Setting up"),
        Step.WRITING: tr("Writing"),
        Step.TRANSCRIBE: tr("Typing in the sheets"),
        Step.SUMMARIES: tr("Main ideas"),
        Step.REPORT: tr("Reporting back"),
    }[step]


def how_text(view: WritingView) -> str:
    """The variant and its numbers, in a sentence or two."""
    s = view.settings
    if s.variant is Variant.IDEA_WRITING:
        text = (
            tr("Idea writing: each pad was answered by its owner, then passed round the group for reactions")
            + "; "
            + _counted(s.group_size, tr("groups of about 1"), tr("groups of about %1"))
            + ", "
            + _counted(s.ideas_per_round, tr("1 idea a turn"), tr("up to %1 ideas a turn"))
            + ", "
            + _counted(s.minutes_per_round, tr("1 minute a turn"), tr("%1 minutes a turn"))
            + "."
        )
    else:
        classic = (s.group_size, s.ideas_per_round, s.minutes_per_round) == CLASSIC
        text = (
            (tr("6-3-5 brainwriting") if classic else tr("Brainwriting, after the 6-3-5 method"))
            + ": "
            + _counted(s.group_size, tr("groups of about 1"), tr("groups of about %1"))
            + ", "
            + _counted(s.ideas_per_round, tr("1 idea a round"), tr("%1 ideas a round"))
            + ", "
            + _counted(s.minutes_per_round, tr("1 minute a round"), tr("%1 minutes a round"))
            + ", "
            + _counted(s.rounds, tr("1 round"), tr("%1 rounds"))
            + "."
        )
    extra = [(r, m) for r, m in s.extra if m]
    if extra:
        text += " " + tr("More time for later rounds: %1.").replace(
            "%1",
            "; ".join(
                tr("round %1, %2")
                .replace("%1", str(r))
                .replace("%2", _counted(m, tr("1 more minute"), tr("%1 more minutes")))
                for r, m in extra
            ),
        )
    if view.groups:
        text += " " + (
            tr("Sheets were passed to the left.")
            if s.direction is Direction.LEFT
            else tr("Sheets were passed to the right.")
        )
    return text


def _took_part(view: WritingView) -> str:
    people = sum(len(g.members) for g in view.groups)
    if not view.groups:
        return tr("No groups were made.")
    text = _counted(people, tr("One person took part"), tr("%1 people took part"))
    text += " " + _counted(len(view.groups), tr("in one group"), tr("in %1 groups"))
    if view.settings.mix_sectors and len(view.groups) > 1:
        text += ", " + tr("with the sectors mixed")
    text += ". "
    sheets = len({e.member_id for e in view.entries})
    if view.entries:
        text += (
            _counted(len(view.entries), tr("One idea was typed in"), tr("%1 ideas were typed in"))
            + " "
            + _counted(sheets, tr("from one sheet."), tr("from %1 sheets."))
        )
    else:
        text += tr("No ideas were typed in from the sheets.")
    return text


def _stopped(view: WritingView) -> str:
    """An item left before the groups gave their main ideas says where it stopped."""
    if STEPS.index(view.settings.step) >= STEPS.index(Step.SUMMARIES):
        return ""
    return tr("The groups stopped at this step: %1.").replace("%1", step_label(view.settings.step))


# -- each group ----------------------------------------------------------------------------------
def _group(view: WritingView, group: Group) -> list[Block]:
    blocks: list[Block] = [
        Paragraph(
            tr("Group %1").replace("%1", group.letter)
            + " ("
            + _counted(len(group.members), tr("one person"), tr("%1 people"))
            + ")",
            Tone.STRONG,
        )
    ]
    if group.members:
        blocks.append(
            Paragraph(
                "; ".join(
                    f"{sheet_code(group.position, m.seat)} {m.name}" + (f" ({m.sector})" if m.sector else "")
                    for m in group.members
                ),
                Tone.QUIET,
            )
        )
    blocks += _main_ideas(view, group)
    blocks += _sheets(view, group)
    return blocks


def _main_ideas(view: WritingView, group: Group) -> list[Block]:
    summaries = view.of_group(group.id)
    if not summaries:
        if STEPS.index(view.settings.step) < STEPS.index(Step.SUMMARIES):
            return []  # not got to yet: the note where the groups stopped says so
        return [Paragraph(tr("The group gave no main ideas."), Tone.QUIET)]
    items = []
    for summary in summaries:
        picked = view.entry(summary.idea_id) if summary.idea_id is not None else None
        items.append(
            summary.text + (" " + tr("(idea %1)").replace("%1", str(picked.number)) if picked else "")
        )
    return [Paragraph(tr("Its main ideas:")), Bullets(tuple(items), numbered=True)]


def _sheets(view: WritingView, group: Group) -> list[Block]:
    """Every idea typed in from the group's sheets, sheet by sheet and row by row."""
    rows: list[tuple[str, str, str, str]] = []
    behind: list[str] = []
    for member in group.members:
        code = sheet_code(group.position, member.seat)
        written = view.on_sheet(member.id)
        done, of = view.progress(member.id)
        if done < of:
            behind.append(
                tr("%1 (%2 of %3 rows)")
                .replace("%1", code)
                .replace("%2", number(done))
                .replace("%3", number(of))
            )
        for index, entry in enumerate(written):
            sheet = f"{code}\n{member.name}" if index == 0 else ""
            rows.append((sheet, str(entry.round), idea_label(entry), _builds_on(view, entry)))
    blocks: list[Block] = []
    if rows:
        blocks.append(Paragraph(tr("The ideas on its sheets, row by row:")))
        headers = (tr("Sheet"), tr("Round"), tr("Idea"), tr("Builds on"))
        blocks.append(Table(headers, tuple(rows), frozenset({1, 3})))
    elif group.members:
        blocks.append(Paragraph(tr("No ideas from its sheets were typed in."), Tone.QUIET))
    if rows and behind:
        blocks.append(
            Paragraph(
                _counted(
                    len(behind), tr("Not all typed in yet: sheet %2."), tr("Not all typed in yet: sheets %2.")
                ).replace("%2", ", ".join(behind)),
                Tone.QUIET,
            )
        )
    return blocks


def idea_label(entry: Entry) -> str:
    return f"{entry.number}. {entry.text}"


def _builds_on(view: WritingView, entry: Entry) -> str:
    """The number of the idea it builds on: one a row or two above it on the same sheet."""
    other = view.entry(entry.builds_on) if entry.builds_on is not None else None
    return str(other.number) if other is not None else ""
