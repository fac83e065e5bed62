"""Idea writing and 6-3-5 brainwriting in the running app: groups made from those present and
changed by hand, the rounds timed with the projector saying when to pass, the sheets typed in
place by place, each group's main ideas, the report-out, and the main ideas sent on to a later
nominal group. Driven with the keyboard, as a facilitator would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from facilitator.domain.model import AgendaFields, AgendaKind, AttendanceStatus, MeetingFields
from facilitator.services import Services
from facilitator.techniques.brainstorming.wall import EntryKind
from facilitator.techniques.idea_writing.model import Direction, Step, Variant, WritingView
from facilitator.techniques.idea_writing.ui.actions import IdeaWritingActions, actions
from facilitator.techniques.idea_writing.ui.panel import IdeaWritingPanel
from facilitator.techniques.idea_writing.ui.projection import IdeaWritingProjection
from facilitator.ui.main_window import MainWindow
from facilitator.ui.meeting_page import MeetingPage

from .conftest import DialogAnswerer, FakeClock
from .test_brainstorm import answer
from .test_keyboard_access import visible_mnemonics

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier
QUESTION = "How could more young people find summer work?"
STEP_KEYS = {
    Step.SET_UP: Qt.Key.Key_1,
    Step.WRITING: Qt.Key.Key_2,
    Step.TRANSCRIBE: Qt.Key.Key_3,
    Step.SUMMARIES: Qt.Key.Key_4,
    Step.REPORT: Qt.Key.Key_5,
}


def writing_meeting(services: Services, present: int = 13) -> int:
    """A meeting of the sample collaborative that opens on idea writing, then a nominal group."""
    services.sample.create()
    collaborative = services.collaboratives.overview()[0].id
    meeting = services.meetings.create(
        collaborative,
        MeetingFields("Summer jobs", datetime(2026, 12, 10, 18, 0), "Library", "", "Ana", "Ben"),
        (
            AgendaFields(AgendaKind.IDEA_WRITING, "Ideas for summer jobs", QUESTION, 60),
            AgendaFields(AgendaKind.NOMINAL_GROUP, "Our priorities", "Which ideas first?", 60),
        ),
    )  # fmt: skip
    for attendee in services.meetings.detail(meeting.id).attendees[:present]:
        services.attendance.set_status(meeting.id, attendee.person.id, AttendanceStatus.PRESENT)
    services.meetings.remember_opened(meeting.id)
    return meeting.id


def press(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    """A key pressed wherever the keyboard is (an open menu first)."""
    widget = QApplication.activePopupWidget() or QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None
    qtbot.keyClick(widget, key, modifiers)


def write(qtbot: QtBot, text: str) -> None:
    """Type, each key going wherever the keyboard is (a cell's editor opens on the first)."""
    for char in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClicks(widget, char)


def start(qtbot: QtBot, window: MainWindow) -> IdeaWritingPanel:
    """Run (Ctrl+4) and start the meeting (Ctrl+Enter): the idea writing panel is on screen."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, Qt.Key.Key_4, CTRL)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    area = window.meeting_page.run.technique_area
    qtbot.waitUntil(lambda: isinstance(area.currentWidget(), IdeaWritingPanel))
    panel = area.currentWidget()
    assert isinstance(panel, IdeaWritingPanel)
    assert panel.item is not None and panel.item.kind is AgendaKind.IDEA_WRITING
    return panel


def started(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> tuple[MainWindow, IdeaWritingPanel, IdeaWritingActions, int]:
    """The meeting started on its idea writing, in Run: the window, the panel, the actions, the item."""
    window = make_window()
    window.open_meeting(writing_meeting(services))
    panel = start(qtbot, window)
    assert panel.item is not None
    return window, panel, actions(window.controller), panel.item.id


def projection(window: MainWindow) -> IdeaWritingProjection:
    view = window.presenter.body.currentWidget()
    assert isinstance(view, IdeaWritingProjection)
    return view


def go(qtbot: QtBot, panel: IdeaWritingPanel, step: Step) -> None:
    """Alt+1 to Alt+5: the step's tab, and the room is in that step."""
    press(qtbot, STEP_KEYS[step], ALT)
    assert panel.tabs.currentIndex() == list(Step).index(step)
    assert panel.actions.views[panel.item.id].settings.step is step  # type: ignore[union-attr]


def tab_to(qtbot: QtBot, widget: QWidget) -> None:
    """Tab until the keyboard is on the widget."""
    for _ in range(60):
        if QApplication.focusWidget() is widget:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {widget}")


def open_menu(qtbot: QtBot) -> QMenu:
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def choose(qtbot: QtBot, window: MainWindow, menu: QMenu, key: Qt.Key) -> None:
    """A menu entry chosen by its key; the menu closes and the main window is active again. (The
    headless platform leaves no window active once a closed menu is deleted, whenever that is.)"""
    qtbot.keyClick(menu, key)
    qtbot.waitUntil(lambda: not menu.isVisible())
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    back_to(qtbot, window)


def back_to(qtbot: QtBot, window: MainWindow) -> None:
    """What the desktop does when a small window closes: the main window is active again."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def texts(widget: object) -> list[str]:
    return [widget.item(r).text() for r in range(widget.count())]  # type: ignore[attr-defined]


def where(view: WritingView) -> dict[int, str]:
    """Each person in a group, and the group's letter."""
    return {m.person_id: g.letter for g in view.groups for m in g.members}


def numbers(panel: IdeaWritingPanel) -> tuple[int, int, int, int]:
    """Group size, ideas a round, minutes a round, rounds: as the Set up tab shows them."""
    boxes = (panel.group_size, panel.ideas_per_round, panel.minutes_per_round, panel.rounds)
    return tuple(box.value() for box in boxes)  # type: ignore[return-value]


def spread_is_even(view: WritingView) -> bool:
    """Every sector's people shared out among the groups as evenly as the numbers allow."""
    sectors = {m.sector for m in view.members()}
    counts = [[sum(1 for m in g.members if m.sector == s) for g in view.groups] for s in sectors]
    return all(max(c) - min(c) <= 1 for c in counts)


# A menu on the headless platform says it cannot raise itself or grab the keyboard.
MENU_WARNINGS = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing"
)


