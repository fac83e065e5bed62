"""Ground rules on a real store: carry-forward between meetings, checks, the decision rule and undo."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.domain.decision import CHOICES, DecisionRule, Method, Reason, Scale, TooManyResponses
from facilitator.domain.errors import DuplicateName, FacilitatorError, InvalidText, InvalidValue, NotAllowed
from facilitator.domain.model import (
    AgendaFields,
    AgendaKind,
    AttendanceStatus,
    CollaborativeFields,
    MeetingFields,
    MeetingStatus,
    PersonFields,
)
from facilitator.services import Services, build_services
from facilitator.services.sample import SAMPLE_DECISION_RULE
from facilitator.storage import migrate
from facilitator.techniques.ground_rules.model import (
    EntryMode,
    GroundRulesView,
    MinutesResult,
    ProposalStatus,
    RuleKind,
    Wording,
)
from facilitator.techniques.ground_rules.service import Change, StarterRule

T0 = datetime(2026, 4, 1, 18, 0, 0)
_names = itertools.count()


class Clock:
    """A clock that moves on one second each time it is read, so every stored time differs."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def rules(db_path: Path) -> Iterator[Services]:
    migrate.prepare(db_path)
    built = build_services(db_path, clock=Clock())
    yield built
    built.close()


@dataclass(frozen=True)
class Group:
    collaborative_id: int
    people: tuple[int, ...]


def _group(services: Services, size: int) -> Group:
    collaborative = services.collaboratives.create(
        CollaborativeFields(f"Riverside Neighbours {next(_names)}", "", "", "")
    )
    people = tuple(
        services.people.add(collaborative.id, PersonFields(f"Person {n}", "", None, "")).id
        for n in range(size)
    )
    return Group(collaborative.id, people)


def _meeting(
    services: Services, group: Group, title: str, day: int, present: Sequence[int] | None = None
) -> tuple[int, int]:
    """A meeting with one ground-rules item and the people present; returns (meeting id, item id)."""
    meeting = services.meetings.create(
        group.collaborative_id,
        MeetingFields(title, T0 + timedelta(days=day), "Hall", "", "", ""),
        [AgendaFields(AgendaKind.GROUND_RULES, "How we work together", "", 20)],
    )
    (item,) = services.agenda.for_meeting(meeting.id)
    for person_id in group.people if present is None else present:
        services.attendance.set_status(meeting.id, person_id, AttendanceStatus.PRESENT)
    return meeting.id, item.id


def _starter(decision: DecisionRule, *rules: str) -> list[StarterRule]:
    return [
        StarterRule(RuleKind.DECISION, Wording("How we make decisions", "Agree on process early.", decision)),
        *(StarterRule(RuleKind.RULE, Wording(text, f"Why: {text.lower()}")) for text in rules),
    ]


def _check(services: Services, proposal_id: int, **counts: int) -> Change:
    """Hands counted for each choice given, then the check recorded."""
    for choice, count in counts.items():
        services.ground_rules.set_count(proposal_id, choice, count)
    return services.ground_rules.record(proposal_id)


def _texts(view: GroundRulesView) -> list[str]:
    return [p.wording.text for p in view.proposals]


def _adopted_texts(services: Services, collaborative_id: int) -> list[str]:
    return [rule.wording.text for rule in services.ground_rules.adopted(collaborative_id)]


MAJORITY = DecisionRule(Method.MAJORITY)


# -- carrying rules forward ------------------------------------------------------------------------


