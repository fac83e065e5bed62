"""The built wheel carries what the app loads at run time: icon, chime, migrations."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_contains_resources_and_migrations(tmp_path: Path) -> None:
    pytest.importorskip("setuptools")
    source = tmp_path / "source"  # a copy, so the build leaves nothing behind in the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("facilitator", "resources"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    build = "import sys; from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))"
    result = subprocess.run(
        [sys.executable, "-c", build, str(tmp_path)], cwd=source, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = tmp_path / result.stdout.strip().splitlines()[-1]
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "facilitator/resources/icons/facilitator.svg",
        "facilitator/resources/icons/facilitator-256.png",
        "facilitator/resources/sounds/time-up.wav",
        "facilitator/storage/migrations/env.py",
        "facilitator/storage/migrations/script.py.mako",
        "facilitator/storage/migrations/versions/0001_initial_schema.py",
        "facilitator/storage/migrations/versions/0002_ground_rules.py",
        "facilitator/storage/migrations/versions/0003_decisions_and_actions.py",
        "facilitator/storage/migrations/versions/0004_brainstorming.py",
        "facilitator/storage/migrations/versions/0005_nominal_group.py",
        "facilitator/storage/migrations/versions/0006_idea_writing.py",
        "facilitator/ui/main_window.py",
    ):
        assert needed in names
    assert not any(name.startswith(("tests/", "resources/")) for name in names)
