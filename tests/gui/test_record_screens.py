"""The record screens as a person uses them: the action item form, due dates, the decisions panel's
counts and dispositions, errors shown where they were asked for, editing and undoing across
meetings, the Minutes tab's approval and the export's refusal to write over the store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QInputDialog,
    QPlainTextEdit,
    QSpinBox,
)
from pytestqt.qtbot import QtBot

from facilitator.domain.model import AgendaKind, AttendanceStatus
from facilitator.domain.record import (
    OVERALL,
    ActionStatus,
    Approval,
    DecisionFields,
    Disposition,
    MeetingRecord,
)
from facilitator.services import Services
from facilitator.services.record import WORDING_LIMIT
from facilitator.techniques.decisions.ui.panel import DecisionsPanel
from facilitator.ui.main_window import MainWindow
from facilitator.ui.meeting_page import MeetingPage
from facilitator.ui.minutes.formats import Format
from facilitator.ui.record_widgets import ActionDialog, ActionItemsEditor, DueDate, NewActionDialog

from .conftest import DialogAnswerer
from .test_decisions_and_minutes import activate, go_to_decisions, key

CTRL = Qt.KeyboardModifier.ControlModifier
PRESENT = 10
REVIEWED = "Invite five employers to the working session"


# -- set-up ---------------------------------------------------------------------------------------
def sample_with_present(services: Services, present: int = PRESENT) -> int:
    """The sample's upcoming meeting with the first ``present`` people marked present."""
    meeting_id = services.sample.create()
    for attendee in services.meetings.detail(meeting_id).attendees[:present]:
        services.attendance.set_status(meeting_id, attendee.person.id, AttendanceStatus.PRESENT)
    return meeting_id


def with_proposal(services: Services, meeting_id: int, wording: str = "Run the pilot in July") -> int:
    """A proposal on the meeting's decisions item, as if written there earlier; its id."""
    item = next(i for i in services.meetings.detail(meeting_id).agenda if i.kind is AgendaKind.DECISIONS)
    change = services.record.add_decision(meeting_id, DecisionFields(wording=wording), item.id)
    return change.record.decisions[-1].id


def open_panel(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow], meeting_id: int
) -> tuple[MainWindow, DecisionsPanel]:
    window = make_window()
    window.open_meeting(meeting_id)
    return window, go_to_decisions(qtbot, window, services, meeting_id)


def view(services: Services, meeting_id: int) -> MeetingRecord:
    return services.record.view(meeting_id)


def first_count(qtbot: QtBot, panel: DecisionsPanel) -> QSpinBox:
    """Enter on the list of proposals goes to the first count box."""
    panel.list.setFocus()
    qtbot.waitUntil(panel.list.hasFocus)
    key(qtbot, Qt.Key.Key_Return)
    spin = QApplication.focusWidget()
    assert isinstance(spin, QSpinBox)
    return spin


