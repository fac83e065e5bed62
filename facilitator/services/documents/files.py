"""File names that every desktop system accepts, and saving that never leaves half a file behind."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import unicodedata
from pathlib import Path

from facilitator.domain.errors import ExportFailed, ExportProblem

FALLBACK_STEM = "minutes"
STEM_CHARACTERS = 100
# ext4 and APFS allow 255 bytes per name, NTFS 255 UTF-16 units: this leaves room for the extension
# and for the temporary name save_bytes builds from it.
STEM_BYTES = 180

# Windows refuses these characters; "/" is the separator everywhere and ":" is one on old macOS.
SEPARATORS = "/\\:|"
DROPPED = '<>"?*'
# Bidirectional embeddings, overrides and isolates can make "exe.pdf" display as "pdf.exe".
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Windows reserves these names whatever the extension ("NUL.txt" too), in any case.
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{base}{digit}" for base in ("COM", "LPT") for digit in "0123456789¹²³"}
)


def _character(ch: str) -> str:
    if ch in DROPPED or ch in BIDI_CONTROLS:
        return " "
    category = unicodedata.category(ch)
    if category == "Cs":  # a lone surrogate cannot be encoded by any file system
        return ""
    if category == "Cc":
        return " "
    return ch


def _is_continuation(ch: str) -> bool:
    """A character that belongs to the one before it: an accent, a joiner, an emoji modifier."""
    return (
        unicodedata.category(ch) in ("Mn", "Mc", "Me")
        or ch in "\u200c\u200d"
        or "\ufe00" <= ch <= "\ufe0f"
        or "\U0001f3fb" <= ch <= "\U0001f3ff"
    )


def _shorten(stem: str) -> str:
    """At most STEM_CHARACTERS characters and STEM_BYTES bytes of UTF-8, cut between characters
    and not inside an accented letter or a joined emoji."""
    cut = 0
    size = 0
    for ch in stem[:STEM_CHARACTERS]:
        size += len(ch.encode("utf-8"))
        if size > STEM_BYTES:
            break
        cut += 1
    if cut == len(stem):
        return stem
    while cut > 0 and (_is_continuation(stem[cut]) or stem[cut - 1] in "\u200c\u200d"):
        cut -= 1
    return stem[:cut]


def _tidy(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    kept = []
    for index, ch in enumerate(text):
        if ch in SEPARATORS:
            # "12/05" keeps its shape as "12-05"; "Minutes: May" reads better as "Minutes May".
            inside = 0 < index < len(text) - 1 and not (
                text[index - 1].isspace() or text[index + 1].isspace()
            )
            kept.append("-" if inside else " ")
        else:
            kept.append(_character(ch))
    cleaned = "".join(kept)
    cleaned = " ".join(cleaned.split())
    # Windows drops trailing dots and spaces; a leading dot hides a file; a leading dash reads as
    # an option on a command line.
    return cleaned.lstrip(" .-").rstrip(" .")


def _is_reserved(stem: str) -> bool:
    return stem.split(".")[0].rstrip(" ").upper() in RESERVED


def safe_file_name(stem: str, extension: str) -> str:
    """A file name that Windows, macOS and Linux all accept, keeping letters of every language."""
    cleaned = _tidy(_shorten(_tidy(stem)))
    if not cleaned:
        cleaned = FALLBACK_STEM
    if _is_reserved(cleaned):
        cleaned = "_" + cleaned
    suffix = _tidy(extension.lstrip(".")).replace(" ", "")
    return f"{cleaned}.{suffix}" if suffix else cleaned


def _problem(error: OSError) -> ExportProblem:
    if isinstance(error, IsADirectoryError) or error.errno == errno.EISDIR:
        return ExportProblem.IS_FOLDER
    if isinstance(error, FileNotFoundError | NotADirectoryError) or error.errno in (
        errno.ENOENT,
        errno.ENOTDIR,
    ):
        return ExportProblem.FOLDER_MISSING
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportProblem.NOT_ALLOWED
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return ExportProblem.DISK_FULL
    return ExportProblem.OTHER


def _failed(path: Path, error: OSError) -> ExportFailed:
    return ExportFailed(str(path), _problem(error), str(error))


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new hidden file beside the target, made with the usual permissions (mkstemp's are owner-only)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(20):
        temporary = path.with_name(f".{path.name[:40]}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; not possible on Windows, and some file systems refuse."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def save_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` at once: readers see the old file or the new one, never a part.

    Raises ExportFailed, with no temporary file left behind.
    """
    try:
        is_folder = path.is_dir()
        # os.replace onto a folder fails differently on each system; say it plainly here.
        if is_folder:
            raise ExportFailed(str(path), ExportProblem.IS_FOLDER, "")
        fd, temporary = _create_temporary(path)
    except OSError as error:
        raise _failed(path, error) from error
    except ValueError as error:  # a name no system accepts, such as one with a NUL in it
        raise ExportFailed(str(path), ExportProblem.OTHER, str(error)) from error
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        with contextlib.suppress(OSError):
            # Keep the permissions someone gave the file being replaced.
            os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise _failed(path, error) from error
        raise
    _sync_folder(path.parent)
