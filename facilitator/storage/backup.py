"""Verified safety copies, taken with SQLite's online backup API before any migration."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from facilitator.domain.errors import BackupFailed
from facilitator.storage.schema import BACKUP_DIRNAME

KEEP_BACKUPS = 10


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIRNAME


def make_backup(db_path: Path, reason: str, now: datetime | None = None) -> Path:
    """Copy the live file page by page, check the copy, then move it into place atomically."""
    folder = backup_folder(db_path)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    final = folder / f"facilitator-{stamp}-{reason}.sqlite3"
    partial = final.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        os.close(fd)
        source = sqlite3.connect(db_path)
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            verdict = target.execute("PRAGMA integrity_check").fetchone()[0]
            # The copy must not stay in WAL mode: a backup is one self-contained file.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
            source.close()
        if verdict != "ok":
            raise BackupFailed(str(partial), str(verdict))
        os.replace(partial, final)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise BackupFailed(str(final), str(error)) from error
    _prune(folder)
    return final


def ensure_recent_backup(db_path: Path, max_age: timedelta = timedelta(hours=20)) -> Path | None:
    """A rolling safety copy: one at the start of each day the app is used (None if one is fresh)."""
    folder = backup_folder(db_path)
    newest = max((p.stat().st_mtime for p in folder.glob("facilitator-*.sqlite3")), default=None)
    if newest is not None and datetime.now().timestamp() - newest < max_age.total_seconds():
        return None
    return make_backup(db_path, "daily")


def _prune(folder: Path) -> None:
    backups = sorted(folder.glob("facilitator-*.sqlite3"))
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
