"""The HTML, Markdown and Word writers: every block shows up with its text, and text people typed
stays text in every format, however hostile."""

from __future__ import annotations

import io
import re
import struct
import zlib
from html.parser import HTMLParser

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from facilitator.domain.document import (
    Bar,
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
    Tone,
)
from facilitator.domain.text import clean
from facilitator.services.documents import write_docx, write_html, write_markdown
from facilitator.services.documents.markdown import escape

HOSTILE = (
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "# not a heading",
    "*bold* and _under_ and `code`",
    "a | b",
    "1. not a list",
    "- not a bullet\n===\n    not code",
    "first line\nsecond line",
    "emoji 🎉👩‍👩‍👧 and RTL שלום עולם مرحبا بكم",
    "&amp; &lt;b&gt; \\ ~~gone~~ $x$ ![img](http://example.com/x.png) <http://example.com>",
)


def tiny_png() -> bytes:
    """A valid 2x1 PNG, made here so the test needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"\x00\xff\x00\x00\x00\x00\xff"  # filter byte, then two RGB pixels
    header = struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


VOTES = Chart(
    "Votes on repainting",
    (
        Bar("Support", 12, BarTone.SUPPORT),
        Bar("Oppose", 3, BarTone.OPPOSE),
        Bar("Block", 1, BarTone.BLOCK),
        Bar("Stand aside", 6, BarTone.NEUTRAL),
    ),
)


def sample(language: str = "en") -> Document:
    return Document(
        title="Riverside residents, 12 May",
        blocks=(
            Heading(1, "Riverside residents, 12 May"),
            Fields((("Date", "12 May 2025"), ("Place", "Community hall"))),
            Heading(2, "Decisions"),
            Paragraph("The group agreed to repaint the hall.", Tone.STRONG),
            Paragraph("Two people stood aside.\nThey asked for a review.", Tone.QUIET),
            Paragraph("Everyone took part."),
            Table(
                ("Option", "Support", "Oppose"),
                (("Paint it green", "12", "3"), ("Leave it", "4", "11")),
                frozenset({1, 2}),
            ),
            VOTES,
            Heading(3, "Actions"),
            Bullets(("Buy paint", "Ask the council")),
            Bullets(("First step", "Second step"), numbered=True),
            Bullets(("Another first", "Another second"), numbered=True),
            Signature(("Recorder", "Date")),
        ),
        language=language,
        footer="Draft minutes",
    )


def hostile(text: str) -> Document:
    """The same text in every place a block can hold text."""
    return Document(
        title=text,
        blocks=(
            Heading(1, text),
            Heading(2, text),
            Fields(((text, text),)),
            Paragraph(text),
            Paragraph(text, Tone.STRONG),
            Paragraph(text, Tone.QUIET),
            Table((text, "n"), ((text, "1"), ("x", text)), frozenset({1})),
            Bullets((text, text)),
            Bullets((text,), numbered=True),
            Chart(text, (Bar(text, 3, BarTone.SUPPORT), Bar(text, 1))),
            Signature((text,)),
        ),
        footer=text,
    )


# --- HTML ----------------------------------------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "link", "input", "col", "area", "base", "source", "wbr", "embed"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.text = ""


class Collect(HTMLParser):
    """Every element with its attributes and the text inside it (children included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1].tag == tag, f"</{tag}> does not close <{self.open[-1].tag}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def parse(page: str) -> Collect:
    parser = Collect()
    parser.feed(page)
    parser.close()
    assert not parser.open, [element.tag for element in parser.open]
    return parser


def texts(page: Collect, tag: str, **attrs: str) -> list[str]:
    return [
        element.text
        for element in page.elements
        if element.tag == tag and all(element.attrs.get(key) == value for key, value in attrs.items())
    ]


