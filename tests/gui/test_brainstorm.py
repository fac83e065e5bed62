"""Brainstorming in the running app: capture by keyboard with the wall on the projector, clarify,
merge, themes, dots and results, all driven as a facilitator would; screenshots of every phase."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLineEdit, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from facilitator.domain.model import AgendaFields, AgendaKind, AttendanceStatus, MeetingFields
from facilitator.services import Services
from facilitator.techniques.brainstorming.model import DotEntry, Phase
from facilitator.techniques.brainstorming.ui.actions import BrainstormActions, actions
from facilitator.techniques.brainstorming.ui.panel import BrainstormPanel
from facilitator.techniques.brainstorming.ui.projection import IDEA_FLOOR, BrainstormProjection
from facilitator.ui.main_window import MainWindow
from facilitator.ui.meeting_page import MeetingPage

from .conftest import DialogAnswerer
from .test_keyboard_access import visible_mnemonics

CTRL = Qt.KeyboardModifier.ControlModifier
SIZES = ((1280, 800), (1920, 1080))
IDEAS = (
    "Buses stop running at six",
    "No safe place to hang out after school",
    "Summer jobs go to people with connections",
    "Too few summer jobs",
    "Counselling waiting lists are months long",
    "Part-time work clashes with school hours",
    "Nobody tells us what programmes exist",
    "Bus fares are too high for teenagers",
)


def brainstorm_meeting(services: Services, present: int = 8) -> int:
    """A meeting of the sample collaborative: a brainstorm, a nominal group item and decisions."""
    services.sample.create()
    collaborative = services.collaboratives.overview()[0].id
    meeting = services.meetings.create(
        collaborative,
        MeetingFields("Youth jobs workshop", datetime(2026, 12, 3, 18, 0), "Library", "", "Ana", "Ben"),
        (
            AgendaFields(AgendaKind.BRAINSTORMING, "Barriers to work", "What keeps teenagers from finding work?", 20),
            AgendaFields(AgendaKind.NOMINAL_GROUP, "Our priorities", "Which barriers first?", 30),
            AgendaFields(AgendaKind.DECISIONS, "Decisions", "", 15),
        ),
    )  # fmt: skip
    for attendee in services.meetings.detail(meeting.id).attendees[:present]:
        services.attendance.set_status(meeting.id, attendee.person.id, AttendanceStatus.PRESENT)
    services.meetings.remember_opened(meeting.id)
    return meeting.id


def start_brainstorm(qtbot: QtBot, window: MainWindow) -> BrainstormPanel:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_4, CTRL)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Return, CTRL)
    area = window.meeting_page.run.technique_area
    qtbot.waitUntil(lambda: isinstance(area.currentWidget(), BrainstormPanel))
    panel = area.currentWidget()
    assert isinstance(panel, BrainstormPanel)
    return panel


def started(
    make_window: Callable[[], MainWindow], meeting_id: int
) -> tuple[MainWindow, BrainstormPanel, BrainstormActions, int]:
    """The meeting started on its brainstorm, in Run: the window, the panel, the actions, the item."""
    window = make_window()
    window.open_meeting(meeting_id)
    window.show_tab(MeetingPage.RUN)
    window.start_meeting()
    panel = window.meeting_page.run.technique_area.currentWidget()
    assert isinstance(panel, BrainstormPanel) and panel.item is not None
    return window, panel, actions(window.controller), panel.item.id


def projection(window: MainWindow) -> BrainstormProjection:
    view = window.presenter.body.currentWidget()
    assert isinstance(view, BrainstormProjection)
    return view


def type_idea(qtbot: QtBot, panel: BrainstormPanel, text: str) -> None:
    assert QApplication.focusWidget() is panel.capture
    qtbot.keyClicks(panel.capture, text)
    qtbot.keyClick(panel.capture, Qt.Key.Key_Return)


def type_count(qtbot: QtBot, panel: BrainstormPanel, text: str) -> None:
    """Type a number over the current cell, as a person does: the first key opens its editor."""
    table, row = panel.totals, panel.totals.currentRow()
    qtbot.keyClick(table, text[0])
    editor = next(e for e in table.findChildren(QLineEdit) if e.isVisible())
    editor.setFocus()
    qtbot.keyClicks(editor, text[1:])
    assert editor.text() == text
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Saved once the table has closed its editor: the next row is current, or a message says why not.
    qtbot.waitUntil(lambda: table.currentRow() != row or panel.message.isVisible())


def answer(qtbot: QtBot, text: str | None = None, *, refused: bool = False) -> None:
    """Type into the small question window that is open, and press Enter. A refused answer
    brings the window back (a new one) instead of closing it."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QInputDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QInputDialog)
    line = dialog.findChild(QLineEdit)
    assert line is not None
    if text is not None:
        line.selectAll()
        qtbot.keyClicks(line, text)
    owner = dialog.parentWidget().window()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    if refused:
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() not in (None, dialog))
        return
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    owner.activateWindow()  # what the desktop does when a small window closes
    qtbot.waitUntil(owner.isActiveWindow)


