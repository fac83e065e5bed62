"""Bring a store file up to this version's schema, safely.

Order: refuse foreign, damaged or newer files untouched; take a verified backup when an existing
store is behind; then run Alembic in one transaction with foreign keys off (batch mode copies
tables, and with keys on it could silently drop child rows), check references, turn keys back on.
"""

from __future__ import annotations

from pathlib import Path

from facilitator.storage import files
from facilitator.storage.backup import make_backup
from facilitator.storage.schema import APPLICATION_ID, SCHEMA_HEAD

MIGRATIONS = Path(__file__).with_name("migrations")


def prepare(path: Path) -> files.Inspection:
    """Make sure ``path`` is a current store of ours; returns what it was before."""
    files.ensure_file(path)
    inspection = files.inspect(path)
    if inspection.state is files.FileState.CURRENT:
        return inspection
    if inspection.state is files.FileState.BEHIND:
        make_backup(path, f"before-{SCHEMA_HEAD}")
    upgrade(path)
    return inspection


def upgrade(path: Path, revision: str = "head") -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.exc import IntegrityError

    from facilitator.storage.store import make_engine, translated

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = make_engine(path)
    try:
        with translated(path), engine.connect() as connection:
            dbapi = connection.connection.driver_connection
            assert dbapi is not None
            dbapi.execute("PRAGMA foreign_keys = OFF")  # only takes effect outside a transaction
            try:
                with connection.begin():
                    config.attributes["connection"] = connection
                    command.upgrade(config, revision)
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise IntegrityError("foreign_key_check after migration", None, Exception(broken))
                    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            finally:
                dbapi.execute("PRAGMA foreign_keys = ON")
    finally:
        engine.dispose()


def head_revision() -> str:
    """The newest revision in the migrations folder (imports Alembic; tests and tools only)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head
