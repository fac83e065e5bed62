"""Running a meeting: start it, step through the agenda, close it."""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlalchemy.orm import Session

from facilitator.domain.agenda import neighbour, state_after_leaving
from facilitator.domain.errors import NotAllowed, NotFound
from facilitator.domain.model import ItemRunState, ItemState, MeetingDetail, MeetingStatus, RunState
from facilitator.domain.timer import SavedTimer
from facilitator.services.agenda import live_items
from facilitator.services.base import Service, load
from facilitator.storage import readmodel
from facilitator.storage.models import AgendaItemRow, MeetingRow, SettingRow
from facilitator.storage.store import raw

TIMER_KEY = "timer:"


class RunService(Service):
    def state(self, meeting_id: int) -> RunState:
        with self.store.transaction() as session:
            return self._state(session, meeting_id)

    def start(self, meeting_id: int) -> MeetingDetail:
        """Planned -> in progress, on the first item (or where it was, when reopened)."""
        with self.store.transaction() as session:
            meeting = load(session, MeetingRow, meeting_id)
            if meeting.status == MeetingStatus.IN_PROGRESS.value:
                raise NotAllowed("meeting already in progress")
            meeting.status = MeetingStatus.IN_PROGRESS.value
            meeting.started_at = meeting.started_at or self.now()
            meeting.closed_at = None
            if meeting.current_item_id is None:
                items = live_items(session, meeting_id)
                first = next((row for row in items if row.state != ItemState.DONE.value), None)
                if first is not None:
                    self._enter(meeting, first)
            else:
                self._enter(meeting, load(session, AgendaItemRow, meeting.current_item_id))
            session.flush()
            return readmodel.meeting_detail(raw(session), meeting_id)

    def step(self, meeting_id: int, step: int) -> MeetingDetail:
        """Next (+1) or previous (-1) item."""
        with self.store.transaction() as session:
            meeting = self._running(session, meeting_id)
            ids = [row.id for row in live_items(session, meeting_id)]
            target = neighbour(ids, meeting.current_item_id, step)
            if target is None:
                raise NotAllowed("no further item" if step > 0 else "no earlier item")
            self._go(session, meeting, target, ids)
            return readmodel.meeting_detail(raw(session), meeting_id)

    def go_to(self, meeting_id: int, item_id: int) -> MeetingDetail:
        with self.store.transaction() as session:
            meeting = self._running(session, meeting_id)
            ids = [row.id for row in live_items(session, meeting_id)]
            if item_id not in ids:
                raise NotFound("agenda item", item_id)
            self._go(session, meeting, item_id, ids)
            return readmodel.meeting_detail(raw(session), meeting_id)

    def close(self, meeting_id: int) -> MeetingDetail:
        with self.store.transaction() as session:
            meeting = self._running(session, meeting_id)
            self._leave(session, meeting, None, [])
            meeting.status = MeetingStatus.CLOSED.value
            meeting.closed_at = self.now()
            session.flush()
            return readmodel.meeting_detail(raw(session), meeting_id)

    def restore(self, state: RunState) -> MeetingDetail:
        """Put back a state captured with ``state()``: the undo of start, step and close."""
        with self.store.transaction() as session:
            meeting = load(session, MeetingRow, state.meeting_id)
            meeting.status = state.status.value
            meeting.current_item_id = state.current_item_id
            meeting.started_at, meeting.closed_at = state.started_at, state.closed_at
            for item in state.items:
                row = load(session, AgendaItemRow, item.item_id, include_deleted=True)
                row.state, row.elapsed_seconds = item.state.value, item.elapsed_seconds
                row.activated_at = item.activated_at
            session.flush()
            return readmodel.meeting_detail(raw(session), state.meeting_id)

    def step_off_in(self, session: Session, meeting: MeetingRow, row: AgendaItemRow) -> None:
        """The current item is being removed: go to the item after it, or before it, or to none."""
        ids = [item.id for item in live_items(session, meeting.id)]
        target = neighbour(ids, row.id, 1) or neighbour(ids, row.id, -1)
        if target is None:
            self._leave(session, meeting, None, ids)
        else:
            self._go(session, meeting, target, ids)

    def save_timer(self, meeting_id: int, saved: SavedTimer) -> None:
        """Keep the step timer with the meeting, so a restart finds it where it was."""
        with self.store.transaction() as session:
            load(session, MeetingRow, meeting_id)
            session.merge(SettingRow(key=f"{TIMER_KEY}{meeting_id}", value=json.dumps(asdict(saved))))

    def saved_timer(self, meeting_id: int) -> SavedTimer | None:
        with self.store.transaction() as session:
            value = readmodel.setting(raw(session), f"{TIMER_KEY}{meeting_id}")
        if value is None:
            return None
        try:
            return SavedTimer(**json.loads(value))
        except (ValueError, TypeError):
            return None  # an unreadable timer is simply started afresh

    def _state(self, session: Session, meeting_id: int) -> RunState:
        meeting = load(session, MeetingRow, meeting_id)
        return RunState(
            meeting_id, MeetingStatus(meeting.status), meeting.current_item_id,
            meeting.started_at, meeting.closed_at,
            tuple(
                ItemRunState(row.id, ItemState(row.state), row.elapsed_seconds, row.activated_at)
                for row in live_items(session, meeting_id)
            ),
        )  # fmt: skip

    @staticmethod
    def _running(session: Session, meeting_id: int) -> MeetingRow:
        meeting = load(session, MeetingRow, meeting_id)
        if meeting.status != MeetingStatus.IN_PROGRESS.value:
            raise NotAllowed("meeting not in progress")
        return meeting

    def _go(self, session: Session, meeting: MeetingRow, target: int, ids: list[int]) -> None:
        if target == meeting.current_item_id:
            return
        self._leave(session, meeting, target, ids)
        self._enter(meeting, load(session, AgendaItemRow, target))
        session.flush()

    def _leave(self, session: Session, meeting: MeetingRow, going_to: int | None, ids: list[int]) -> None:
        if meeting.current_item_id is None:
            return
        row = session.get(AgendaItemRow, meeting.current_item_id)
        meeting.current_item_id = None
        if row is None:
            return
        if row.activated_at is not None:
            row.elapsed_seconds += max(0, int((self.now() - row.activated_at).total_seconds()))
            row.activated_at = None
        row.state = state_after_leaving(ids, row.id, going_to).value

    def _enter(self, meeting: MeetingRow, row: AgendaItemRow) -> None:
        meeting.current_item_id = row.id
        row.state = ItemState.ACTIVE.value
        row.activated_at = self.now()
