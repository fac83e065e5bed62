"""Typed errors raised below the ui layer; the ui turns each into plain, translated words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class FacilitatorError(Exception):
    """Base of every error the app expects and explains to the user."""


class TextProblem(Enum):
    EMPTY = "empty"
    TOO_LONG = "too_long"


@dataclass(eq=False)
class InvalidText(FacilitatorError):
    field: str
    problem: TextProblem
    limit: int = 0
    length: int = 0

    def __str__(self) -> str:
        return f"{self.field}: {self.problem.value} (limit {self.limit}, got {self.length})"


@dataclass(eq=False)
class InvalidValue(FacilitatorError):
    field: str
    value: object
    low: int | None = None
    high: int | None = None

    def __str__(self) -> str:
        return f"{self.field}: {self.value!r} not in [{self.low}, {self.high}]"


@dataclass(eq=False)
class DuplicateName(FacilitatorError):
    kind: str  # "person", "collaborative", "sector"
    name: str

    def __str__(self) -> str:
        return f"duplicate {self.kind}: {self.name}"


@dataclass(eq=False)
class NotFound(FacilitatorError):
    kind: str
    key: object

    def __str__(self) -> str:
        return f"{self.kind} {self.key!r} not found"


@dataclass(eq=False)
class NotAllowed(FacilitatorError):
    """An action that the current state forbids, e.g. moving past the last agenda item."""

    reason: str

    def __str__(self) -> str:
        return self.reason


class StoreError(FacilitatorError):
    """The data file cannot be used as asked."""

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(path, detail)
        self.path = path
        self.detail = detail

    def __str__(self) -> str:
        return f"{type(self).__name__}: {self.path} {self.detail}".strip()


class StoreLocked(StoreError):
    """Another running Facilitator holds this data folder."""


class StoreTooNew(StoreError):
    """The file was written by a newer version of the app."""


class StoreCorrupt(StoreError):
    """SQLite reports damage; the file is left exactly as it is."""


class StoreForeign(StoreError):
    """The file is not a Facilitator store (another program's file, or not SQLite)."""


class StoreUnwritable(StoreError):
    """The folder or file cannot be written (permissions, read-only medium)."""


class DiskFull(StoreError):
    """The disk is full; the last action was not saved."""


class StoreBusy(StoreError):
    """The file stayed locked by another process for too long."""


class BackupFailed(StoreError):
    """A safety copy could not be made or did not verify, so nothing was changed."""


@dataclass(eq=False)
class MeetingNotMatched(FacilitatorError):
    """A meeting named on the command line matched none, or several (listed in ``matches``)."""

    query: str
    matches: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.query!r} matches {len(self.matches)} meetings"
