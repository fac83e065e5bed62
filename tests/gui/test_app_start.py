"""Start-up: the store is opened safely, refused plainly, and the last meeting is shown at once."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.storage.lock import InstanceLock
from facilitator.storage.migrate import prepare
from facilitator.ui import app as app_module
from facilitator.ui.console import run


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(app_module.QMessageBox, "critical", lambda _parent, _title, text: said.append(text))
    return said


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_second_instance_is_refused_without_touching_the_file(
    qapp: object, data_dir: Path, db_path: Path, refusals: list[str]
) -> None:
    prepare(db_path)
    before = digest(db_path)
    with InstanceLock(data_dir):
        assert app_module.run_gui(data_dir, exit_after_paint=True) == 1
    assert "already open" in refusals[0]
    assert digest(db_path) == before


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"meeting notes, not a database" * 100, "does not belong to Facilitator"),
        (None, "newer version of Facilitator"),
    ],
    ids=["foreign", "newer"],
)
def test_foreign_or_newer_files_are_refused_and_kept(
    qapp: object, data_dir: Path, db_path: Path, refusals: list[str], content: bytes | None, words: str
) -> None:
    if content is None:
        prepare(db_path)
        with sqlite3.connect(db_path) as db:
            db.execute("UPDATE alembic_version SET version_num = '9999'")
        db.close()
    else:
        db_path.write_bytes(content)
    before = digest(db_path)
    assert app_module.run_gui(data_dir, exit_after_paint=True) == 1
    assert words in refusals[0]
    assert digest(db_path) == before


def test_unwritable_data_folder_is_explained(qapp: object, tmp_path: Path, refusals: list[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    assert app_module.run_gui(blocker / "data", exit_after_paint=True) == 1
    assert "cannot write to its data folder" in refusals[0]


def test_opens_on_the_last_meeting_at_first_paint(data_dir: Path) -> None:
    """A real start in a child process (the app runs its own event loop and quits after painting)."""
    assert run(["--data-dir", str(data_dir), "demo"]) == 0
    env = {**os.environ, "XDG_CONFIG_HOME": str(data_dir / "config")}
    code = "import sys; from pathlib import Path; from facilitator.ui.app import run_gui; "
    code += "sys.exit(run_gui(Path(sys.argv[1]), exit_after_paint=True))"
    result = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["painted", "meeting: Summer jobs working session"]
    # The lock is gone once the app has quit: a new start is allowed.
    with InstanceLock(data_dir):
        pass
