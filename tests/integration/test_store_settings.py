"""The settings that keep a room's work safe, checked on a real file."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from facilitator.domain.errors import (
    DiskFull,
    StoreBusy,
    StoreCorrupt,
    StoreError,
    StoreForeign,
    StoreUnwritable,
)
from facilitator.domain.model import CollaborativeFields
from facilitator.services import build_services
from facilitator.storage import files, migrate, schema
from facilitator.storage.models import Base, PersonRow
from facilitator.storage.store import Store, make_engine, raw


def test_prepare_makes_a_wal_store_marked_as_ours(db_path: Path) -> None:
    before = migrate.prepare(db_path)
    assert before.state is files.FileState.NEW
    plain = sqlite3.connect(db_path)
    try:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert plain.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        assert plain.execute("SELECT version_num FROM alembic_version").fetchall() == [(schema.SCHEMA_HEAD,)]
        assert plain.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        plain.close()
    assert files.inspect(db_path) == files.Inspection(files.FileState.CURRENT, schema.SCHEMA_HEAD)
    # A second start finds it current and changes nothing; no backup is needed for a new or current file.
    assert migrate.prepare(db_path).state is files.FileState.CURRENT
    assert not (db_path.parent / schema.BACKUP_DIRNAME).exists()


def test_connect_applies_the_safe_pragmas(store_path: Path) -> None:
    db = files.connect(store_path)
    try:
        assert db.isolation_level is None  # the app begins its own transactions
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] == schema.BUSY_TIMEOUT_MS > 0
    finally:
        db.close()


def test_orm_sessions_use_the_same_settings_and_enforce_foreign_keys(store_path: Path) -> None:
    store = Store(store_path)
    try:
        with store.transaction() as session:
            db = raw(session)
            assert db.execute("PRAGMA synchronous").fetchone()[0] == 2
            assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert db.in_transaction
        with pytest.raises(StoreError) as caught, store.transaction() as session:
            session.add(
                PersonRow(
                    collaborative_id=999, name="Nobody", name_key="nobody", created_at=datetime(2026, 1, 1)
                )
            )
        # A driver error arrives as the app's own typed error, never as a raw SQLAlchemy one.
        assert "FOREIGN KEY" in str(caught.value)
        assert not isinstance(caught.value, sa.exc.SQLAlchemyError)
    finally:
        store.close()
    assert _count(store_path, "people") == 0


def test_a_failed_action_is_rolled_back_whole(store_path: Path) -> None:
    services = build_services(store_path)
    try:
        with pytest.raises(RuntimeError), services.store.transaction() as session:
            raw(session).execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
            raise RuntimeError("the user action failed half-way")
    finally:
        services.close()
    assert _count(store_path, "settings") == 0


def test_store_files_are_owner_only_even_with_a_permissive_umask(db_path: Path) -> None:
    previous = os.umask(0)
    try:
        migrate.prepare(db_path)
        db = files.connect(db_path)
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')")
            db.execute("COMMIT")
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{db_path}{suffix}")
                assert part.exists(), part
                assert stat.S_IMODE(part.stat().st_mode) == 0o600, part
        finally:
            db.close()
    finally:
        os.umask(previous)


def test_transactions_take_the_write_lock_up_front(store_path: Path) -> None:
    store = Store(store_path)
    other = sqlite3.connect(store_path, timeout=0, isolation_level=None)
    try:
        with store.transaction() as session:
            session.execute(sa.select(1))  # a read only: a deferred BEGIN would not lock yet
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        other.execute("BEGIN IMMEDIATE")  # free again once the action has committed
        other.execute("ROLLBACK")
    finally:
        other.close()
        store.close()


def test_control_a_deferred_read_does_not_block_a_writer(store_path: Path) -> None:
    """Shows the previous test can tell IMMEDIATE from DEFERRED."""
    reader = sqlite3.connect(store_path, isolation_level=None)
    other = sqlite3.connect(store_path, timeout=0, isolation_level=None)
    try:
        reader.execute("BEGIN DEFERRED")
        reader.execute("SELECT count(*) FROM settings").fetchone()
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        reader.execute("ROLLBACK")
    finally:
        other.close()
        reader.close()


def test_schema_head_is_the_newest_migration() -> None:
    assert migrate.head_revision() == schema.SCHEMA_HEAD
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    revisions = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
    assert set(schema.KNOWN_REVISIONS) == revisions
    assert schema.KNOWN_REVISIONS[-1] == schema.SCHEMA_HEAD


def _diff(path: Path, metadata: sa.MetaData) -> list[object]:
    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_orm_models(store_path: Path) -> None:
    assert _diff(store_path, Base.metadata) == []


def test_control_the_schema_comparison_sees_a_difference(store_path: Path) -> None:
    altered = sa.MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(altered)
    sa.Table("extra", altered, sa.Column("id", sa.Integer, primary_key=True))
    assert _diff(store_path, altered) != []


def test_a_data_folder_with_url_characters_in_its_name(tmp_path: Path) -> None:
    """People name folders freely; the path must never be read as a URL (query, fragment, escapes)."""
    folder = tmp_path / "Meetings #2 ?draft=1 100% Señora"
    path = folder / schema.DB_FILENAME
    migrate.prepare(path)
    assert files.inspect(path).state is files.FileState.CURRENT
    services = build_services(path)
    try:
        meeting_id = services.sample.create()
        assert services.meetings.detail(meeting_id).meeting.id == meeting_id
    finally:
        services.close()
    assert files.check_health(path).ok
    assert {p.name for p in folder.iterdir()} >= {schema.DB_FILENAME}
    assert [p for p in tmp_path.rglob("*.sqlite3")] == [path]


def _count(path: Path, table: str) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        db.close()


def test_a_writer_that_never_lets_go_gives_store_busy(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "BUSY_TIMEOUT_MS", 100)  # instead of waiting five seconds
    services = build_services(store_path)
    other = sqlite3.connect(store_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreBusy):
            services.collaboratives.create(CollaborativeFields("Blocked", "", "", ""))
        other.execute("ROLLBACK")
        created = services.collaboratives.create(CollaborativeFields("Blocked", "", "", ""))
        assert services.collaboratives.overview()[0].id == created.id
    finally:
        other.close()
        services.close()


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("database or disk is full", DiskFull),
        ("disk I/O error", DiskFull),
        ("attempt to write a readonly database", StoreUnwritable),
        ("unable to open database file", StoreUnwritable),
        ("database is locked", StoreBusy),
        ("database table is locked", StoreBusy),
        ("database disk image is malformed", StoreCorrupt),
        ("file is not a database", StoreForeign),
        ("no such table: meetings", StoreError),
    ],
)
def test_driver_errors_are_translated(message: str, expected: type[StoreError], tmp_path: Path) -> None:
    error = files.translate(sqlite3.OperationalError(message), tmp_path / "x.sqlite3")
    assert type(error) is expected
    assert error.path == str(tmp_path / "x.sqlite3")
    assert message in error.detail


def test_check_health_names_broken_references(store_path: Path) -> None:
    db = sqlite3.connect(store_path, isolation_level=None)
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute(
        "INSERT INTO people (collaborative_id, name, name_key, organisation, contact, created_at)"
        " VALUES (77, 'Ghost', 'ghost', '', '', '2026-01-01 00:00:00')"
    )
    db.close()
    health = files.check_health(store_path)
    assert not health.ok
    assert health.revision == schema.SCHEMA_HEAD
    assert health.problems == ("row 1 of people refers to a missing row of collaboratives",)
