"""Files that are not a healthy store of ours are refused, and left exactly as they were."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from facilitator.domain.errors import StoreCorrupt, StoreError, StoreForeign, StoreTooNew
from facilitator.domain.model import CollaborativeFields, PersonFields
from facilitator.services import build_services
from facilitator.storage import files, migrate, schema

ROOT = Path(__file__).resolve().parents[2]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_refused(path: Path, error: type[StoreError] | tuple[type[StoreError], ...]) -> None:
    """Every entry point refuses the file, and none of them changes a byte of it."""
    before = _sha(path)
    size = path.stat().st_size
    for attempt in (files.inspect, migrate.prepare, files.check_health):
        with pytest.raises(error):
            attempt(path)
        assert _sha(path) == before, attempt.__name__
    assert path.stat().st_size == size
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "nothing may be written to the file's journal"
    assert not (path.parent / schema.BACKUP_DIRNAME).exists()


@pytest.mark.parametrize(
    "content",
    [
        b"Shopping list\n- bread\n- milk\n" * 50,
        bytes(range(256)) * 20,
        b"SQLite",  # too short to be a database
        b"SQLite format 3",  # the magic string without its NUL
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 500,
    ],
    ids=["text", "binary", "short", "almost-magic", "png"],
)
def test_a_file_that_is_not_sqlite(db_path: Path, content: bytes) -> None:
    db_path.write_bytes(content)
    _assert_refused(db_path, StoreForeign)
    assert db_path.read_bytes() == content


def _other_app(path: Path, application_id: int, wal: bool = False) -> None:
    db = sqlite3.connect(path)
    if wal:
        db.execute("PRAGMA journal_mode = WAL")
    db.execute(f"PRAGMA application_id = {application_id}")
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.executemany("INSERT INTO notes (body) VALUES (?)", [(f"note {i}",) for i in range(50)])
    db.commit()
    db.close()


@pytest.mark.parametrize(
    ("application_id", "wal"), [(0, False), (0x12345678, False), (0, True)], ids=["zero", "other", "wal"]
)
def test_another_programs_sqlite_file(db_path: Path, application_id: int, wal: bool) -> None:
    _other_app(db_path, application_id, wal)
    _assert_refused(db_path, StoreForeign)
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT count(*) FROM notes").fetchone()[0] == 50
    db.close()


def test_another_programs_file_that_even_has_an_alembic_version(db_path: Path) -> None:
    """Other Alembic users have an alembic_version table too; the application id tells them apart."""
    db = sqlite3.connect(db_path)
    db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    db.execute("INSERT INTO alembic_version VALUES (?)", (schema.SCHEMA_HEAD,))
    db.commit()
    db.close()
    _assert_refused(db_path, StoreForeign)


def test_an_empty_sqlite_file_without_tables_is_taken_as_new(db_path: Path) -> None:
    """A first start killed before the migration committed leaves just a header: start again."""
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    assert db_path.stat().st_size > 0
    assert files.inspect(db_path).state is files.FileState.NEW
    migrate.prepare(db_path)
    assert files.inspect(db_path).state is files.FileState.CURRENT


def _set_revision(path: Path, revision: str) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    db.close()  # the last connection checkpoints the WAL into the file


def test_a_store_from_a_newer_version_of_the_app(store_path: Path) -> None:
    services = build_services(store_path)
    collaborative = services.collaboratives.create(_collab("Written by a newer app"))
    services.close()
    _set_revision(store_path, "9999")
    _assert_refused(store_path, StoreTooNew)
    # The newer app's data is all still there.
    db = sqlite3.connect(store_path)
    assert db.execute("SELECT name FROM collaboratives WHERE id = ?", (collaborative.id,)).fetchone() == (
        "Written by a newer app",
    )
    assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)
    db.close()


def _filled_store(path: Path, people: int) -> None:
    migrate.prepare(path)
    services = build_services(path)
    try:
        services.sample.create()
        collaborative = services.collaboratives.create(_collab("Riverside Neighbours"))
        for number in range(people):
            services.people.add(
                collaborative.id,
                PersonFields(f"Neighbour {number:04d}", f"Street {number % 37}", None, "x" * 120),
            )
    finally:
        services.close()


def _damage(path: Path, seed: int) -> None:
    db = sqlite3.connect(path)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    data = bytearray(path.read_bytes())
    pages = len(data) // page_size
    assert pages >= 20, "the store should span many pages"
    rng = random.Random(seed)
    first = pages // 3
    for page in range(first, first + max(3, pages // 5)):
        start = page * page_size
        data[start : start + page_size] = rng.randbytes(page_size)
    path.write_bytes(bytes(data))


@pytest.fixture(scope="module")
def filled_store(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a healthy store with several hundred rows, closed cleanly (no -wal left)."""
    path = tmp_path_factory.mktemp("filled") / schema.DB_FILENAME
    _filled_store(path, people=400)
    assert not Path(f"{path}-wal").exists(), "closed cleanly: everything is in the main file"
    assert files.check_health(path).ok
    return path.read_bytes()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_damaged_store(db_path: Path, filled_store: bytes, seed: int) -> None:
    db_path.write_bytes(filled_store)
    assert files.inspect(db_path).state is files.FileState.CURRENT
    _damage(db_path, seed)
    _assert_refused(db_path, (StoreCorrupt, StoreForeign))


def test_a_truncated_store(db_path: Path, filled_store: bytes) -> None:
    data = filled_store
    db_path.write_bytes(data[: len(data) // 2])
    _assert_refused(db_path, (StoreCorrupt, StoreForeign))


def _collab(name: str) -> CollaborativeFields:
    return CollaborativeFields(name, "", "", "")


READ_ONLY = """
import os, sys
from pathlib import Path

from facilitator.domain.errors import StoreError
from facilitator.storage import files, migrate

if os.geteuid() == 0:  # root writes anywhere: become nobody to meet the permissions a user meets
    os.setgid(65534)
    os.setuid(65534)
for check in (files.inspect, migrate.prepare, files.check_health):
    try:
        check(Path(sys.argv[1]))
    except StoreError as error:
        print(check.__name__, type(error).__name__)
    else:
        print(check.__name__, "accepted")
"""


def test_a_store_on_a_read_only_medium_is_unwritable_not_damaged() -> None:
    """A write-protected USB stick or a colleague's folder: tell the user that, not "damaged"."""
    with tempfile.TemporaryDirectory() as base:
        os.chmod(base, 0o755)  # nobody (see READ_ONLY) must be able to reach the file
        folder = Path(base) / "usb stick"
        path = folder / schema.DB_FILENAME
        _filled_store(path, people=5)
        before = _sha(path)
        os.chmod(path, 0o444)
        os.chmod(folder, 0o555)  # SQLite cannot create the -shm file it needs to read a WAL store
        try:
            done = subprocess.run(
                [sys.executable, "-c", READ_ONLY, str(path)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        finally:
            os.chmod(folder, 0o755)
        assert done.returncode == 0, done.stderr
        assert done.stdout.split("\n")[:-1] == [
            "inspect StoreUnwritable",
            "prepare StoreUnwritable",
            "check_health StoreUnwritable",
        ]
        assert _sha(path) == before
