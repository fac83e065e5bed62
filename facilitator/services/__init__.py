"""Use cases: each public method is one user action, one transaction, and returns snapshots.

The services are imported when they are built, not when this package is: a technique's service
imports helpers from this package (``rowset``, ``base``), and importing every service here would
make whichever module is imported first, at start-up or on reopening a meeting mid-step, a cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.services.agenda import AgendaService
    from facilitator.services.attendance import AttendanceService
    from facilitator.services.collaboratives import CollaborativeService
    from facilitator.services.exchange import ExchangeService
    from facilitator.services.meetings import MeetingService
    from facilitator.services.people import PeopleService
    from facilitator.services.record import RecordService
    from facilitator.services.run import RunService
    from facilitator.services.sample import SampleService
    from facilitator.services.sectors import SectorService
    from facilitator.storage.store import Store
    from facilitator.techniques.brainstorming.service import BrainstormService
    from facilitator.techniques.ground_rules.service import GroundRulesService
    from facilitator.techniques.idea_writing.service import IdeaWritingService
    from facilitator.techniques.nominal_group.service import NominalGroupService


@dataclass
class Services:
    store: Store
    sectors: SectorService
    collaboratives: CollaborativeService
    people: PeopleService
    meetings: MeetingService
    attendance: AttendanceService
    agenda: AgendaService
    run: RunService
    sample: SampleService
    ground_rules: GroundRulesService
    brainstorm: BrainstormService
    nominal_group: NominalGroupService
    idea_writing: IdeaWritingService
    record: RecordService
    exchange: ExchangeService

    def close(self) -> None:
        self.store.close()


def build_services(path: Path, clock: Callable[[], datetime] = datetime.now) -> Services:
    """Services over an existing, current store file (see storage.migrate.prepare)."""
    from facilitator.services.agenda import AgendaService
    from facilitator.services.attendance import AttendanceService
    from facilitator.services.collaboratives import CollaborativeService
    from facilitator.services.exchange import ExchangeService
    from facilitator.services.meetings import MeetingService
    from facilitator.services.people import PeopleService
    from facilitator.services.record import RecordService
    from facilitator.services.run import RunService
    from facilitator.services.sample import SampleService
    from facilitator.services.sectors import SectorService
    from facilitator.storage.store import Store
    from facilitator.techniques.brainstorming.service import BrainstormService
    from facilitator.techniques.ground_rules.service import GroundRulesService
    from facilitator.techniques.idea_writing.service import IdeaWritingService
    from facilitator.techniques.nominal_group.service import NominalGroupService

    store = Store(path)
    return Services(
        store=store,
        sectors=SectorService(store, clock),
        collaboratives=CollaborativeService(store, clock),
        people=PeopleService(store, clock),
        meetings=MeetingService(store, clock),
        attendance=AttendanceService(store, clock),
        agenda=AgendaService(store, clock),
        run=RunService(store, clock),
        sample=SampleService(store, clock),
        ground_rules=GroundRulesService(store, clock),
        brainstorm=BrainstormService(store, clock),
        nominal_group=NominalGroupService(store, clock),
        idea_writing=IdeaWritingService(store, clock),
        record=RecordService(store, clock),
        exchange=ExchangeService(store, clock),
    )
