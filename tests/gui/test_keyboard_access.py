"""Every Alt+letter leads to one place on each screen; keys meant for a field stay in that field."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget
from pytestqt.qtbot import QtBot

from facilitator.domain.model import AgendaKind, AttendanceStatus, MeetingStatus
from facilitator.domain.record import DecisionFields
from facilitator.services import Services
from facilitator.ui.main_window import MainWindow
from facilitator.ui.meeting_page import MeetingPage
from facilitator.ui.record_actions import record_actions


def mnemonic(text: str) -> str | None:
    index = text.replace("&&", "").find("&")
    return text.replace("&&", "")[index + 1].lower() if index >= 0 else None


def visible_mnemonics(window: MainWindow) -> Counter[str]:
    letters: Counter[str] = Counter()
    for menu in window.menuBar().actions():
        if (letter := mnemonic(menu.text())) is not None:
            letters[letter] += 1
    for bar in window.findChildren(QTabBar):  # every visible row of tabs, nested ones too
        if bar.isVisible():
            for index in range(bar.count()):
                if (letter := mnemonic(bar.tabText(index))) is not None:
                    letters[letter] += 1
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        text = ""
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            text = widget.text()
        if (letter := mnemonic(text)) is not None:
            letters[letter] += 1
    return letters


def test_alt_letters_are_unique_on_every_screen(sample_window: MainWindow, services: Services) -> None:
    window = sample_window
    screens = []
    for index in range(window.meeting_page.tabs.count()):
        window.show_tab(index)
        screens.append((f"tab {index}", visible_mnemonics(window)))
    # The decisions step and the Minutes tab, each of their own tabs.
    meeting_id = window.controller.detail.meeting.id  # type: ignore[union-attr]
    for attendee in services.meetings.detail(meeting_id).attendees[:10]:
        services.attendance.set_status(meeting_id, attendee.person.id, AttendanceStatus.PRESENT)
    window.open_meeting(meeting_id)
    window.start_meeting()
    while window.controller.detail.current_item.kind is not AgendaKind.DECISIONS:  # type: ignore[union-attr]
        window.step(1)
    item = window.controller.detail.current_item  # type: ignore[union-attr]
    record_actions(window.controller).add_decision(meeting_id, DecisionFields("Run the pilot"), item.id)
    window.show_tab(MeetingPage.RUN)
    panel = window.meeting_page.run.technique_area.currentWidget()
    for index in range(panel.tabs.count()):  # type: ignore[attr-defined]
        panel.tabs.setCurrentIndex(index)  # type: ignore[attr-defined]
        screens.append((f"decisions tab {index}", visible_mnemonics(window)))
    window.show_tab(MeetingPage.MINUTES)
    minutes = window.meeting_page.minutes
    for index in range(minutes.tabs.count()):
        minutes.tabs.setCurrentIndex(index)
        screens.append((f"minutes tab {index}", visible_mnemonics(window)))
    window.open_collaborative(services.collaboratives.overview()[0].id)
    screens.append(("collaborative", visible_mnemonics(window)))
    for name, letters in screens:
        repeated = {letter: count for letter, count in letters.items() if count > 1}
        assert not repeated, f"{name}: {repeated} in {sorted(letters)}"


def test_ctrl_enter_in_the_question_saves_it_and_does_not_start_the_meeting(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    window.show_tab(MeetingPage.AGENDA)
    agenda = window.meeting_page.agenda
    agenda.table.selectRow(0)
    agenda.prompt.setFocus()
    qtbot.keyClicks(agenda.prompt, " Be brief.")
    qtbot.keyClick(agenda.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    detail = services.meetings.detail(window.controller.detail.meeting.id)  # type: ignore[union-attr]
    assert detail.meeting.status is MeetingStatus.PLANNED
    assert "Be brief." in detail.agenda[0].prompt


def test_ctrl_z_in_an_emptied_field_undoes_the_last_action(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    window.show_tab(MeetingPage.ATTENDANCE)
    page = window.meeting_page.attendance
    meeting_id = window.controller.detail.meeting.id  # type: ignore[union-attr]
    page.new_name.setFocus()
    qtbot.keyClicks(page.new_name, "Ana Lopez")
    qtbot.keyClick(page.new_name, Qt.Key.Key_Return)
    names = lambda: {a.person.name for a in services.attendance.for_meeting(meeting_id)}  # noqa: E731
    assert "Ana Lopez" in names()
    assert QApplication.focusWidget() is page.new_name
    qtbot.keyClick(page.new_name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Ana Lopez" not in names()
    # While typing, Ctrl+Z still edits the text itself.
    qtbot.keyClicks(page.new_name, "Bo")
    qtbot.keyClick(page.new_name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.new_name.text() == ""
    assert "Ana Lopez" not in names()
