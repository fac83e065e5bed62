"""Minutes as CommonMark with GitHub tables.

Every piece of text is escaped before any markup is put around it: each character Markdown could
read as syntax gets a backslash, ``<`` and ``>`` become entities, and ``&`` is escaped so typed
entities stay literal. No raw HTML is ever written, so what a person typed stays text. One thing
plain text cannot stop: GitHub's renderer turns bare ``www.`` and ``https://`` addresses into links
(never ``javascript:``).
"""

from __future__ import annotations

from facilitator.domain.document import (
    Block,
    Bullets,
    Chart,
    Document,
    Fields,
    Heading,
    Paragraph,
    Signature,
    Table,
    Tone,
)
from facilitator.domain.text import clean

# "=" could underline a setext heading, "$" opens math on GitHub, "&" an entity.
SPECIALS = frozenset("\\`*_{}[]()#+-.!|~=$&")
ENTITIES = {"<": "&lt;", ">": "&gt;"}
HARD_BREAK = "\\\n"
BAR = "█"
BAR_LENGTH = 20
SIGNATURE_LINE = "\\_" * 32  # escaped, since a line of underscores alone is a thematic break


def escape(text: str) -> str:
    """One line of plain text as Markdown that shows exactly that text."""
    return "".join(ENTITIES.get(ch) or (f"\\{ch}" if ch in SPECIALS else ch) for ch in text)


def _line(text: str) -> str:
    """Text for a one-line place (heading, cell, label): blanks and line breaks become one space."""
    return escape(clean(text))


def _paragraphs(text: str) -> list[list[str]]:
    """Escaped lines grouped into paragraphs: a blank line in the text starts a new one."""
    groups: list[list[str]] = [[]]
    for line in clean(text, multiline=True).split("\n"):
        stripped = line.strip()  # leading blanks could turn a line into code
        if stripped:
            groups[-1].append(escape(stripped))
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def _heading(block: Heading) -> list[str]:
    text = _line(block.text)
    return [f"{'#' * min(max(block.level, 1), 6)} {text}"] if text else []


def _paragraph(block: Paragraph) -> list[str]:
    mark = {Tone.STRONG: "**", Tone.QUIET: "*"}.get(block.tone, "")
    return [HARD_BREAK.join(f"{mark}{line}{mark}" for line in group) for group in _paragraphs(block.text)]


def _fields(block: Fields, bullet: str) -> list[str]:
    items = []
    for label, value in block.pairs:
        shown_label, shown_value = _line(label), " ".join(line for g in _paragraphs(value) for line in g)
        items.append(
            f"{bullet} **{shown_label}:** {shown_value}".rstrip()
            if shown_label
            else f"{bullet} {shown_value}"
        )
    return ["\n".join(items)] if items else []


def _cell(text: str) -> str:
    # In a table row "|" is the column separator, so it is escaped like the rest.
    return _line(text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...], numeric: frozenset[int]) -> list[str]:
    width = max([len(headers), *(len(row) for row in rows)], default=0)
    if width == 0:
        return []

    def padded(cells: tuple[str, ...]) -> list[str]:
        # GitHub drops cells past the header's count and fills missing ones: pad so none is lost.
        return [_cell(cell) for cell in cells] + [""] * (width - len(cells))

    rule = ["---:" if column in numeric else "---" for column in range(width)]
    lines = [_row(padded(headers)), _row(rule), *(_row(padded(row)) for row in rows)]
    return ["\n".join(lines)]


def _bullets(block: Bullets, bullet: str) -> list[str]:
    items = []
    for number, item in enumerate(block.items, start=1):
        marker = f"{number}{bullet}" if block.numbered else bullet
        indent = " " * (len(marker) + 1)
        lines = [line for group in _paragraphs(item) for line in group]
        items.append(f"{marker} " + (HARD_BREAK + indent).join(lines) if lines else marker)
    return ["\n".join(items)] if items else []


def _bar(value: int, largest: int) -> str:
    if value <= 0 or largest <= 0:
        return ""
    return BAR * max(1, round(BAR_LENGTH * value / largest))


def _chart(block: Chart) -> list[str]:
    """Markdown cannot hold a picture here, so the bars are drawn with characters in a table."""
    if not block.bars:
        return []
    rows = tuple((bar.label, str(bar.value), _bar(bar.value, block.largest)) for bar in block.bars)
    return _table((block.title, "", ""), rows, frozenset({1}))


def _signature(block: Signature) -> list[str]:
    # One paragraph per person: a line to sign on, and under it who signs.
    return [SIGNATURE_LINE + (HARD_BREAK + label if (label := _line(line)) else "") for line in block.lines]


def _bullet(block: Block, previous: str) -> str:
    """The list marker for a list block. Two lists in a row with the same marker would read as one
    list, so the marker changes from one to the next ("-" then "*", "1." then "1)")."""
    choices = (".", ")") if isinstance(block, Bullets) and block.numbered else ("-", "*")
    return choices[1] if previous == choices[0] else choices[0]


def _block(block: Block, bullet: str) -> list[str]:
    match block:
        case Heading():
            return _heading(block)
        case Paragraph():
            return _paragraph(block)
        case Fields():
            return _fields(block, bullet)
        case Table(headers=headers, rows=rows, numeric=numeric):
            return _table(headers, rows, numeric)
        case Bullets():
            return _bullets(block, bullet)
        case Chart():
            return _chart(block)
        case Signature():
            return _signature(block)
    return []


def _with_title(document: Document) -> tuple[Block, ...]:
    """The title is the level-1 heading; a document built without one still shows its title."""
    has_title = any(isinstance(block, Heading) and block.level <= 1 for block in document.blocks)
    if has_title or not clean(document.title):
        return document.blocks
    return (Heading(1, document.title), *document.blocks)


def write_markdown(document: Document) -> str:
    parts: list[str] = []
    previous = ""  # the marker of the list just written, if the last block was a list
    for block in _with_title(document):
        bullet = _bullet(block, previous)
        written = _block(block, bullet)
        if written:
            parts += written
            previous = bullet if isinstance(block, Fields | Bullets) else ""
    footer = _line(document.footer)
    if footer:
        parts += ["---", f"*{footer}*"]
    return "\n\n".join(parts) + "\n"
