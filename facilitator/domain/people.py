"""Rules about people and attendance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from facilitator.domain.model import AttendanceStatus, Attendee
from facilitator.domain.text import name_key

# The sector list every new store starts with; users may rename, add and reorder.
SEED_SECTORS: tuple[str, ...] = (
    "Government",
    "Business",
    "Nonprofit",
    "Community resident",
    "Faith",
    "Education",
    "Health",
    "Philanthropy",
    "Media",
    "Other",
)


def is_same_person(name_a: str, org_a: str, name_b: str, org_b: str) -> bool:
    """Same folded name, and organisations that match or are missing on either side.

    Two people of one name from different organisations are different people; "Ana Lopez" typed
    at the door without an organisation is taken to be the Ana Lopez already on the roster.
    """
    if name_key(name_a) != name_key(name_b):
        return False
    return not org_a or not org_b or name_key(org_a) == name_key(org_b)


class RoomCount:
    """People in the room by sector, kept up to date one change at a time.

    A roster of thousands is recounted once; after that each attendance change costs O(1), so
    marking someone present never waits on the size of the roster.
    """

    def __init__(self, attendees: Iterable[Attendee] = ()) -> None:
        self._by_sector: Counter[str] = Counter()
        self.regrets = 0
        for attendee in attendees:
            self._count(attendee, 1)

    def replace(self, old: Attendee | None, new: Attendee) -> None:
        if old is not None:
            self._count(old, -1)
        self._count(new, 1)

    def _count(self, attendee: Attendee, step: int) -> None:
        if attendee.status.in_room:
            self._by_sector[attendee.person.sector_name] += step
        elif attendee.status is AttendanceStatus.REGRETS:
            self.regrets += step

    @property
    def present(self) -> int:
        return sum(self._by_sector.values())

    def by_sector(self) -> list[tuple[str, int]]:
        """Largest first, then by name; people without a sector last; empty sectors left out."""
        counts = {name: count for name, count in self._by_sector.items() if count > 0}
        unknown = counts.pop("", 0)
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        if unknown:
            ordered.append(("", unknown))
        return ordered
