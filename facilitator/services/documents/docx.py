"""Minutes as a Word document built from Word's own styles, so people can restyle and edit it.

python-docx writes text into XML nodes, never parses it, so what a person typed stays literal text.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime

import docx
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Pt
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

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
from facilitator.services.documents.columns import column_shares

SIGNATURE_LINE = "_" * 40
CHART_WIDTH = Cm(16)
LABEL_WIDTH = Cm(4.5)  # of the label column beside the date, place and the like
PROPERTY_LIMIT = 255  # python-docx refuses longer core properties
QUIET_SIZE = Pt(10)
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "ug", "ur", "yi"})
EAST_ASIAN_LANGUAGES = frozenset({"ja", "ko", "zh"})

ChartPainter = Callable[[Chart], bytes]


def _text(text: str, *, multiline: bool = False) -> str:
    # clean() drops control characters; these two are the rest that XML 1.0 cannot hold.
    return clean(text, multiline=multiline).replace("\ufffe", "").replace("\uffff", "")


def _primary(language: str) -> str:
    return language.replace("_", "-").split("-")[0].lower()


def _keep_with_next(paragraph: WordParagraph) -> WordParagraph:
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _set_language(word: WordDocument, language: str) -> None:
    """Spelling and hyphenation follow the document's language, not the template's en-US."""
    code = _text(language)
    word.core_properties.language = code[:PROPERTY_LIMIT]
    if not code:
        return
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run_defaults = None if defaults is None else defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if run_defaults is None:
        return
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), code)
    primary = _primary(code)
    if primary in EAST_ASIAN_LANGUAGES:
        lang.set(qn("w:eastAsia"), code)
    if primary in RTL_LANGUAGES:
        lang.set(qn("w:bidi"), code)
        paragraph_defaults = (
            defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") if defaults is not None else None
        )
        if paragraph_defaults is not None:
            paragraph_defaults.insert(0, OxmlElement("w:bidi"))


def _set_properties(word: WordDocument, document: Document) -> None:
    properties = word.core_properties
    properties.title = _text(document.title)[:PROPERTY_LIMIT]
    # The template names python-docx as author and 2013 as its date; none of that is true here.
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    now = datetime.now(UTC)
    properties.created = now
    properties.modified = now
    properties.revision = 1
    _set_language(word, document.language)


def _heading(word: WordDocument, block: Heading) -> None:
    text = _text(block.text)
    if not text:
        return
    if block.level <= 1:
        _keep_with_next(word.add_paragraph(text, style="Title"))
    else:
        word.add_heading(text, level=min(block.level - 1, 9))


def _paragraph(word: WordDocument, block: Paragraph) -> None:
    text = _text(block.text, multiline=True)
    if not text:
        return
    run = word.add_paragraph().add_run(text)  # "\n" becomes a line break inside the paragraph
    if block.tone is Tone.STRONG:
        run.bold = True
    elif block.tone is Tone.QUIET:
        run.italic = True
        run.font.size = QUIET_SIZE


def _right_to_left(word: WordDocument) -> bool:
    return _primary(word.core_properties.language or "") in RTL_LANGUAGES


def _table_direction(word: WordDocument, table: WordTable) -> None:
    if _right_to_left(word):
        table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))


def _gap(word: WordDocument) -> None:
    # Word joins two tables that touch into one; an empty paragraph keeps each on its own.
    word.add_paragraph().paragraph_format.space_after = Pt(0)


def _fields(word: WordDocument, block: Fields) -> None:
    if not block.pairs:
        return
    # The template's plain table style: no borders, label and value side by side.
    table = word.add_table(rows=len(block.pairs), cols=2)
    _table_direction(word, table)
    # Word reads the cells' widths, LibreOffice the columns'; a narrow label column for both.
    value_width = Emu(max(_usable_width(word) - LABEL_WIDTH, LABEL_WIDTH))
    table.columns[0].width = LABEL_WIDTH
    table.columns[1].width = value_width
    for row, (label, value) in zip(table.rows, block.pairs, strict=True):
        label_cell, value_cell = row.cells
        label_cell.width = LABEL_WIDTH
        value_cell.width = value_width
        label_cell.paragraphs[0].add_run(_text(label)).bold = True
        value_cell.paragraphs[0].add_run(_text(value, multiline=True))
    _rows_stay_whole(table)
    _gap(word)


def _rows_stay_whole(table: WordTable) -> None:
    """No row is split across two pages: a label would otherwise end one page and its value
    begin the next."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _repeat_as_header(table: WordTable) -> None:
    """The header row comes again at the top of each page the table runs onto."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def _grid(
    word: WordDocument, headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...], numeric: frozenset[int]
) -> None:
    width = max([len(headers), *(len(row) for row in rows)], default=0)
    if width == 0:
        return
    shown_headers = [_text(header) for header in headers]
    has_header = any(shown_headers)
    lines: list[list[str]] = [shown_headers] if has_header else []
    lines += [[_text(cell, multiline=True) for cell in row] for row in rows]
    if not lines:
        return
    table = word.add_table(rows=len(lines), cols=width)
    table.style = "Table Grid"
    # Word shares columns evenly unless told; a long "what" beside short dates needs more room.
    table.autofit = False
    usable = _text_width(word)
    for column, share in enumerate(column_shares(headers, rows, width, numeric)):
        size = Emu(int(usable * share))
        table.columns[column].width = size
        for cell in table.columns[column].cells:
            cell.width = size
    _table_direction(word, table)
    for index, (row, cells) in enumerate(zip(table.rows, lines, strict=True)):
        for column, (cell, text) in enumerate(zip(row.cells, cells, strict=False)):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            if has_header and index == 0:
                run.bold = True
            if column in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _rows_stay_whole(table)
    if has_header:
        _repeat_as_header(table)
    _gap(word)


def _restarted_numbering(word: WordDocument) -> int:
    """A new list instance of the "List Number" style's numbering, counting from 1 again.

    Every paragraph in "List Number" shares one counter, so a second list would go on from the
    first one's last number; Word itself starts a new instance with a start override."""
    numbering = word.part.numbering_part.element
    style_properties = word.styles["List Number"].element.pPr
    style_num_id = style_properties.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    num_id: int = num.numId
    return num_id


