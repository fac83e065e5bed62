"""Ground rules in the running app, by keyboard only: propose, edit, check, adopt, undo, project."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from facilitator.domain.decision import Method
from facilitator.domain.model import (
    AgendaFields,
    AgendaKind,
    AttendanceStatus,
    CollaborativeFields,
    MeetingFields,
    PersonFields,
)
from facilitator.services import Services
from facilitator.techniques.ground_rules.model import ProposalStatus, RuleKind
from facilitator.techniques.ground_rules.ui.panel import GroundRulesPanel
from facilitator.techniques.ground_rules.ui.projection import GroundRulesProjection
from facilitator.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
PEOPLE = ("Ana Lopez", "Ben Okoro", "Chen Wei", "Dora Blum", "Eli Stone", "Fay Nash")


def first_meeting(services: Services) -> tuple[int, int]:
    """A new collaborative's first meeting, opening with ground rules; six people present."""
    from datetime import datetime

    collaborative = services.collaboratives.create(CollaborativeFields("Riverside Partners", "", "", ""))
    meeting = services.meetings.create(
        collaborative.id,
        MeetingFields("First meeting", datetime(2026, 12, 1, 18, 0), "Library", "", "", ""),
        [AgendaFields(AgendaKind.GROUND_RULES, "How we will work", "Which agreements do we need?", 20)],
    )
    for name in PEOPLE:
        person = services.people.add(collaborative.id, PersonFields(name, "", None, ""))
        services.attendance.set_status(meeting.id, person.id, AttendanceStatus.PRESENT)
    item = services.agenda.for_meeting(meeting.id)[0]
    return meeting.id, item.id


