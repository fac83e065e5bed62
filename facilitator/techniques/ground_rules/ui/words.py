"""Everything the ground-rules screens say, through Qt's translation functions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from facilitator.domain.decision import DecisionRule, Method, Outcome, Reason
from facilitator.techniques.ground_rules.model import MinutesResult, ProposalStatus, RuleKind, Wording
from facilitator.techniques.ground_rules.service import StarterRule
from facilitator.ui.decision_words import choice_label as choice_label
from facilitator.ui.decision_words import choice_short as choice_short
from facilitator.ui.decision_words import counted_text as counted_text
from facilitator.ui.decision_words import method_label as method_label
from facilitator.ui.decision_words import method_name as method_name
from facilitator.ui.decision_words import rule_summary as rule_summary
from facilitator.ui.decision_words import scale_label as scale_label


# No context: pyside6-lupdate files a module-level tr("...") under none, so that is where it is looked up.
def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("", text, None, n)


def starter_rules(roster_size: int) -> list[StarterRule]:
    """The proposed set a collaborative starts from: procedures first, then habits of the room."""
    quorum = roster_size // 2 + 1 if roster_size else 0
    decide = DecisionRule(Method.CONSENSUS_THEN_VOTE, quorum, 2, Method.TWO_THIRDS)
    rules = [
        (tr("How we make decisions"),
         tr("Settling how we decide before anything is at stake spares us a fight about process "
            "when a hard choice comes.")),
        (tr("Only the people the group names speak to the media for the collaborative."),
         tr("One agreed voice keeps any partner from being quoted for a position the group never took.")),
        (tr("What is said in the room stays in the room unless the group agrees to share it."),
         tr("People speak frankly when they trust that their words will not travel without them.")),
        (tr("Minutes and papers reach every partner at the same time."),
         tr("When everyone hears the same thing at once, nobody is left guessing or left out.")),
        (tr("Representatives speak for their organisations and check with them before committing them."),
         tr("A promise made at this table only holds if the organisation behind it stands by it.")),
        (tr("No decisions are made in unscheduled meetings unless every partner is present."),
         tr("Decisions taken in side rooms wear away the trust the whole collaborative runs on.")),
        (tr("We listen to understand before we reply."),
         tr("People change their minds when they feel heard, rarely when they feel answered.")),
        (tr("One voice at a time."),
         tr("Side talk drowns out quieter voices, and the recorder cannot write down two people at once.")),
        (tr("We explore ideas before we take positions."),
         tr("A position taken early is hard to give up; an idea explored together can still grow.")),
        (tr("We start and end on time, and the facilitator keeps the clock."),
         tr("Keeping to time respects the people who came, and keeps them coming back.")),
        (tr("Everyone takes part, and nobody dominates."),
         tr("The collaborative needs what every sector knows, not only what the loudest voice thinks.")),
    ]  # fmt: skip
    starter = [StarterRule(RuleKind.DECISION, Wording(rules[0][0], rules[0][1], decide))]
    starter += [StarterRule(RuleKind.RULE, Wording(text, why)) for text, why in rules[1:]]
    return starter


def wording_text(kind: RuleKind, wording: Wording) -> str:
    """A rule as read out; the decision rule with its structured part spelled out."""
    if kind is RuleKind.DECISION and wording.decision is not None:
        return f"{wording.text} — {rule_summary(wording.decision)}"
    return wording.text


def status_label(status: ProposalStatus) -> str:
    return {
        ProposalStatus.OPEN: tr("not checked yet"),
        ProposalStatus.REVISED: tr("changed, check again"),
        ProposalStatus.CARRIED: tr("in force from an earlier meeting"),
        ProposalStatus.ADOPTED: tr("adopted"),
        ProposalStatus.NOT_ADOPTED: tr("not adopted"),
    }[status]


STATUS_MARKS = {
    ProposalStatus.OPEN: "○",
    ProposalStatus.REVISED: "✎",
    ProposalStatus.CARRIED: "↻",
    ProposalStatus.ADOPTED: "✓",
    ProposalStatus.NOT_ADOPTED: "✗",
}


def result_label(result: MinutesResult) -> str:
    return {
        MinutesResult.ADOPTED: tr("Adopted"),
        MinutesResult.AMENDED: tr("Amended"),
        MinutesResult.REAFFIRMED: tr("Confirmed again"),
        MinutesResult.NOT_ADOPTED: tr("Not adopted"),
        MinutesResult.CARRIED: tr("Carried forward"),
        MinutesResult.NOT_CHECKED: tr("Proposed, not checked"),
        MinutesResult.RETIRED: tr("Retired"),
    }[result]


def outcome_text(outcome: Outcome) -> str:
    """Why a rule was or was not adopted, with the numbers, in one or two sentences."""
    t = outcome.tally
    sides, needed = t.sides, outcome.needed
    reasons = {
        Reason.NO_QUORUM: tr("Not adopted: %1 people are present and the quorum is %2.")
        .replace("%1", str(outcome.present))
        .replace("%2", str(outcome.quorum)),
        Reason.NOTHING_COUNTED: tr("Nothing has been counted yet."),
        Reason.BLOCKED: tr("Not adopted. Blocks: %1. Under %2 a single block stops it.")
        .replace("%1", str(t.block))
        .replace("%2", method_name(outcome.method)),
        Reason.OPPOSED: tr("Not adopted. Cannot support it: %1. Consensus needs everyone's support.").replace(
            "%1", str(t.oppose)
        ),
        Reason.NO_SUPPORT: tr("Not adopted: nobody supports it."),
        Reason.CONSENSUS: tr("Adopted by consensus: nobody blocks and nobody is against."),
        Reason.CONSENT: tr("Adopted by consent: nobody objects."),
        Reason.MAJORITY: tr("Adopted by simple majority: %1 of %2 for; %3 needed.")
        .replace("%1", str(t.support))
        .replace("%2", str(sides))
        .replace("%3", str(needed)),
        Reason.TWO_THIRDS: tr("Adopted by two-thirds majority: %1 of %2 for; %3 needed.")
        .replace("%1", str(t.support))
        .replace("%2", str(sides))
        .replace("%3", str(needed)),
        Reason.TIE: tr("Not adopted: a tie, %1 for and %1 against.").replace("%1", str(t.support)),
        Reason.SHORT_OF_MAJORITY: tr("Not adopted: %1 of %2 for; a majority needs %3.")
        .replace("%1", str(t.support))
        .replace("%2", str(sides))
        .replace("%3", str(needed)),
        Reason.SHORT_OF_TWO_THIRDS: tr("Not adopted: %1 of %2 for; two thirds needs %3.")
        .replace("%1", str(t.support))
        .replace("%2", str(sides))
        .replace("%3", str(needed)),
    }
    text = reasons[outcome.reason]
    if outcome.fell_back:
        text = tr("Consensus was not reached in the tries allowed, so a vote decides.") + " " + text
    if outcome.thin:
        text += " " + tr("As many stood aside as supported it; ask whether the support is real.")
    return text
