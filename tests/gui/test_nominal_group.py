"""The nominal group technique in the running app: silent writing, the round robin with turns and
passes, clarification one idea at a time, paper cards typed in for two votes, the discussion and
the result with ties the group orders; the projector following each step and each step keeping a
timer of its own. Driven with the keyboard, as a facilitator would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from facilitator.domain.model import AgendaFields, AgendaKind, AttendanceStatus, MeetingFields
from facilitator.domain.timer import TimerState
from facilitator.services import Services
from facilitator.techniques.nominal_group.model import EditKind, Step, Vote
from facilitator.techniques.nominal_group.ui import words
from facilitator.techniques.nominal_group.ui.actions import NominalGroupActions, actions
from facilitator.techniques.nominal_group.ui.panel import MergeDialog, NominalGroupPanel
from facilitator.techniques.nominal_group.ui.projection import NominalGroupProjection
from facilitator.ui.main_window import MainWindow

from .conftest import FakeClock
from .test_brainstorm import answer
from .test_keyboard_access import mnemonic, visible_mnemonics

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
QUESTION = "Which barriers to work should we tackle first?"
IDEAS = (
    "Buses stop running at six",
    "No buses in the evening",
    "Summer jobs go to people with connections",
    "Too few summer jobs",
    "Counselling waiting lists are months long",
    "Part-time work clashes with school hours",
    "Nobody tells us what programmes exist",
    "Bus fares are too high for teenagers",
    "Employers want experience we cannot get",
)
STEP_KEYS = {
    Step.GENERATE: Qt.Key.Key_2,
    Step.ROUND_ROBIN: Qt.Key.Key_3,
    Step.CLARIFY: Qt.Key.Key_4,
    Step.PRELIMINARY: Qt.Key.Key_5,
    Step.DISCUSS: Qt.Key.Key_6,
    Step.FINAL: Qt.Key.Key_7,
    Step.RESULT: Qt.Key.Key_8,
}


def nominal_meeting(services: Services, present: int = 6) -> int:
    """A meeting of the sample collaborative that opens on a nominal group, then decisions."""
    services.sample.create()
    collaborative = services.collaboratives.overview()[0].id
    meeting = services.meetings.create(
        collaborative,
        MeetingFields("Youth jobs priorities", datetime(2026, 12, 10, 18, 0), "Library", "", "Ana", "Ben"),
        (
            AgendaFields(AgendaKind.NOMINAL_GROUP, "Our priorities", QUESTION, 90),
            AgendaFields(AgendaKind.DECISIONS, "Decisions", "", 15),
        ),
    )  # fmt: skip
    for attendee in services.meetings.detail(meeting.id).attendees[:present]:
        services.attendance.set_status(meeting.id, attendee.person.id, AttendanceStatus.PRESENT)
    services.meetings.remember_opened(meeting.id)
    return meeting.id


def press(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:
    """A key pressed wherever the keyboard is."""
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None
    qtbot.keyClick(widget, key, modifiers)


def type_in(qtbot: QtBot, field: QWidget, text: str) -> None:
    """Type into the field that has the keyboard, and press Enter."""
    assert QApplication.focusWidget() is field
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def clear(qtbot: QtBot, field: QWidget) -> None:
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)


def start(qtbot: QtBot, window: MainWindow) -> NominalGroupPanel:
    """Run (Ctrl+4) and start the meeting (Ctrl+Enter): the nominal group panel is on screen."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, Qt.Key.Key_4, CTRL)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    area = window.meeting_page.run.technique_area
    qtbot.waitUntil(lambda: isinstance(area.currentWidget(), NominalGroupPanel))
    panel = area.currentWidget()
    assert isinstance(panel, NominalGroupPanel)
    assert panel.item is not None and panel.item.kind is AgendaKind.NOMINAL_GROUP
    return panel


