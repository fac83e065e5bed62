"""Attendance by keyboard, people at the door, and bad input that loses nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.domain.model import AttendanceStatus
from facilitator.services import Services
from facilitator.ui.main_window import MainWindow
from facilitator.ui.meeting_page import MeetingPage


def statuses(services: Services, meeting_id: int) -> dict[str, AttendanceStatus]:
    return {a.person.name: a.status for a in services.attendance.for_meeting(meeting_id)}


def test_mark_roster_with_single_keys_and_undo(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.meeting_page.attendance
    assert QApplication.focusWidget() is page.table
    meeting_id = window.controller.detail.meeting.id  # type: ignore[union-attr]
    first, second, third = (page.proxy.index(row, 0).data() for row in range(3))
    qtbot.keyClick(page.table, Qt.Key.Key_P)  # marks the row and moves to the next
    qtbot.keyClick(page.table, Qt.Key.Key_L)
    qtbot.keyClick(page.table, Qt.Key.Key_R)
    marked = statuses(services, meeting_id)
    assert (marked[first], marked[second], marked[third]) == (
        AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.REGRETS,
    )  # fmt: skip
    late = next(a for a in services.attendance.for_meeting(meeting_id) if a.person.name == second)
    assert late.arrived_at is not None
    assert "In the room: 2" in page.summary.text() and "Regrets: 1" in page.summary.text()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert statuses(services, meeting_id)[third] is AttendanceStatus.EXPECTED
    assert "Regrets" not in page.summary.text()
    qtbot.keyClick(
        window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert statuses(services, meeting_id)[third] is AttendanceStatus.REGRETS


def test_find_filters_roster(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.meeting_page.attendance
    assert QApplication.focusWidget() is page.filter
    qtbot.keyClicks(page.filter, "faith")
    assert page.proxy.rowCount() == 2
    qtbot.keyClick(page.filter, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_P)
    detail = window.controller.detail
    assert detail is not None
    in_room = [a.person.sector_name for a in detail.attendees if a.status.in_room]
    assert in_room == ["Faith"]


def test_door_rejects_empty_duplicate_and_huge_names_keeping_the_text(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    window.show_tab(MeetingPage.ATTENDANCE)
    page = window.meeting_page.attendance
    meeting_id = window.controller.detail.meeting.id  # type: ignore[union-attr]
    before = len(services.attendance.for_meeting(meeting_id))

    page.new_name.setFocus()
    qtbot.keyClick(page.new_name, Qt.Key.Key_Return)
    assert "cannot be empty" in page.add_error.text()

    # Someone already on the roster is marked present, not added twice.
    qtbot.keyClicks(page.new_name, "rosa  DELGADO")
    assert not page.add_error.isVisible()  # the empty-name message went as typing began
    qtbot.keyClick(page.new_name, Qt.Key.Key_Return)
    assert statuses(services, meeting_id)["Rosa Delgado"] is AttendanceStatus.PRESENT
    assert "Rosa Delgado was already on the list" in page.door_note.text()
    assert len(services.attendance.for_meeting(meeting_id)) == before

    huge = "x" * 10_000
    page.new_name.setText(huge)
    qtbot.keyClick(page.new_name, Qt.Key.Key_Return)
    assert "at most 200 characters" in page.add_error.text() and "10,000" in page.add_error.text()
    assert page.new_name.text() == huge
    assert len(services.attendance.for_meeting(meeting_id)) == before

    page.new_name.setText("Amara\x00 Okoye\x07")
    qtbot.keyClick(page.new_name, Qt.Key.Key_Return)
    assert not page.add_error.isVisible()
    added = statuses(services, meeting_id)
    assert added["Amara Okoye"] is AttendanceStatus.PRESENT
    assert page.new_name.text() == "" and QApplication.focusWidget() is page.new_name
    # Undo takes the newcomer off the roster; redo brings the same person back.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Amara Okoye" not in statuses(services, meeting_id)
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert statuses(services, meeting_id)["Amara Okoye"] is AttendanceStatus.PRESENT


def test_details_form_saves_on_leaving_and_explains_bad_input(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    details = window.meeting_page.details
    meeting_id = window.controller.detail.meeting.id  # type: ignore[union-attr]
    assert QApplication.focusWidget() is details.title
    details.title.selectAll()
    qtbot.keyClick(details.title, Qt.Key.Key_Delete)
    qtbot.keyClick(details.title, Qt.Key.Key_Return)
    assert "Title cannot be empty" in details.errors["title"].text()
    assert services.meetings.detail(meeting_id).meeting.title == "Summer jobs working session"

    qtbot.keyClicks(details.title, "Summer jobs <b>pilot</b> | *plan*")
    qtbot.keyClick(details.title, Qt.Key.Key_Tab)
    assert not details.errors["title"].isVisible()
    assert services.meetings.detail(meeting_id).meeting.title == "Summer jobs <b>pilot</b> | *plan*"
    assert window.meeting_page.heading.text() == "Summer jobs <b>pilot</b> | *plan*"
    assert window.meeting_page.heading.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.meetings.detail(meeting_id).meeting.title == "Summer jobs working session"
    assert details.title.text() == "Summer jobs working session"
