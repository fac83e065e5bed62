"""Rules for text people type or paste (domain/text.py) and for telling people apart (domain/people.py)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from facilitator.domain import text
from facilitator.domain.errors import InvalidText, TextProblem
from facilitator.domain.people import is_same_person

ANY_TEXT = st.text(st.characters())
# Characters people paste that need a rule: NUL, other controls, CR/LF mixes, odd line breaks,
# lone surrogates, blanks of every kind.
ODD = st.sampled_from(
    ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x0b", "\x0c", "\r", "\r\n", "\n", "\t", "\u2028",
     "\u2029", "\ud800", "\udfff", "\u00a0", "\u3000", " ", "\u200b", "a", "é", "😀"]
)  # fmt: skip
PASTED = st.one_of(ANY_TEXT, st.lists(ODD | ANY_TEXT, max_size=20).map("".join))


def _controls(value: str) -> set[str]:
    return {ch for ch in value if unicodedata.category(ch) == "Cc"}


@given(PASTED)
@example("\x00")
@example("a\ud800b")
@example(" \r\n\t x \x85 y \u2028 ")
def test_single_line_clean_is_safe_stripped_and_on_one_line(value: str) -> None:
    result = text.clean(value)
    assert _controls(result) == set()
    assert not any(unicodedata.category(ch) == "Cs" for ch in result)
    assert "\n" not in result and "\u2028" not in result and "\u2029" not in result
    assert result == result.strip()
    assert "  " not in result  # runs of blanks collapse to one space
    result.encode("utf-8")  # storable and exportable as is
    assert text.clean(result) == result


@given(PASTED)
@example("line one\r\nline two\rline three\x85four\u2028five")
@example("\t indented\n\x00\n")
def test_multiline_clean_keeps_only_newline_and_tab(value: str) -> None:
    result = text.clean(value, multiline=True)
    assert _controls(result) <= {"\n", "\t"}
    assert not any(unicodedata.category(ch) == "Cs" for ch in result)
    assert "\r" not in result and "\u2028" not in result and "\u2029" not in result
    assert result == result.strip()
    assert all(line == line.rstrip() for line in result.split("\n"))
    result.encode("utf-8")
    assert text.clean(result, multiline=True) == result


def test_line_breaks_are_normalised_in_multiline_fields() -> None:
    assert text.clean("a\r\nb\rc\x85d\u2028e\u2029f\x0bg\x0ch", multiline=True) == "a\nb\nc\nd\ne\nf\ng\nh"
    assert text.clean("first  \n\tsecond\x00", multiline=True) == "first\n\tsecond"


def test_single_line_fields_turn_newlines_and_tabs_into_single_spaces() -> None:
    assert text.clean("  Ana\n\tLopez\r\n ") == "Ana Lopez"
    assert text.clean("Ana\x00 Lo\x1bpez") == "Ana Lopez"
    assert text.clean("Ana\u00a0\u3000Lopez") == "Ana Lopez"


def test_lone_surrogates_and_nul_are_dropped_but_real_characters_kept() -> None:
    assert text.clean("Jos\ud800é\x00 😀") == "José 😀"
    assert text.clean("\ud83d") == ""


@given(PASTED, st.integers(min_value=0, max_value=60), st.booleans())
def test_limits_are_counted_after_cleaning(value: str, limit: int, multiline: bool) -> None:
    cleaned = text.clean(value, multiline=multiline)
    if len(cleaned) <= limit:
        assert text.optional("f", value, limit, multiline=multiline) == cleaned
    else:
        with pytest.raises(InvalidText) as caught:
            text.optional("f", value, limit, multiline=multiline)
        assert caught.value.problem is TextProblem.TOO_LONG
        assert (caught.value.limit, caught.value.length) == (limit, len(cleaned))


@given(PASTED, st.booleans())
def test_required_refuses_exactly_what_cleans_to_nothing(value: str, multiline: bool) -> None:
    cleaned = text.clean(value, multiline=multiline)
    if cleaned:
        assert text.required("name", value, 10**6, multiline=multiline) == cleaned
    else:
        with pytest.raises(InvalidText) as caught:
            text.required("name", value, 10**6, multiline=multiline)
        assert caught.value.problem is TextProblem.EMPTY
        assert caught.value.field == "name"


@pytest.mark.parametrize("value", ["", "   ", "\n\t\r", "\x00\x01", "\ud800", "\u2028\u3000"])
def test_required_empty(value: str) -> None:
    with pytest.raises(InvalidText) as caught:
        text.required("name", value, text.NAME_LIMIT)
    assert caught.value.problem is TextProblem.EMPTY
    assert text.optional("name", value, text.NAME_LIMIT) == ""


def test_ten_thousand_characters_are_too_long_for_a_name() -> None:
    with pytest.raises(InvalidText) as caught:
        text.required("name", "x" * 10_000, text.NAME_LIMIT)
    error = caught.value
    assert error.problem is TextProblem.TOO_LONG
    assert (error.field, error.limit, error.length) == ("name", text.NAME_LIMIT, 10_000)
    assert "too_long" in str(error)


def test_limit_boundary_and_padding_does_not_count() -> None:
    exactly = "y" * text.NAME_LIMIT
    assert text.required("name", f"  {exactly}\x00\n ", text.NAME_LIMIT) == exactly
    with pytest.raises(InvalidText):
        text.required("name", exactly + "y", text.NAME_LIMIT)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Ana Lopez", "ana lopez"), ("Ana Lopez", "  ANA   LOPEZ "), ("Straße", "STRASSE"), ("Ａｎａ", "ana"),
     ("Ana\tLopez", "ana lopez")],
)  # fmt: skip
def test_same_name_ignores_case_width_and_spacing(a: str, b: str) -> None:
    assert text.same_name(a, b)
    assert text.name_key(a) == text.name_key(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Ana Lopez", "Ana Lopes"), ("Ana Lopez", "AnaLopez"), ("José", "Jose")]
)
def test_different_names_stay_different(a: str, b: str) -> None:
    assert not text.same_name(a, b)


@given(ANY_TEXT, ANY_TEXT)
def test_same_name_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert text.same_name(a, a)
    assert text.same_name(a, b) == text.same_name(b, a)


def test_is_same_person_rules() -> None:
    # Same folded name, same organisation (folded as well).
    assert is_same_person("Ana Lopez", "Food Bank", "ana  lopez", "FOOD BANK")
    # A missing organisation on either side is taken to be the same person.
    assert is_same_person("Ana Lopez", "", "Ana Lopez", "Food Bank")
    assert is_same_person("Ana Lopez", "Food Bank", "ANA LOPEZ", "")
    assert is_same_person("Ana Lopez", "", "Ana Lopez", "")
    # Same name, different organisations: two people.
    assert not is_same_person("Ana Lopez", "Food Bank", "Ana Lopez", "City Council")
    # Different names never match, whatever the organisation.
    assert not is_same_person("Ana Lopez", "", "Ana Lopes", "")


LINE_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"]


@given(ANY_TEXT, st.sampled_from(LINE_BREAKS), ANY_TEXT, st.booleans())
@example("a", "\x0b", "b", False)
@example("a", "\x85", "b", True)
@example(" x ", "\u2029", "\ty", True)
def test_every_kind_of_line_break_counts_as_one(before: str, brk: str, after: str, multiline: bool) -> None:
    """Text pasted from Windows, old Macs, Word or a web page breaks lines with different characters;
    each must act like a plain newline (a space in one-line fields), never glue words together."""
    # "\r" next to "\n" forms the single break "\r\n", which the comparison would count as two.
    assume(not before.endswith("\r") and not after.startswith("\n"))
    assert text.clean(before + brk + after, multiline=multiline) == text.clean(
        before + "\n" + after, multiline=multiline
    )


@pytest.mark.parametrize("brk", LINE_BREAKS)
def test_a_line_break_in_a_name_separates_words(brk: str) -> None:
    assert text.clean(f"Ana{brk}Lopez") == "Ana Lopez"
    assert text.clean(f"Ana{brk}Lopez", multiline=True) == "Ana\nLopez"
