"""The sample collaborative that lets a new facilitator look around before their own first meeting.

Fictional people and places. The sample is written in one transaction: whole or not at all.
"""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.domain.decision import DecisionRule, Method, Scale, decide
from facilitator.domain.model import (
    AgendaFields,
    AgendaKind,
    AttendanceStatus,
    CollaborativeFields,
    ItemState,
    MeetingFields,
    MeetingStatus,
    PersonFields,
)
from facilitator.domain.people import SEED_SECTORS
from facilitator.domain.record import (
    NO_SECTOR,
    OVERALL,
    Disposition,
    MeetingKind,
    outcome_to_json,
    total_counts,
)
from facilitator.services.agenda import AgendaService
from facilitator.services.attendance import AttendanceService
from facilitator.services.base import Service
from facilitator.services.collaboratives import CollaborativeService
from facilitator.services.meetings import MeetingService
from facilitator.services.people import PeopleService
from facilitator.services.sectors import SectorService
from facilitator.storage.models import (
    ActionItemRow,
    AgendaItemRow,
    DecisionRow,
    MeetingRecordRow,
    MeetingRow,
    ParkedItemRow,
    PersonRow,
    RuleProposalRow,
)
from facilitator.techniques.ground_rules.model import RuleKind, Wording
from facilitator.techniques.ground_rules.service import GroundRulesService, StarterRule

SAMPLE_NAME = "Millbrook Youth Futures Collaborative"

# name, organisation, sector (one of SEED_SECTORS), status at the first meeting
PEOPLE: tuple[tuple[str, str, str, AttendanceStatus], ...] = (
    ("Rosa Delgado", "Millbrook City Council", "Government", AttendanceStatus.PRESENT),
    ("Kwame Mensah", "County Youth Services", "Government", AttendanceStatus.PRESENT),
    ("Hannah Fischer", "Fischer Hardware", "Business", AttendanceStatus.PRESENT),
    ("Daniel Okafor", "Millbrook Chamber of Commerce", "Business", AttendanceStatus.REGRETS),
    ("Priya Raman", "Northside Family Centre", "Nonprofit", AttendanceStatus.PRESENT),
    ("Tomás Herrera", "Boys and Girls Club", "Nonprofit", AttendanceStatus.PRESENT),
    ("Grace Whitfield", "Food Bank of Millbrook", "Nonprofit", AttendanceStatus.LATE),
    ("Marcus Bell", "", "Community resident", AttendanceStatus.PRESENT),
    ("Leila Haddad", "", "Community resident", AttendanceStatus.PRESENT),
    ("Joe Kowalski", "Elm Street Tenants' Association", "Community resident", AttendanceStatus.PRESENT),
    ("Rev. Samuel Ayodele", "Grace Fellowship Church", "Faith", AttendanceStatus.PRESENT),
    ("Imam Yusuf Karimi", "Millbrook Islamic Centre", "Faith", AttendanceStatus.ABSENT),
    ("Linda Cho", "Millbrook High School", "Education", AttendanceStatus.PRESENT),
    ("Dr. Ellen Park", "Riverside Community College", "Education", AttendanceStatus.PRESENT),
    ("Nadia Petrova", "Millbrook Community Health Clinic", "Health", AttendanceStatus.PRESENT),
)

FIRST_AGENDA: tuple[AgendaFields, ...] = (
    AgendaFields(AgendaKind.DISCUSSION, "Welcome and introductions",
                 "Say your name, who you are here for, and one hope for Millbrook's young people.", 15),
    AgendaFields(AgendaKind.GROUND_RULES, "How we will work together",
                 "Which agreements do we need so that everyone can speak and be heard?", 25),
    AgendaFields(AgendaKind.BRAINSTORMING, "What keeps young people from thriving here?",
                 "What stops Millbrook's young people from finding work, learning and belonging?", 30),
    AgendaFields(AgendaKind.BREAK, "Break", "", 10),
    AgendaFields(AgendaKind.NOMINAL_GROUP, "Our first priorities",
                 "Of the problems we listed, which should this collaborative take on first?", 75),
    AgendaFields(AgendaKind.DECISIONS, "Decisions and next steps", "", 20),
)  # fmt: skip

