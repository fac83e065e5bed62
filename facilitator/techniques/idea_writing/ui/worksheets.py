"""The printed worksheets for idea writing and 6-3-5 brainwriting: one sheet per person, as a PDF
file or through a print preview. Both paint every page with ``paint_worksheet``, so the preview
shows exactly what prints.

A page has the item's title and question, the group and the sheet's owner, the sheet code (B3)
large in a box in the top-right corner (the mark that finds the sheet again when it is typed in),
one line saying what to do, and a grid for handwriting: a row per round, labelled with whose turn
it is, and a column per idea. Rows share the room left on the page, never less than two
handwritten lines need; a sheet with more rows than that goes on over a second page, the code
repeated. Black on white, sizes in points and millimetres, so it prints the same on any device.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from facilitator import APP_NAME
from facilitator.services.documents.files import save_bytes
from facilitator.techniques.idea_writing.model import Direction, Member, Variant, WritingView, writer
from facilitator.ui.minutes.qtdocument import PDF_RESOLUTION, DocumentWriteError, page_layout

# Millimetres on paper.
MIN_CELL_MM = 12.0  # two handwritten lines, just; rows never shrink below this
MAX_CELL_MM = 80.0  # a pad with two or three rows would otherwise get cells a hand's length tall
_CODE_BOX_MM = (36.0, 26.0)  # width, height
_GAP_MM = 3.0
_PAD_MM = 2.0  # inside a box, between its edge and the text
_FOOTER_MM = 8.0

# Points.
_TITLE_PT = 10.0
_QUESTION_PT = (16.0, 13.0, 11.0)  # a long question steps down a size before it is cut short
_QUESTION_LINES = (4, 6, 8)
_OWNER_PT = 12.0
_CODE_PT = 40.0
_CAPTION_PT = 8.0
_INSTRUCTION_PT = 11.0
_INSTRUCTION_LINES = 3
_LABEL_PT = 10.5
_FOOTER_PT = 8.5

_INK = QColor("#000000")
_CONTEXT = "IdeaWriting"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _filled(template: str, *values: object) -> str:
    for number, value in enumerate(values, start=1):
        template = template.replace(f"%{number}", str(value))
    return template


# --- what goes on a sheet ---------------------------------------------------------------------------


def instruction(view: WritingView) -> str:
    """The one line under the header: what to do with the sheet, in plain words."""
    settings = view.settings
    if settings.variant is Variant.IDEA_WRITING:
        return _tr(
            "Answer the question in the first row. Then pass the pad on; add reactions and new ideas"
            " in the next empty row."
        )
    count = settings.ideas_per_round
    if count == 1:
        if settings.direction is Direction.RIGHT:
            return _tr(
                "Write 1 idea in your row, building on the ideas above if you can. When time is up,"
                " pass the sheet to your right."
            )
        return _tr(
            "Write 1 idea in your row, building on the ideas above if you can. When time is up,"
            " pass the sheet to your left."
        )
    if settings.direction is Direction.RIGHT:
        words = _tr(
            "Write %1 ideas in your row, building on the ideas above if you can. When time is up,"
            " pass the sheet to your right."
        )
    else:
        words = _tr(
            "Write %1 ideas in your row, building on the ideas above if you can. When time is up,"
            " pass the sheet to your left."
        )
    return _filled(words, count)


def row_labels(view: WritingView, member: Member) -> list[str]:
    """One label per row: the round and the name of whoever writes in it, so people find their row.
    On a pad the owner answers first ("Your answer"), then the others react in turn."""
    group = view.group(member.group_id)
    people = {m.seat: m.name for m in group.members} if group else {member.seat: member.name}
    size = max(1, len(people))
    labels = []
    for round_number in range(1, view.rounds_on(member.id) + 1):
        name = people.get(writer(member.seat, round_number, size, view.settings.direction), "")
        if view.settings.variant is Variant.IDEA_WRITING:
            labels.append(_tr("Your answer") if round_number == 1 else _filled(_tr("Reaction from %1"), name))
        else:
            labels.append(_filled(_tr("Round %1 — %2"), round_number, name))
    return labels


def sheets(view: WritingView) -> list[Member]:
    """Everyone with a sheet, group by group, each group by seat: the order the pages print in."""
    return [
        member
        for group in sorted(view.groups, key=lambda g: (g.position, g.id))
        for member in sorted(group.members, key=lambda m: (m.seat, m.id))
    ]


# --- laying out a page --------------------------------------------------------------------------------


def _font(points: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(["Noto Sans", "Liberation Sans", "DejaVu Sans", "Arial", "Helvetica", "Nimbus Sans"])
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _wrap(text: str, font: QFont, width: float, device: QPaintDevice, most: int) -> tuple[list[str], bool]:
    """``text`` broken into lines ``width`` wide, at most ``most`` of them; the last one ends in an
    ellipsis when the text goes on past it (then the flag is set). Line breaks in the text are kept."""
    lines: list[str] = []
    rest: list[str] = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font, device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            piece = paragraph[line.textStart() : line.textStart() + line.textLength()]
            (lines if len(lines) < most else rest).append(piece.strip())
        layout.endLayout()
    if rest:
        metrics = QFontMetricsF(font, device)
        last = " ".join([lines[-1], *rest]).strip()
        # Elided a hair short of the width: the ellipsis must never touch the box beside it.
        lines[-1] = metrics.elidedText(last + " …", Qt.TextElideMode.ElideRight, width * 0.98)
    return lines or [""], bool(rest)


@dataclass(frozen=True)
class _Text:
    lines: tuple[str, ...]
    font: QFont
    line_height: float
    cut: bool = False  # the text went on past the last line

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height


@dataclass(frozen=True)
class _Plan:
    mm: float  # device units per millimetre
    title: _Text | None
    question: _Text
    owner: str
    header_height: float  # the text column or the code box, whichever is taller
    instruction: _Text
    labels: tuple[str, ...]
    chunks: tuple[tuple[int, int], ...]  # rows [start, end) on each page of the sheet
    grid_top: float  # below the column headings
    heading_height: float
    band: float  # the label strip at the top of a row
    cell: float  # the writing room under it


def _text(text: str, font: QFont, width: float, device: QPaintDevice, most: int) -> _Text:
    spacing = QFontMetricsF(font, device).lineSpacing()
    lines, cut = _wrap(text, font, width, device, most)
    return _Text(tuple(lines), font, spacing, cut)


def _plan(device: QPaintDevice, page: QRectF, view: WritingView, member: Member) -> _Plan:
    mm = device.logicalDpiY() / 25.4
    box_width, box_height = (_CODE_BOX_MM[0] * mm, _CODE_BOX_MM[1] * mm)
    column = page.width() - box_width - 2 * _GAP_MM * mm
    question_text = " ".join(view.question.split()) if "\n" not in view.question else view.question
    title = None
    if view.title.strip() and " ".join(view.title.split()) != " ".join(view.question.split()):
        title = _text(view.title, _font(_TITLE_PT), column, device, 1)
    # The biggest size at which the whole question fits; else the smallest, cut short.
    for points, most in zip(_QUESTION_PT, _QUESTION_LINES, strict=True):
        question = _text(question_text, _font(points, bold=True), column, device, most)
        if not question.cut:
            break
    group = view.group(member.group_id)
    letter = group.letter if group else ""
    owner = f"{_filled(_tr('Group %1'), letter)}   ·   {member.name}"
    owner_height = QFontMetricsF(_font(_OWNER_PT, bold=True), device).lineSpacing()
    column_height = (title.height + _GAP_MM * mm / 2 if title else 0) + question.height
    column_height += _GAP_MM * mm + owner_height
    header_height = max(column_height, box_height)
    top = page.top() + header_height + 2 * _GAP_MM * mm  # with the rule between
    words = _text(instruction(view), _font(_INSTRUCTION_PT), page.width(), device, _INSTRUCTION_LINES)
    top += words.height + 1.5 * _GAP_MM * mm
    heading_height = QFontMetricsF(_font(_LABEL_PT, bold=True), device).lineSpacing() + _PAD_MM * mm
    grid_top = top + heading_height
    room = page.bottom() - _FOOTER_MM * mm - _GAP_MM * mm - grid_top
    band = QFontMetricsF(_font(_LABEL_PT, bold=True), device).lineSpacing() + 1.1 * _PAD_MM * mm
    labels = tuple(row_labels(view, member))
    rows = max(1, len(labels))
    fits = max(1, math.floor(room / (band + MIN_CELL_MM * mm)))
    parts = math.ceil(rows / fits)
    per_page = math.ceil(rows / parts)  # shared out evenly: six and six, not eleven and one
    cell = min(room / per_page - band, MAX_CELL_MM * mm)
    chunks = tuple((start, min(start + per_page, rows)) for start in range(0, rows, per_page))
    return _Plan(mm, title, question, owner, header_height, words, labels, chunks, grid_top,
                 heading_height, band, cell)  # fmt: skip


# --- painting ---------------------------------------------------------------------------------------


def _pen(width_mm: float, mm: float) -> QPen:
    pen = QPen(_INK)
    pen.setWidthF(width_mm * mm)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    return pen


def _draw_lines(painter: QPainter, text: _Text, left: float, top: float, width: float) -> float:
    painter.setFont(text.font)
    for line in text.lines:
        box = QRectF(left, top, width, text.line_height)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)
        top += text.line_height
    return top


def _draw_one_line(painter: QPainter, box: QRectF, text: str, font: QFont, align: Qt.AlignmentFlag) -> None:
    """One line, elided to the box: a long name never runs over the edge."""
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, box.width())
    painter.drawText(box, int(align | Qt.AlignmentFlag.AlignVCenter), shown)


def _draw_code(painter: QPainter, box: QRectF, code: str, mm: float) -> None:
    painter.setPen(_pen(0.8, mm))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(box)
    painter.setPen(_INK)
    inner = box.adjusted(_PAD_MM * mm, _PAD_MM * mm / 2, -_PAD_MM * mm, -_PAD_MM * mm / 2)
    caption = _font(_CAPTION_PT)
    caption_height = QFontMetricsF(caption, painter.device()).lineSpacing()
    _draw_one_line(
        painter, QRectF(inner.left(), inner.top(), inner.width(), caption_height), _tr("Sheet"), caption,
        Qt.AlignmentFlag.AlignHCenter,
    )  # fmt: skip
    # As large as the box allows: a long code (A212, after 24 groups) steps down in size.
    font = _font(_CODE_PT, bold=True)
    while (
        font.pointSizeF() > 12
        and QFontMetricsF(font, painter.device()).horizontalAdvance(code) > inner.width()
    ):
        font.setPointSizeF(font.pointSizeF() - 2)
    painter.setFont(font)
    rest = QRectF(inner.left(), inner.top() + caption_height, inner.width(), inner.height() - caption_height)
    painter.drawText(rest, int(Qt.AlignmentFlag.AlignCenter), code)


def paint_worksheet(
    painter: QPainter, page_rect: QRectF, view: WritingView, member: Member, part: int = 0
) -> int:
    """Paint one page of ``member``'s sheet (``part`` from 0 when it needs more than one page) into
    ``page_rect``, in the painter's device units; returns how many pages the sheet needs."""
    device = painter.device()
    plan = _plan(device, page_rect, view, member)
    part = max(0, min(part, len(plan.chunks) - 1))
    mm = plan.mm
    code = view.code(member.id)
    group = view.group(member.group_id)
    letter = group.letter if group else ""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(_INK)

    # The header: title, question and owner on the left; the code in its box on the right.
    left, width = page_rect.left(), page_rect.width()
    box = QRectF(
        page_rect.right() - _CODE_BOX_MM[0] * mm, page_rect.top(), _CODE_BOX_MM[0] * mm, _CODE_BOX_MM[1] * mm
    )
    column = width - box.width() - 2 * _GAP_MM * mm
    top = page_rect.top()
    if plan.title is not None:
        top = _draw_lines(painter, plan.title, left, top, column) + _GAP_MM * mm / 2
    top = _draw_lines(painter, plan.question, left, top, column) + _GAP_MM * mm
    owner_font = _font(_OWNER_PT, bold=True)
    owner_height = QFontMetricsF(owner_font, device).lineSpacing()
    _draw_one_line(painter, QRectF(left, top, column, owner_height), plan.owner, owner_font,
                   Qt.AlignmentFlag.AlignLeft)  # fmt: skip
    _draw_code(painter, box, code, mm)
    painter.setPen(_INK)

    top = page_rect.top() + plan.header_height + _GAP_MM * mm
    painter.setPen(_pen(0.3, mm))
    painter.drawLine(QPointF(left, top), QPointF(page_rect.right(), top))
    painter.setPen(_INK)
    _draw_lines(painter, plan.instruction, left, top + _GAP_MM * mm, width)

    # The grid: column headings, then per row a label strip above the writing cells.
    ideas = max(1, view.settings.ideas_per_round)
    cell_width = width / ideas
    heading_font = _font(_LABEL_PT, bold=True)
    for idea in range(ideas):
        heading = QRectF(left + idea * cell_width, plan.grid_top - plan.heading_height, cell_width,
                         plan.heading_height - _PAD_MM * mm / 2)  # fmt: skip
        _draw_one_line(painter, heading, _filled(_tr("Idea %1"), idea + 1), heading_font,
                       Qt.AlignmentFlag.AlignHCenter)  # fmt: skip
    start, end = plan.chunks[part]
    row_height = plan.band + plan.cell
    label_font = _font(_LABEL_PT, bold=True)
    for index, label in enumerate(plan.labels[start:end]):
        row_top = plan.grid_top + index * row_height
        band_bottom = row_top + plan.band
        painter.setPen(_INK)
        _draw_one_line(
            painter, QRectF(left + _PAD_MM * mm, row_top, width - 2 * _PAD_MM * mm, plan.band), label,
            label_font, Qt.AlignmentFlag.AlignLeft,
        )  # fmt: skip
        painter.setPen(_pen(0.2, mm))
        painter.drawLine(QPointF(left, band_bottom), QPointF(page_rect.right(), band_bottom))
        painter.setPen(_pen(0.3, mm))
        for idea in range(1, ideas):
            x = left + idea * cell_width
            painter.drawLine(QPointF(x, band_bottom), QPointF(x, row_top + row_height))
        if index:
            painter.setPen(_pen(0.6, mm))
            painter.drawLine(QPointF(left, row_top), QPointF(page_rect.right(), row_top))
    painter.setPen(_pen(0.6, mm))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(left, plan.grid_top, width, (end - start) * row_height))

    # The footer: the code again, small, with where the sheet belongs.
    footer_top = page_rect.bottom() - _FOOTER_MM * mm
    painter.setPen(_pen(0.2, mm))
    painter.drawLine(QPointF(left, footer_top), QPointF(page_rect.right(), footer_top))
    painter.setPen(_INK)
    size = len(group.members) if group else 1
    where = _filled(_tr("%1 — sheet %2 of %3 in group %4"), code, member.seat, size, letter)
    footer_font = _font(_FOOTER_PT)
    text_box = QRectF(left, footer_top + _PAD_MM * mm / 2, width, _FOOTER_MM * mm - _PAD_MM * mm / 2)
    pages = ""
    if len(plan.chunks) > 1:
        pages = _filled(_tr("page %1 of %2 of this sheet"), part + 1, len(plan.chunks))
        room = QFontMetricsF(footer_font, device).horizontalAdvance(pages) + 4 * _GAP_MM * mm
        _draw_one_line(painter, text_box, pages, footer_font, Qt.AlignmentFlag.AlignRight)
        text_box.setWidth(width - room)
    _draw_one_line(painter, text_box, where, footer_font, Qt.AlignmentFlag.AlignLeft)
    painter.restore()
    return len(plan.chunks)


