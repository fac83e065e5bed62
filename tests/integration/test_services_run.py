"""Running a meeting: start, step, go to, close, and undo via restore, with an injected clock."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.domain.errors import NotAllowed, NotFound
from facilitator.domain.model import (
    AgendaFields,
    AgendaKind,
    CollaborativeFields,
    ItemState,
    MeetingDetail,
    MeetingFields,
    MeetingStatus,
)
from facilitator.domain.timer import SavedTimer
from facilitator.services import Services, build_services

_names = itertools.count()
T0 = datetime(2026, 4, 2, 18, 30, 0, 250_000)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def run_services(store_path: Path, clock: Clock) -> Iterator[Services]:
    built = build_services(store_path, clock=clock)
    yield built
    built.close()


def _meeting(services: Services, *titles: str) -> tuple[int, list[int]]:
    collaborative = services.collaboratives.create(
        CollaborativeFields(f"Millbrook {next(_names)}", "", "", "")
    )
    meeting = services.meetings.create(collaborative.id, MeetingFields("Launch", T0, "", "", "", ""))
    items = services.agenda.add_many(
        meeting.id, [AgendaFields(AgendaKind.DISCUSSION, t, "", 10) for t in titles]
    )
    return meeting.id, [item.id for item in items]


def _states(detail: MeetingDetail) -> list[tuple[ItemState, int]]:
    return [(item.state, item.elapsed_seconds) for item in detail.agenda]


P, A, D = ItemState.PENDING, ItemState.ACTIVE, ItemState.DONE


def test_a_meeting_from_start_to_close(run_services: Services, clock: Clock) -> None:
    services = run_services
    meeting_id, ids = _meeting(services, "Welcome", "Ideas", "Decisions")
    start = T0.replace(microsecond=0)

    detail = services.run.start(meeting_id)
    assert detail.meeting.status is MeetingStatus.IN_PROGRESS
    assert (detail.meeting.started_at, detail.meeting.current_item_id) == (start, ids[0])
    assert detail.current_item is not None and detail.current_item.activated_at == start
    assert _states(detail) == [(A, 0), (P, 0), (P, 0)]

    clock.advance(90)
    assert services.meetings.detail(meeting_id).agenda[0].elapsed_at(clock.now) == 90
    detail = services.run.step(meeting_id, 1)
    assert detail.meeting.current_item_id == ids[1]
    assert _states(detail) == [(D, 90), (A, 0), (P, 0)]
    assert detail.agenda[0].activated_at is None

    clock.advance(30)
    detail = services.run.step(meeting_id, -1)  # back to the first item: the second is not done
    assert detail.meeting.current_item_id == ids[0]
    assert _states(detail) == [(A, 90), (P, 30), (P, 0)]

    clock.advance(15)
    detail = services.run.go_to(meeting_id, ids[2])
    assert _states(detail) == [(D, 105), (P, 30), (A, 0)]  # time on an item accumulates over visits

    with pytest.raises(NotAllowed):
        services.run.step(meeting_id, 1)  # past the last item
    assert services.meetings.detail(meeting_id).meeting.current_item_id == ids[2]

    clock.advance(600)
    detail = services.run.close(meeting_id)
    assert detail.meeting.status is MeetingStatus.CLOSED
    assert detail.meeting.closed_at == start + timedelta(seconds=735)
    assert detail.meeting.current_item_id is None
    assert _states(detail) == [(D, 105), (P, 30), (D, 600)]
    assert all(item.activated_at is None for item in detail.agenda)


def test_stepping_needs_a_meeting_in_progress(run_services: Services) -> None:
    services = run_services
    meeting_id, ids = _meeting(services, "Only item")
    actions: list[Callable[[], MeetingDetail]] = [
        partial(services.run.step, meeting_id, 1),
        partial(services.run.go_to, meeting_id, ids[0]),
        partial(services.run.close, meeting_id),
    ]
    for action in actions:
        with pytest.raises(NotAllowed):
            action()
    services.run.start(meeting_id)
    with pytest.raises(NotAllowed):
        services.run.start(meeting_id)  # already running
    with pytest.raises(NotAllowed):
        services.run.step(meeting_id, -1)  # before the first item
    with pytest.raises(NotFound):
        services.run.start(404)
    services.run.close(meeting_id)
    with pytest.raises(NotAllowed):
        services.run.step(meeting_id, 1)


def test_go_to_refuses_items_of_other_meetings_and_removed_ones(run_services: Services) -> None:
    services = run_services
    meeting_id, ids = _meeting(services, "A", "B", "C")
    other = services.meetings.create(
        services.meetings.detail(meeting_id).meeting.collaborative_id,
        MeetingFields("Other", T0, "", "", "", ""),
    )
    foreign = services.agenda.add(other.id, AgendaFields(AgendaKind.BREAK, "Elsewhere", "", 5))
    services.agenda.set_removed([ids[1]], True)
    services.run.start(meeting_id)
    for item_id in (foreign.id, ids[1], 404):
        with pytest.raises(NotFound):
            services.run.go_to(meeting_id, item_id)
    assert services.meetings.detail(meeting_id).meeting.current_item_id == ids[0]
    # Going to the current item changes nothing.
    assert services.run.go_to(meeting_id, ids[0]) == services.meetings.detail(meeting_id)


def test_a_meeting_without_agenda_can_run_but_not_step(run_services: Services) -> None:
    services = run_services
    meeting_id, _ = _meeting(services)
    detail = services.run.start(meeting_id)
    assert (detail.meeting.status, detail.current_item) == (MeetingStatus.IN_PROGRESS, None)
    with pytest.raises(NotAllowed):
        services.run.step(meeting_id, 1)
    assert services.run.close(meeting_id).meeting.status is MeetingStatus.CLOSED


def test_reopening_a_closed_meeting_goes_on_with_the_first_unfinished_item(
    run_services: Services, clock: Clock
) -> None:
    services = run_services
    meeting_id, ids = _meeting(services, "A", "B", "C")
    first = services.run.start(meeting_id)
    clock.advance(60)
    services.run.step(meeting_id, 1)
    clock.advance(60)
    services.run.step(meeting_id, -1)  # B pending again
    clock.advance(60)
    services.run.close(meeting_id)  # A done
    clock.advance(3600)
    detail = services.run.start(meeting_id)
    assert detail.meeting.status is MeetingStatus.IN_PROGRESS
    assert detail.meeting.started_at == first.meeting.started_at  # the first start is kept
    assert detail.meeting.closed_at is None
    assert detail.meeting.current_item_id == ids[1]
    assert _states(detail) == [(D, 120), (A, 60), (P, 0)]


def test_restore_undoes_start_step_and_close(run_services: Services, clock: Clock) -> None:
    services = run_services
    meeting_id, _ = _meeting(services, "A", "B")
    planned_state = services.run.state(meeting_id)
    planned = services.meetings.detail(meeting_id)
    services.run.start(meeting_id)
    clock.advance(42)
    running_state = services.run.state(meeting_id)
    running = services.meetings.detail(meeting_id)
    services.run.step(meeting_id, 1)
    clock.advance(5)
    closing_state = services.run.state(meeting_id)
    closing = services.meetings.detail(meeting_id)
    services.run.close(meeting_id)

    assert services.run.restore(closing_state) == closing  # undo close
    assert services.run.restore(running_state) == running  # undo step
    assert services.run.restore(planned_state) == planned  # undo start
    assert planned.meeting.status is MeetingStatus.PLANNED
    assert services.run.state(meeting_id) == planned_state


@pytest.fixture(scope="module")
def shared_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, Clock]]:
    from facilitator.storage import migrate

    path = tmp_path_factory.mktemp("run") / "store.sqlite3"
    migrate.prepare(path)
    clock = Clock()
    services = build_services(path, clock=clock)
    yield services, clock
    services.close()


STEPS = st.lists(
    st.tuples(st.sampled_from(["next", "previous", "go_to"]), st.integers(0, 20), st.integers(0, 4000)),
    max_size=15,
)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 5), STEPS)
def test_every_second_of_a_meeting_is_booked_to_exactly_one_item(
    shared_run: tuple[Services, Clock], size: int, steps: list[tuple[str, int, int]]
) -> None:
    services, clock = shared_run
    meeting_id, ids = _meeting(services, *[f"Item {n}" for n in range(size)])
    started = services.run.start(meeting_id).meeting.started_at
    assert started is not None
    for action, index, seconds in steps:
        clock.advance(seconds)
        try:
            if action == "go_to":
                detail = services.run.go_to(meeting_id, ids[index % size])
            else:
                detail = services.run.step(meeting_id, 1 if action == "next" else -1)
        except NotAllowed:
            detail = services.meetings.detail(meeting_id)
        active = [item for item in detail.agenda if item.state is ItemState.ACTIVE]
        assert [item.id for item in active] == [detail.meeting.current_item_id]
        assert (
            sum(item.elapsed_at(clock.now) for item in detail.agenda)
            == (clock.now.replace(microsecond=0) - started).total_seconds()
        )
    clock.advance(7)
    closed = services.run.close(meeting_id)
    assert closed.meeting.closed_at is not None
    assert (
        sum(item.elapsed_seconds for item in closed.agenda)
        == (closed.meeting.closed_at - started).total_seconds()
    )
    assert all(item.state is not ItemState.ACTIVE and item.activated_at is None for item in closed.agenda)


def test_the_step_timer_is_kept_with_its_meeting(services: Services) -> None:

    meeting_id = services.sample.create()
    assert services.run.saved_timer(meeting_id) is None
    saved = SavedTimer(item_id=7, duration=900.0, elapsed=61.5, running=True, saved_at=1_700_000_000.0)
    services.run.save_timer(meeting_id, saved)
    assert services.run.saved_timer(meeting_id) == saved
    later = SavedTimer(item_id=8, duration=3600.0, elapsed=0.0, running=False, saved_at=1_700_000_100.0)
    services.run.save_timer(meeting_id, later)
    assert services.run.saved_timer(meeting_id) == later
