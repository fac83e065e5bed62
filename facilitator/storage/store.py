"""The SQLAlchemy engine and the unit of work: one user action, one ``BEGIN IMMEDIATE`` transaction."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from facilitator.domain.errors import StoreError
from facilitator.storage import files


def make_engine(path: Path) -> Engine:
    # URL.create, not an f-string: a folder name may hold "?", "#" or "%", which URL parsing would
    # misread (as query arguments, with a warning). The connection itself comes from files.connect.
    engine = create_engine(URL.create("sqlite", database=str(path)), creator=lambda: files.connect(path))

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # The driver's own transaction handling is off (isolation_level=None in files.connect);
        # IMMEDIATE takes the write lock up front, so a commit can never fail on a lock upgrade.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@contextlib.contextmanager
def translated(path: Path) -> Iterator[None]:
    try:
        yield
    except DBAPIError as error:
        if isinstance(error.orig, sqlite3.Error):
            raise files.translate(error.orig, path) from error
        raise StoreError(str(path), str(error)) from error
    except sqlite3.Error as error:
        raise files.translate(error, path) from error


class Store:
    """Owns the engine; hands out one session per user action."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = make_engine(path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """Commit once at the end, roll back on any error; driver errors become typed errors."""
        with translated(self.path), self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def raw(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under a session, for the read model's plain SQL."""
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection
