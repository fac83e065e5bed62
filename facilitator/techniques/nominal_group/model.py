"""The nominal group technique's rules: turns in the round robin, ballots as typed off paper cards,
and the tally under each scoring convention. Plain Python only.

Ballots are kept as the ranks people wrote (idea numbers, most important first) together with
the convention, never as totals alone, so a tally can always be made again and checked by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from facilitator.domain.errors import FacilitatorError

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
    TOO_MANY = "too_many"
    TOO_FEW = "too_few"


@dataclass(eq=False)
class BallotRefused(FacilitatorError):
    problem: BallotProblem
    number: int = 0  # the idea number at fault
    count: int = 0  # numbers on the card
    picks: int = 0  # numbers each card should have

    def __str__(self) -> str:
        return f"ballot refused: {self.problem.value} ({self.number}, {self.count}/{self.picks})"


def read_ballot(typed: str, numbers: Iterable[int], picks: int) -> tuple[int, ...]:
    """A card as typed ("7 3 12 1 5"), most important first, checked against the ideas' numbers."""
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
        current = self.current
        new = tuple(order)
        turn = new.index(current) if current in new else 0
        return replace(self, order=new, turn=turn, passes=0)

    def _next(self, passes: int) -> RoundRobin:
        if self.ended or not self.order:
            return self
        return replace(self, turn=(self.turn + 1) % len(self.order), passes=passes)
