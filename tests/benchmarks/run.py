"""Speed figures for Facilitator, each against a baseline measured in the same run.

Run as ``QT_QPA_PLATFORM=offscreen python tests/benchmarks/run.py [--quick]``. Prints one JSON
object per line (name, value, unit, goal, plus extras) on stdout; progress goes to stderr.
Not a test: nothing here asserts on time (see tests/benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the real imports wait until each benchmark runs (start-up is measured first)
    from facilitator.services import Services
    from facilitator.ui.main_window import MainWindow

# Set before anything imports Qt, so the benchmark runs headless like the tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROWS = 2000  # "with 2,000 rows present": roster size, and agenda length of the second meeting
ACTION_GOAL_MS = 8.0  # half a 60 Hz frame: persisted and shown well inside one frame
STARTUP_GOAL_RATIO = 2.0

# The app's own start-up path, minus argument parsing; run_gui prints "painted" after the first
# paint (with the last meeting shown from the quick read) and quits.
APP_SCRIPT = """
import sys
from pathlib import Path
from facilitator.ui.app import run_gui
sys.exit(run_gui(Path(sys.argv[1]), exit_after_paint=True))
"""

# The baseline: a bare window of the app's default size, reporting from its first paintEvent just
# as MainWindow.first_painted does, so both sides stop the clock at the same moment.
BARE_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Window(QMainWindow):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            print("painted", flush=True)
            QTimer.singleShot(0, app.quit)

app = QApplication(sys.argv)
window = Window()
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""


@dataclass(frozen=True)
class Reps:
    startup: int
    actions: int
    warmup: int


def emit(name: str, value: float, unit: str, goal: float | None, **extra: Any) -> None:
    record = {"name": name, "value": round(value, 3), "unit": unit, "goal": goal}
    record.update(extra)
    print(json.dumps(record), flush=True)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def p95(samples: list[float]) -> float:
    # "inclusive" interpolates between observed samples instead of extrapolating past the largest.
    return statistics.quantiles(samples, n=100, method="inclusive")[94]


def ms(seconds: float) -> float:
    return seconds * 1000.0


# -- 1. start-up ---------------------------------------------------------------------------------


def child_env(config: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_CONFIG_HOME"] = str(config)  # keep the user's window geometry and settings untouched
    return env


def time_until_painted(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from just before spawning the child until it says "painted".

    ``cwd`` is outside the checkout: ``python -c`` puts the working folder first on sys.path, and
    a real launch imports the installed package, not the folder it happens to be started from.
    """
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: Qt's chatter can never block it
        start = time.perf_counter()
        child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=errors, text=True)
        assert child.stdout is not None
        elapsed: float | None = None
        for line in child.stdout:
            if line.strip() == "painted":
                elapsed = time.perf_counter() - start
                break
        child.stdout.read()
        code = child.wait(timeout=60)
        if elapsed is None or code != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")
            raise RuntimeError(f"{argv[2:]} exited {code} without painting:\n{message}")
    return elapsed