def test_html_is_one_self_contained_page_without_scripts_or_links() -> None:
    page = parse(write_html(sample()))
    tags = {element.tag for element in page.elements}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    for element in page.elements:
        for name in element.attrs:
            assert not name.startswith("on"), element.tag
            assert name not in ("href", "src", "xlink:href", "action"), element.tag
    assert "style" in tags
    html = next(element for element in page.elements if element.tag == "html")
    assert html.attrs["lang"] == "en" and html.attrs["dir"] == "ltr"
    policy = [
        e.attrs["content"] for e in page.elements if e.attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policy and "default-src 'none'" in (policy[0] or "")
    assert texts(page, "title")[:3] == ["Riverside residents, 12 May", "Votes on repainting", "Support: 12"]


def test_html_shows_every_block() -> None:
    page = parse(write_html(sample()))
    assert texts(page, "h1") == ["Riverside residents, 12 May"]
    assert texts(page, "h2") == ["Decisions"]
    assert texts(page, "h3") == ["Actions"]
    assert texts(page, "th", scope="row") == ["Date", "Place"]
    assert "12 May 2025" in texts(page, "td")
    assert texts(page, "p", **{"class": "strong"}) == ["The group agreed to repaint the hall."]
    assert texts(page, "p", **{"class": "quiet"}) == ["Two people stood aside.\nThey asked for a review."]
    assert texts(page, "p", **{"class": "normal"}) == ["Everyone took part."]
    assert texts(page, "th", scope="col") == ["Option", "Support", "Oppose"]
    assert texts(page, "td", **{"class": "num"}) == ["12", "3", "4", "11"]
    assert texts(page, "li") == [
        "Buy paint",
        "Ask the council",
        "First step",
        "Second step",
        "Another first",
        "Another second",
    ]
    assert [e.tag for e in page.elements if e.tag in ("ul", "ol")] == ["ul", "ol", "ol"]
    assert texts(page, "div", **{"class": "signature-label"}) == ["Recorder", "Date"]
    assert texts(page, "footer") == ["Draft minutes"]


def test_html_chart_is_an_accessible_svg_coloured_by_tone() -> None:
    page = parse(write_html(sample()))
    (svg,) = [element for element in page.elements if element.tag == "svg"]
    assert svg.attrs["role"] == "img"
    ids = {element.attrs.get("id") for element in page.elements}
    assert set((svg.attrs["aria-labelledby"] or "").split()) <= ids
    assert texts(page, "figcaption") == ["Votes on repainting"]
    assert texts(page, "desc") == ["Support: 12; Oppose: 3; Block: 1; Stand aside: 6"]
    rects = [element for element in page.elements if element.tag == "rect"]
    fills = [rect.attrs["fill"] for rect in rects]
    assert len(set(fills)) == 4
    widths = [float(rect.attrs["width"] or 0) for rect in rects]
    assert widths[0] == max(widths) and widths[1] == pytest.approx(widths[0] * 3 / 12, abs=0.2)
    labels = [e.text for e in page.elements if e.tag == "text" and e.attrs.get("text-anchor") == "end"]
    values = [e.text for e in page.elements if e.tag == "text" and e.attrs.get("text-anchor") == "start"]
    assert labels == ["Support", "Oppose", "Block", "Stand aside"]
    assert values == ["12", "3", "1", "6"]


def test_html_puts_the_title_first_when_no_block_is_the_title() -> None:
    document = Document("Only a title", (Paragraph("Body"),), language="ar")
    page = parse(write_html(document))
    assert texts(page, "h1") == ["Only a title"]
    html = next(element for element in page.elements if element.tag == "html")
    assert html.attrs["lang"] == "ar" and html.attrs["dir"] == "rtl"


def test_html_long_chart_labels_are_shortened_beside_the_bar_but_whole_in_the_description() -> None:
    label = "A very long option name that would run over the bars " * 3
    page = parse(write_html(Document("t", (Chart("c", (Bar(label, 2),)),))))
    beside = next(e.text for e in page.elements if e.tag == "text" and e.attrs.get("text-anchor") == "end")
    assert beside.endswith("…") and len(beside) < 30
    assert texts(page, "desc") == [f"{clean(label)}: 2"]


@pytest.mark.parametrize("text", HOSTILE)
def test_html_keeps_hostile_text_as_text_in_every_block(text: str) -> None:
    source = write_html(hostile(text))
    page = parse(source)
    assert "script" not in {element.tag for element in page.elements}
    assert "<script" not in source
    one_line, lines = clean(text), clean(text, multiline=True)
    assert texts(page, "title")[0] == one_line
    assert texts(page, "h1") == [one_line] and texts(page, "h2") == [one_line]
    assert texts(page, "th", scope="row") == [one_line]
    assert texts(page, "p", **{"class": "normal"}) == [lines]
    assert texts(page, "p", **{"class": "strong"}) == [lines]
    assert texts(page, "p", **{"class": "quiet"}) == [lines]
    assert texts(page, "th", scope="col")[0] == lines
    assert texts(page, "li") == [lines, lines, lines]
    assert texts(page, "figcaption") == [one_line]
    assert texts(page, "div", **{"class": "signature-label"}) == [one_line]
    assert texts(page, "footer") == [one_line]
    assert texts(page, "desc") == [f"{one_line}: 3; {one_line}: 1"]


@settings(deadline=None)
@given(st.text())
def test_any_text_round_trips_through_the_html_parser(text: str) -> None:
    document = Document(text, (Paragraph(text), Table(("h",), ((text,),)), Bullets((text,))))
    page = parse(write_html(document))
    assert not {"script", "img", "iframe", "link"} & {element.tag for element in page.elements}
    lines = clean(text, multiline=True)
    assert texts(page, "p") == ([lines] if lines else [])
    assert texts(page, "td") == [lines]
    assert texts(page, "li") == [lines]
    assert texts(page, "title") == [clean(text)]


# --- Markdown ------------------------------------------------------------------------------------


def unescape(markdown: str) -> str:
    """Undo the writer's escaping: backslash escapes and the two entities."""
    return re.sub(
        r"\\(.)|&lt;|&gt;", lambda m: m.group(1) or {"&lt;": "<", "&gt;": ">"}[m.group(0)], markdown
    )


def split_row(line: str) -> list[str]:
    """The cells of a GitHub table row, as GitHub splits them: "|" ends a cell unless escaped."""
    assert line.startswith("| ") and line.endswith(" |"), line
    cells, current, index, body = [], "", 0, line[1:-1]
    while index < len(body):
        if body[index] == "\\":
            current += body[index : index + 2]
            index += 2
        elif body[index] == "|":
            cells.append(current.strip())
            current, index = "", index + 1
        else:
            current += body[index]
            index += 1
    return [*cells, current.strip()]


def tables(markdown: str) -> list[list[list[str]]]:
    found = []
    for chunk in markdown.rstrip("\n").split("\n\n"):
        lines = chunk.split("\n")
        if lines[0].startswith("| "):
            found.append([split_row(line) for line in lines])
    return found


def test_markdown_shows_every_block() -> None:
    text = write_markdown(sample())
    chunks = text.rstrip("\n").split("\n\n")
    assert chunks[0] == "# Riverside residents, 12 May"
    assert chunks[1] == "- **Date:** 12 May 2025\n- **Place:** Community hall"
    assert "## Decisions" in chunks and "### Actions" in chunks
    assert "**The group agreed to repaint the hall\\.**" in chunks
    assert "*Two people stood aside\\.*\\\n*They asked for a review\\.*" in chunks
    assert "Everyone took part\\." in chunks
    grid, chart = tables(text)
    assert grid == [
        ["Option", "Support", "Oppose"],
        ["---", "---:", "---:"],
        ["Paint it green", "12", "3"],
        ["Leave it", "4", "11"],
    ]
    assert chart[0] == ["Votes on repainting", "", ""]
    assert chart[1] == ["---", "---:", "---"]
    assert [row[:2] for row in chart[2:]] == [
        ["Support", "12"],
        ["Oppose", "3"],
        ["Block", "1"],
        ["Stand aside", "6"],
    ]
    assert [len(row[2]) for row in chart[2:]] == [20, 5, 2, 10]
    assert set("".join(row[2] for row in chart[2:])) == {"█"}
    # The lists right after one another use other markers, or they would run together as one.
    assert "- Buy paint\n- Ask the council" in chunks
    assert "1. First step\n2. Second step" in chunks
    assert "1) Another first\n2) Another second" in chunks
    signatures = [chunk for chunk in chunks if chunk.startswith("\\_")]
    assert [unescape(chunk).split("\n")[1] for chunk in signatures] == ["Recorder", "Date"]
    assert chunks[-2:] == ["---", "*Draft minutes*"]


def test_markdown_adds_the_title_when_no_block_is_the_title() -> None:
    assert write_markdown(Document("A #title", (Paragraph("Body"),))) == "# A \\#title\n\nBody\n"


def test_markdown_bars_of_zero_or_less_are_empty_and_a_small_value_still_shows() -> None:
    chart = Chart("c", (Bar("big", 1000), Bar("tiny", 1), Bar("none", 0), Bar("odd", -4)))
    rows = tables(write_markdown(Document("t", (chart,))))[0][2:]
    assert [len(row[2]) for row in rows] == [20, 1, 0, 0]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_keeps_hostile_text_as_text_in_every_block(text: str) -> None:
    written = write_markdown(hostile(text))
    assert "<" not in written and ">" not in written.replace("&gt;", "")
    assert re.search(r"(?<!\\)\]\(", written) is None  # no link or image can form
    assert re.search(r"(?<!\\)\[", written) is None
    assert "`" not in written.replace("\\`", "")
    # The only headings are the two blocks; every other line starts with escaped text or our markup.
    lines = written.split("\n")
    assert [line for line in lines if line.startswith("#")] == [
        f"# {escape(clean(text))}",
        f"## {escape(clean(text))}",
    ]
    assert not [line for line in lines if re.match(r"\s*(>|=+$|`{3}|~{3}| {4})", line)]
    listed = [line for line in lines if re.match(r"\s*\d+[.)] ", line)]
    first, *more = clean(text, multiline=True).split("\n")
    assert listed == [f"1. {escape(first.strip())}" + ("\\" if more else "")]  # a hard break after it
    for table in tables(written):
        assert len({len(row) for row in table}) == 1
    grid = tables(written)[0]
    assert [unescape(cell) for cell in grid[0]] == [clean(text), "n"]
    assert [unescape(cell) for cell in grid[2]] == [clean(text), "1"]
    assert [unescape(cell) for cell in grid[3]] == ["x", clean(text)]


@given(st.text())
def test_escaped_markdown_is_only_plain_characters_and_escapes(text: str) -> None:
    escaped = escape(text)
    tokens = re.findall(r"\\.|&lt;|&gt;|.", escaped, flags=re.DOTALL)
    specials = set("\\`*_{}[]()#+-.!|~=$&<>")
    assert not [token for token in tokens if token in specials]
    assert unescape(escaped) == text


@given(st.lists(st.text(), min_size=1, max_size=4), st.text())
def test_any_text_in_a_table_cell_keeps_the_column_count_and_reads_back(
    headers: list[str], text: str
) -> None:
    width = len(headers)
    rows = ((text,) * width, ("x",) * width)
    written = write_markdown(Document("t", (Table(tuple(headers), rows, frozenset({0})),)))
    (table,) = tables(written)
    assert [len(row) for row in table] == [width] * 4
    assert [unescape(cell) for cell in table[0]] == [clean(header) for header in headers]
    assert [unescape(cell) for cell in table[2]] == [clean(text)] * width


# --- Word ----------------------------------------------------------------------------------------


def reopen(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def styled(word: docx.document.Document) -> list[tuple[str, str]]:
    return [(p.style.name if p.style else "", p.text) for p in word.paragraphs if p.text]


def test_docx_uses_word_styles_for_every_block() -> None:
    word = reopen(write_docx(sample()))
    paragraphs = styled(word)
    assert paragraphs[0] == ("Title", "Riverside residents, 12 May")
    assert ("Heading 1", "Decisions") in paragraphs and ("Heading 2", "Actions") in paragraphs
    assert [text for style, text in paragraphs if style == "List Bullet"] == ["Buy paint", "Ask the council"]
    assert [text for style, text in paragraphs if style == "List Number"] == [
        "First step",
        "Second step",
        "Another first",
        "Another second",
    ]
    strong = next(p for p in word.paragraphs if p.text == "The group agreed to repaint the hall.")
    assert strong.runs[0].bold
    quiet = next(p for p in word.paragraphs if p.text.startswith("Two people"))
    assert quiet.text == "Two people stood aside.\nThey asked for a review." and quiet.runs[0].italic
    texts = [text for _, text in paragraphs]
    assert texts[-4:] == ["_" * 40, "Recorder", "_" * 40, "Date"]
    fields, grid = word.tables
    assert [[cell.text for cell in row.cells] for row in fields.rows] == [
        ["Date", "12 May 2025"],
        ["Place", "Community hall"],
    ]
    assert grid.style is not None and grid.style.name == "Table Grid"
    assert [[cell.text for cell in row.cells] for row in grid.rows] == [
        ["Option", "Support", "Oppose"],
        ["Paint it green", "12", "3"],
        ["Leave it", "4", "11"],
    ]
    assert all(run.bold for cell in grid.rows[0].cells for run in cell.paragraphs[0].runs)
    assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    for row in grid.rows:
        alignments = [cell.paragraphs[0].alignment for cell in row.cells]
        assert alignments[0] is None and alignments[1:] == [WD_ALIGN_PARAGRAPH.RIGHT] * 2
    assert word.core_properties.title == "Riverside residents, 12 May"
    assert word.core_properties.language == "en"
    assert word.core_properties.author == ""
    assert word.sections[0].footer.paragraphs[0].text == "Draft minutes"


def test_docx_numbered_lists_each_count_from_one() -> None:
    word = reopen(write_docx(sample()))
    numbered = [p for p in word.paragraphs if p.style is not None and p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    numbering = word.part.numbering_part.element
    for num_id in (ids[0], ids[2]):
        start = numbering.num_having_numId(num_id).find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert start is not None and start.get(qn("w:val")) == "1"


def test_docx_embeds_charts_when_a_painter_is_given() -> None:
    painted: list[Chart] = []

    def paint(chart: Chart) -> bytes:
        painted.append(chart)
        return tiny_png()

    word = reopen(write_docx(sample(), paint))
    assert painted == [VOTES]
    assert len(word.inline_shapes) == 1
    assert word.inline_shapes[0]._inline.docPr.get("descr") == "Votes on repainting"
    # The title is drawn in the picture, not repeated as a caption above it.
    assert ("Normal", "Votes on repainting") not in styled(word)
    assert reopen(write_docx(sample())).inline_shapes.__len__() == 0


def test_docx_takes_the_language_for_spelling_and_right_to_left_languages() -> None:
    word = reopen(write_docx(sample(language="he")))
    defaults = word.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "he" and lang.get(qn("w:bidi")) == "he"
    assert defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:bidi')}") is not None
    assert word.core_properties.language == "he"


@pytest.mark.parametrize("text", HOSTILE)
def test_docx_keeps_hostile_text_literal(text: str) -> None:
    word = reopen(write_docx(hostile(text), lambda chart: tiny_png()))
    one_line, lines = clean(text), clean(text, multiline=True)
    paragraphs = styled(word)
    assert paragraphs[0] == ("Title", one_line)
    assert ("Heading 1", one_line) in paragraphs
    assert [t for style, t in paragraphs if style == "Normal"].count(lines) >= 3
    assert [t for style, t in paragraphs if style in ("List Bullet", "List Number")] == [lines] * 3
    fields, grid = word.tables
    assert [cell.text for cell in fields.rows[0].cells] == [one_line, lines]
    assert [[cell.text for cell in row.cells] for row in grid.rows] == [
        [one_line, "n"],
        [lines, "1"],
        ["x", lines],
    ]
    assert word.core_properties.title == one_line[:255]
    assert word.sections[0].footer.paragraphs[0].text == one_line


def test_docx_survives_characters_xml_cannot_hold() -> None:
    text = "a\x00b\x01c\x7fd\ufffee\uffff\ud800f"
    word = reopen(write_docx(hostile(text)))
    assert styled(word)[0] == ("Title", "abcdef")


@settings(deadline=None, max_examples=40)
@given(st.text())
def test_any_text_reads_back_from_word_as_written(text: str) -> None:
    word = reopen(write_docx(Document("t", (Paragraph(text), Table(("h",), ((text,),))))))
    expected = clean(text, multiline=True).replace("\ufffe", "").replace("\uffff", "")
    assert [
        p.text for p in word.paragraphs if p.text and p.style is not None and p.style.name == "Normal"
    ] == ([expected] if expected else [])
    assert word.tables[0].rows[1].cells[0].text == expected


def test_every_block_kind_is_covered_by_the_sample() -> None:
    kinds: set[type[Block]] = {type(block) for block in sample().blocks}
    assert kinds == {Heading, Paragraph, Fields, Table, Bullets, Chart, Signature}


def test_empty_blocks_write_nothing_in_any_format() -> None:
    empty = Document(
        "Title",
        (
            Heading(2, " "),
            Paragraph("\n \n"),
            Fields(()),
            Table((), ()),
            Bullets(()),
            Chart("No votes", ()),
            Signature(()),
        ),
    )
    page = parse(write_html(empty))
    main = {e.tag for e in page.elements} - {"html", "head", "meta", "title", "style", "body", "main"}
    assert main == {"h1"}
    assert write_markdown(empty) == "# Title\n"
    word = reopen(write_docx(empty, lambda chart: tiny_png()))
    assert [p.text for p in word.paragraphs] == ["Title"] and not word.tables and not word.inline_shapes


def test_docx_columns_share_the_width_by_what_they_hold() -> None:
    table = Table(
        ("What", "Who", "Due", "Decision"),
        (("Write to every employer on the high street about summer places", "Ana", "9 Nov 2026", "2"),),
        frozenset({3}),
    )
    word = reopen(write_docx(Document("T", (table,))))
    widths = [column.width for column in word.tables[0].columns]
    assert widths[0] == max(widths)  # the long "what" gets the most room
    assert all(width > 0 for width in widths)
    assert widths[3] < widths[0] / 2
