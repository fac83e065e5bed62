"""Every screen, rendered at the two sizes facilitators meet most; saved when FACILITATOR_SCREENSHOTS is set.

Without the variable the screens are still rendered and checked for being drawn at all, so a screen
that fails to build or paints nothing fails here too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from facilitator.domain.decision import Scale
from facilitator.domain.model import AttendanceStatus
from facilitator.domain.record import ActionFields, DecisionFields, Disposition
from facilitator.services import Services
from facilitator.techniques.ground_rules.model import EntryMode
from facilitator.techniques.ground_rules.ui.actions import actions
from facilitator.ui.dialogs import GoToItemDialog, NewMeetingDialog, SectorsDialog
from facilitator.ui.main_window import MainWindow
from facilitator.ui.meeting_page import MeetingPage
from facilitator.ui.record_actions import record_actions

SIZES = ((1280, 800), (1920, 1080))


def distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 64)
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    )


class Shots:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.taken: list[str] = []

    def take(self, widget: QWidget, name: str) -> QImage:
        QApplication.processEvents()
        image = widget.grab().toImage()
        assert distinct_colours(image) > 2, f"{name} looks empty"
        if self.folder is not None:
            image.save(str(self.folder / f"{name}.png"))
        self.taken.append(name)
        return image


@pytest.fixture
def shots() -> Shots:
    target = os.environ.get("FACILITATOR_SCREENSHOTS")
    folder = Path(target) if target else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    return Shots(folder)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    services: Services,
    shots: Shots,
    clock: object,
    size: tuple[int, int],
) -> None:
    width, height = size
    tag = f"{width}x{height}"
    window = make_window()
    window.resize(width, height)
    shots.take(window, f"main-welcome-{tag}")

    meeting_id = services.sample.create()
    first_meeting = next(m.id for m in services.collaboratives.overview()[0].meetings if m.id != meeting_id)
    window.controller.refresh_overview()
    window.open_collaborative(services.collaboratives.overview()[0].id)
    shots.take(window, f"main-collaborative-{tag}")

    window.open_meeting(first_meeting)  # the closed launch meeting, with attendance taken
    window.show_tab(MeetingPage.ATTENDANCE)
    shots.take(window, f"main-attendance-closed-meeting-{tag}")

    window.open_meeting(meeting_id)
    for index, name in enumerate(("details", "attendance", "agenda", "run-planned")):
        window.show_tab(index)
        shots.take(window, f"main-{name}-{tag}")

    presenter = window.presenter
    window.show_presenter()
    presenter.showNormal()
    presenter.resize(width, height)
    qtbot.waitUntil(lambda: presenter.width() == width)
    shots.take(presenter, f"presenter-welcome-{tag}")

    detail = window.controller.detail
    assert detail is not None
    for attendee in detail.attendees[:11]:
        window.controller.set_attendance(meeting_id, attendee, AttendanceStatus.PRESENT)
    window.start_meeting()
    presenter.showNormal()
    presenter.resize(width, height)
    shots.take(window, f"main-run-started-{tag}")
    shots.take(presenter, f"presenter-item-{tag}")

    # Ground rules: carried forward from the launch; one being checked by show of hands.
    rules = actions(window.controller)
    view = rules.views[detail.agenda[0].id]
    media = view.proposals[1]
    rules.set_current(view.item_id, media.id)
    for choice, count in (("agree", 7), ("reservations", 2), ("block", 1)):
        rules.count(media.id, choice, count)
    shots.take(window, f"main-ground-rules-counting-{tag}")
    shots.take(presenter, f"presenter-ground-rules-counting-{tag}")
    rules.record(media.id)
    shots.take(window, f"main-ground-rules-recorded-{tag}")
    shots.take(presenter, f"presenter-ground-rules-recorded-{tag}")
    rules.set_entry(view.item_id, EntryMode.PEOPLE)
    rules.set_scale(view.item_id, Scale.FIST_TO_FIVE)
    present = rules.views[view.item_id].present
    for person, choice in zip(present, "5543320", strict=False):
        rules.choose(media.id, person.id, choice)
    shots.take(window, f"main-ground-rules-fist-by-person-{tag}")
    shots.take(presenter, f"presenter-ground-rules-fist-{tag}")
    window.show_rules()
    shots.take(presenter, f"presenter-ground-rules-overlay-{tag}")
    window.show_rules()

    window.step(2)  # the idea-writing item has the longest question
    window.timer.toggle()
    clock.advance(window.timer.remaining() + 42)  # type: ignore[attr-defined]
    qtbot.waitUntil(presenter.time_up.isVisible)
    shots.take(window, f"main-run-time-up-{tag}")
    shots.take(presenter, f"presenter-time-up-{tag}")

    # Decisions: a proposal counted by sector, recorded; then the action list on the projector.
    window.step(2)
    record = record_actions(window.controller)
    item_id = detail.agenda[4].id
    proposer = detail.attendees[1].person.id
    record.add_decision(
        meeting_id,
        DecisionFields("Run a summer jobs pilot with twelve employers this July.", proposer_id=proposer,
                       draws_on="Ideas for summer jobs", by_sector=True),
        item_id,
    )  # fmt: skip
    decision = record.record.decisions_of(item_id)[0]  # type: ignore[union-attr]
    sectors = record.record.sectors  # type: ignore[union-attr]
    for sector in sectors:
        record.count(decision.id, sector.key, "for", sector.present)
    shots.take(window, f"main-decision-counting-{tag}")
    shots.take(presenter, f"presenter-decision-counting-{tag}")
    record.dispose(decision.id, Disposition.ADOPTED, "")
    for what, who in (
        ("Call the twelve employers", 2),
        ("Draft the pilot budget", 3),
        ("Book the hall for July", 4),
    ):
        record.add_action(meeting_id, ActionFields(what, owner_id=detail.attendees[who].person.id,
                                                   due=date(2026, 12, 14), decision_id=decision.id))  # fmt: skip
    record.park(meeting_id, "Transport to jobs on the edge of town")
    shots.take(window, f"main-decision-recorded-{tag}")
    shots.take(presenter, f"presenter-decision-recorded-{tag}")
    record.project_actions(True)
    shots.take(presenter, f"presenter-action-list-{tag}")
    record.project_actions(False)
    window.show_tab(MeetingPage.MINUTES)
    window.meeting_page.minutes.refresh_preview()
    shots.take(window, f"main-minutes-{tag}")
    window.show_tab(MeetingPage.RUN)

    window.blank_presenter()
    image = presenter.grab().toImage()
    assert distinct_colours(image) == 1  # blank means black, nothing else
    window.blank_presenter()

    window.close_meeting()
    shots.take(presenter, f"presenter-closed-{tag}")

    for dialog, name in (
        (NewMeetingDialog(window.controller, detail.collaborative.id, window), "dialog-new-meeting"),
        (SectorsDialog(window.controller, window), "dialog-sectors"),
        (GoToItemDialog(detail.agenda, None, window), "dialog-go-to-item"),
    ):
        assert isinstance(dialog, QDialog)
        dialog.show()
        shots.take(dialog, f"{name}-{tag}")
        dialog.close()
    assert len(shots.taken) >= 20
