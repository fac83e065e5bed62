"""Everything the nominal group screens say, through Qt's translation functions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from facilitator.techniques.brainstorming.model import IdeaRefused
from facilitator.techniques.brainstorming.ui.words import plural
from facilitator.techniques.brainstorming.ui.words import refusal as idea_refusal
from facilitator.techniques.nominal_group.model import (
    BallotProblem,
    BallotRefused,
    Convention,
    GroupProblem,
    GroupRefused,
    NominalGroupView,
    Standing,
    Step,
    Vote,
)


# No context: pyside6-lupdate files a module-level tr("...") under none, so that is where it is looked up.
def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("", text, None, n)


def step_label(step: Step) -> str:
    return {
        Step.GENERATE: tr("Silent writing"),
        Step.ROUND_ROBIN: tr("Round robin"),
        Step.CLARIFY: tr("Clarify"),
        Step.PRELIMINARY: tr("First vote"),
        Step.DISCUSS: tr("Discuss the vote"),
        Step.FINAL: tr("Final vote"),
        Step.RESULT: tr("Result"),
    }[step]


def tab_label(step: Step) -> str:
    """The step's name on its tab: short, so eight tabs fit a laptop screen."""
    return {
        Step.GENERATE: tr("Writing"),
        Step.ROUND_ROBIN: tr("Round robin"),
        Step.CLARIFY: tr("Clarify"),
        Step.PRELIMINARY: tr("First vote"),
        Step.DISCUSS: tr("Discuss"),
        Step.FINAL: tr("Final vote"),
        Step.RESULT: tr("Result"),
    }[step]


def guidance(step: Step) -> str:
    """What the facilitator does in each step, in a few plain sentences to read before it."""
    return {
        Step.GENERATE: tr(
            "Read the question aloud. Everyone writes their own ideas on paper, in short phrases, "
            "without talking. Start the timer (Ctrl+T). People who finish early keep thinking quietly; "
            "nobody shares yet."
        ),
        Step.ROUND_ROBIN: tr(
            "Go round the room: each person in turn reads out one idea from their paper and you type "
            "it. No discussion and no judging yet. Someone out of ideas says pass, and may come back "
            "in on a later turn. The round ends when everyone in a row has passed."
        ),
        Step.CLARIFY: tr(
            "Take the ideas one at a time. Ask what each means and let its author explain; the aim is "
            "to understand, not to argue. Reword only as the group agrees. Merge two ideas only when "
            "the group agrees they are the same."
        ),
        Step.PRELIMINARY: tr(
            "Hand out cards. Each person picks the ideas that matter most to them and writes their "
            "numbers on a card, most important first, without talking. Collect the cards and type "
            "each one: the numbers in order, then Enter."
        ),
        Step.DISCUSS: tr(
            "Show the first vote. Ask what surprises people. Look at the ideas marked worth discussing: "
            "some put them near the top and others near the bottom, or many chose them but only low "
            "down. Talk those over before the final vote."
        ),
        Step.FINAL: tr(
            "New cards, the same way as the first vote. People may change their minds after the "
            "discussion. Type each card: the numbers in order, then Enter."
        ),
        Step.RESULT: tr(
            "This is the group's prioritised list. If ideas are tied, the group decides their order: "
            "move them with Alt+Up and Alt+Down. Put the list to the group as a decision to record it."
        ),
    }[step]


def projector_line(step: Step) -> str:
    """The instruction the room reads on the projector for the steps that need one."""
    return {
        Step.GENERATE: tr("Write your own ideas on paper, in silence. We share them next, one at a time."),
        Step.ROUND_ROBIN: tr("One idea each, in turn. No discussion yet. Say pass if you have none left."),
        Step.CLARIFY: tr("What does this idea mean? Questions to understand it, not to judge it."),
        Step.DISCUSS: tr("The first vote. Anything surprising? Why do some ideas divide us?"),
        Step.RESULT: tr("The group's priorities, most important first. A shared place (=2) is a tie."),
    }.get(step, "")


def card_instruction(picks: int, convention: Convention) -> str:
    if picks == 0:
        return tr("There are no ideas on the list to vote on yet.")
    if convention is Convention.RANK_ALL:
        return tr("On your card, write the numbers of all %1 ideas, most important first.").replace(
            "%1", str(picks)
        )
    return tr(
        "On your card, write the numbers of the %1 ideas that matter most to you, most important first."
    ).replace("%1", str(picks))


def turn_text(view: NominalGroupView) -> str:
    robin = view.robin
    if not robin.order:
        return tr("Nobody is taking turns yet: mark people present, or set seats in Set up.")
    if robin.ended:
        return tr("The round robin is over.")
    current = robin.current
    assert current is not None
    if view.settings.anonymous:
        return tr("Turn: seat %1").replace("%1", str(current))
    return tr("Turn: %1").replace("%1", view.name_of(current))