def bench_startup(work: Path, reps: Reps) -> None:
    from facilitator.paths import database
    from facilitator.ui.app import quick_read

    data, config = work / "startup-data", work / "startup-config"
    config.mkdir()
    env = child_env(config)
    subprocess.run(
        [sys.executable, "-m", "facilitator", "--data-dir", str(data), "demo"],
        env=env,
        cwd=work,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # The window must open on a meeting, or the app side would be cheaper than a real launch.
    _, detail = quick_read(database(data))
    if detail is None:
        raise RuntimeError("the demo did not leave a last opened meeting")

    app = [sys.executable, "-c", APP_SCRIPT, str(data)]
    bare = [sys.executable, "-c", BARE_SCRIPT]
    # One untimed launch each fills the disk cache and writes bytecode, then they alternate so a
    # slow moment of the machine hits both sides alike.
    time_until_painted(app, env, work)
    time_until_painted(bare, env, work)
    app_times: list[float] = []
    bare_times: list[float] = []
    for index in range(reps.startup):
        say(f"start-up {index + 1}/{reps.startup}")
        app_times.append(ms(time_until_painted(app, env, work)))
        bare_times.append(ms(time_until_painted(bare, env, work)))
    app_ms, bare_ms = statistics.median(app_times), statistics.median(bare_times)
    emit("startup_app_ms", app_ms, "ms", None, n=reps.startup, all=[round(t, 1) for t in app_times])
    emit("startup_bare_ms", bare_ms, "ms", None, n=reps.startup, all=[round(t, 1) for t in bare_times])
    emit("startup_ratio", app_ms / bare_ms, "ratio", STARTUP_GOAL_RATIO, baseline="startup_bare_ms")


# -- 2. actions with 2,000 rows present ----------------------------------------------------------


@dataclass(frozen=True)
class Fixture:
    collaborative_id: int
    roster_meeting_id: int  # ROWS people on the roster, every one marked
    agenda_meeting_id: int  # ROWS agenda items (same collaborative, so the same roster too)


def fill_store(services: Services) -> Fixture:
    """Bulk data through the services' *_in helpers, in one transaction (not through the ui)."""
    from facilitator.domain.model import (
        AgendaFields,
        AgendaKind,
        AttendanceStatus,
        CollaborativeFields,
        MeetingFields,
        PersonFields,
    )
    from facilitator.domain.people import SEED_SECTORS

    sectors = [s.id for s in services.sectors.seed(SEED_SECTORS)]
    statuses = [AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.REGRETS]
    kinds = list(AgendaKind)
    starts = datetime.now().replace(hour=18, minute=0, second=0, microsecond=0) + timedelta(days=1)
    with services.store.transaction() as session:
        collaborative = services.collaboratives.create_in(
            session, CollaborativeFields("Benchmark collaborative", "", "", "")
        )
        roster = services.meetings.create_in(
            session, collaborative.id, MeetingFields("Full house", starts, "Hall", "", "", "")
        )
        long = services.meetings.create_in(
            session,
            collaborative.id,
            MeetingFields("Long agenda", starts + timedelta(days=7), "Hall", "", "", ""),
        )
        for index in range(ROWS):
            person = services.people.add_in(
                session,
                collaborative.id,
                PersonFields(f"Member {index:04d}", f"Org {index % 97}", sectors[index % len(sectors)], ""),
            )
            services.attendance.set_in(session, roster.id, person.id, statuses[index % len(statuses)])
        for index in range(ROWS):
            services.agenda.add_in(
                session, long.id, AgendaFields(kinds[index % len(kinds)], f"Item {index:04d}", "", 10)
            )
        return Fixture(collaborative.id, roster.id, long.id)


class RawInsert:
    """Baseline: the cheapest durable write on this disk, with the store's own pragmas (WAL, FULL)."""

    def __init__(self, path: Path) -> None:
        from facilitator.storage import files

        self.db = files.connect(path)
        self.db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, at TEXT NOT NULL)")
        self.db.executemany(
            "INSERT INTO t (name, at) VALUES (?, ?)", [(f"row {i}", "x") for i in range(ROWS)]
        )
        self.count = 0
        self.samples: list[float] = []

    def __call__(self) -> None:
        self.count += 1
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("INSERT INTO t (name, at) VALUES (?, ?)", (f"new {self.count}", "now"))
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()


def measure(
    reps: Reps,
    raw: RawInsert,
    setup: Callable[[int], None],
    action: Callable[[], None],
    check: Callable[[int], None],
) -> list[float]:
    """Milliseconds per ``action`` after a few untimed warm-ups.

    Each action follows one raw insert, so the baseline sees the same moments of the machine.
    ``setup`` (typing) and ``check`` (the change is on screen) stay outside the timed region.
    """
    samples: list[float] = []
    for index in range(reps.warmup + reps.actions):
        setup(index)
        start = time.perf_counter()
        raw()
        middle = time.perf_counter()
        action()
        end = time.perf_counter()
        check(index)
        if index >= reps.warmup:
            raw.samples.append(ms(middle - start))
            samples.append(ms(end - middle))
    return samples


