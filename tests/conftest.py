"""Shared test set-up: headless Qt, and a fresh data folder per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before anything imports Qt, so a plain `pytest` runs headless everywhere. The headless
# "room" has a 1920x1080 laptop screen and a 1280x800 projector beside it.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    screens = Path(__file__).with_name("offscreen-screens.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screens}"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return data_dir / "facilitator.sqlite3"
