"""Brainstorming as the screens and the minutes see it: frozen snapshots and the rules on them.

Plain Python only. An idea keeps the wording it was first given; a merge folds ideas into one
that stays on the wall while the others are kept inside it; dots are counted per person or as
totals off the wall, never more than the people present times the dots each has.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TypeVar

from facilitator.domain.errors import FacilitatorError

IDEA_LIMIT = 500  # one idea is a phrase or a sentence or two called out in the room
THEME_LIMIT = 120
MAX_DOTS_PER_PERSON = 20
DEFAULT_DOTS_PER_PERSON = 5
MAX_DOTS_ON_IDEA = 10_000
T = TypeVar("T")


class Phase(StrEnum):
    GENERATE = "generate"
    CLARIFY = "clarify"  # wording made clear, true duplicates merged
    GROUP = "group"  # ideas sorted into themes
    VOTE = "vote"  # dots placed
    RESULTS = "results"


OPTIONAL_PHASES = (Phase.CLARIFY, Phase.GROUP, Phase.VOTE)


class DotEntry(StrEnum):
    TOTALS = "totals"  # dots counted per idea off the wall
    PEOPLE = "people"  # who put dots where


# -- errors: the ui puts each into plain words ---------------------------------------------------
class IdeaProblem(StrEnum):
    DUPLICATE = "duplicate"  # the same words are already on the wall
    MERGE_ITSELF = "merge_itself"
    MERGE_NOTHING = "merge_nothing"
    MERGED_PART = "merged_part"  # the idea sits inside another; act on that one
    NOT_MERGED = "not_merged"  # split asked of an idea holding nothing
    OTHER_ITEM = "other_item"
    NO_TARGET = "no_target"  # a starting list sent to an item that cannot take it
    NOTHING_CHOSEN = "nothing_chosen"


@dataclass(eq=False)
class IdeaRefused(FacilitatorError):
    problem: IdeaProblem
    number: int = 0  # the idea concerned, when there is one (e.g. the one already saying this)
    inside: int = 0  # the idea it is merged into, when it is a merged part

    def __str__(self) -> str:
        return f"idea refused: {self.problem.value} ({self.number})"


class DotProblem(StrEnum):
    NEGATIVE = "negative"
    PERSON_OVER = "person_over"  # one person given more dots than each has
    WALL_OVER = "wall_over"  # more dots than the people present can have placed
    NOT_PRESENT = "not_present"
    LEFT = "left"  # more dots for someone who has left since placing theirs
    UNKNOWN_IDEA = "unknown_idea"
    NOBODY_PRESENT = "nobody_present"


@dataclass(eq=False)
class DotsRefused(FacilitatorError):
    problem: DotProblem
    asked: int = 0  # dots the change would make (for the person, or on the wall)
    allowed: int = 0  # the most there can be
    present: int = 0
    per_person: int = 0
    number: int = 0  # an unknown idea number, when that is the problem

    def __str__(self) -> str:
        return f"dots refused: {self.problem.value} ({self.asked} > {self.allowed})"


# -- snapshots -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    attributed: bool = False
    dots_per_person: int = DEFAULT_DOTS_PER_PERSON
    phases: frozenset[Phase] = frozenset(OPTIONAL_PHASES)
    dot_entry: DotEntry = DotEntry.TOTALS
    phase: Phase = Phase.GENERATE

    def steps(self) -> tuple[Phase, ...]:
        """The phases this brainstorm goes through, in order. Results is always the last: with
        dots it ranks the ideas; without, it is where the ideas are sent on to a later item."""
        used = [p for p in OPTIONAL_PHASES if p in self.phases]
        return (Phase.GENERATE, *used, Phase.RESULTS)

    @property
    def voting(self) -> bool:
        return Phase.VOTE in self.phases


@dataclass(frozen=True)
class Person:
    id: int
    name: str


@dataclass(frozen=True)
class Idea:
    id: int
    number: int  # stable within the item: what people call it by and write on the wall
    text: str
    original: str  # as first called out; equals text until the wording is edited
    person_id: int | None = None
    theme_id: int | None = None
    merged_into: int | None = None  # the idea this one was merged into, if any
    # Where it came from when it started as part of another item's list: that item and number.
    source_title: str = ""
    source_number: int = 0
    source_item_id: int = 0

    @property
    def edited(self) -> bool:
        return self.text != self.original


@dataclass(frozen=True)
class Theme:
    id: int
    name: str
    position: int


@dataclass(frozen=True)
class Dots:
    idea_id: int
    count: int
    person_id: int | None = None  # None: a total counted off the wall


@dataclass(frozen=True)
class Standing:
    """One idea's place in the dot results. ``rank`` is shared by ties (1, 2, 2, 4)."""

    idea: Idea
    dots: int
    voters: int  # people who put at least one dot on it (per-person entry only)
    rank: int
    tied: bool


