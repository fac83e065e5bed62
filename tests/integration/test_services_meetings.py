"""Meetings, attendance and the agenda builder."""

from __future__ import annotations

from datetime import datetime

import pytest

from facilitator.domain.agenda import template
from facilitator.domain.errors import DuplicateName, InvalidText, InvalidValue, NotAllowed, NotFound
from facilitator.domain.model import (
    AgendaFields,
    AgendaItem,
    AgendaKind,
    AttendanceStatus,
    CollaborativeFields,
    Meeting,
    MeetingFields,
    MeetingStatus,
    PersonFields,
)
from facilitator.services import Services

STARTS = datetime(2026, 4, 2, 18, 30, 45, 123456)


def _fields(title: str = "Launch meeting", starts_at: datetime = STARTS) -> MeetingFields:
    return MeetingFields(title, starts_at, "Library", "Agree how we work", "Rosa", "Linda")


def _meeting(services: Services, name: str = "Millbrook") -> Meeting:
    collaborative = services.collaboratives.create(CollaborativeFields(name, "", "", ""))
    return services.meetings.create(collaborative.id, _fields())


def _item(title: str, kind: AgendaKind = AgendaKind.DISCUSSION, minutes: int = 10) -> AgendaFields:
    return AgendaFields(kind, title, "", minutes)


def _titles(items: list[AgendaItem]) -> list[str]:
    assert [item.position for item in items] == list(range(len(items))), "positions must be 0..n-1"
    return [item.title for item in items]


# --- meetings ---------------------------------------------------------------------------------


def test_create_update_and_detail(services: Services) -> None:
    meeting = _meeting(services)
    assert meeting.status is MeetingStatus.PLANNED
    assert meeting.starts_at == datetime(2026, 4, 2, 18, 30)  # whole minutes
    assert (meeting.current_item_id, meeting.started_at, meeting.closed_at) == (None, None, None)
    updated = services.meetings.update(
        meeting.id, MeetingFields(" Second\nmeeting ", STARTS, "", "Line 1\r\nLine 2", "", "")
    )
    assert (updated.title, updated.purpose, updated.place) == ("Second meeting", "Line 1\nLine 2", "")
    detail = services.meetings.detail(meeting.id)
    assert detail.meeting == updated
    assert detail.collaborative.id == meeting.collaborative_id
    assert (detail.attendees, detail.agenda, detail.current_item) == ((), (), None)


def test_meeting_refusals(services: Services) -> None:
    meeting = _meeting(services)
    with pytest.raises(InvalidText):
        services.meetings.create(meeting.collaborative_id, _fields(title="  "))
    with pytest.raises(InvalidText):
        services.meetings.update(meeting.id, _fields(title="t" * 301))
    with pytest.raises(NotFound):
        services.meetings.create(404, _fields())
    with pytest.raises(NotFound):
        services.meetings.detail(404)
    assert services.meetings.detail(meeting.id).meeting == meeting


def test_remove_and_restore_a_meeting(services: Services) -> None:
    meeting = _meeting(services)
    services.meetings.set_removed(meeting.id, True)
    with pytest.raises(NotFound):
        services.meetings.detail(meeting.id)
    assert services.collaboratives.overview()[0].meetings == ()
    services.meetings.set_removed(meeting.id, False)
    assert services.meetings.detail(meeting.id).meeting == meeting


def test_overview_lists_newest_meeting_first(services: Services) -> None:
    first = _meeting(services)
    later = services.meetings.create(first.collaborative_id, _fields("Later", datetime(2026, 9, 1, 18, 0)))
    summary = services.collaboratives.overview()[0]
    assert [m.id for m in summary.meetings] == [later.id, first.id]


def test_remember_the_meeting_that_was_open(services: Services) -> None:
    assert services.meetings.last_opened() is None
    first = _meeting(services)
    second = services.meetings.create(first.collaborative_id, _fields("Second"))
    services.meetings.remember_opened(first.id)
    assert services.meetings.last_opened() == first.id
    services.meetings.remember_opened(second.id)
    assert services.meetings.last_opened() == second.id
    services.meetings.set_removed(second.id, True)
    assert services.meetings.last_opened() is None  # a removed meeting is not reopened


