"""How a table's width is shared among its columns, for writers that cannot measure text.

Each column gets at least its longest word (so nothing breaks mid-word), number columns get no
more than that, and what is left goes by how much text a column holds on average.
"""

from __future__ import annotations

from collections.abc import Sequence

LINE = 90  # characters across a page's text width in the body font, near enough
CELL_ROOM = 5  # a cell's padding and border, in characters


def column_shares(
    headers: Sequence[str], rows: Sequence[Sequence[str]], columns: int, numeric: frozenset[int]
) -> list[float]:
    """Fractions of the line, one per column, adding up to 1."""
    lines = [list(headers), *[list(row) for row in rows]]

    def cells(column: int) -> list[str]:
        return [line[column] for line in lines if column < len(line)]

    floors, weights = [], []
    for column in range(columns):
        words = [word for cell in cells(column) for word in cell.split()] or [""]
        # Headers are bold, and bold letters run wider.
        floor = min(max(len(word) for word in words), 25) * 1.3 + CELL_ROOM
        floors.append(floor)
        body = [len(cell) for cell in cells(column)[1 if headers else 0 :]] or [0]
        weights.append(0.0 if column in numeric else min(60.0, max(4.0, sum(body) / len(body))))
    left = max(0.0, LINE - sum(floors))
    total = sum(weights) or 1.0
    widths = [floor + left * weight / total for floor, weight in zip(floors, weights, strict=True)]
    whole = sum(widths)
    return [width / whole for width in widths]