@MENU_WARNINGS
def test_idea_writing_from_groups_to_a_later_vote_by_keyboard_alone(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    wall = projection(window)
    timer = window.timer
    assert panel.tabs.currentIndex() == 0
    present = {p.id for p in acts.views[item_id].present}
    assert len(present) == 13

    # Set up: Alt+P, then Alt+W, choose the variant; each brings its usual numbers.
    go(qtbot, panel, Step.SET_UP)
    press(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: acts.views[item_id].settings.variant is Variant.IDEA_WRITING)
    assert numbers(panel) == (4, 3, 5, 4)
    assert not panel.rounds.isEnabled()  # a pad goes once round its group
    press(qtbot, Qt.Key.Key_W, ALT)
    qtbot.waitUntil(lambda: acts.views[item_id].settings.variant is Variant.BRAINWRITING)
    assert numbers(panel) == (6, 3, 5, 6)
    assert panel.rounds.isEnabled()
    # Alt+A makes the groups from those present; the keyboard goes to them.
    press(qtbot, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: bool(acts.views[item_id].groups))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.groups)
    view = services.idea_writing.view(item_id)
    assert sorted(m.person_id for m in view.members()) == sorted(present)  # each once, nobody left out
    assert [len(g.members) for g in view.groups] == [5, 4, 4]  # thirteen in groups of at most six
    assert spread_is_even(view)
    # Six-three-five: as many rounds as the biggest group has people, so each writes on every sheet.
    assert numbers(panel) == (6, 3, 5, 5)
    # On a person of group A, "b" moves them to group B.
    press(qtbot, Qt.Key.Key_Down)
    node = panel.groups.currentItem()
    assert node is not None and node.parent() is panel.groups.topLevelItem(0)
    moved = node.data(0, Qt.ItemDataRole.UserRole)[1]
    assert where(view)[moved] == "A"
    press(qtbot, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: where(acts.views[item_id]).get(moved) == "B")
    assert [len(g.members) for g in services.idea_writing.view(item_id).groups] == [4, 5, 4]
    assert QApplication.focusWidget() is panel.groups
    assert panel.groups.currentItem().data(0, Qt.ItemDataRole.UserRole) == ("person", moved)  # still on them

    # Writing: Alt+B begins round 1; the round's five minutes go on the shared timer.
    go(qtbot, panel, Step.WRITING)
    press(qtbot, Qt.Key.Key_B, ALT)
    qtbot.waitUntil(lambda: acts.views[item_id].settings.round == 1)
    assert timer.remaining() == 300
    assert wall.cue.text().startswith("Round 1 of 5")
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: acts.views[item_id].settings.round == 2)
    assert timer.remaining() == 300
    assert "Round 2 of 5" in wall.cue.text() and "Pass your sheet" in wall.cue.text()
    assert wall.cue.isVisible() and panel.cue.text() == wall.cue.text()
    # Two minutes more for this round: the timer's box grows.
    press(qtbot, Qt.Key.Key_X, ALT)
    assert QApplication.focusWidget() is panel.extra
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: acts.views[item_id].settings.extra == ((2, 2),))
    assert timer.remaining() == 420
    assert "7 minutes" in panel.round_plan.text()

    # Type in: the keyboard is in the grid of the first sheet, on its first place.
    go(qtbot, panel, Step.TRANSCRIBE)
    grid = panel.grid
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    assert (grid.currentRow(), grid.currentColumn()) == (0, 0)
    first_sheet = panel.sheets.currentItem().data(Qt.ItemDataRole.UserRole)
    write(qtbot, "Paid taster days")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(acts.views[item_id].entries) == 1)
    qtbot.waitUntil(lambda: (grid.currentRow(), grid.currentColumn()) == (0, 1))
    assert QApplication.focusWidget() is grid
    assert panel.progress.text().startswith("0 of 13 sheets typed in; 1 started.")
    write(qtbot, "Employers visit the school")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: (grid.currentRow(), grid.currentColumn()) == (0, 2))
    # Round 2, first place: the idea builds on the one above it.
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Home)
    assert (grid.currentRow(), grid.currentColumn()) == (1, 0)
    write(qtbot, "Taster days with a lunch paid")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(acts.views[item_id].entries) == 3)
    qtbot.waitUntil(lambda: (grid.currentRow(), grid.currentColumn()) == (1, 1))
    view = services.idea_writing.view(item_id)
    first, second, third = view.on_sheet(first_sheet)
    assert [(e.round, e.slot, e.text) for e in (first, second, third)] == [
        (1, 1, "Paid taster days"), (1, 2, "Employers visit the school"), (2, 1, "Taster days with a lunch paid"),
    ]  # fmt: skip
    assert third.builds_on == first.id and first.builds_on is None
    # Alt+B ("Builds on…") on it: a menu of what it could build on; "0" says nothing.
    press(qtbot, Qt.Key.Key_Left)
    assert (grid.currentRow(), grid.currentColumn()) == (1, 0)
    assert panel.builds_note.text() == "Builds on 1. Paid taster days"
    press(qtbot, Qt.Key.Key_B, ALT)
    menu = open_menu(qtbot)
    assert [a.text() for a in menu.actions()] == [
        "&0 Builds on nothing", "&1  1. Paid taster days", "&2  2. Employers visit the school",
    ]  # fmt: skip
    choose(qtbot, window, menu, Qt.Key.Key_0)
    qtbot.waitUntil(lambda: services.idea_writing.view(item_id).entry(third.id).builds_on is None)
    assert panel.builds_note.text() == ""
    # Delete takes an idea off; Ctrl+Z puts it back.
    grid.setFocus()  # where the keyboard was: the desktop gives it back when a menu closes
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Right)
    assert grid.currentItem().text() == "Employers visit the school"
    press(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(acts.views[item_id].entries) == 2)
    assert grid.item(0, 1).text() == ""
    assert "2 ideas so far" in panel.progress.text()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: len(acts.views[item_id].entries) == 3)
    assert grid.item(0, 1).text() == "Employers visit the school"
    assert panel.progress.text() == "0 of 13 sheets typed in; 1 started. 3 ideas so far."
    assert panel.sheets.item(0).text().endswith("2 of 4 rows")
    # Alt+W, Down: the next sheet; Alt+I back to its places.
    press(qtbot, Qt.Key.Key_W, ALT)
    assert QApplication.focusWidget() is panel.sheets
    press(qtbot, Qt.Key.Key_Down)
    second_sheet = panel.sheets.currentItem().data(Qt.ItemDataRole.UserRole)
    view = acts.views[item_id]
    assert second_sheet != first_sheet and view.code(second_sheet) == "A2"
    assert panel.grid_label.text() == "&Ideas on sheet A2"
    assert [grid.item(0, c).text() for c in range(3)] == ["", "", ""]
    press(qtbot, Qt.Key.Key_I, ALT)
    assert QApplication.focusWidget() is grid
    assert (grid.currentRow(), grid.currentColumn()) == (0, 0)
    write(qtbot, "A summer jobs fair")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(acts.views[item_id].entries) == 4)
    qtbot.waitUntil(lambda: (grid.currentRow(), grid.currentColumn()) == (0, 1))
    assert [e.text for e in services.idea_writing.view(item_id).on_sheet(second_sheet)] == [
        "A summer jobs fair"
    ]
    assert panel.progress.text() == "0 of 13 sheets typed in; 2 started. 4 ideas so far."

    # Summaries: the keyboard is on group A's ideas; Enter makes one a main idea.
    go(qtbot, panel, Step.SUMMARIES)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.group_ideas)
    assert panel.summary_group.currentText() == "Group A"
    assert texts(panel.group_ideas) == [
        "1. Paid taster days  (A1, round 1)", "2. Employers visit the school  (A1, round 1)",
        "3. Taster days with a lunch paid  (A1, round 2)", "4. A summer jobs fair  (A2, round 1)",
    ]  # fmt: skip
    assert panel.group_ideas.currentRow() == 0
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.main_ideas.count() == 1)
    assert QApplication.focusWidget() is panel.group_ideas
    # Home, then Down three times: the fourth idea. (After Enter the list has lost its cursor, so
    # Home first: see test_the_cursor_stays_put_on_the_summaries_tab.)
    press(qtbot, Qt.Key.Key_Home)
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.main_ideas.count() == 2)
    assert texts(panel.main_ideas) == ["1. Paid taster days", "2. A summer jobs fair"]
    # Alt+W: a main idea in the group's own words.
    press(qtbot, Qt.Key.Key_W, ALT)
    answer(qtbot, "Work experience for every student")
    qtbot.waitUntil(lambda: panel.main_ideas.count() == 3)
    # On the main ideas (Alt+A): F2 rewords the first.
    press(qtbot, Qt.Key.Key_A, ALT)
    assert QApplication.focusWidget() is panel.main_ideas
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_F2)
    answer(qtbot, "Paid taster days in local firms")
    qtbot.waitUntil(lambda: "1. Paid taster days in local firms" in texts(panel.main_ideas))
    # Alt+Down moves it below the next; the cursor goes with it. (Home first, as above.)
    assert QApplication.focusWidget() is panel.main_ideas
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down, ALT)
    qtbot.waitUntil(lambda: texts(panel.main_ideas)[0] == "1. A summer jobs fair")
    assert texts(panel.main_ideas) == [
        "1. A summer jobs fair", "2. Paid taster days in local firms", "3. Work experience for every student",
    ]  # fmt: skip
    assert panel.main_ideas.currentRow() == 1
    # Delete on the last removes it.
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.main_ideas.count() == 2)
    group_a, group_b = (g.id for g in services.idea_writing.view(item_id).groups[:2])
    summaries = services.idea_writing.view(item_id).of_group(group_a)
    assert [s.text for s in summaries] == ["A summer jobs fair", "Paid taster days in local firms"]
    assert [s.idea_id is not None for s in summaries] == [True, True]  # both picked off a sheet
    # Alt+U, Down: group B, with a main idea of its own.
    press(qtbot, Qt.Key.Key_U, ALT)
    assert QApplication.focusWidget() is panel.summary_group
    press(qtbot, Qt.Key.Key_Down)
    assert panel.summary_group.currentText() == "Group B"
    assert panel.group_ideas.count() == 0 and panel.main_ideas.count() == 0
    press(qtbot, Qt.Key.Key_W, ALT)
    answer(qtbot, "Mentors from local firms")
    qtbot.waitUntil(lambda: texts(panel.main_ideas) == ["1. Mentors from local firms"])

    # Report: Down chooses the group reporting; the projector shows its main ideas as cards.
    go(qtbot, panel, Step.REPORT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.reporting)
    assert texts(panel.reporting) == [
        "Group A: A summer jobs fair; Paid taster days in local firms", "Group B: Mentors from local firms",
        "Group C: no main ideas yet",
    ]  # fmt: skip
    assert not wall.cue.isVisible() and wall.line.text() == "The groups report, one after another."
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: acts.views[item_id].settings.report_group == group_a)
    assert wall.cue.isVisible() and wall.cue.text() == "Group A reports"
    assert wall.canvas.isVisible() and wall.canvas.mode == "wall"
    assert [(c.number, c.text) for c in wall.canvas.cards] == [
        ("1", "A summer jobs fair"), ("2", "Paid taster days in local firms"),
    ]  # fmt: skip
    names = [m.name for m in acts.views[item_id].groups[0].members]
    assert wall.line.text() == ", ".join(names)
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: acts.views[item_id].settings.report_group == group_b)
    assert wall.cue.text() == "Group B reports"
    assert [c.text for c in wall.canvas.cards] == ["Mentors from local firms"]
    assert QApplication.focusWidget() is panel.reporting
    # Every group's main ideas to the later nominal group: Alt+C, "Copy them there".
    assert panel.send_what.currentText() == "every group's main ideas"
    assert panel.send_to.currentText() == "2. Our priorities"
    press(qtbot, Qt.Key.Key_C, ALT)
    nominal_id = panel.send_to.currentData()
    qtbot.waitUntil(lambda: bool(services.nominal_group.view(nominal_id).ideas))
    assert [i.text for i in services.nominal_group.view(nominal_id).ideas] == [
        "A summer jobs fair", "Paid taster days in local firms", "Mentors from local firms",
    ]  # fmt: skip
    assert panel.note.text() == "3 ideas copied."
    # Again: nothing is copied twice.
    press(qtbot, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: "3 were there already." in panel.note.text())
    assert len(services.nominal_group.view(nominal_id).ideas) == 3