def paint_worksheets(device: QPagedPaintDevice, view: WritingView, members: Sequence[Member] = ()) -> int:
    """Every sheet (or the ones given) onto ``device``, a page or more each; returns the pages."""
    chosen = list(members) or sheets(view)
    if not chosen:
        return 0
    page = QRectF(0, 0, device.width(), device.height())
    painter = QPainter()
    if not painter.begin(device):
        raise DocumentWriteError(_tr("The worksheets could not be started."))
    pages = 0
    try:
        for member in chosen:
            part, parts = 0, 1
            while part < parts:
                if pages and not device.newPage():
                    raise DocumentWriteError(_tr("A new page could not be started."))
                parts = paint_worksheet(painter, page, view, member, part)
                pages += 1
                part += 1
    finally:
        painter.end()
    return pages


# --- files and printing -----------------------------------------------------------------------------


def _document_name(view: WritingView) -> str:
    return _filled(_tr("Worksheets: %1"), view.title)


def worksheets_pdf(view: WritingView) -> tuple[bytes, int]:
    """The worksheets as PDF bytes (A4 or Letter, as the minutes), and how many pages they have."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pdf = QPdfWriter(buffer)
    pdf.setResolution(PDF_RESOLUTION)
    pdf.setPageLayout(page_layout())
    pdf.setTitle(_document_name(view))
    pdf.setCreator(APP_NAME)
    pages = paint_worksheets(pdf, view)
    buffer.close()
    return bytes(data.data()), pages


def write_worksheets(view: WritingView, path: Path) -> int:
    """One PDF with a page per person (more for a sheet with many rows), written at once so a
    failure leaves no half file; returns the pages written. Without groups nothing is written."""
    data, pages = worksheets_pdf(view)
    if pages:
        save_bytes(path, data)
    return pages


def worksheet_preview(view: WritingView, parent: QWidget | None) -> QPrintPreviewDialog:
    """The print preview of the worksheets, not yet shown; its Print button prints them."""
    dialog = QPrintPreviewDialog(parent)
    printer = dialog.printer()
    printer.setPageLayout(page_layout())
    printer.setDocName(_document_name(view))
    printer.setCreator(APP_NAME)
    dialog.setWindowTitle(_document_name(view))
    dialog.paintRequested.connect(lambda device: paint_worksheets(device, view))
    return dialog


def preview_worksheets(view: WritingView, parent: QWidget | None) -> bool:
    """Show the print preview, where the facilitator can print; whether anything was printed."""
    dialog = worksheet_preview(view, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
