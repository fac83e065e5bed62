"""Bringing an older store up to date: backup first, one transaction, foreign keys kept safe.

Most of these tests add the next revision (one past the head) in a copy of the migrations folder
and point storage at it, exactly as a future release would ship it; the last ones run the real
revisions on a store written by an older release.
"""

from __future__ import annotations

import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest

from facilitator.domain.errors import BackupFailed, StoreError
from facilitator.services import build_services
from facilitator.storage import backup, files, migrate, schema

OLD = schema.SCHEMA_HEAD
NEW = f"{int(OLD) + 1:04d}"

HEADER = """
from alembic import op
import sqlalchemy as sa

revision = "NEW"
down_revision = "OLD"
branch_labels = None
depends_on = None


def downgrade() -> None:
    raise NotImplementedError
"""

# Adds a table and rebuilds `meetings` by copying it (Alembic batch mode): with foreign keys
# enforced, dropping the old meetings table would fail or lose the agenda and attendance rows.
GOOD = """
def upgrade() -> None:
    op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True), sa.Column("body", sa.Text))
    with op.batch_alter_table("meetings", recreate="always") as batch:
        batch.add_column(sa.Column("room_notes", sa.Text, nullable=False, server_default=""))
"""

FAILING = (
    GOOD
    + """
    raise RuntimeError("the migration failed half-way")
"""
)

DANGLING = """
def upgrade() -> None:
    op.execute(
        "INSERT INTO agenda_items (meeting_id, position, kind, title, prompt, minutes, state,"
        " elapsed_seconds, created_at) VALUES (9999, 0, 'break', 'Orphan', '', 5, 'pending', 0,"
        " '2026-01-01 00:00:00')"
    )
"""


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}
    finally:
        db.close()


def _schema_sql(path: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        db.close()


@pytest.fixture
def old_store(db_path: Path) -> Path:
    """A store at the current head holding the sample."""
    migrate.prepare(db_path)
    services = build_services(db_path)
    try:
        services.sample.create()
    finally:
        services.close()
    return db_path


def _release_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """Make storage believe a release with the next revision is running."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    header = textwrap.dedent(HEADER).replace("NEW", NEW).replace("OLD", OLD)
    (folder / "versions" / f"{NEW}_test_revision.py").write_text(
        header + textwrap.dedent(body), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS", folder)
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", NEW)
    monkeypatch.setattr(files, "SCHEMA_HEAD", NEW)
    monkeypatch.setattr(files, "KNOWN_REVISIONS", (*schema.KNOWN_REVISIONS, NEW))


def test_a_behind_store_is_backed_up_then_migrated(
    old_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _dump(old_store)
    assert before["agenda_items"] and before["attendance"]
    _release_next(tmp_path, monkeypatch, GOOD)
    assert migrate.head_revision() == NEW
    assert files.inspect(old_store) == files.Inspection(files.FileState.BEHIND, OLD)

    assert migrate.prepare(old_store) == files.Inspection(files.FileState.BEHIND, OLD)

    copies = list(backup.backup_folder(old_store).iterdir())
    assert len(copies) == 1 and copies[0].name.endswith(f"-before-{NEW}.sqlite3")
    assert _dump(copies[0]) == before  # taken before anything changed
    after = _dump(old_store)
    assert after["alembic_version"] == [(NEW,)]
    assert after["notes"] == []
    # Rebuilding meetings lost no child rows and broke no reference.
    for table in ("agenda_items", "attendance", "people", "collaboratives"):
        assert after[table] == before[table], table
    assert [row[:-1] for row in after["meetings"]] == before["meetings"]
    assert files.check_health(old_store).ok
    assert files.inspect(old_store) == files.Inspection(files.FileState.CURRENT, NEW)
    db = files.connect(old_store)
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    db.close()
    # Starting again does not take another backup.
    migrate.prepare(old_store)
    assert len(list(backup.backup_folder(old_store).iterdir())) == 1


def test_a_failing_migration_leaves_no_half_done_schema(
    old_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, schema_before = _dump(old_store), _schema_sql(old_store)
    _release_next(tmp_path, monkeypatch, FAILING)
    with pytest.raises(RuntimeError, match="half-way"):
        migrate.prepare(old_store)
    # The new table, the rebuilt meetings table and Alembic's temporary table are all gone.
    assert _schema_sql(old_store) == schema_before
    assert _dump(old_store) == before
    assert files.inspect(old_store) == files.Inspection(files.FileState.BEHIND, OLD)
    assert len(list(backup.backup_folder(old_store).iterdir())) == 1


def test_a_migration_that_breaks_references_is_rolled_back(
    old_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _dump(old_store)
    _release_next(tmp_path, monkeypatch, DANGLING)
    with pytest.raises(StoreError, match="foreign_key_check"):
        migrate.prepare(old_store)
    assert _dump(old_store) == before
    assert files.check_health(old_store).ok


def test_no_migration_without_a_verified_backup(
    old_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _dump(old_store)
    _release_next(tmp_path, monkeypatch, GOOD)

    def refuse(path: Path, reason: str) -> Path:
        raise BackupFailed(str(path), "disk full")

    monkeypatch.setattr(migrate, "make_backup", refuse)
    with pytest.raises(BackupFailed):
        migrate.prepare(old_store)
    assert _dump(old_store) == before


def test_a_store_from_the_first_release_gains_the_ground_rule_tables(db_path: Path) -> None:
    """The real revisions: a store written at 0001 keeps every row and can hold ground rules."""
    files.ensure_file(db_path)
    migrate.upgrade(db_path, "0001")
    db = files.connect(db_path)
    db.execute("BEGIN IMMEDIATE")
    db.execute(
        "INSERT INTO collaboratives (id, name, purpose, vision, mission, created_at)"
        " VALUES (1, 'Old one', '', '', '', '2026-01-01 10:00:00')"
    )
    db.execute(
        "INSERT INTO meetings (id, collaborative_id, title, starts_at, place, purpose, facilitator,"
        " recorder, status, created_at) VALUES (1, 1, 'First', '2026-01-02 18:00:00', '', '', '', '',"
        " 'planned', '2026-01-01 10:00:00')"
    )
    db.execute("COMMIT")
    db.close()
    before = _dump(db_path)

    assert migrate.prepare(db_path) == files.Inspection(files.FileState.BEHIND, "0001")

    after = _dump(db_path)
    for table in ("collaboratives", "meetings"):
        assert after[table] == before[table]
    for table in ("ground_rules", "ground_rule_items", "rule_proposals", "rule_checks", "rule_check_choices"):
        assert after[table] == []
    assert files.inspect(db_path) == files.Inspection(files.FileState.CURRENT, schema.SCHEMA_HEAD)
    services = build_services(db_path)
    try:
        assert services.meetings.detail(1).meeting.title == "First"
    finally:
        services.close()