SECOND_AGENDA: tuple[AgendaFields, ...] = (
    AgendaFields(AgendaKind.GROUND_RULES, "Our ground rules",
                 "Do the agreements from our launch still serve us? Anything to add or change?", 10),
    AgendaFields(AgendaKind.DISCUSSION, "Review of action items",
                 "What has been done since the last meeting, and what is still open?", 15),
    AgendaFields(AgendaKind.IDEA_WRITING, "Ideas for summer jobs",
                 "How could employers, schools and congregations open more summer jobs for teenagers?", 60),
    AgendaFields(AgendaKind.BREAK, "Break", "", 10),
    AgendaFields(AgendaKind.DECISIONS, "Decide on a pilot", "", 25),
)  # fmt: skip


# The launch meeting's ground rules: wording, why, and each check by gradients of agreement
# (fully agree, reservations, stand aside, block). A second wording means the rule was revised.
GROUND_RULES: tuple[tuple[RuleKind, str, str, tuple[tuple[str, tuple[int, int, int, int]], ...]], ...] = (
    (RuleKind.DECISION, "How we make decisions",
     "We agreed early so that no hard choice turns into a fight about process.",
     (("", (9, 2, 1, 0)),)),
    (RuleKind.RULE, "Only the co-chairs speak to the media for the collaborative.",
     "One agreed voice keeps partners from being quoted for positions the group never took.",
     (("", (8, 1, 1, 2)),
      ("Only the co-chairs, or someone the group names, speak to the media for the collaborative.",
       (10, 2, 0, 0)))),
    (RuleKind.RULE, "What is said here stays here unless the group agrees to share it.",
     "People speak frankly when their words will not travel without them.", (("", (11, 1, 0, 0)),)),
    (RuleKind.RULE, "Minutes reach every partner within a week.",
     "Everyone hears the same thing at the same time.", (("", (12, 0, 0, 0)),)),
    (RuleKind.RULE, "Representatives check with their organisations before committing them.",
     "A promise only holds if the organisation behind it stands by it.", (("", (9, 2, 1, 0)),)),
    (RuleKind.RULE, "No decisions outside scheduled meetings unless every partner is present.",
     "Side-room decisions wear away trust.", (("", (10, 2, 0, 0)),)),
    (RuleKind.RULE, "One voice at a time, and we listen to understand.",
     "Quieter voices get heard, and the recorder can keep up.", (("", (12, 0, 0, 0)),)),
    (RuleKind.RULE, "Phones are switched off for the whole meeting.",
     "Full attention for the time we have together.", (("", (4, 2, 2, 4)),)),
)  # fmt: skip
# The launch meeting's proposals: wording, proposer, what it draws on, scale, counts (overall, or
# per sector keyed by a person of that sector), disposition and note.
DECISIONS: tuple[tuple[str, str, str, Scale, dict[str, object], Disposition, str], ...] = (
    ("Summer jobs for teenagers are the collaborative's first priority for the coming year.",
     "Kwame Mensah", "Our first priorities: first in the final vote", Scale.GRADIENTS,
     {"agree": 9, "reservations": 3, "stand_aside": 1, "block": 0}, Disposition.ADOPTED, ""),
    ("A working group of five designs a summer jobs pilot and brings it to the next meeting.",
     "Hannah Fischer", "Decision 1", Scale.VOTE,
     {"Rosa Delgado": {"for": 2, "against": 0, "abstain": 0},
      "Hannah Fischer": {"for": 1, "against": 0, "abstain": 0},
      "Priya Raman": {"for": 3, "against": 0, "abstain": 0},
      "Marcus Bell": {"for": 2, "against": 0, "abstain": 1},
      "Rev. Samuel Ayodele": {"for": 1, "against": 0, "abstain": 0},
      "Linda Cho": {"for": 2, "against": 0, "abstain": 0},
      "Nadia Petrova": {"for": 1, "against": 0, "abstain": 0}}, Disposition.ADOPTED, ""),
    ("Ask the city council to fund a free bus pass for young people in summer jobs.",
     "Joe Kowalski", "Brainstorm: getting to work", Scale.VOTE, {}, Disposition.DEFERRED,
     "The council sets its budget in January; Rosa will find out when requests are due."),
)  # fmt: skip

