"""Collaboratives: the standing groups that meet, with their purpose, vision and mission."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.domain import text
from facilitator.domain.errors import DuplicateName
from facilitator.domain.model import Collaborative, CollaborativeFields, CollaborativeSummary
from facilitator.services.base import Service, load
from facilitator.storage import readmodel
from facilitator.storage.models import CollaborativeRow
from facilitator.storage.store import raw


def clean_fields(fields: CollaborativeFields) -> CollaborativeFields:
    return CollaborativeFields(
        name=text.required("name", fields.name, text.NAME_LIMIT),
        purpose=text.optional("purpose", fields.purpose, text.LONG_TEXT_LIMIT, multiline=True),
        vision=text.optional("vision", fields.vision, text.LONG_TEXT_LIMIT, multiline=True),
        mission=text.optional("mission", fields.mission, text.LONG_TEXT_LIMIT, multiline=True),
    )


def check_unique(session: Session, name: str, own_id: int | None) -> None:
    for other in session.scalars(select(CollaborativeRow).where(CollaborativeRow.deleted_at.is_(None))):
        if other.id != own_id and text.same_name(other.name, name):
            raise DuplicateName("collaborative", other.name)


def to_snapshot(row: CollaborativeRow) -> Collaborative:
    return Collaborative(row.id, row.name, row.purpose, row.vision, row.mission)


class CollaborativeService(Service):
    def overview(self) -> list[CollaborativeSummary]:
        with self.store.transaction() as session:
            return readmodel.overview(raw(session))

    def get(self, collaborative_id: int) -> Collaborative:
        with self.store.transaction() as session:
            return readmodel.collaborative(raw(session), collaborative_id)

    def create(self, fields: CollaborativeFields) -> Collaborative:
        with self.store.transaction() as session:
            return to_snapshot(self.create_in(session, fields))

    def create_in(self, session: Session, fields: CollaborativeFields) -> CollaborativeRow:
        cleaned = clean_fields(fields)
        check_unique(session, cleaned.name, None)
        row = CollaborativeRow(
            name=cleaned.name, purpose=cleaned.purpose, vision=cleaned.vision,
            mission=cleaned.mission, created_at=self.now(),
        )  # fmt: skip
        session.add(row)
        session.flush()
        return row

    def update(self, collaborative_id: int, fields: CollaborativeFields) -> Collaborative:
        with self.store.transaction() as session:
            cleaned = clean_fields(fields)
            check_unique(session, cleaned.name, collaborative_id)
            row = load(session, CollaborativeRow, collaborative_id)
            row.name, row.purpose = cleaned.name, cleaned.purpose
            row.vision, row.mission = cleaned.vision, cleaned.mission
            return to_snapshot(row)

    def set_removed(self, collaborative_id: int, removed: bool) -> None:
        """Hide a collaborative with its meetings and people, or bring it back (undo)."""
        with self.store.transaction() as session:
            row = load(session, CollaborativeRow, collaborative_id, include_deleted=True)
            if not removed:
                check_unique(session, row.name, collaborative_id)
            row.deleted_at = self.now() if removed else None