def convention_label(convention: Convention) -> str:
    return {
        Convention.TOP_PICKS: tr("Top picks: the most important scores the most points"),
        Convention.RANK_ALL: tr("Rank every idea: the first scores as many points as there are ideas"),
        Convention.REVERSED: tr("Add up the ranks: the lowest total comes first"),
    }[convention]


def scoring_text(convention: Convention, picks: int) -> str:
    """How a vote was counted, in a sentence for the screens and the minutes."""
    if convention is Convention.REVERSED:
        return tr("Each card ranked %1 ideas. Ranks were added up (an idea left off a card counted as %2); "
                  "the lowest total comes first.").replace("%1", str(picks)).replace("%2", str(picks + 1))  # fmt: skip
    if convention is Convention.RANK_ALL:
        return tr("Each card ranked all %1 ideas; the first scored %1 points, the last 1.").replace(
            "%1", str(picks)
        )
    return tr("Each card ranked %1 ideas; the most important scored %1 points, the last 1.").replace(
        "%1", str(picks)
    )


def place_text(standing: Standing) -> str:
    """A place in the result; a shared place is marked as a tie (=2)."""
    return f"={standing.place}" if standing.tied else str(standing.place)


def mean_text(standing: Standing) -> str:
    mean = standing.mean_rank
    return "" if mean is None else f"{mean:.1f}"


def points_text(count: int) -> str:
    return plural(count, tr("1 point"), tr("%1 points"))


def votes_text(count: int) -> str:
    return plural(count, tr("1 card"), tr("%1 cards"))


def ideas_text(count: int) -> str:
    return plural(count, tr("1 idea"), tr("%1 ideas"))


def divided() -> str:
    """The flag on an idea the group looks divided on (ranked high and low, or picked by many
    but only low down): a reason to talk it over, said as such."""
    return tr("worth discussing")


def refusal(error: Exception) -> str | None:
    """Plain words for the refusals only the nominal group raises; None for anything else."""
    if isinstance(error, BallotRefused):
        return _ballot_refusal(error)
    if isinstance(error, IdeaRefused):  # the idea rules are the brainstorm's, and so are their words
        return idea_refusal(error)
    if isinstance(error, GroupRefused):
        number = str(error.number)
        return {
            GroupProblem.NOT_AGREED: tr("Merge ideas only when the group agrees they say the same thing."),
            GroupProblem.ON_CARDS: plural(
                error.count,
                tr("Idea %2 is already on a card. Remove or correct that card first."),
                tr("Idea %2 is already on %1 cards. Remove or correct those cards first."),
            ).replace("%2", number),
            GroupProblem.CARDS_ENTERED: plural(
                error.count,
                tr(
                    "A card of the %2 is already in, counted this way. To count that vote another way, "
                    "remove its card first."
                ),
                tr(
                    "%1 cards of the %2 are already in, counted this way. To count that vote another way, "
                    "remove its cards first."
                ),
            ).replace("%2", tr("final vote") if error.vote is Vote.FINAL else tr("first vote")),
            GroupProblem.NO_IDEAS: tr("There are no ideas to vote on yet. Record them in the round robin."),
            GroupProblem.NOT_PRESENT: tr(
                "Only people marked present can hand in a card. Mark them present in Attendance (Ctrl+2)."
            ),
            GroupProblem.HAS_CARD: tr(
                "That person's card for this vote is already in. Correct it instead (F2 on the card)."
            ),
            GroupProblem.NO_TURNS: tr(
                "Nobody is taking turns: mark people present in Attendance (Ctrl+2), or set seats in Set up."
            ),
        }[error.problem]
    return None


def _ballot_refusal(error: BallotRefused) -> str:
    number, picks = str(error.number), str(error.picks)
    match error.problem:
        case BallotProblem.NOT_NUMBERS:
            return tr("Type idea numbers only, separated by spaces, for example: 7 3 12 1 5")
        case BallotProblem.REPEATED:
            return tr("Idea %1 is on this card twice. Each idea can be picked once.").replace("%1", number)
        case BallotProblem.MERGED:
            return (
                tr("Idea %1 was merged into idea %2: on this card it counts as %2. Type %2 instead.")
                .replace("%1", number)
                .replace("%2", str(error.into))
            )
        case BallotProblem.UNKNOWN:
            return tr("There is no idea %1 on the list. Check the card.").replace("%1", number)
        case BallotProblem.TOO_MANY:
            return (
                tr("This card has %1 numbers, but each card ranks %2 ideas. Check the card.")
                .replace("%1", str(error.count))
                .replace("%2", picks)
            )
        case BallotProblem.TOO_FEW:
            return (
                tr("This card has %1 numbers, but each card ranks %2 ideas. If the person left some out, "
                   "ask them, or set fewer picks in Set up before the first card.")
                .replace("%1", str(error.count))
                .replace("%2", picks)
            )  # fmt: skip
    return tr("That card could not be read.")