@contextmanager
def main_window(work: Path, services: Services) -> Iterator[MainWindow]:
    """The real window wired as run_gui wires it, over the filled store."""
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest

    from facilitator.ui.app import application
    from facilitator.ui.controller import Controller
    from facilitator.ui.main_window import MainWindow
    from facilitator.ui.timer import TimerController

    application()
    controller = Controller()
    timer = TimerController()
    timer.sound_enabled = False
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(controller, timer, settings, work / "actions-data")
    controller.show_snapshot(services.collaboratives.overview(), None)
    controller.attach(services)
    window.resize(1280, 800)
    window.show()
    if not QTest.qWaitForWindowExposed(window):
        raise RuntimeError("the main window was never exposed")
    try:
        yield window
    finally:
        # Empty the undo stack while the window lives: its indexChanged slot touches the window's
        # widgets, and the stack would otherwise clear itself at interpreter exit, after them.
        controller.undo_stack.clear()
        window.presenter.close()
        window.close()


def bench_actions(work: Path, reps: Reps) -> None:
    from PySide6.QtWidgets import QApplication

    from facilitator.domain.model import AgendaFields, AgendaKind
    from facilitator.services import build_services
    from facilitator.storage.migrate import prepare
    from facilitator.ui.meeting_page import MeetingPage

    data = work / "actions-data"
    data.mkdir()
    db = data / "facilitator.sqlite3"
    prepare(db)
    services = build_services(db)
    raw = RawInsert(work / "raw.sqlite3")
    try:
        say(f"filling the store with {ROWS} people and {ROWS} agenda items")
        fixture = fill_store(services)
        with main_window(work, services) as window:
            controller = window.controller
            # Inside the timed region: the queued repaints and layout are part of "shown".
            process = QApplication.processEvents

            # Someone arrives: type the name, press "Add at the door" -> committed -> row in the table.
            controller.open_meeting(fixture.roster_meeting_id)
            window.show_tab(MeetingPage.ATTENDANCE)
            process()
            page = window.meeting_page.attendance

            def type_name(index: int) -> None:
                page.new_name.setText(f"Arrival {index:04d}")

            def add_attendee() -> None:
                page.add_at_door()
                process()

            def attendee_shown(index: int) -> None:
                if page.model.rows[-1].person.name != f"Arrival {index:04d}" or page.add_error.isVisible():
                    raise RuntimeError(
                        f"arrival {index} is not in the attendance table: {page.add_error.text()}"
                    )

            say(f"adding {reps.actions} attendees")
            attendee_samples = measure(reps, raw, type_name, add_attendee, attendee_shown)

            # Second baseline: redrawing the roster table with nothing changed. Every visible
            # change pays at least this much on this machine's (software) renderer.
            repaint_samples: list[float] = []
            for index in range(reps.warmup + reps.actions):
                start = time.perf_counter()
                page.table.viewport().update()
                process()
                if index >= reps.warmup:
                    repaint_samples.append(ms(time.perf_counter() - start))

            # One agenda item: controller.add_agenda_items -> committed -> agenda table refreshed.
            meeting_id = fixture.agenda_meeting_id
            controller.open_meeting(meeting_id)
            window.show_tab(MeetingPage.AGENDA)
            process()
            agenda = window.meeting_page.agenda
            titles = iter(f"Added {index:04d}" for index in range(reps.warmup + reps.actions))

            def add_item() -> None:
                controller.add_agenda_items(
                    meeting_id, [AgendaFields(AgendaKind.DISCUSSION, next(titles), "", 10)]
                )
                process()

            def item_shown(index: int) -> None:
                if agenda.model.items[-1].title != f"Added {index:04d}":
                    raise RuntimeError(f"agenda item {index} is not in the agenda table")

            say(f"adding {reps.actions} agenda items")
            agenda_samples = measure(reps, raw, lambda _index: None, add_item, item_shown)

            # Hands counted on a ground rule: committed, with its undo rows, then shown in the
            # panel and as bars on the projector.
            from facilitator.domain.model import AttendanceStatus
            from facilitator.techniques.ground_rules.ui.actions import actions

            sample_meeting = services.sample.create()
            for attendee in services.meetings.detail(sample_meeting).attendees[:11]:
                services.attendance.set_status(sample_meeting, attendee.person.id, AttendanceStatus.PRESENT)
            controller.open_meeting(sample_meeting)
            window.show_tab(MeetingPage.RUN)
            controller.start_meeting(sample_meeting)
            window.show_presenter()
            process()
            rules = actions(controller)
            item_id = controller.detail.current_item.id  # type: ignore[union-attr]
            proposal_id = rules.views[item_id].proposals[1].id

            def count_hands() -> None:
                rules.count(proposal_id, "agree", counted)
                process()

            def hands_shown(index: int) -> None:
                draft = rules.views[item_id].proposals[1].draft
                if draft is None or dict(draft.counts)["agree"] != counted:
                    raise RuntimeError(f"count {index} is not shown")

            def next_count(index: int) -> None:
                nonlocal counted
                counted = index % 10 + 1

            counted = 0
            say(f"counting hands {reps.actions} times")
            count_samples = measure(reps, raw, next_count, count_hands, hands_shown)

            # Brainstorm capture: an idea typed and Enter, with 2,000 ideas already on the wall:
            # committed with its undo rows, then in the panel's list and on the projector's wall.
            capture_samples, layout_cold, layout_warm, measure_only = bench_brainstorm(
                reps, raw, services, window, process
            )

            # A paper card typed and Enter, on a list of 300 ideas: committed with its undo rows,
            # tallied, and shown in the panel's cards and on the projector.
            card_samples, tally_samples, by_hand_samples = bench_nominal_group(
                reps, raw, services, window, process
            )

        # Persisted, not just shown: every action reached the store.
        total = ROWS + reps.warmup + reps.actions
        if len(services.agenda.for_meeting(meeting_id)) != total:
            raise RuntimeError("agenda items are missing from the store")
        if len(services.people.for_collaborative(fixture.collaborative_id)) != total:
            raise RuntimeError("arrivals are missing from the store")
    finally:
        raw.close()
        services.close()

    raw_samples = raw.samples
    raw_p95 = p95(raw_samples)
    emit(
        "raw_insert_commit_p95_ms",
        raw_p95,
        "ms",
        None,
        p50_ms=round(statistics.median(raw_samples), 3),
        n=len(raw_samples),
    )
    emit(
        "table_repaint_p95_ms",
        p95(repaint_samples),
        "ms",
        None,
        p50_ms=round(statistics.median(repaint_samples), 3),
        n=len(repaint_samples),
        rows=ROWS,
    )
    results = {
        "attendee_add_p95_ms": attendee_samples,
        "agenda_add_p95_ms": agenda_samples,
        "ground_rule_count_p95_ms": count_samples,
        "brainstorm_capture_p95_ms": capture_samples,
        "ballot_entry_p95_ms": card_samples,
    }
    for name, samples in results.items():
        emit(
            name,
            p95(samples),
            "ms",
            ACTION_GOAL_MS,
            p50_ms=round(statistics.median(samples), 3),
            n=len(samples),
            rows=ROWS,
            ratio_to_baseline=round(p95(samples) / raw_p95, 1),
            baseline="raw_insert_commit_p95_ms",
        )
    worst_name, worst = max(((name, p95(samples)) for name, samples in results.items()), key=lambda x: x[1])
    emit("action_p95_ms", worst, "ms", ACTION_GOAL_MS, worst=worst_name, rows=ROWS)
    baseline = statistics.median(measure_only)
    emit("presenter_measure_500_ms", baseline, "ms", None, n=len(measure_only),
         what="measure the 500 ideas' wrapped text once at the smallest size (baseline)")  # fmt: skip
    emit("presenter_layout_ms", statistics.median(layout_cold), "ms", LAYOUT_GOAL_MS, p95_ms=round(p95(layout_cold), 2),
         n=len(layout_cold), ideas=WALL_IDEAS, baseline="presenter_measure_500_ms",
         ratio_to_baseline=round(statistics.median(layout_cold) / baseline, 1),
         what="lay out the wall from nothing: text size chosen, every card measured, pages cut")  # fmt: skip
    emit("presenter_layout_warm_ms", statistics.median(layout_warm), "ms", None, n=len(layout_warm),
         ideas=WALL_IDEAS, what="the same with the cards measured before (one idea added)")  # fmt: skip
    by_hand = statistics.median(by_hand_samples)
    emit("tally_by_hand_ms", by_hand, "ms", None, n=len(by_hand_samples), cards=NGT_CARDS, ideas=NGT_IDEAS,
         what="add up the same cards' points in a plain loop and sort (baseline)")  # fmt: skip
    emit("ngt_tally_ms", statistics.median(tally_samples), "ms", TALLY_GOAL_MS, p95_ms=round(p95(tally_samples), 3),
         n=len(tally_samples), cards=NGT_CARDS, ideas=NGT_IDEAS, baseline="tally_by_hand_ms",
         ratio_to_baseline=round(statistics.median(tally_samples) / by_hand, 1),
         what="points, cards, ranks, places, ties and divided flags for every idea")  # fmt: skip
    emit("action_ratio_to_raw_insert", worst / raw_p95, "ratio", None, baseline="raw_insert_commit_p95_ms")
    emit(
        "action_ratio_to_table_repaint",
        worst / p95(repaint_samples),
        "ratio",
        None,
        baseline="table_repaint_p95_ms",
    )


