"""Cases a live meeting can run into: removals under way, failed undo, removed sectors, odd names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from facilitator.domain.errors import DiskFull
from facilitator.domain.timer import TimerState
from facilitator.services import Services
from facilitator.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def test_adding_a_person_keeps_the_collaborative_page(sample_window: MainWindow, services: Services) -> None:
    window = sample_window
    window.open_collaborative(services.collaboratives.overview()[0].id)
    page = window.collaborative_page
    page.new_person()
    page.person_name.setText("Ivy Stone")
    page.save_person()
    assert window.pages.currentWidget() is page
    assert "Ivy Stone" in [p.name for p in page.people]


def test_removing_the_running_meeting_clears_projector_and_timer_and_undo_reopens_it(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    meeting_id = window.controller.detail.meeting.id  # type: ignore[union-attr]
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    assert window.timer.state is TimerState.RUNNING
    window.remove_meeting()
    assert window.controller.detail is None
    assert window.timer.state is TimerState.READY
    assert window.presenter.title.text() == "Facilitator" and window.presenter.step_label.text() == ""
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.controller.detail is not None and window.controller.detail.meeting.id == meeting_id
    assert window.pages.currentWidget() is window.meeting_page
    assert window.presenter.title.text() == services.meetings.detail(meeting_id).current_item.title  # type: ignore[union-attr]


def test_a_failed_undo_leaves_the_undo_stack_where_the_store_is(
    qtbot: QtBot, sample_window: MainWindow, services: Services, monkeypatch: object
) -> None:
    window = sample_window
    detail = window.controller.detail
    assert detail is not None
    window.controller.set_attendance(
        detail.meeting.id, detail.attendees[0], detail.attendees[0].status.PRESENT
    )
    stack = window.controller.undo_stack
    index = stack.index()

    def full(*_args: object, **_kwargs: object) -> None:
        raise DiskFull("store", "full")

    monkeypatch.setattr(services.attendance, "set_status", full)  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: stack.index() == index)
    assert "disk is full" in window.statusBar().currentMessage()
    monkeypatch.undo()  # type: ignore[attr-defined]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # now it works, and undoes the same action
    assert stack.index() == index - 1
    people = {a.person.id: a for a in services.attendance.for_meeting(detail.meeting.id)}
    assert people[detail.attendees[0].person.id].status is detail.attendees[0].status


def test_a_person_keeps_a_sector_that_was_taken_off_the_list(
    sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    collaborative_id = services.collaboratives.overview()[0].id
    government = next(s for s in services.sectors.all() if s.name == "Government")
    window.controller.remove_sector(government.id)
    window.open_collaborative(collaborative_id)
    page = window.collaborative_page
    row = next(i for i, p in enumerate(page.people) if p.name == "Rosa Delgado")
    page.people_table.setCurrentCell(row, 0)
    page.person_contact.setText("555-0100")
    page.save_person()
    rosa = next(p for p in services.people.for_collaborative(collaborative_id) if p.name == "Rosa Delgado")
    assert (rosa.sector_id, rosa.contact) == (government.id, "555-0100")


def test_names_that_look_like_markup_are_shown_as_typed(
    sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    collaborative_id = services.collaboratives.overview()[0].id
    window.open_collaborative(collaborative_id)
    page = window.collaborative_page
    page.new_person()
    page.person_name.setText("<h1>Ana</h1>")
    page.save_person()
    row = next(i for i, p in enumerate(page.people) if p.name == "<h1>Ana</h1>")
    page.people_table.setCurrentCell(row, 0)
    assert page.person_mode.textFormat() == Qt.TextFormat.PlainText
    assert "<h1>Ana</h1>" in page.person_mode.text()


def test_a_pause_in_typing_saves_without_leaving_the_field(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    window.show_tab(0)
    details = window.meeting_page.details
    meeting_id = window.controller.detail.meeting.id  # type: ignore[union-attr]
    details.place.setFocus()
    details.place.selectAll()
    qtbot.keyClicks(details.place, "Library annex")
    assert details.place.hasFocus()
    qtbot.waitUntil(
        lambda: services.meetings.detail(meeting_id).meeting.place == "Library annex", timeout=4000
    )
    assert details.place.hasFocus()  # still typing in it
    steps = window.controller.undo_stack.count()
    qtbot.keyClick(details.place, Qt.Key.Key_Tab)  # leaving the field saves nothing twice
    assert window.controller.undo_stack.count() == steps


def test_undo_says_what_it_undid(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    window.controller.undo_stack.clear()
    window.remove_meeting()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == "Undone: Remove meeting"
    qtbot.keyClick(window, Qt.Key.Key_Y, CTRL)
    assert window.statusBar().currentMessage() == "Redone: Remove meeting"


def test_editing_a_person_saves_when_leaving_the_field(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    collaborative_id = services.collaboratives.overview()[0].id
    window.open_collaborative(collaborative_id)
    page = window.collaborative_page
    row = next(i for i, p in enumerate(page.people) if p.name == "Linda Cho")
    page.people_table.setCurrentCell(row, 0)
    page.person_contact.setFocus()
    qtbot.keyClicks(page.person_contact, "linda@example.org")
    page.people_table.setFocus()  # moving on, no Save button pressed
    linda = next(p for p in services.people.for_collaborative(collaborative_id) if p.name == "Linda Cho")
    assert linda.contact == "linda@example.org"


def test_tab_leaves_the_date_for_the_next_field(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    window.show_tab(0)
    details = window.meeting_page.details
    details.starts_at.setFocus()
    qtbot.keyClick(details.starts_at, Qt.Key.Key_Tab)
    assert details.place.hasFocus()


def test_reset_uses_the_time_box_as_edited_during_the_item(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    current = window.controller.detail.current_item  # type: ignore[union-attr]
    assert current is not None
    window.controller.update_agenda_item(
        current, current.fields().__class__(current.kind, current.title, "", 5)
    )
    assert window.timer.remaining() == 5 * 60  # not started yet: shows the new length at once
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.timer.remaining() == 5 * 60
