"""Laying ideas out on the projector's wall: plain arithmetic, no Qt, so it is tested on its own.

Cards flow down columns, then across, then onto further pages. The text is as large as lets every
card fit on one page, up to a ceiling, and never smaller than a floor (a share of the screen's
height chosen so the back row can read it): when the cards do not fit at the floor, the wall is
split into pages rather than shrunk. Themes come as headers, each starting its own run of cards;
a theme that runs over into the next column repeats its header there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import cached_property

MIN_COLUMN_EMS = 9.0  # a column is at least this many font heights wide (about 18 characters)
SIZE_STEP = 0.9  # each try at a smaller text size is this much of the one before
CARD_PAD = 0.2  # padding inside a card, in font heights
GAP = 0.25  # space between cards and columns, in font heights
LINE = 1.25  # a line of text is about this many font heights tall
MAX_COLUMNS = 6


class EntryKind(Enum):
    CARD = "card"
    HEADER = "header"  # a theme's name, over its cards


@dataclass(frozen=True)
class Entry:
    kind: EntryKind
    key: int  # the idea's or the theme's id; what the painter looks up


@dataclass(frozen=True)
class Placed:
    entry: int  # index into the entries laid out
    x: float
    y: float
    width: float
    height: float
    continued: bool = False  # a header repeated at the top of a column its theme runs into


@dataclass(frozen=True)
class Wall:
    font: float  # the text's pixel size
    columns: int
    column_width: float
    pages: tuple[tuple[Placed, ...], ...]

    def page_of(self, entry: int) -> int:
        return self._pages_by_entry.get(entry, 0)

    @cached_property
    def _pages_by_entry(self) -> dict[int, int]:
        # Read on every idea added to a wall of thousands: one pass, kept with the (frozen) wall.
        return {p.entry: number for number, page in enumerate(self.pages) for p in page if not p.continued}


# measure(entry index, font pixel size, text width) -> the wrapped text's height in pixels
Measure = Callable[[int, float, float], float]


def layout(
    entries: Sequence[Entry],
    width: float,
    height: float,
    ceiling: float,
    floor: float,
    measure: Measure,
    *,
    gutter: float = 0.0,
    max_columns: int | None = None,
) -> Wall:
    """The largest text size from ``ceiling`` down to ``floor`` at which every entry fits on one
    page; at ``floor``, as many pages as needed. ``gutter`` (in font heights) is room kept in each
    card beside the text, for its number."""
    floor = max(1.0, min(floor, ceiling))
    size = ceiling
    while True:
        at_floor = size <= floor * 1.0001
        if at_floor:
            size = floor
        columns, column_width = _columns(width, size, max_columns or MAX_COLUMNS)
        if at_floor or _may_fit(entries, columns, height, size):
            pages = _flow(entries, columns, column_width, height, size, measure, gutter)
            # One page, and no card taller than the page (it would be cut short): a size that fits.
            if at_floor or (
                len(pages) <= 1 and not _too_tall(entries, column_width, height, size, measure, gutter)
            ):
                return Wall(size, columns, column_width, pages)
        size *= SIZE_STEP


def extend(
    wall: Wall, entries: Sequence[Entry], height: float, measure: Measure, *, gutter: float = 0.0
) -> Wall:
    """The wall with cards added at the end of ``entries``, laid out again from its last page only.

    Only for a wall already at its smallest size (more than one page) and without headers: the
    pages before the last cannot change, so a wall of thousands takes a new card quickly.
    """
    start = min(p.entry for p in wall.pages[-1]) if wall.pages[-1] else len(entries)
    tail = _flow(entries[start:], wall.columns, wall.column_width, height, wall.font,
                 lambda i, size, width: measure(start + i, size, width), gutter)  # fmt: skip
    moved = tuple(tuple(replace(p, entry=p.entry + start) for p in page) for page in tail)
    return Wall(wall.font, wall.columns, wall.column_width, wall.pages[:-1] + moved)


def newest_page(
    wall: Wall,
    entries: Sequence[Entry],
    height: float,
    measure: Measure,
    *,
    gutter: float = 0.0,
    keep_from: int | None = None,
) -> tuple[int, tuple[Placed, ...]]:
    """The most recent cards that fill one page at the wall's size: where they start, and the
    page. While ideas are called out the room sees a full page ending with the newest one, not
    the last of the wall's fixed pages with two cards on it."""
    count = len(entries)
    if count == 0:
        return 0, ()

    def page(start: int) -> tuple[tuple[Placed, ...], ...]:
        return _flow(entries[start:], wall.columns, wall.column_width, height, wall.font,
                     lambda i, size, width: measure(start + i, size, width), gutter)  # fmt: skip

    # No page holds more cards than single-line ones would fill: the search starts there, so a
    # wall of thousands costs no more than one of forty.
    smallest = _card_height(LINE * wall.font, wall.font) + GAP * wall.font
    most = wall.columns * (int(height // smallest) + 1)
    if keep_from is not None and 0 <= keep_from < count:
        # The page shown so far, if the new card still fits on it: the cards already up stay put.
        kept = page(keep_from)
        if len(kept) == 1:
            return keep_from, tuple(replace(p, entry=p.entry + keep_from) for p in kept[0])
    low, high = max(0, count - most), count - 1  # the earliest start whose cards all fit on one page
    while low < high:
        middle = (low + high) // 2
        if len(page(middle)) == 1:
            high = middle
        else:
            low = middle + 1
    if keep_from is not None and low > keep_from:
        # The page shown is full: it moves on by half a page at once rather than a card at a
        # time, so the cards up stay put while the next few ideas are called out (and the room
        # is not watching every card shift with each new one).
        low += (count - low) // 2
    placed = tuple(replace(p, entry=p.entry + low) for p in page(low)[0])
    return low, placed


def _too_tall(
    entries: Sequence[Entry], column_width: float, height: float, size: float, measure: Measure, gutter: float
) -> bool:
    text_width = max(1.0, column_width - 2 * CARD_PAD * size - gutter * size)
    return any(
        _card_height(measure(i, size, text_width), size) > height
        for i, e in enumerate(entries)
        if e.kind is EntryKind.CARD
    )


def _columns(width: float, size: float, most: int) -> tuple[int, float]:
    gap = GAP * size
    columns = max(1, min(most, int((width + gap) // (MIN_COLUMN_EMS * size + gap))))
    return columns, (width - gap * (columns - 1)) / columns


def _card_height(text_height: float, size: float) -> float:
    return text_height + 2 * CARD_PAD * size


def _may_fit(entries: Sequence[Entry], columns: int, height: float, size: float) -> bool:
    """Whether one page could hold the entries if every card took a single line: a cheap test
    that spares measuring every card at sizes where they cannot possibly fit."""
    smallest = _card_height(LINE * size, size) + GAP * size
    return len(entries) * smallest <= columns * (height + GAP * size)


def _flow(
    entries: Sequence[Entry],
    columns: int,
    column_width: float,
    height: float,
    size: float,
    measure: Measure,
    gutter: float,
) -> tuple[tuple[Placed, ...], ...]:
    gap = GAP * size
    text_width = max(1.0, column_width - 2 * CARD_PAD * size - gutter * size)
    header_width = max(1.0, column_width - 2 * CARD_PAD * size)
    heights = [
        _card_height(
            max(LINE * size, measure(i, size, header_width if e.kind is EntryKind.HEADER else text_width)),
            size,
        )
        for i, e in enumerate(entries)
    ]
    pages: list[tuple[Placed, ...]] = []
    page: list[Placed] = []
    column = 0
    y = 0.0
    header: int | None = None  # the theme whose cards are being laid out

    def next_column() -> None:
        nonlocal column, y, page
        column += 1
        y = 0.0
        if column >= columns:
            pages.append(tuple(page))
            page = []
            column = 0

    def place(index: int, continued: bool = False) -> None:
        nonlocal y
        x = column * (column_width + gap)
        # A card taller than what is left of the column is cut to it (its text ends in "…").
        page.append(Placed(index, x, y, column_width, min(heights[index], height - y), continued))
        y += heights[index] + gap

    for index, entry in enumerate(entries):
        tall = heights[index]
        if entry.kind is EntryKind.HEADER:
            header = index
            after = heights[index + 1] + gap if index + 1 < len(entries) else 0.0
            # A theme that fits in a column is kept together: it starts a new column rather than
            # run over from the bottom of one into the next. A longer one starts where its header
            # and first card fit together, never as a lone header.
            whole = tall
            for following in range(index + 1, len(entries)):
                if entries[following].kind is EntryKind.HEADER:
                    break
                whole += gap + heights[following]
            if y > 0 and (y + whole > height >= whole or y + tall + gap + after > height):
                next_column()
            place(index)
            continue
        if y > 0 and y + tall > height:
            next_column()
            if header is not None:
                place(header, continued=True)
        place(index)
    if page:
        pages.append(tuple(page))
    return tuple(pages) or ((),)
