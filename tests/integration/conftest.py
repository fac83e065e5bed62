"""Fixtures for tests on a real SQLite file: a prepared store and services over it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

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
