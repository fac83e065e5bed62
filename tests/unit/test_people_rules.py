"""Head counts by sector for the attendance panel."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from facilitator.domain.model import AttendanceStatus, Attendee, Person
from facilitator.domain.people import SEED_SECTORS, RoomCount


def present_count(people: list[Attendee]) -> int:
    return RoomCount(people).present


def sector_counts(people: list[Attendee]) -> list[tuple[str, int]]:
    return RoomCount(people).by_sector()


def _attendee(pid: int, sector: str, status: AttendanceStatus) -> Attendee:
    person = Person(pid, 1, f"Person {pid}", "", None if not sector else pid, sector, "")
    return Attendee(person, status, None)


def test_only_people_in_the_room_count() -> None:
    s = AttendanceStatus
    people = [
        _attendee(1, "Business", s.PRESENT),
        _attendee(2, "Business", s.LATE),
        _attendee(3, "Business", s.REGRETS),
        _attendee(4, "Faith", s.ABSENT),
        _attendee(5, "Faith", s.EXPECTED),
        _attendee(6, "Health", s.PRESENT),
    ]
    assert present_count(people) == 3
    assert sector_counts(people) == [("Business", 2), ("Health", 1)]


def test_sector_counts_order_largest_first_then_name_then_unknown_last() -> None:
    s = AttendanceStatus.PRESENT
    people = [
        _attendee(1, "", s),
        _attendee(2, "", s),
        _attendee(3, "", s),
        _attendee(4, "media", s),
        _attendee(5, "Faith", s),
        _attendee(6, "Education", s),
        _attendee(7, "Education", s),
    ]
    # Three people without a sector still come last; ties sort by name, case-insensitively.
    assert sector_counts(people) == [("Education", 2), ("Faith", 1), ("media", 1), ("", 3)]
    assert present_count(people) == 7


def test_empty_room() -> None:
    assert sector_counts([]) == []
    assert present_count([]) == 0
    assert sector_counts([_attendee(1, "", AttendanceStatus.ABSENT)]) == []


def test_in_room_statuses() -> None:
    assert {st for st in AttendanceStatus if st.in_room} == {AttendanceStatus.PRESENT, AttendanceStatus.LATE}


def test_seed_sectors_are_distinct() -> None:
    assert len({name.casefold() for name in SEED_SECTORS}) == len(SEED_SECTORS) >= 5


@given(
    st.lists(st.tuples(st.integers(0, 9), st.sampled_from(list(AttendanceStatus))), min_size=1, max_size=60)
)
def test_counting_change_by_change_matches_a_recount(changes: list[tuple[int, AttendanceStatus]]) -> None:
    """The attendance page updates its counts one mark at a time; they must equal a full recount."""
    sectors = ["Faith", "Health", ""]
    roster = {pid: _attendee(pid, sectors[pid % 3], AttendanceStatus.EXPECTED) for pid in range(10)}
    room = RoomCount(roster.values())
    for pid, status in changes:
        new = _attendee(pid, sectors[pid % 3], status)
        room.replace(roster[pid], new)
        roster[pid] = new
    again = RoomCount(roster.values())
    assert (room.by_sector(), room.present, room.regrets) == (again.by_sector(), again.present, again.regrets)
