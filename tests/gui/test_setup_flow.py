"""A new facilitator sets up a collaborative and a meeting using only the keyboard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from facilitator.domain.model import AgendaKind
from facilitator.services import Services
from facilitator.ui.main_window import MainWindow
from facilitator.ui.meeting_page import MeetingPage

# The on_dialog fixture (conftest): register a dialog filler, get back the problems it met.
DialogAnswerer = Callable[[Callable[[QDialog], None]], list[BaseException]]


def refocus(qtbot: QtBot, window: QWidget) -> None:
    """The offscreen platform has no window manager to hand focus back after a dialog closes."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    qtbot.keyClicks(widget, text)


def test_empty_store_offers_new_collaborative_or_sample(window: MainWindow, services: Services) -> None:
    assert window.pages.currentWidget() is window.welcome
    assert window.welcome.new_button.isVisible() and window.welcome.sample_button.isVisible()
    window.welcome.sample_button.click()
    assert window.pages.currentWidget() is window.meeting_page
    detail = window.controller.detail
    assert detail is not None and len(detail.attendees) == 15
    assert [c.name for c in services.collaboratives.overview()] == ["Millbrook Youth Futures Collaborative"]


def test_keyboard_only_collaborative_meeting_attendance_agenda(
    qtbot: QtBot, window: MainWindow, services: Services, on_dialog: DialogAnswerer
) -> None:
    def new_collaborative(dialog: QDialog) -> None:
        field = dialog.focusWidget()  # the dialog opens with the cursor in the name field
        assert field is not None
        qtbot.keyClicks(field, "Eastside Housing Partnership")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    problems = on_dialog(new_collaborative)
    qtbot.keyClick(
        window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert not problems
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.collaborative_page)
    [collaborative] = services.collaboratives.overview()
    assert collaborative.name == "Eastside Housing Partnership"
    refocus(qtbot, window)

    def new_meeting(dialog: QDialog) -> None:
        field = dialog.focusWidget()
        assert field is not None
        qtbot.keyClicks(field, "Kickoff")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    problems = on_dialog(new_meeting)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not problems
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.meeting_page)
    refocus(qtbot, window)
    detail = window.controller.detail
    assert detail is not None and detail.meeting.title == "Kickoff"
    # The default template is the kickoff agenda.
    kinds = [item.kind for item in detail.agenda]
    assert kinds[:2] == [AgendaKind.GROUND_RULES, AgendaKind.BRAINSTORMING]
    assert AgendaKind.NOMINAL_GROUP in kinds and AgendaKind.DECISIONS in kinds

    # New meetings open on attendance, with the cursor in the new-arrival field.
    page = window.meeting_page.attendance
    assert window.meeting_page.tabs.currentIndex() == MeetingPage.ATTENDANCE
    for name in ("Ana Lopez", "Bo Chen", "Carmen Ruiz"):
        assert QApplication.focusWidget() is page.new_name
        type_into(qtbot, page.new_name, name)
        qtbot.keyClick(page.new_name, Qt.Key.Key_Return)
    assert [a.person.name for a in services.attendance.for_meeting(detail.meeting.id)] == [
        "Ana Lopez", "Bo Chen", "Carmen Ruiz",
    ]  # fmt: skip
    assert "In the room: 3" in page.summary.text()

    # Agenda: move the first item down with Alt+Down, then delete it, then undo.
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    agenda = window.meeting_page.agenda
    assert QApplication.focusWidget() is agenda.table
    agenda.table.selectRow(0)
    first = agenda.selected()
    assert first is not None
    qtbot.keyClick(agenda.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    order = [item.id for item in services.agenda.for_meeting(detail.meeting.id)]
    assert order[1] == first.id
    qtbot.keyClick(agenda.table, Qt.Key.Key_Delete)
    assert first.id not in [item.id for item in services.agenda.for_meeting(detail.meeting.id)]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [item.id for item in services.agenda.for_meeting(detail.meeting.id)] == order


def test_edit_agenda_item_title_and_time_box_by_keyboard(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    window.show_tab(MeetingPage.AGENDA)
    agenda = window.meeting_page.agenda
    agenda.table.selectRow(1)
    item = agenda.selected()
    assert item is not None
    qtbot.keyClick(agenda.table, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is agenda.title
    agenda.title.selectAll()
    type_into(qtbot, agenda.title, "Summer jobs: ideas from every sector")
    qtbot.keyClick(agenda.title, Qt.Key.Key_Return)
    stored = {i.id: i for i in services.agenda.for_meeting(item.meeting_id)}[item.id]
    assert stored.title == "Summer jobs: ideas from every sector"
    # Undo brings the old title back, in the store and on screen.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    stored = {i.id: i for i in services.agenda.for_meeting(item.meeting_id)}[item.id]
    assert stored.title == item.title
    assert agenda.model.items[1].title == item.title
