"""Safe file names for every desktop system, and saving that replaces a file whole or not at all."""

from __future__ import annotations

import errno
import os
import stat
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.errors import FacilitatorError
from facilitator.services.documents import files
from facilitator.services.documents.files import (
    RESERVED,
    ExportFailed,
    ExportProblem,
    safe_file_name,
    save_bytes,
)

FORBIDDEN = set('<>:"/\\|?*')


def stem_of(name: str, extension: str) -> str:
    assert name.endswith("." + extension)
    return name[: -len(extension) - 1]


# --- safe_file_name ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("Minutes 12 May", "Minutes 12 May.html"),
        ("Minutes: 12/05/2025", "Minutes 12-05-2025.html"),
        ('Who "owns" it? <maybe> *all*', "Who owns it maybe all.html"),
        ("a\\b|c", "a-b-c.html"),
        ("  spaced \t\n out  ", "spaced out.html"),
        (" .hidden. ", "hidden.html"),
        ("ends with dots...", "ends with dots.html"),
        ("-rf", "rf.html"),
        ("", "minutes.html"),
        ("...", "minutes.html"),
        ("<>:|?*", "minutes.html"),
        ("\x00\x1f\x7f", "minutes.html"),
        ("Réunion über 会议纪要 اجتماع", "Réunion über 会议纪要 اجتماع.html"),
        ("cafe\u0301", "café.html"),  # composed, as most systems show and store it
        ("evil\u202egpj.exe", "evil gpj.exe.html"),  # a right-to-left override could disguise the name
    ],
)
def test_names_are_cleaned_and_keep_every_language(stem: str, expected: str) -> None:
    assert safe_file_name(stem, "html") == expected


@pytest.mark.parametrize(
    "stem", ["CON", "con", "Nul", "PRN ", "aux.txt", "COM1", "lpt9", "COM¹", "CONIN$", "nul.tar"]
)
def test_windows_reserved_names_get_a_prefix(stem: str) -> None:
    name = safe_file_name(stem, "md")
    assert name.startswith("_")
    assert name.split(".")[0][1:].upper() in RESERVED


@pytest.mark.parametrize("stem", ["CONSOLE", "COM10", "LPTX", "my con", "auxiliary"])
def test_names_that_only_look_reserved_stay(stem: str) -> None:
    assert safe_file_name(stem, "md") == f"{stem}.md"


def test_extension_with_or_without_a_dot_and_none() -> None:
    assert safe_file_name("a", ".docx") == safe_file_name("a", "docx") == "a.docx"
    assert safe_file_name("a", "") == "a"
    assert safe_file_name("a", "tar.gz") == "a.tar.gz"


def test_long_names_are_cut_between_characters() -> None:
    assert safe_file_name("x" * 300, "md") == "x" * files.STEM_CHARACTERS + ".md"
    chinese = stem_of(safe_file_name("会" * 300, "md"), "md")
    assert set(chinese) == {"会"} and len(chinese.encode("utf-8")) <= files.STEM_BYTES
    assert safe_file_name("word " * 30, "md") == ("word " * 20).strip() + ".md"


def test_a_cut_never_splits_an_accent_or_a_joined_emoji() -> None:
    accented = stem_of(safe_file_name("e\u0301" * 150, "md"), "md")  # NFC makes each one character
    assert set(accented) == {"é"}
    family = "👩\u200d👩\u200d👧"
    cut = stem_of(safe_file_name("a" * 97 + family, "md"), "md")
    assert cut == "a" * 97
    combining = stem_of(safe_file_name("a" * 99 + "q\u0307\u0323", "md"), "md")  # no composed form
    assert combining == "a" * 99


ALPHABET = st.one_of(
    st.characters(),
    st.sampled_from([*'<>:"/\\|?*. -\t\n\x00\u202e\u200d\u0301', "CON", "com1", "LPT", "NUL."]),
)


@given(st.lists(ALPHABET, max_size=150).map("".join), st.sampled_from(["html", ".md", "docx", ""]))
def test_any_stem_gives_a_name_every_system_accepts(stem: str, extension: str) -> None:
    name = safe_file_name(stem, extension)
    assert name and name == name.strip(" .")
    assert not FORBIDDEN & set(name)
    assert not [ch for ch in name if unicodedata.category(ch) in ("Cc", "Cs")]
    assert not set(name) & files.BIDI_CONTROLS
    assert name.split(".")[0].rstrip(" ").upper() not in RESERVED
    assert not name.startswith("-")
    shown_stem = stem_of(name, extension.lstrip(".")) if extension else name
    assert len(shown_stem) <= files.STEM_CHARACTERS
    assert len(name.encode("utf-8")) <= 255
    assert len(name.encode("utf-16-le")) // 2 <= 255


