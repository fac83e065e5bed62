"""The projector during a decisions item: the proposal, its count, what was decided; who will do what."""

from __future__ import annotations

import os
from datetime import date
from itertools import pairwise
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from facilitator.domain.decision import Scale
from facilitator.domain.model import AgendaKind, AttendanceStatus
from facilitator.domain.record import ActionFields, DecisionFields, Disposition
from facilitator.services import Services
from facilitator.techniques.decisions.ui import projection
from facilitator.techniques.decisions.ui.projection import DecisionsProjection, shown_decision
from facilitator.ui import presenter as presenter_module
from facilitator.ui import theme
from facilitator.ui.decision_words import carries_text
from facilitator.ui.main_window import MainWindow
from facilitator.ui.presenter import PresenterWindow
from facilitator.ui.record_actions import RecordActions, record_actions
from facilitator.ui.texts import text_height

PRESENT = 10
SHORT = "Run a summer jobs pilot with twelve employers this July."
LONG = " ".join(
    f"Clause {n}: the collaborative asks its partners to open paid summer places for teenagers, "
    "to pair each young person with a mentor, and to report back on what worked."
    for n in range(1, 13)
)
SHOTS = os.environ.get("DECISIONS_SHOTS", "/tmp")


@pytest.fixture
def room(
    qtbot: QtBot, sample_window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> SimpleNamespace:
    """The sample's working session, started and on its decisions item, with ten people present and
    the projector (1280x800, a window of its own) showing the decisions view."""
    original = presenter_module.technique_ui

    def technique_ui(kind: AgendaKind) -> object:
        if kind is AgendaKind.DECISIONS:  # whatever the registry says yet: this view, hosted for real
            return SimpleNamespace(
                presenter_view=lambda controller, _timer, parent: DecisionsProjection(controller, parent)
            )
        return original(kind)

    monkeypatch.setattr(presenter_module, "technique_ui", technique_ui)
    window = sample_window
    controller = window.controller
    meeting_id = controller.detail.meeting.id  # type: ignore[union-attr]
    for attendee in services.meetings.detail(meeting_id).attendees[:PRESENT]:
        services.attendance.set_status(meeting_id, attendee.person.id, AttendanceStatus.PRESENT)
    window.open_meeting(meeting_id)
    window.start_meeting()
    item = next(i for i in services.agenda.for_meeting(meeting_id) if i.kind is AgendaKind.DECISIONS)
    controller.go_to(meeting_id, item.id)
    presenter = window.presenter
    presenter.showNormal()
    presenter.resize(1280, 800)
    qtbot.waitUntil(lambda: presenter.height() == 800)
    view = presenter.body.currentWidget()
    assert isinstance(view, DecisionsProjection)
    actions = record_actions(controller)
    return SimpleNamespace(
        window=window, presenter=presenter, view=view, actions=actions, meeting_id=meeting_id, item_id=item.id
    )


def add(actions: RecordActions, meeting_id: int, item_id: int | None, wording: str, scale: Scale) -> int:
    assert actions.add_decision(meeting_id, DecisionFields(wording, scale=scale), item_id)
    assert actions.record is not None
    return actions.record.decisions[-1].id


def resize(qtbot: QtBot, presenter: PresenterWindow, width: int, height: int) -> None:
    presenter.resize(width, height)
    QCoreApplication.processEvents()
    qtbot.waitUntil(lambda: presenter.size().width() == width and presenter.height() == height)
    QCoreApplication.processEvents()


def assert_fits(view: DecisionsProjection) -> None:
    """Every label's text fits inside the label, and the view inside the presenter."""
    QCoreApplication.processEvents()  # the layouts settle
    for label in view.findChildren(QLabel):
        if label.isVisibleTo(view) and label.text():
            needed = text_height(label.text(), label.font(), label.contentsRect().width())
            assert needed <= label.contentsRect().height() + 2, label.text()[:40]
    window = view.window()
    assert view.mapTo(window, view.rect().bottomRight()).y() <= window.height()
    if not view.showing_actions:
        assert_no_overlap(view)


def assert_no_overlap(view: DecisionsProjection) -> None:
    """The parts of the proposal stack without running into each other."""
    QCoreApplication.processEvents()
    parts = [view.caption, view.wording, view.bars, view.outcome, view.disposition, view.note]
    shown = [part.geometry() for part in parts if part.isVisibleTo(view)]
    for above, below in pairwise(shown):
        assert above.bottom() < below.top()
    assert shown[-1].bottom() <= view.height()


def shoot(widget: QWidget, name: str) -> None:
    assert widget.grab().save(os.path.join(SHOTS, f"decisions-proj-{name}.png"))


def test_no_proposals_yet_then_the_proposal_its_count_and_the_decision(
    qtbot: QtBot, room: SimpleNamespace
) -> None:
    view, actions, presenter = room.view, room.actions, room.presenter
    assert view.wording.text() == "No proposals yet"
    assert not view.bars.isVisible() and not view.caption.isVisible()
    assert view.wording.font().pixelSize() >= 0.035 * 800
    shoot(presenter, "empty-1280x800")

    first = add(actions, room.meeting_id, room.item_id, SHORT, Scale.VOTE)
    assert view.wording.text() == SHORT
    assert view.caption.text().startswith("Proposal 1")
    assert view.wording.font().bold() and view.wording.font().pixelSize() >= 0.05 * 800
    assert not view.bars.isVisible()

    for choice, count in (("for", 8), ("abstain", 2)):
        assert actions.count(first, "", choice, count)
    assert view.bars.isVisible()
    assert view.bars.counts == {"for": 8, "against": 0, "abstain": 2} and view.bars.present == PRESENT
    decision = actions.record.decision(first)
    assert decision.outcome is not None
    assert view.outcome.text() == carries_text(decision.outcome)
    assert view.wording.font().pixelSize() >= 0.05 * 800  # the bars leave a short proposal its size
    assert_fits(view)

    assert view.outcome.text().startswith("Carries")
    assert actions.dispose(first, Disposition.ADOPTED, "")
    assert view.disposition.isVisible() and view.disposition.text() == "Adopted"
    assert view.disposition.property("tone") == "support"
    assert view.disposition.font().pixelSize() >= 0.05 * 800
    assert view.wording.text() == SHORT  # decided, and the last one: still shown
    assert view.note.isHidden()
    assert_fits(view)
    shoot(presenter, "proposal-1280x800")
    resize(qtbot, presenter, 1920, 1080)
    assert view.disposition.font().pixelSize() >= 0.05 * 1080
    assert_fits(view)
    shoot(presenter, "proposal-1920x1080")
    presenter.set_zoom_factor(2.0)  # the largest zoom: still fitted, the wording still whole
    assert view.wording.text() == SHORT and view.disposition.text() == "Adopted"
    assert_fits(view)
    shoot(presenter, "proposal-zoom2-1920x1080")
    shoot(presenter, "proposal-zoom2-1920x1080")


def test_which_proposal_is_shown(room: SimpleNamespace) -> None:
    """The one the facilitator put up (the panel's selection), if it is this item's; else the item's
    first not yet decided; else its last."""
    view, actions = room.view, room.actions
    first = add(actions, room.meeting_id, room.item_id, "First proposal", Scale.GRADIENTS)
    second = add(actions, room.meeting_id, room.item_id, "Second proposal", Scale.FIST_TO_FIVE)
    elsewhere = add(actions, room.meeting_id, None, "Raised outside the item", Scale.VOTE)
    actions.set_current(second)
    assert view.wording.text() == "Second proposal" and view.caption.text().startswith("Proposal 2")
    actions.set_current(elsewhere)  # not this item's
    assert view.wording.text() == "First proposal"
    assert actions.dispose(first, Disposition.DEFERRED, "")
    actions.set_current(None)
    assert view.wording.text() == "Second proposal"
    assert view.disposition.isHidden()
    assert actions.dispose(second, Disposition.REJECTED, "")
    actions.set_current(None)
    assert view.wording.text() == "Second proposal"  # all decided: the last
    assert view.disposition.text() == "Rejected" and view.disposition.property("tone") == "block"
    actions.set_current(first)
    assert view.wording.text() == "First proposal"
    assert view.disposition.text() == "Deferred" and view.disposition.property("tone") == ""
    # Undo (the controller's stack) puts the record back; the view follows.
    room.window.controller.undo_stack.undo()
    QCoreApplication.processEvents()
    actions.set_current(second)
    assert view.wording.text() == "Second proposal" and view.disposition.isHidden()
    record = actions.record
    assert shown_decision(record, room.item_id, None).id == second  # type: ignore[union-attr]
    assert shown_decision(record, room.item_id, elsewhere).id == second  # type: ignore[union-attr]
    assert shown_decision(record, room.item_id, first).id == first  # type: ignore[union-attr]
    assert shown_decision(record, room.item_id + 1000, None) is None


def test_adopted_against_the_rule_says_why(room: SimpleNamespace) -> None:
    view, actions = room.view, room.actions
    decision = add(actions, room.meeting_id, room.item_id, SHORT, Scale.GRADIENTS)
    for choice, count in (("agree", 6), ("reservations", 2), ("stand_aside", 1), ("block", 1)):
        assert actions.count(decision, "", choice, count)
    assert view.outcome.text().startswith("Does not carry")
    why = "The objection was withdrawn after the break; the minutes record it."
    assert actions.dispose(decision, Disposition.ADOPTED, why)
    assert view.disposition.text() == "Adopted" and view.note.isVisible() and view.note.text() == why
    assert view.bars.counts["block"] == 1
    assert view.wording.font().pixelSize() >= 0.05 * 800  # the lines around it give way first
    assert_fits(view)
    shoot(room.presenter, "proposal-against-rule-1280x800")


def test_a_long_proposal_shrinks_to_the_floor_and_is_cut_short(qtbot: QtBot, room: SimpleNamespace) -> None:
    view, actions, presenter = room.view, room.actions, room.presenter
    decision = add(actions, room.meeting_id, room.item_id, LONG, Scale.FIST_TO_FIVE)
    for choice, count in (("5", 4), ("4", 3), ("3", 1), ("2", 1), ("0", 1)):
        assert actions.count(decision, "", choice, count)
    for height in (800, 1080):
        resize(qtbot, presenter, {800: 1280, 1080: 1920}[height], height)
        assert view.wording.font().pixelSize() >= int(0.035 * height)
        assert view.wording.text().endswith("…") and LONG.startswith(view.wording.text()[:-1].rstrip())
        assert view.wording.toolTip() == LONG
        assert view.bars.isVisible() and view.bars.counts["0"] == 1
        assert_fits(view)
        shoot(presenter, f"long-{presenter.width()}x{height}")
    # At a small zoom everything gets smaller, but the wording never below its floor.
    presenter.set_zoom_factor(0.7)
    assert view.wording.font().pixelSize() >= int(0.035 * 1080)
    assert_fits(view)


def test_who_will_do_what(qtbot: QtBot, room: SimpleNamespace) -> None:
    view, actions, presenter = room.view, room.actions, room.presenter
    add(actions, room.meeting_id, room.item_id, SHORT, Scale.VOTE)
    actions.project_actions(True)
    assert view.heading.isVisible() and view.heading.text() == "Who will do what"
    assert not view.wording.isVisible()
    assert view.shown_rows() == ["Nobody has taken on an action yet."]
    shoot(presenter, "actions-empty-1280x800")

    people = {p.name: p.id for p in actions.record.people}
    tasks = (
        ("Ask the Chamber of Commerce for twelve employers", "Hannah Fischer", date(2026, 6, 12)),
        ("Find a mentor for every teenager placed", "Rev. Samuel Ayodele", date(2026, 6, 19)),
        ("Draft the pilot budget", "Rosa Delgado", None),
        ("Book the church hall for the July orientation", None, date(2026, 6, 30)),
    )
    for what, who, due in tasks:
        fields = ActionFields(what, owner_id=people[who] if who else None, due=due)
        assert actions.add_action(room.meeting_id, fields)
    rows = view.shown_rows()
    assert len(rows) == 4
    assert rows[0].startswith("Ask the Chamber of Commerce for twelve employers — Hannah Fischer — by ")
    assert rows[2] == "Draft the pilot budget — Rosa Delgado"
    assert rows[3].startswith("Book the church hall for the July orientation — by ")
    assert all(row.font().pixelSize() >= 0.05 * 800 for row in view.rows if row.isVisible())
    assert_fits(view)
    shoot(presenter, "actions-1280x800")
    resize(qtbot, presenter, 1920, 1080)
    assert_fits(view)
    shoot(presenter, "actions-1920x1080")

    for n in range(1, 19):
        assert actions.add_action(
            room.meeting_id, ActionFields(f"Call employer number {n} about a placement")
        )
    for width, height in ((1920, 1080), (1280, 800)):
        resize(qtbot, presenter, width, height)
        rows = view.shown_rows()
        kept = len(rows) - 1
        assert 3 <= kept < 22 and rows[-1] == f"… and {22 - kept} more"
        assert view.rows[kept].property("tone") == "calm"
        assert all(row.font().pixelSize() >= int(0.035 * height) for row in view.rows if row.isVisible())
        assert_fits(view)
        filled = sum(row.height() for row in view.rows if row.isVisible()) + view.heading.height()
        assert filled >= 0.8 * view.height()  # as many rows as the room allows, not a stale few
    shoot(presenter, "actions-many-1280x800")

    actions.project_actions(False)
    assert view.wording.isVisible() and view.wording.text() == SHORT


def test_the_colours_read_on_the_projector() -> None:
    for colour in (theme.TEXT, theme.ACCENT, theme.MUTED, projection.BLOCK_COLOUR):
        assert theme.contrast(colour, theme.BACKGROUND) >= 7