def test_the_next_meeting_starts_from_the_rules_in_force_and_its_minutes_say_what_changed(
    rules: Services,
) -> None:
    gr = rules.ground_rules
    group = _group(rules, 6)
    decision = DecisionRule(Method.CONSENT, quorum=3)
    _, item1 = _meeting(rules, group, "Launch", 0)
    view = gr.open(
        item1,
        _starter(
            decision,
            "One voice at a time",
            "Phones are off",
            "Start and end on time",
            "What is said here stays here",
        ),
    )
    d, voice, phones, time, confidential = (p.id for p in view.proposals)
    _check(rules, d, agree=6)
    _check(rules, voice, agree=5, reservations=1)
    failed = _check(rules, phones, agree=4, block=2)
    _check(rules, time, agree=6)
    _check(rules, confidential, agree=3, stand_aside=3)
    assert failed.view.proposals[2].status is ProposalStatus.NOT_ADOPTED
    assert failed.view.proposals[2].checks[-1].outcome is not None
    assert failed.view.proposals[2].checks[-1].outcome.reason is Reason.BLOCKED
    assert [r.result for r in gr.minutes(item1).rules] == [
        MinutesResult.ADOPTED, MinutesResult.ADOPTED, MinutesResult.NOT_ADOPTED,
        MinutesResult.ADOPTED, MinutesResult.ADOPTED,
    ]  # fmt: skip
    in_force = gr.adopted(group.collaborative_id)
    assert [r.wording.text for r in in_force] == [
        "How we make decisions", "One voice at a time", "Start and end on time", "What is said here stays here",
    ]  # fmt: skip
    assert all(r.adopted_meeting == "Launch (2026-04-01)" and r.amended_meeting == "" for r in in_force)
    assert gr.decision_rule(group.collaborative_id) == DecisionRule(Method.CONSENT, 3, 2, Method.MAJORITY)

    # Meeting 2 opens after meeting 1: the starter passed in is ignored.
    _, item2 = _meeting(rules, group, "Second", 30)
    second = gr.open(item2, _starter(DecisionRule(), "Something else entirely"))
    assert _texts(second) == [r.wording.text for r in in_force]
    assert [p.position for p in second.proposals] == [0, 1, 2, 3]
    for proposal, rule in zip(second.proposals, in_force, strict=True):
        assert proposal.carried and proposal.status is ProposalStatus.CARRIED
        assert proposal.rule_id == rule.id
        assert proposal.kind is rule.kind
        assert proposal.wording == proposal.origin == rule.wording
        assert proposal.checks == () and proposal.draft is None
    assert second.proposals[0].kind is RuleKind.DECISION
    assert second.proposals[0].wording.decision == DecisionRule(Method.CONSENT, 3, 2, Method.MAJORITY)
    assert second.proposals[1].wording.why == "Why: one voice at a time"
    c_decision, c_voice, c_time, c_confidential = second.proposals

    # Amend one carried rule.
    amended = Wording("One voice at a time, and we listen to understand", "Quieter voices get heard.")
    assert gr.edit(c_voice.id, amended).view.proposals[1].status is ProposalStatus.REVISED
    assert _adopted_texts(rules, group.collaborative_id)[1] == "One voice at a time"  # not yet agreed
    change = _check(rules, c_voice.id, agree=6)
    assert change.view.proposals[1].status is ProposalStatus.ADOPTED
    voice_rule = next(r for r in gr.adopted(group.collaborative_id) if r.id == c_voice.rule_id)
    assert voice_rule.wording == amended
    assert (voice_rule.adopted_meeting, voice_rule.amended_meeting) == (
        "Launch (2026-04-01)",
        "Second (2026-05-01)",
    )
    # Re-check another unchanged; drop a third.
    _check(rules, c_time.id, agree=4, reservations=2)
    assert gr.remove(c_confidential.id).view.proposals[-1].id == c_time.id
    assert _adopted_texts(rules, group.collaborative_id) == [
        "How we make decisions", amended.text, "Start and end on time",
    ]  # fmt: skip
    time_rule = next(r for r in gr.adopted(group.collaborative_id) if r.id == c_time.rule_id)
    assert time_rule.amended_meeting == ""  # reaffirmed, not amended

    minutes = gr.minutes(item2)
    assert [(r.result, r.wording.text) for r in minutes.rules] == [
        (MinutesResult.CARRIED, "How we make decisions"),
        (MinutesResult.AMENDED, amended.text),
        (MinutesResult.REAFFIRMED, "Start and end on time"),
        (MinutesResult.RETIRED, "What is said here stays here"),
    ]
    assert minutes.rules[1].earlier == c_voice.wording
    assert minutes.rules[1].wording == amended
    assert len(minutes.rules[1].checks) == 1 and len(minutes.rules[2].checks) == 1
    assert minutes.rules[0].checks == () and minutes.rules[0].wording == c_decision.wording
    assert minutes.decision_rule == DecisionRule(Method.CONSENT, 3, 2, Method.MAJORITY)
    # Meeting 1's record is unchanged by what meeting 2 did.
    assert [r.wording.text for r in gr.minutes(item1).rules][1] == "One voice at a time"

    # A third meeting carries the amended wording and not the retired rule.
    _, item3 = _meeting(rules, group, "Third", 60)
    third = gr.open(item3, [])
    assert _texts(third) == ["How we make decisions", amended.text, "Start and end on time"]
    assert third.proposals[1].wording == amended
    assert all(p.carried and p.status is ProposalStatus.CARRIED for p in third.proposals)


def test_a_collaborative_without_rules_in_force_starts_from_the_starter_set(rules: Services) -> None:
    group = _group(rules, 3)
    _, item1 = _meeting(rules, group, "Launch", 0)
    first = rules.ground_rules.open(item1, _starter(DecisionRule(), "Be on time"))
    _check(rules, first.proposals[1].id, agree=1, block=1)  # fails: nothing in force
    _, item2 = _meeting(rules, group, "Second", 7)
    second = rules.ground_rules.open(item2, _starter(MAJORITY, "Listen"))
    assert _texts(second) == ["How we make decisions", "Listen"]
    assert not any(p.carried for p in second.proposals)
    assert [p.status for p in second.proposals] == [ProposalStatus.OPEN, ProposalStatus.OPEN]
    assert second.proposals[0].wording.decision == MAJORITY
    # Opening again keeps what is there.
    assert rules.ground_rules.open(item2, _starter(DecisionRule(), "Other")) == second


