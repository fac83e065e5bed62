"""Opening and checking the store file with the standard library only (cheap at start-up)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from facilitator.domain.errors import (
    DiskFull,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreForeign,
    StoreTooNew,
    StoreUnwritable,
)
from facilitator.storage.schema import APPLICATION_ID, BUSY_TIMEOUT_MS, KNOWN_REVISIONS, SCHEMA_HEAD

SQLITE_HEADER = b"SQLite format 3\x00"


class FileState(Enum):
    NEW = "new"  # missing, or created by us and still without tables
    CURRENT = "current"
    BEHIND = "behind"  # an older schema that a migration will bring up to date


@dataclass(frozen=True)
class Inspection:
    state: FileState
    revision: str | None


def translate(error: sqlite3.Error, path: Path) -> StoreError:
    """Turn a driver error into the typed error the ui explains."""
    text = str(error).lower()
    where = str(path)
    if "full" in text:
        return DiskFull(where, str(error))
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return StoreUnwritable(where, str(error))
    if "locked" in text or "busy" in text:
        return StoreBusy(where, str(error))
    if "disk i/o" in text:
        # Disk full often surfaces as an I/O error on write (SQLite's own notes).
        return DiskFull(where, str(error))
    if "malformed" in text or "corrupt" in text:
        return StoreCorrupt(where, str(error))
    if "not a database" in text or "encrypted" in text:
        return StoreForeign(where, str(error))
    return StoreError(where, str(error))


@contextlib.contextmanager
def translated(path: Path) -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as error:
        raise translate(error, path) from error


def ensure_file(path: Path) -> None:
    """Create the data folder and an empty, owner-only file (the -wal and -shm files follow its mode)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
    except FileExistsError:
        pass
    except OSError as error:
        raise StoreUnwritable(str(path), str(error)) from error


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the settings that keep a room's work safe.

    Autocommit at the driver level (``isolation_level=None``): transactions are begun explicitly
    with ``BEGIN IMMEDIATE`` so DDL and DML share one transaction and writers never deadlock.
    """
    with translated(path):
        connection = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreUnwritable(str(path), f"journal_mode stayed {mode}")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            connection.close()
            raise
    return connection


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(100)
    except OSError as error:
        raise StoreUnwritable(str(path), str(error)) from error


def inspect(path: Path) -> Inspection:
    """Say what the file is, refusing (never changing) anything that is not a healthy store of ours."""
    if not path.exists() or path.stat().st_size == 0:
        return Inspection(FileState.NEW, None)
    header = _read_header(path)
    if not header.startswith(SQLITE_HEADER):
        raise StoreForeign(str(path), "not an SQLite file")
    with translated(path):
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
        try:
            return _inspect_open(connection, path)
        except sqlite3.OperationalError:
            raise  # read-only, locked, busy or I/O trouble is no damage: translated() names it
        except sqlite3.DatabaseError as error:
            raise StoreCorrupt(str(path), str(error)) from error
        finally:
            connection.close()


def _inspect_open(connection: sqlite3.Connection, path: Path) -> Inspection:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    # Asked through SQLite, not read from the file's header bytes: until the first checkpoint the
    # committed header (application_id included) may live only in the -wal file.
    app_id = connection.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        if app_id == 0 and not tables:
            return Inspection(FileState.NEW, None)
        raise StoreForeign(str(path), f"application_id {app_id:#x}")
    verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
    if verdict != "ok":
        raise StoreCorrupt(str(path), str(verdict))
    if "alembic_version" not in tables:
        return Inspection(FileState.NEW, None)
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    revision = row[0] if row else None
    if revision is None:
        return Inspection(FileState.NEW, None)
    if revision == SCHEMA_HEAD:
        return Inspection(FileState.CURRENT, revision)
    if revision in KNOWN_REVISIONS:
        return Inspection(FileState.BEHIND, revision)
    raise StoreTooNew(str(path), revision)


@dataclass(frozen=True)
class Health:
    problems: tuple[str, ...]
    revision: str | None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_health(path: Path) -> Health:
    """The full check behind ``facilitator check``: identity, schema, integrity, references."""
    inspection = inspect(path)  # raises for foreign, too new or damaged files
    if inspection.state is FileState.NEW:
        return Health((), None)
    problems: list[str] = []
    with translated(path):
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
        try:
            problems += [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
            problems += [
                f"row {row[1]} of {row[0]} refers to a missing row of {row[2]}"
                for row in connection.execute("PRAGMA foreign_key_check")
            ]
        finally:
            connection.close()
    return Health(tuple(problems), inspection.revision)
