"""Undo by rows: capture every row an action may touch, and put them back exactly as they were.

A service names the tables it owns (parents first) with a WHERE clause over named parameters.
Capturing before and after an action gives the undo and the redo of that action; putting rows back
inserts or updates the captured rows and deletes rows that were not there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Owned:
    table: str
    key: str
    where: str


@dataclass(frozen=True)
class RowSet:
    params: tuple[tuple[str, object], ...]
    tables: tuple[tuple[str, tuple[str, ...], tuple[tuple[object, ...], ...]], ...]

    def keys(self, table: str, key: str) -> set[object]:
        for name, columns, data in self.tables:
            if name == table:
                if not data:
                    return set()  # a table not read (nothing of it touched) names no columns
                index = columns.index(key)
                return {row[index] for row in data}
        return set()


def capture(db: sqlite3.Connection, owned: Sequence[Owned], params: Mapping[str, object]) -> RowSet:
    tables = []
    for spec in owned:
        cursor = db.execute(f"SELECT * FROM {spec.table} WHERE {spec.where} ORDER BY 1", dict(params))
        columns = tuple(d[0] for d in cursor.description)
        tables.append((spec.table, columns, tuple(tuple(row) for row in cursor)))
    return RowSet(tuple(params.items()), tuple(tables))


def drop_extra(db: sqlite3.Connection, spec: Owned, rows: RowSet) -> None:
    """Delete the rows of one table that are not in the captured set."""
    wanted = rows.keys(spec.table, spec.key)
    found = db.execute(f"SELECT {spec.key} FROM {spec.table} WHERE {spec.where}", dict(rows.params))
    for (value,) in found.fetchall():
        if value not in wanted:
            db.execute(f"DELETE FROM {spec.table} WHERE {spec.key} = ?", (value,))


def put_back(db: sqlite3.Connection, owned: Sequence[Owned], rows: RowSet, *, drop_first: str = "") -> None:
    """Make the owned rows what they were at capture. ``drop_first`` names a table whose extra rows
    go before any insert, for tables with a unique key a put-back row could collide with."""
    specs = {spec.table: spec for spec in owned}
    if drop_first:
        drop_extra(db, specs[drop_first], rows)
    for table, columns, data in rows.tables:
        key = specs[table].key
        names = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)
        for row in data:
            db.execute(
                f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT({key}) DO UPDATE SET {updates}",
                row,
            )
    for spec in reversed(owned):
        drop_extra(db, spec, rows)
