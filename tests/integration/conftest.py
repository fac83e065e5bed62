"""Fixtures for tests on a real SQLite file: a prepared store and services over it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from facilitator.services import Services, build_services
from facilitator.storage import migrate

# A fixed moment, so stored timestamps are predictable.
NOW = datetime(2026, 3, 14, 9, 30, 15)


@pytest.fixture
def store_path(db_path: Path) -> Path:
    """A current, empty store file."""
    migrate.prepare(db_path)
    return db_path


@pytest.fixture
def services(store_path: Path) -> Iterator[Services]:
    built = build_services(store_path, clock=lambda: NOW)
    yield built
    built.close()


@pytest.fixture
def now() -> datetime:
    """What the `services` fixture's clock says."""
    return NOW


@contextmanager
def transactions(services: Services) -> Iterator[list[int]]:
    """The rows each transaction changed, for every transaction that ends meanwhile (0: rolled back)."""
    engine = services.store.engine
    started: dict[int, int] = {}
    ended: list[int] = []

    def changes(connection: Any) -> int:
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        return driver.total_changes

    def begin(connection: Any) -> None:
        started[id(connection)] = changes(connection)

    def end(connection: Any) -> None:
        ended.append(changes(connection) - started.pop(id(connection)))

    def rolled_back(connection: Any) -> None:
        started.pop(id(connection), None)
        ended.append(0)

    event.listen(engine, "begin", begin)
    event.listen(engine, "commit", end)
    event.listen(engine, "rollback", rolled_back)
    try:
        yield ended
    finally:
        event.remove(engine, "begin", begin)
        event.remove(engine, "commit", end)
        event.remove(engine, "rollback", rolled_back)
