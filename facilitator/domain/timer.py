"""The step timer shared by every technique: a countdown of any length that can be paused.

Time comes from the caller (a monotonic clock in seconds), so the rules are testable without
waiting and the ui decides how often to redraw.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class TimerState(Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"


@dataclass
class StepTimer:
    duration: float = 0.0
    _state: TimerState = TimerState.READY
    _started: float = 0.0  # clock reading when the current run began
    _banked: float = 0.0  # seconds used in earlier runs

    @property
    def state(self) -> TimerState:
        return self._state

    def elapsed(self, now: float) -> float:
        if self._state is TimerState.RUNNING:
            return self._banked + max(0.0, now - self._started)
        return self._banked

    def remaining(self, now: float) -> float:
        """Seconds left; negative once time is up (the ui shows the overrun)."""
        return self.duration - self.elapsed(now)

    def is_up(self, now: float) -> bool:
        return self.duration > 0 and self.remaining(now) <= 0

    def start(self, now: float) -> None:
        if self._state is not TimerState.RUNNING:
            self._started = now
            self._state = TimerState.RUNNING

    def pause(self, now: float) -> None:
        if self._state is TimerState.RUNNING:
            self._banked = self.elapsed(now)
            self._state = TimerState.PAUSED

    def toggle(self, now: float) -> None:
        if self._state is TimerState.RUNNING:
            self.pause(now)
        else:
            self.start(now)

    def add(self, seconds: float) -> None:
        self.duration = max(0.0, self.duration + seconds)

    def restore(self, duration: float, elapsed: float, running: bool, now: float) -> None:
        """Continue a timer saved earlier (see SavedTimer) as if it had never stopped."""
        self.duration = max(0.0, duration)
        self._banked = max(0.0, elapsed)
        self._started = now
        if running:
            self._state = TimerState.RUNNING
        else:
            self._state = TimerState.PAUSED if self._banked > 0 else TimerState.READY

    def reset(self, duration: float | None = None) -> None:
        if duration is not None:
            self.duration = max(0.0, duration)
        self._banked = 0.0
        self._started = 0.0
        self._state = TimerState.READY


def clock_text(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``), with a minus sign for overrun; whole seconds rounded up."""
    negative = seconds < 0
    total = int(-seconds) if negative else int(seconds + 0.999)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"-{text}" if negative and total else text


@dataclass(frozen=True)
class SavedTimer:
    """The step timer as stored after each start, pause, extra minute or reset.

    ``saved_at`` is wall-clock time, so a timer that was running when the app died has kept
    running in the meantime, as the room's own clock did.
    """

    item_id: int
    duration: float
    elapsed: float
    running: bool
    saved_at: float

    def elapsed_at(self, wall_now: float) -> float:
        return self.elapsed + (max(0.0, wall_now - self.saved_at) if self.running else 0.0)
