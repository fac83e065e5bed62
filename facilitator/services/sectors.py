"""The editable list of sectors people belong to."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.domain import text
from facilitator.domain.errors import DuplicateName
from facilitator.domain.model import Sector
from facilitator.services.base import Service, load
from facilitator.storage import readmodel
from facilitator.storage.models import SectorRow
from facilitator.storage.store import raw


class SectorService(Service):
    def all(self) -> list[Sector]:
        with self.store.transaction() as session:
            return readmodel.sectors(raw(session))

    def seed(self, names: Sequence[str]) -> list[Sector]:
        """Give a new store its starting list; a store that has sectors is left alone."""
        with self.store.transaction() as session:
            if session.scalar(select(func.count()).select_from(SectorRow)) == 0:
                for position, name in enumerate(names):
                    session.add(
                        SectorRow(name=text.required("sector", name, text.NAME_LIMIT), position=position)
                    )
                session.flush()
            return readmodel.sectors(raw(session))

    def add(self, name: str) -> Sector:
        with self.store.transaction() as session:
            cleaned = self._unique(session, name, None)
            last = session.scalar(select(func.max(SectorRow.position))) or 0
            row = SectorRow(name=cleaned, position=last + 1)
            session.add(row)
            session.flush()
            return Sector(row.id, row.name, row.position)

    def rename(self, sector_id: int, name: str) -> Sector:
        with self.store.transaction() as session:
            row = load(session, SectorRow, sector_id)
            row.name = self._unique(session, name, sector_id)
            return Sector(row.id, row.name, row.position)

    def set_removed(self, sector_id: int, removed: bool) -> None:
        """Remove from the list (people keep the sector they had) or bring it back."""
        with self.store.transaction() as session:
            row = load(session, SectorRow, sector_id, include_deleted=True)
            row.deleted_at = self.now() if removed else None

    def reorder(self, ordered_ids: Sequence[int]) -> list[Sector]:
        with self.store.transaction() as session:
            for position, sector_id in enumerate(ordered_ids):
                load(session, SectorRow, sector_id).position = position
            session.flush()
            return readmodel.sectors(raw(session))

    @staticmethod
    def _unique(session: Session, name: str, own_id: int | None) -> str:
        cleaned = text.required("sector", name, text.NAME_LIMIT)
        for other in session.scalars(select(SectorRow).where(SectorRow.deleted_at.is_(None))):
            if other.id != own_id and text.same_name(other.name, cleaned):
                raise DuplicateName("sector", other.name)
        return cleaned