# -- brainstorming -------------------------------------------------------------------------------

WALL_IDEAS, BRAINSTORM_IDEAS, LAYOUT_GOAL_MS = 500, 2000, 16.0


def bench_brainstorm(
    reps: Reps, raw: RawInsert, services: Services, window: Any, process: Callable[[], None]
) -> tuple[list[float], list[float], list[float], list[float]]:
    from dataclasses import replace

    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFontMetricsF

    from facilitator.domain.model import AgendaFields, AgendaKind, AttendanceStatus, MeetingFields
    from facilitator.techniques.brainstorming.ui.panel import BrainstormPanel
    from facilitator.techniques.brainstorming.ui.projection import (
        BrainstormProjection,
        WallCanvas,
        wall_cards,
    )
    from facilitator.techniques.ground_rules.ui.projection import pixel_font
    from facilitator.ui.meeting_page import MeetingPage

    controller = window.controller
    collaborative = services.collaboratives.overview()[-1].id
    meeting = services.meetings.create(
        collaborative,
        MeetingFields("Brainstorm bench", datetime(2026, 12, 1, 18, 0), "Hall", "", "", ""),
        (AgendaFields(AgendaKind.BRAINSTORMING, "Ideas", "What could we do?", 30),),
    )
    for attendee in services.meetings.detail(meeting.id).attendees[:12]:
        services.attendance.set_status(meeting.id, attendee.person.id, AttendanceStatus.PRESENT)
    item_id = services.meetings.detail(meeting.id).agenda[0].id
    services.brainstorm.open(item_id)
    say(f"brainstorm: putting {BRAINSTORM_IDEAS} ideas on the wall")
    for number in range(BRAINSTORM_IDEAS):
        services.brainstorm.add_idea(item_id, f"Idea {number}: a youth drop-in centre open late on Fridays")
    controller.open_meeting(meeting.id)
    window.show_tab(MeetingPage.RUN)
    controller.start_meeting(meeting.id)
    window.show_presenter()
    window.presenter.resize(1920, 1080)
    process()
    panel = window.meeting_page.run.technique_area.currentWidget()
    wall = window.presenter.body.currentWidget()
    if not isinstance(panel, BrainstormPanel) or not isinstance(wall, BrainstormProjection):
        raise RuntimeError("the brainstorm screens are not showing")
    panel.tabs.setCurrentIndex(1)
    process()

    def type_idea(index: int) -> None:
        panel.capture.setText(f"Called out {index:04d}: free bus passes for summer jobs")

    def add_idea() -> None:
        panel.add_idea()
        process()

    def idea_shown(index: int) -> None:
        text = f"Called out {index:04d}: free bus passes for summer jobs"
        card = wall.canvas.cards[wall.canvas.where[wall.canvas.newest]]
        if not panel.idea_model.lines[-1].endswith(text) or card.text != text:
            raise RuntimeError(f"idea {index} is not shown on both windows: {panel.message.text()}")

    say(f"capturing {reps.actions} ideas")
    capture = measure(reps, raw, type_idea, add_idea, idea_shown)

    # The projector's layout of a 500-idea wall, on a 1920x1080 screen's share.
    view = services.brainstorm.view(item_id)
    trimmed = replace(view, ideas=view.ideas[:WALL_IDEAS])
    canvas = WallCanvas()
    canvas.resize(1728, 600)
    canvas.set_sizes(1080 * 0.04, 1080 * 0.075)
    entries, cards, where = wall_cards(trimmed, "wall", False)
    cold: list[float] = []
    warm: list[float] = []
    baseline: list[float] = []
    for index in range(reps.warmup + reps.startup * 3):
        canvas._heights.clear()
        start = time.perf_counter()
        canvas.show_cards(entries, cards, where, "wall")
        middle = time.perf_counter()
        canvas.relayout()
        end = time.perf_counter()
        metrics = QFontMetricsF(pixel_font(1080 * 0.04))
        for card in cards:
            metrics.boundingRect(QRectF(0, 0, 500, 100000), int(Qt.TextFlag.TextWordWrap), card.text)
        done = time.perf_counter()
        if index >= reps.warmup:
            cold.append(ms(middle - start))
            warm.append(ms(end - middle))
            baseline.append(ms(done - end))
    return capture, cold, warm, baseline


