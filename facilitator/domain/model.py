"""Records the services hand to the screens: frozen snapshots, never live database objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class AttendanceStatus(StrEnum):
    EXPECTED = "expected"  # on the roster, not yet marked
    PRESENT = "present"
    LATE = "late"
    REGRETS = "regrets"
    ABSENT = "absent"

    @property
    def in_room(self) -> bool:
        return self in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class AgendaKind(StrEnum):
    GROUND_RULES = "ground_rules"
    BRAINSTORMING = "brainstorming"
    NOMINAL_GROUP = "nominal_group"
    IDEA_WRITING = "idea_writing"
    DISCUSSION = "discussion"
    DECISIONS = "decisions"
    BREAK = "break"


class ItemState(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    DONE = "done"


@dataclass(frozen=True)
class Sector:
    id: int
    name: str
    position: int


@dataclass(frozen=True)
class Collaborative:
    id: int
    name: str
    purpose: str
    vision: str
    mission: str

    def fields(self) -> CollaborativeFields:
        return CollaborativeFields(self.name, self.purpose, self.vision, self.mission)


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    collaborative_id: int
    title: str
    starts_at: datetime
    status: MeetingStatus


@dataclass(frozen=True)
class CollaborativeSummary:
    id: int
    name: str
    meetings: tuple[MeetingSummary, ...]


@dataclass(frozen=True)
class Person:
    id: int
    collaborative_id: int
    name: str
    organisation: str
    sector_id: int | None
    sector_name: str
    contact: str

    def fields(self) -> PersonFields:
        return PersonFields(self.name, self.organisation, self.sector_id, self.contact)


@dataclass(frozen=True)
class Meeting:
    id: int
    collaborative_id: int
    title: str
    starts_at: datetime
    place: str
    purpose: str
    facilitator: str
    recorder: str
    status: MeetingStatus
    current_item_id: int | None
    started_at: datetime | None
    closed_at: datetime | None

    def fields(self) -> MeetingFields:
        return MeetingFields(
            self.title, self.starts_at, self.place, self.purpose, self.facilitator, self.recorder
        )


@dataclass(frozen=True)
class Attendee:
    person: Person
    status: AttendanceStatus
    arrived_at: datetime | None


@dataclass(frozen=True)
class AgendaItem:
    id: int
    meeting_id: int
    position: int
    kind: AgendaKind
    title: str
    prompt: str
    minutes: int
    state: ItemState
    elapsed_seconds: int
    activated_at: datetime | None

    def fields(self) -> AgendaFields:
        return AgendaFields(self.kind, self.title, self.prompt, self.minutes)

    def elapsed_at(self, now: datetime) -> int:
        """Seconds spent on this item so far, counting the current visit if it is active."""
        running = 0
        if self.activated_at is not None:
            running = max(0, int((now - self.activated_at).total_seconds()))
        return self.elapsed_seconds + running


@dataclass(frozen=True)
class MeetingDetail:
    meeting: Meeting
    collaborative: Collaborative
    attendees: tuple[Attendee, ...]
    agenda: tuple[AgendaItem, ...]

    @property
    def current_item(self) -> AgendaItem | None:
        for item in self.agenda:
            if item.id == self.meeting.current_item_id:
                return item
        return None


@dataclass(frozen=True)
class MeetingFields:
    """What the meeting form edits; used for updates and their undo."""

    title: str
    starts_at: datetime
    place: str
    purpose: str
    facilitator: str
    recorder: str


@dataclass(frozen=True)
class CollaborativeFields:
    name: str
    purpose: str
    vision: str
    mission: str


@dataclass(frozen=True)
class PersonFields:
    name: str
    organisation: str
    sector_id: int | None
    contact: str


@dataclass(frozen=True)
class AgendaFields:
    kind: AgendaKind
    title: str
    prompt: str
    minutes: int


@dataclass(frozen=True)
class ItemRunState:
    item_id: int
    state: ItemState
    elapsed_seconds: int
    activated_at: datetime | None


@dataclass(frozen=True)
class RunState:
    """Everything that starting, stepping and closing a meeting changes, so undo can put it back."""

    meeting_id: int
    status: MeetingStatus
    current_item_id: int | None
    started_at: datetime | None
    closed_at: datetime | None
    items: tuple[ItemRunState, ...]
