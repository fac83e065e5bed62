"""What every service shares: the store, a clock, and loading rows that must exist."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from facilitator.domain.errors import NotFound
from facilitator.storage.models import Base
from facilitator.storage.store import Store

RowT = TypeVar("RowT", bound=Base)


class Service:
    def __init__(self, store: Store, clock: Callable[[], datetime] = datetime.now) -> None:
        self.store = store
        self.clock = clock

    def now(self) -> datetime:
        # Minutes and timers never need sub-second precision; whole seconds keep files tidy.
        return self.clock().replace(microsecond=0)


def load(session: Session, row_type: type[RowT], key: object, *, include_deleted: bool = False) -> RowT:
    row = session.get(row_type, key)
    if row is None or (not include_deleted and getattr(row, "deleted_at", None) is not None):
        raise NotFound(row_type.__tablename__, key)
    return row