@dataclass(frozen=True)
class DotSummary:
    placed: int
    ceiling: int  # people present times dots each
    present: int
    per_person: int
    people_done: int = 0  # per-person entry: people present who have placed all their dots
    people_started: int = 0  # people present who have placed at least one
    # Per-person entry: dots placed by people who have since left. They still count; the ceiling
    # is for those present, so these are why the placed dots can exceed it.
    from_absent: int = 0
    absent_voters: int = 0
    other_entry: int = 0  # dots kept from the other way of entering them, not counted now

    @property
    def left(self) -> int:
        return max(0, self.ceiling - self.placed)


@dataclass(frozen=True)
class BrainstormView:
    item_id: int
    meeting_id: int
    question: str
    settings: Settings
    ideas: tuple[Idea, ...]  # every idea, in number order, merged parts included
    themes: tuple[Theme, ...]
    dots: tuple[Dots, ...]
    present: tuple[Person, ...]
    people: Mapping[int, str] = field(default_factory=dict)  # names of anyone an idea credits

    # Built on first use and kept: the view is frozen, and a large wall is read often.
    def _kept(self, name: str, build: Callable[[], T]) -> T:
        found: T | None = self.__dict__.get(name)
        if found is None:
            found = build()
            object.__setattr__(self, name, found)
        return found

    def _index(self) -> dict[int, Idea]:
        return self._kept("_by_id", lambda: {idea.id: idea for idea in self.ideas})

    def idea(self, idea_id: int) -> Idea | None:
        return self._index().get(idea_id)

    def by_number(self, number: int) -> Idea | None:
        return next((i for i in self.ideas if i.number == number), None)

    @property
    def wall(self) -> tuple[Idea, ...]:
        """The ideas on the wall: every idea not merged into another."""
        return self._kept("_wall", lambda: tuple(i for i in self.ideas if i.merged_into is None))

    def parts(self, idea_id: int) -> tuple[Idea, ...]:
        """The ideas merged into this one, in number order."""
        return self._kept("_parts", self._parts_by_idea).get(idea_id, ())

    def _parts_by_idea(self) -> dict[int, tuple[Idea, ...]]:
        found: dict[int, list[Idea]] = {}
        for idea in self.ideas:
            if idea.merged_into is not None:
                found.setdefault(idea.merged_into, []).append(idea)
        return {key: tuple(value) for key, value in found.items()}

    def in_theme(self, theme_id: int | None) -> tuple[Idea, ...]:
        return self._kept("_groups", self._by_theme).get(theme_id, ())

    def _by_theme(self) -> dict[int | None, tuple[Idea, ...]]:
        known = {t.id for t in self.themes}
        found: dict[int | None, list[Idea]] = {}
        for idea in self.wall:
            # An idea whose theme is gone counts as not in a theme, never as nowhere.
            found.setdefault(idea.theme_id if idea.theme_id in known else None, []).append(idea)
        return {key: tuple(value) for key, value in found.items()}

    def groups(self) -> tuple[tuple[Theme | None, tuple[Idea, ...]], ...]:
        """The wall theme by theme in the group's order (empty themes too), then the ideas not in a
        theme yet, if any: every idea on the wall exactly once."""
        loose = self.in_theme(None)
        themed = tuple((t, self.in_theme(t.id)) for t in self.themes)
        return themed + (((None, loose),) if loose else ())

    def theme(self, theme_id: int | None) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def active_dots(self) -> tuple[Dots, ...]:
        """The dots of the entry in use: per-person dots and wall totals are kept apart."""
        people = self.settings.dot_entry is DotEntry.PEOPLE
        return tuple(d for d in self.dots if (d.person_id is not None) == people)

    def standings(self) -> tuple[Standing, ...]:
        return self._kept("_standings", lambda: standings(self.wall, self.ideas, self.active_dots()))

    def summary(self) -> DotSummary:
        active = self.active_dots()
        summary = dot_summary(
            self.settings, len(self.present), active, present_ids={p.id for p in self.present}
        )
        other = sum(d.count for d in self.dots) - summary.placed
        return replace(summary, other_entry=other) if other else summary

    def absent_voters(self) -> tuple[Person, ...]:
        """People who placed dots (per-person entry) and are no longer marked present."""
        here = {p.id for p in self.present}
        gone = {d.person_id for d in self.dots if d.person_id is not None and d.person_id not in here}
        return tuple(
            sorted((Person(i, self.people.get(i, "")) for i in gone), key=lambda p: (p.name.casefold(), p.id))
        )

    def dots_of(self, person_id: int) -> dict[int, int]:
        """How many dots one person put on each idea (by idea id)."""
        return {d.idea_id: d.count for d in self.dots if d.person_id == person_id and d.count}