# --- attendance -------------------------------------------------------------------------------


def test_the_roster_starts_expected_and_marks_stick(services: Services, now: datetime) -> None:
    meeting = _meeting(services)
    ana = services.people.add(meeting.collaborative_id, PersonFields("Ana", "", None, ""))
    bo = services.people.add(meeting.collaborative_id, PersonFields("Bo", "", None, ""))
    statuses = {a.person.id: a.status for a in services.attendance.for_meeting(meeting.id)}
    assert statuses == {ana.id: AttendanceStatus.EXPECTED, bo.id: AttendanceStatus.EXPECTED}

    present = services.attendance.set_status(meeting.id, ana.id, AttendanceStatus.PRESENT)
    assert (present.status, present.arrived_at, present.person) == (AttendanceStatus.PRESENT, None, ana)
    late = services.attendance.set_status(meeting.id, bo.id, AttendanceStatus.LATE)
    assert late.arrived_at == now.replace(microsecond=0)
    assert (
        services.attendance.set_status(meeting.id, bo.id, AttendanceStatus.LATE).arrived_at == late.arrived_at
    )
    earlier = datetime(2026, 4, 2, 18, 50)
    assert (
        services.attendance.set_status(meeting.id, bo.id, AttendanceStatus.LATE, earlier).arrived_at
        == earlier
    )
    regrets = services.attendance.set_status(meeting.id, bo.id, AttendanceStatus.REGRETS)
    assert (regrets.status, regrets.arrived_at) == (AttendanceStatus.REGRETS, None)
    cleared = services.attendance.set_status(meeting.id, ana.id, AttendanceStatus.EXPECTED)
    assert cleared.status is AttendanceStatus.EXPECTED
    statuses = {a.person.id: a.status for a in services.meetings.detail(meeting.id).attendees}
    assert statuses == {ana.id: AttendanceStatus.EXPECTED, bo.id: AttendanceStatus.REGRETS}


def test_attendance_refusals(services: Services) -> None:
    meeting = _meeting(services, "One")
    elsewhere = services.collaboratives.create(CollaborativeFields("Two", "", "", ""))
    stranger = services.people.add(elsewhere.id, PersonFields("Stranger", "", None, ""))
    with pytest.raises(NotAllowed):
        services.attendance.set_status(meeting.id, stranger.id, AttendanceStatus.PRESENT)
    with pytest.raises(NotFound):
        services.attendance.set_status(meeting.id, 404, AttendanceStatus.PRESENT)
    with pytest.raises(NotFound):
        services.attendance.set_status(404, stranger.id, AttendanceStatus.PRESENT)


def test_past_attendance_keeps_a_person_removed_from_the_roster(services: Services) -> None:
    meeting = _meeting(services)
    ana = services.people.add(meeting.collaborative_id, PersonFields("Ana", "", None, ""))
    bo = services.people.add(meeting.collaborative_id, PersonFields("Bo", "", None, ""))
    services.attendance.set_status(meeting.id, ana.id, AttendanceStatus.PRESENT)
    services.people.set_removed(ana.id, True)
    services.people.set_removed(bo.id, True)
    attendees = services.attendance.for_meeting(meeting.id)
    assert [(a.person.id, a.status) for a in attendees] == [(ana.id, AttendanceStatus.PRESENT)]


def test_add_at_the_door_then_undo_and_redo(services: Services, now: datetime) -> None:
    meeting = _meeting(services)
    guest = services.attendance.add_at_door(
        meeting.id, PersonFields(" Grace  Whitfield ", "Food Bank", None, ""), AttendanceStatus.LATE
    )
    assert (guest.person.name, guest.status, guest.arrived_at) == (
        "Grace Whitfield", AttendanceStatus.LATE, now.replace(microsecond=0)
    )  # fmt: skip
    assert services.people.for_collaborative(meeting.collaborative_id) == [guest.person]

    services.attendance.undo_add_at_door(meeting.id, guest.person.id)
    assert services.people.for_collaborative(meeting.collaborative_id) == []
    assert services.attendance.for_meeting(meeting.id) == []

    again = services.attendance.redo_add_at_door(meeting.id, guest.person.id, AttendanceStatus.LATE)
    assert again.person == guest.person  # the same row, same id
    assert again.status is AttendanceStatus.LATE
    assert services.attendance.for_meeting(meeting.id) == [again]


