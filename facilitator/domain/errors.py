"""Typed errors raised below the ui layer; the ui turns each into plain, translated words."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum


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


class ExportProblem(StrEnum):
    FOLDER_MISSING = "folder_missing"
    NOT_ALLOWED = "not_allowed"  # permissions, a read-only medium
    DISK_FULL = "disk_full"  # also a full quota
    IS_FOLDER = "is_folder"  # the chosen name is a folder
    OTHER = "other"


@dataclass(eq=False)
class ExportFailed(FacilitatorError):
    """A document could not be saved; the ui words the problem, detail is for the log only."""

    path: str
    problem: ExportProblem
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.problem.value} {self.detail}".strip()


class ExchangeProblem(StrEnum):
    NOT_JSON = "not_json"  # not UTF-8 JSON text
    NOT_OURS = "not_ours"  # JSON, but not a meeting exchange file (format missing or wrong)
    TOO_NEW = "too_new"  # written by a newer version of the app
    BAD_VERSION = "bad_version"  # the version is not a whole number from 1
    MISSING = "missing"  # a required field is missing
    WRONG_TYPE = "wrong_type"  # e.g. text where a number belongs
    UNKNOWN_FIELD = "unknown_field"  # a field this version does not know
    UNKNOWN_REFERENCE = "unknown_reference"  # a key or sector name that the file does not define
    DUPLICATE = "duplicate"  # a key, person, sector or entry given twice
    EMPTY = "empty"  # a required text is empty once blanks are trimmed
    TOO_LONG = "too_long"  # a text over its limit (detail: the limit)
    BAD_VALUE = "bad_value"  # a value outside what is allowed (detail: what is)
    DUPLICATE_MEETING = "duplicate_meeting"  # the collaborative has this meeting already
    TOO_BIG = "too_big"  # the file is over MAX_BYTES


@dataclass(eq=False)
class ExchangeError(FacilitatorError):
    """An exchange file that cannot be imported. ``where`` is a path in the file such as
    ``meeting.decisions[2].proposer`` ("" for the file as a whole); ``detail`` is the offending
    value, limit or allowed values, for the ui to quote."""

    problem: ExchangeProblem
    where: str = ""
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.problem.value} at {self.where or '(file)'}: {self.detail}".rstrip(": ")