# -- the nominal group technique -------------------------------------------------------------------

NGT_IDEAS, NGT_CARDS, TALLY_GOAL_MS = 300, 40, 5.0


def bench_nominal_group(
    reps: Reps, raw: RawInsert, services: Services, window: Any, process: Callable[[], None]
) -> tuple[list[float], list[float], list[float]]:
    """A card typed and entered on a list of 300 ideas (persisted, tallied and shown on both
    windows), and the tally of 40 cards on its own, against summing the same ranks by hand."""
    import random

    from facilitator.domain.model import AgendaFields, AgendaKind, AttendanceStatus, MeetingFields
    from facilitator.techniques.nominal_group.model import Convention, Step, Vote, tally
    from facilitator.techniques.nominal_group.ui.panel import NominalGroupPanel
    from facilitator.techniques.nominal_group.ui.projection import NominalGroupProjection
    from facilitator.ui.meeting_page import MeetingPage

    controller = window.controller
    collaborative = services.collaboratives.overview()[-1].id
    meeting = services.meetings.create(
        collaborative,
        MeetingFields("Priorities bench", datetime(2026, 12, 2, 18, 0), "Hall", "", "", ""),
        (AgendaFields(AgendaKind.NOMINAL_GROUP, "Priorities", "What comes first?", 90),),
    )
    for attendee in services.meetings.detail(meeting.id).attendees[:12]:
        services.attendance.set_status(meeting.id, attendee.person.id, AttendanceStatus.PRESENT)
    item_id = services.meetings.detail(meeting.id).agenda[0].id
    services.nominal_group.open(item_id)
    say(f"nominal group: recording {NGT_IDEAS} ideas")
    for number in range(NGT_IDEAS):
        services.nominal_group.record_idea(item_id, f"Idea {number}: evening buses on the school routes")
    services.nominal_group.set_picks(item_id, 5)  # the method's usual five (a list this long suggests nine)
    services.nominal_group.set_step(item_id, Step.PRELIMINARY)
    controller.open_meeting(meeting.id)
    window.show_tab(MeetingPage.RUN)
    controller.start_meeting(meeting.id)
    process()
    panel = window.meeting_page.run.technique_area.currentWidget()
    shown = window.presenter.body.currentWidget()
    if not isinstance(panel, NominalGroupPanel) or not isinstance(shown, NominalGroupProjection):
        raise RuntimeError("the nominal group screens are not showing")
    page = panel.first_vote
    picker = random.Random(6)
    typed: list[str] = []
    # A vote as big as a room's: 39 cards in already, so each timed card is the 40th. Between
    # timed cards (untimed) the last one is taken out again, so the pile stays at forty.
    for _ in range(NGT_CARDS - 1):
        services.nominal_group.add_ballot(
            item_id, Vote.PRELIMINARY, " ".join(str(n) for n in picker.sample(range(1, NGT_IDEAS + 1), 5))
        )
    panel.actions.refresh(item_id)
    process()

    def type_card(index: int) -> None:
        view = panel.view
        if view is not None and len(view.cards(Vote.PRELIMINARY)) >= NGT_CARDS:
            panel.actions.remove_ballot(view.cards(Vote.PRELIMINARY)[-1].id)
            process()
        typed.append(" ".join(str(n) for n in picker.sample(range(1, NGT_IDEAS + 1), 5)))
        page.entry.setText(typed[-1])

    def enter_card() -> None:
        page.enter()
        process()

    def card_shown(index: int) -> None:
        rows = page.cards_model.rowCount()
        view = panel.view
        if (
            view is None
            or rows != NGT_CARDS
            or shown.view is None
            or len(shown.view.cards(Vote.PRELIMINARY)) != rows
        ):
            raise RuntimeError(f"card {index} is not shown on both windows: {panel.message.text()}")

    say(f"entering {reps.actions} cards, each the {NGT_CARDS}th, over {NGT_IDEAS} ideas")
    entry = measure(reps, raw, type_card, enter_card, card_shown)

    cards = [tuple(picker.sample(range(1, NGT_IDEAS + 1), 5)) for _ in range(NGT_CARDS)]
    numbers = list(range(1, NGT_IDEAS + 1))
    counted: list[float] = []
    by_hand: list[float] = []
    for index in range(reps.warmup + reps.actions):
        start = time.perf_counter()
        tally(cards, numbers, Convention.TOP_PICKS, 5)
        middle = time.perf_counter()
        totals = dict.fromkeys(numbers, 0)
        for card in cards:
            for rank, number in enumerate(card, start=1):
                totals[number] += 6 - rank
        sorted(numbers, key=lambda n: -totals[n])
        end = time.perf_counter()
        if index >= reps.warmup:
            counted.append(ms(middle - start))
            by_hand.append(ms(end - middle))
    return entry, counted, by_hand


