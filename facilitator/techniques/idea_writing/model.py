"""Idea writing and 6-3-5 brainwriting: the rules, in plain Python.

People are split into small groups; each person has a sheet (or pad) that goes round the group,
and everyone writes on it in turn. Afterwards the sheets are typed in row by row: each idea knows
its sheet, the round it was written in, its place in the row, and the idea it builds on. Each
group then names its main ideas, and reports them to the room.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from facilitator.domain.errors import FacilitatorError
from facilitator.techniques.brainstorming.model import Person

MIN_GROUP = 2
MAX_GROUP = 12
MAX_IDEAS_PER_ROUND = 6
MAX_ROUND_MINUTES = 60
MAX_ROUNDS = 12
SUMMARY_LIMIT = 500
GROUP_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: read off a sheet, they look like 1 and 0


class Variant(StrEnum):
    BRAINWRITING = "brainwriting"  # 6-3-5: a grid, a few ideas a round, sheets passed on each round
    IDEA_WRITING = "idea_writing"  # pads: the owner answers, then the pad goes round for reactions


class Step(StrEnum):
    SET_UP = "set_up"  # variant, groups, worksheets printed
    WRITING = "writing"  # the rounds, timed, sheets passed on
    TRANSCRIBE = "transcribe"  # the sheets typed in
    SUMMARIES = "summaries"  # each group's main ideas
    REPORT = "report"  # groups report to the room, one after another


class Direction(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class Settings:
    variant: Variant = Variant.BRAINWRITING
    group_size: int = 6
    ideas_per_round: int = 3
    minutes_per_round: int = 5
    rounds: int = 6  # 6-3-5: as many as there are people in a group, so every sheet comes back
    mix_sectors: bool = True
    direction: Direction = Direction.LEFT
    extra: tuple[tuple[int, int], ...] = ()  # (round, extra minutes): later rounds need more time
    step: Step = Step.SET_UP
    round: int = 0  # the round being written, from 1; 0 before the first
    report_group: int = 0  # the group reporting to the room (its id), 0 for none

    def minutes_of(self, round_number: int) -> int:
        return self.minutes_per_round + dict(self.extra).get(round_number, 0)


def defaults(variant: Variant) -> Settings:
    """The usual shape of each variant: 6-3-5 is six people, three ideas, five minutes, six rounds;
    idea writing is a pad per person in groups of four, answered then passed round for reactions."""
    if variant is Variant.IDEA_WRITING:
        return Settings(variant=variant, group_size=4, ideas_per_round=3, minutes_per_round=5, rounds=4)
    return Settings()


# -- refusals ------------------------------------------------------------------------------------
class WritingProblem(StrEnum):
    NOBODY = "nobody"  # no one present to put into groups
    NOT_PRESENT = "not_present"
    NO_GROUPS = "no_groups"  # groups not made yet
    ROUND_RANGE = "round_range"  # a round outside 1..rounds
    SLOT_RANGE = "slot_range"  # a place in the row outside 1..ideas per round
    SLOT_TAKEN = "slot_taken"  # that place on the sheet already holds an idea
    BUILDS_ON_LATER = "builds_on_later"  # an idea can only build on one written before it
    OTHER_ITEM = "other_item"
    EMPTY_GROUP = "empty_group"  # moving the last person out of a group
    GROUP_TYPED = "group_typed"  # its sheets are typed in: moving people would change their marks
    OTHER_GROUP = "other_group"  # a main idea picked from another group's sheet
    TYPED_BEYOND = "typed_beyond"  # fewer rounds or places than ideas already typed in use


@dataclass(eq=False)
class WritingRefused(FacilitatorError):
    problem: WritingProblem
    number: int = 0  # the round, place or count concerned
    limit: int = 0

    def __str__(self) -> str:
        return f"idea writing refused: {self.problem.value} ({self.number}/{self.limit})"


# -- groups --------------------------------------------------------------------------------------
def group_count(people: int, size: int) -> int:
    """How many groups the people make so that none is larger than ``size``; the sizes then even
    out (seven people in groups of six: a four and a three)."""
    if people <= 0:
        return 0
    return max(1, math.ceil(people / max(1, size)))


def split_groups(people: Sequence[tuple[int, str]], size: int, mix_sectors: bool) -> list[list[int]]:
    """People (id, sector) into groups whose sizes differ by at most one. Mixing deals each
    sector's people round the groups in turn, the biggest sectors first, so every group gets as
    even a share of each sector as the numbers allow; otherwise people stay in the order given,
    neighbours together."""
    count = group_count(len(people), size)
    if count == 0:
        return []
    sizes = [len(people) // count + (1 if g < len(people) % count else 0) for g in range(count)]
    if not mix_sectors:
        groups, start = [], 0
        for length in sizes:
            groups.append([pid for pid, _sector in people[start : start + length]])
            start += length
        return groups
    by_sector: dict[str, list[int]] = {}
    for pid, sector in people:
        by_sector.setdefault(sector, []).append(pid)
    # Biggest sectors first, so the small ones fill the gaps; ties by name, for a stable result.
    dealt = [
        pid for _sector, ids in sorted(by_sector.items(), key=lambda kv: (-len(kv[1]), kv[0])) for pid in ids
    ]
    groups = [[] for _ in range(count)]
    turn = 0
    for pid in dealt:
        # The next group in turn that still has room (sizes were fixed above).
        while len(groups[turn % count]) >= sizes[turn % count]:
            turn += 1
        groups[turn % count].append(pid)
        turn += 1
    return groups


def sector_spread(groups: Sequence[Sequence[int]], sectors: Mapping[int, str]) -> dict[str, tuple[int, ...]]:
    """How many of each sector every group has: for the screen and the tests."""
    names = sorted({sectors[pid] for group in groups for pid in group})
    return {
        name: tuple(sum(1 for pid in group if sectors[pid] == name) for group in groups) for name in names
    }


def group_letter(position: int) -> str:
    """A, B, C ... for the groups in order (from 0); past the alphabet, A2, B2 ..."""
    letters = len(GROUP_LETTERS)
    letter = GROUP_LETTERS[position % letters]
    return letter if position < letters else f"{letter}{position // letters + 1}"


def sheet_code(group_position: int, seat: int) -> str:
    """The mark printed large on each sheet so it can be found again when typing in: B3 (A2-1
    past the alphabet's groups, so the group's number and the seat do not run together)."""
    letter = group_letter(group_position)
    return f"{letter}{seat}" if len(letter) == 1 else f"{letter}-{seat}"


def writer(seat: int, round_number: int, group_size: int, direction: Direction) -> int:
    """Whose turn it is to write on a sheet (by seat, from 1) in a round (from 1): the sheet's
    owner first, then each neighbour in the direction the sheets go."""
    step = round_number - 1 if direction is Direction.LEFT else -(round_number - 1)
    return (seat - 1 + step) % group_size + 1


# -- snapshots -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Member:
    id: int  # the sheet: one per person
    group_id: int
    person_id: int
    seat: int  # from 1, the sheet's number in its group
    name: str
    sector: str


@dataclass(frozen=True)
class Group:
    id: int
    position: int  # from 0
    members: tuple[Member, ...]

    @property
    def letter(self) -> str:
        return group_letter(self.position)


@dataclass(frozen=True)
class Entry:
    """An idea typed in from a sheet."""

    id: int  # the idea's id
    number: int  # within the item, in the order typed
    member_id: int  # the sheet
    round: int
    slot: int  # its place in the row, from 1
    text: str
    builds_on: int | None = None  # the idea (id) it builds on


@dataclass(frozen=True)
class Summary:
    id: int
    group_id: int
    position: int
    text: str
    idea_id: int | None = None  # the idea it was picked from, if it was


@dataclass(frozen=True)
class WritingView:
    item_id: int
    meeting_id: int
    title: str
    question: str
    settings: Settings
    groups: tuple[Group, ...]
    entries: tuple[Entry, ...]
    summaries: tuple[Summary, ...]
    present: tuple[Person, ...]
    sectors: Mapping[int, str] = field(default_factory=dict)  # person -> sector name

    def group(self, group_id: int) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def members(self) -> tuple[Member, ...]:
        return tuple(m for g in self.groups for m in g.members)

    def member(self, member_id: int) -> Member | None:
        return next((m for m in self.members() if m.id == member_id), None)

    def code(self, member_id: int) -> str:
        member = self.member(member_id)
        group = self.group(member.group_id) if member is not None else None
        return sheet_code(group.position, member.seat) if member and group else ""

    def on_sheet(self, member_id: int) -> tuple[Entry, ...]:
        return tuple(
            sorted((e for e in self.entries if e.member_id == member_id), key=lambda e: (e.round, e.slot))
        )

    def entry(self, idea_id: int) -> Entry | None:
        return next((e for e in self.entries if e.id == idea_id), None)

    def rounds_on(self, member_id: int) -> int:
        """How many rounds a sheet has: in 6-3-5 the rounds set, but no more than its group has
        people; a pad as many as its group has people (its owner, then each other member once)."""
        member = self.member(member_id)
        group = self.group(member.group_id) if member else None
        if group is None:
            return self.settings.rounds
        if self.settings.variant is Variant.BRAINWRITING:
            # Everyone in the group writes on each sheet once: a smaller group has fewer rows.
            return min(self.settings.rounds, len(group.members))
        return len(group.members)

    def progress(self, member_id: int) -> tuple[int, int]:
        """Rows typed in (rounds with at least one idea) out of the rows the sheet has."""
        rows = {e.round for e in self.entries if e.member_id == member_id}
        return len(rows), self.rounds_on(member_id)

    def of_group(self, group_id: int) -> tuple[Summary, ...]:
        return tuple(sorted((s for s in self.summaries if s.group_id == group_id), key=lambda s: s.position))


def default_builds_on(entries: Sequence[Entry], member_id: int, round_number: int, slot: int) -> int | None:
    """What a new idea builds on unless said otherwise: on a 6-3-5 sheet, the idea above it in
    the same column (written the round before); nothing in the first round."""
    if round_number <= 1:
        return None
    above = [
        e for e in entries if e.member_id == member_id and e.round == round_number - 1 and e.slot == slot
    ]
    return above[0].id if above else None
