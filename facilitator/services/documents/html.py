"""Minutes as one self-contained, printable HTML file: embedded CSS, inline SVG charts, no scripts.

Jinja2 escapes every value (autoescape is on and the template never marks text safe), so what a
person typed is shown as text and can never become markup.
"""

from __future__ import annotations

import functools
import importlib.resources
import unicodedata
from dataclasses import dataclass

import jinja2

from facilitator.domain.document import (
    BarTone,
    Block,
    Bullets,
    Chart,
    Document,
    Fields,
    Heading,
    Paragraph,
    Signature,
    Table,
)
from facilitator.domain.text import clean

# Chart geometry in SVG user units; the drawing scales to the width of the page.
CHART_WIDTH = 640
LABEL_WIDTH = 240
VALUE_WIDTH = 56
ROW_HEIGHT = 30
BAR_HEIGHT = 20
LABEL_UNITS = 26  # about what fits in LABEL_WIDTH; a wide (CJK) character counts twice

# Dark enough to print well in colour and in grey, and told apart by more than hue alone: support
# and block differ in lightness as well as colour. Set as attributes, so every SVG renderer uses them.
FILLS = {
    BarTone.SUPPORT: "#0b7a5c",  # calm teal green
    BarTone.OPPOSE: "#d4471c",  # orange red
    BarTone.BLOCK: "#7f1414",  # dark red
    BarTone.NEUTRAL: "#55677a",  # blue grey
}

RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"})


@dataclass(frozen=True)
class _Bar:
    label: str  # full text, for the tooltip and the description
    short: str  # what fits beside the bar
    value: int
    tone: str
    fill: str
    top: int  # of the bar
    middle: int  # of the row, where the texts sit
    width: float


@dataclass(frozen=True)
class _Chart:
    title: str
    bars: tuple[_Bar, ...]
    height: int
    bar_x: int
    bar_height: int
    label_x: int


@functools.cache
def _template() -> jinja2.Template:
    source = (importlib.resources.files("facilitator.resources") / "templates" / "minutes.html.j2").read_text(
        encoding="utf-8"
    )
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.from_string(source)


def _units(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _fit(label: str, limit: int = LABEL_UNITS) -> str:
    if sum(_units(ch) for ch in label) <= limit:
        return label
    kept: list[str] = []
    used = 1  # the ellipsis
    for ch in label:
        used += _units(ch)
        if used > limit:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + "…"


def _chart(chart: Chart) -> _Chart | None:
    if not chart.bars:
        return None
    largest = max(chart.largest, 1)
    room = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, bar in enumerate(chart.bars):
        label = clean(bar.label)
        value = max(bar.value, 0)
        bars.append(
            _Bar(
                label=label,
                short=_fit(label),
                value=bar.value,
                tone=BarTone(bar.tone).value,
                fill=FILLS[BarTone(bar.tone)],
                top=index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                middle=index * ROW_HEIGHT + ROW_HEIGHT // 2,
                width=round(room * value / largest, 1),
            )
        )
    return _Chart(
        title=clean(chart.title),
        bars=tuple(bars),
        height=len(bars) * ROW_HEIGHT,
        bar_x=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        label_x=LABEL_WIDTH - 8,
    )


def _table(table: Table) -> dict[str, object] | None:
    width = max([len(table.headers), *(len(row) for row in table.rows)], default=0)
    if width == 0:
        return None

    def padded(cells: tuple[str, ...]) -> list[str]:
        # Every row as wide as the widest, so no cell is lost and the grid stays whole.
        return [clean(cell, multiline=True) for cell in cells] + [""] * (width - len(cells))

    headers = padded(table.headers)
    return {
        "headers": headers if any(headers) else [],
        "rows": [padded(row) for row in table.rows],
        "numeric": sorted(table.numeric),
    }


def _view(block: Block) -> tuple[str, object | None]:
    match block:
        case Heading(level=level, text=text):
            heading = clean(text)
            return "heading", {"level": min(max(level, 1), 6), "text": heading} if heading else None
        case Paragraph(text=text, tone=tone):
            paragraph = clean(text, multiline=True)
            return "paragraph", {"text": paragraph, "tone": tone.value} if paragraph else None
        case Fields(pairs=pairs):
            return "fields", [(clean(label), clean(value, multiline=True)) for label, value in pairs]
        case Table():
            return "table", _table(block)
        case Bullets(items=items, numbered=numbered):
            shown = [clean(item, multiline=True) for item in items]
            return "bullets", {"items": shown, "numbered": numbered} if shown else None
        case Chart():
            return "chart", _chart(block)
        case Signature(lines=lines):
            return "signature", [clean(line) for line in lines]
    return "", None


def _block(block: Block) -> tuple[str, object] | None:
    """The template's view of one block: its kind and plain, cleaned values; None when empty."""
    kind, view = _view(block)
    return (kind, view) if view else None


def _with_title(document: Document) -> tuple[Block, ...]:
    """The title is the level-1 heading; a document built without one still shows its title."""
    has_title = any(isinstance(block, Heading) and block.level <= 1 for block in document.blocks)
    if has_title or not clean(document.title):
        return document.blocks
    return (Heading(1, document.title), *document.blocks)


def _direction(language: str) -> str:
    primary = language.replace("_", "-").split("-")[0].lower()
    return "rtl" if primary in RTL_LANGUAGES else "ltr"


def write_html(document: Document) -> str:
    blocks = [view for view in map(_block, _with_title(document)) if view is not None]
    return _template().render(
        title=clean(document.title),
        language=clean(document.language) or "und",
        direction=_direction(document.language),
        blocks=blocks,
        footer=clean(document.footer),
        chart_width=CHART_WIDTH,
        value_gap=6,
    )