def _bullets(word: WordDocument, block: Bullets) -> None:
    if not block.items:
        return
    num_id = _restarted_numbering(word) if block.numbered else None
    style = "List Number" if block.numbered else "List Bullet"
    for item in block.items:
        paragraph = word.add_paragraph(_text(item, multiline=True), style=style)
        if num_id is not None:
            numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbering.get_or_add_ilvl().val = 0
            numbering.get_or_add_numId().val = num_id


def _text_width(word: WordDocument) -> int:
    section = word.sections[-1]
    if section.page_width is None or section.left_margin is None or section.right_margin is None:
        return int(CHART_WIDTH)
    return int(section.page_width - section.left_margin - section.right_margin)


def _usable_width(word: WordDocument) -> Length:
    """The width between the margins, at most CHART_WIDTH."""
    section = word.sections[-1]
    if section.page_width is None or section.left_margin is None or section.right_margin is None:
        return CHART_WIDTH
    return Emu(min(CHART_WIDTH, section.page_width - section.left_margin - section.right_margin))


def _chart(word: WordDocument, block: Chart, chart_png: ChartPainter | None) -> None:
    # Without a painter the chart is left out: the table that comes with every chart has the numbers.
    if chart_png is None or not block.bars:
        return
    title = _text(block.title)  # drawn in the picture itself
    shape = word.add_picture(io.BytesIO(chart_png(block)), width=_usable_width(word))
    # Screen readers read the picture's description; the chart's title is what it shows.
    shape._inline.docPr.set("descr", title)


def _signature(word: WordDocument, block: Signature) -> None:
    for index, line in enumerate(block.lines):
        rule = word.add_paragraph(SIGNATURE_LINE)
        rule.paragraph_format.space_before = Pt(30)
        rule.paragraph_format.space_after = Pt(0)
        _keep_with_next(rule)
        label = word.add_paragraph(_text(line))
        if index < len(block.lines) - 1:
            _keep_with_next(label)  # the signatures stay together on one page


def _footer(word: WordDocument, text: str) -> None:
    footer = _text(text)
    if not footer:
        return
    for section in word.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.text = footer
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _add(word: WordDocument, block: Block, chart_png: ChartPainter | None) -> None:
    match block:
        case Heading():
            _heading(word, block)
        case Paragraph():
            _paragraph(word, block)
        case Fields():
            _fields(word, block)
        case Table(headers=headers, rows=rows, numeric=numeric):
            _grid(word, headers, rows, numeric)
        case Bullets():
            _bullets(word, block)
        case Chart():
            _chart(word, block, chart_png)
        case Signature():
            _signature(word, block)


def _with_title(document: Document) -> tuple[Block, ...]:
    """The title is the level-1 heading; a document built without one still shows its title."""
    has_title = any(isinstance(block, Heading) and block.level <= 1 for block in document.blocks)
    if has_title or not clean(document.title):
        return document.blocks
    return (Heading(1, document.title), *document.blocks)


def write_docx(document: Document, chart_png: Callable[[Chart], bytes] | None = None) -> bytes:
    """The document as .docx bytes; ``chart_png`` draws a chart as PNG (the ui has Qt for that)."""
    word = docx.Document()
    _set_properties(word, document)
    for block in _with_title(document):
        _add(word, block, chart_png)
    _footer(word, document.footer)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
