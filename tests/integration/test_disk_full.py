"""A full disk is reported plainly (DiskFull), the failed action leaves nothing behind, and earlier
work is intact."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from facilitator.domain.errors import DiskFull
from facilitator.domain.model import AgendaFields, AgendaKind, CollaborativeFields, MeetingFields
from facilitator.services import build_services
from facilitator.storage import files

ROOT = Path(__file__).resolve().parents[2]
BIG = AgendaFields(AgendaKind.DISCUSSION, "A long question", "Why? " * 900, 15)


def _meeting(path: Path) -> tuple[int, list[int]]:
    """A collaborative, a meeting and three agenda items, committed."""
    services = build_services(path)
    try:
        collaborative = services.collaboratives.create(CollaborativeFields("Full disk", "", "", ""))
        meeting = services.meetings.create(
            collaborative.id,
            MeetingFields("Before the disk filled", datetime(2026, 5, 1, 18, 0), "", "", "", ""),
        )
        items = [services.agenda.add(meeting.id, BIG).id for _ in range(3)]
        return meeting.id, items
    finally:
        services.close()


def _rows(path: Path, meeting_id: int) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return db.execute(
            "SELECT id, position, title, prompt FROM agenda_items WHERE meeting_id = ? ORDER BY id",
            (meeting_id,),
        ).fetchall()
    finally:
        db.close()


def test_sqlite_full_becomes_disk_full(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    meeting_id, earlier = _meeting(store_path)
    before = _rows(store_path, meeting_id)
    db = sqlite3.connect(store_path)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()

    real_connect = files.connect

    def small_disk(path: Path) -> sqlite3.Connection:
        connection = real_connect(path)
        connection.execute(f"PRAGMA max_page_count = {pages + 8}")
        return connection

    monkeypatch.setattr(files, "connect", small_disk)
    services = build_services(store_path)
    added: list[int] = []
    try:
        with pytest.raises(DiskFull) as caught:
            for _ in range(50):
                added.append(services.agenda.add(meeting_id, BIG).id)
        assert "full" in str(caught.value)
        # The same services keep working for reading after the failure.
        assert [item.id for item in services.agenda.for_meeting(meeting_id)] == earlier + added
    finally:
        services.close()
    monkeypatch.undo()

    after = _rows(store_path, meeting_id)
    assert after[: len(before)] == before
    assert [row[0] for row in after] == earlier + added  # the failed action left no row behind
    assert [row[1] for row in after] == list(range(len(after)))
    assert files.check_health(store_path).ok
    # With space again, work goes on.
    services = build_services(store_path)
    try:
        services.agenda.add(meeting_id, BIG)
    finally:
        services.close()


FSIZE_WORKER = """
import resource, signal, sys
from pathlib import Path

from facilitator.domain.errors import DiskFull
from facilitator.domain.model import AgendaFields, AgendaKind
from facilitator.services import build_services

path, meeting_id = Path(sys.argv[1]), int(sys.argv[2])
services = build_services(path)
services.agenda.for_meeting(meeting_id)  # opens the -wal and -shm files before the limit
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
limit = max(p.stat().st_size for p in path.parent.iterdir() if p.is_file()) + 64 * 1024
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
fields = AgendaFields(AgendaKind.DISCUSSION, "A long question", "Why? " * 900, 15)
try:
    for _ in range(500):
        item = services.agenda.add(meeting_id, fields)
        print(item.id, flush=True)
except DiskFull as error:
    print("DiskFull", error, flush=True)
"""


def test_a_write_refused_by_the_os_becomes_disk_full(store_path: Path, tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes write() fail the way a full disk does; SQLite calls it an I/O error."""
    meeting_id, earlier = _meeting(store_path)
    before = _rows(store_path, meeting_id)
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", FSIZE_WORKER, str(store_path), str(meeting_id)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines and lines[-1].startswith("DiskFull"), done.stdout + done.stderr
    added = [int(line) for line in lines[:-1]]
    assert files.inspect(store_path).state is files.FileState.CURRENT
    after = _rows(store_path, meeting_id)
    assert after[: len(before)] == before
    assert [row[0] for row in after] == earlier + added
    assert files.check_health(store_path).ok