def type_count(qtbot: QtBot, spin: QSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def choose(qtbot: QtBot, combo: QComboBox, data: object) -> None:
    """Arrow keys on a combo box until it shows the entry wanted."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    while combo.currentIndex() != target:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down if target > before else Qt.Key.Key_Up)
        assert combo.currentIndex() != before, "the arrow key did not move the combo box"


def review_row(editor: ActionItemsEditor, what: str) -> int:
    return next(i for i, item in enumerate(editor.review.items) if item.fields.what == what)


def table_texts(editor: ActionItemsEditor, what: str) -> list[str]:
    table = editor.table
    row = next(i for i, item in enumerate(table.items) if item.fields.what == what)
    return [table.item(row, column).text() for column in range(table.columnCount())]


# -- 1. the action form -----------------------------------------------------------------------------
def test_choosing_an_owner_fills_in_their_organisation_unless_one_was_typed(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)
    _window, panel = open_panel(qtbot, services, make_window, meeting_id)
    panel.tabs.setCurrentWidget(panel.action_items)
    form = panel.action_items.form
    people = {p.id: p for p in view(services, meeting_id).people}

    form.owner.setFocus()
    qtbot.waitUntil(form.owner.hasFocus)
    qtbot.keyClick(form.owner, Qt.Key.Key_Down)
    first = people[form.owner.currentData()]
    assert first.organisation
    assert form.organisation.text() == first.organisation

    # Another owner, by arrow key: the organisation follows the person chosen.
    while True:
        qtbot.keyClick(form.owner, Qt.Key.Key_Down)
        second = people[form.owner.currentData()]
        if second.organisation and second.organisation != first.organisation:
            break
    assert form.organisation.text() == second.organisation

    # An organisation the recorder typed is theirs: choosing another owner leaves it alone.
    form.organisation.setFocus()
    form.organisation.selectAll()
    qtbot.keyClicks(form.organisation, "Millbrook Rotary Club")
    form.owner.setFocus()
    qtbot.keyClick(form.owner, Qt.Key.Key_Down)
    assert people[form.owner.currentData()].id != second.id
    assert form.organisation.text() == "Millbrook Rotary Club"
    qtbot.keyClick(form.owner, Qt.Key.Key_Up)
    assert form.organisation.text() == "Millbrook Rotary Club"


# -- 2. the due date --------------------------------------------------------------------------------
@pytest.fixture
def due(qtbot: QtBot) -> DueDate:
    widget = DueDate()
    widget.set_due(None)  # empty, as the action form leaves it after adding an item
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    assert widget.due() is None
    assert widget.text() == "no date"
    return widget


def type_date(qtbot: QtBot, due: DueDate, typed: str) -> None:
    for character in typed:  # one key at a time, as typed: a digit first leaves the empty state
        qtbot.keyClicks(due, character)


def test_typing_a_date_this_year_into_an_empty_due_date(qtbot: QtBot, due: DueDate) -> None:
    wanted = date(date.today().year, 12, 1)
    type_date(qtbot, due, wanted.isoformat())
    assert due.due() == wanted
    assert due.text() == wanted.isoformat()


def test_typing_a_date_in_another_year_into_an_empty_due_date(qtbot: QtBot, due: DueDate) -> None:
    wanted = date(date.today().year + 1, 3, 15)
    type_date(qtbot, due, wanted.isoformat())
    assert due.due() == wanted


def test_typing_only_digits_into_an_empty_due_date(qtbot: QtBot, due: DueDate) -> None:
    wanted = date(date.today().year + 1, 12, 1)
    type_date(qtbot, due, wanted.strftime("%Y%m%d"))
    assert due.due() == wanted


def test_up_in_an_empty_due_date_gives_today(qtbot: QtBot, due: DueDate) -> None:
    qtbot.keyClick(due, Qt.Key.Key_Up)
    assert due.due() == date.today()
    qtbot.keyClick(due, Qt.Key.Key_Up)  # and the next Up counts on from there
    assert due.due() == QDate.currentDate().addYears(1).toPython()


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_the_due_dates_calendar_opens_on_this_month(qtbot: QtBot, due: DueDate) -> None:
    # A click on the arrow at the right-hand end opens the calendar.
    qtbot.mouseClick(due, Qt.MouseButton.LeftButton, pos=QPoint(due.width() - 5, due.height() // 2))
    calendar = due.calendarWidget()
    assert isinstance(calendar, QCalendarWidget)
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    # Opening the calendar of an empty date starts from today (Delete with it all selected empties it).
    assert due.due() == date.today()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert calendar.selectedDate() == today


def test_a_new_action_item_has_no_due_date_unless_one_is_given(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow], on_dialog: DialogAnswerer
) -> None:
    meeting_id = sample_with_present(services)
    window = make_window()
    window.open_meeting(meeting_id)
    activate(qtbot, window)
    shown: dict[str, object] = {}

    def add(dialog: QDialog) -> None:
        assert isinstance(dialog, NewActionDialog)
        shown["due"] = dialog.form.due.text()
        qtbot.keyClicks(dialog.form.what, "Book the church hall for August")
        qtbot.keyClick(dialog.form.what, Qt.Key.Key_Return)

    problems = on_dialog(add)
    key(qtbot, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not problems
    [added] = view(services, meeting_id).actions
    assert added.fields.what == "Book the church hall for August"
    assert shown["due"] == "no date"
    assert added.fields.due is None


# -- 3. counts --------------------------------------------------------------------------------------
def test_a_count_is_saved_on_tab_and_a_count_above_those_present_is_refused(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)
    with_proposal(services, meeting_id)
    _window, panel = open_panel(qtbot, services, make_window, meeting_id)
    spin = first_count(qtbot, panel)

    type_count(qtbot, spin, "3")
    assert view(services, meeting_id).decisions[0].total["for"] == 0  # not while typing
    key(qtbot, Qt.Key.Key_Tab)
    assert view(services, meeting_id).decisions[0].total["for"] == 3

    type_count(qtbot, spin, "12")
    assert view(services, meeting_id).decisions[0].total["for"] == 3  # "1" was not stored on the way
    key(qtbot, Qt.Key.Key_Tab)
    assert panel.counts_error.isVisible()
    message = panel.counts_error.text()
    assert "present" in message
    assert "<" not in message and "Error" not in message and "Traceback" not in message
    assert view(services, meeting_id).decisions[0].total["for"] == 3
    # The number typed stays in its box, said to be not saved yet, until the numbers fit.
    assert spin.value() == 12
    assert "Not saved yet" in message


def test_a_recount_typed_box_by_box_is_saved_once_the_numbers_fit(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)  # ten present
    decision = with_proposal(services, meeting_id)
    for choice, count in (("for", 8), ("against", 1), ("abstain", 1)):
        services.record.set_count(decision, OVERALL, choice, count)
    _window, panel = open_panel(qtbot, services, make_window, meeting_id)
    spin = first_count(qtbot, panel)
    type_count(qtbot, spin, "9")  # 9 + 1 + 1 is more than ten: waits
    key(qtbot, Qt.Key.Key_Tab)
    assert "Not saved yet" in panel.counts_error.text()
    assert view(services, meeting_id).decisions[0].total == {"for": 8, "against": 1, "abstain": 1}
    against = QApplication.focusWidget()
    assert isinstance(against, QSpinBox)
    type_count(qtbot, against, "0")
    key(qtbot, Qt.Key.Key_Tab)
    assert view(services, meeting_id).decisions[0].total == {"for": 9, "against": 0, "abstain": 1}
    assert not panel.counts_error.isVisible()
    assert spin.value() == 9


# -- 4. a draft disposition survives refreshes ------------------------------------------------------
def test_a_disposition_and_note_not_yet_recorded_survive_other_changes(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)
    with_proposal(services, meeting_id)
    window, panel = open_panel(qtbot, services, make_window, meeting_id)
    note = "The employers asked for a week to confirm"

    choose(qtbot, panel.disposition, Disposition.DEFERRED.value)
    panel.note.setFocus()
    qtbot.keyClicks(panel.note, note)

    # A count corrected meanwhile: the panel refreshes from the store.
    spin = first_count(qtbot, panel)
    type_count(qtbot, spin, "4")
    key(qtbot, Qt.Key.Key_Tab)
    assert view(services, meeting_id).decisions[0].total["for"] == 4
    assert panel.disposition.currentData() == Disposition.DEFERRED.value
    assert panel.note.text() == note

    # Someone arrives: the panel refreshes again.
    detail = window.controller.detail
    assert detail is not None
    late = next(a for a in detail.attendees if a.status is not AttendanceStatus.PRESENT)
    window.controller.set_attendance(meeting_id, late, AttendanceStatus.PRESENT)
    qtbot.waitUntil(lambda: panel.record is not None and panel.record.present == PRESENT + 1)
    assert panel.disposition.currentData() == Disposition.DEFERRED.value
    assert panel.note.text() == note
    assert view(services, meeting_id).decisions[0].disposition is None

    panel.note.setFocus()
    key(qtbot, Qt.Key.Key_R, CTRL)
    decision = view(services, meeting_id).decisions[0]
    assert decision.disposition is Disposition.DEFERRED
    assert decision.note == note
    assert "Recorded: Deferred" in panel.recorded.text()


# -- 5. a note added later keeps the recorded outcome -----------------------------------------------
def test_recording_the_same_disposition_with_a_new_note_keeps_the_outcome(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)
    with_proposal(services, meeting_id)
    window, panel = open_panel(qtbot, services, make_window, meeting_id)
    spin = first_count(qtbot, panel)
    for count in ("9", "0", "1"):
        current = QApplication.focusWidget()
        assert isinstance(current, QSpinBox)
        type_count(qtbot, current, count)
        key(qtbot, Qt.Key.Key_Tab)
    assert spin.value() == 9
    choose(qtbot, panel.disposition, Disposition.ADOPTED.value)
    key(qtbot, Qt.Key.Key_R, CTRL)
    recorded = view(services, meeting_id).decisions[0]
    assert recorded.disposition is Disposition.ADOPTED
    assert recorded.outcome is not None and recorded.outcome.present == PRESENT

    # Two people leave before the recorder gets to the note.
    detail = window.controller.detail
    assert detail is not None
    for attendee in [a for a in detail.attendees if a.status is AttendanceStatus.PRESENT][:2]:
        window.controller.set_attendance(meeting_id, attendee, AttendanceStatus.ABSENT)
    qtbot.waitUntil(lambda: panel.record is not None and panel.record.present == PRESENT - 2)

    panel.note.setFocus()
    qtbot.keyClicks(panel.note, "Carried before the break")
    key(qtbot, Qt.Key.Key_R, CTRL)
    assert not panel.dispose_error.isVisible(), panel.dispose_error.text()
    again = view(services, meeting_id).decisions[0]
    assert again.note == "Carried before the break"
    assert again.disposition is Disposition.ADOPTED
    assert again.outcome is not None
    assert again.outcome.present == recorded.outcome.present == PRESENT
    assert again.outcome == recorded.outcome


# -- 6. Ctrl+R belongs to the proposals tab ---------------------------------------------------------
def test_ctrl_r_on_the_action_items_tab_records_nothing(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)
    with_proposal(services, meeting_id)
    _window, panel = open_panel(qtbot, services, make_window, meeting_id)
    choose(qtbot, panel.disposition, Disposition.WITHDRAWN.value)
    steps = panel.controller.undo_stack.count()

    panel.tabs.setCurrentWidget(panel.action_items)
    panel.action_items.form.what.setFocus()
    qtbot.waitUntil(panel.action_items.form.what.hasFocus)
    key(qtbot, Qt.Key.Key_R, CTRL)
    assert view(services, meeting_id).decisions[0].disposition is None
    assert panel.controller.undo_stack.count() == steps

    panel.action_items.table.setFocus()
    key(qtbot, Qt.Key.Key_R, CTRL)
    assert view(services, meeting_id).decisions[0].disposition is None
    assert panel.controller.undo_stack.count() == steps


# -- 7. errors go to the screen that asked ----------------------------------------------------------
def test_parking_an_empty_item_says_so_in_the_parking_lot_only(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)
    with_proposal(services, meeting_id)
    _window, panel = open_panel(qtbot, services, make_window, meeting_id)
    parked = view(services, meeting_id).parked
    panel.tabs.setCurrentWidget(panel.parking)
    entry = panel.parking.entry
    entry.setFocus()
    qtbot.waitUntil(entry.hasFocus)
    qtbot.keyClicks(entry, "   ")
    key(qtbot, Qt.Key.Key_Return)

    assert panel.parking.error.isVisible()
    assert panel.parking.error.text()
    assert view(services, meeting_id).parked == parked
    for elsewhere in (
        panel.fields_error,
        panel.counts_error,
        panel.dispose_error,
        panel.action_items.form.error,
    ):
        assert elsewhere.text() == ""
        assert elsewhere.isHidden()
    panel.tabs.setCurrentIndex(0)
    assert panel.fields_error.isHidden()


# -- 8. a refused proposal asks again -------------------------------------------------------------
def test_a_refused_proposal_opens_the_box_again_with_the_words_kept(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow], on_dialog: DialogAnswerer
) -> None:
    meeting_id = sample_with_present(services)
    _window, panel = open_panel(qtbot, services, make_window, meeting_id)
    wording = ("The working group will " + "consult every partner and " * 100)[: WORDING_LIMIT + 40]
    assert len(wording) > WORDING_LIMIT
    seen: dict[str, str] = {}

    def check_again(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        seen["label"] = dialog.labelText()
        seen["text"] = dialog.textValue()
        dialog.reject()

    def paste(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        editor = dialog.findChild(QPlainTextEdit)
        assert editor is not None
        QApplication.clipboard().setText(wording)
        editor.setFocus()
        qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
        assert editor.toPlainText() == wording
        problems.extend(on_dialog(check_again))
        dialog.accept()

    panel.list.setFocus()
    problems = on_dialog(paste)
    key(qtbot, Qt.Key.Key_Insert)
    assert not problems
    assert seen["text"] == wording
    assert f"{WORDING_LIMIT:,}" in seen["label"]
    assert "The proposal, as the group words it:" in seen["label"]
    assert view(services, meeting_id).decisions == ()
    assert panel.list.count() == 0


# -- 9. editing an earlier meeting's action item ------------------------------------------------------
def test_f2_on_an_earlier_action_item_accepted_unchanged_keeps_its_decision(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow], on_dialog: DialogAnswerer
) -> None:
    meeting_id = sample_with_present(services)
    _window, panel = open_panel(qtbot, services, make_window, meeting_id)
    editor = panel.action_items
    panel.tabs.setCurrentWidget(editor)
    before = next(a for a in view(services, meeting_id).review if a.fields.what == REVIEWED)
    assert before.decision_number == 2 and before.fields.decision_id is not None
    stack = panel.controller.undo_stack
    steps = stack.count()

    editor.review.setFocus()
    editor.review.setCurrentCell(review_row(editor, REVIEWED), 0)
    shown: dict[str, object] = {}

    def accept_as_is(dialog: QDialog) -> None:
        assert isinstance(dialog, ActionDialog)
        shown["decision"] = dialog.form.decision.currentText()
        shown["what"] = dialog.form.what.text()
        qtbot.keyClick(dialog.form.what, Qt.Key.Key_Return)
        assert not dialog.isVisible(), dialog.form.error.text()

    problems = on_dialog(accept_as_is)
    key(qtbot, Qt.Key.Key_F2)
    assert not problems
    assert shown == {"decision": "2", "what": REVIEWED}
    after = next(a for a in view(services, meeting_id).review if a.fields.what == REVIEWED)
    assert after.fields.decision_id == before.fields.decision_id
    assert after.fields == before.fields
    assert stack.count() == steps


# -- 10. undo at another meeting ---------------------------------------------------------------------
def test_undo_at_another_meeting_refreshes_the_open_one(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)
    launch = view(services, meeting_id).wrap_up.previous
    assert launch is not None
    window, panel = open_panel(qtbot, services, make_window, meeting_id)
    editor = panel.action_items
    panel.tabs.setCurrentWidget(editor)
    editor.review.setFocus()
    editor.review.setCurrentCell(review_row(editor, REVIEWED), 0)
    key(qtbot, Qt.Key.Key_D)
    done = next(a for a in view(services, meeting_id).review if a.fields.what == REVIEWED)
    assert done.status is ActionStatus.DONE

    window.open_meeting(launch.id)
    window.show_tab(MeetingPage.MINUTES)
    minutes = window.meeting_page.minutes
    launch_editor = minutes.tabs.widget(1)
    assert isinstance(launch_editor, ActionItemsEditor)
    minutes.tabs.setCurrentWidget(launch_editor)
    qtbot.waitUntil(lambda: launch_editor.record is not None and launch_editor.record.meeting_id == launch.id)
    assert table_texts(launch_editor, REVIEWED)[0].startswith("✓")

    activate(qtbot, window)
    launch_editor.table.setFocus()
    key(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: table_texts(launch_editor, REVIEWED)[0].startswith("○"))
    assert table_texts(launch_editor, REVIEWED)[-1] == "Open"
    assert window.controller.detail is not None and window.controller.detail.meeting.id == launch.id
    raised = next(a for a in view(services, launch.id).actions if a.fields.what == REVIEWED)
    assert raised.status is ActionStatus.OPEN


# -- 11. approving the previous minutes --------------------------------------------------------------
def test_approved_as_corrected_waits_for_the_correction_and_keeps_it(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)
    window = make_window()
    window.open_meeting(meeting_id)
    activate(qtbot, window)
    window.show_tab(MeetingPage.MINUTES)
    minutes = window.meeting_page.minutes
    steps = window.controller.undo_stack.count()
    qtbot.waitUntil(minutes.approval.isEnabled)

    # End goes straight to the last choice, without saving "as read" on the way.
    minutes.approval.setFocus()
    qtbot.keyClick(minutes.approval, Qt.Key.Key_End)
    assert minutes.approval.currentData() == Approval.AS_CORRECTED.value
    assert minutes.error.isVisible()
    assert "correction" in minutes.error.text().lower()
    assert minutes.approval.hasFocus()
    key(qtbot, Qt.Key.Key_Tab)
    assert not minutes.approval.hasFocus()  # the keyboard moves on
    assert minutes.correction.hasFocus()
    assert view(services, meeting_id).wrap_up.approval is Approval.NONE
    assert window.controller.undo_stack.count() == steps

    correction = "Grace Whitfield arrived at 6:20, not 6:40."
    qtbot.keyClicks(minutes.correction, correction)
    key(qtbot, Qt.Key.Key_Tab)
    assert not minutes.correction.hasFocus()
    wrap = view(services, meeting_id).wrap_up
    assert (wrap.approval, wrap.correction) == (Approval.AS_CORRECTED, correction)
    assert not minutes.error.isVisible()

    # "As read" for a moment, then back: the correction written is still there.
    choose(qtbot, minutes.approval, Approval.AS_READ.value)
    assert view(services, meeting_id).wrap_up.approval is Approval.AS_READ
    assert minutes.correction.toPlainText() == correction
    choose(qtbot, minutes.approval, Approval.AS_CORRECTED.value)
    assert minutes.correction.toPlainText() == correction
    wrap = view(services, meeting_id).wrap_up
    assert (wrap.approval, wrap.correction) == (Approval.AS_CORRECTED, correction)


# -- 12. export never writes over the store ----------------------------------------------------------
def test_export_refuses_the_stores_own_file_name(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    meeting_id = sample_with_present(services)
    window = make_window()
    window.open_meeting(meeting_id)
    activate(qtbot, window)
    window.show_tab(MeetingPage.MINUTES)
    minutes = window.meeting_page.minutes
    target = tmp_path / "facilitator.sqlite3"
    assert not target.exists()

    minutes.export_to(target, Format.HTML)
    qtbot.waitUntil(minutes.error.isVisible)
    assert "Choose another file" in minutes.error.text()
    assert not target.exists()
    assert minutes.export_button.isEnabled()
    assert not minutes._jobs


def test_deleting_the_whole_due_date_leaves_no_date(qtbot: QtBot, due: DueDate) -> None:
    qtbot.keyClicks(due, "2026-12-01")
    assert due.due() == date(2026, 12, 1)
    due.lineEdit().selectAll()
    qtbot.keyClick(due, Qt.Key.Key_Delete)
    assert due.due() is None


def test_a_meeting_opens_on_its_details_filled_in(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)
    window = make_window()
    window.open_meeting(meeting_id)
    assert window.meeting_page.tabs.currentIndex() == MeetingPage.DETAILS
    assert window.meeting_page.details.title.text() == "Summer jobs working session"


def test_stepping_on_keeps_the_keyboard_on_the_run_page_and_arrows_in_the_list_never_switch_a_running_meeting(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)
    window = make_window()
    window.open_meeting(meeting_id)
    activate(qtbot, window)
    key(qtbot, Qt.Key.Key_4, CTRL)
    key(qtbot, Qt.Key.Key_Return, CTRL)  # start: the ground-rules step, its list has the keyboard
    run = window.meeting_page.run
    run.technique_area.currentWidget().setFocus()
    key(qtbot, Qt.Key.Key_PageDown, CTRL)  # a step without a panel of its own
    focus = QApplication.focusWidget()
    assert focus is not None and run.isAncestorOf(focus)
    window.navigator.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)
    assert window.controller.detail is not None and window.controller.detail.meeting.id == meeting_id


def test_the_step_panels_fit_a_1280_by_800_laptop_without_scrolling_sideways(
    qtbot: QtBot, services: Services, make_window: Callable[[], MainWindow]
) -> None:
    meeting_id = sample_with_present(services)
    window = make_window()
    window.open_meeting(meeting_id)
    window.resize(1280, 800)
    window.show_tab(MeetingPage.RUN)
    window.start_meeting()
    run = window.meeting_page.run
    seen = set()
    for _ in range(5):
        item = window.controller.detail.current_item  # type: ignore[union-attr]
        panel = run.technique_area.currentWidget()
        if run.technique_scroll.isVisible() and panel is not None:
            qtbot.waitUntil(lambda: run.technique_scroll.viewport().width() > 0)
            assert panel.minimumSizeHint().width() <= run.technique_scroll.viewport().width(), item.kind
            seen.add(item.kind)
        window.step(1)
    assert seen == {AgendaKind.GROUND_RULES, AgendaKind.IDEA_WRITING, AgendaKind.DECISIONS}
    assert window.width() == 1280
