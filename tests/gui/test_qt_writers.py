"""The Qt writers: PDF, ODT, the QTextDocument and the chart image, read back the way a person would.

PDFs are read with poppler's tools (pdftotext, pdfinfo, pdfimages), ODT files as the zip they are;
user text must come out literally, never as markup.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import (
    QColor,
    QPageSize,
    QPdfWriter,
    QTextBlock,
    QTextDocument,
    QTextFormat,
    QTextFragment,
    QTextList,
    QTextListFormat,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

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
from facilitator.ui.minutes import qtdocument
from facilitator.ui.minutes.qtdocument import (
    DocumentWriteError,
    chart_image,
    chart_png,
    page_layout,
    print_document,
    to_text_document,
    write_odt,
    write_pdf,
)

poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

LONG = " ".join(f"word{n}" for n in range(500))[:3000]
HOSTILE = "<b>not bold</b> <script>x</script> &amp; 🎉"
VOTE = Chart(
    "Vote on the garden",
    (
        Bar(
            "In favour, and a label far too long to fit in the label column of the chart", 12, BarTone.SUPPORT
        ),
        Bar("Against", 3, BarTone.OPPOSE),
        Bar("Block", 1, BarTone.BLOCK),
        Bar("Abstain", 0, BarTone.NEUTRAL),
    ),
)


def sample(*, chart: bool = True) -> Document:
    blocks: list[Block] = [
        Heading(2, "Decisions <i>"),
        Paragraph(HOSTILE),
        Paragraph(LONG),
        Fields((("Date", "1 May 2024"), ("Place", "Hall & <Annex>"))),
        Heading(3, "Counts"),
        Table(
            ("Option", "Votes"),
            (("Plant trees\nnear the school", "12"), ("Pave <the> lot", "3")),
            numeric=frozenset({1}),
        ),
        Bullets(("first point", "second <point>")),
        Bullets(("step one", "step two"), numbered=True),
        Paragraph("Carried", Tone.STRONG),
        Paragraph("Corrected later", Tone.QUIET),
    ]
    if chart:
        blocks.append(VOTE)
    blocks.append(Signature(("Recorder: Ana", "Date")))
    return Document("Minutes of the <garden> meeting", tuple(blocks), footer="Draft minutes")


def big() -> Document:
    rows = tuple((f"row {n}", f"note {n}", str(n)) for n in range(300))
    return Document(
        "Big",
        (
            Bullets(tuple(f"item {n}" for n in range(1000))),
            Table(("Name", "Note", "Count"), rows, numeric=frozenset({2})),
        ),
        footer="Big footer",
    )


def pdf_text(pdf: bytes, tmp_path: Path, page: int | None = None) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_info(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return {
        key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())
    }


def pdf_image_count(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "images.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True).stdout
    return len(out.splitlines()) - 2  # two header lines


@poppler
def test_pdf_has_every_text_literally(qapp: object, tmp_path: Path) -> None:
    text = pdf_text(write_pdf(sample()), tmp_path)
    flat = " ".join(text.split())
    for words in (
        "Minutes of the <garden> meeting",
        "Decisions <i>",
        "Counts",
        "<b>not bold</b> <script>x</script> &amp;",
        "Hall & <Annex>",
        "Plant trees",
        "near the school",
        "Pave <the> lot",
        "second <point>",
        "Recorder: Ana",
        "word0 word1",
        LONG.split()[-2],
        "Draft minutes · page 1 of",
    ):
        assert words in flat, words
    assert re.search(r"page 1 of \d", flat)
    assert "&lt;" not in flat


@poppler
def test_pdf_is_a4_with_title_and_embeds_the_chart(qapp: object, tmp_path: Path) -> None:
    with_chart = write_pdf(sample())
    info = pdf_info(with_chart, tmp_path)
    assert info["Title"] == "Minutes of the <garden> meeting"
    assert "A4" in info["Page size"] or "Letter" in info["Page size"]
    assert pdf_image_count(with_chart, tmp_path) == 1
    assert pdf_image_count(write_pdf(sample(chart=False)), tmp_path) == 0


def test_paper_follows_the_locale() -> None:
    letter = QPageSize.PageSizeId.Letter
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    canada = QLocale(QLocale.Language.French, QLocale.Country.Canada)
    germany = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert page_layout(us).pageSize().id() == letter
    assert page_layout(canada).pageSize().id() == letter
    assert page_layout(germany).pageSize().id() == QPageSize.PageSizeId.A4
    margins = page_layout(germany).margins()
    assert (margins.left(), margins.top(), margins.right(), margins.bottom()) == (20, 20, 20, 20)


def test_odt_holds_the_text_escaped_and_the_chart_as_a_picture(qapp: object) -> None:
    archive = zipfile.ZipFile(io.BytesIO(write_odt(sample())))
    content = archive.read("content.xml").decode()
    manifest = archive.read("META-INF/manifest.xml").decode()
    assert "&lt;b&gt;not bold&lt;/b&gt; &lt;script&gt;x&lt;/script&gt; &amp;amp; 🎉" in content
    assert "Pave &lt;the&gt; lot" in content
    assert "<script>" not in content
    pictures = [name for name in archive.namelist() if name.startswith("Pictures/")]
    assert len(pictures) == 1
    assert pictures[0] in manifest
    assert archive.read(pictures[0])[:8] == b"\x89PNG\r\n\x1a\n"


def test_odt_failure_is_an_exception(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    class BrokenWriter:
        def __init__(self, *args: object) -> None:
            pass

        def write(self, document: QTextDocument) -> bool:
            return False

    monkeypatch.setattr(qtdocument, "QTextDocumentWriter", BrokenWriter)
    with pytest.raises(DocumentWriteError):
        write_odt(sample())


def test_text_document_takes_user_text_as_plain_text(qapp: object) -> None:
    document = to_text_document(sample())
    plain = document.toPlainText()
    assert HOSTILE in plain
    assert LONG in plain
    assert "Plant trees\nnear the school" in plain
    assert document.metaInformation(QTextDocument.MetaInformation.DocumentTitle) == (
        "Minutes of the <garden> meeting"
    )
    # Nothing in the hostile paragraph turned bold: the tags stayed text.
    block = document.find("<b>not bold</b>").block()
    assert all(not fragment.charFormat().font().bold() for fragment in _fragments(block))


def test_text_document_structure(qapp: object) -> None:
    document = to_text_document(sample())
    headings: dict[str, int] = {}
    lists: list[QTextList] = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            headings[block.text()] = block.blockFormat().headingLevel()
        text_list = block.textList()
        if text_list is not None and text_list not in lists:
            lists.append(text_list)
        block = block.next()
    assert headings == {"Minutes of the <garden> meeting": 1, "Decisions <i>": 2, "Counts": 3}
    disc, decimal = QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListDecimal
    assert [(text_list.format().style(), text_list.count()) for text_list in lists] == [
        (disc, 2),
        (decimal, 2),
    ]
    tables = [frame for frame in document.rootFrame().childFrames() if isinstance(frame, QTextTable)]
    fields, counts = tables
    assert fields.format().border() == 0
    assert counts.format().headerRowCount() == 1
    votes = counts.cellAt(1, 1).firstCursorPosition().blockFormat().alignment()
    assert votes & Qt.AlignmentFlag.AlignRight
    header = counts.cellAt(0, 0).firstCursorPosition()
    header.movePosition(header.MoveOperation.NextCharacter)
    assert header.charFormat().font().bold()
    images = [
        fmt
        for fmt in document.allFormats()
        if fmt.isImageFormat() and fmt.toImageFormat().name().startswith("chart:")
    ]
    assert len(images) == 1
    assert not document.resource(QTextDocument.ResourceType.ImageResource, "chart:1").isNull()


def _fragments(block: QTextBlock) -> list[QTextFragment]:
    found = []
    iterator = block.begin()
    while not iterator.atEnd():
        found.append(iterator.fragment())
        iterator += 1
    return found


@pytest.mark.parametrize(
    "chart",
    [
        Chart("", ()),
        Chart("Nothing counted yet", ()),
        Chart("All zero", (Bar("Yes", 0, BarTone.SUPPORT), Bar("No", 0, BarTone.OPPOSE))),
        Chart("", (Bar("", 5),)),
        Chart("Negative", (Bar("Odd", -2, BarTone.BLOCK), Bar("Even", 4))),
        VOTE,
    ],
)
def test_chart_image_is_drawn_for_any_counts(qapp: object, chart: Chart) -> None:
    image = chart_image(chart)
    assert not image.isNull()
    assert image.width() == 1200
    assert image.height() > 0
    assert chart_png(chart)[:8] == b"\x89PNG\r\n\x1a\n"


def test_chart_grows_with_its_bars_and_keeps_labels_legible(qapp: object) -> None:
    one = chart_image(Chart("t", (Bar("a", 1),)))
    four = chart_image(VOTE)
    row = (four.height() - one.height()) / 3
    # Placed 16 cm wide, a row must leave room for 10 pt text: 10 pt is 10/72 inch.
    placed_points_per_pixel = (16 / 2.54 * 72) / four.width()
    assert row * placed_points_per_pixel >= 10 * 1.5
    # The bars' colours differ, also to a black-and-white printer.
    colours = [QColor(colour) for colour in qtdocument.BAR_COLOURS.values()]
    greys = sorted(0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue() for c in colours)
    assert min(b - a for a, b in itertools.pairwise(greys)) >= 30


def test_long_chart_labels_stay_out_of_the_bars(qapp: object) -> None:
    image = chart_image(Chart("", (Bar("W" * 200, 10, BarTone.BLOCK),)))
    # The dark bar starts right of the label column, capped at 38% of the width.
    row_y = image.height() // 2
    first_dark = next(
        x
        for x in range(image.width())
        if QColor(image.pixel(x, row_y)) == QColor(qtdocument.BAR_COLOURS[BarTone.BLOCK])
    )
    assert image.width() * 0.38 < first_dark < image.width() * 0.5


@poppler
def test_big_document_is_quick_and_runs_over_pages(qapp: object, tmp_path: Path) -> None:
    started = time.perf_counter()
    to_text_document(big())
    assert time.perf_counter() - started < 0.5
    pdf = write_pdf(big())
    pages = int(pdf_info(pdf, tmp_path)["Pages"])
    assert pages > 10
    last = pdf_text(pdf, tmp_path, page=pages)
    assert f"Big footer · page {pages} of {pages}" in last
    # The table's header row is repeated on the pages it runs onto.
    assert "Name" in last
    assert "Count" in last
    assert "row 299" in last


@poppler
def test_headings_stay_with_the_text_they_introduce(qapp: object, tmp_path: Path) -> None:
    blocks: list[Block] = []
    for n in range(40):
        blocks.append(Heading(2, f"Section {n:02}"))
        if n % 3 == 2:  # a table right under its heading: Qt keeps an unseen empty block between
            blocks.append(Table(("Name", "Count"), tuple((f"row {r}", str(r)) for r in range(8))))
        else:
            blocks.append(Paragraph(f"Body {n:02} " + "text " * 60))
    pdf = write_pdf(Document("Headings", tuple(blocks)))
    pages = int(pdf_info(pdf, tmp_path)["Pages"])
    assert pages > 2
    for page in range(1, pages + 1):
        lines = [line.strip() for line in pdf_text(pdf, tmp_path, page=page).splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("page ")]
        assert not body[-1].startswith("Section"), (page, body[-1])


@poppler
def test_a_table_row_of_several_lines_is_never_cut_across_two_pages(qapp: object, tmp_path: Path) -> None:
    # Rows of one to eight lines, so some would straddle a page boundary wherever the pages fall.
    rows = tuple((f"Row {r:02} " + "many words in this cell " * (1 + (r * 7) % 8), str(r)) for r in range(60))
    document = Document("Rows", (Paragraph("Before the table " * 20), Table(("Idea", "Dots"), rows)))
    writer = QPdfWriter(str(tmp_path / "laid-out.pdf"))
    writer.setPageLayout(qtdocument.page_layout(QLocale(QLocale.Language.English, QLocale.Country.Ireland)))
    original = qtdocument.to_text_document(document)
    paged, body = qtdocument.paged_copy(original, writer)
    layout = paged.documentLayout()
    (table,) = [f for f in paged.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert paged.pageCount() > 2
    for row in range(1, table.rows()):
        cells = [table.cellAt(row, column) for column in range(table.columns())]
        top = min(layout.blockBoundingRect(c.firstCursorPosition().block()).top() for c in cells)
        bottom = max(layout.blockBoundingRect(c.lastCursorPosition().block()).bottom() for c in cells)
        assert int(top // body.height()) == int((bottom - 1) // body.height()), row
    # And on paper: under the headings a page repeats, the next row starts whole, never a row's tail.
    pdf = write_pdf(document)
    for page in range(2, int(pdf_info(pdf, tmp_path)["Pages"]) + 1):
        words = " ".join(pdf_text(pdf, tmp_path, page=page).split())
        assert "Idea Dots Row" in words, (page, words[:120])


def test_print_document_paints_when_the_dialog_is_accepted(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "printed.pdf"
    answers: list[QDialog.DialogCode] = []

    class FakeDialog:
        def __init__(self, printer: QPrinter, parent: QWidget | None) -> None:
            self.printer = printer

        def exec(self) -> int:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(target))
            return answers.pop(0)

    monkeypatch.setattr(qtdocument, "QPrintDialog", FakeDialog)
    parent = QWidget()
    qtbot.addWidget(parent)
    answers.append(QDialog.DialogCode.Rejected)
    assert print_document(sample(), parent) is False
    assert not target.exists()
    answers.append(QDialog.DialogCode.Accepted)
    assert print_document(sample(), parent) is True
    assert target.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        assert "<b>not bold</b>" in pdf_text(target.read_bytes(), tmp_path)


def test_headings_keep_their_level_property(qapp: object) -> None:
    document = to_text_document(Document("T", (Heading(1, "Own title"), Heading(2, "Part"))))
    block = document.begin()
    # A level-1 heading first stands for the title, so the title is not printed twice.
    assert block.text() == "Own title"
    assert block.blockFormat().headingLevel() == 1
    assert block.blockFormat().boolProperty(QTextFormat.Property.BlockNonBreakableLines)
    assert document.toPlainText().count("Own title") == 1
