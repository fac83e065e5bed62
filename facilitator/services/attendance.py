"""Who is in the room: marking attendance and adding people at the door."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from facilitator.domain.errors import NotAllowed
from facilitator.domain.model import AttendanceStatus, Attendee, PersonFields
from facilitator.services.base import Service, load
from facilitator.services.people import PeopleService
from facilitator.storage import readmodel
from facilitator.storage.models import AttendanceRow, MeetingRow, PersonRow, SectorRow
from facilitator.storage.store import raw


class AttendanceService(Service):
    def for_meeting(self, meeting_id: int) -> list[Attendee]:
        with self.store.transaction() as session:
            db = raw(session)
            return readmodel.attendees(db, readmodel.meeting(db, meeting_id))

    def set_status(
        self, meeting_id: int, person_id: int, status: AttendanceStatus, arrived_at: datetime | None = None
    ) -> Attendee:
        """Mark one person; ``arrived_at`` defaults to now for late arrivals (undo passes the old one)."""
        with self.store.transaction() as session:
            self.set_in(session, meeting_id, person_id, status, arrived_at)
            return readmodel.attendee(raw(session), meeting_id, person_id)

    def set_in(
        self, session: Session, meeting_id: int, person_id: int, status: AttendanceStatus,
        arrived_at: datetime | None = None,
    ) -> None:  # fmt: skip
        meeting = load(session, MeetingRow, meeting_id)
        person = load(session, PersonRow, person_id, include_deleted=True)
        if person.collaborative_id != meeting.collaborative_id:
            raise NotAllowed("person belongs to another collaborative")
        if status is AttendanceStatus.EXPECTED:
            # "Not marked" is the absence of a record; the row holds nothing else to lose.
            session.execute(
                delete(AttendanceRow).where(
                    AttendanceRow.meeting_id == meeting_id, AttendanceRow.person_id == person_id
                )
            )
            return
        row = session.scalar(
            select(AttendanceRow).where(
                AttendanceRow.meeting_id == meeting_id, AttendanceRow.person_id == person_id
            )
        )
        if row is None:
            row = AttendanceRow(meeting_id=meeting_id, person_id=person_id, status=status.value)
            session.add(row)
        row.status = status.value
        if status is AttendanceStatus.LATE:
            row.arrived_at = arrived_at or row.arrived_at or self.now()
        else:
            row.arrived_at = arrived_at
        session.flush()

    def add_at_door(self, meeting_id: int, fields: PersonFields, status: AttendanceStatus) -> Attendee:
        """Someone not on the roster walks in: add them to the collaborative and mark them, at once."""
        with self.store.transaction() as session:
            meeting = load(session, MeetingRow, meeting_id)
            person = PeopleService(self.store, self.clock).add_in(session, meeting.collaborative_id, fields)
            self.set_in(session, meeting_id, person.id, status)
            return readmodel.attendee(raw(session), meeting_id, person.id)

    def undo_add_at_door(self, meeting_id: int, person_id: int) -> None:
        with self.store.transaction() as session:
            self.set_in(session, meeting_id, person_id, AttendanceStatus.EXPECTED)
            load(session, PersonRow, person_id).deleted_at = self.now()

    def redo_add_at_door(self, meeting_id: int, person_id: int, status: AttendanceStatus) -> Attendee:
        with self.store.transaction() as session:
            load(session, PersonRow, person_id, include_deleted=True).deleted_at = None
            self.set_in(session, meeting_id, person_id, status)
            return readmodel.attendee(raw(session), meeting_id, person_id)


def present_people(session: Session, meeting_id: int) -> list[tuple[int, str, str]]:
    """The people in the room (present or arrived late), by name: id, name and sector name."""
    rows = session.execute(
        select(PersonRow.id, PersonRow.name, SectorRow.name)
        .join(AttendanceRow, AttendanceRow.person_id == PersonRow.id)
        .outerjoin(SectorRow, SectorRow.id == PersonRow.sector_id)
        .where(AttendanceRow.meeting_id == meeting_id)
        .where(AttendanceRow.status.in_([s.value for s in AttendanceStatus if s.in_room]))
        .order_by(PersonRow.name, PersonRow.id)
    )
    return [(pid, name, sector or "") for pid, name, sector in rows]
