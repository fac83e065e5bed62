"""The time-up chime goes to the system's sound player; About names the version."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator import __version__
from facilitator.ui import timer as timer_module
from facilitator.ui.dialogs import about_text


def test_chime_plays_the_shipped_sound_through_a_system_player(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr(timer_module.sys, "platform", "linux")
    monkeypatch.setattr("shutil.which", lambda name: "/usr/bin/paplay" if name == "paplay" else None)
    monkeypatch.setattr("subprocess.Popen", lambda args, **_kwargs: started.append(args))
    timer_module.play_chime()
    [args] = started
    assert args[0] == "paplay" and Path(args[1]).name == "time-up.wav" and Path(args[1]).is_file()


def test_without_a_player_the_system_beep_sounds(monkeypatch: pytest.MonkeyPatch, qapp: object) -> None:
    beeps: list[bool] = []
    monkeypatch.setattr(timer_module.sys, "platform", "linux")
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr(timer_module.QApplication, "beep", lambda: beeps.append(True))
    timer_module.play_chime()
    assert beeps == [True]


def test_about_names_the_version(qapp: object) -> None:
    assert __version__ in about_text()
