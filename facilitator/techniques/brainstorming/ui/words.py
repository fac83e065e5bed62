"""Everything the brainstorming screens say, through Qt's translation functions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from facilitator.techniques.brainstorming.model import (
    DotEntry,
    DotProblem,
    DotsRefused,
    DotSummary,
    IdeaProblem,
    IdeaRefused,
    Phase,
    Standing,
)


# No context: pyside6-lupdate files a module-level tr("...") under none, so that is where it is looked up.
def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("", text, None, n)


def phase_label(phase: Phase) -> str:
    return {
        Phase.GENERATE: tr("Call out ideas"),
        Phase.CLARIFY: tr("Clarify and merge"),
        Phase.GROUP: tr("Sort into themes"),
        Phase.VOTE: tr("Vote with dots"),
        Phase.RESULTS: tr("Results"),
    }[phase]


def room_rules() -> tuple[str, ...]:
    """What the projector reminds the room of while ideas are called out."""
    return (
        tr("The more ideas the better"),
        tr("No judging yet"),
        tr("Unusual ideas welcome"),
        tr("Build on each other"),
    )


def entry_label(entry: DotEntry) -> str:
    return {
        DotEntry.TOTALS: tr("Count the dots on the wall, idea by idea"),
        DotEntry.PEOPLE: tr("Enter each person's dots"),
    }[entry]


def rank_text(standing: Standing) -> str:
    """A place in the results; a shared place is marked as a tie (=2)."""
    return f"={standing.rank}" if standing.tied else str(standing.rank)


def plural(count: int, one: str, many: str) -> str:
    """``one`` (already translated) for 1, else ``many`` with %1 as the count."""
    return one if count == 1 else many.replace("%1", f"{count:,}")


def dots_text(count: int) -> str:
    return plural(count, tr("1 dot"), tr("%1 dots"))


def placed_text(summary: DotSummary) -> str:
    text = (
        tr("%1 of at most %2 dots placed.")
        .replace("%1", f"{summary.placed:,}")
        .replace("%2", f"{summary.ceiling:,}")
    )
    if summary.from_absent:
        text += " " + tr("%1 of them from people who have left.").replace("%1", f"{summary.from_absent:,}")
    return text


def summary_text(summary: DotSummary, entry: DotEntry) -> str:
    placed = (
        tr("%1 of at most %2 dots placed (%3 people present × %4 dots each).")
        .replace("%1", f"{summary.placed:,}")
        .replace("%2", f"{summary.ceiling:,}")
        .replace("%3", str(summary.present))
        .replace("%4", str(summary.per_person))
    )
    if entry is DotEntry.PEOPLE:
        placed += " " + tr("%1 of %2 people have voted; %3 used all their dots.").replace(
            "%1", str(summary.people_started)
        ).replace("%2", str(summary.present)).replace("%3", str(summary.people_done))
        if summary.from_absent:
            by = (
                tr("%1 dots were placed by someone who has since left; they still count.")
                if summary.absent_voters == 1
                else tr("%1 dots were placed by %2 people who have since left; they still count.")
            )
            placed += " " + by.replace("%1", f"{summary.from_absent:,}").replace(
                "%2", str(summary.absent_voters)
            )
            placed += " " + tr(
                "To take them off, choose the person (marked “left”), clear their numbers and press Enter."
            )
        if summary.other_entry:
            placed += " " + tr(
                "The %1 dots counted off the wall before are kept; choose that way again to see them."
            ).replace("%1", f"{summary.other_entry:,}")
    elif summary.placed > summary.ceiling:
        placed += " " + tr(
            "That is more than the people present can place: someone may have left after the dots "
            "went up, or a count is off. Count the wall again and lower the totals that are too high."
        )
    if entry is DotEntry.TOTALS and summary.other_entry:
        placed += " " + tr(
            "The %1 dots entered person by person before are kept; choose that way again to see them."
        ).replace("%1", f"{summary.other_entry:,}")
    return placed


def duplicate_text(number: int, inside: int, *, exactly: bool = False) -> str:
    """Which idea already says what is typed; a merged part is named with the idea holding it."""
    if inside:
        text = (
            tr("Idea %1, merged into idea %2, already says exactly this.")
            if exactly
            else tr("Idea %1, merged into idea %2, already says this.")
        )
        return text.replace("%1", str(number)).replace("%2", str(inside))
    text = tr("Idea %1 already says exactly this.") if exactly else tr("Idea %1 already says this.")
    return text.replace("%1", str(number))


def left_name(name: str) -> str:
    """A voter's name when they are no longer marked present."""
    return tr("%1 (left)").replace("%1", name)


def refusal(error: Exception) -> str | None:
    """Plain words for the refusals only brainstorming raises; None for anything else."""
    if isinstance(error, IdeaRefused):
        number = str(error.number)
        return {
            IdeaProblem.DUPLICATE: duplicate_text(error.number, error.inside, exactly=True),
            IdeaProblem.MERGE_ITSELF: tr("Choose at least one other idea to merge into idea %1.").replace(
                "%1", number
            ),
            IdeaProblem.MERGE_NOTHING: tr("Choose two or more ideas to merge."),
            IdeaProblem.MERGED_PART: tr(
                "Idea %1 is inside another idea. Split that one first, or choose the idea it is in."
            ).replace("%1", number),
            IdeaProblem.NOT_MERGED: tr("Idea %1 has nothing merged into it to split out.").replace(
                "%1", number
            ),
            IdeaProblem.OTHER_ITEM: tr("Those ideas belong to another agenda item."),
            IdeaProblem.NO_TARGET: tr(
                "Ideas can only start a brainstorm or a nominal group item later on this agenda."
            ),
            IdeaProblem.NOTHING_CHOSEN: tr("Choose one or more ideas first."),
        }[error.problem]
    if isinstance(error, DotsRefused):
        return _dots_refusal(error)
    return None


def _dots_refusal(error: DotsRefused) -> str:
    match error.problem:
        case DotProblem.NEGATIVE:
            return tr("A number of dots cannot be below zero.")
        case DotProblem.PERSON_OVER:
            return (
                tr("That is %1 dots, but each person has %2. Take some off, or give everyone more dots.")
                .replace("%1", str(error.asked))
                .replace("%2", str(error.allowed))
            )
        case DotProblem.WALL_OVER:
            return (
                tr(
                    "That makes %1 dots on the wall, but %2 people present with %3 dots each can place "
                    "at most %4. Count again, or mark late arrivals present in Attendance (Ctrl+2)."
                )
                .replace("%1", f"{error.asked:,}")
                .replace("%2", str(error.present))
                .replace("%3", str(error.per_person))
                .replace("%4", f"{error.allowed:,}")
            )
        case DotProblem.NOT_PRESENT:
            return tr("Only people marked present can be named. Mark them present in Attendance (Ctrl+2).")
        case DotProblem.LEFT:
            return tr(
                "This person is no longer marked present, so their %1 dots can be lowered or taken off "
                "but not added to. Mark them present again in Attendance (Ctrl+2) to give them more."
            ).replace("%1", str(error.allowed))
        case DotProblem.UNKNOWN_IDEA:
            return tr("There is no idea %1 on the wall.").replace("%1", str(error.number))
        case DotProblem.NOBODY_PRESENT:
            return tr("Nobody is marked present yet, so there are no dots to count. Use Attendance (Ctrl+2).")
    return tr("Those dots could not be counted.")