def test_a_brainstorm_from_question_to_voted_result_by_keyboard_alone(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id = brainstorm_meeting(services)
    window = make_window()
    window.open_meeting(meeting_id)
    window.show_presenter()
    panel = start_brainstorm(qtbot, window)
    wall = projection(window)

    # Ideas: the capture box has the keyboard from the start and keeps it.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.capture)
    for text in IDEAS:
        type_idea(qtbot, panel, text)
    view = actions(window.controller).views[panel.item.id]  # type: ignore[union-attr]
    assert [i.text for i in view.ideas] == list(IDEAS)
    assert wall.canvas.entries and len(wall.canvas.entries) == len(IDEAS)
    assert wall.canvas.newest == view.ideas[-1].id  # the newest is highlighted on the projector
    # The same words again are flagged as typed and not added.
    qtbot.keyClicks(panel.capture, "too few SUMMER jobs")
    assert panel.duplicate.isVisible() and "4" in panel.duplicate.text()
    qtbot.keyClick(panel.capture, Qt.Key.Key_Return)
    assert "4" in panel.message.text()
    assert len(actions(window.controller).views[view.item_id].ideas) == len(IDEAS)
    panel.capture.clear()

    # Clarify: merge idea 8 into idea 1 with new wording.
    qtbot.keyClick(panel.tabs.tabBar(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert actions(window.controller).views[view.item_id].settings.phase is Phase.CLARIFY
    tree = panel.clarify_tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    qtbot.keyClick(tree, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)
    # Only ideas 1 and 8: first, then the last one with Ctrl+Space.
    tree.clearSelection()
    tree.setCurrentItem(tree.topLevelItem(0))
    tree.topLevelItem(0).setSelected(True)
    qtbot.keyClick(tree, Qt.Key.Key_End, CTRL)
    qtbot.keyClick(tree, Qt.Key.Key_Space, CTRL)
    qtbot.keyClick(tree, Qt.Key.Key_M, CTRL)
    answer(qtbot, "Buses stop early and cost too much")
    view = actions(window.controller).views[view.item_id]
    assert view.idea(view.ideas[7].id).merged_into == view.ideas[0].id  # type: ignore[union-attr]
    assert view.ideas[0].text == "Buses stop early and cost too much"
    assert view.ideas[0].original == IDEAS[0]
    # Undo takes the merge back, redo brings it again.
    qtbot.keyClick(tree, Qt.Key.Key_Z, CTRL)
    assert actions(window.controller).views[view.item_id].ideas[7].merged_into is None
    qtbot.keyClick(tree, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert actions(window.controller).views[view.item_id].ideas[7].merged_into == view.ideas[0].id

    # Themes: make two, then sort ideas with number keys.
    qtbot.keyClick(panel.tabs.tabBar(), Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    themes = panel.theme_tree
    themes.setFocus()
    qtbot.keyClick(themes, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    answer(qtbot, "Getting around")
    themes.setFocus()
    qtbot.keyClick(themes, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    answer(qtbot, "Work")
    themes.setFocus()
    view = actions(window.controller).views[view.item_id]
    by_text = {i.text: i.id for i in view.ideas}

    def choose(text: str) -> None:
        for index in range(themes.topLevelItemCount()):
            node = themes.topLevelItem(index)
            for child in range(node.childCount()):
                if node.child(child).text(0).endswith(text):
                    themes.clearSelection()
                    themes.setCurrentItem(node.child(child))
                    node.child(child).setSelected(True)
                    return
        raise AssertionError(text)

    choose("Buses stop early and cost too much")
    qtbot.keyClick(themes, Qt.Key.Key_1)
    # Sorting goes on from the next idea still to sort, not from where the sorted one went.
    following = themes.currentItem()
    assert following is not None and following.parent() is not None
    assert following.parent().data(0, Qt.ItemDataRole.UserRole + 1) == 0  # "Not in a theme yet"
    assert following.text(0).endswith("No safe place to hang out after school")
    for text in ("Too few summer jobs", "Summer jobs go to people with connections"):
        choose(text)
        qtbot.keyClick(themes, Qt.Key.Key_2)
    view = actions(window.controller).views[view.item_id]
    getting_around, work = (t.id for t in view.themes)
    assert view.idea(by_text["Buses stop early and cost too much"]).theme_id == getting_around  # type: ignore[union-attr]
    assert view.idea(by_text["Too few summer jobs"]).theme_id == work  # type: ignore[union-attr]
    assert projection(window).canvas.mode == "themes"

    # Dots counted off the wall: type each count and Enter.
    qtbot.keyClick(panel.tabs.tabBar(), Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    table = panel.totals
    table.setFocus()
    counts = {
        "Too few summer jobs": 9,
        "Buses stop early and cost too much": 9,
        "Part-time work clashes with school hours": 4,
    }
    for row in range(table.rowCount()):
        text = table.item(row, 1).text()
        if text in counts:
            table.setCurrentCell(row, 3)
            type_count(qtbot, panel, str(counts[text]))
    # More dots than 8 people with 5 each can place is refused in plain words.
    table.setCurrentCell(0, 3)
    type_count(qtbot, panel, "99")
    assert "at most 40" in panel.message.text()

    # Results: ties shown as ties, on both windows.
    qtbot.keyClick(panel.tabs.tabBar(), Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    view = actions(window.controller).views[view.item_id]
    assert view.settings.phase is Phase.RESULTS
    assert [panel.results.item(r, 0).text() for r in range(3)] == ["=1", "=1", "3"]
    assert {panel.results.item(r, 2).text() for r in range(2)} == {
        "Too few summer jobs",
        "Buses stop early and cost too much",
    }
    assert projection(window).canvas.mode == "results"
    assert [c.number for c in projection(window).canvas.cards] == ["=1", "=1", "3"]

    # The top two (a tie) start the nominal group item.
    panel.top_count.setValue(2)
    panel.send_button.setFocus()
    qtbot.keyClick(panel.send_button, Qt.Key.Key_Space)
    later = next(i for i in window.controller.detail.agenda if i.kind is AgendaKind.NOMINAL_GROUP)  # type: ignore[union-attr]
    copied = services.brainstorm.view(later.id).ideas
    assert {i.text for i in copied} == {"Too few summer jobs", "Buses stop early and cost too much"}
    assert all(i.source_title == "Barriers to work" for i in copied)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_phase_on_both_windows(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, size: tuple[int, int]
) -> None:
    width, height = size
    tag = f"{width}x{height}"
    folder = os.environ.get("FACILITATOR_SCREENSHOTS")
    meeting_id = brainstorm_meeting(services, present=12)
    window = make_window()
    window.resize(width, height)
    window.open_meeting(meeting_id)
    window.show_presenter()
    presenter = window.presenter
    presenter.showNormal()
    presenter.resize(width, height)
    qtbot.waitUntil(lambda: presenter.width() == width)
    window.show_tab(MeetingPage.RUN)
    window.start_meeting()
    panel = window.meeting_page.run.technique_area.currentWidget()
    assert isinstance(panel, BrainstormPanel)
    acts = actions(window.controller)
    item_id = panel.item.id  # type: ignore[union-attr]

    def shoot(widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        image = widget.grab().toImage()
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            image.save(str(Path(folder) / f"{name}-{tag}.png"))

    panel.tabs.setCurrentIndex(0)
    shoot(window, "brainstorm-setup-main")
    panel.tabs.setCurrentIndex(1)
    for text in IDEAS[:5]:
        acts.add_idea(item_id, text)
    shoot(window, "brainstorm-ideas-main")
    shoot(presenter, "brainstorm-ideas-presenter")
    canvas = projection(window).canvas
    assert canvas.wall is not None and canvas.wall.font >= presenter.height() * IDEA_FLOOR - 1
    extra = [f"{t} ({n})" for n in range(1, 5) for t in IDEAS]
    for text in [*IDEAS[5:], *extra][:25]:
        acts.add_idea(item_id, text)
    # Thirty ideas on the wall: the text stays at least 4% of the screen's height.
    assert canvas.wall is not None and canvas.wall.font >= presenter.height() * IDEA_FLOOR - 1
    shoot(presenter, "brainstorm-thirty-ideas-presenter")
    view = acts.views[item_id]
    panel.tabs.setCurrentIndex(2)
    acts.merge(view.ideas[0].id, [view.ideas[7].id], "Buses stop early and cost too much")
    acts.edit_idea(view.ideas[2].id, "Summer jobs go to friends of the owner")
    acts.set_spotlight(item_id, view.ideas[2].id)
    shoot(window, "brainstorm-clarify-main")
    shoot(presenter, "brainstorm-clarify-presenter")
    panel.tabs.setCurrentIndex(3)
    view = acts.views[item_id]
    wall = view.wall
    acts.add_theme(item_id, "Getting around", [wall[0].id, wall[7].id])
    acts.add_theme(item_id, "Work and money", [i.id for i in wall[1:5]])
    acts.add_theme(item_id, "Support", [i.id for i in wall[5:7]])
    shoot(window, "brainstorm-themes-main")
    shoot(presenter, "brainstorm-themes-presenter")
    panel.tabs.setCurrentIndex(4)
    for idea, count in zip(acts.views[item_id].wall, (9, 7, 7, 5, 4, 3, 3, 2, 1, 1), strict=False):
        acts.set_total(idea.id, count)
    shoot(window, "brainstorm-dots-main")
    shoot(presenter, "brainstorm-dots-presenter")
    acts.set_dot_entry(item_id, DotEntry.PEOPLE)
    present = acts.views[item_id].present
    acts.set_person_dots(item_id, present[0].id, [1, 1, 3, 4, 9])
    acts.set_person_dots(item_id, present[1].id, [3, 3, 3])
    shoot(window, "brainstorm-dots-by-person-main")
    acts.set_dot_entry(item_id, DotEntry.TOTALS)
    panel.tabs.setCurrentIndex(5)
    shoot(window, "brainstorm-results-main")
    shoot(presenter, "brainstorm-results-presenter")


def test_alt_letters_are_unique_on_every_brainstorm_tab(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id = brainstorm_meeting(services)
    window, panel, acts, item_id = started(make_window, meeting_id)
    acts.set_attributed(item_id, True)
    acts.set_dot_entry(item_id, DotEntry.PEOPLE)
    for index in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(index)
        letters = visible_mnemonics(window)
        repeated = {letter: count for letter, count in letters.items() if count > 1}
        assert not repeated, f"tab {panel.tabs.tabText(index)}: {repeated} in {sorted(letters)}"


def test_dropping_ideas_on_a_theme_puts_them_there_and_undo_takes_them_out(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id = brainstorm_meeting(services)
    window, panel, acts, item_id = started(make_window, meeting_id)
    for text in IDEAS[:3]:
        acts.add_idea(item_id, text)
    acts.add_theme(item_id, "Getting around")
    panel.tabs.setCurrentIndex(3)  # Themes
    tree = panel.theme_tree
    loose = tree.topLevelItem(1)  # "Not in a theme yet", after the one theme
    loose.child(0).setSelected(True)
    loose.child(2).setSelected(True)
    target = tree.visualItemRect(tree.topLevelItem(0)).center()
    data = tree.mimeData(tree.selectedItems())
    drop = QDropEvent(
        QPointF(target),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    tree.dropEvent(drop)
    view = acts.views[item_id]
    theme = view.themes[0].id
    assert [i.theme_id for i in view.ideas] == [theme, None, theme]
    assert tree.topLevelItem(0).childCount() == 2  # rebuilt from the store, not moved by Qt
    window.controller.undo_stack.undo()
    assert [i.theme_id for i in acts.views[item_id].ideas] == [None, None, None]


def test_each_persons_dots_typed_as_idea_numbers_and_an_idea_put_as_a_proposal(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id = brainstorm_meeting(services, present=3)
    _window, panel, acts, item_id = started(make_window, meeting_id)
    for text in IDEAS[:4]:
        acts.add_idea(item_id, text)
    acts.set_dot_entry(item_id, DotEntry.PEOPLE)
    panel.tabs.setCurrentIndex(4)  # Dots
    present = acts.views[item_id].present
    assert panel.voter.currentData() == present[0].id
    panel.numbers.setFocus()
    for typed in ("2 2 4", "4 1", "9"):
        panel.numbers.selectAll()
        qtbot.keyClicks(panel.numbers, typed)
        qtbot.keyClick(panel.numbers, Qt.Key.Key_Return)
    # Nobody has an idea 9: said plainly, and the third person's dots are not taken.
    assert "no idea 9" in panel.message.text()
    view = acts.views[item_id]
    # A tie: listed by number, both first.
    assert [(s.idea.number, s.dots, s.voters) for s in view.standings()[:2]] == [(2, 2, 1), (4, 2, 2)]
    assert view.standings()[0].tied and view.standings()[0].rank == 1
    # Too many dots for one person.
    panel.numbers.selectAll()
    qtbot.keyClicks(panel.numbers, "1 1 1 1 1 1")
    qtbot.keyClick(panel.numbers, Qt.Key.Key_Return)
    assert "6 dots" in panel.message.text() and "each person has 5" in panel.message.text()

    panel.tabs.setCurrentIndex(5)  # Results
    panel.results.selectRow(0)
    qtbot.keyClick(panel.propose_button, Qt.Key.Key_Space)
    record = services.record.view(meeting_id)
    decisions_item = next(
        i for i in services.agenda.for_meeting(meeting_id) if i.kind is AgendaKind.DECISIONS
    )
    (proposal,) = record.decisions_of(decisions_item.id)
    assert proposal.fields.wording == view.standings()[0].idea.text
    assert "Barriers to work" in proposal.fields.draws_on


def test_what_changes_around_the_brainstorm_reaches_both_windows(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id = brainstorm_meeting(services, present=3)
    window, panel, acts, item_id = started(make_window, meeting_id)
    window.show_presenter()
    wall = projection(window)
    for text in IDEAS[:3]:
        acts.add_idea(item_id, text)

    # The question reworded in Set up is the question on the projector.
    panel.tabs.setCurrentIndex(0)
    panel.question.setFocus()
    panel.question.selectAll()
    qtbot.keyClicks(panel.question, "What stops teenagers getting a first job?")
    qtbot.keyClick(panel.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wall.question.text() == "What stops teenagers getting a first job?")

    # A late arrival marked present can vote at once, and the limits count them.
    acts.set_dot_entry(item_id, DotEntry.PEOPLE)
    panel.tabs.setCurrentIndex(4)
    assert panel.voter.count() == 3
    late = next(a for a in window.controller.detail.attendees if a.status is not AttendanceStatus.PRESENT)  # type: ignore[union-attr]
    window.controller.set_attendance(meeting_id, late, AttendanceStatus.PRESENT)
    qtbot.waitUntil(lambda: panel.voter.count() == 4)
    assert "at most 20" in panel.dots_summary.text()

    # The idea discussed in Clarify is not kept lit (nor the wall held on its page) while voting.
    panel.tabs.setCurrentIndex(2)
    panel.clarify_tree.setCurrentItem(panel.clarify_tree.topLevelItem(1))
    assert wall.canvas.spotlight == acts.views[item_id].ideas[1].id
    panel.tabs.setCurrentIndex(4)
    assert wall.canvas.spotlight == 0

    # A digit that is not a number ("²") is refused in words, and the count stays as it was.
    acts.set_dot_entry(item_id, DotEntry.TOTALS)
    panel.totals.setFocus()
    panel.totals.setCurrentCell(0, 3)
    qtbot.keyClick(panel.totals, "1")
    editor = next(e for e in panel.totals.findChildren(QLineEdit) if e.isVisible())
    editor.setText("²")  # as an AZERTY keyboard's key beside 1 types it (the test driver cannot)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(panel.message.isVisible)
    assert "number of dots" in panel.message.text()
    assert acts.views[item_id].standings()[0].dots == 0


def test_a_refused_rewording_comes_back_with_the_words_still_in_it(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id = brainstorm_meeting(services)
    _window, panel, acts, item_id = started(make_window, meeting_id)
    for text in IDEAS[:2]:
        acts.add_idea(item_id, text)
    panel.tabs.setCurrentIndex(2)
    tree = panel.clarify_tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(1))
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    answer(qtbot, IDEAS[0].upper(), refused=True)  # the same words as idea 1
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QInputDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QInputDialog)
    assert dialog.textValue() == IDEAS[0].upper()
    assert "Idea 1 already says exactly this" in dialog.labelText()
    answer(qtbot, "Nowhere safe to spend the evening")
    assert acts.views[item_id].ideas[1].text == "Nowhere safe to spend the evening"
    assert acts.views[item_id].ideas[1].original == IDEAS[1]


def test_enter_on_a_count_always_moves_to_the_next_idea(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id = brainstorm_meeting(services)
    _window, panel, acts, item_id = started(make_window, meeting_id)
    for text in IDEAS[:3]:
        acts.add_idea(item_id, text)
    panel.tabs.setCurrentIndex(4)
    panel.totals.setFocus()
    panel.totals.setCurrentCell(0, 3)
    type_count(qtbot, panel, "0")  # what is already there: nothing saved, but on to the next
    assert panel.totals.currentRow() == 1
    type_count(qtbot, panel, "2")
    assert panel.totals.currentRow() == 2
    assert [s.dots for s in sorted(acts.views[item_id].standings(), key=lambda s: s.idea.number)] == [0, 2, 0]


def test_coming_back_to_the_brainstorm_puts_the_keyboard_in_the_capture_box(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id = brainstorm_meeting(services)
    window = make_window()
    window.open_meeting(meeting_id)
    panel = start_brainstorm(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.capture)
    window.meeting_page.run.focus_steps()
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageDown, CTRL)  # on to the next item
    qtbot.waitUntil(lambda: not panel.isVisible())
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_PageUp, CTRL)  # and back
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.capture)


def test_the_list_of_keys_names_the_brainstorm_keys_and_fits_a_laptop_screen(
    window: MainWindow, on_dialog: DialogAnswerer
) -> None:
    seen: list[tuple[str, int]] = []

    def look(dialog: QDialog) -> None:
        browser = dialog.findChild(QTextBrowser)
        assert browser is not None
        seen.append((browser.toPlainText(), dialog.height()))
        dialog.reject()

    problems = on_dialog(look)
    window.show_shortcuts()
    assert not problems
    ((text, height),) = seen
    assert "Brainstorm: merge the chosen ideas" in text and "Ctrl+Shift+M" in text
    assert height <= 720


def test_a_brainstorm_without_dots_set_up_run_and_sent_on_by_keyboard_alone(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    """Set up by keys (question, time box, credit, no dots), ideas credited by the person picker,
    a merged part that cannot be removed through its holder, a theme, and every idea on the wall
    sent to the nominal group from Results, which is there even without dots."""
    meeting_id = brainstorm_meeting(services)
    window = make_window()
    window.open_meeting(meeting_id)
    window.show_presenter()
    panel = start_brainstorm(qtbot, window)
    item_id = panel.item.id  # type: ignore[union-attr]
    acts = actions(window.controller)
    alt = Qt.KeyboardModifier.AltModifier

    def keys(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, key, modifier)

    def typed(text: str) -> None:
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClicks(widget, text)

    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.capture)
    keys(Qt.Key.Key_1, alt)  # Set up
    keys(Qt.Key.Key_Q, alt)
    assert QApplication.focusWidget() is panel.question
    keys(Qt.Key.Key_A, CTRL)
    typed("What stops teenagers from working?")
    keys(Qt.Key.Key_Return)
    keys(Qt.Key.Key_B, alt)
    keys(Qt.Key.Key_A, CTRL)
    typed("15")
    keys(Qt.Key.Key_Return)
    keys(Qt.Key.Key_C, alt)  # credit each idea (a mnemonic clicks its box a moment later)
    qtbot.waitUntil(lambda: acts.views[item_id].settings.attributed)
    keys(Qt.Key.Key_O, alt)  # no dots
    qtbot.waitUntil(lambda: not acts.views[item_id].settings.voting)
    item = window.controller.detail.current_item  # type: ignore[union-attr]
    assert (item.prompt, item.minutes) == ("What stops teenagers from working?", 15)  # type: ignore[union-attr]
    assert projection(window).question.text() == "What stops teenagers from working?"

    keys(Qt.Key.Key_2, alt)  # Ideas: the keyboard is in the capture box
    assert QApplication.focusWidget() is panel.capture
    present = acts.views[item_id].present
    # Typing a name's first letters picks it (a space would open the list, as in any such box).
    speaker = next(
        p for p in present if " " not in p.name[:4] and [q.name[:4] for q in present].count(p.name[:4]) == 1
    )
    keys(Qt.Key.Key_W, alt)
    assert QApplication.focusWidget() is panel.who
    typed(speaker.name[:4])
    keys(Qt.Key.Key_N, alt)
    typed(IDEAS[0])
    keys(Qt.Key.Key_Return)
    for text in IDEAS[1:5]:
        type_idea(qtbot, panel, text)
    view = acts.views[item_id]
    assert view.ideas[0].person_id == speaker.id and view.ideas[1].person_id is None

    keys(Qt.Key.Key_3, alt)  # Clarify: the keyboard is on the first idea
    assert QApplication.focusWidget() is panel.clarify_tree
    keys(Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # ideas 1 and 2
    keys(Qt.Key.Key_M, CTRL)
    answer(qtbot, "No safe place to go, and buses stop at six")
    view = acts.views[item_id]
    assert view.ideas[1].merged_into == view.ideas[0].id
    panel.clarify_tree.setFocus()
    keys(Qt.Key.Key_Home)
    keys(Qt.Key.Key_Down)  # onto the merged part inside idea 1
    assert panel.clarify_tree.currentItem().parent() is not None  # type: ignore[union-attr]
    keys(Qt.Key.Key_Delete)
    assert "merged into idea 1" in panel.message.text()
    assert len(acts.views[item_id].wall) == 4  # nothing removed

    keys(Qt.Key.Key_4, alt)  # Themes
    assert QApplication.focusWidget() is panel.theme_tree
    keys(Qt.Key.Key_N, alt)
    answer(qtbot, "Work")
    assert QApplication.focusWidget() is panel.theme_tree
    theme = acts.views[item_id].themes[0].id
    for _ in range(3):  # down to the ideas not in a theme, and the first of them
        node = panel.theme_tree.currentItem()
        if node is not None and node.data(0, Qt.ItemDataRole.UserRole) and node.parent() is not None:
            break
        keys(Qt.Key.Key_Down)
    keys(Qt.Key.Key_1)
    assert sum(1 for i in acts.views[item_id].wall if i.theme_id == theme) == 1

    # Results is there without dots: the projector keeps the themes, and Alt+L sends every idea.
    assert not panel.tabs.isTabVisible(4) and panel.tabs.isTabVisible(5)
    keys(Qt.Key.Key_6, alt)
    assert acts.views[item_id].settings.phase is Phase.RESULTS
    assert QApplication.focusWidget() is panel.results
    assert projection(window).canvas.mode == "themes"
    assert panel.results.isColumnHidden(4) and not panel.top_count.isVisible()
    assert panel.send_what.currentData() == "all"
    keys(Qt.Key.Key_L, alt)
    later = next(i for i in window.controller.detail.agenda if i.kind is AgendaKind.NOMINAL_GROUP)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bool(services.brainstorm.view(later.id).ideas))
    copied = services.brainstorm.view(later.id).ideas
    assert sorted(i.text for i in copied) == sorted(i.text for i in acts.views[item_id].wall)
    assert all(i.source_item_id == item_id for i in copied)
    assert "4 ideas added" in panel.note.text()
    # With nothing chosen and no dots, nothing is proposed on the app's own choice.
    keys(Qt.Key.Key_P, alt)
    qtbot.waitUntil(lambda: "Choose an idea" in panel.message.text())


def test_dots_of_someone_who_left_stay_theirs_and_a_tie_first_is_not_proposed_on_its_own(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id = brainstorm_meeting(services, present=3)
    window, panel, acts, item_id = started(make_window, meeting_id)
    for text in IDEAS[:4]:
        acts.add_idea(item_id, text)
    acts.merge(acts.views[item_id].ideas[0].id, [acts.views[item_id].ideas[3].id], None)
    # Typing the words of a merged part names the idea holding it.
    panel.capture.setFocus()
    qtbot.keyClicks(panel.capture, IDEAS[3])
    assert panel.duplicate.text() == "Idea 4, merged into idea 1, already says this."
    qtbot.keyClick(panel.capture, Qt.Key.Key_Return)
    assert "merged into idea 1" in panel.message.text()
    panel.capture.clear()

    acts.set_dot_entry(item_id, DotEntry.PEOPLE)
    present = acts.views[item_id].present
    acts.set_person_dots(item_id, present[0].id, [2, 3])
    acts.set_person_dots(item_id, present[1].id, [2, 3])
    leaver = next(a for a in window.controller.detail.attendees if a.person.id == present[0].id)  # type: ignore[union-attr]
    window.controller.set_attendance(meeting_id, leaver, AttendanceStatus.ABSENT)
    panel.tabs.setCurrentIndex(4)  # Dots
    qtbot.waitUntil(lambda: panel.voter.count() == 3)
    left = f"{present[0].name} (left)"
    assert panel.voter.itemText(2) == left
    assert panel.voters.item(2, 0).text() == left and panel.voters.item(2, 1).text() == "2 3"
    assert "2 dots were placed by someone who has since left" in panel.dots_summary.text()
    assert "2 of 2 people have voted" not in panel.dots_summary.text()
    projector = projection(window)
    panel.voter.setCurrentIndex(2)
    panel.numbers.setFocus()
    panel.numbers.selectAll()
    qtbot.keyClicks(panel.numbers, "2 2 3")
    qtbot.keyClick(panel.numbers, Qt.Key.Key_Return)
    assert "no longer marked present" in panel.message.text()

    panel.tabs.setCurrentIndex(5)  # Results: ideas 2 and 3 tied first
    assert "from people who have left" in projector.hint.text()
    panel.results.clearSelection()
    panel.propose_button.setFocus()
    qtbot.keyClick(panel.propose_button, Qt.Key.Key_Space)
    assert "Ideas 2, 3 are tied first" in panel.message.text()
    decisions_item = next(
        i for i in services.agenda.for_meeting(meeting_id) if i.kind is AgendaKind.DECISIONS
    )
    assert services.record.view(meeting_id).decisions_of(decisions_item.id) == ()


def test_one_merged_part_comes_out_alone_and_escape_starts_the_idea_again(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id = brainstorm_meeting(services)
    window, panel, acts, item_id = started(make_window, meeting_id)
    for text in IDEAS[:4]:
        acts.add_idea(item_id, text)
    ideas = acts.views[item_id].ideas
    acts.merge(ideas[0].id, [ideas[1].id, ideas[2].id], "Nowhere to go and no way to get there")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel.capture.setFocus()
    qtbot.keyClicks(panel.capture, "half an idea")
    qtbot.keyClick(panel.capture, Qt.Key.Key_Escape)
    assert panel.capture.text() == "" and len(acts.views[item_id].ideas) == 4

    qtbot.keyClick(panel.tabs.tabBar(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    tree = panel.clarify_tree
    assert QApplication.focusWidget() is tree
    keys = (Qt.Key.Key_Home, Qt.Key.Key_Down, Qt.Key.Key_Down)  # the second part inside idea 1
    for key in keys:
        qtbot.keyClick(tree, key)
    qtbot.keyClick(tree, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    view = acts.views[item_id]
    assert [i.merged_into for i in view.ideas[:3]] == [None, ideas[0].id, None]
    assert "Idea 1 keeps the wording written for the merge" in panel.note.text()
    qtbot.keyClick(tree, Qt.Key.Key_Z, CTRL)  # undo puts it back inside
    assert acts.views[item_id].ideas[2].merged_into == ideas[0].id

    # Dots entered one way stay kept, and said so, while the other way is in use.
    acts.set_total(ideas[3].id, 4)
    acts.set_dot_entry(item_id, DotEntry.PEOPLE)
    panel.tabs.setCurrentIndex(4)
    assert "The 4 dots counted off the wall before are kept" in panel.dots_summary.text()