# What, who, days before the next meeting it is due, and the decision (index) it follows from.
ACTIONS: tuple[tuple[str, str, int, int | None], ...] = (
    ("Send these minutes to every partner", "Linda Cho", 21, None),
    ("Invite five employers to the working session", "Hannah Fischer", 7, 1),
    ("Draft an outline of the pilot for the working group", "Dr. Ellen Park", 3, 1),
    ("List the summer programmes for teenagers that already exist", "Priya Raman", 1, 0),
)

PARKED: tuple[str, ...] = (
    "How young people without a car get to jobs on the edge of town",
    "A seat for young people themselves at this table",
)

SAMPLE_DECISION_RULE = DecisionRule(
    Method.CONSENSUS_THEN_VOTE, quorum=8, attempts=2, fallback=Method.TWO_THIRDS
)
GRADIENT_CHOICES = ("agree", "reservations", "stand_aside", "block")


class SampleService(Service):
    def create(self) -> int:
        """Fill the store with the sample; returns the id of its upcoming meeting."""
        store, clock = self.store, self.clock
        sectors = SectorService(store, clock)
        sectors.seed(SEED_SECTORS)
        listed = sectors.all()
        by_name = {s.name: s.id for s in listed}
        # A store seeded in another language has the same sectors in the same order.
        by_seed = {name: listed[i].id for i, name in enumerate(SEED_SECTORS) if i < len(listed)}
        now = self.now().replace(hour=18, minute=0, second=0)
        with store.transaction() as session:
            collaborative = CollaborativeService(store, clock).create_in(
                session,
                CollaborativeFields(
                    SAMPLE_NAME,
                    purpose="Bring the whole town together so that every young person in Millbrook "
                    "has a path to work, learning and belonging.",
                    vision="A town where young people are known, needed and hopeful.",
                    mission="We pool what each sector knows and has, agree on a few priorities at a "
                    "time, and act on them together.",
                ),
            )
            people_service, attendance = PeopleService(store, clock), AttendanceService(store, clock)
            meetings, agenda = MeetingService(store, clock), AgendaService(store, clock)
            first = meetings.create_in(
                session, collaborative.id,
                MeetingFields("Launch meeting", now - timedelta(days=28), "Millbrook Public Library, Room B",
                              "Agree how we work, name the problems, choose where to start.",
                              "Rosa Delgado", "Linda Cho"),
            )  # fmt: skip
            second = meetings.create_in(
                session, collaborative.id,
                MeetingFields("Summer jobs working session", now + timedelta(days=7),
                              "Grace Fellowship Church hall", "Turn our first priority into a pilot.",
                              "Rosa Delgado", "Linda Cho"),
            )  # fmt: skip
            for name, organisation, sector, status in PEOPLE:
                person = people_service.add_in(
                    session,
                    collaborative.id,
                    PersonFields(name, organisation, by_name.get(sector, by_seed.get(sector)), ""),
                )
                arrived = first.starts_at + timedelta(minutes=20) if status is AttendanceStatus.LATE else None
                attendance.set_in(session, first.id, person.id, status, arrived)
            for fields in FIRST_AGENDA:
                row = agenda.add_in(session, first.id, fields)
                row.state, row.elapsed_seconds = ItemState.DONE.value, fields.minutes * 60
                if fields.kind is AgendaKind.GROUND_RULES:
                    session.flush()
                    self._ground_rules(session, row.id)
            for fields in SECOND_AGENDA:
                agenda.add_in(session, second.id, fields)
            _close(first)
            session.flush()
            self._record(session, first, second)
            return second.id

    def _record(self, session: Session, first: MeetingRow, second: MeetingRow) -> None:
        """The launch meeting's decisions, action items and parking lot, and what comes next."""
        people = {
            row.name: row
            for row in session.scalars(
                select(PersonRow).where(PersonRow.collaborative_id == first.collaborative_id)
            )
        }
        sector_keys = {
            row.id: str(row.sector_id) if row.sector_id is not None else NO_SECTOR for row in people.values()
        }
        item = session.scalars(
            select(AgendaItemRow).where(
                AgendaItemRow.meeting_id == first.id, AgendaItemRow.kind == AgendaKind.DECISIONS.value
            )
        ).one()
        present = sum(1 for *_rest, status in PEOPLE if status.in_room)
        recorded = first.starts_at + timedelta(hours=2, minutes=50)
        decisions = []
        for position, (wording, proposer, draws_on, scale, counts, disposition, note) in enumerate(DECISIONS):
            by_sector = isinstance(next(iter(counts.values()), None), dict)
            stored: dict[str, dict[str, int]] = (
                {sector_keys[people[name].id]: dict(part) for name, part in counts.items()}  # type: ignore[call-overload]
                if by_sector
                else ({OVERALL: dict(counts)} if counts else {})  # type: ignore[arg-type]
            )
            outcome = None
            if stored:
                total = total_counts(scale, stored)
                outcome = outcome_to_json(
                    decide(SAMPLE_DECISION_RULE, scale, total, present), SAMPLE_DECISION_RULE
                )
            row = DecisionRow(
                meeting_id=first.id, item_id=item.id, position=position, wording=wording,
                proposer_id=people[proposer].id, draws_on=draws_on, scale=scale.value, by_sector=by_sector,
                counts=json.dumps(stored, sort_keys=True), disposition=disposition.value, note=note,
                outcome=outcome, recorded_at=recorded, created_at=recorded,
            )  # fmt: skip
            session.add(row)
            decisions.append(row)
        session.flush()
        for position, (what, owner, due_days, decision) in enumerate(ACTIONS):
            person = people[owner]
            session.add(
                ActionItemRow(
                    collaborative_id=first.collaborative_id,
                    meeting_id=first.id,
                    decision_id=decisions[decision].id if decision is not None else None,
                    position=position,
                    what=what,
                    owner_id=person.id,
                    organisation=person.organisation,
                    due=(second.starts_at - timedelta(days=due_days)).date().isoformat(),
                    status="open",
                    created_at=recorded,
                )
            )
        for position, text in enumerate(PARKED):
            session.add(ParkedItemRow(meeting_id=first.id, position=position, text=text, created_at=recorded))
        session.add(
            MeetingRecordRow(
                meeting_id=first.id,
                kind=MeetingKind.SPECIAL.value,
                previous_approval="",
                correction="",
                next_starts_at=second.starts_at,
                next_place=second.place,
            )
        )
        session.add(
            MeetingRecordRow(
                meeting_id=second.id,
                kind=MeetingKind.WORKSHOP.value,
                previous_approval="",
                correction="",
                next_place="",
            )
        )

    def _ground_rules(self, session: Session, item_id: int) -> None:
        rules = GroundRulesService(self.store, self.clock)
        starter = [
            StarterRule(kind, Wording(text, why, SAMPLE_DECISION_RULE if kind is RuleKind.DECISION else None))
            for kind, text, why, _checks in GROUND_RULES
        ]
        rules.open_in(session, item_id, starter)
        proposals = session.scalars(
            select(RuleProposalRow)
            .where(RuleProposalRow.item_id == item_id)
            .order_by(RuleProposalRow.position)
        ).all()
        for proposal, (_kind, _text, _why, checks) in zip(proposals, GROUND_RULES, strict=True):
            for revised, counts in checks:
                if revised:
                    proposal.text = revised
                rules.count_in(session, proposal.id, dict(zip(GRADIENT_CHOICES, counts, strict=True)))
                rules.record_in(session, item_id, proposal.id)


def _close(meeting: MeetingRow) -> None:
    meeting.status = MeetingStatus.CLOSED.value
    meeting.started_at = meeting.starts_at
    meeting.closed_at = meeting.starts_at + timedelta(hours=3)
