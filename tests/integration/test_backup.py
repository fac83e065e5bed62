"""Verified safety copies (storage.backup) and pruning."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from facilitator.domain.errors import BackupFailed
from facilitator.domain.model import AgendaFields, AgendaKind
from facilitator.services import build_services
from facilitator.storage import backup, files, schema

STAMP = datetime(2026, 3, 14, 9, 30, 15)


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in rowid order: two files with equal dumps hold the same data."""
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {table: db.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall() for table in tables}
    finally:
        db.close()


def test_backup_of_a_live_store_is_complete_checked_and_private(store_path: Path) -> None:
    services = build_services(store_path)
    previous = os.umask(0)
    try:
        meeting_id = services.sample.create()
        services.agenda.add(meeting_id, AgendaFields(AgendaKind.BREAK, "Tea", "", 5))
        # The store is open and its latest commits sit in the -wal file: the copy must include them.
        assert Path(f"{store_path}-wal").stat().st_size > 0
        made = backup.make_backup(store_path, "manual", now=STAMP)
    finally:
        os.umask(previous)
        services.close()
    assert made == store_path.parent / schema.BACKUP_DIRNAME / "facilitator-20260314-093015-manual.sqlite3"
    assert [p.name for p in made.parent.iterdir()] == [made.name]  # no .partial, -wal or -journal left
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    copy = sqlite3.connect(made)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
        assert copy.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    finally:
        copy.close()
    original = dump(store_path)
    assert original["agenda_items"][-1][4] == "Tea"
    assert dump(made) == original
    assert files.inspect(made).state is files.FileState.CURRENT


def test_pruning_keeps_the_newest_backups(store_path: Path) -> None:
    made = [
        backup.make_backup(store_path, "before-0002", now=STAMP + timedelta(days=day, seconds=day))
        for day in range(backup.KEEP_BACKUPS + 3)
    ]
    kept = sorted(backup.backup_folder(store_path).iterdir())
    assert len(kept) == backup.KEEP_BACKUPS
    assert kept == sorted(made[-backup.KEEP_BACKUPS :])
    assert all(not p.exists() for p in made[:3])


def test_pruning_leaves_other_files_alone(store_path: Path) -> None:
    folder = backup.backup_folder(store_path)
    folder.mkdir()
    mine = folder / "keep me.txt"
    mine.write_text("notes")
    for day in range(backup.KEEP_BACKUPS + 1):
        backup.make_backup(store_path, "x", now=STAMP + timedelta(days=day))
    assert mine.read_text() == "notes"


def test_a_failed_backup_says_so_and_leaves_no_partial_copy(db_path: Path) -> None:
    db_path.write_bytes(b"not a database at all " * 400)
    with pytest.raises(BackupFailed):
        backup.make_backup(db_path, "manual", now=STAMP)
    assert list(backup.backup_folder(db_path).iterdir()) == []


def test_a_daily_copy_is_made_once_and_then_left_alone(tmp_path: Path) -> None:
    from facilitator.storage.backup import backup_folder, ensure_recent_backup
    from facilitator.storage.migrate import prepare

    db = tmp_path / "facilitator.sqlite3"
    prepare(db)
    first = ensure_recent_backup(db)
    assert first is not None and first.exists()
    assert ensure_recent_backup(db) is None  # a fresh copy exists already
    old = time.time() - 2 * 24 * 3600
    os.utime(first, (old, old))
    second = ensure_recent_backup(db)
    assert second is not None and len(list(backup_folder(db).glob("facilitator-*.sqlite3"))) >= 1
