"""The step timer, driven by an injected clock (plain float seconds)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.timer import SavedTimer, StepTimer, TimerState, clock_text


def _state(timer: StepTimer) -> TimerState:
    """Read afresh each time (mypy would otherwise keep the first reading)."""
    return timer.state


def test_start_pause_resume_with_an_injected_clock() -> None:
    timer = StepTimer(duration=300.0)
    assert timer.state is TimerState.READY
    assert timer.elapsed(1_000.0) == 0.0
    assert timer.remaining(1_000.0) == 300.0
    assert not timer.is_up(1_000.0)

    timer.start(100.0)
    assert _state(timer) is TimerState.RUNNING
    assert timer.elapsed(160.0) == 60.0
    assert timer.remaining(160.0) == 240.0

    timer.pause(160.0)
    assert _state(timer) is TimerState.PAUSED
    assert timer.elapsed(5_000.0) == 60.0  # a pause stops the clock

    timer.start(200.0)  # resume
    assert timer.elapsed(230.0) == 90.0
    timer.start(220.0)  # starting a running timer changes nothing
    assert timer.elapsed(230.0) == 90.0


def test_toggle_pauses_and_resumes() -> None:
    timer = StepTimer(duration=60.0)
    timer.toggle(0.0)
    assert timer.state is TimerState.RUNNING
    timer.toggle(10.0)
    assert _state(timer) is TimerState.PAUSED
    timer.toggle(20.0)
    assert _state(timer) is TimerState.RUNNING
    assert timer.elapsed(25.0) == 15.0


def test_pause_when_not_running_does_nothing() -> None:
    timer = StepTimer(duration=60.0)
    timer.pause(10.0)
    assert timer.state is TimerState.READY
    assert timer.elapsed(20.0) == 0.0


def test_add_a_minute_and_remaining_goes_negative_when_time_is_up() -> None:
    timer = StepTimer(duration=120.0)
    timer.start(0.0)
    assert not timer.is_up(119.0)
    assert timer.is_up(120.0)
    assert timer.remaining(150.0) == -30.0  # the overrun is shown, not hidden
    timer.add(60.0)
    assert timer.duration == 180.0
    assert timer.remaining(150.0) == 30.0
    assert not timer.is_up(150.0)
    assert timer.is_up(181.0)
    assert timer.remaining(200.0) == -20.0


def test_duration_never_goes_below_zero_and_zero_is_never_up() -> None:
    timer = StepTimer(duration=30.0)
    timer.add(-100.0)
    assert timer.duration == 0.0
    timer.start(0.0)
    assert not timer.is_up(1_000.0)  # a timer without a time box never rings


def test_reset() -> None:
    timer = StepTimer(duration=300.0)
    timer.start(0.0)
    timer.add(60.0)
    timer.reset()
    assert timer.state is TimerState.READY
    assert timer.duration == 360.0
    assert timer.elapsed(1_000.0) == 0.0
    timer.start(2_000.0)
    timer.pause(2_010.0)
    timer.reset(120.0)
    assert (timer.state, timer.duration, timer.elapsed(3_000.0)) == (TimerState.READY, 120.0, 0.0)
    timer.reset(-1.0)
    assert timer.duration == 0.0


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0.0, "0:00"),
        (0.4, "0:01"),  # whole seconds rounded up while counting down
        (1.0, "0:01"),
        (59.0, "0:59"),
        (59.5, "1:00"),
        (60.0, "1:00"),
        (605.0, "10:05"),
        (3_599.0, "59:59"),
        (3_600.0, "1:00:00"),
        (3_661.0, "1:01:01"),
        (8 * 3_600.0, "8:00:00"),
        (-0.5, "0:00"),  # less than a second over: no minus sign yet
        (-1.0, "-0:01"),
        (-61.0, "-1:01"),
        (-90.7, "-1:30"),
        (-3_725.0, "-1:02:05"),
    ],
)
def test_clock_text(seconds: float, shown: str) -> None:
    assert clock_text(seconds) == shown


OPS = st.lists(
    st.tuples(
        st.sampled_from(["start", "pause", "toggle", "add", "check"]),
        st.floats(min_value=0.0, max_value=10_000.0, allow_nan=False, allow_infinity=False),
    ),
    max_size=40,
)


@given(st.floats(min_value=-1e6, max_value=1e6), st.floats(min_value=0.0, max_value=36_000.0), OPS)
def test_elapsed_never_exceeds_wall_time_and_never_decreases(
    t0: float, duration: float, ops: list[tuple[str, float]]
) -> None:
    timer = StepTimer(duration=duration)
    now = t0
    running_since: float | None = None
    model = 0.0  # seconds the timer was running, kept independently
    previous = 0.0
    for op, delta in ops:
        now += delta
        if op == "add":
            timer.add(delta)
            continue
        if op == "start" or (op == "toggle" and running_since is None):
            timer.start(now)
            if running_since is None:
                running_since = now
        elif op in ("pause", "toggle"):
            timer.pause(now)
            if running_since is not None:
                model += now - running_since
                running_since = None
        expected = model + (now - running_since if running_since is not None else 0.0)
        elapsed = timer.elapsed(now)
        slack = 1e-9 * max(1.0, abs(now), abs(t0))
        assert elapsed <= (now - t0) + slack
        assert elapsed >= previous - slack
        assert math.isclose(elapsed, expected, rel_tol=1e-9, abs_tol=slack)
        assert timer.remaining(now) == timer.duration - elapsed
        assert (timer.state is TimerState.RUNNING) == (running_since is not None)
        previous = elapsed


def test_a_saved_running_timer_keeps_counting_while_the_app_is_away() -> None:

    saved = SavedTimer(item_id=3, duration=600.0, elapsed=90.0, running=True, saved_at=1_000.0)
    assert saved.elapsed_at(1_030.0) == 120.0
    assert saved.elapsed_at(900.0) == 90.0  # a clock set back never gives time back
    paused = SavedTimer(item_id=3, duration=600.0, elapsed=90.0, running=False, saved_at=1_000.0)
    assert paused.elapsed_at(5_000.0) == 90.0


def test_restore_continues_from_the_saved_point() -> None:
    timer = StepTimer()
    timer.restore(600.0, 120.0, True, now=50.0)
    assert timer.state is TimerState.RUNNING and timer.remaining(60.0) == 470.0
    timer.restore(600.0, 120.0, False, now=50.0)
    assert timer.state is TimerState.PAUSED and timer.remaining(999.0) == 480.0
    timer.restore(600.0, 0.0, False, now=50.0)
    assert timer.state is TimerState.READY
