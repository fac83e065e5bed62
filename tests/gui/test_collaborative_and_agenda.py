"""The collaborative page (about, people) and the agenda's drag and drop."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.services import Services
from facilitator.ui.main_window import MainWindow
from facilitator.ui.meeting_page import MeetingPage


def open_collaborative(window: MainWindow, services: Services) -> int:
    collaborative_id = services.collaboratives.overview()[0].id
    window.open_collaborative(collaborative_id)
    assert window.pages.currentWidget() is window.collaborative_page
    return collaborative_id


def test_people_are_added_edited_and_removed_by_keyboard(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    collaborative_id = open_collaborative(window, services)
    page = window.collaborative_page
    names = lambda: [p.name for p in services.people.for_collaborative(collaborative_id)]  # noqa: E731
    assert len(names()) == 15

    # Edit: select a row, Enter puts the cursor in the form, Enter again saves that same person.
    page.people_table.setFocus()
    page.people_table.setCurrentCell(0, 0)
    person = page.people[0]
    qtbot.keyClick(page.people_table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.person_name
    page.person_org.setText("Millbrook Chamber of Commerce and Industry")
    qtbot.keyClick(page.person_org, Qt.Key.Key_Return)
    edited = next(p for p in services.people.for_collaborative(collaborative_id) if p.id == person.id)
    assert edited.organisation == "Millbrook Chamber of Commerce and Industry"
    assert len(names()) == 15  # edited, not added again

    # Add: New person clears the form; Enter adds; a second identical entry is refused in words.
    page.new_person_button.click()
    assert QApplication.focusWidget() is page.person_name and page.person_name.text() == ""
    qtbot.keyClicks(page.person_name, "Amira Said")
    qtbot.keyClicks(page.person_org, "Millbrook Library")
    qtbot.keyClick(page.person_org, Qt.Key.Key_Return)
    assert "Amira Said" in names()
    qtbot.keyClicks(page.person_name, "amira said")
    qtbot.keyClick(page.person_name, Qt.Key.Key_Return)
    assert "already on this collaborative's list" in page.person_error.text()
    assert names().count("Amira Said") == 1

    # Remove with Delete; undo puts the same person back.
    row = next(i for i, p in enumerate(page.people) if p.name == "Amira Said")
    page.people_table.setCurrentCell(row, 0)
    page.people_table.setFocus()
    qtbot.keyClick(page.people_table, Qt.Key.Key_Delete)
    assert "Amira Said" not in names()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Amira Said" in names()


def test_collaborative_about_fields_save_and_undo(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    collaborative_id = open_collaborative(window, services)
    page = window.collaborative_page
    page.vision.setFocus()
    page.vision.selectAll()
    qtbot.keyClicks(page.vision, "Every young person known by name.")
    qtbot.keyClick(page.vision, Qt.Key.Key_Tab)  # leaving the field saves it
    assert services.collaboratives.get(collaborative_id).vision == "Every young person known by name."
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.collaboratives.get(collaborative_id).vision.startswith("A town where")
    assert page.vision.toPlainText().startswith("A town where")


def test_agenda_rows_move_by_drag_and_drop(sample_window: MainWindow, services: Services) -> None:
    window = sample_window
    window.show_tab(MeetingPage.AGENDA)
    model = window.meeting_page.agenda.model
    meeting_id = window.controller.detail.meeting.id  # type: ignore[union-attr]
    before = [item.id for item in services.agenda.for_meeting(meeting_id)]
    data = model.mimeData([model.index(0, 0)])
    # Dropping the first row between the third and fourth rows.
    accepted = model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert accepted is False  # the view must not delete anything; the move went through the store
    after = [item.id for item in services.agenda.for_meeting(meeting_id)]
    assert after == [before[1], before[2], before[0], *before[3:]]
    assert [item.id for item in model.items] == after
