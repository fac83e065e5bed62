"""GUI fixtures: the real main window over a real store file in tmp_path, driven like a person would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from facilitator.domain.people import SEED_SECTORS
from facilitator.services import Services, build_services
from facilitator.storage.migrate import prepare
from facilitator.ui.app import application
from facilitator.ui.controller import Controller
from facilitator.ui.main_window import MainWindow
from facilitator.ui.timer import TimerController


def answer_dialog(qtbot: QtBot, fill: Callable[[QDialog], None]) -> list[BaseException]:
    """Act on the next modal dialog as soon as it opens (exec() blocks the test otherwise).

    A failure inside closes the dialog, so the test fails instead of hanging; check the list.
    """
    problems: list[BaseException] = []

    def act() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
        dialog = dialogs[-1] if dialogs else None
        if dialog is None:
            QTimer.singleShot(10, act)
            return
        try:
            assert isinstance(dialog, QDialog)
            fill(dialog)
        except BaseException as error:
            problems.append(error)
            dialog.reject()

    QTimer.singleShot(0, act)
    return problems


class FakeClock:
    """Monotonic seconds that tests move forward by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def services(db_path: Path) -> Iterator[Services]:
    prepare(db_path)
    built = build_services(db_path)
    built.sectors.seed(SEED_SECTORS)
    yield built
    built.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_window(
    qtbot: QtBot, services: Services, tmp_path: Path, data_dir: Path, clock: FakeClock
) -> Iterator[Callable[[], MainWindow]]:
    application()
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        controller = Controller()
        timer = TimerController(clock=clock, wall=clock)
        timer.sound_enabled = False
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(controller, timer, settings, data_dir)
        qtbot.addWidget(window)
        qtbot.addWidget(window.presenter)
        controller.show_snapshot(services.collaboratives.overview(), None)
        controller.attach(services)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.presenter.close()
        window.close()


@pytest.fixture
def window(make_window: Callable[[], MainWindow]) -> MainWindow:
    return make_window()


@pytest.fixture
def sample_window(services: Services, make_window: Callable[[], MainWindow]) -> MainWindow:
    meeting_id = services.sample.create()
    services.meetings.remember_opened(meeting_id)
    window = make_window()
    window.open_meeting(meeting_id)
    return window


DialogAnswerer = Callable[[Callable[[QDialog], None]], list[BaseException]]


@pytest.fixture
def on_dialog(qtbot: QtBot) -> DialogAnswerer:
    """``on_dialog(fill)`` before the key that opens a dialog; ``fill`` then drives the dialog."""
    return lambda fill: answer_dialog(qtbot, fill)