def test_add_at_the_door_refuses_someone_already_on_the_roster(services: Services) -> None:
    meeting = _meeting(services)
    services.people.add(meeting.collaborative_id, PersonFields("Grace Whitfield", "Food Bank", None, ""))
    with pytest.raises(DuplicateName):
        services.attendance.add_at_door(
            meeting.id, PersonFields("grace whitfield", "", None, ""), AttendanceStatus.PRESENT
        )
    with pytest.raises(InvalidText):
        services.attendance.add_at_door(meeting.id, PersonFields("", "", None, ""), AttendanceStatus.PRESENT)
    attendees = services.attendance.for_meeting(meeting.id)
    assert [(a.person.name, a.status) for a in attendees] == [("Grace Whitfield", AttendanceStatus.EXPECTED)]


# --- agenda -----------------------------------------------------------------------------------


def test_add_appends_in_order(services: Services) -> None:
    meeting = _meeting(services)
    first = services.agenda.add(
        meeting.id, AgendaFields(AgendaKind.GROUND_RULES, " Rules ", " Why?\r\n ", 20)
    )
    assert (first.position, first.title, first.prompt, first.minutes) == (0, "Rules", "Why?", 20)
    assert first.state.value == "pending" and first.elapsed_seconds == 0
    services.agenda.add_many(meeting.id, [_item("B"), _item("C")])
    assert _titles(services.agenda.for_meeting(meeting.id)) == ["Rules", "B", "C"]


def test_agenda_refusals_change_nothing(services: Services) -> None:
    meeting = _meeting(services)
    with pytest.raises(InvalidText):
        services.agenda.add(meeting.id, _item("  "))
    with pytest.raises(InvalidValue):
        services.agenda.add(meeting.id, _item("Too short", minutes=0))
    with pytest.raises(InvalidValue):
        services.agenda.add(meeting.id, _item("Too long", minutes=8 * 60 + 1))
    with pytest.raises(NotFound):
        services.agenda.add(404, _item("Nowhere"))
    # A template is one action: one bad item and none of them is added.
    with pytest.raises(InvalidText):
        services.agenda.add_many(meeting.id, [_item("Good"), _item("Also good"), _item("")])
    assert services.agenda.for_meeting(meeting.id) == []
    item = services.agenda.add(meeting.id, _item("Kept"))
    with pytest.raises(InvalidValue):
        services.agenda.update(item.id, _item("Kept", minutes=-1))
    with pytest.raises(NotFound):
        services.agenda.update(404, _item("x"))
    assert services.agenda.for_meeting(meeting.id) == [item]


def test_update_an_item(services: Services) -> None:
    meeting = _meeting(services)
    item = services.agenda.add(meeting.id, _item("Talk"))
    updated = services.agenda.update(item.id, AgendaFields(AgendaKind.BRAINSTORMING, "Ideas", "What?", 45))
    assert (updated.id, updated.position, updated.kind, updated.title, updated.prompt, updated.minutes) == (
        item.id, 0, AgendaKind.BRAINSTORMING, "Ideas", "What?", 45
    )  # fmt: skip


def test_move_keeps_positions_dense(services: Services) -> None:
    meeting = _meeting(services)
    items = services.agenda.add_many(meeting.id, [_item(t) for t in "ABCDE"])
    assert _titles(services.agenda.move(items[0].id, 3)) == list("BCDAE")
    assert _titles(services.agenda.move(items[4].id, 0)) == list("EBCDA")
    assert _titles(services.agenda.move(items[2].id, 99)) == list("EBDAC")  # clamped to the end
    assert _titles(services.agenda.move(items[2].id, -3)) == list("CEBDA")
    assert _titles(services.agenda.for_meeting(meeting.id)) == list("CEBDA")
    with pytest.raises(NotFound):
        services.agenda.move(404, 0)


