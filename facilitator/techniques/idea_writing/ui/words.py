"""Everything the idea writing screens say, through Qt's translation functions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from facilitator.domain.errors import NotAllowed
from facilitator.techniques.brainstorming.model import IdeaRefused
from facilitator.techniques.brainstorming.ui.words import plural
from facilitator.techniques.brainstorming.ui.words import refusal as idea_refusal
from facilitator.techniques.idea_writing.model import (
    Direction,
    Settings,
    Step,
    Variant,
    WritingProblem,
    WritingRefused,
    group_letter,
)

__all__ = ["plural", "tr"]


# No context: pyside6-lupdate files a module-level tr("...") under none, so that is where it is looked up.
def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("", text, None, n)


def step_label(step: Step) -> str:
    return {
        Step.SET_UP: tr("Set up"),
        Step.WRITING: tr("Writing"),
        Step.TRANSCRIBE: tr("Type in"),
        Step.SUMMARIES: tr("Summaries"),
        Step.REPORT: tr("Report"),
    }[step]


def variant_label(variant: Variant) -> str:
    return {
        Variant.BRAINWRITING: tr("6-3-5 brainwriting: a grid on each sheet, sheets passed on every round"),
        Variant.IDEA_WRITING: tr(
            "Idea writing: each person answers on a pad, then pads go round for reactions"
        ),
    }[variant]


def numbers_text(settings: Settings) -> str:
    if settings.variant is Variant.IDEA_WRITING:
        return (
            tr("Groups of about %1; %2 minutes a round; each pad goes once round its group.")
            .replace("%1", str(settings.group_size))
            .replace("%2", str(settings.minutes_per_round))
        )
    return (
        tr("Groups of about %1, %2 ideas a round, %3 minutes a round, %4 rounds.")
        .replace("%1", str(settings.group_size))
        .replace("%2", str(settings.ideas_per_round))
        .replace("%3", str(settings.minutes_per_round))
        .replace("%4", str(settings.rounds))
    )


def direction_label(direction: Direction) -> str:
    return {Direction.LEFT: tr("to the left"), Direction.RIGHT: tr("to the right")}[direction]


def guidance(step: Step, variant: Variant) -> str:
    if step is Step.SET_UP:
        return tr(
            "Choose the variant and its numbers, then make the groups from the people present (sectors "
            "mixed if you like). Move anyone who should sit elsewhere. Print the worksheets: one for each "
            "person, marked with its group and number."
        )
    if step is Step.WRITING and variant is Variant.IDEA_WRITING:
        return tr(
            "Everyone answers the question on their own pad, without talking. At each round's end the "
            "pads move on: read what is there, add reactions and new ideas in the next empty row."
        )
    if step is Step.WRITING:
        return tr(
            "Everyone writes ideas in the first row of their own sheet, without talking. When the time "
            "is up, sheets move on one place and people write in the next row, building on what is "
            "above. Start each round here: the projector says when to pass."
        )
    if step is Step.TRANSCRIBE:
        return tr(
            "Type the sheets in, one at a time: choose the sheet by the mark in its corner, then type "
            "its ideas row by row (Enter moves on). Each idea builds on the one above it unless you say "
            "otherwise (Alt+B). Half-typed sheets are fine: come back to them later."
        )
    if step is Step.SUMMARIES:
        return tr(
            "Each group reads its sheets out and agrees its main ideas. Pick them from the group's ideas "
            "(Enter) or write them as the group words them."
        )
    return tr(
        "Groups report to the room one after another: the projector shows the group chosen here. Their "
        "main ideas, or all the ideas, can start a later brainstorm or nominal group."
    )


def cue(settings: Settings) -> str:
    """What the room reads on the projector while writing."""
    if settings.round == 0:
        return tr("Get ready: a sheet each, your group together.")
    rounds = settings.rounds
    counted = tr("Round %1 of %2").replace("%1", str(settings.round)).replace("%2", str(rounds))
    if settings.round == 1:
        return counted + " · " + tr("Write in the first row of your own sheet")
    arrow = "←" if settings.direction is Direction.LEFT else "→"
    return (
        counted
        + " · "
        + tr("Pass your sheet %1 %2, then write in the next empty row")
        .replace("%1", direction_label(settings.direction))
        .replace("%2", arrow)
    )


def refusal(error: Exception) -> str | None:
    if isinstance(error, NotAllowed) and error.reason == "sheets already typed in":
        return tr("Sheets are already typed in for these groups, so they stay as they are. Move people one "
                  "at a time instead.")  # fmt: skip
    if isinstance(error, NotAllowed) and error.reason == "this sheet is already typed in":
        return tr("This person's sheet is already typed in with their group, so they stay in it.")
    if isinstance(error, IdeaRefused):
        return idea_refusal(error)
    if not isinstance(error, WritingRefused):
        return None
    number, limit = str(error.number), str(error.limit)
    return {
        WritingProblem.NOBODY: tr(
            "Nobody is marked present yet. Mark people present in Attendance (Ctrl+2)."
        ),
        WritingProblem.NOT_PRESENT: tr("Only people marked present can join a group."),
        WritingProblem.NO_GROUPS: tr("Make the groups first (Set up)."),
        WritingProblem.ROUND_RANGE: tr("There are %2 rounds; round %1 is not one of them.")
        .replace("%1", number)
        .replace("%2", limit),
        WritingProblem.SLOT_RANGE: tr("Each round has %2 places for ideas; place %1 is not one of them.")
        .replace("%1", number)
        .replace("%2", limit),
        WritingProblem.SLOT_TAKEN: tr("That place already holds an idea: change its words instead (F2)."),
        WritingProblem.BUILDS_ON_LATER: tr(
            "An idea can only build on one written before it on the same sheet."
        ),
        WritingProblem.OTHER_ITEM: tr("That idea belongs to another agenda item."),
        WritingProblem.EMPTY_GROUP: tr("A group needs at least one person."),
        WritingProblem.GROUP_TYPED: tr(
            "Sheets of group %1 are typed in already: moving people in or out would change the marks on "
            "its sheets. Leave this group as it is."
        ).replace("%1", group_letter(error.number)),
        WritingProblem.TYPED_BEYOND: tr(
            "Ideas are already typed in as far as %1, so the sheets keep at least that many rounds and "
            "places. Remove those ideas first to make the sheets smaller."
        ).replace("%1", number),
        WritingProblem.OTHER_GROUP: tr("That idea is on another group's sheet: pick from this group's own."),
    }[error.problem]
