"""The step timer on screen: ticks, the time-up cue, and the chime."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from facilitator.domain.timer import SavedTimer, StepTimer, TimerState
from facilitator.paths import resource

TICK_MS = 200


class TimerController(QObject):
    """One countdown shared by both windows; every technique uses this one."""

    changed = Signal()  # redraw: remaining time or state changed
    expired = Signal()  # crossed zero while running (once per run)
    adjusted = Signal()  # the facilitator started, paused, extended or reset it: worth saving

    def __init__(
        self, parent: QObject | None = None, clock: object = time.monotonic, wall: object = time.time
    ) -> None:
        super().__init__(parent)
        self._clock, self._wall = clock, wall
        self.timer = StepTimer()
        self._time_box = 0.0  # the step's own length, which reset returns to
        self._part = False  # counting a part of the step with its own time box (see load_part)
        self._announced = False
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self.sound_enabled = True

    def now(self) -> float:
        return float(self._clock())  # type: ignore[operator]

    @property
    def state(self) -> TimerState:
        return self.timer.state

    def remaining(self) -> float:
        return self.timer.remaining(self.now())

    def is_up(self) -> bool:
        return self.timer.is_up(self.now())

    def load(self, minutes: int) -> None:
        """A new step: a fresh countdown of its time box, not yet running."""
        self._time_box = minutes * 60.0
        self._part = False
        self.timer.reset(self._time_box)
        self._announced = False
        self._ticker.stop()
        self.changed.emit()

    def load_part(self, minutes: int) -> None:
        """A part of the item with a time box of its own (a technique's step, such as ten minutes
        of silent writing): a fresh countdown the item's own time box does not override."""
        self.load(minutes)
        self._part = True

    def restore_part(self, saved: SavedTimer, minutes: int) -> None:
        """Back to a part left earlier: its countdown as it was (a running one kept running)."""
        self._time_box, self._part = minutes * 60.0, True
        self.restore(saved)

    def set_time_box(self, minutes: int, *, part: bool = False) -> None:
        """A new length for the current step (``part``: for the part of it being counted); a timer
        not yet started shows it at once."""
        if part == self._part and self._time_box != minutes * 60.0:
            self._time_box = minutes * 60.0
            if self.timer.state is TimerState.READY:
                self.timer.reset(self._time_box)
                self.changed.emit()

    def toggle(self) -> None:
        self.timer.toggle(self.now())
        self._sync_ticker()
        self.adjusted.emit()

    def add_minute(self) -> None:
        self.timer.add(60.0)
        if not self.is_up():
            self._announced = False
        self.changed.emit()
        self.adjusted.emit()

    def reset(self) -> None:
        """Back to the step's time box, stopped (minutes added on the way are dropped)."""
        self.timer.reset(self._time_box)
        self._announced = False
        self._sync_ticker()
        self.adjusted.emit()

    def saved(self, item_id: int) -> SavedTimer:
        now = self.now()
        running = self.timer.state is TimerState.RUNNING
        return SavedTimer(item_id, self.timer.duration, self.timer.elapsed(now), running, float(self._wall()))  # type: ignore[operator]

    def restore(self, saved: SavedTimer) -> None:
        """Pick up a timer saved before a restart; a running one has kept counting meanwhile."""
        elapsed = saved.elapsed_at(float(self._wall()))  # type: ignore[operator]
        self.timer.restore(saved.duration, elapsed, saved.running, self.now())
        self._announced = self.is_up()  # no chime for time that ran out while the app was closed
        self._sync_ticker()

    def _sync_ticker(self) -> None:
        if self.timer.state is TimerState.RUNNING:
            self._ticker.start()
        else:
            self._ticker.stop()
        self.changed.emit()

    def _tick(self) -> None:
        if not self._announced and self.is_up():
            self._announced = True
            self.expired.emit()
            if self.sound_enabled:
                play_chime()
        self.changed.emit()


def play_chime() -> None:
    """The time-up sound, through the system's own player (no multimedia module needed)."""
    import shutil
    import subprocess

    wav = str(resource("sounds", "time-up.wav"))
    if sys.platform == "win32":
        import winsound

        winsound.PlaySound(wav, winsound.SND_FILENAME | winsound.SND_ASYNC)
        return
    for player in (["afplay"], ["paplay"], ["pw-play"], ["aplay", "-q"]):
        if shutil.which(player[0]):
            try:
                subprocess.Popen(
                    [*player, wav],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
                return
            except OSError:
                continue
    QApplication.beep()


class PartTimers(QObject):
    """Each part of an item (a technique's step, a writing round) keeps its own countdown while the
    room is elsewhere: coming back to the part, or to the item, finds it as it was left (a running
    one has kept counting)."""

    def __init__(self, timer: TimerController, current_item: Callable[[], int | None]) -> None:
        super().__init__(timer)
        self._timer, self._current_item = timer, current_item
        self._saved: dict[tuple[int, object], SavedTimer] = {}
        self.part: tuple[int, object] | None = None  # the item and part the timer counts now
        timer.adjusted.connect(self._keep)

    def _keep(self) -> None:
        """Started, paused or given a minute: kept for its part."""
        if self.part is not None and self._current_item() == self.part[0]:
            self._saved[self.part] = self._timer.saved(self.part[0])

    def switch(self, item_id: int, part: object, minutes: int) -> None:
        """The room moves on to another part: the part left keeps its countdown, the part come to
        finds its own (or a fresh one of its time box, not yet started)."""
        key = (item_id, part)
        if self.part == key:
            return
        self._keep()
        saved = self._saved.get(key)
        if saved is not None:
            self._timer.restore_part(saved, minutes)
        else:
            self._timer.load_part(minutes)
        self.part = key
        self._timer.adjusted.emit()  # kept, so a restart finds this part's timer

    def arrive(self, item_id: int, part: object, minutes: int) -> None:
        """Back at the item: its part's countdown as it was left in this session; a timer carried
        over a restart goes on as the part's; otherwise a fresh one of the part's time box."""
        if self._current_item() != item_id:
            return
        key = (item_id, part)
        saved = self._saved.get(key)
        if self._timer.state is not TimerState.READY:
            self._timer.restore_part(self._timer.saved(item_id), minutes)
        elif saved is not None:
            self._timer.restore_part(saved, minutes)
        else:
            self._timer.load_part(minutes)
        self.part = key