def test_remove_and_restore_puts_items_back_in_their_old_places(services: Services) -> None:
    meeting = _meeting(services)
    items = services.agenda.add_many(meeting.id, [_item(t) for t in "ABCDE"])
    b, d = items[1], items[3]
    assert _titles(services.agenda.set_removed([b.id, d.id], True)) == list("ACE")
    with pytest.raises(NotFound):
        services.agenda.move(b.id, 0)
    restored = services.agenda.set_removed([b.id, d.id], False, [b.position, d.position])
    assert _titles(restored) == list("ABCDE")
    assert [i.id for i in restored] == [i.id for i in items]  # the same rows, same ids
    # Undo of a single removal at the front and at the end.
    assert _titles(services.agenda.set_removed([items[0].id], True)) == list("BCDE")
    assert _titles(services.agenda.set_removed([items[0].id], False, [0])) == list("ABCDE")
    assert _titles(services.agenda.set_removed([items[4].id], True)) == list("ABCD")
    assert _titles(services.agenda.set_removed([items[4].id], False, [4])) == list("ABCDE")


def test_removing_the_current_item_moves_the_meeting_on(services: Services) -> None:
    meeting = _meeting(services)
    items = services.agenda.add_many(meeting.id, [_item("A"), _item("B"), _item("C")])
    services.run.start(meeting.id)
    services.run.step(meeting.id, 1)
    services.agenda.set_removed([items[1].id], True)  # B, the current item
    detail = services.meetings.detail(meeting.id)
    assert detail.meeting.current_item_id == items[2].id
    assert [(i.id, i.state.value) for i in detail.agenda] == [(items[0].id, "done"), (items[2].id, "active")]
    services.run.step(meeting.id, -1)  # Previous continues from where the room is
    assert services.meetings.detail(meeting.id).meeting.current_item_id == items[0].id
    # The last item removed while current: it goes back to the one before it.
    services.run.step(meeting.id, 1)
    services.agenda.set_removed([items[2].id], True)
    assert services.meetings.detail(meeting.id).meeting.current_item_id == items[0].id
    services.agenda.set_removed([items[0].id], True)
    assert services.meetings.detail(meeting.id).meeting.current_item_id is None


def test_a_meeting_of_a_removed_collaborative_is_not_reopened(services: Services) -> None:
    """At start-up the app shows the last meeting's detail, which needs its collaborative."""
    meeting = _meeting(services)
    services.meetings.remember_opened(meeting.id)
    services.collaboratives.set_removed(meeting.collaborative_id, True)
    assert services.meetings.last_opened() is None
    services.collaboratives.set_removed(meeting.collaborative_id, False)
    assert services.meetings.last_opened() == meeting.id
    assert services.meetings.detail(meeting.id).meeting == meeting


def test_a_meeting_made_from_a_template_is_one_action(services: Services) -> None:
    collaborative = services.collaboratives.create(CollaborativeFields("Millbrook", "", "", ""))
    from_template = [
        AgendaFields(item.kind, item.kind.value.replace("_", " ").title(), "", item.minutes)
        for item in template("kickoff").items
    ]
    meeting = services.meetings.create(collaborative.id, _fields(), from_template)
    agenda = services.agenda.for_meeting(meeting.id)
    assert [(i.kind, i.minutes) for i in agenda] == [(i.kind, i.minutes) for i in template("kickoff").items]
    assert [i.position for i in agenda] == list(range(len(agenda)))
    # One bad item: neither the meeting nor any item is made.
    with pytest.raises(InvalidText):
        services.meetings.create(collaborative.id, _fields("Broken"), [*from_template, _item(" ")])
    assert [m.id for m in services.collaboratives.overview()[0].meetings] == [meeting.id]