# -- 3. minutes ----------------------------------------------------------------------------------

MINUTES_IDEAS, MINUTES_BALLOTS, MINUTES_DECISIONS = 1000, 40, 30
MINUTES_GROUP_IDEAS = 300  # the nominal group's list that the 40 cards rank
PDF_GOAL_S, TEXT_GOAL_S = 1.5, 0.3


def big_minutes(services: Services, meeting_id: int) -> Any:
    """The launch meeting with 30 decisions (each counted, disposed of and with an action item),
    a brainstorm of 1,000 ideas, and a nominal group of 300 ideas with 40 cards (20 in each vote),
    all entered through the services as a facilitator would."""
    from facilitator.domain.decision import Scale
    from facilitator.domain.model import AgendaFields, AgendaKind
    from facilitator.domain.record import OVERALL, ActionFields, DecisionFields, Disposition
    from facilitator.techniques.nominal_group.model import Step, Vote
    from facilitator.ui.minutes.compose import compose

    record = services.record.view(meeting_id)
    for number in range(MINUTES_DECISIONS):
        change = services.record.add_decision(
            meeting_id, DecisionFields(f"Proposal {number}: the collaborative commits to step {number} of the plan.",
                                       proposer_id=record.people[number % len(record.people)].id, scale=Scale.VOTE),
        )  # fmt: skip
        decision = change.record.decisions[-1]
        services.record.set_count(decision.id, OVERALL, "for", 9)
        services.record.set_count(decision.id, OVERALL, "abstain", 2)
        services.record.dispose(decision.id, Disposition.ADOPTED, "")
        services.record.add_action(
            meeting_id, ActionFields(f"Carry out step {number}", decision_id=decision.id)
        )

    brainstorm = next(
        i for i in services.agenda.for_meeting(meeting_id) if i.kind is AgendaKind.BRAINSTORMING
    )
    already = len(services.brainstorm.view(brainstorm.id).ideas)
    for n in range(MINUTES_IDEAS - already):
        services.brainstorm.add_idea(
            brainstorm.id, f"Idea {n}: a way young people could find summer work near home"
        )

    group = services.nominal_group
    item = services.agenda.add(
        meeting_id, AgendaFields(AgendaKind.NOMINAL_GROUP, "Priorities for the year",
                                 "Which of these should we take on this year?", 75),
    ).id  # fmt: skip
    group.open(item)
    group.set_step(item, Step.ROUND_ROBIN)
    for n in range(MINUTES_GROUP_IDEAS):
        group.record_idea(item, f"Priority {n + 1}: a service young people asked for in the survey")
    picks = group.view(item).picks()  # the suggestion for a list this long
    for card in range(MINUTES_BALLOTS):
        vote = Vote.PRELIMINARY if card < MINUTES_BALLOTS // 2 else Vote.FINAL
        ranks = ((card * 7 + k * 13) % MINUTES_GROUP_IDEAS + 1 for k in range(picks))
        group.add_ballot(item, vote, " ".join(str(number) for number in ranks))
    group.set_step(item, Step.RESULT)

    def document() -> Any:
        return compose(services, meeting_id)

    return document