def filled(services: Services, acts: IdeaWritingActions, item_id: int) -> WritingView:
    """Groups made, round 2 reached, three ideas typed in on A1 and one on A2, two main ideas for
    group A: done through the actions, as the panel would."""
    assert acts.make_groups(item_id)
    assert acts.set_round(item_id, 2)
    a1, a2 = acts.views[item_id].groups[0].members[:2]
    for member, round_number, slot, text in (
        (a1, 1, 1, "Paid taster days"), (a1, 1, 2, "Employers visit the school"),
        (a1, 2, 1, "Taster days with a lunch paid"), (a2, 1, 1, "A summer jobs fair"),
    ):  # fmt: skip
        assert acts.add_entry(member.id, round_number, slot, text)
    view = acts.views[item_id]
    group_a = view.groups[0].id
    assert acts.add_summary(group_a, None, view.entries[0].id)
    assert acts.add_summary(group_a, "Work experience for every student")
    assert acts.set_report_group(item_id, group_a)
    return services.idea_writing.view(item_id)


def test_going_back_a_step_loses_nothing(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    _window, panel, acts, item_id = started(qtbot, make_window, services)
    before = filled(services, acts, item_id)
    go(qtbot, panel, Step.REPORT)
    report = texts(panel.reporting)
    assert report[0] == "Group A: Paid taster days; Work experience for every student"
    # Back through every step: the groups, the round, the sheets, the main ideas all as they were.
    go(qtbot, panel, Step.SUMMARIES)
    assert texts(panel.main_ideas) == ["1. Paid taster days", "2. Work experience for every student"]
    assert panel.group_ideas.count() == 4
    go(qtbot, panel, Step.TRANSCRIBE)
    assert panel.progress.text() == "0 of 13 sheets typed in; 2 started. 4 ideas so far."
    assert [panel.grid.item(0, c).text() for c in range(3)] == [
        "Paid taster days",
        "Employers visit the school",
        "",
    ]
    go(qtbot, panel, Step.WRITING)
    assert panel.cue.text().startswith("Round 2 of 5")
    go(qtbot, panel, Step.SET_UP)
    assert panel.groups.topLevelItemCount() == 3
    assert sum(panel.groups.topLevelItem(g).childCount() for g in range(3)) == 13
    after = services.idea_writing.view(item_id)
    assert (after.groups, after.entries, after.summaries) == (before.groups, before.entries, before.summaries)
    assert after.settings.round == 2 and after.settings.report_group == before.settings.report_group
    # And forward again: the report as it was.
    go(qtbot, panel, Step.REPORT)
    assert texts(panel.reporting) == report
    assert panel.reporting.currentRow() == 0


def check_letters(window: MainWindow, name: str) -> None:
    letters = visible_mnemonics(window)
    repeated = {letter: count for letter, count in letters.items() if count > 1}
    assert not repeated, f"{name}: {repeated} in {sorted(letters)}"
    assert {"1", "2", "3", "4", "5"} <= set(letters), name  # every step's tab, Alt+1..5


@pytest.mark.parametrize("step", [Step.SET_UP, Step.TRANSCRIBE, Step.SUMMARIES, Step.REPORT])
def test_alt_letters_are_unique_on_every_idea_writing_tab(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, step: Step
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    check_letters(window, "set up, no groups yet")
    filled(services, acts, item_id)
    go(qtbot, panel, step)
    check_letters(window, str(step))


def test_alt_letters_are_unique_while_the_rounds_go_on(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    filled(services, acts, item_id)
    go(qtbot, panel, Step.WRITING)  # round 2: "Next round", "Back a round", "Extra time"
    check_letters(window, "writing, round 2")


def test_alt_b_begins_the_first_round(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    assert acts.make_groups(item_id)
    go(qtbot, panel, Step.WRITING)
    pages = window.meeting_page.tabs
    press(qtbot, Qt.Key.Key_B, ALT)
    qtbot.waitUntil(
        lambda: acts.views[item_id].settings.round == 1 or pages.currentIndex() != MeetingPage.RUN
    )
    assert pages.currentIndex() == MeetingPage.RUN
    assert acts.views[item_id].settings.round == 1 and window.timer.remaining() == 300
    check_letters(window, "writing, before round 1")


@MENU_WARNINGS
def test_alt_b_in_the_grid_says_what_an_idea_builds_on_and_leaves_the_projector_alone(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    view = filled(services, acts, item_id)
    go(qtbot, panel, Step.TRANSCRIBE)
    grid = panel.grid
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    press(qtbot, Qt.Key.Key_Down)  # round 2, first place: builds on the idea above it
    third = view.on_sheet(view.groups[0].members[0].id)[2]
    assert grid.currentItem().text() == third.text and third.builds_on is not None
    press(qtbot, Qt.Key.Key_B, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu) or window.presenter.blanked)
    assert not window.presenter.blanked
    choose(qtbot, window, open_menu(qtbot), Qt.Key.Key_0)
    qtbot.waitUntil(lambda: services.idea_writing.view(item_id).entry(third.id).builds_on is None)


def test_the_cursor_stays_put_on_the_summaries_tab(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    _window, panel, acts, item_id = started(qtbot, make_window, services)
    filled(services, acts, item_id)
    go(qtbot, panel, Step.SUMMARIES)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.group_ideas)
    # Enter on the second idea, then Down: the third is next.
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.main_ideas.count() == 3)
    assert panel.group_ideas.currentRow() == 1
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.main_ideas.count() == 4)
    assert texts(panel.main_ideas)[2:] == [
        "3. Employers visit the school",
        "4. Taster days with a lunch paid",
    ]
    # F2 on the last main idea, then Alt+Up: the reworded one moves up.
    press(qtbot, Qt.Key.Key_A, ALT)
    press(qtbot, Qt.Key.Key_End)
    press(qtbot, Qt.Key.Key_F2)
    answer(qtbot, "Taster days, lunch paid")
    qtbot.waitUntil(lambda: texts(panel.main_ideas)[3] == "4. Taster days, lunch paid")
    press(qtbot, Qt.Key.Key_Up, ALT)
    qtbot.waitUntil(lambda: texts(panel.main_ideas)[2] == "3. Taster days, lunch paid")


def test_one_idea_typed_in_is_one_idea(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    assert acts.make_groups(item_id)
    assert acts.add_entry(acts.views[item_id].members()[0].id, 1, 1, "Paid taster days")
    go(qtbot, panel, Step.TRANSCRIBE)
    assert panel.progress.text() == "0 of 13 sheets typed in; 1 started. 1 idea so far."
    assert projection(window).line.text() == "The sheets are being typed in: 1 idea so far."


def test_the_projector_shows_what_each_step_needs(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    wall = projection(window)
    qtbot.waitUntil(wall.isVisible)
    # Set up, before the groups: the question alone.
    assert wall.question.isVisible() and wall.question.text() == QUESTION
    assert not wall.line.isVisible() and not wall.cue.isVisible() and not wall.canvas.isVisible()
    # The groups made: a column for each, headed by its letter, each person with their sheet's mark.
    assert acts.make_groups(item_id)
    view = acts.views[item_id]
    assert wall.line.text() == "Find your group: your sheet is marked with its letter and number."
    assert wall.canvas.isVisible() and wall.canvas.mode == "themes"
    headers = [i for i, e in enumerate(wall.canvas.entries) if e.kind is EntryKind.HEADER]
    assert [wall.canvas.cards[i].text for i in headers] == ["Group A", "Group B", "Group C"]
    assert [e.key for e in wall.canvas.entries if e.kind is EntryKind.HEADER] == [g.id for g in view.groups]
    columns = [
        wall.canvas.cards[start + 1 : end] for start, end in zip(headers, [*headers[1:], None], strict=True)
    ]
    for group, cards in zip(view.groups, columns, strict=True):
        assert [(c.number, c.text) for c in cards] == [(view.code(m.id), m.name) for m in group.members]
    assert [c.number for c in columns[1]] == ["B1", "B2", "B3", "B4"]
    # Writing: the numbers, and the cue read from the back of the room.
    go(qtbot, panel, Step.WRITING)
    assert not wall.canvas.isVisible()
    assert wall.line.text() == "Groups of about 6, 3 ideas a round, 5 minutes a round, 5 rounds."
    assert wall.cue.text() == "Get ready: a sheet each, your group together."
    tab_to(qtbot, panel.next_round)  # "Start round 1"
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: wall.cue.text() == "Round 1 of 5 · Write in the first row of your own sheet")
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: acts.views[item_id].settings.round == 2)
    assert wall.cue.text() == "Round 2 of 5 · Pass your sheet to the left ←, then write in the next empty row"
    assert acts.set_direction(item_id, Direction.RIGHT)
    assert (
        wall.cue.text() == "Round 2 of 5 · Pass your sheet to the right →, then write in the next empty row"
    )
    # Alt+K, back a round: the cue follows.
    press(qtbot, Qt.Key.Key_K, ALT)
    qtbot.waitUntil(lambda: acts.views[item_id].settings.round == 1)
    assert wall.cue.text().startswith("Round 1 of 5")
    # Typing in: how far along the room is.
    a1 = view.groups[0].members[0].id
    for slot, text in enumerate(("Paid taster days", "Employers visit the school"), start=1):
        assert acts.add_entry(a1, 1, slot, text)
    go(qtbot, panel, Step.TRANSCRIBE)
    assert wall.line.text() == "The sheets are being typed in: 2 ideas so far."
    assert not wall.cue.isVisible() and not wall.canvas.isVisible()
    # Summaries: what the groups are doing.
    go(qtbot, panel, Step.SUMMARIES)
    assert wall.line.text() == "Each group agrees its main ideas."
    # Report: the reporting group's main ideas as numbered cards.
    group_b = acts.views[item_id].groups[1]
    for text in ("Mentors from local firms", "A jobs board at the library"):
        assert acts.add_summary(group_b.id, text)
    go(qtbot, panel, Step.REPORT)
    assert wall.line.text() == "The groups report, one after another." and not wall.canvas.isVisible()
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: wall.cue.text() == "Group B reports")
    assert wall.canvas.isVisible() and wall.canvas.mode == "wall"
    assert [(c.number, c.text) for c in wall.canvas.cards] == [
        ("1", "Mentors from local firms"), ("2", "A jobs board at the library"),
    ]  # fmt: skip
    assert wall.line.text() == ", ".join(m.name for m in group_b.members)
    # Throughout, the question stays on top.
    assert wall.question.isVisible() and wall.question.text() == QUESTION


def plain(label: QLabel) -> str:
    """An inline message as the facilitator reads it: shown, plain text, a sentence."""
    text = label.text()
    assert label.isVisible() and label.textFormat() is Qt.TextFormat.PlainText
    assert text[:1].isupper() and text.endswith(".") and "<" not in text
    assert not any(word in text for word in ("refused", "rror", "_", "("))
    return text


def test_refusals_are_said_in_plain_words(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    _window, panel, acts, item_id = started(qtbot, make_window, services)
    before = filled(services, acts, item_id)
    owner = before.groups[0].members[0]  # sheet A1 is typed in
    # Moving a person whose sheet is typed in: they stay, and the panel says why.
    go(qtbot, panel, Step.WRITING)
    go(qtbot, panel, Step.SET_UP)  # the keyboard goes to the groups
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.groups)
    press(qtbot, Qt.Key.Key_Down)
    assert panel.groups.currentItem().data(0, Qt.ItemDataRole.UserRole) == ("person", owner.person_id)
    press(qtbot, Qt.Key.Key_C)
    qtbot.waitUntil(panel.message.isVisible)
    assert (
        plain(panel.message)
        == "This person's sheet is already typed in with their group, so they stay in it."
    )
    assert where(services.idea_writing.view(item_id))[owner.person_id] == "A"
    # A group that is not there.
    press(qtbot, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: panel.message.text() == "There is no group F.")
    # Making the groups again would lose the sheets' places: refused, the groups kept.
    press(qtbot, Qt.Key.Key_A, ALT)
    qtbot.waitUntil(lambda: panel.message.text().startswith("Sheets are already typed in"))
    assert plain(panel.message) == (
        "Sheets are already typed in for these groups, so they stay as they are. Move people one at a "
        "time instead."
    )
    assert services.idea_writing.view(item_id).groups == before.groups
    # Another step: the message goes.
    go(qtbot, panel, Step.TRANSCRIBE)
    assert not panel.message.isVisible()
    # Typing into a place that holds an idea changes its words; a second idea never goes there.
    grid = panel.grid
    qtbot.waitUntil(lambda: QApplication.focusWidget() is grid)
    assert grid.currentItem().text() == "Paid taster days"
    write(qtbot, "Paid taster days at the council")
    press(qtbot, Qt.Key.Key_Return)
    first = before.entries[0]
    qtbot.waitUntil(lambda: acts.views[item_id].entry(first.id).text == "Paid taster days at the council")
    after = services.idea_writing.view(item_id)
    assert len(after.entries) == len(before.entries)
    assert [(e.round, e.slot) for e in after.on_sheet(owner.id)] == [(1, 1), (1, 2), (2, 1)]
    # Added there some other way, it is refused, in plain words.
    assert not acts.add_entry(owner.id, 1, 1, "A second idea in the same place")
    qtbot.waitUntil(panel.message.isVisible)
    assert panel.message.text() == "That place already holds an idea: change its words instead (F2)."
    assert len(services.idea_writing.view(item_id).entries) == len(before.entries)


def test_print_worksheets_opens_the_print_preview(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, on_dialog: DialogAnswerer
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    assert acts.make_groups(item_id)
    go(qtbot, panel, Step.SET_UP)
    seen: list[str] = []

    def close(dialog: QDialog) -> None:
        assert isinstance(dialog, QPrintPreviewDialog)
        seen.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    problems = on_dialog(close)
    press(qtbot, Qt.Key.Key_K, ALT)
    qtbot.waitUntil(lambda: bool(seen) or bool(problems))
    assert not problems
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    back_to(qtbot, window)
    assert seen == ["Worksheets: Ideas for summer jobs"]
    assert not panel.message.isVisible()


def test_a_rounds_timer_is_as_it_was_after_going_to_another_item_and_back(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    assert acts.make_groups(item_id)
    go(qtbot, panel, Step.WRITING)
    press(qtbot, Qt.Key.Key_B, ALT)  # round 1: five minutes
    qtbot.waitUntil(lambda: acts.views[item_id].settings.round == 1)
    timer = window.timer
    press(qtbot, Qt.Key.Key_T, CTRL)
    clock.advance(60)
    press(qtbot, Qt.Key.Key_T, CTRL)  # paused at 4:00
    assert timer.remaining() == 240
    window.step(1)
    window.step(-1)
    qtbot.waitUntil(lambda: timer.remaining() == 240)
    press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)  # still the round's: a reset gives its five minutes
    assert timer.remaining() == 300
