"""How decisions are worded everywhere: methods, scales, choices and counts.

Shared by ground rules and decisions, and by the minutes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from facilitator.domain.decision import DecisionRule, Method, Outcome, Reason, Scale
from facilitator.domain.record import ActionStatus, Disposition, MeetingKind


# No context: pyside6-lupdate files a module-level tr("...") under none, so that is where it is looked up.
def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("", text, None, n)


def method_label(method: Method) -> str:
    return {
        Method.CONSENSUS: tr("Consensus: nobody blocks and nobody is against"),
        Method.CONSENT: tr("Consent: agreed unless someone objects"),
        Method.MAJORITY: tr("Simple majority of those who take a side"),
        Method.TWO_THIRDS: tr("Two-thirds majority of those who take a side"),
        Method.CONSENSUS_THEN_VOTE: tr("Consensus first, then a vote"),
    }[method]


def method_name(method: Method) -> str:
    return {
        Method.CONSENSUS: tr("consensus"),
        Method.CONSENT: tr("consent"),
        Method.MAJORITY: tr("simple majority"),
        Method.TWO_THIRDS: tr("two-thirds majority"),
        Method.CONSENSUS_THEN_VOTE: tr("consensus, then a vote"),
    }[method]


def rule_summary(rule: DecisionRule) -> str:
    """One sentence a facilitator can read out: how the collaborative decides."""
    if rule.method is Method.CONSENSUS_THEN_VOTE:
        text = (
            tr("By consensus; if it fails %2 times, by %1.")
            .replace("%1", method_name(rule.fallback))
            .replace("%2", str(rule.attempts))
        )  # fmt: skip
    else:
        text = tr("By %1.").replace("%1", method_name(rule.method))
    if rule.quorum:
        text += " " + tr("Quorum: %1 present.").replace("%1", str(rule.quorum))
    else:
        text += " " + tr("No quorum.")
    return text


def scale_label(scale: Scale) -> str:
    return {
        Scale.GRADIENTS: tr("Gradients of agreement"),
        Scale.FIST_TO_FIVE: tr("Fist to five"),
        Scale.VOTE: tr("For, against, abstain"),
    }[scale]


def choice_label(scale: Scale, choice: str) -> str:
    if scale is Scale.FIST_TO_FIVE:
        return {
            "5": tr("5 fingers"),
            "4": tr("4 fingers"),
            "3": tr("3 fingers"),
            "2": tr("2 fingers"),
            "1": tr("1 finger"),
            "0": tr("Fist (block)"),
        }[choice]
    return {
        "agree": tr("Fully agree"),
        "reservations": tr("Agree with reservations"),
        "stand_aside": tr("Stand aside"),
        "block": tr("Block"),
        "for": tr("For"),
        "against": tr("Against"),
        "abstain": tr("Abstain"),
    }[choice]


def choice_short(scale: Scale, choice: str) -> str:
    """For the bars on the projector, where space is short."""
    if scale is Scale.FIST_TO_FIVE:
        return tr("Fist") if choice == "0" else choice
    if choice == "reservations":
        return tr("Reservations")
    return choice_label(scale, choice)


def counted_text(counted: int, present: int) -> str:
    if present == 0:
        return tr(
            "Nobody is marked present. Mark attendance first (Ctrl+2): responses are checked against it."
        )
    if counted == present:
        return tr("Everyone present is counted (%1).").replace("%1", str(present))
    return (
        tr("Counted: %1 of %2 present; %3 not counted yet.")
        .replace("%1", str(counted))
        .replace("%2", str(present))
        .replace("%3", str(present - counted))
    )


def carries_text(outcome: Outcome) -> str:
    """Whether a proposal carries under the rule and why, with the numbers: for decisions."""
    t = outcome.tally
    fill = {"%1": str(t.support), "%2": str(t.sides), "%3": str(outcome.needed)}
    reasons = {
        Reason.NO_QUORUM: tr("Does not carry: %1 present, and the quorum is %2.")
        .replace("%1", str(outcome.present))
        .replace("%2", str(outcome.quorum)),
        Reason.NOTHING_COUNTED: tr("Nothing counted yet."),
        Reason.BLOCKED: tr("Does not carry: %1 objected, and under %2 one objection stops it.")
        .replace("%1", str(t.block or t.oppose))
        .replace("%2", method_name(outcome.method)),
        Reason.OPPOSED: tr("Does not carry: %1 against, and consensus needs everyone's support.").replace(
            "%1", str(t.oppose)
        ),
        Reason.NO_SUPPORT: tr("Does not carry: nobody is for it."),
        Reason.CONSENSUS: tr("Carries by consensus: nobody against, nobody blocking."),
        Reason.CONSENT: tr("Carries by consent: no objections."),
        Reason.MAJORITY: tr("Carries by simple majority: %1 of %2 for, %3 needed."),
        Reason.TWO_THIRDS: tr("Carries by two-thirds majority: %1 of %2 for, %3 needed."),
        Reason.TIE: tr("Does not carry: a tie, %1 for and %1 against."),
        Reason.SHORT_OF_MAJORITY: tr("Does not carry: %1 of %2 for, and a majority needs %3."),
        Reason.SHORT_OF_TWO_THIRDS: tr("Does not carry: %1 of %2 for, and two thirds needs %3."),
    }
    text = reasons[outcome.reason]
    for mark, value in fill.items():
        text = text.replace(mark, value)
    if outcome.fell_back:
        text = tr("Consensus was not reached in the tries allowed, so this try is a vote.") + " " + text
    if outcome.thin:
        text += " " + tr("As many abstained as supported it.")
    return text


def disposition_label(disposition: Disposition) -> str:
    return {
        Disposition.ADOPTED: tr("Adopted"),
        Disposition.REJECTED: tr("Rejected"),
        Disposition.DEFERRED: tr("Deferred"),
        Disposition.REFERRED: tr("Referred"),
        Disposition.WITHDRAWN: tr("Withdrawn"),
    }[disposition]


def action_status_label(status: ActionStatus) -> str:
    return {
        ActionStatus.OPEN: tr("Open"),
        ActionStatus.DONE: tr("Done"),
        ActionStatus.DROPPED: tr("Dropped"),
    }[status]


def meeting_kind_label(kind: MeetingKind) -> str:
    return {
        MeetingKind.REGULAR: tr("Regular meeting"),
        MeetingKind.SPECIAL: tr("Special meeting"),
        MeetingKind.ANNUAL: tr("Annual meeting"),
        MeetingKind.WORKSHOP: tr("Working session"),
        MeetingKind.COMMITTEE: tr("Committee meeting"),
    }[kind]
