"""Building the agenda: add, edit, remove, reorder, and fill from a template."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.domain import text
from facilitator.domain.agenda import check_minutes, moved
from facilitator.domain.model import AgendaFields, AgendaItem
from facilitator.services.base import Service, load
from facilitator.storage import readmodel
from facilitator.storage.models import AgendaItemRow, MeetingRow
from facilitator.storage.store import raw


def clean_fields(fields: AgendaFields) -> AgendaFields:
    return AgendaFields(
        kind=fields.kind,
        title=text.required("title", fields.title, text.TITLE_LIMIT),
        prompt=text.optional("prompt", fields.prompt, text.LONG_TEXT_LIMIT, multiline=True),
        minutes=check_minutes(fields.minutes),
    )


def live_items(session: Session, meeting_id: int) -> list[AgendaItemRow]:
    return list(
        session.scalars(
            select(AgendaItemRow)
            .where(AgendaItemRow.meeting_id == meeting_id, AgendaItemRow.deleted_at.is_(None))
            .order_by(AgendaItemRow.position, AgendaItemRow.id)
        )
    )


def _renumber(rows: Sequence[AgendaItemRow]) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


class AgendaService(Service):
    def for_meeting(self, meeting_id: int) -> list[AgendaItem]:
        with self.store.transaction() as session:
            return readmodel.agenda(raw(session), meeting_id)

    def add(self, meeting_id: int, fields: AgendaFields) -> AgendaItem:
        """Append an item at the end of the agenda."""
        with self.store.transaction() as session:
            row = self.add_in(session, meeting_id, fields)
            return readmodel.agenda_item(raw(session), row.id)

    def add_in(self, session: Session, meeting_id: int, fields: AgendaFields) -> AgendaItemRow:
        load(session, MeetingRow, meeting_id)
        cleaned = clean_fields(fields)
        last = session.scalar(
            select(func.max(AgendaItemRow.position)).where(
                AgendaItemRow.meeting_id == meeting_id, AgendaItemRow.deleted_at.is_(None)
            )
        )
        row = AgendaItemRow(
            meeting_id=meeting_id, position=0 if last is None else last + 1, kind=cleaned.kind.value,
            title=cleaned.title, prompt=cleaned.prompt, minutes=cleaned.minutes, created_at=self.now(),
        )  # fmt: skip
        session.add(row)
        session.flush()
        return row

    def add_many(self, meeting_id: int, items: Sequence[AgendaFields]) -> list[AgendaItem]:
        """A template: all its items in one action (and one undo)."""
        with self.store.transaction() as session:
            rows = [self.add_in(session, meeting_id, fields) for fields in items]
            db = raw(session)
            return [readmodel.agenda_item(db, row.id) for row in rows]

    def update(self, item_id: int, fields: AgendaFields) -> AgendaItem:
        with self.store.transaction() as session:
            cleaned = clean_fields(fields)
            row = load(session, AgendaItemRow, item_id)
            row.kind, row.title = cleaned.kind.value, cleaned.title
            row.prompt, row.minutes = cleaned.prompt, cleaned.minutes
            session.flush()
            return readmodel.agenda_item(raw(session), item_id)

    def set_removed(
        self, item_ids: Sequence[int], removed: bool, positions: Sequence[int] = ()
    ) -> list[AgendaItem]:
        """Remove items, or bring them back at their old ``positions`` (undo)."""
        with self.store.transaction() as session:
            rows = [load(session, AgendaItemRow, item_id, include_deleted=True) for item_id in item_ids]
            meeting_ids = {row.meeting_id for row in rows}
            for row in rows:
                meeting = load(session, MeetingRow, row.meeting_id)
                if removed and meeting.current_item_id == row.id:
                    # The room moves on to the next item (its time so far is booked), as with Next.
                    from facilitator.services.run import RunService  # run builds on this module

                    RunService(self.store, self.clock).step_off_in(session, meeting, row)
                row.deleted_at = self.now() if removed else None
            session.flush()
            for meeting_id in meeting_ids:
                live = live_items(session, meeting_id)
                if not removed and positions:
                    restored = {row.id: pos for row, pos in zip(rows, positions, strict=True)}
                    others = [row for row in live if row.id not in restored]
                    for row_id, pos in sorted(restored.items(), key=lambda kv: kv[1]):
                        others.insert(min(pos, len(others)), next(r for r in live if r.id == row_id))
                    live = others
                _renumber(live)
            session.flush()
            return [item for meeting_id in meeting_ids for item in readmodel.agenda(raw(session), meeting_id)]

    def move(self, item_id: int, target: int) -> list[AgendaItem]:
        """Move an item to position ``target``; returns the whole agenda in its new order."""
        with self.store.transaction() as session:
            row = load(session, AgendaItemRow, item_id)
            live = live_items(session, row.meeting_id)
            _renumber(moved(live, live.index(row), target))
            session.flush()
            return readmodel.agenda(raw(session), row.meeting_id)
