"""Running a meeting from the keyboard while the presenter window follows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from facilitator.domain.model import ItemState, MeetingStatus
from facilitator.domain.timer import TimerState
from facilitator.services import Services
from facilitator.ui import theme
from facilitator.ui.main_window import MainWindow
from facilitator.ui.meeting_page import MeetingPage

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

# The on_dialog fixture (conftest): register a dialog filler, get back the problems it met.
DialogAnswerer = Callable[[Callable[[QDialog], None]], list[BaseException]]


def activate(qtbot: QtBot, widget: QWidget) -> None:
    """Give a window the focus, as clicking on it would (offscreen has no window manager)."""
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)


def test_start_step_undo_and_close_with_presenter_following(
    qtbot: QtBot, sample_window: MainWindow, services: Services, clock: object
) -> None:
    window = sample_window
    presenter = window.presenter
    meeting_id = window.controller.detail.meeting.id  # type: ignore[union-attr]
    agenda = services.agenda.for_meeting(meeting_id)
    assert not presenter.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)  # start meeting
    assert services.meetings.detail(meeting_id).meeting.status is MeetingStatus.IN_PROGRESS
    assert presenter.isVisible()
    assert window.meeting_page.tabs.currentIndex() == MeetingPage.RUN
    assert presenter.title.text() == agenda[0].title
    assert presenter.prompt.text() == agenda[0].prompt
    assert presenter.step_label.text() == f"Item 1 of {len(agenda)}"
    assert window.timer.remaining() == agenda[0].minutes * 60  # the time box is loaded, not running

    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    detail = services.meetings.detail(meeting_id)
    assert detail.meeting.current_item_id == agenda[1].id
    assert detail.agenda[0].state is ItemState.DONE
    assert presenter.title.text() == agenda[1].title
    assert window.meeting_page.run.title.text() == agenda[1].title
    assert window.timer.remaining() == agenda[1].minutes * 60

    # A clicker's Page Down on the projector steps too.
    activate(qtbot, presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    assert services.meetings.detail(meeting_id).meeting.current_item_id == agenda[2].id
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # undo the step
    assert services.meetings.detail(meeting_id).meeting.current_item_id == agenda[1].id
    assert presenter.title.text() == agenda[1].title

    qtbot.keyClick(window, Qt.Key.Key_PageUp, CTRL)
    assert services.meetings.detail(meeting_id).meeting.current_item_id == agenda[0].id
    qtbot.keyClick(window, Qt.Key.Key_PageUp, CTRL)  # nothing before the first item: a plain message
    assert "first item" in window.statusBar().currentMessage()

    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL | SHIFT)  # close
    closed = services.meetings.detail(meeting_id).meeting
    assert closed.status is MeetingStatus.CLOSED and closed.closed_at is not None
    assert presenter.title.text() == "Thank you"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert services.meetings.detail(meeting_id).meeting.status is MeetingStatus.IN_PROGRESS


def test_go_to_item_dialog_by_typing(
    qtbot: QtBot, sample_window: MainWindow, services: Services, on_dialog: DialogAnswerer
) -> None:
    window = sample_window
    meeting_id = window.controller.detail.meeting.id  # type: ignore[union-attr]
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)

    def pick(dialog: object) -> None:
        field = dialog.filter  # type: ignore[attr-defined]
        qtbot.keyClicks(field, "pilot")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    problems = on_dialog(pick)
    qtbot.keyClick(window, Qt.Key.Key_G, CTRL)
    assert not problems
    current = services.meetings.detail(meeting_id).current_item
    assert current is not None and current.title == "Decide on a pilot"


def test_timer_runs_pauses_adds_a_minute_and_signals_time_up(
    qtbot: QtBot, sample_window: MainWindow, clock: Callable[[], float]
) -> None:
    window = sample_window
    timer, presenter = window.timer, window.presenter
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    total = timer.remaining()
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    assert timer.state is TimerState.RUNNING
    clock.advance(60)  # type: ignore[attr-defined]
    assert timer.remaining() == total - 60
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)  # pause
    clock.advance(300)  # type: ignore[attr-defined]
    assert timer.state is TimerState.PAUSED and timer.remaining() == total - 60
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL | SHIFT)  # add a minute
    assert timer.remaining() == total
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)  # resume
    clock.advance(total + 5)  # type: ignore[attr-defined]
    with qtbot.waitSignal(timer.expired, timeout=2000):
        pass
    qtbot.waitUntil(lambda: presenter.time_up.isVisible())
    assert presenter.clock.text() == "-0:05"
    assert presenter.clock.property("up") is True
    assert "Time is up" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL | SHIFT)  # reset
    assert timer.state is TimerState.READY and timer.remaining() == total
    qtbot.waitUntil(lambda: not presenter.time_up.isVisible())


def test_presenter_blank_zoom_full_screen_keys(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    presenter = window.presenter
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL | SHIFT)
    assert presenter.isVisible()
    # With a second screen, the presenter opens there, full screen; the facilitator keeps the laptop.
    assert presenter.screen().name() == "Projector" and window.screen().name() == "Laptop"
    qtbot.waitUntil(presenter.isFullScreen)
    assert presenter.height() == 800
    size = presenter.title.font().pixelSize()
    qtbot.keyClick(window, Qt.Key.Key_Equal, CTRL)
    assert presenter.title.font().pixelSize() > size
    qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Minus, CTRL)
    assert presenter.title.font().pixelSize() < size
    activate(qtbot, presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert presenter.blanked and presenter.stack.currentIndex() == 1
    qtbot.keyClick(presenter, Qt.Key.Key_B)
    assert not presenter.blanked
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_B, CTRL)
    assert presenter.blanked and window.actions["presenter_blank"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not presenter.isFullScreen())
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(presenter.isFullScreen)
    activate(qtbot, presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not presenter.isFullScreen())


def test_presenter_text_is_large_and_high_contrast(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)  # past the ground rules, to a plain question
    presenter = window.presenter
    presenter.resize(1920, 1080)
    qtbot.waitUntil(lambda: presenter.height() == 1080)
    assert presenter.body.currentWidget() is presenter.prompt
    assert presenter.title.font().pixelSize() >= 0.07 * 1080
    assert presenter.prompt.font().pixelSize() >= 0.035 * 1080
    assert presenter.clock.font().pixelSize() >= 0.1 * 1080
    for foreground, background in theme.PRESENTER_PAIRS.values():
        assert theme.contrast(foreground, background) >= 7.0


def test_window_geometry_is_remembered(
    qtbot: QtBot, make_window: Callable[[], MainWindow], tmp_path: object
) -> None:
    first = make_window()
    first.resize(1100, 720)
    first.move(40, 30)
    qtbot.waitUntil(lambda: first.width() == 1100)
    first.close()
    second = make_window()
    assert (second.width(), second.height()) == (1100, 720)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)  # type: ignore[operator]
    assert settings.contains("main/geometry")
    QApplication.processEvents()


def test_the_timer_survives_a_restart_and_keeps_counting(
    qtbot: QtBot, sample_window: MainWindow, make_window: Callable[[], MainWindow], clock: object
) -> None:
    window = sample_window
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)  # start the meeting
    total = window.timer.remaining()
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)  # start the timer
    clock.advance(60)  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)  # pause at one minute
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)  # and run on
    clock.advance(30)  # type: ignore[attr-defined]
    window.close()  # as good as a crash: nothing is saved on the way out for the timer

    again = make_window()
    meeting_id = again.controller.svc.meetings.last_opened()
    assert meeting_id is not None
    again.open_meeting(meeting_id)
    assert again.timer.state is TimerState.RUNNING
    assert again.timer.remaining() == total - 90  # the room's clock went on while the app was away

    # Moving on starts the next item's own time box; coming back does not revive the old one.
    # (Called directly: the closed first window still holds the same app-wide shortcuts.)
    again.step(1)
    assert again.timer.state is TimerState.READY
    again.step(-1)
    assert again.timer.state is TimerState.READY and again.timer.remaining() == total


def test_the_main_window_says_what_the_projector_shows(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    assert window.projector_label.text() == "Projector: off"
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL | SHIFT)
    assert window.projector_label.text() == "Projector: on, text 100%"
    qtbot.keyClick(window, Qt.Key.Key_Equal, CTRL)
    assert window.projector_label.text() == "Projector: on, text 115%"
    activate(qtbot, window.presenter)
    qtbot.keyClick(window.presenter, Qt.Key.Key_B)  # blanked from the projector itself
    assert window.projector_label.text().startswith("Projector: BLANK")
    assert window.actions["presenter_blank"].isChecked()
