"""The nominal group technique's rules: turns in the round robin, ballots as typed off paper cards,
and the tally under each scoring convention. Plain Python only.

Ballots are kept as the ranks people wrote (idea numbers, most important first) together with
the convention, never as totals alone, so a tally can always be made again and checked by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property

from facilitator.domain.errors import FacilitatorError
from facilitator.techniques.brainstorming.model import Person, idea_key  # the same words, as in brainstorms

DEFAULT_PICKS = 5
MAX_PICKS = 20


class Convention(StrEnum):
    TOP_PICKS = "top_picks"  # k picks: the most important gets k points, the k-th gets 1; most wins
    RANK_ALL = "rank_all"  # every idea ranked: n points for the first down to 1; most wins
    REVERSED = "reversed"  # rank r scores r, an idea left off scores k + 1; the lowest total wins

    @property
    def lowest_wins(self) -> bool:
        return self is Convention.REVERSED


def suggested_picks(ideas: int) -> int:
    """Five picks, more for long lists (about a sixth of the list, at most nine), never more than
    there are ideas."""
    if ideas <= 0:
        return 0
    return min(ideas, max(DEFAULT_PICKS, min(9, ideas // 6)))


def picks_for(convention: Convention, picks: int, ideas: int) -> int:
    """How many ideas each card ranks: all of them when every idea is ranked."""
    return ideas if convention is Convention.RANK_ALL else min(picks, ideas)


# -- ballots typed off paper cards ----------------------------------------------------------------
class BallotProblem(StrEnum):
    NOT_NUMBERS = "not_numbers"
    REPEATED = "repeated"  # the same idea twice on one card
    UNKNOWN = "unknown"  # no idea has that number
    MERGED = "merged"  # that idea was merged into another: its number is the one to write
    TOO_MANY = "too_many"
    TOO_FEW = "too_few"


@dataclass(eq=False)
class BallotRefused(FacilitatorError):
    problem: BallotProblem
    number: int = 0  # the idea number at fault
    count: int = 0  # numbers on the card
    picks: int = 0  # numbers each card should have
    into: int = 0  # the number of the idea a merged one went into

    def __str__(self) -> str:
        return f"ballot refused: {self.problem.value} ({self.number}, {self.count}/{self.picks})"


def read_ballot(
    typed: str, numbers: Iterable[int], picks: int, merged: Mapping[int, int] | None = None
) -> tuple[int, ...]:
    """A card as typed ("7 3 12 1 5"), most important first, checked against the ideas' numbers.
    ``merged`` maps the number of an idea merged away to the one it went into, to say so."""
    parts = typed.replace(",", " ").replace(";", " ").split()
    if not parts or not all(p.isdecimal() and p.isascii() for p in parts):
        raise BallotRefused(BallotProblem.NOT_NUMBERS, count=len(parts), picks=picks)
    ranks = tuple(int(p) for p in parts)
    known = set(numbers)
    seen: set[int] = set()
    for number in ranks:
        if number in seen:
            raise BallotRefused(BallotProblem.REPEATED, number, len(ranks), picks)
        if number not in known:
            if merged and number in merged:
                raise BallotRefused(BallotProblem.MERGED, number, len(ranks), picks, merged[number])
            raise BallotRefused(BallotProblem.UNKNOWN, number, len(ranks), picks)
        seen.add(number)
    if len(ranks) > picks:
        raise BallotRefused(BallotProblem.TOO_MANY, count=len(ranks), picks=picks)
    if len(ranks) < picks:
        raise BallotRefused(BallotProblem.TOO_FEW, count=len(ranks), picks=picks)
    return ranks


# -- the tally ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Standing:
    number: int  # the idea's number
    points: int
    votes: int  # cards that ranked it
    ranks: tuple[int, ...]  # the ranks it was given, best first
    place: int  # shared by ties (1, 2, 2, 4)
    tied: bool
    split: bool  # the group is divided on it: worth talking over before the final vote

    @property
    def mean_rank(self) -> float | None:
        return sum(self.ranks) / len(self.ranks) if self.ranks else None


def points(convention: Convention, rank: int, picks: int) -> int:
    """What one card gives the idea it ranks ``rank`` (1 the most important)."""
    return rank if convention.lowest_wins else picks + 1 - rank


def tally(
    ballots: Iterable[Sequence[int]], numbers: Sequence[int], convention: Convention, picks: int
) -> tuple[Standing, ...]:
    """Every idea's points, votes and ranks, in the order of the result (ties by idea number)."""
    cards = [tuple(b) for b in ballots]
    ranks: dict[int, list[int]] = {n: [] for n in numbers}
    for card in cards:
        for rank, number in enumerate(card, start=1):
            if number in ranks:
                ranks[number].append(rank)
    totals: dict[int, int] = {}
    for number, ranked in ranks.items():
        total = sum(points(convention, r, picks) for r in ranked)
        if convention.lowest_wins:
            total += (len(cards) - len(ranked)) * (picks + 1)  # left off a card: one worse than last
        totals[number] = total
    sign = 1 if convention.lowest_wins else -1
    order = sorted(numbers, key=lambda n: (sign * totals[n], n))
    counts: dict[int, int] = {}
    for n in order:
        counts[totals[n]] = counts.get(totals[n], 0) + 1
    result: list[Standing] = []
    place = 0
    for position, number in enumerate(order, start=1):
        if position == 1 or totals[number] != totals[order[position - 2]]:
            place = position
        given = tuple(sorted(ranks[number]))
        result.append(
            Standing(number, totals[number], len(given), given, place, counts[totals[number]] > 1,
                     is_split(given, picks, len(cards)))
        )  # fmt: skip
    return tuple(result)


