"""The projector's wall layout: text never below its floor, pages instead, themes kept together."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.techniques.brainstorming.wall import (
    LINE,
    Entry,
    EntryKind,
    Measure,
    Wall,
    extend,
    layout,
    newest_page,
)

WIDTH, HEIGHT = 1700.0, 600.0
FLOOR, CEILING = 43.0, 80.0


def lines_measure(lines: list[int]) -> Measure:
    """A stand-in for font metrics: each entry wraps to a given number of lines at any width."""
    return lambda index, size, width: lines[index] * LINE * size


def cards(count: int) -> list[Entry]:
    return [Entry(EntryKind.CARD, n + 1) for n in range(count)]


def placed_entries(wall: Wall) -> list[int]:
    return [p.entry for page in wall.pages for p in page if not p.continued]


def test_a_few_ideas_are_shown_large_on_one_page() -> None:
    wall = layout(cards(4), WIDTH, HEIGHT, CEILING, FLOOR, lines_measure([1] * 4))
    assert len(wall.pages) == 1
    assert wall.font > FLOOR


def test_a_wall_that_does_not_fit_at_the_floor_is_paged_not_shrunk() -> None:
    wall = layout(cards(200), WIDTH, HEIGHT, CEILING, FLOOR, lines_measure([2] * 200))
    assert wall.font == FLOOR
    assert len(wall.pages) > 1
    assert placed_entries(wall) == list(range(200))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=120),
    st.floats(min_value=300, max_value=2000),
    st.floats(min_value=200, max_value=1000),
)
def test_every_card_appears_once_in_order_inside_the_page_and_never_below_the_floor(
    lines: list[int], width: float, height: float
) -> None:
    floor = height * 0.06
    wall = layout(cards(len(lines)), width, height, floor * 2, floor, lines_measure(lines))
    assert wall.font >= floor
    assert placed_entries(wall) == list(range(len(lines)))
    for page in wall.pages:
        for p in page:
            assert p.x >= 0 and p.x + p.width <= width + 0.5
            assert p.y >= 0 and p.y + p.height <= height + 0.5
        # Cards in one column never overlap.
        columns: dict[float, list[tuple[float, float]]] = {}
        for p in page:
            columns.setdefault(round(p.x, 3), []).append((p.y, p.y + p.height))
        for spans in columns.values():
            spans.sort()
            assert all(a[1] <= b[0] + 0.01 for a, b in itertools.pairwise(spans))


def test_a_theme_never_starts_with_its_header_alone_at_the_foot_of_a_column() -> None:
    entries = []
    lines = []
    for theme in range(6):
        entries.append(Entry(EntryKind.HEADER, 100 + theme))
        lines.append(1)
        for idea in range(7):
            entries.append(Entry(EntryKind.CARD, theme * 10 + idea))
            lines.append(2)
    wall = layout(entries, WIDTH, HEIGHT, CEILING, FLOOR, lines_measure(lines))
    for page in wall.pages:
        by_column: dict[float, list[int]] = {}
        for p in page:
            by_column.setdefault(p.x, []).append(p.entry)
        for column in by_column.values():
            assert entries[column[-1]].kind is EntryKind.CARD
            # A column that starts inside a theme repeats its header first.
            assert entries[column[0]].kind is EntryKind.HEADER


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=4), min_size=60, max_size=150), st.integers(1, 5))
def test_adding_cards_to_a_paged_wall_lays_out_as_a_fresh_layout_would(lines: list[int], added: int) -> None:
    before = lines[:-added]
    wall = layout(cards(len(before)), WIDTH, HEIGHT, CEILING, FLOOR, lines_measure(before))
    if len(wall.pages) < 2:
        return
    grown = extend(wall, cards(len(lines)), HEIGHT, lines_measure(lines))
    fresh = layout(cards(len(lines)), WIDTH, HEIGHT, CEILING, FLOOR, lines_measure(lines))
    assert grown == fresh


def test_the_page_of_an_idea_is_where_it_is_placed() -> None:
    wall = layout(cards(120), WIDTH, HEIGHT, CEILING, FLOOR, lines_measure([2] * 120))
    for number, page in enumerate(wall.pages):
        for p in page:
            assert wall.page_of(p.entry) == number


def test_results_keep_to_the_columns_asked_for() -> None:
    wall = layout(cards(30), WIDTH, HEIGHT, CEILING, FLOOR, lines_measure([1] * 30), max_columns=2)
    assert wall.columns <= 2


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=150))
def test_the_newest_page_is_full_and_ends_with_the_newest_card(lines: list[int]) -> None:
    wall = layout(cards(len(lines)), WIDTH, HEIGHT, CEILING, FLOOR, lines_measure(lines))
    start, page = newest_page(wall, cards(len(lines)), HEIGHT, lines_measure(lines))
    assert [p.entry for p in page] == list(range(start, len(lines)))
    if start > 0:  # one card more would not have fitted
        longer = layout(
            cards(len(lines) - start + 1), WIDTH, HEIGHT, FLOOR, FLOOR, lines_measure(lines[start - 1 :])
        )
        assert len(longer.pages) > 1


def test_the_newest_page_keeps_its_cards_in_place_while_a_new_one_fits() -> None:
    lines = [1] * 60
    wall = layout(cards(60), WIDTH, HEIGHT, CEILING, FLOOR, lines_measure(lines))
    start, page = newest_page(wall, cards(60), HEIGHT, lines_measure(lines))
    kept_start, kept = newest_page(wall, cards(61), HEIGHT, lines_measure([*lines, 1]), keep_from=start)
    # Either the new card joined the page as it was, or the page was full and starts afresh.
    if kept_start == start:
        assert kept[: len(page)] == page and kept[-1].entry == 60
    else:
        assert kept[-1].entry == 60 and kept_start > start


def _themes(sizes: list[int], card_lines: int = 2) -> tuple[list[Entry], list[int]]:
    entries: list[Entry] = []
    lines: list[int] = []
    for theme, size in enumerate(sizes):
        entries.append(Entry(EntryKind.HEADER, 100 + theme))
        lines.append(1)
        for idea in range(size):
            entries.append(Entry(EntryKind.CARD, theme * 100 + idea))
            lines.append(card_lines)
    return entries, lines


def _columns_of(wall: Wall, entries: list[Entry]) -> list[list[int]]:
    """Each column's entries, page by page, left to right."""
    found: list[list[int]] = []
    for page in wall.pages:
        by_x: dict[float, list[int]] = {}
        for p in page:
            by_x.setdefault(round(p.x, 3), []).append(p.entry)
        found += [by_x[x] for x in sorted(by_x)]
    return found


def test_a_theme_that_fits_a_column_is_kept_together_in_one() -> None:
    # At the floor a column holds a header and three two-line cards (600 px at 43 px text):
    # a theme of one card and a theme of three cannot share it, so the second starts a column.
    entries, lines = _themes([1, 3, 1])
    wall = layout(entries, WIDTH, HEIGHT, FLOOR, FLOOR, lines_measure(lines))
    columns = _columns_of(wall, entries)
    assert [[entries[i].key for i in column] for column in columns] == [
        [100, 0],
        [101, 100, 101, 102],
        [102, 200],
    ]
    assert not any(p.continued for page in wall.pages for p in page)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=10), st.integers(1, 14))
def test_themed_cards_never_reach_past_the_foot_of_the_page(sizes: list[int], card_lines: int) -> None:
    """Even a card taller than what is left under a repeated header is cut to the page."""
    entries, lines = _themes(sizes, card_lines)
    wall = layout(entries, WIDTH, HEIGHT, FLOOR, FLOOR, lines_measure(lines))
    assert placed_entries(wall) == list(range(len(entries)))
    for page in wall.pages:
        assert all(p.y >= 0 and p.y + p.height <= HEIGHT + 0.5 for p in page)