def started(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> tuple[MainWindow, NominalGroupPanel, NominalGroupActions, int]:
    """The meeting started on its nominal group, in Run: the window, the panel, the actions, the item."""
    window = make_window()
    window.open_meeting(nominal_meeting(services))
    panel = start(qtbot, window)
    assert panel.item is not None
    return window, panel, actions(window.controller), panel.item.id


def projection(window: MainWindow) -> NominalGroupProjection:
    view = window.presenter.body.currentWidget()
    assert isinstance(view, NominalGroupProjection)
    return view


def go(qtbot: QtBot, panel: NominalGroupPanel, step: Step) -> None:
    """Alt+2 to Alt+8: the step's tab, and the group is in that step."""
    press(qtbot, STEP_KEYS[step], ALT)
    assert panel.tabs.currentIndex() == 1 + list(Step).index(step)
    assert panel.actions.views[panel.item.id].settings.step is step  # type: ignore[union-attr]


def merge_dialog(qtbot: QtBot) -> MergeDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), MergeDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, MergeDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def back_to(qtbot: QtBot, window: MainWindow) -> None:
    """What the desktop does when a small window closes: the main window is active again."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def rows(model: object) -> list[list[str]]:
    count, columns = model.rowCount(), model.columnCount()  # type: ignore[attr-defined]
    return [[model.index(r, c).data() for c in range(columns)] for r in range(count)]  # type: ignore[attr-defined]


def ranks(services: Services, item_id: int, vote: Vote) -> list[tuple[int, ...]]:
    return [b.ranks for b in services.nominal_group.view(item_id).cards(vote)]


def test_a_nominal_group_from_question_to_decision_by_keyboard_alone(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window = make_window()
    meeting_id = nominal_meeting(services)
    window.open_meeting(meeting_id)
    panel = start(qtbot, window)
    acts = actions(window.controller)
    wall = projection(window)
    item_id = panel.item.id  # type: ignore[union-attr]
    # A new item opens on silent writing.
    assert panel.tabs.currentIndex() == 1
    assert acts.views[item_id].settings.step is Step.GENERATE
    names = [p.name for p in acts.views[item_id].present]
    assert len(names) == 6

    # Round robin: the keyboard is in the idea box; each idea is numbered and the turn moves on.
    go(qtbot, panel, Step.ROUND_ROBIN)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.capture)
    for turn, text in enumerate(IDEAS[:4]):
        assert panel.turn.text() == wall.focus.text() == f"Turn: {names[turn]}"
        type_in(qtbot, panel.capture, text)
        assert panel.capture.text() == ""
    assert panel.turn.text() == wall.focus.text() == f"Turn: {names[4]}"
    assert [panel.recorded.item(r).text() for r in range(panel.recorded.count())] == [
        f"{n}. {t}" for n, t in enumerate(IDEAS[:4], start=1)
    ]
    # Alt+P: a pass moves the turn on and is counted; the keyboard stays in the idea box.
    press(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: panel.turn.text() == f"Turn: {names[5]}")
    assert wall.focus.text() == f"Turn: {names[5]}"
    assert "1 pass in a row" in panel.turn_detail.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.capture)
    for text in IDEAS[4:]:
        type_in(qtbot, panel.capture, text)
    assert "no passes yet" in panel.turn_detail.text()  # an idea starts the passes again
    view = acts.views[item_id]
    assert [(i.number, i.text) for i in view.ideas] == list(enumerate(IDEAS, start=1))
    turn = panel.turn.text()
    # The same words again: flagged as typed, refused on Enter, the words kept, the turn not moved.
    qtbot.keyClicks(panel.capture, "too few SUMMER jobs")
    assert panel.duplicate.isVisible() and "Idea 4 already says exactly this" in panel.duplicate.text()
    qtbot.keyClick(panel.capture, Qt.Key.Key_Return)
    assert panel.message.isVisible() and panel.message.text()
    assert panel.capture.text() == "too few SUMMER jobs"
    assert len(services.nominal_group.view(item_id).ideas) == len(IDEAS)
    assert panel.turn.text() == turn
    clear(qtbot, panel.capture)
    assert not panel.duplicate.isVisible()
    # Everyone passes in a row: the round is over.
    for passes in range(1, 7):
        assert not acts.views[item_id].robin.ended
        press(qtbot, Qt.Key.Key_P, ALT)
        qtbot.waitUntil(lambda n=passes: acts.views[item_id].robin.passes == n)  # type: ignore[misc]
    assert acts.views[item_id].robin.ended
    assert panel.turn.text() == wall.focus.text() == "The round robin is over."
    assert "Everyone passed in a row" in panel.note.text()
    assert not panel.pass_button.isEnabled()

    # Clarify: the first idea goes up; Down puts the next one on the projector.
    go(qtbot, panel, Step.CLARIFY)
    tree = panel.clarify_tree
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tree)
    view = acts.views[item_id]
    first, second = view.ideas[0], view.ideas[1]
    assert view.clarifying == first.id
    assert wall.focus.text() == f"1.  {IDEAS[0]}"
    press(qtbot, Qt.Key.Key_Down)
    assert acts.views[item_id].clarifying == second.id
    assert wall.focus.text() == f"2.  {IDEAS[1]}"
    # F2 rewords; the first wording is kept.
    press(qtbot, Qt.Key.Key_F2)
    answer(qtbot, "No buses after six in the evening")
    view = acts.views[item_id]
    assert view.idea(second.id).text == "No buses after six in the evening"  # type: ignore[union-attr]
    assert view.idea(second.id).original == IDEAS[1]  # type: ignore[union-attr]
    assert wall.focus.text() == "2.  No buses after six in the evening"
    assert "First recorded as: " + IDEAS[1] in panel.history.text()
    # Ideas 1 and 2 chosen (Up, then Shift+Down); Ctrl+M asks for the group's agreement.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tree)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    press(qtbot, Qt.Key.Key_M, CTRL)
    dialog = merge_dialog(qtbot)
    listed = dialog.findChildren(QLabel)[0].text()
    assert "1. Buses stop running at six" in listed and "2. No buses after six in the evening" in listed
    assert not dialog.ok.isEnabled()
    press(qtbot, Qt.Key.Key_Return)  # not agreed yet: Enter merges nothing
    assert dialog.isVisible()
    assert all(i.merged_into is None for i in services.nominal_group.view(item_id).ideas)
    press(qtbot, Qt.Key.Key_G, ALT)
    qtbot.waitUntil(dialog.agreed.isChecked)
    assert dialog.ok.isEnabled()
    assert QApplication.focusWidget() is dialog.agreed
    press(qtbot, Qt.Key.Key_Space)  # untick: not agreed after all
    assert not dialog.agreed.isChecked() and not dialog.ok.isEnabled()
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.ok.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    back_to(qtbot, window)
    view = services.nominal_group.view(item_id)
    (part,) = [i for i in view.ideas if i.merged_into is not None]
    assert {part.id, part.merged_into} == {first.id, second.id}
    assert len(view.listed) == len(IDEAS) - 1
    assert [e.kind for e in view.history(part.merged_into)][-1] is EditKind.MERGED  # type: ignore[arg-type]

    # First vote: the card box has the keyboard; each card typed off paper, then Enter.
    go(qtbot, panel, Step.PRELIMINARY)
    page = panel.first_vote
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.entry)
    assert view.picks() == 5
    assert "5 ideas" in page.instruction.text()
    for card in ("3 4 5 6 7", "4 3 5 6 7", "5 6 7 8 9"):
        type_in(qtbot, page.entry, card)
        assert page.entry.text() == ""
    assert ranks(services, item_id, Vote.PRELIMINARY) == [(3, 4, 5, 6, 7), (4, 3, 5, 6, 7), (5, 6, 7, 8, 9)]
    # A number twice: said as typed, refused on Enter in plain words; the text stays, nothing stored.
    qtbot.keyClicks(page.entry, "3 3 4")
    assert page.typed_problem.isVisible() and "Idea 3 is on this card twice" in page.typed_problem.text()
    qtbot.keyClick(page.entry, Qt.Key.Key_Return)
    assert "Idea 3 is on this card twice" in panel.message.text()
    assert page.entry.text() == "3 3 4"
    assert len(ranks(services, item_id, Vote.PRELIMINARY)) == 3
    clear(qtbot, page.entry)
    # Tab, Tab: the cards entered; Ctrl+End, then F2 corrects the last one.
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.cards
    press(qtbot, Qt.Key.Key_End, CTRL)
    assert page.cards.currentIndex().row() == 2
    press(qtbot, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is page.entry and page.entry.text() == "5 6 7 8 9"
    clear(qtbot, page.entry)
    type_in(qtbot, page.entry, "9 8 7 6 5")
    assert ranks(services, item_id, Vote.PRELIMINARY) == [(3, 4, 5, 6, 7), (4, 3, 5, 6, 7), (9, 8, 7, 6, 5)]
    # Delete removes the second card.
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.cards
    press(qtbot, Qt.Key.Key_Home, CTRL)
    press(qtbot, Qt.Key.Key_Down)
    assert page.cards.currentIndex().row() == 1
    press(qtbot, Qt.Key.Key_Delete)
    assert ranks(services, item_id, Vote.PRELIMINARY) == [(3, 4, 5, 6, 7), (9, 8, 7, 6, 5)]
    assert page.cards_model.rowCount() == 2
    # A card entered by mistake: Ctrl+Z in the emptied box takes it back.
    press(qtbot, Qt.Key.Key_C, ALT)  # the card box
    type_in(qtbot, page.entry, "3 5 7 9 4")
    assert len(ranks(services, item_id, Vote.PRELIMINARY)) == 3
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert ranks(services, item_id, Vote.PRELIMINARY) == [(3, 4, 5, 6, 7), (9, 8, 7, 6, 5)]
    assert page.cards_model.rowCount() == 2

    # Discuss: the first vote's tally. 3 and 9 share the top with 5 points each.
    go(qtbot, panel, Step.DISCUSS)
    tally = rows(panel.discuss_model)
    assert [(r[0], r[1], r[3]) for r in tally[:2]] == [("=1", "3", "5"), ("=1", "9", "5")]
    assert panel.discuss_summary.text().startswith("2 cards.")

    # Final vote: new cards. 5 is first alone; 3 and 4 share second; 6; 7 and 9 share fifth; 8.
    go(qtbot, panel, Step.FINAL)
    final = panel.final_vote
    qtbot.waitUntil(lambda: QApplication.focusWidget() is final.entry)
    for card in ("3 4 5 6 7", "4 3 6 5 8", "5 9 7 8 6"):
        type_in(qtbot, final.entry, card)
    assert len(ranks(services, item_id, Vote.FINAL)) == 3
    assert len(ranks(services, item_id, Vote.PRELIMINARY)) == 2  # the first vote's cards are its own

    # Result: the order, ties shown as ties.
    go(qtbot, panel, Step.RESULT)
    table = panel.result_table
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    assert [(r[0], r[1], r[3]) for r in rows(panel.result_model)] == [
        ("1", "5", "10"), ("=2", "3", "9"), ("=2", "4", "9"), ("4", "6", "6"),
        ("=5", "7", "4"), ("=5", "9", "4"), ("7", "8", "3"),
    ]  # fmt: skip
    assert "Ideas 3, 4 share place 2." in panel.ties.text()
    # Alt+Down on a tied idea: the group puts 4 before 3.
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    press(qtbot, Qt.Key.Key_Down, ALT)
    assert [r[1] for r in rows(panel.result_model)][:3] == ["5", "4", "3"]
    assert services.nominal_group.view(item_id).result()[1].number == 4
    assert table.currentIndex().row() == 2
    # An idea placed by the vote cannot be moved past another.
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down, ALT)
    assert "Only tied ideas can change places" in panel.message.text()
    assert [r[1] for r in rows(panel.result_model)] == ["5", "4", "3", "6", "7", "9", "8"]
    # Alt+P ("Put them to the group as a decision"; Alt+D is the meeting's Details tab): the top
    # five go to the decisions item as a proposal.
    press(qtbot, Qt.Key.Key_P, ALT)
    decisions_item = next(
        i for i in services.agenda.for_meeting(meeting_id) if i.kind is AgendaKind.DECISIONS
    )
    qtbot.waitUntil(lambda: bool(services.record.view(meeting_id).decisions_of(decisions_item.id)))
    (proposal,) = services.record.view(meeting_id).decisions_of(decisions_item.id)
    texts = {i.number: i.text for i in view.ideas}
    # Ideas the group left tied keep their shared place (=2) in the wording.
    places = {s.number: words.place_text(s) for s in acts.views[item_id].result()}
    assert proposal.fields.wording == "Our priorities, in this order: " + "; ".join(
        f"{places[n]}. {texts[n]}" for n in (5, 4, 3, 6, 7)
    )
    assert "=" in proposal.fields.wording
    assert proposal.fields.draws_on == "Our priorities: final vote"
    assert "Decisions" in panel.note.text()


def fill_votes(acts: NominalGroupActions, item_id: int) -> None:
    """Six ideas, two first-vote cards and three final-vote cards, entered as the panel would."""
    for text in IDEAS[:6]:
        assert acts.record_idea(item_id, text)
    for card in ("1 2 3 4 5", "2 1 3 4 6"):
        assert acts.add_ballot(item_id, Vote.PRELIMINARY, card, None)
    for card in ("1 2 3 4 5", "2 1 4 3 6", "3 4 5 6 1"):
        assert acts.add_ballot(item_id, Vote.FINAL, card, None)


def test_going_back_a_step_after_the_votes_destroys_nothing(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    _window, panel, acts, item_id = started(qtbot, make_window, services)
    fill_votes(acts, item_id)
    go(qtbot, panel, Step.RESULT)
    before = services.nominal_group.view(item_id)
    result = rows(panel.result_model)
    assert len(result) == 6
    # Back to the round robin: every idea is there, and so is every card of both votes.
    go(qtbot, panel, Step.ROUND_ROBIN)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.capture)
    after = services.nominal_group.view(item_id)
    assert after.ideas == before.ideas and after.ballots == before.ballots
    assert len(after.cards(Vote.PRELIMINARY)) == 2 and len(after.cards(Vote.FINAL)) == 3
    assert [panel.recorded.item(r).text() for r in range(panel.recorded.count())] == [
        f"{n}. {t}" for n, t in enumerate(IDEAS[:6], start=1)
    ]
    # Back to clarification and the first vote: the same list, the same cards.
    go(qtbot, panel, Step.CLARIFY)
    assert panel.clarify_tree.topLevelItemCount() == 6
    go(qtbot, panel, Step.PRELIMINARY)
    assert [r[1] for r in rows(panel.first_vote.cards_model)] == ["1  2  3  4  5", "2  1  3  4  6"]
    # And forward again: the result as it was.
    go(qtbot, panel, Step.RESULT)
    assert rows(panel.result_model) == result
    assert services.nominal_group.view(item_id).ballots == before.ballots


def clock_shows(window: MainWindow, text: str) -> bool:
    return window.meeting_page.run.clock.text() == text


def test_each_step_keeps_a_timer_of_its_own(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    timer = window.timer
    # Silent writing: ten minutes, not the item's ninety.
    qtbot.waitUntil(lambda: timer.remaining() == 600)
    assert clock_shows(window, "10:00") and timer.state is TimerState.READY
    # Each step shows its own time box.
    for step, minutes in (
        (Step.ROUND_ROBIN, 20), (Step.CLARIFY, 30), (Step.PRELIMINARY, 10), (Step.DISCUSS, 20),
        (Step.FINAL, 10), (Step.RESULT, 5), (Step.GENERATE, 10),
    ):  # fmt: skip
        go(qtbot, panel, step)
        assert timer.remaining() == minutes * 60, step
        assert timer.state is TimerState.READY
        assert clock_shows(window, f"{minutes}:00")
    # The round robin's timer started (Ctrl+T), run for a minute and a half, then paused.
    go(qtbot, panel, Step.ROUND_ROBIN)
    press(qtbot, Qt.Key.Key_T, CTRL)
    assert timer.state is TimerState.RUNNING
    clock.advance(90)
    press(qtbot, Qt.Key.Key_T, CTRL)
    assert timer.state is TimerState.PAUSED and timer.remaining() == 1110
    # Clarification's own timer, started and left running.
    go(qtbot, panel, Step.CLARIFY)
    assert timer.remaining() == 1800 and timer.state is TimerState.READY
    press(qtbot, Qt.Key.Key_T, CTRL)
    clock.advance(60)
    assert timer.remaining() == 1740
    # Back to the round robin: paused where it was, however long clarification ran.
    go(qtbot, panel, Step.ROUND_ROBIN)
    assert timer.state is TimerState.PAUSED and timer.remaining() == 1110
    qtbot.waitUntil(lambda: clock_shows(window, "18:30"))
    clock.advance(30)
    assert timer.remaining() == 1110
    # And clarification's kept running meanwhile, as a running timer does.
    go(qtbot, panel, Step.CLARIFY)
    assert timer.state is TimerState.RUNNING and timer.remaining() == 1800 - 90
    # A step not yet visited still starts fresh.
    go(qtbot, panel, Step.PRELIMINARY)
    assert timer.state is TimerState.READY and timer.remaining() == 600
    assert acts.views[item_id].settings.step is Step.PRELIMINARY


def test_the_projector_shows_what_each_step_needs(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    wall = projection(window)
    qtbot.waitUntil(wall.isVisible)
    # Silent writing: the question and the room's instruction, nothing else.
    assert wall.question.isVisible() and wall.question.text() == QUESTION
    assert wall.line.isVisible() and wall.line.text() == words.projector_line(Step.GENERATE)
    assert not wall.canvas.isVisible() and not wall.focus.isVisible() and not wall.clock.isVisible()
    # Round robin: whose turn, and the numbered list as it grows, the newest marked.
    go(qtbot, panel, Step.ROUND_ROBIN)
    present = acts.views[item_id].present
    assert wall.focus.isVisible() and wall.focus.text() == f"Turn: {present[0].name}"
    assert wall.canvas.isVisible() and wall.canvas.mode == "wall" and not wall.canvas.entries
    for text in IDEAS[:6]:
        type_in(qtbot, panel.capture, text)
    view = acts.views[item_id]
    assert wall.focus.text() == f"Turn: {present[0].name}"  # six people, six ideas: round again
    assert [c.number for c in wall.canvas.cards] == ["1", "2", "3", "4", "5", "6"]
    assert [c.text for c in wall.canvas.cards] == list(IDEAS[:6])
    assert wall.canvas.newest == view.ideas[-1].id
    # Clarify: the one idea under discussion, with its clock; no list.
    go(qtbot, panel, Step.CLARIFY)
    assert wall.focus.text() == f"1.  {IDEAS[0]}"
    assert not wall.canvas.isVisible() and wall.clock.isVisible()
    assert wall.clock.text().startswith("On this idea")
    press(qtbot, Qt.Key.Key_End)
    assert wall.focus.text() == f"6.  {IDEAS[5]}"
    # First vote: the list to copy numbers from, and what to write on the card.
    go(qtbot, panel, Step.PRELIMINARY)
    assert wall.canvas.isVisible() and wall.canvas.mode == "wall" and len(wall.canvas.cards) == 6
    assert "the 5 ideas that matter most" in wall.line.text()
    assert not wall.clock.isVisible()
    for card in ("1 2 3 4 5", "2 1 3 4 6"):
        assert acts.add_ballot(item_id, Vote.PRELIMINARY, card, None)
    assert "2 cards" in wall.focus.text()
    # Discuss: the first vote as bars, one for each idea with votes; 1 and 2 tie at the top.
    go(qtbot, panel, Step.DISCUSS)
    assert wall.canvas.isVisible() and wall.canvas.mode == "results"
    # Each bar carries the idea's own number (what goes on the next card); its place is in the label.
    assert [c.badge.split(" · ")[0] for c in wall.canvas.cards] == [
        "place =1", "place =1", "place 3", "place 4", "place =5", "place =5",
    ]  # fmt: skip
    assert sorted(c.number for c in wall.canvas.cards) == ["1", "2", "3", "4", "5", "6"]
    assert wall.canvas.cards[0].bar == 1.0 and wall.canvas.cards[-1].bar < 0.2
    assert "9 points" in wall.canvas.cards[0].badge and "2 cards" in wall.canvas.cards[0].badge
    assert wall.line.text().startswith(words.projector_line(Step.DISCUSS))
    # Result before the final vote's cards: the first vote's; then the final vote's.
    go(qtbot, panel, Step.RESULT)
    assert wall.canvas.mode == "results" and len(wall.canvas.cards) == 6
    go(qtbot, panel, Step.FINAL)
    assert wall.focus.text() == "Final vote" and wall.canvas.mode == "wall"
    for card in ("3 4 5 1 2", "3 5 4 2 1"):
        assert acts.add_ballot(item_id, Vote.FINAL, card, None)
    go(qtbot, panel, Step.RESULT)
    assert wall.canvas.mode == "results"
    assert [c.number for c in wall.canvas.cards] == ["3", "4", "5", "1", "2"]
    assert [c.badge.split(" · ")[0] for c in wall.canvas.cards] == [
        "place 1", "place =2", "place =2", "place =4", "place =4",
    ]  # fmt: skip
    assert [c.text for c in wall.canvas.cards][:1] == [IDEAS[2]]
    assert wall.line.text().startswith(words.projector_line(Step.RESULT))


def test_alt_letters_are_unique_on_every_nominal_group_tab(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    fill_votes(acts, item_id)

    def check(name: str) -> None:
        letters = visible_mnemonics(window)
        repeated = {letter: count for letter, count in letters.items() if count > 1}
        assert not repeated, f"{name}: {repeated} in {sorted(letters)}"
        assert {str(n) for n in range(1, 9)} <= set(letters), name  # every step's tab, Alt+1..8

    for index in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(index)
        check(f"tab {panel.tabs.tabText(index)}")
    # The round robin once it has ended ("Go on with the round"), a card being corrected, ties
    # to order on the result.
    assert acts.end_round(item_id)
    panel.tabs.setCurrentIndex(1 + list(Step).index(Step.ROUND_ROBIN))
    check("round robin, ended")
    panel.tabs.setCurrentIndex(1 + list(Step).index(Step.FINAL))
    panel.final_vote.cards.setFocus()
    panel.final_vote.cards.selectRow(0)
    press(qtbot, Qt.Key.Key_F2)
    assert panel.final_vote.correcting is not None
    check("final vote, correcting a card")
    panel.tabs.setCurrentIndex(1 + list(Step).index(Step.RESULT))
    assert panel.ties.isVisible()
    check("result, with ties")


def test_the_merge_window_has_its_own_alt_letters(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    for text in IDEAS[:3]:
        assert acts.record_idea(item_id, text)
    go(qtbot, panel, Step.CLARIFY)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.clarify_tree)
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    press(qtbot, Qt.Key.Key_M, CTRL)
    dialog = merge_dialog(qtbot)
    letters = [
        letter
        for widget in dialog.findChildren(QWidget)
        if widget.isVisible() and hasattr(widget, "text") and isinstance(widget.text(), str)
        if (letter := mnemonic(widget.text())) is not None
    ]
    assert sorted(letters) == ["g", "o"]
    # Alt+O: the note of how the group agreed; Escape leaves everything as it was.
    press(qtbot, Qt.Key.Key_O, ALT)
    assert QApplication.focusWidget() is dialog.note
    qtbot.keyClicks(dialog.note, "Agreed by all")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    back_to(qtbot, window)
    assert all(i.merged_into is None for i in services.nominal_group.view(item_id).ideas)


def test_the_same_words_twice_are_refused_in_plain_words(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    go(qtbot, panel, Step.ROUND_ROBIN)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.capture)
    for text in IDEAS[:4]:
        type_in(qtbot, panel.capture, text)
    type_in(qtbot, panel.capture, "too few SUMMER jobs")
    assert panel.capture.text() == "too few SUMMER jobs"
    assert panel.message.text() == "Idea 4 already says exactly this."
    # Rewording an idea into another's words: the question comes back saying why.
    go(qtbot, panel, Step.CLARIFY)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.clarify_tree)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_F2)
    answer(qtbot, IDEAS[0].upper(), refused=True)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QInputDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QInputDialog)
    dialog_text = dialog.labelText()
    dialog.reject()
    back_to(qtbot, window)
    assert acts.views[item_id].ideas[1].text == IDEAS[1]
    assert "Idea 1 already says exactly this." in dialog_text
    # Splitting an idea with nothing merged into it (Ctrl+Shift+M) says so.
    panel.clarify_tree.setFocus()
    press(qtbot, Qt.Key.Key_M, CTRL | SHIFT)
    assert panel.message.text() == "Idea 2 has nothing merged into it to split out."


def test_shift_down_chooses_the_idea_under_the_cursor_and_the_next_to_merge(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    window, panel, acts, item_id = started(qtbot, make_window, services)
    for text in IDEAS[:5]:
        assert acts.record_idea(item_id, text)
    go(qtbot, panel, Step.CLARIFY)
    tree = panel.clarify_tree
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tree)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)  # idea 3 on the projector
    press(qtbot, Qt.Key.Key_Down, SHIFT)  # and idea 4 with it
    chosen = sorted(node.text(0) for node in tree.selectedItems())
    press(qtbot, Qt.Key.Key_M, CTRL)
    dialog = merge_dialog(qtbot)
    listed = dialog.findChildren(QLabel)[0].text()
    dialog.reject()
    back_to(qtbot, window)
    assert chosen == [f"3. {IDEAS[2]}", f"4. {IDEAS[3]}"]
    assert f"3. {IDEAS[2]}" in listed and f"4. {IDEAS[3]}" in listed
    assert f"1. {IDEAS[0]}" not in listed


def test_going_on_with_the_round_takes_back_the_note_that_it_is_over(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    _window, panel, acts, item_id = started(qtbot, make_window, services)
    go(qtbot, panel, Step.ROUND_ROBIN)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.capture)
    type_in(qtbot, panel.capture, IDEAS[0])
    for passes in range(1, 7):
        press(qtbot, Qt.Key.Key_P, ALT)
        qtbot.waitUntil(lambda n=passes: acts.views[item_id].robin.passes == n)  # type: ignore[misc]
    assert acts.views[item_id].robin.ended and "the round robin is over" in panel.note.text()
    press(qtbot, Qt.Key.Key_U, ALT)  # Go on with the round
    qtbot.waitUntil(lambda: not acts.views[item_id].robin.ended)
    assert panel.turn.text().startswith("Turn: ")
    assert "the round robin is over" not in panel.note.text()


def test_a_steps_timer_is_as_it_was_after_going_to_another_item_and_back(
    qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services, clock: FakeClock
) -> None:
    window, panel, _acts, _item_id = started(qtbot, make_window, services)
    timer = window.timer
    go(qtbot, panel, Step.ROUND_ROBIN)
    press(qtbot, Qt.Key.Key_T, CTRL)
    clock.advance(30)
    press(qtbot, Qt.Key.Key_T, CTRL)  # paused at 19:30
    assert timer.remaining() == 1170
    window.step(1)  # on to the decisions, and back
    qtbot.waitUntil(lambda: panel.isHidden() or not panel.isVisible())
    window.step(-1)
    qtbot.waitUntil(lambda: timer.remaining() == 1170)
    assert timer.state is TimerState.PAUSED
    # Still counted as the round robin's: a reset goes back to its twenty minutes, not the item's.
    press(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    assert timer.remaining() == 1200
