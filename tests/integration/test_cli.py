"""The command line: --version, demo, check, and the data-folder choice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from facilitator import __version__
from facilitator.paths import DATA_DIR_ENV
from facilitator.ui.console import run


def test_version_from_the_installed_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"Facilitator {__version__}"


def test_demo_then_check(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--data-dir", str(data_dir), "demo"]) == 0
    assert "Added the sample collaborative" in capsys.readouterr().out
    assert run(["--data-dir", str(data_dir), "demo"]) == 0
    assert "already in" in capsys.readouterr().out
    assert run(["--data-dir", str(data_dir), "check"]) == 0
    assert capsys.readouterr().out.startswith("Healthy:")


def test_data_folder_from_environment(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(data_dir))
    assert run(["demo"]) == 0
    assert (data_dir / "facilitator.sqlite3").exists()


def test_check_on_empty_folder_and_on_a_damaged_file(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--data-dir", str(data_dir), "check"]) == 0
    assert "Nothing to check" in capsys.readouterr().out
    (data_dir / "facilitator.sqlite3").write_bytes(b"\x00garbage" * 512)
    assert run(["--data-dir", str(data_dir), "check"]) == 2
    err = capsys.readouterr().err
    assert "does not belong to Facilitator" in err
    assert "Traceback" not in err
