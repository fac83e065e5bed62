"""The people of a collaborative: name, organisation, sector, contact."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.domain import text
from facilitator.domain.errors import DuplicateName, NotFound
from facilitator.domain.model import Person, PersonFields
from facilitator.domain.people import is_same_person
from facilitator.services.base import Service, load
from facilitator.storage import readmodel
from facilitator.storage.models import CollaborativeRow, PersonRow, SectorRow
from facilitator.storage.store import raw


def clean_fields(fields: PersonFields) -> PersonFields:
    return PersonFields(
        name=text.required("name", fields.name, text.NAME_LIMIT),
        organisation=text.optional("organisation", fields.organisation, text.NAME_LIMIT),
        sector_id=fields.sector_id,
        contact=text.optional("contact", fields.contact, text.NAME_LIMIT),
    )


class PeopleService(Service):
    def for_collaborative(self, collaborative_id: int) -> list[Person]:
        with self.store.transaction() as session:
            return readmodel.people(raw(session), collaborative_id)

    def add(self, collaborative_id: int, fields: PersonFields) -> Person:
        with self.store.transaction() as session:
            row = self.add_in(session, collaborative_id, fields)
            return readmodel.person(raw(session), row.id)

    def add_in(self, session: Session, collaborative_id: int, fields: PersonFields) -> PersonRow:
        load(session, CollaborativeRow, collaborative_id)
        cleaned = self._checked(session, collaborative_id, fields, None)
        row = PersonRow(
            collaborative_id=collaborative_id, name=cleaned.name, name_key=text.name_key(cleaned.name),
            organisation=cleaned.organisation, sector_id=cleaned.sector_id, contact=cleaned.contact,
            created_at=self.now(),
        )  # fmt: skip
        session.add(row)
        session.flush()
        return row

    def update(self, person_id: int, fields: PersonFields) -> Person:
        with self.store.transaction() as session:
            row = load(session, PersonRow, person_id)
            cleaned = self._checked(session, row.collaborative_id, fields, person_id)
            row.name, row.name_key = cleaned.name, text.name_key(cleaned.name)
            row.organisation, row.sector_id, row.contact = (
                cleaned.organisation, cleaned.sector_id, cleaned.contact,
            )  # fmt: skip
            session.flush()
            return readmodel.person(raw(session), person_id)

    def set_removed(self, person_id: int, removed: bool) -> None:
        """Take someone off the roster (past attendance keeps them) or put them back (undo)."""
        with self.store.transaction() as session:
            row = load(session, PersonRow, person_id, include_deleted=True)
            if not removed:
                fields = PersonFields(row.name, row.organisation, row.sector_id, row.contact)
                self._checked(session, row.collaborative_id, fields, person_id)
            row.deleted_at = self.now() if removed else None

    @staticmethod
    def _checked(
        session: Session, collaborative_id: int, fields: PersonFields, own_id: int | None
    ) -> PersonFields:
        cleaned = clean_fields(fields)
        if cleaned.sector_id is not None and session.get(SectorRow, cleaned.sector_id) is None:
            raise NotFound("sector", cleaned.sector_id)
        same_name = session.scalars(
            select(PersonRow).where(
                PersonRow.collaborative_id == collaborative_id,
                PersonRow.name_key == text.name_key(cleaned.name),
                PersonRow.deleted_at.is_(None),
            )
        )
        for other in same_name:
            if other.id != own_id and is_same_person(
                other.name, other.organisation, cleaned.name, cleaned.organisation
            ):
                raise DuplicateName(
                    "person", f"{other.name} ({other.organisation})" if other.organisation else other.name
                )
        return cleaned