def activate(qtbot: QtBot, window: MainWindow) -> None:
    """Give the window the focus, as clicking on it would (offscreen has no window manager)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def panel_of(qtbot: QtBot, window: MainWindow) -> GroundRulesPanel:
    area = window.meeting_page.run.technique_area
    qtbot.waitUntil(lambda: isinstance(area.currentWidget(), GroundRulesPanel))
    panel = area.currentWidget()
    assert isinstance(panel, GroundRulesPanel)
    return panel


def type_into_focus(qtbot: QtBot, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def key(qtbot: QtBot, which: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, which, modifiers)


def test_propose_edit_check_and_adopt_by_keyboard(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, on_dialog: Callable[..., list]
) -> None:
    meeting_id, item_id = first_meeting(services)
    window = make_window()
    window.open_meeting(meeting_id)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)  # the Run tab
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)  # start: the first item is the ground rules
    panel = panel_of(qtbot, window)
    qtbot.waitUntil(lambda: panel.list.hasFocus())
    view = services.ground_rules.view(item_id)
    assert view.proposals[0].kind is RuleKind.DECISION  # the starter set opens with how we decide
    assert len(view.proposals) == 11 and all(p.status is ProposalStatus.OPEN for p in view.proposals)
    assert view.proposals[0].wording.decision is not None
    assert view.proposals[0].wording.decision.quorum == 4  # half the roster of six, plus one

    # Check the decision rule first: 5 fully agree, 1 stands aside; consensus adopts it.
    key(qtbot, Qt.Key.Key_Return)
    assert panel.spins["agree"].hasFocus()
    type_into_focus(qtbot, "5")
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    type_into_focus(qtbot, "1")
    assert services.ground_rules.view(item_id).proposals[0].draft is not None
    key(qtbot, Qt.Key.Key_R, CTRL)
    view = services.ground_rules.view(item_id)
    assert view.proposals[0].status is ProposalStatus.ADOPTED
    assert view.decision_rule is not None and view.decision_rule.method is Method.CONSENSUS_THEN_VOTE
    assert panel.list.hasFocus()

    # Propose a new rule after it with Insert: typed in a dialog, Enter adds it.
    def fill(dialog: QDialog) -> None:
        fields = dialog.findChildren(QLineEdit)
        qtbot.keyClicks(fields[0], "Phones stay silent")
        qtbot.keyClick(fields[0], Qt.Key.Key_Tab)
        qtbot.keyClicks(fields[1], "Full attention")
        qtbot.keyClick(fields[1], Qt.Key.Key_Return)

    problems = on_dialog(fill)
    key(qtbot, Qt.Key.Key_Insert)
    assert not problems
    activate(qtbot, window)  # a window manager gives the focus back after a dialog; offscreen does not
    view = services.ground_rules.view(item_id)
    added = view.proposals[1]
    assert (added.wording.text, added.wording.why) == ("Phones stay silent", "Full attention")
    assert view.current_id == added.id  # the new rule is the one under discussion
    assert panel.list.currentRow() == 1

    # Edit its wording: F2, retype, Escape back to the list (leaving the field saves it).
    key(qtbot, Qt.Key.Key_F2)
    assert panel.text.hasFocus()
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_into_focus(qtbot, "Phones stay silent unless someone is on call")
    key(qtbot, Qt.Key.Key_Escape)
    assert panel.list.hasFocus()
    assert services.ground_rules.view(item_id).proposals[1].wording.text.endswith("on call")

    # Check it: a block under consensus (the first try) stops it, and the panel says why.
    key(qtbot, Qt.Key.Key_Return)
    type_into_focus(qtbot, "4")
    for _ in range(3):
        key(qtbot, Qt.Key.Key_Tab)
    type_into_focus(qtbot, "1")
    key(qtbot, Qt.Key.Key_Tab)
    assert "Blocks: 1" in panel.preview.text()
    key(qtbot, Qt.Key.Key_R, CTRL)
    assert services.ground_rules.view(item_id).proposals[1].status is ProposalStatus.NOT_ADOPTED

    # Revise and check again: the second try is adopted, and the first check stays in the history.
    key(qtbot, Qt.Key.Key_F2)
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_into_focus(qtbot, "Phones stay silent; step out to take a call")
    key(qtbot, Qt.Key.Key_Escape)
    assert services.ground_rules.view(item_id).proposals[1].status is ProposalStatus.REVISED
    key(qtbot, Qt.Key.Key_Return)
    type_into_focus(qtbot, "6")
    key(qtbot, Qt.Key.Key_R, CTRL)
    proposal = services.ground_rules.view(item_id).proposals[1]
    assert proposal.status is ProposalStatus.ADOPTED
    assert [c.subject.text for c in proposal.checks] == [
        "Phones stay silent unless someone is on call",
        "Phones stay silent; step out to take a call",
    ]
    assert "Earlier checks" in panel.history.text()
    assert [r.wording.text for r in services.ground_rules.adopted(view.collaborative_id)] == [
        view.proposals[0].wording.text,
        "Phones stay silent; step out to take a call",
    ]

    # Undo takes back the adoption; redo brings it back.
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert services.ground_rules.view(item_id).proposals[1].status is ProposalStatus.REVISED
    assert len(services.ground_rules.adopted(view.collaborative_id)) == 1
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert services.ground_rules.view(item_id).proposals[1].status is ProposalStatus.ADOPTED

    # Alt+Down moves it; Delete removes a rule that is only proposed.
    panel.list.setFocus()
    key(qtbot, Qt.Key.Key_Down, ALT)
    assert services.ground_rules.view(item_id).proposals[2].wording.text.startswith("Phones")
    key(qtbot, Qt.Key.Key_Down)  # to the next starter rule
    doomed = services.ground_rules.view(item_id).proposals[3]
    key(qtbot, Qt.Key.Key_Delete)
    assert doomed.id not in [p.id for p in services.ground_rules.view(item_id).proposals]


def test_too_many_hands_are_refused_in_plain_words(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id, item_id = first_meeting(services)
    window = make_window()
    window.open_meeting(meeting_id)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    panel = panel_of(qtbot, window)
    qtbot.waitUntil(lambda: panel.list.hasFocus())
    key(qtbot, Qt.Key.Key_Return)
    type_into_focus(qtbot, "5")
    key(qtbot, Qt.Key.Key_Tab)
    type_into_focus(qtbot, "3")  # 8 hands with 6 people present
    key(qtbot, Qt.Key.Key_Tab)
    assert "only 6 people are marked present" in panel.check_error.text()
    assert panel.check_error.isVisible()
    draft = services.ground_rules.view(item_id).proposals[0].draft
    assert draft is not None and dict(draft.counts)["reservations"] == 0  # nothing wrong was kept
    assert panel.spins["reservations"].value() == 0
    # Recording with nothing counted says so too.
    panel.list.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_R, CTRL)
    assert "Count at least one response" in panel.check_error.text()


def test_person_by_person_entry_with_number_keys(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id, item_id = first_meeting(services)
    window = make_window()
    window.open_meeting(meeting_id)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    panel = panel_of(qtbot, window)
    qtbot.waitUntil(lambda: panel.list.hasFocus())
    panel.entry.setFocus()
    key(qtbot, Qt.Key.Key_Down)  # "Person by person"
    assert services.ground_rules.view(item_id).entry.value == "people"
    panel.list.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert panel.people.hasFocus()
    for digit in "112134":  # fully agree x2, reservations, fully agree, stand aside, block
        key(qtbot, getattr(Qt.Key, f"Key_{digit}"))
        QApplication.processEvents()
    view = services.ground_rules.view(item_id)
    assert view.proposals[0].draft is not None
    assert view.preview(view.proposals[0]).tally.block == 1  # type: ignore[union-attr]
    assert panel.people.item(0, 2).text() == "Fully agree"
    key(qtbot, Qt.Key.Key_R, CTRL)
    assert services.ground_rules.view(item_id).proposals[0].status is ProposalStatus.NOT_ADOPTED


def test_the_presenter_shows_the_rule_its_bars_and_the_rules_over_any_step(
    qtbot: QtBot, sample_window: MainWindow, services: Services
) -> None:
    window = sample_window
    meeting_id = window.controller.detail.meeting.id  # type: ignore[union-attr]
    for attendee in services.meetings.detail(meeting_id).attendees[:10]:
        services.attendance.set_status(meeting_id, attendee.person.id, AttendanceStatus.PRESENT)
    window.open_meeting(meeting_id)
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)  # the sample's next meeting opens with its rules
    presenter = window.presenter
    presenter.resize(1280, 800)
    qtbot.waitUntil(lambda: presenter.height() == 800)
    view = presenter.body.currentWidget()
    assert isinstance(view, GroundRulesProjection)
    panel = panel_of(qtbot, window)
    qtbot.waitUntil(lambda: panel.list.hasFocus())
    # Carried forward from the launch meeting, marked as such.
    assert panel.list.count() == 7 and panel.list.item(0).text().startswith("↻")
    assert "Carried forward" in panel.state.text()
    key(qtbot, Qt.Key.Key_Down)
    rule = services.ground_rules.view(panel.view.item_id).proposals[1]  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: view.rule.text() == rule.wording.text)
    assert view.rule.font().pixelSize() >= 0.03 * 800
    assert view.why.text() == rule.wording.why
    key(qtbot, Qt.Key.Key_Return)
    type_into_focus(qtbot, "7")
    key(qtbot, Qt.Key.Key_Tab)
    assert view.bars.isVisible() and view.bars.counts["agree"] == 7
    assert "7 of 10" in view.result.text()
    # Ctrl+Shift+G shows the rules in force over the step; again hides them.
    qtbot.keyClick(window, Qt.Key.Key_G, CTRL | SHIFT)
    assert presenter.rules_shown and window.actions["presenter_rules"].isChecked()
    overlay = presenter.stack.currentWidget()
    assert "Only the co-chairs" in overlay.body.text()  # type: ignore[attr-defined]
    assert "ground rules" in window.projector_label.text()
    qtbot.keyClick(window, Qt.Key.Key_G, CTRL | SHIFT)
    assert not presenter.rules_shown and presenter.stack.currentIndex() == 0


@pytest.mark.parametrize("blanked_first", [False, True])
def test_blank_wins_over_the_rules(qtbot: QtBot, sample_window: MainWindow, blanked_first: bool) -> None:
    window = sample_window
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    presenter = window.presenter
    keys = [(Qt.Key.Key_B, CTRL), (Qt.Key.Key_G, CTRL | SHIFT)]
    for which, modifiers in keys if blanked_first else reversed(keys):
        qtbot.keyClick(window, which, modifiers)
    assert presenter.stack.currentWidget() is presenter.blank
    qtbot.keyClick(window, Qt.Key.Key_B, CTRL)
    assert presenter.stack.currentWidget() is not presenter.blank and presenter.rules_shown
