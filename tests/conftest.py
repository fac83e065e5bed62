"""Shared test set-up: headless Qt, and a fresh data folder per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before anything imports Qt, so a plain `pytest` runs headless everywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return data_dir / "facilitator.sqlite3"