# -- rules ---------------------------------------------------------------------------------------
def reordered(order: Sequence[T], moved: T, position: int) -> list[T]:
    """``order`` with ``moved`` put at ``position`` (kept within the list); the rest keep theirs."""
    rest = [o for o in order if o != moved]
    rest.insert(max(0, min(position, len(rest))), moved)
    return rest


def idea_key(text: str) -> str:
    """What makes two ideas the same words: case, width forms and spacing do not count."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def duplicate_of(ideas: Iterable[Idea], text: str, *, besides: int | None = None) -> Idea | None:
    """An idea already saying exactly this (near-duplicates are for the group to judge)."""
    key = idea_key(text)
    if not key:
        return None
    return next((i for i in ideas if i.id != besides and idea_key(i.text) == key), None)


def merge_plan(ideas: Sequence[Idea], into: int, others: Iterable[int]) -> dict[int, int]:
    """Which ideas end up inside ``into`` (idea id → ``into``) when ``others`` are merged into it.

    An idea that already holds others brings them along, so a result never holds a result; an
    idea that sits inside another cannot be a party to a merge until it is split out.
    """
    others = list(others)  # read twice below; a generator would be spent after the first
    by_id = {i.id: i for i in ideas}
    target = by_id.get(into)
    if target is None:
        raise IdeaRefused(IdeaProblem.OTHER_ITEM)
    if target.merged_into is not None:
        raise IdeaRefused(IdeaProblem.MERGED_PART, target.number)
    chosen = [o for o in dict.fromkeys(others) if o != into]
    if into in set(others) and not chosen:
        raise IdeaRefused(IdeaProblem.MERGE_ITSELF, target.number)
    if not chosen:
        raise IdeaRefused(IdeaProblem.MERGE_NOTHING)
    plan: dict[int, int] = {}
    for other_id in chosen:
        other = by_id.get(other_id)
        if other is None:
            raise IdeaRefused(IdeaProblem.OTHER_ITEM)
        if other.merged_into is not None:
            raise IdeaRefused(IdeaProblem.MERGED_PART, other.number)
        plan[other_id] = into
        plan.update((part.id, into) for part in ideas if part.merged_into == other_id)
    return plan


def split_plan(ideas: Sequence[Idea], chosen: int) -> tuple[int, ...]:
    """The ideas a split takes back out onto the wall: every part of a merged idea, or one part
    chosen on its own (the others stay where they are)."""
    target = next((i for i in ideas if i.id == chosen), None)
    if target is not None and target.merged_into is not None:
        return (target.id,)
    parts = tuple(i.id for i in ideas if i.merged_into == chosen)
    if not parts:
        raise IdeaRefused(IdeaProblem.NOT_MERGED, target.number if target else 0)
    return parts


def root_of(by_id: Mapping[int, Idea], idea_id: int) -> int:
    """The idea on the wall that holds ``idea_id`` (itself when it is on the wall)."""
    seen: set[int] = set()
    while True:
        idea = by_id.get(idea_id)
        if idea is None or idea.merged_into is None or idea_id in seen:
            return idea_id
        seen.add(idea_id)
        idea_id = idea.merged_into


def standings(wall: Sequence[Idea], ideas: Sequence[Idea], dots: Iterable[Dots]) -> tuple[Standing, ...]:
    """Dot results, most dots first; ties share a rank and are marked. Dots placed on an idea that
    was later merged count for the idea it went into."""
    by_id = {i.id: i for i in ideas}
    totals: dict[int, int] = {}
    voters: dict[int, set[int]] = {}
    for d in dots:
        if d.count <= 0:
            continue
        root = root_of(by_id, d.idea_id)
        totals[root] = totals.get(root, 0) + d.count
        if d.person_id is not None:
            voters.setdefault(root, set()).add(d.person_id)
    order = sorted(wall, key=lambda i: (-totals.get(i.id, 0), i.number))
    counts = [totals.get(i.id, 0) for i in order]
    how_many: dict[int, int] = {}
    for count in counts:
        how_many[count] = how_many.get(count, 0) + 1
    result = []
    rank = 0
    for position, (idea, count) in enumerate(zip(order, counts, strict=True), start=1):
        if position == 1 or count != counts[position - 2]:
            rank = position
        # Ideas nobody dotted share the last place but are not a tie anyone needs to break.
        result.append(
            Standing(idea, count, len(voters.get(idea.id, ())), rank, count > 0 and how_many[count] > 1)
        )
    return tuple(result)


def top(standings_: Sequence[Standing], count: int) -> tuple[Standing, ...]:
    """The first ``count`` ideas with dots, plus any tied with the last of them: a cut never
    separates ideas the room gave the same number of dots."""
    voted = [s for s in standings_ if s.dots > 0]
    if count <= 0 or not voted:
        return ()
    if count >= len(voted):
        return tuple(voted)
    edge = voted[count - 1].dots
    return tuple(s for s in voted if s.dots >= edge)


def dot_summary(
    settings: Settings, present: int, dots: Iterable[Dots], *, present_ids: Collection[int] | None = None
) -> DotSummary:
    """What has been placed against what those present can place. With ``present_ids``, a
    person's dots count as theirs only while they are present; the rest are ``from_absent``."""
    placed = 0
    per_person: dict[int, int] = {}
    for d in dots:
        placed += d.count
        if d.person_id is not None:
            per_person[d.person_id] = per_person.get(d.person_id, 0) + d.count
    here = {p: n for p, n in per_person.items() if present_ids is None or p in present_ids}
    gone = {p: n for p, n in per_person.items() if p not in here and n > 0}
    each = settings.dots_per_person
    return DotSummary(
        placed=placed,
        ceiling=present * each,
        present=present,
        per_person=each,
        people_done=sum(1 for n in here.values() if n >= each),
        people_started=sum(1 for n in here.values() if n > 0),
        from_absent=sum(gone.values()),
        absent_voters=len(gone),
    )


