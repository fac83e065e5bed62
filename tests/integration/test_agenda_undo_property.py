"""Property test on a real file: any sequence of agenda edits, undone in reverse (as the undo stack
does), brings back each earlier agenda exactly, and positions always stay 0..n-1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.domain.model import AgendaFields, AgendaItem, AgendaKind, CollaborativeFields, MeetingFields
from facilitator.services import Services, build_services
from facilitator.storage import migrate


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, int]]:
    path = tmp_path_factory.mktemp("undo") / "store.sqlite3"
    migrate.prepare(path)
    services = build_services(path)
    collaborative = services.collaboratives.create(CollaborativeFields("Undo", "", "", ""))
    yield services, collaborative.id
    services.close()


def _snapshot(items: list[AgendaItem]) -> list[int]:
    assert [item.position for item in items] == list(range(len(items)))
    return [item.id for item in items]


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 0)),
        st.tuples(st.just("move"), st.integers(0, 10_000)),
        st.tuples(st.just("remove"), st.integers(0, 10_000)),
    ),
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 6), OPS)
def test_undoing_agenda_edits_restores_every_earlier_agenda(
    shared: tuple[Services, int], start: int, ops: list[tuple[str, int]]
) -> None:
    services, collaborative_id = shared
    meeting = services.meetings.create(
        collaborative_id, MeetingFields("M", datetime(2026, 1, 1), "", "", "", "")
    )
    fields = AgendaFields(AgendaKind.DISCUSSION, "Item", "", 10)
    services.agenda.add_many(meeting.id, [fields] * start)
    current = _snapshot(services.agenda.for_meeting(meeting.id))
    undo: list[tuple[list[int], Callable[[], object]]] = []
    for op, seed in ops:
        before = current
        if op == "add":
            item = services.agenda.add(meeting.id, fields)
            undo.append((before, partial(services.agenda.set_removed, [item.id], True)))
        elif op == "move" and current:
            item_id = current[seed % len(current)]
            old = current.index(item_id)
            target = (seed // 7) % (len(current) + 2) - 1  # sometimes out of range: clamped
            services.agenda.move(item_id, target)
            undo.append((before, partial(services.agenda.move, item_id, old)))
        elif op == "remove" and current:
            chosen = sorted({current[(seed >> k) % len(current)] for k in range(1 + seed % 3)})
            positions = [current.index(i) for i in chosen]
            services.agenda.set_removed(chosen, True)
            undo.append((before, partial(services.agenda.set_removed, chosen, False, positions)))
        else:
            continue
        current = _snapshot(services.agenda.for_meeting(meeting.id))
    for before, action in reversed(undo):
        action()
        assert _snapshot(services.agenda.for_meeting(meeting.id)) == before