def test_a_rule_inserted_between_adopted_rules_keeps_its_place_in_the_rules_in_force(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    _, item1 = _meeting(rules, group, "Launch", 0)
    view = gr.open(item1, _starter(DecisionRule(), "Listen", "Be on time"))
    for proposal in view.proposals:
        _check(rules, proposal.id, agree=3)
    added = gr.add(item1, Wording("Speak for yourself"), position=0)  # after the decision rule
    assert _texts(added.view) == ["How we make decisions", "Speak for yourself", "Listen", "Be on time"]
    assert added.view.current_id == added.view.proposals[1].id
    _check(rules, added.view.proposals[1].id, agree=3)
    expected = ["How we make decisions", "Speak for yourself", "Listen", "Be on time"]
    assert _adopted_texts(rules, group.collaborative_id) == expected
    _, item2 = _meeting(rules, group, "Second", 7)
    assert _texts(gr.open(item2, [])) == expected


def test_moving_proposals_reorders_the_rules_in_force(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    _, item1 = _meeting(rules, group, "Launch", 0)
    view = gr.open(item1, _starter(DecisionRule(), "Listen", "Be on time", "Phones off"))
    for proposal in view.proposals:
        _check(rules, proposal.id, agree=3)
    moved = gr.move(view.proposals[3].id, 1)
    assert _texts(moved.view) == ["How we make decisions", "Phones off", "Listen", "Be on time"]
    assert [p.position for p in moved.view.proposals] == [0, 1, 2, 3]
    assert [r.wording.text for r in moved.view.adopted] == _texts(moved.view)
    _, item2 = _meeting(rules, group, "Second", 7)
    assert _texts(gr.open(item2, [])) == _texts(moved.view)


def test_minutes_of_a_carried_rule_reworded_but_never_checked_give_the_wording_in_force(
    rules: Services,
) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    _, item1 = _meeting(rules, group, "Launch", 0)
    for proposal in gr.open(item1, _starter(DecisionRule(), "Listen")).proposals:
        _check(rules, proposal.id, agree=3)
    _, item2 = _meeting(rules, group, "Second", 7)
    listen = gr.open(item2, []).proposals[1]
    edited = gr.edit(listen.id, Wording("Listen, then speak"))
    assert edited.view.proposals[1].status is ProposalStatus.REVISED
    assert _adopted_texts(rules, group.collaborative_id)[1] == "Listen"  # still in force
    carried = gr.minutes(item2).rules[1]
    assert carried.result is MinutesResult.CARRIED
    assert carried.wording == listen.origin  # what is in force, not the draft rewording


# -- the decision rule -----------------------------------------------------------------------------


def test_checks_use_consensus_until_a_decision_rule_is_adopted_and_then_that_rule(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 10)
    _, item = _meeting(rules, group, "Launch", 0)
    view = gr.open(item, _starter(MAJORITY, "Listen"))
    decision, listen = view.proposals
    assert view.decision_rule is None and view.governing == DecisionRule()
    assert gr.decision_rule(group.collaborative_id) is None

    # Before any decision rule: consensus, even for the majority rule being proposed.
    blocked = _check(rules, decision.id, agree=9, block=1).view.proposals[0].checks[-1].outcome
    assert blocked is not None and not blocked.carried
    assert (blocked.method, blocked.reason) == (Method.CONSENSUS, Reason.BLOCKED)
    first = _check(rules, listen.id, agree=6, block=4).view.proposals[1].checks[-1].outcome
    assert first is not None and (first.carried, first.reason) == (False, Reason.BLOCKED)
    assert gr.adopted(group.collaborative_id) == ()

    adopted = _check(rules, decision.id, agree=10)
    assert adopted.view.decision_rule == MAJORITY
    assert gr.decision_rule(group.collaborative_id) == MAJORITY
    assert adopted.view.governing == MAJORITY

    # The same hands now carry: 6 support against 4 blocks is a majority of those taking a side.
    second = _check(rules, listen.id, agree=6, block=4).view.proposals[1]
    outcome = second.checks[-1].outcome
    assert outcome is not None and outcome.carried
    assert (outcome.method, outcome.reason, outcome.needed) == (Method.MAJORITY, Reason.MAJORITY, 6)
    assert second.status is ProposalStatus.ADOPTED
    # The earlier check keeps the rule it was decided under.
    assert second.checks[0].outcome == first
    assert _adopted_texts(rules, group.collaborative_id) == ["How we make decisions", "Listen"]


def test_adopting_a_changed_decision_rule_replaces_the_one_in_force(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 4)
    _, item = _meeting(rules, group, "Launch", 0)
    decision = gr.open(item, _starter(MAJORITY, "Listen")).proposals[0]
    _check(rules, decision.id, agree=4)
    two_thirds = DecisionRule(Method.TWO_THIRDS, quorum=2)
    gr.edit(decision.id, Wording("How we make decisions", "Bigger agreement.", two_thirds))
    _check(rules, decision.id, agree=3, block=1)  # governed by majority: carries
    assert gr.decision_rule(group.collaborative_id) == two_thirds
    in_force = gr.adopted(group.collaborative_id)
    assert [(r.kind, r.wording.decision) for r in in_force] == [(RuleKind.DECISION, two_thirds)]
    assert in_force[0].amended_meeting == ""  # adopted and changed at the same meeting


def test_a_decision_rule_with_a_quorum_refuses_checks_below_it(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 5)
    meeting_id, item = _meeting(rules, group, "Launch", 0, present=group.people[:4])
    decision, listen = gr.open(item, _starter(DecisionRule(Method.MAJORITY, quorum=5), "Listen")).proposals
    _check(rules, decision.id, agree=4)  # consensus has no quorum
    short = _check(rules, listen.id, agree=4).view.proposals[1].checks[-1].outcome
    assert short is not None and (short.carried, short.reason, short.quorum) == (False, Reason.NO_QUORUM, 5)
    rules.attendance.set_status(meeting_id, group.people[4], AttendanceStatus.LATE)  # late counts as present
    done = _check(rules, listen.id, agree=5).view.proposals[1]
    assert done.status is ProposalStatus.ADOPTED and done.checks[-1].present == 5


def test_consensus_then_vote_falls_back_to_the_vote_after_its_attempts(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 10)
    _, item = _meeting(rules, group, "Launch", 0)
    rule = DecisionRule(Method.CONSENSUS_THEN_VOTE, attempts=2, fallback=Method.TWO_THIRDS)
    decision, listen = gr.open(item, _starter(rule, "Listen")).proposals
    _check(rules, decision.id, agree=10)
    for attempt in (1, 2):
        proposal = _check(rules, listen.id, agree=7, block=3).view.proposals[1]
        outcome = proposal.checks[-1].outcome
        assert proposal.checks[-1].number == attempt
        assert outcome is not None and not outcome.fell_back
        assert (outcome.carried, outcome.method, outcome.reason) == (False, Method.CONSENSUS, Reason.BLOCKED)
        assert proposal.status is ProposalStatus.NOT_ADOPTED
    third = _check(rules, listen.id, agree=7, block=3).view.proposals[1]
    outcome = third.checks[-1].outcome
    assert outcome is not None and outcome.fell_back
    assert (outcome.carried, outcome.method, outcome.reason) == (True, Method.TWO_THIRDS, Reason.TWO_THIRDS)
    assert [c.number for c in third.checks] == [1, 2, 3]
    assert third.status is ProposalStatus.ADOPTED


# -- checks ----------------------------------------------------------------------------------------


def test_more_hands_than_people_present_are_refused_and_change_nothing(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 5)
    _, item = _meeting(rules, group, "Launch", 0, present=group.people[:3])
    listen = gr.open(item, _starter(DecisionRule(), "Listen")).proposals[1]
    gr.set_count(listen.id, "agree", 2)
    before = gr.view(item)
    draft = before.proposals[1].draft
    assert draft is not None and dict(draft.counts) == {
        "agree": 2,
        "reservations": 0,
        "stand_aside": 0,
        "block": 0,
    }
    with pytest.raises(TooManyResponses) as refused:
        gr.set_count(listen.id, "block", 2)
    assert (refused.value.counted, refused.value.present) == (4, 3)
    with pytest.raises(InvalidValue):
        gr.set_count(listen.id, "block", -1)
    with pytest.raises(InvalidValue):
        gr.set_count(listen.id, "5", 1)  # a fist-to-five choice on the gradients scale
    assert gr.view(item) == before
    gr.set_count(listen.id, "block", 1)  # exactly the people present is fine
    preview = gr.view(item).preview(gr.view(item).proposals[1])
    assert preview is not None and preview.tally.counted == 3 and preview.missing == 0


def test_a_count_taken_before_someone_left_is_refused_when_recorded(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    meeting_id, item = _meeting(rules, group, "Launch", 0)
    listen = gr.open(item, _starter(DecisionRule(), "Listen")).proposals[1]
    gr.set_count(listen.id, "agree", 3)
    rules.attendance.set_status(meeting_id, group.people[0], AttendanceStatus.ABSENT)
    before = gr.view(item)
    with pytest.raises(TooManyResponses):
        gr.record(listen.id)
    assert gr.view(item) == before
    gr.set_count(listen.id, "agree", 2)
    assert gr.record(listen.id).view.proposals[1].status is ProposalStatus.ADOPTED


def test_the_live_picture_survives_someone_leaving_after_the_count(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    meeting_id, item = _meeting(rules, group, "Launch", 0)
    listen = gr.open(item, _starter(DecisionRule(), "Listen")).proposals[1]
    gr.set_count(listen.id, "agree", 3)
    rules.attendance.set_status(meeting_id, group.people[0], AttendanceStatus.ABSENT)
    view = gr.view(item)
    view.preview(view.proposals[1])  # must not raise: it is only the live picture


def test_recording_with_nothing_counted_is_refused(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    _, item = _meeting(rules, group, "Launch", 0)
    listen = gr.open(item, _starter(DecisionRule(), "Listen")).proposals[1]
    before = gr.view(item)
    with pytest.raises(NotAllowed):
        gr.record(listen.id)  # no count started
    assert gr.view(item) == before
    gr.set_count(listen.id, "agree", 0)
    zeros = gr.view(item)
    assert zeros.proposals[1].draft is not None
    with pytest.raises(NotAllowed):
        gr.record(listen.id)  # a count of nobody
    assert gr.view(item) == zeros
    assert gr.view(item).proposals[1].checks == ()


def test_entry_person_by_person_counts_only_people_present(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 4)
    a, b, c, away = group.people
    meeting_id, item = _meeting(rules, group, "Launch", 0, present=[a, b, c])
    rules.attendance.set_status(meeting_id, away, AttendanceStatus.REGRETS)
    listen = gr.open(item, _starter(DecisionRule(), "Listen")).proposals[1]
    assert gr.set_entry(item, EntryMode.PEOPLE).view.entry is EntryMode.PEOPLE
    gr.set_choice(listen.id, a, "agree")
    gr.set_choice(listen.id, b, "reservations")
    gr.set_choice(listen.id, c, "block")
    before = gr.view(item)
    for person_id in (away, group.people[0] + 10_000):
        with pytest.raises(NotAllowed):
            gr.set_choice(listen.id, person_id, "agree")
    with pytest.raises(InvalidValue):
        gr.set_choice(listen.id, a, "for")
    assert gr.view(item) == before
    draft = before.proposals[1].draft
    assert draft is not None and draft.entry is EntryMode.PEOPLE
    assert draft.choices == ((a, "agree"), (b, "reservations"), (c, "block"))
    preview = before.preview(before.proposals[1])
    assert preview is not None and preview.tally.block == 1

    # The blocker leaves before the check is closed: only the people in the room count.
    rules.attendance.set_status(meeting_id, c, AttendanceStatus.ABSENT)
    recorded = gr.record(listen.id).view
    check = recorded.proposals[1].checks[-1]
    assert check.entry is EntryMode.PEOPLE and check.present == 2
    assert dict(check.counts) == {"agree": 1, "reservations": 1, "stand_aside": 0, "block": 0}
    assert check.outcome is not None and check.outcome.carried
    assert recorded.proposals[1].status is ProposalStatus.ADOPTED
    # The record stands when attendance changes afterwards.
    rules.attendance.set_status(meeting_id, a, AttendanceStatus.ABSENT)
    assert gr.view(item).proposals[1].checks == recorded.proposals[1].checks
    # Clearing a response takes it out of the next count.
    gr.set_choice(listen.id, b, "agree")
    gr.set_choice(listen.id, b, None)
    assert gr.view(item).proposals[1].draft is not None
    with pytest.raises(NotAllowed):
        gr.record(listen.id)


def test_a_failed_rule_reworded_and_checked_again_keeps_both_checks(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 5)
    _, item = _meeting(rules, group, "Launch", 0)
    phones = gr.open(item, _starter(DecisionRule(), "Phones are off")).proposals[1]
    assert phones.status is ProposalStatus.OPEN
    failed = _check(rules, phones.id, agree=3, reservations=1, block=1).view.proposals[1]
    assert failed.status is ProposalStatus.NOT_ADOPTED and failed.draft is None
    assert gr.adopted(group.collaborative_id) == ()
    reworded = Wording("Phones are silent; step out for calls", "Full attention without shutting anyone out.")
    revised = gr.edit(phones.id, reworded).view.proposals[1]
    assert revised.status is ProposalStatus.REVISED
    adopted = _check(rules, phones.id, agree=4, stand_aside=1).view.proposals[1]
    assert adopted.status is ProposalStatus.ADOPTED
    assert [c.number for c in adopted.checks] == [1, 2]
    assert [c.subject for c in adopted.checks] == [phones.wording, reworded]
    assert [c.outcome.carried for c in adopted.checks if c.outcome is not None] == [False, True]
    assert dict(adopted.checks[0].counts)["block"] == 1
    assert [r.wording for r in gr.adopted(group.collaborative_id)] == [reworded]
    # Rewording an adopted rule leaves the rule in force alone until a check carries it.
    after = gr.edit(phones.id, Wording("Phones are silent")).view
    assert after.proposals[1].status is ProposalStatus.REVISED
    assert [r.wording for r in after.adopted] == [reworded]
    assert [r.result for r in gr.minutes(item).rules] == [MinutesResult.NOT_CHECKED, MinutesResult.ADOPTED]
    assert gr.minutes(item).rules[1].wording == reworded  # the wording that was agreed


def test_changing_the_scale_starts_counts_again(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 4)
    _, item = _meeting(rules, group, "Launch", 0)
    decision, listen = gr.open(item, _starter(DecisionRule(), "Listen")).proposals
    gr.set_count(listen.id, "agree", 2)
    gr.set_count(decision.id, "agree", 4)
    assert all(p.draft is not None for p in gr.view(item).proposals)
    assert gr.set_scale(item, Scale.GRADIENTS).view == gr.view(item)  # the same scale keeps the drafts
    fist = gr.set_scale(item, Scale.FIST_TO_FIVE).view
    assert fist.scale is Scale.FIST_TO_FIVE
    assert all(p.draft is None for p in fist.proposals)
    with pytest.raises(InvalidValue):
        gr.set_count(listen.id, "agree", 1)
    with pytest.raises(InvalidValue):
        gr.set_scale(item, Scale.VOTE)
    check = _check(rules, listen.id, **{"5": 2, "3": 1, "1": 1}).view.proposals[1].checks[-1]
    assert check.scale is Scale.FIST_TO_FIVE
    assert [choice for choice, _ in check.counts] == list(CHOICES[Scale.FIST_TO_FIVE])
    assert check.outcome is not None and (check.outcome.carried, check.outcome.reason) == (
        False,
        Reason.OPPOSED,
    )


def test_clear_starts_the_count_of_one_rule_again(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    _, item = _meeting(rules, group, "Launch", 0)
    decision, listen = gr.open(item, _starter(DecisionRule(), "Listen")).proposals
    gr.set_count(listen.id, "agree", 2)
    gr.set_count(decision.id, "agree", 1)
    cleared = gr.clear(listen.id).view
    assert cleared.proposals[1].draft is None
    assert cleared.proposals[0].draft is not None


# -- undo ------------------------------------------------------------------------------------------


def _undo_redo(services: Services, item_id: int, action: Callable[[], Change]) -> Change:
    """Do the action, undo it, redo it; each step must give back exactly the view it stands for."""
    gr = services.ground_rules
    before = gr.view(item_id)
    change = action()
    assert change.view != before
    assert change.view == gr.view(item_id)
    assert gr.restore(change.before) == before
    assert gr.view(item_id) == before
    assert gr.restore(change.after) == change.view
    assert gr.view(item_id) == change.view
    return change


def test_every_action_is_undone_and_redone_by_putting_rows_back(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 4)
    _, item = _meeting(rules, group, "Launch", 0)
    decision, listen = gr.open(item, _starter(DecisionRule(), "Listen")).proposals
    cid = group.collaborative_id

    added = _undo_redo(rules, item, lambda: gr.add(item, Wording("Be on time", "Respect."), 0))
    on_time = added.view.proposals[1]
    _undo_redo(rules, item, lambda: gr.edit(on_time.id, Wording("Be on time, end on time")))
    _undo_redo(rules, item, lambda: gr.move(on_time.id, 2))
    _undo_redo(rules, item, lambda: gr.set_count(listen.id, "agree", 3))
    _undo_redo(rules, item, lambda: gr.set_count(listen.id, "reservations", 1))

    # A record that adopts creates a rule of the collaborative; undo takes it away again.
    recorded = _undo_redo(rules, item, lambda: gr.record(listen.id))
    assert [r.wording.text for r in recorded.view.adopted] == ["Listen"]
    gr.restore(recorded.before)
    assert gr.adopted(cid) == ()
    assert gr.view(item).proposals[1].draft is not None  # the counts are back
    gr.restore(recorded.after)
    assert _adopted_texts(rules, cid) == ["Listen"]

    # Removing an adopted rule retires it; undo brings it back into force.
    retired = _undo_redo(rules, item, lambda: gr.remove(listen.id))
    assert gr.adopted(cid) == ()
    gr.restore(retired.before)
    assert _adopted_texts(rules, cid) == ["Listen"]
    assert [r.result for r in gr.minutes(item).rules] == [
        MinutesResult.NOT_CHECKED, MinutesResult.ADOPTED, MinutesResult.NOT_CHECKED,
    ]  # fmt: skip

    _undo_redo(rules, item, lambda: gr.set_scale(item, Scale.FIST_TO_FIVE))
    _undo_redo(rules, item, lambda: gr.set_entry(item, EntryMode.PEOPLE))
    _undo_redo(rules, item, lambda: gr.set_choice(decision.id, group.people[0], "5"))
    _undo_redo(rules, item, lambda: gr.clear(decision.id))
    _undo_redo(rules, item, lambda: gr.set_choice(decision.id, group.people[1], "4"))
    adopted_decision = _undo_redo(rules, item, lambda: gr.record(decision.id))
    assert adopted_decision.view.decision_rule == DecisionRule()
    gr.restore(adopted_decision.before)
    assert gr.decision_rule(cid) is None


def test_undo_of_an_amendment_and_a_retirement_in_a_later_meeting(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    _, item1 = _meeting(rules, group, "Launch", 0)
    for proposal in gr.open(item1, _starter(DecisionRule(), "Listen", "Be on time")).proposals:
        _check(rules, proposal.id, agree=3)
    in_force = gr.adopted(group.collaborative_id)
    _, item2 = _meeting(rules, group, "Second", 7)
    _, listen, on_time = gr.open(item2, []).proposals

    _undo_redo(rules, item2, lambda: gr.edit(listen.id, Wording("Listen to understand")))
    _undo_redo(rules, item2, lambda: gr.set_count(listen.id, "agree", 3))
    amended = _undo_redo(rules, item2, lambda: gr.record(listen.id))
    assert amended.view.adopted[1].amended_meeting == "Second (2026-04-08)"
    gr.restore(amended.before)
    assert gr.adopted(group.collaborative_id) == in_force
    gr.restore(amended.after)
    retired = _undo_redo(rules, item2, lambda: gr.remove(on_time.id))
    assert [r.wording.text for r in retired.view.adopted] == ["How we make decisions", "Listen to understand"]
    gr.restore(retired.before)
    assert [r.result for r in gr.minutes(item2).rules] == [
        MinutesResult.CARRIED, MinutesResult.AMENDED, MinutesResult.CARRIED,
    ]  # fmt: skip
    gr.restore(retired.after)
    assert gr.minutes(item2).rules[-1].result is MinutesResult.RETIRED


def test_undoing_an_adoption_a_later_meeting_has_carried_is_refused_and_changes_nothing(
    rules: Services,
) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    _, item1 = _meeting(rules, group, "Launch", 0)
    listen = gr.open(item1, _starter(DecisionRule(), "Listen")).proposals[1]
    adopted = _check(rules, listen.id, agree=3)
    _, item2 = _meeting(rules, group, "Second", 7)
    carried = gr.open(item2, [])  # opening is not an undo step: the undo stack still holds the record
    with pytest.raises(FacilitatorError):
        gr.restore(adopted.before)
    assert gr.view(item1) == adopted.view
    assert gr.view(item2) == carried
    assert _adopted_texts(rules, group.collaborative_id) == ["Listen"]


# -- refusals --------------------------------------------------------------------------------------


def test_bad_wording_and_forbidden_removals_are_refused_and_change_nothing(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    _, item = _meeting(rules, group, "Launch", 0)
    decision, listen = gr.open(item, _starter(DecisionRule(), "One voice at a time")).proposals
    before = gr.view(item)
    refusals: list[tuple[type[Exception], Callable[[], object]]] = [
        (InvalidText, lambda: gr.add(item, Wording("   "))),
        (InvalidText, lambda: gr.add(item, Wording("x" * 301))),
        (InvalidText, lambda: gr.edit(listen.id, Wording(""))),
        (DuplicateName, lambda: gr.add(item, Wording("  one VOICE   at a time "))),
        (DuplicateName, lambda: gr.edit(listen.id, Wording("how we make  DECISIONS"))),
        (NotAllowed, lambda: gr.remove(decision.id)),
        (InvalidValue, lambda: gr.edit(decision.id, Wording("How we decide", "", DecisionRule(quorum=-1)))),
    ]
    for error, action in refusals:
        with pytest.raises(error):
            action()
    assert gr.view(item) == before
    # A proposal may take its own text with other case and spacing.
    assert (
        gr.edit(listen.id, Wording("one voice at  a time")).view.proposals[1].wording.text
        == "one voice at a time"
    )


def test_items_that_are_not_opened_ground_rules_are_refused(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 2)
    meeting_id, item = _meeting(rules, group, "Launch", 0)
    other = rules.agenda.add(meeting_id, AgendaFields(AgendaKind.DISCUSSION, "Talk", "", 10))
    with pytest.raises(NotAllowed):
        gr.open(other.id, _starter(DecisionRule(), "Listen"))
    with pytest.raises(InvalidText):
        gr.open(item, _starter(DecisionRule(), "Listen", " "))
    with pytest.raises(NotAllowed):
        gr.set_scale(item, Scale.FIST_TO_FIVE)  # the failed opening left nothing behind
    assert gr.view(item).proposals == ()
    _, elsewhere = _meeting(rules, group, "Second", 7)
    theirs = gr.open(elsewhere, _starter(DecisionRule(), "Listen")).proposals[1]
    gr.open(item, _starter(DecisionRule(), "Listen"))
    with pytest.raises(NotAllowed):
        gr.set_current(item, theirs.id)
    mine = gr.view(item).proposals[1]
    assert gr.set_current(item, mine.id).current == mine


# -- the sample ------------------------------------------------------------------------------------


def test_the_sample_launch_meeting_has_agreed_its_ground_rules(rules: Services) -> None:
    upcoming_id = rules.sample.create()
    (summary,) = rules.collaboratives.overview()
    launch_id = next(m.id for m in summary.meetings if m.id != upcoming_id)
    launch = rules.meetings.detail(launch_id)
    assert launch.meeting.status is MeetingStatus.CLOSED
    (item,) = [i for i in launch.agenda if i.kind is AgendaKind.GROUND_RULES]
    view = rules.ground_rules.view(item.id)
    assert len(view.proposals) == 8
    statuses = [p.status for p in view.proposals]
    assert statuses.count(ProposalStatus.NOT_ADOPTED) == 1
    assert statuses.count(ProposalStatus.ADOPTED) == 7
    (twice,) = [p for p in view.proposals if len(p.checks) == 2]
    assert twice.checks[0].outcome is not None and not twice.checks[0].outcome.carried
    assert twice.checks[1].outcome is not None and twice.checks[1].outcome.carried
    assert twice.checks[0].subject != twice.checks[1].subject == twice.wording
    assert view.proposals[0].kind is RuleKind.DECISION
    assert view.decision_rule == SAMPLE_DECISION_RULE
    assert view.decision_rule == DecisionRule(Method.CONSENSUS_THEN_VOTE, 8, 2, Method.TWO_THIRDS)
    assert rules.ground_rules.decision_rule(summary.id) == SAMPLE_DECISION_RULE
    assert len(rules.ground_rules.adopted(summary.id)) == 7

    upcoming = rules.meetings.detail(upcoming_id)
    (next_item,) = [i for i in upcoming.agenda if i.kind is AgendaKind.GROUND_RULES]
    carried = rules.ground_rules.open(next_item.id, [])
    assert [p.wording for p in carried.proposals] == [
        p.wording for p in view.proposals if p.status is ProposalStatus.ADOPTED
    ]
    assert all(p.status is ProposalStatus.CARRIED for p in carried.proposals)


# -- property --------------------------------------------------------------------------------------

PRESENT = 4
ENTRIES = st.lists(
    st.tuples(st.sampled_from(CHOICES[Scale.GRADIENTS]), st.integers(0, PRESENT)), min_size=0, max_size=8
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from([0, 1]), entries=ENTRIES)
def test_recording_any_count_is_undone_and_redone_exactly(
    rules: Services, target: int, entries: list[tuple[str, int]]
) -> None:
    gr = rules.ground_rules
    group = _group(rules, PRESENT + 1)
    _, item = _meeting(rules, group, "Launch", 0, present=group.people[:PRESENT])
    proposal_id = gr.open(item, _starter(MAJORITY, "Listen")).proposals[target].id
    for choice, count in entries:
        unchanged = gr.view(item)
        try:
            gr.set_count(proposal_id, choice, count)
        except TooManyResponses:
            assert gr.view(item) == unchanged
    before = gr.view(item)
    draft = before.proposals[target].draft
    counts = dict(draft.counts) if draft is not None else {}
    assert sum(counts.values()) <= PRESENT
    if sum(counts.values()) == 0:
        with pytest.raises(NotAllowed):
            gr.record(proposal_id)
        assert gr.view(item) == before
        return
    change = gr.record(proposal_id)
    check = change.view.proposals[target].checks[-1]
    assert dict(check.counts) == counts and check.present == PRESENT
    assert check.outcome is not None
    assert bool(change.view.adopted) == check.outcome.carried
    assert gr.restore(change.before) == before
    assert gr.adopted(group.collaborative_id) == ()
    assert gr.restore(change.after) == change.view
    assert gr.view(item) == change.view


def test_undoing_an_adoption_that_a_later_meeting_carried_is_refused_in_plain_terms(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    _, first = _meeting(rules, group, "Launch", 0)
    listen = gr.open(first, _starter(DecisionRule(), "Listen")).proposals[1]
    adoption = _check(rules, listen.id, agree=3)
    _, second = _meeting(rules, group, "Second", 7)
    assert "Listen" in _texts(gr.open(second, _starter(DecisionRule())))
    with pytest.raises(NotAllowed, match="carried into another meeting"):
        gr.restore(adoption.before)
    assert _adopted_texts(rules, group.collaborative_id) == ["Listen"]  # nothing half undone


def test_a_collaborative_without_a_decision_rule_can_still_agree_one_later(rules: Services) -> None:
    gr = rules.ground_rules
    group = _group(rules, 3)
    _, first = _meeting(rules, group, "Launch", 0)
    view = gr.open(first, _starter(MAJORITY, "Listen"))
    _check(rules, view.proposals[0].id, agree=2, block=1)  # the decision rule fails under consensus
    _check(rules, view.proposals[1].id, agree=3)
    assert gr.decision_rule(group.collaborative_id) is None
    _, second = _meeting(rules, group, "Second", 7)
    carried = gr.open(second, _starter(MAJORITY))
    assert [p.kind for p in carried.proposals] == [RuleKind.RULE, RuleKind.DECISION]
    assert carried.proposals[0].carried and not carried.proposals[1].carried
    _check(rules, carried.proposals[1].id, agree=3)
    assert gr.decision_rule(group.collaborative_id) == MAJORITY
