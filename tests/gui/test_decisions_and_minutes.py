"""Decisions, action items and minutes in the running app, by keyboard: propose, count, record,
add an action item, park something, export the minutes and read them back."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from facilitator.domain.model import AgendaKind, AttendanceStatus
from facilitator.domain.record import ActionStatus, Disposition
from facilitator.services import Services
from facilitator.techniques.decisions.ui.panel import DecisionsPanel
from facilitator.ui.main_window import MainWindow
from facilitator.ui.meeting_page import MeetingPage
from facilitator.ui.minutes.page import LAST_FOLDER_KEY
from facilitator.ui.record_widgets import NewActionDialog

from .conftest import DialogAnswerer

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
WORDING = 'Fund 40 summer jobs <script>alert("x")</script> | *now*'


def activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def key(qtbot: QtBot, which: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, which, modifiers)


def go_to_decisions(qtbot: QtBot, window: MainWindow, services: Services, meeting_id: int) -> DecisionsPanel:
    activate(qtbot, window)
    key(qtbot, Qt.Key.Key_4, CTRL)
    key(qtbot, Qt.Key.Key_Return, CTRL)  # start the meeting
    agenda = services.meetings.detail(meeting_id).agenda
    steps = next(i for i, item in enumerate(agenda) if item.kind is AgendaKind.DECISIONS)
    for _ in range(steps):
        key(qtbot, Qt.Key.Key_PageDown, CTRL)
    area = window.meeting_page.run.technique_area
    qtbot.waitUntil(lambda: isinstance(area.currentWidget(), DecisionsPanel))
    panel = area.currentWidget()
    assert isinstance(panel, DecisionsPanel)
    return panel


def test_propose_count_record_add_an_action_and_export(
    qtbot: QtBot,
    services: Services,
    make_window: Callable[[], MainWindow],
    on_dialog: DialogAnswerer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    meeting_id = services.sample.create()
    detail = services.meetings.detail(meeting_id)
    for attendee in detail.attendees[:10]:
        services.attendance.set_status(meeting_id, attendee.person.id, AttendanceStatus.PRESENT)
    window = make_window()
    window.open_meeting(meeting_id)
    panel = go_to_decisions(qtbot, window, services, meeting_id)

    # A proposal, worded as the group words it: Insert on the list opens the box.
    panel.list.setFocus()

    def word(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        editor = dialog.findChild(QPlainTextEdit)
        assert editor is not None
        qtbot.keyClicks(editor, WORDING)
        dialog.accept()

    problems = on_dialog(word)
    key(qtbot, Qt.Key.Key_Insert)
    assert not problems
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    activate(qtbot, window)
    panel.list.setFocus()

    # Enter goes to the count; type the hands for, against, abstain.
    key(qtbot, Qt.Key.Key_Return)
    assert isinstance(QApplication.focusWidget(), QSpinBox)
    for count in ("9", "0", "1"):
        spin = QApplication.focusWidget()
        assert isinstance(spin, QSpinBox)
        spin.selectAll()
        qtbot.keyClicks(spin, count)
        key(qtbot, Qt.Key.Key_Tab)
    decision = services.record.view(meeting_id).decisions[0]
    assert decision.fields.wording == WORDING
    assert decision.total == {"for": 9, "against": 0, "abstain": 1}
    assert decision.outcome is not None and decision.outcome.carried
    assert "Carries by consensus" in panel.result.text()

    # Adopted, recorded with Ctrl+R.
    panel.disposition.setFocus()
    panel.disposition.setCurrentIndex(panel.disposition.findData(Disposition.ADOPTED.value))
    key(qtbot, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: services.record.view(meeting_id).decisions[0].disposition is Disposition.ADOPTED)
    assert "Recorded: Adopted" in panel.recorded.text()

    # Rejecting what carried needs a note: refused in plain words, nothing changes.
    panel.disposition.setCurrentIndex(panel.disposition.findData(Disposition.REJECTED.value))
    key(qtbot, Qt.Key.Key_R, CTRL)
    assert "write a note" in panel.dispose_error.text()
    assert services.record.view(meeting_id).decisions[0].disposition is Disposition.ADOPTED

    # An action item from anywhere: Ctrl+Shift+A.
    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, NewActionDialog)
        qtbot.keyClicks(dialog.form.what, "Write to the 12 employers | by email")
        dialog.form.owner.setCurrentIndex(1)
        dialog.form.decision.setCurrentIndex(1)
        qtbot.keyClick(dialog.form.what, Qt.Key.Key_Return)

    problems = on_dialog(act)
    key(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    assert not problems
    record = services.record.view(meeting_id)
    assert [a.fields.what for a in record.actions] == ["Write to the 12 employers | by email"]
    assert record.actions[0].decision_number == 1
    assert record.actions[0].status is ActionStatus.OPEN

    # Ctrl+Z takes the action item back, Ctrl+Shift+Z brings it again.
    activate(qtbot, window)
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert services.record.view(meeting_id).actions == ()
    key(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(services.record.view(meeting_id).actions) == 1

    # Export through the File menu's Ctrl+E: the folder chosen is remembered.
    target = tmp_path / "out" / "minutes.pdf"
    target.parent.mkdir()
    offered: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filters: str, selected: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(target), selected

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    minutes = window.meeting_page.minutes
    with qtbot.waitSignal(minutes.exported, timeout=20000):
        key(qtbot, Qt.Key.Key_E, CTRL)
    assert window.meeting_page.tabs.currentIndex() == MeetingPage.MINUTES
    assert Path(offered[0]).name.endswith(" minutes.pdf")
    assert minutes.settings is not None
    assert minutes.settings.value(LAST_FOLDER_KEY) == str(target.parent)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert 'Fund 40 summer jobs <script>alert("x")</script> | *now*' in flat
    assert "Write to the 12 employers | by email" in flat
    assert "Adopted" in flat

    if os.environ.get("FACILITATOR_SCREENSHOTS"):
        folder = Path(os.environ["FACILITATOR_SCREENSHOTS"])
        folder.mkdir(parents=True, exist_ok=True)
        window.resize(1280, 800)
        window.show_tab(MeetingPage.MINUTES)
        minutes.refresh_preview()
        window.grab().save(str(folder / "minutes-tab-1280x800.png"))
        window.show_tab(MeetingPage.RUN)
        window.grab().save(str(folder / "decisions-panel-1280x800.png"))


def test_an_unwritable_destination_says_so_and_changes_nothing(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    meeting_id = services.sample.create()
    window = make_window()
    window.open_meeting(meeting_id)
    activate(qtbot, window)
    window.show_tab(MeetingPage.MINUTES)
    minutes = window.meeting_page.minutes
    before = services.record.view(meeting_id)
    from facilitator.ui.minutes.formats import Format

    minutes.export_to(tmp_path / "no such folder" / "minutes.html", Format.HTML)
    qtbot.waitUntil(lambda: minutes.error.isVisible())
    assert "does not exist" in minutes.error.text()
    assert "Nothing was written" in minutes.status.text()
    assert services.record.view(meeting_id) == before
    assert not (tmp_path / "no such folder").exists()


def test_a_meeting_saved_to_an_exchange_file_comes_back_by_import_and_undo_takes_it_out(
    qtbot: QtBot,
    services: Services,
    make_window: Callable[[], MainWindow],
    on_dialog: DialogAnswerer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.sample.create()
    launch = services.meetings.lookup("Launch meeting").id
    window = make_window()
    window.open_meeting(launch)
    activate(qtbot, window)
    target = tmp_path / "launch.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args: (str(target), ""))
    window.actions["export_meeting"].trigger()
    assert target.read_text(encoding="utf-8").startswith("{")

    # The same meeting again is refused in plain words, and nothing is added.
    shown: list[str] = []

    def read(dialog: QDialog) -> None:
        shown.append(dialog.findChild(QLabel, "qt_msgbox_label").text())  # type: ignore[union-attr]
        dialog.accept()

    problems = on_dialog(read)
    window.actions["import_meeting"].trigger()
    assert not problems
    assert "already here" in shown[0] and "Nothing was imported" in shown[0]
    assert len(services.collaboratives.overview()[0].meetings) == 2

    # Removed, then imported from the file: back with its decisions; Ctrl+Z takes it out again.
    activate(qtbot, window)
    wordings = [d.fields.wording for d in services.record.view(launch).decisions]
    assert len(wordings) == 3
    window.controller.remove_meeting(launch)
    window.actions["import_meeting"].trigger()
    meetings = services.collaboratives.overview()[0].meetings
    imported = next(m.id for m in meetings if m.title == "Launch meeting")
    assert imported != launch
    assert [d.fields.wording for d in services.record.view(imported).decisions] == wordings
    assert window.controller.detail is not None and window.controller.detail.meeting.id == imported
    activate(qtbot, window)
    key(qtbot, Qt.Key.Key_Z, CTRL)
    assert all(m.title != "Launch meeting" for m in services.collaboratives.overview()[0].meetings)
