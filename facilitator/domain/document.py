"""A format-neutral document: the minutes as blocks of plain text, before any format sees them.

The ui fills the blocks with words in the user's language; each writer (HTML, Markdown, DOCX, PDF,
ODT) turns the same blocks into its format and escapes every piece of text on the way, so nothing a
person typed can ever become markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Tone(StrEnum):
    NORMAL = "normal"
    STRONG = "strong"  # a result, a decision's wording
    QUIET = "quiet"  # a note, a reason, a correction


@dataclass(frozen=True)
class Heading:
    level: int  # 1 the title, 2 a section, 3 a part of a section
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    tone: Tone = Tone.NORMAL


@dataclass(frozen=True)
class Fields:
    """Label and value pairs, such as date, time and place."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Columns holding numbers, aligned right.
    numeric: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False


class BarTone(StrEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    NEUTRAL = "neutral"
    BLOCK = "block"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    tone: BarTone = BarTone.NEUTRAL


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: counts of a vote or points of a ranking. Writers that can embed
    images draw it; the others rely on the table that always comes with it."""

    title: str
    bars: tuple[Bar, ...]

    @property
    def largest(self) -> int:
        return max((bar.value for bar in self.bars), default=0)


@dataclass(frozen=True)
class Signature:
    """Lines to sign on: the recorder's name under a line, and a date."""

    lines: tuple[str, ...]


Block = Heading | Paragraph | Fields | Table | Bullets | Chart | Signature


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Block, ...]
    language: str = "en"
    # One line at the foot of every printed page, such as "Draft minutes" or "Approved on ...".
    footer: str = ""

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(block for block in self.blocks if isinstance(block, Chart))
