"""Agenda rules: time boxes, templates, reordering and stepping through the items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from facilitator.domain.errors import InvalidValue
from facilitator.domain.model import AgendaKind, ItemState

MIN_MINUTES = 1
MAX_MINUTES = 8 * 60  # a long day; timers of any practical length

DEFAULT_MINUTES: dict[AgendaKind, int] = {
    AgendaKind.GROUND_RULES: 20,
    AgendaKind.BRAINSTORMING: 30,
    AgendaKind.NOMINAL_GROUP: 90,
    AgendaKind.IDEA_WRITING: 60,
    AgendaKind.DISCUSSION: 15,
    AgendaKind.DECISIONS: 20,
    AgendaKind.BREAK: 10,
}


def check_minutes(minutes: int) -> int:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InvalidValue("minutes", minutes, MIN_MINUTES, MAX_MINUTES)
    return minutes


@dataclass(frozen=True)
class TemplateItem:
    kind: AgendaKind
    minutes: int


@dataclass(frozen=True)
class Template:
    key: str
    items: tuple[TemplateItem, ...]


def _item(kind: AgendaKind) -> TemplateItem:
    return TemplateItem(kind, DEFAULT_MINUTES[kind])


# Titles and prompts are filled in by the ui in the user's language.
TEMPLATES: tuple[Template, ...] = (
    Template(
        "kickoff",
        (
            _item(AgendaKind.GROUND_RULES),
            _item(AgendaKind.BRAINSTORMING),
            _item(AgendaKind.BREAK),
            _item(AgendaKind.NOMINAL_GROUP),
            _item(AgendaKind.DECISIONS),
        ),
    ),
    Template(
        "working_session",
        (
            _item(AgendaKind.DISCUSSION),
            _item(AgendaKind.IDEA_WRITING),
            _item(AgendaKind.BREAK),
            _item(AgendaKind.DECISIONS),
        ),
    ),
)


def template(key: str) -> Template:
    for candidate in TEMPLATES:
        if candidate.key == key:
            return candidate
    raise InvalidValue("template", key)


T = TypeVar("T")


def moved(items: Sequence[T], source: int, target: int) -> list[T]:
    """The list with the element at ``source`` moved to index ``target`` (both clamped)."""
    result = list(items)
    if not result:
        return result
    source = max(0, min(source, len(result) - 1))
    target = max(0, min(target, len(result) - 1))
    result.insert(target, result.pop(source))
    return result


def neighbour(ids: Sequence[int], current: int | None, step: int) -> int | None:
    """The item ``step`` places from ``current``; the first item when nothing is current yet."""
    if not ids:
        return None
    if current is None or current not in ids:
        return ids[0] if step > 0 else None
    index = ids.index(current) + step
    if 0 <= index < len(ids):
        return ids[index]
    return None


def state_after_leaving(ids: Sequence[int], left: int, going_to: int | None) -> ItemState:
    """An item left for a later one (or for the end of the meeting) is done; going back leaves it pending."""
    going_back = going_to in ids and left in ids and ids.index(going_to) < ids.index(left)
    return ItemState.PENDING if going_back else ItemState.DONE
