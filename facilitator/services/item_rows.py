"""One action on one agenda item's rows, for techniques whose items hold tens or hundreds of rows.

The action names the tables it may change; their rows of the item (the item's settings row always)
are captured before and after, and putting either back is the undo or the redo. The snapshot the
screens show is read in the same transaction, after the change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, Self, TypeVar

from sqlalchemy.orm import Session

from facilitator.domain.errors import NotAllowed
from facilitator.services import rowset
from facilitator.services.base import load
from facilitator.storage.models import AgendaItemRow
from facilitator.storage.store import Store, raw

View = TypeVar("View")


class ItemRows(Generic[View]):
    """``with ItemRows(...) as change:`` runs one action in one transaction; afterwards
    ``change.before``, ``change.after`` and ``change.view`` hold what the undo step needs."""

    def __init__(
        self,
        store: Store,
        owned: Sequence[rowset.Owned],
        settings_type: type[Any],
        view: Callable[[Session, int], View],
        *,
        tables: Sequence[str],
        item_id: int | None = None,
        lookup: tuple[type[Any], int] | None = None,
        params: Mapping[str, object] | None = None,
        never_opened: str,
    ) -> None:
        self._owned_settings = owned[0].table
        self._specs = [s for s in owned if s.table == self._owned_settings or s.table in tables]
        self._settings_type, self._read_view = settings_type, view
        self._item_id, self._lookup = item_id, lookup
        self._params = dict(params or {})
        self._never_opened = never_opened
        self._context = store.transaction()
        self._unchanged = False
        self.item_id: int
        self.session: Session
        self.before: rowset.RowSet
        self.after: rowset.RowSet
        self.view: View

    def __enter__(self) -> Self:
        self.session = self._context.__enter__()
        if self._lookup is not None:
            row_type, key = self._lookup
            self.item_id = load(self.session, row_type, key).item_id
        else:
            assert self._item_id is not None
            self.item_id = self._item_id
            load(self.session, AgendaItemRow, self.item_id)
        if self.session.get(self._settings_type, self.item_id) is None:
            raise NotAllowed(self._never_opened)
        self.before = self._capture()
        return self

    @property
    def settings(self) -> Any:
        """The item's settings row (checked to exist on entering)."""
        return self.session.get(self._settings_type, self.item_id)

    def unchanged(self) -> None:
        """The action found nothing to change: no rows to capture again, the same before and after."""
        self._unchanged = True

    def _capture(self) -> rowset.RowSet:
        return rowset.capture(raw(self.session), self._specs, {"item": self.item_id} | self._params)

    def __exit__(self, kind: object, error: object, trace: object) -> bool | None:
        if error is None:
            self.session.flush()
            self.after = self.before if self._unchanged else self._capture()
            self.view = self._read_view(self.session, self.item_id)
        return self._context.__exit__(kind, error, trace)  # type: ignore[arg-type]
