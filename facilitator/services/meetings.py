"""Meetings of a collaborative: details, and which one was open last."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from facilitator.domain import text
from facilitator.domain.errors import MeetingNotMatched
from facilitator.domain.model import AgendaFields, Meeting, MeetingDetail, MeetingFields, MeetingSummary
from facilitator.services.agenda import AgendaService
from facilitator.services.base import Service, load
from facilitator.storage import readmodel
from facilitator.storage.models import CollaborativeRow, MeetingRow, SettingRow
from facilitator.storage.store import raw


def clean_fields(fields: MeetingFields) -> MeetingFields:
    return MeetingFields(
        title=text.required("title", fields.title, text.TITLE_LIMIT),
        starts_at=fields.starts_at.replace(second=0, microsecond=0),
        place=text.optional("place", fields.place, text.TITLE_LIMIT),
        purpose=text.optional("purpose", fields.purpose, text.LONG_TEXT_LIMIT, multiline=True),
        facilitator=text.optional("facilitator", fields.facilitator, text.NAME_LIMIT),
        recorder=text.optional("recorder", fields.recorder, text.NAME_LIMIT),
    )


class MeetingService(Service):
    def detail(self, meeting_id: int) -> MeetingDetail:
        with self.store.transaction() as session:
            return readmodel.meeting_detail(raw(session), meeting_id)

    def create(
        self, collaborative_id: int, fields: MeetingFields, agenda: Sequence[AgendaFields] = ()
    ) -> Meeting:
        """A new meeting, with its agenda when made from a template: one action, one undo."""
        with self.store.transaction() as session:
            row = self.create_in(session, collaborative_id, fields)
            adder = AgendaService(self.store, self.clock)
            for item in agenda:
                adder.add_in(session, row.id, item)
            return readmodel.meeting(raw(session), row.id)

    def create_in(self, session: Session, collaborative_id: int, fields: MeetingFields) -> MeetingRow:
        load(session, CollaborativeRow, collaborative_id)
        cleaned = clean_fields(fields)
        row = MeetingRow(
            collaborative_id=collaborative_id, title=cleaned.title, starts_at=cleaned.starts_at,
            place=cleaned.place, purpose=cleaned.purpose, facilitator=cleaned.facilitator,
            recorder=cleaned.recorder, created_at=self.now(),
        )  # fmt: skip
        session.add(row)
        session.flush()
        return row

    def update(self, meeting_id: int, fields: MeetingFields) -> Meeting:
        with self.store.transaction() as session:
            cleaned = clean_fields(fields)
            row = load(session, MeetingRow, meeting_id)
            row.title, row.starts_at, row.place = cleaned.title, cleaned.starts_at, cleaned.place
            row.purpose, row.facilitator, row.recorder = (
                cleaned.purpose, cleaned.facilitator, cleaned.recorder,
            )  # fmt: skip
            session.flush()
            return readmodel.meeting(raw(session), meeting_id)

    def set_removed(self, meeting_id: int, removed: bool) -> None:
        with self.store.transaction() as session:
            load(session, MeetingRow, meeting_id, include_deleted=True).deleted_at = (
                self.now() if removed else None
            )

    def lookup(self, query: str) -> MeetingSummary:
        """The one stored meeting a person means by an id, a title or a date (YYYY-MM-DD).

        An exact title wins over titles that merely contain the words, so "Launch meeting" is not
        ambiguous with "Launch meeting follow-up"."""
        with self.store.transaction() as session:
            meetings = [m for c in readmodel.overview(raw(session)) for m in c.meetings]
        wanted = query.strip()
        folded = text.name_key(wanted)
        for rule in (
            lambda m: wanted.isdigit() and m.id == int(wanted),
            lambda m: text.name_key(m.title) == folded,
            lambda m: f"{m.starts_at:%Y-%m-%d}" == wanted,
            lambda m: bool(folded) and folded in text.name_key(m.title),
        ):
            found = [m for m in meetings if rule(m)]
            if len(found) == 1:
                return found[0]
            if found:
                raise MeetingNotMatched(
                    wanted, tuple(f"{m.id}: {m.starts_at:%Y-%m-%d} {m.title}" for m in found)
                )
        raise MeetingNotMatched(wanted)

    def last_opened(self) -> int | None:
        with self.store.transaction() as session:
            return readmodel.last_meeting_id(raw(session))

    def remember_opened(self, meeting_id: int) -> None:
        with self.store.transaction() as session:
            session.merge(SettingRow(key=readmodel.LAST_MEETING_KEY, value=str(meeting_id)))