def check_total(placed_elsewhere: int, count: int, present: int, per_person: int, current: int = 0) -> None:
    """A total counted off the wall for one idea, with ``placed_elsewhere`` dots on the others and
    ``current`` on it now. Lowering a count is always allowed: after people leave, the wall may
    hold more dots than those still present could place, and the counts must still be put right."""
    if count < 0:
        raise DotsRefused(DotProblem.NEGATIVE, count)
    if count > MAX_DOTS_ON_IDEA:
        raise DotsRefused(DotProblem.WALL_OVER, count, present * per_person, present, per_person)
    if count > current and present == 0:
        raise DotsRefused(DotProblem.NOBODY_PRESENT)
    total = placed_elsewhere + count
    if count > current and total > present * per_person:
        raise DotsRefused(DotProblem.WALL_OVER, total, present * per_person, present, per_person)


def person_dots(numbers: Sequence[int], wall_numbers: Mapping[int, int], per_person: int) -> dict[int, int]:
    """One person's dots from the idea numbers they put them on ("12 12 7 3"), as idea id → dots.

    ``wall_numbers`` maps every idea number to the id on the wall that holds it, so a dot put on
    an idea that has since been merged lands on the idea it went into.
    """
    placed: dict[int, int] = {}
    for number in numbers:
        if number not in wall_numbers:
            raise DotsRefused(DotProblem.UNKNOWN_IDEA, number=number)
        idea_id = wall_numbers[number]
        placed[idea_id] = placed.get(idea_id, 0) + 1
    if len(numbers) > per_person:
        raise DotsRefused(DotProblem.PERSON_OVER, len(numbers), per_person, per_person=per_person)
    return placed


def parse_numbers(typed: str) -> list[int] | None:
    """Idea numbers typed as "12 12 7, 3"; None when anything else is in the way."""
    parts = typed.replace(",", " ").replace(";", " ").split()
    if not all(p.isdecimal() for p in parts):  # isdigit() would let "²" through to int()
        return None
    try:
        return [int(p) for p in parts]
    except ValueError:
        return None
