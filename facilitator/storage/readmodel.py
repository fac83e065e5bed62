"""What the screens show, read with plain SQL on a sqlite3 connection.

The same functions serve the services (on the connection of their transaction) and the first
paint at start-up (on a bare connection, before SQLAlchemy is imported), so there is one read
path and launching stays close to the cost of a bare Qt window.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from facilitator.domain.errors import NotFound
from facilitator.domain.model import (
    AgendaItem,
    AgendaKind,
    AttendanceStatus,
    Attendee,
    Collaborative,
    CollaborativeSummary,
    ItemState,
    Meeting,
    MeetingDetail,
    MeetingStatus,
    MeetingSummary,
    Person,
    Sector,
)

LAST_MEETING_KEY = "last_meeting_id"


def _when(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def sectors(db: sqlite3.Connection) -> list[Sector]:
    rows = db.execute("SELECT id, name, position FROM sectors WHERE deleted_at IS NULL ORDER BY position, id")
    return [Sector(*row) for row in rows]


def collaborative(db: sqlite3.Connection, collaborative_id: int) -> Collaborative:
    row = db.execute(
        "SELECT id, name, purpose, vision, mission FROM collaboratives WHERE id = ? AND deleted_at IS NULL",
        (collaborative_id,),
    ).fetchone()
    if row is None:
        raise NotFound("collaborative", collaborative_id)
    return Collaborative(*row)


def overview(db: sqlite3.Connection) -> list[CollaborativeSummary]:
    """Every collaborative with its meetings, newest meeting first, for the navigator."""
    meetings: dict[int, list[MeetingSummary]] = {}
    for row in db.execute(
        "SELECT id, collaborative_id, title, starts_at, status FROM meetings"
        " WHERE deleted_at IS NULL ORDER BY starts_at DESC, id DESC"
    ):
        summary = MeetingSummary(row[0], row[1], row[2], _at(row[3]), MeetingStatus(row[4]))
        meetings.setdefault(summary.collaborative_id, []).append(summary)
    return [
        CollaborativeSummary(cid, name, tuple(meetings.get(cid, ())))
        for cid, name in db.execute(
            "SELECT id, name FROM collaboratives WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id"
        )
    ]


_PERSON_COLUMNS = (
    "p.id, p.collaborative_id, p.name, p.organisation, p.sector_id, COALESCE(s.name, ''), p.contact"
)


def people(db: sqlite3.Connection, collaborative_id: int) -> list[Person]:
    rows = db.execute(
        f"SELECT {_PERSON_COLUMNS} FROM people p LEFT JOIN sectors s ON s.id = p.sector_id"
        " WHERE p.collaborative_id = ? AND p.deleted_at IS NULL ORDER BY p.name COLLATE NOCASE, p.id",
        (collaborative_id,),
    )
    return [Person(*row) for row in rows]


def person(db: sqlite3.Connection, person_id: int) -> Person:
    row = db.execute(
        f"SELECT {_PERSON_COLUMNS} FROM people p LEFT JOIN sectors s ON s.id = p.sector_id WHERE p.id = ?",
        (person_id,),
    ).fetchone()
    if row is None:
        raise NotFound("person", person_id)
    return Person(*row)


def meeting(db: sqlite3.Connection, meeting_id: int) -> Meeting:
    row = db.execute(
        "SELECT id, collaborative_id, title, starts_at, place, purpose, facilitator, recorder, status,"
        " current_item_id, started_at, closed_at FROM meetings WHERE id = ? AND deleted_at IS NULL",
        (meeting_id,),
    ).fetchone()
    if row is None:
        raise NotFound("meeting", meeting_id)
    return Meeting(
        row[0], row[1], row[2], _at(row[3]), row[4], row[5], row[6], row[7],
        MeetingStatus(row[8]), row[9], _when(row[10]), _when(row[11]),
    )  # fmt: skip


def attendees(db: sqlite3.Connection, meeting: Meeting) -> list[Attendee]:
    """The collaborative's roster with each person's status at this meeting.

    People removed from the roster still show where this meeting recorded them.
    """
    rows = db.execute(
        f"SELECT {_PERSON_COLUMNS}, a.status, a.arrived_at FROM people p"
        " LEFT JOIN sectors s ON s.id = p.sector_id"
        " LEFT JOIN attendance a ON a.person_id = p.id AND a.meeting_id = ?"
        " WHERE p.collaborative_id = ? AND (p.deleted_at IS NULL OR a.id IS NOT NULL)"
        " ORDER BY p.name COLLATE NOCASE, p.id",
        (meeting.id, meeting.collaborative_id),
    )
    return [_attendee(row) for row in rows]


def attendee(db: sqlite3.Connection, meeting_id: int, person_id: int) -> Attendee:
    row = db.execute(
        f"SELECT {_PERSON_COLUMNS}, a.status, a.arrived_at FROM people p"
        " LEFT JOIN sectors s ON s.id = p.sector_id"
        " LEFT JOIN attendance a ON a.person_id = p.id AND a.meeting_id = ? WHERE p.id = ?",
        (meeting_id, person_id),
    ).fetchone()
    if row is None:
        raise NotFound("person", person_id)
    return _attendee(row)


def _attendee(row: tuple[object, ...]) -> Attendee:
    person = Person(*row[:7])  # type: ignore[arg-type]
    status = AttendanceStatus(str(row[7])) if row[7] else AttendanceStatus.EXPECTED
    return Attendee(person, status, _when(row[8]))  # type: ignore[arg-type]


_ITEM_COLUMNS = "id, meeting_id, position, kind, title, prompt, minutes, state, elapsed_seconds, activated_at"


def agenda(db: sqlite3.Connection, meeting_id: int) -> list[AgendaItem]:
    rows = db.execute(
        f"SELECT {_ITEM_COLUMNS} FROM agenda_items WHERE meeting_id = ? AND deleted_at IS NULL"
        " ORDER BY position, id",
        (meeting_id,),
    )
    return [_item(row) for row in rows]


def agenda_item(db: sqlite3.Connection, item_id: int) -> AgendaItem:
    row = db.execute(f"SELECT {_ITEM_COLUMNS} FROM agenda_items WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise NotFound("agenda item", item_id)
    return _item(row)


def _item(row: Iterable[object]) -> AgendaItem:
    (id_, meeting_id, position, kind, title, prompt, minutes, state, elapsed, activated) = row
    return AgendaItem(
        id_, meeting_id, position, AgendaKind(kind), title, prompt, minutes,  # type: ignore[arg-type]
        ItemState(state), elapsed, _when(activated),  # type: ignore[arg-type]
    )  # fmt: skip


def meeting_detail(db: sqlite3.Connection, meeting_id: int) -> MeetingDetail:
    found = meeting(db, meeting_id)
    return MeetingDetail(
        found,
        collaborative(db, found.collaborative_id),
        tuple(attendees(db, found)),
        tuple(agenda(db, meeting_id)),
    )


def setting(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def last_meeting_id(db: sqlite3.Connection) -> int | None:
    """The meeting open when the app last closed, if it still exists."""
    value = setting(db, LAST_MEETING_KEY)
    if value is None or not value.isdigit():
        return None
    # Its collaborative must be there too: the meeting's detail cannot be shown without it.
    exists = db.execute(
        "SELECT 1 FROM meetings m JOIN collaboratives c ON c.id = m.collaborative_id"
        " WHERE m.id = ? AND m.deleted_at IS NULL AND c.deleted_at IS NULL",
        (int(value),),
    ).fetchone()
    return int(value) if exists else None
