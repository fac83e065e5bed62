"""How the app accepts text people type or paste.

Rules: surrounding blanks are trimmed; line breaks are kept only where a field allows several
lines (normalised to ``\\n``); tabs become spaces in one-line fields; other control characters
(NUL included) and lone surrogates are removed, because SQLite and every export format would
choke on them or show garbage. Limits are counted after cleaning.
"""

from __future__ import annotations

import unicodedata

from facilitator.domain.errors import InvalidText, TextProblem

NAME_LIMIT = 200
TITLE_LIMIT = 300
LONG_TEXT_LIMIT = 5000


def _keep(ch: str, multiline: bool) -> str:
    if ch == "\n":
        return "\n" if multiline else " "
    if ch == "\t":
        return "\t" if multiline else " "
    category = unicodedata.category(ch)
    if category == "Cs":  # a lone surrogate cannot be encoded as UTF-8
        return ""
    if ch in "\u2028\u2029\x0b\x0c\x85":  # line breaks of other systems and editors act like \n
        return "\n" if multiline else " "
    if category == "Cc":
        return ""
    return ch


def clean(value: str, *, multiline: bool = False) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = "".join(_keep(ch, multiline) for ch in value)
    if multiline:
        lines = [line.rstrip() for line in cleaned.split("\n")]
        cleaned = "\n".join(lines)
    else:
        cleaned = " ".join(cleaned.split())
    return cleaned.strip()


def required(field: str, value: str, limit: int, *, multiline: bool = False) -> str:
    cleaned = clean(value, multiline=multiline)
    if not cleaned:
        raise InvalidText(field, TextProblem.EMPTY, limit, 0)
    return _within(field, cleaned, limit)


def optional(field: str, value: str, limit: int, *, multiline: bool = False) -> str:
    return _within(field, clean(value, multiline=multiline), limit)


def _within(field: str, cleaned: str, limit: int) -> str:
    if len(cleaned) > limit:
        raise InvalidText(field, TextProblem.TOO_LONG, limit, len(cleaned))
    return cleaned


def same_name(a: str, b: str) -> bool:
    """Two names count as the same person when they differ only by case or spacing."""
    return _fold(a) == _fold(b)


def _fold(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def name_key(value: str) -> str:
    return _fold(value)