def bench_minutes(work: Path, reps: Reps) -> None:
    from PySide6.QtGui import QGuiApplication

    from facilitator.services import build_services
    from facilitator.storage.migrate import prepare
    from facilitator.ui.minutes.export import export
    from facilitator.ui.minutes.formats import Format

    app = QGuiApplication.instance() or QGuiApplication([])
    db = work / "minutes" / "facilitator.sqlite3"
    prepare(db)
    services = build_services(db)
    try:
        services.sample.create()
        launch = next(
            m.id
            for c in services.collaboratives.overview()
            for m in c.meetings
            if m.title == "Launch meeting"
        )
        document = big_minutes(services, launch)
        say("minutes: composing and writing each format")
        samples: dict[str, list[float]] = {"plain": [], "pdf": [], "html": [], "md": []}
        for round_ in range(reps.startup):
            for kind in (Format.PDF, Format.HTML, Format.MARKDOWN):
                target = work / f"minutes-{round_}.{kind.value}"
                start = time.perf_counter()
                export(document(), kind, target)
                samples[kind.value].append(time.perf_counter() - start)
            # The baseline: the same words written as one plain text file, with no layout at all.
            start = time.perf_counter()
            built = document()
            text = "\n".join(repr(block) for block in built.blocks)
            (work / f"minutes-{round_}.txt").write_text(text, encoding="utf-8")
            samples["plain"].append(time.perf_counter() - start)
        plain = statistics.median(samples["plain"])
        emit("minutes_plain_text_s", plain, "s", None, n=reps.startup,
             what="compose the same minutes and write their text with no layout (baseline)")  # fmt: skip
        for key, name, goal in (("pdf", "minutes_pdf_s", PDF_GOAL_S), ("html", "minutes_html_s", TEXT_GOAL_S),
                                ("md", "minutes_markdown_s", TEXT_GOAL_S)):  # fmt: skip
            value = statistics.median(samples[key])
            emit(name, value, "s", goal, n=reps.startup, ideas=MINUTES_IDEAS, ballots=MINUTES_BALLOTS,
                 decisions=MINUTES_DECISIONS, baseline="minutes_plain_text_s",
                 ratio_to_baseline=round(value / plain, 1), size_kb=round((work / f"minutes-0.{key}").stat().st_size / 1024))  # fmt: skip
    finally:
        services.close()
        del app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, for a fast look")
    args = parser.parse_args(argv)
    reps = Reps(startup=3, actions=40, warmup=3) if args.quick else Reps(startup=7, actions=200, warmup=5)
    with tempfile.TemporaryDirectory(prefix="facilitator-bench-") as folder:
        work = Path(folder)
        bench_startup(work, reps)
        bench_actions(work, reps)
        bench_minutes(work, reps)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
