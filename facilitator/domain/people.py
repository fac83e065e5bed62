"""Rules about people and attendance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from facilitator.domain.model import Attendee
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


def sector_counts(attendees: Iterable[Attendee]) -> list[tuple[str, int]]:
    """People in the room by sector, largest first, then by name; people without one last."""
    counts = Counter(a.person.sector_name for a in attendees if a.status.in_room)
    unknown = counts.pop("", 0)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    if unknown:
        ordered.append(("", unknown))
    return ordered


def present_count(attendees: Iterable[Attendee]) -> int:
    return sum(1 for a in attendees if a.status.in_room)


def is_same_person(name_a: str, org_a: str, name_b: str, org_b: str) -> bool:
    """Same folded name, and organisations that match or are missing on either side.

    Two people of one name from different organisations are different people; "Ana Lopez" typed
    at the door without an organisation is taken to be the Ana Lopez already on the roster.
    """
    if name_key(name_a) != name_key(name_b):
        return False
    return not org_a or not org_b or name_key(org_a) == name_key(org_b)