def is_split(ranks: Sequence[int], picks: int, cards: int) -> bool:
    """Whether the group looks divided on an idea: ranked near the top by some and near the bottom
    by others, or picked by many but mostly low down."""
    if len(ranks) < 2 or picks < 2:
        return False
    band = max(1, picks // 3)  # the top and the bottom third of a card
    top = any(r <= band for r in ranks)
    bottom = any(r > picks - band for r in ranks)
    if top and bottom:
        return True
    many = cards > 0 and len(ranks) * 2 >= cards
    mean = sum(ranks) / len(ranks)
    return many and mean > picks - band


def prioritised(standings: Sequence[Standing]) -> tuple[Standing, ...]:
    """The group's list: the ideas that got votes, in the order of the result."""
    return tuple(s for s in standings if s.votes > 0)


def break_ties(standings: Sequence[Standing], order: Sequence[int]) -> tuple[Standing, ...]:
    """The standings with each tie in the group's chosen order (ideas it did not place keep
    theirs, after the placed ones); places and tie marks stay as counted."""
    chosen = {number: index for index, number in enumerate(order)}
    return tuple(sorted(standings, key=lambda s: (s.place, chosen.get(s.number, len(chosen)), s.number)))


# -- the round robin ------------------------------------------------------------------------------
@dataclass(frozen=True)
class RoundRobin:
    """Whose turn it is. Everyone keeps their turn after a pass, so someone who passed can come
    back in; the round ends when everyone in a row has passed (or the facilitator ends it)."""

    order: tuple[int, ...]  # people (or seats) in the order the facilitator set
    turn: int = 0  # index into ``order``
    passes: int = 0  # passes in a row so far
    ended: bool = False

    @property
    def current(self) -> int | None:
        return None if self.ended or not self.order else self.order[self.turn % len(self.order)]

    def idea(self) -> RoundRobin:
        """The person whose turn it is gave an idea: on to the next, and the passes start again."""
        return self._next(passes=0)

    def pass_turn(self) -> RoundRobin:
        after = self._next(passes=self.passes + 1)
        return replace(after, ended=after.passes >= len(self.order))

    def end(self) -> RoundRobin:
        return replace(self, ended=True)

    def reopen(self) -> RoundRobin:
        """Back to recording (after ending too soon): the turn stays, the passes start again."""
        return replace(self, ended=False, passes=0)

    def reorder(self, order: Sequence[int]) -> RoundRobin:
        """A new order; the person whose turn it was keeps it if they are still in the room."""
        # The holder of the turn, also after the round ended, so reopening gives it back.
        holder = self.order[self.turn % len(self.order)] if self.order else None
        new = tuple(order)
        turn = new.index(holder) if holder in new else 0
        return replace(self, order=new, turn=turn, passes=0)

    def _next(self, passes: int) -> RoundRobin:
        if self.ended or not self.order:
            return self
        return replace(self, turn=(self.turn + 1) % len(self.order), passes=passes)


# -- the steps, and the item as the screens see it ------------------------------------------------
class Step(StrEnum):
    GENERATE = "generate"  # silent writing
    ROUND_ROBIN = "round_robin"
    CLARIFY = "clarify"
    PRELIMINARY = "preliminary"  # the first vote
    DISCUSS = "discuss"  # talking over the first vote
    FINAL = "final"
    RESULT = "result"

    @property
    def vote(self) -> Vote:
        """The vote this step enters cards for or shows: the final one from the final vote on."""
        return Vote.FINAL if self in (Step.FINAL, Step.RESULT) else Vote.PRELIMINARY


class Vote(StrEnum):
    PRELIMINARY = "preliminary"
    FINAL = "final"


DEFAULT_MINUTES: dict[Step, int] = {
    Step.GENERATE: 10,
    Step.ROUND_ROBIN: 20,
    Step.CLARIFY: 30,
    Step.PRELIMINARY: 10,
    Step.DISCUSS: 20,
    Step.FINAL: 10,
    Step.RESULT: 5,
}
MAX_STEP_MINUTES = 240
MAX_SEATS = 60


class GroupProblem(StrEnum):
    NOT_AGREED = "not_agreed"  # a merge the group has not agreed to
    ON_CARDS = "on_cards"  # the idea is on cards already entered
    CARDS_ENTERED = "cards_entered"  # the vote's picks or scoring cannot change under its cards
    NO_IDEAS = "no_ideas"  # nothing to vote on yet
    NOT_PRESENT = "not_present"  # a card tied to someone not in the room
    HAS_CARD = "has_card"  # that person's card for this vote is already in
    NO_TURNS = "no_turns"  # nobody to take turns: no one present and no seats set


@dataclass(eq=False)
class GroupRefused(FacilitatorError):
    problem: GroupProblem
    number: int = 0  # the idea concerned
    count: int = 0  # cards concerned
    vote: Vote | None = None  # the vote concerned

    def __str__(self) -> str:
        return f"nominal group refused: {self.problem.value} ({self.number}, {self.count})"


@dataclass(frozen=True)
class Settings:
    step: Step = Step.GENERATE
    picks: int | None = None  # None: the suggestion for the list's length
    convention: Convention = Convention.TOP_PICKS
    minutes: tuple[tuple[Step, int], ...] = tuple(DEFAULT_MINUTES.items())
    anonymous: bool = False  # turns and cards by seat number, not by name
    seats: int = 0
    tie_order: tuple[int, ...] = ()  # idea numbers in the order the group put tied ideas in

    def minutes_for(self, step: Step) -> int:
        return dict(self.minutes).get(step, DEFAULT_MINUTES[step])

    def card_picks(self, ideas: int) -> int:
        """How many ideas a new card ranks on a list of ``ideas``."""
        chosen = self.picks if self.picks is not None else suggested_picks(ideas)
        return picks_for(self.convention, chosen, ideas)

    def rules(self, ideas: int, first_card: tuple[Convention, int] | None) -> tuple[Convention, int]:
        """What a vote is counted by: its first card's rules, so every card of it counts alike;
        before any card, the settings now."""
        return first_card if first_card is not None else (self.convention, self.card_picks(ideas))


@dataclass(frozen=True)
class Idea:
    id: int
    number: int  # stable: what the room calls it and writes on the cards
    text: str
    original: str  # as recorded in the round robin
    merged_into: int | None = None  # the idea (id) it was merged into, with the group's agreement
    source_title: str = ""  # the item whose list it came from, if any
    source_number: int = 0

    @property
    def edited(self) -> bool:
        return self.text != self.original


class EditKind(StrEnum):
    REWORDED = "reworded"
    MERGED = "merged"  # another idea folded into this one
    SPLIT = "split"


@dataclass(frozen=True)
class Edit:
    """One change made in clarification, kept for the record."""

    idea_id: int
    kind: EditKind
    before: str  # the wording before a rewording; the merged idea's wording for a merge
    after: str
    other_number: int  # the idea merged in or split out
    at: str  # when, as "HH:MM"
    note: str = ""  # how the group agreed to a merge


@dataclass(frozen=True)
class Ballot:
    id: int
    vote: Vote
    card: int  # 1, 2, 3 ... in the order entered
    person_id: int | None  # None: an anonymous card
    ranks: tuple[int, ...]  # idea numbers, most important first
    convention: Convention
    picks: int


@dataclass(frozen=True)
class NominalGroupView:
    item_id: int
    meeting_id: int
    title: str
    question: str
    settings: Settings
    ideas: tuple[Idea, ...]  # every idea, merged parts included, by number
    edits: tuple[Edit, ...]
    ballots: tuple[Ballot, ...]
    present: tuple[Person, ...]
    people: Mapping[int, str]  # names of those present and of those whose cards are in
    robin: RoundRobin
    clarifying: int | None = None  # the idea on the projector in clarification
    clarify_started: float | None = None  # when it went up (seconds since the epoch)

    @property
    def listed(self) -> tuple[Idea, ...]:
        """The ideas voted on: every idea not merged into another."""
        return tuple(i for i in self.ideas if i.merged_into is None)

    def numbers(self) -> tuple[int, ...]:
        return tuple(i.number for i in self.listed)

    def merged_numbers(self) -> dict[int, int]:
        """The number of each idea merged into another, and that other's number."""
        found = {}
        for idea in self.ideas:
            if idea.merged_into is not None and (into := self.idea(idea.merged_into)) is not None:
                found[idea.number] = into.number
        return found

    # Looked up once per snapshot: a card entered on a list of hundreds redraws every row.
    @cached_property
    def _by_id(self) -> dict[int, Idea]:
        return {i.id: i for i in self.ideas}

    @cached_property
    def _by_number(self) -> dict[int, Idea]:
        return {i.number: i for i in self.ideas}

    @cached_property
    def _parts(self) -> dict[int, tuple[Idea, ...]]:
        found: dict[int, list[Idea]] = {}
        for i in self.ideas:
            if i.merged_into is not None:
                found.setdefault(i.merged_into, []).append(i)
        return {key: tuple(value) for key, value in found.items()}

    def idea(self, idea_id: int) -> Idea | None:
        return self._by_id.get(idea_id)

    def by_number(self, number: int) -> Idea | None:
        return self._by_number.get(number)

    def parts(self, idea_id: int) -> tuple[Idea, ...]:
        return self._parts.get(idea_id, ())

    def history(self, idea_id: int) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if e.idea_id == idea_id)

    def cards(self, vote: Vote) -> tuple[Ballot, ...]:
        return tuple(b for b in self.ballots if b.vote is vote)

    def picks(self) -> int:
        """How many ideas the next card ranks, under the settings now."""
        return self.settings.card_picks(len(self.listed))

    def rules_of(self, vote: Vote) -> tuple[Convention, int]:
        """The convention and picks a vote was (or will be) counted by: its cards', else the settings."""
        cards = self.cards(vote)
        first = (cards[0].convention, cards[0].picks) if cards else None
        return self.settings.rules(len(self.listed), first)

    def tally(self, vote: Vote) -> tuple[Standing, ...]:
        convention, picks = self.rules_of(vote)
        return tally((b.ranks for b in self.cards(vote)), self.numbers(), convention, picks)

    def result(self) -> tuple[Standing, ...]:
        """The group's prioritised list: the final vote's (the first vote's until the final has
        cards), ties kept as ties but in the order the group chose for them."""
        vote = Vote.FINAL if self.cards(Vote.FINAL) else Vote.PRELIMINARY
        return break_ties(prioritised(self.tally(vote)), self.settings.tie_order)

    def seconds_each(self) -> float:
        """About how long each idea can have in clarification: the step's time shared out."""
        return self.settings.minutes_for(Step.CLARIFY) * 60.0 / max(1, len(self.listed))

    def name_of(self, who: int) -> str:
        """A turn's holder: a person's name, or the seat number when turns go by seat."""
        return str(who) if self.settings.anonymous else self.people.get(who, "")

    def duplicate_of(self, wording: str, besides: int | None = None) -> Idea | None:
        key = idea_key(wording)
        if not key:
            return None
        # Merged parts count: split out again, they would stand beside a second copy.
        return next((i for i in self.ideas if i.id != besides and idea_key(i.text) == key), None)