@given(st.text(max_size=120))
def test_cleaning_a_clean_name_changes_nothing(stem: str) -> None:
    once = stem_of(safe_file_name(stem, "md"), "md")
    assert safe_file_name(once, "md") == f"{once}.md"


# --- save_bytes ----------------------------------------------------------------------------------


def test_save_writes_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "minutes.html"
    save_bytes(target, b"<p>one</p>")
    assert target.read_bytes() == b"<p>one</p>"
    save_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.html"]


def test_save_writes_large_and_empty_files_whole(tmp_path: Path) -> None:
    big = os.urandom(3 * 1024 * 1024 + 7)
    save_bytes(tmp_path / "big.bin", big)
    assert (tmp_path / "big.bin").read_bytes() == big
    save_bytes(tmp_path / "empty.md", b"")
    assert (tmp_path / "empty.md").read_bytes() == b""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_save_uses_usual_permissions_and_keeps_those_of_a_replaced_file(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.md"
    save_bytes(fresh, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.md"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    save_bytes(kept, b"new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "minutes.md"
    with pytest.raises(ExportFailed) as caught:
        save_bytes(target, b"x")
    assert caught.value.problem is ExportProblem.FOLDER_MISSING
    assert caught.value.path == str(target)
    assert not (tmp_path / "gone").exists()


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "plain").write_bytes(b"")
    with pytest.raises(ExportFailed) as caught:
        save_bytes(tmp_path / "plain" / "minutes.md", b"x")
    assert caught.value.problem is ExportProblem.FOLDER_MISSING


def test_target_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "minutes.md").mkdir()
    with pytest.raises(ExportFailed) as caught:
        save_bytes(tmp_path / "minutes.md", b"x")
    assert caught.value.problem is ExportProblem.IS_FOLDER
    assert (tmp_path / "minutes.md").is_dir() and list(tmp_path.iterdir()) == [tmp_path / "minutes.md"]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes past permissions")
def test_unwritable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportFailed) as caught:
            save_bytes(folder / "minutes.md", b"x")
        assert caught.value.problem is ExportProblem.NOT_ALLOWED
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_read_only_medium_is_not_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files.os, "open", refuse)
    with pytest.raises(ExportFailed) as caught:
        save_bytes(tmp_path / "minutes.md", b"x")
    assert caught.value.problem is ExportProblem.NOT_ALLOWED


def _fail_with(number: int) -> Callable[..., int]:
    def fail(*args: object) -> int:
        raise OSError(number, os.strerror(number))

    return fail


@pytest.mark.parametrize("where", ["write", "fsync"])
@pytest.mark.parametrize("number", [errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)])
def test_full_disk_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, number: int
) -> None:
    target = tmp_path / "minutes.md"
    target.write_bytes(b"old minutes")
    monkeypatch.setattr(files.os, where, _fail_with(number))
    with pytest.raises(ExportFailed) as caught:
        save_bytes(target, b"new minutes")
    monkeypatch.undo()
    assert caught.value.problem is ExportProblem.DISK_FULL
    assert target.read_bytes() == b"old minutes"
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.md"]


def test_a_short_write_is_finished(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def trickle(fd: int, data: bytes | memoryview) -> int:
        return real_write(fd, bytes(data[:3]))

    monkeypatch.setattr(files.os, "write", trickle)
    save_bytes(tmp_path / "slow.md", b"0123456789")
    monkeypatch.undo()
    assert (tmp_path / "slow.md").read_bytes() == b"0123456789"


def test_other_failures_and_interruptions_clean_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "minutes.md"
    monkeypatch.setattr(files.os, "replace", _fail_with(errno.EXDEV))
    with pytest.raises(ExportFailed) as caught:
        save_bytes(target, b"x")
    assert caught.value.problem is ExportProblem.OTHER
    assert list(tmp_path.iterdir()) == []

    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_bytes(target, b"x")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_name_no_system_accepts_is_an_export_failure(tmp_path: Path) -> None:
    with pytest.raises(ExportFailed) as caught:
        save_bytes(tmp_path / "bad\x00name.md", b"x")
    assert caught.value.problem is ExportProblem.OTHER
    assert list(tmp_path.iterdir()) == []


def test_the_error_is_typed_and_short() -> None:
    error = ExportFailed("/tmp/x.md", ExportProblem.DISK_FULL, "[Errno 28] No space left on device")
    assert isinstance(error, FacilitatorError)
    assert str(error) == "/tmp/x.md: disk_full [Errno 28] No space left on device"
    assert ExportProblem("not_allowed") is ExportProblem.NOT_ALLOWED
