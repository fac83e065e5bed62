"""The format-neutral minutes drawn with Qt: a bar chart image, a QTextDocument, PDF, ODT and print.

Every piece of user text enters the QTextDocument through ``QTextCursor.insertText``, never through
HTML, so nothing a person typed can become markup. PDF and print share one page painter, which
adds the footer and "page n of m" to every page.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QLocale,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentWriter,
    QTextFormat,
    QTextFrame,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextListFormat,
    QTextOption,
    QTextTable,
    QTextTableCellFormat,
    QTextTableFormat,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from facilitator import APP_NAME
from facilitator.domain.document import (
    Bar,
    BarTone,
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
from facilitator.ui.texts import elided

# Charts are placed this wide on the page, and drawn so their text is legible at that size.
CHART_WIDTH_CM = 16.0
PAGE_MARGIN_MM = 20.0
PDF_RESOLUTION = 300
# Room at the bottom of each page's content area for the rule and the footer line.
_FOOTER_BAND_MM = 10.0

# Bar colours: distinct hues on screen and distinct greys on a black-and-white printer
# (relative luminance about 0.04 block, 0.16 support, 0.30 oppose, 0.46 neutral).
BAR_COLOURS: dict[BarTone, str] = {
    BarTone.SUPPORT: "#1A7F64",
    BarTone.OPPOSE: "#F26B38",
    BarTone.BLOCK: "#6D0F1A",
    BarTone.NEUTRAL: "#A7B6C4",
}
_TEXT = QColor("#1A1A1A")
_QUIET = QColor("#555555")  # grey that still prints legibly (7:1 on white)
_HEADING = QColor("#1B3A57")
_RULE = QColor("#8A96A3")
_HEADER_BACKGROUND = QColor("#E4EAF0")
_STRIPE_BACKGROUND = QColor("#F5F7F9")
_HEADING_POINTS = {1: 20.0, 2: 15.0, 3: 12.5}
_BODY_POINTS = 11.0
_SIGNATURE_LINE = "_" * 36
_TABLE_MARGIN_PT = 6.0
_PAGE_EDGE_PT = 1.0


class DocumentWriteError(RuntimeError):
    """Qt could not produce the file (a full disk, a broken device, a missing format plugin)."""


# --- chart ------------------------------------------------------------------------------------


LABEL_SHARE = 0.42  # the most of a chart's width its labels take


def chart_image(chart: Chart, width: int = 1200) -> QImage:
    """A horizontal bar chart, sized so its text reads at about 11 pt when placed 16 cm wide."""
    width = max(width, 200)
    points_wide = CHART_WIDTH_CM / 2.54 * 72
    label_px = max(round(11 * width / points_wide), 8)
    margin = round(label_px * 0.7)
    gap = round(label_px * 0.5)
    row_height = round(label_px * 1.9)
    bar_height = round(row_height * 0.62)

    label_font = QFont(QGuiApplication.font())
    label_font.setPixelSize(label_px)
    value_font = QFont(label_font)
    value_font.setBold(True)
    title_font = QFont(label_font)
    title_font.setPixelSize(round(label_px * 1.2))
    title_font.setBold(True)
    label_metrics = QFontMetricsF(label_font)
    value_metrics = QFontMetricsF(value_font)
    title_metrics = QFontMetricsF(title_font)
    # Labels longer than their column (ideas, proposals) get two lines rather than an early "…".
    longest = max((label_metrics.horizontalAdvance(bar.label) for bar in chart.bars), default=0.0)
    if longest > (width - 2 * margin) * LABEL_SHARE:
        row_height = round(label_px * 2.9)

    inner = width - 2 * margin
    wrap = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
    title_height = 0.0
    if chart.title:
        title_height = title_metrics.boundingRect(QRectF(0, 0, inner, 10_000), wrap, chart.title).height()
        title_height += gap
    height = round(margin + title_height + row_height * len(chart.bars) + margin)

    image = QImage(width, max(height, 2 * margin + 1), QImage.Format.Format_RGB32)
    # Its physical size is the placed size, so writers that read the PNG's density place it right.
    dots_per_metre = round(width / (CHART_WIDTH_CM / 100))
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor("white"))

    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(_TEXT)
        if chart.title:
            painter.setFont(title_font)
            painter.drawText(QRectF(margin, margin, inner, title_height), wrap, chart.title)
        if chart.bars:
            _paint_bars(
                painter,
                chart.bars,
                chart.largest,
                QRectF(margin, margin + title_height, inner, row_height * len(chart.bars)),
                (label_font, value_font),
                (label_metrics, value_metrics),
                (gap, row_height, bar_height),
            )
    finally:
        painter.end()
    return image


def _paint_bars(
    painter: QPainter,
    bars: tuple[Bar, ...],
    largest: int,
    area: QRectF,
    fonts: tuple[QFont, QFont],
    metrics: tuple[QFontMetricsF, QFontMetricsF],
    sizes: tuple[int, int, int],
) -> None:
    label_font, value_font = fonts
    label_metrics, value_metrics = metrics
    gap, row_height, bar_height = sizes
    # The label column takes what the longest label needs, but never more than its share.
    label_width = min(
        max((label_metrics.horizontalAdvance(bar.label) for bar in bars), default=0.0),
        area.width() * LABEL_SHARE,
    )
    label_lines = 2 if row_height > label_metrics.height() * 2.2 else 1
    value_width = max(value_metrics.horizontalAdvance(str(bar.value)) for bar in bars)
    bars_left = area.left() + label_width + gap
    bars_width = max(area.right() - value_width - gap - bars_left, 1.0)
    outline = QPen(QColor("#333333"))
    outline.setWidthF(max(row_height / 40, 1.0))
    middle = int(Qt.AlignmentFlag.AlignVCenter)

    for index, bar in enumerate(bars):
        top = area.top() + index * row_height
        row = QRectF(area.left(), top, label_width, row_height)
        painter.setFont(label_font)
        painter.setPen(_TEXT)
        if label_lines == 1:
            label = label_metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width)
        else:
            label = elided(bar.label, label_font, int(label_width), label_metrics.lineSpacing() * 2 + 1)
        flags = middle | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        painter.drawText(row, flags, label)
        length = bars_width * max(bar.value, 0) / largest if largest > 0 else 0.0
        if bar.value > 0:
            length = max(length, 2.0)  # a single vote still shows as a sliver
            painter.setPen(outline)
            painter.setBrush(QBrush(QColor(BAR_COLOURS[bar.tone])))
            painter.drawRect(QRectF(bars_left, top + (row_height - bar_height) / 2, length, bar_height))
        painter.setFont(value_font)
        painter.setPen(_TEXT)
        value_box = QRectF(bars_left + length + gap / 2, top, value_width + gap, row_height)
        painter.drawText(value_box, middle | int(Qt.AlignmentFlag.AlignLeft), str(bar.value))

    axis = QPen(_RULE)
    axis.setWidthF(max(row_height / 30, 1.0))
    painter.setPen(axis)
    painter.drawLine(QPointF(bars_left, area.top()), QPointF(bars_left, area.bottom()))


def chart_png(chart: Chart) -> bytes:
    """The chart as PNG bytes, for writers that embed files rather than Qt images."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not chart_image(chart).save(buffer, "PNG"):
        raise DocumentWriteError("PNG: " + buffer.errorString())
    buffer.close()
    return bytes(data.data())


# --- rich text ----------------------------------------------------------------------------------


def _plain(text: str) -> str:
    # Line breaks stay inside their paragraph or cell, so its alignment and style carry on.
    return text.replace("\r\n", "\u2028").replace("\r", "\u2028").replace("\n", "\u2028")


def _body_font() -> QFont:
    font = QFont()
    font.setFamilies(
        ["Noto Serif", "Liberation Serif", "Georgia", "Cambria", "DejaVu Serif", "Times New Roman"]
    )
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(_BODY_POINTS)
    return font


def _units_per_inch() -> float:
    """What Qt counts a QTextDocument length in: the screen's logical dpi (96, or 72 on macOS).

    The layout scales those lengths to the printer's or PDF's resolution when pages are painted.
    """
    if QCoreApplication.testAttribute(Qt.ApplicationAttribute.AA_Use96Dpi):
        return 96.0
    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


def _pt(points: float) -> float:
    return points * _units_per_inch() / 72


def _cm(centimetres: float) -> float:
    return centimetres * _units_per_inch() / 2.54


def _block_format(
    *, top: float = 0.0, bottom: float = 6.0, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setTopMargin(_pt(top))
    fmt.setBottomMargin(_pt(bottom))
    fmt.setAlignment(align)
    return fmt


def _char_format(
    *, points: float = _BODY_POINTS, bold: bool = False, italic: bool = False, colour: QColor = _TEXT
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontPointSize(points)
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    fmt.setFontItalic(italic)
    fmt.setForeground(colour)
    return fmt


class _Builder:
    """Appends blocks at the end of one QTextDocument."""

    def __init__(self, text: QTextDocument) -> None:
        self.text = text
        self.cursor = QTextCursor(text)
        self.fresh = True  # the cursor's block is empty and has not been styled yet
        self.charts = 0

    def block(self, block_format: QTextBlockFormat, char_format: QTextCharFormat) -> None:
        if self.fresh:
            self.cursor.setBlockFormat(block_format)
            self.cursor.setBlockCharFormat(char_format)
            self.cursor.setCharFormat(char_format)
            self.fresh = False
        else:
            # A block format given here starts outside any list, unlike a bare insertBlock().
            self.cursor.insertBlock(block_format, char_format)

    def line(self, text: str, block_format: QTextBlockFormat, char_format: QTextCharFormat) -> None:
        self.block(block_format, char_format)
        self.cursor.insertText(_plain(text), char_format)

    def after_frame(self) -> None:
        # Qt keeps a block after a table and gives it no page-break check: text put there can
        # straddle two pages. It stays empty and flat, and the next block follows it.
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        flat = QTextBlockFormat()
        flat.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        self.cursor.setBlockFormat(flat)
        self.fresh = False

    def heading(self, level: int, text: str) -> None:
        level = min(max(level, 1), 3)
        fmt = _block_format(top={1: 0.0, 2: 14.0, 3: 10.0}[level], bottom=4.0 if level > 1 else 8.0)
        fmt.setHeadingLevel(level)  # also what keeps a heading with the text after it on a page
        fmt.setNonBreakableLines(True)
        self.line(text, fmt, _char_format(points=_HEADING_POINTS[level], bold=True, colour=_HEADING))

    def paragraph(self, paragraph: Paragraph) -> None:
        strong = paragraph.tone is Tone.STRONG
        quiet = paragraph.tone is Tone.QUIET
        char = _char_format(bold=strong, italic=quiet, colour=_QUIET if quiet else _TEXT)
        self.line(paragraph.text, _block_format(), char)

    def _table(self, rows: int, columns: int, fmt: QTextTableFormat) -> QTextTable:
        self.block(_block_format(bottom=0), _char_format())
        table = self.cursor.insertTable(rows, columns, fmt)
        self.after_frame()
        return table

    def fields(self, fields: Fields) -> None:
        if not fields.pairs:
            return
        fmt = QTextTableFormat()
        fmt.setBorder(0)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_None)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(_pt(2))
        fmt.setBottomMargin(_pt(8))
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        fmt.setColumnWidthConstraints(
            [
                QTextLength(QTextLength.Type.PercentageLength, 28),
                QTextLength(QTextLength.Type.PercentageLength, 72),
            ]
        )
        table = self._table(len(fields.pairs), 2, fmt)
        label, value = _char_format(bold=True), _char_format()
        for row, (name, text) in enumerate(fields.pairs):
            table.cellAt(row, 0).firstCursorPosition().insertText(_plain(name), label)
            table.cellAt(row, 1).firstCursorPosition().insertText(_plain(text), value)

    def table(self, table: Table) -> None:
        columns = max([len(table.headers), *(len(row) for row in table.rows)])
        if columns == 0:
            return
        fmt = QTextTableFormat()
        fmt.setBorder(_pt(0.75))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderBrush(_RULE)
        fmt.setBorderCollapse(True)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(_pt(3))
        # Equal margins: Qt (6.11) cuts a table at a page break by its top margin where the
        # bottom one is meant, and _close_cut_tables draws its line where Qt stops.
        fmt.setTopMargin(_pt(_TABLE_MARGIN_PT))
        fmt.setBottomMargin(_pt(_TABLE_MARGIN_PT))
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        header_rows = 1 if table.headers else 0
        fmt.setHeaderRowCount(header_rows)  # repeated at the top of every page the table runs onto
        rows = [tuple(table.headers)] if header_rows else []
        rows.extend(table.rows)
        fmt.setColumnWidthConstraints(self._column_widths(rows, columns, table.numeric, header_rows))
        text_table = self._table(len(rows), columns, fmt)

        right = _block_format(bottom=0, align=Qt.AlignmentFlag.AlignRight)
        left = _block_format(bottom=0)
        bold, normal = _char_format(bold=True), _char_format()
        header_cell = QTextTableCellFormat()
        header_cell.setBackground(_HEADER_BACKGROUND)
        stripe_cell = QTextTableCellFormat()
        stripe_cell.setBackground(_STRIPE_BACKGROUND)
        for row_index, row in enumerate(rows):
            is_header = row_index < header_rows
            # Every other body row lightly shaded, so a long row can be followed across the page.
            shade = header_cell if is_header else stripe_cell if (row_index - header_rows) % 2 else None
            for column in range(columns):
                cell = text_table.cellAt(row_index, column)
                if shade is not None:
                    cell.setFormat(shade)
                cursor = cell.firstCursorPosition()
                cursor.setBlockFormat(right if column in table.numeric else left)
                if column < len(row):
                    cursor.insertText(_plain(row[column]), bold if is_header else normal)

    def _column_widths(
        self, rows: list[tuple[str, ...]], columns: int, numeric: frozenset[int], header_rows: int
    ) -> list[QTextLength]:
        """Numbers get the width they need; the text columns share the rest by how much they hold.

        Left to itself Qt splits columns evenly, which leaves a number alone in a wide box and
        squeezes a long "what" into a narrow one beside short names and dates. Every width is a
        share of the line (Qt lays out mixed fixed and shared widths narrower than the page).
        """
        body = QFontMetricsF(self.text.defaultFont())
        bold_font = QFont(self.text.defaultFont())
        bold_font.setBold(True)
        bold = QFontMetricsF(bold_font)
        room = _pt(3) * 2 + _pt(0.75) + _pt(4)  # padding, border and a little slack for the printer
        line = _cm(17)  # the text width of an A4 or Letter page with 2 cm margins, near enough
        shares: dict[int, float] = {}
        for column in numeric:
            need = 0.0
            for index, row in enumerate(rows):
                if column < len(row):
                    metrics = bold if index < header_rows else body
                    need = max(
                        need, *(metrics.horizontalAdvance(part) for part in row[column].splitlines() or [""])
                    )
            shares[column] = 100.0 * min(need + room, _cm(4)) / line
        text_columns = [column for column in range(columns) if column not in shares]
        if not text_columns:
            return []
        # Each text column gets at least its longest word, so nothing breaks mid-word; what is
        # left goes by the average length of what a column holds.
        floors, weights = {}, {}
        for column in text_columns:
            longest = 0.0
            for index, row in enumerate(rows):
                if column < len(row):
                    metrics = bold if index < header_rows else body
                    longest = max(
                        longest, *(metrics.horizontalAdvance(word) for word in row[column].split() or [""])
                    )
            # A very long word (an address, a pasted code) wraps rather than starve the others.
            floors[column] = 100.0 * (min(longest, _cm(3)) + room) / line
            cells = [len(row[column]) for row in rows[header_rows:] if column < len(row)] or [0]
            weights[column] = min(60.0, max(4.0, sum(cells) / len(cells)))
        left = max(0.0, 100.0 - sum(shares.values()) - sum(floors.values()))
        total = sum(weights.values())
        for column in text_columns:
            shares[column] = floors[column] + left * weights[column] / total
        whole = sum(shares.values())
        if whole > 100.0:  # more columns than a line holds: everyone gives up the same fraction
            shares = {column: share * 100.0 / whole for column, share in shares.items()}
        return [QTextLength(QTextLength.Type.PercentageLength, shares[column]) for column in range(columns)]

    def bullets(self, bullets: Bullets) -> None:
        if not bullets.items:
            return
        list_format = QTextListFormat()
        list_format.setStyle(
            QTextListFormat.Style.ListDecimal if bullets.numbered else QTextListFormat.Style.ListDisc
        )
        list_format.setIndent(1)
        item_format = _block_format(bottom=2.0)
        char = _char_format()
        self.block(item_format, char)
        text_list = self.cursor.createList(list_format)
        self.cursor.insertText(_plain(bullets.items[0]), char)
        for item in bullets.items[1:]:
            self.cursor.insertBlock(item_format, char)
            text_list.add(self.cursor.block())
            self.cursor.insertText(_plain(item), char)
        # Space after the list, on its last item, so the next block starts clear of it.
        last = self.cursor.blockFormat()
        last.setBottomMargin(_pt(8))
        self.cursor.setBlockFormat(last)

    def chart(self, chart: Chart) -> None:
        self.charts += 1
        image = chart_image(chart)
        name = f"chart:{self.charts}"
        self.text.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        fmt = QTextImageFormat()
        fmt.setName(name)
        fmt.setWidth(_cm(CHART_WIDTH_CM))
        fmt.setHeight(_cm(CHART_WIDTH_CM) * image.height() / image.width())
        self.block(_block_format(top=4.0, bottom=10.0, align=Qt.AlignmentFlag.AlignHCenter), _char_format())
        self.cursor.insertImage(fmt)

    def signature(self, signature: Signature) -> None:
        rule = _block_format(top=30.0, bottom=0.0)
        rule.setNonBreakableLines(True)
        label = _char_format(points=9.5, colour=_QUIET)
        for text in signature.lines:
            self.line(_SIGNATURE_LINE, rule, _char_format())
            self.line(text, _block_format(bottom=4.0), label)


def to_text_document(document: Document) -> QTextDocument:
    """The minutes as a QTextDocument; every text is inserted as plain text, never parsed."""
    text = QTextDocument()
    text.setUndoRedoEnabled(False)  # nothing to undo; the stack would only cost time and memory
    text.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, document.title)
    text.setDefaultFont(_body_font())
    option = text.defaultTextOption()
    # A long link or number without spaces breaks instead of running off the page.
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    text.setDefaultTextOption(option)

    builder = _Builder(text)
    builder.cursor.beginEditBlock()
    blocks = document.blocks
    # A level-1 heading first is the title; otherwise the document's title heads the page.
    if not (blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1) and document.title:
        builder.heading(1, document.title)
    for block in blocks:
        match block:
            case Heading():
                builder.heading(block.level, block.text)
            case Paragraph():
                builder.paragraph(block)
            case Fields():
                builder.fields(block)
            case Table():
                builder.table(block)
            case Bullets():
                builder.bullets(block)
            case Chart():
                builder.chart(block)
            case Signature():
                builder.signature(block)
    builder.cursor.endEditBlock()
    return text


# --- pages ----------------------------------------------------------------------------------------


def page_layout(locale: QLocale | None = None) -> QPageLayout:
    """A4 with 20 mm margins; Letter where it is the usual paper (the United States and Canada)."""
    territory = (locale or QLocale.system()).territory()
    letter = territory in (QLocale.Country.UnitedStates, QLocale.Country.Canada)
    size = QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)
    margins = QMarginsF(PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM, PAGE_MARGIN_MM)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def _first_line_top(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> float:
    # A line pushed to the next page moves within its block, whose box still starts on the page before.
    top = layout.blockBoundingRect(block).top()
    lines = block.layout()
    return top + lines.lineAt(0).y() if lines.lineCount() else top


def _keep_headings_with_next(text: QTextDocument, page_height: float) -> None:
    """Move a heading to the next page when what it introduces starts there (Qt has no keep-with-next)."""
    layout = text.documentLayout()
    block = text.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            following = block.next()
            # Skip the headings below this one, and the empty block Qt keeps (unseen) before a table.
            while following.isValid() and (
                following.blockFormat().headingLevel() > 0 or not following.text()
            ):
                following = following.next()
            if following.isValid():
                top = _first_line_top(layout, block)
                page = int(top // page_height)
                below_top_of_page = top - page * page_height > page_height * 0.05
                if below_top_of_page and _first_line_top(layout, following) >= (page + 1) * page_height:
                    fmt = block.blockFormat()
                    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(block).setBlockFormat(fmt)
                    # Qt's own partial relayout after this change drops lines further down a paged
                    # document (seen with 6.11); laying out the rest again keeps every line.
                    text.markContentsDirty(block.position(), text.characterCount() - block.position())
        block = block.next()


def _last_line_bottom(layout: QAbstractTextDocumentLayout, block: QTextBlock) -> float:
    top = layout.blockBoundingRect(block).top()
    lines = block.layout()
    if not lines.lineCount():
        return layout.blockBoundingRect(block).bottom()
    last = lines.lineAt(lines.lineCount() - 1)
    return top + last.y() + last.height()


def _tables(frame: QTextFrame) -> Iterator[QTextTable]:
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            yield child
        yield from _tables(child)


def _keep_table_rows_together(text: QTextDocument, page_height: float) -> None:
    """Move a table row that would be cut across two pages to the next page whole (Qt keeps a row
    together only when none of its first lines fit; a row of several lines it cuts anywhere).

    The breaks are placed with Qt's own quick relayout after each, then the whole is laid out once
    more (see _keep_headings_with_next) and checked again, a few times at most: a full layout
    after every break made long minutes half a second slower."""
    for _ in range(4):
        if not _break_cut_rows(text, page_height):
            return
        text.markContentsDirty(0, text.characterCount())


def _break_cut_rows(text: QTextDocument, page_height: float) -> bool:
    """Put a page break before each table row cut across pages; whether there was any."""
    layout = text.documentLayout()
    moved = False
    for table in _tables(text.rootFrame()):
        headers = table.format().headerRowCount()
        for row in range(max(headers, 1), table.rows()):
            cells = [table.cellAt(row, column) for column in range(table.columns())]
            cells = [c for c in cells if c.isValid() and c.row() == row]
            if not cells:
                continue
            top = min(_first_line_top(layout, c.firstCursorPosition().block()) for c in cells)
            bottom = max(_last_line_bottom(layout, c.lastCursorPosition().block()) for c in cells)
            page = int(top // page_height)
            if bottom <= (page + 1) * page_height or bottom - top > page_height * 0.8:
                continue  # on one page, or too tall for any page: left to run over
            if row == headers:
                # The first row under the headings: the table starts on the next page instead.
                if top - page * page_height > page_height * 0.05:
                    fmt = table.format()
                    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    table.setFormat(fmt)
                    moved = True
                continue
            # A break after the row above sends this row, and what follows, to the next page.
            above = table.cellAt(row - 1, 0).lastCursorPosition().block()
            fmt = above.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysAfter)
            QTextCursor(above).setBlockFormat(fmt)
            moved = True
    return moved


def paged_copy(text: QTextDocument, device: QPagedPaintDevice) -> tuple[QTextDocument, QSizeF]:
    """A copy of ``text`` laid out in pages of ``device`` above the footer band: headings kept
    with what follows them, table rows kept whole. The copy and the size of a page's text."""
    paged = text.clone()
    # The page layout's margins frame the text; only a sliver stays above and below each page's
    # text, so no line sits on a page boundary where rounding would draw it on both pages.
    paged.setDocumentMargin(0)
    root = paged.rootFrame()
    root_format = root.frameFormat()
    root_format.setTopMargin(_pt(_PAGE_EDGE_PT))
    root_format.setBottomMargin(_pt(_PAGE_EDGE_PT))
    root.setFrameFormat(root_format)
    paged.documentLayout().setPaintDevice(device)
    band = _FOOTER_BAND_MM * device.logicalDpiY() / 25.4
    body = QSizeF(device.width(), device.height() - band)
    paged.setPageSize(body)
    _keep_headings_with_next(paged, body.height())
    _keep_table_rows_together(paged, body.height())
    return paged, body


def paint_pages(
    text: QTextDocument, device: QPagedPaintDevice, footer: str = "", first: int = 1, last: int = 0
) -> int:
    """Paint ``text`` page by page on a PDF writer or printer, a footer line on each; the page count.

    ``first`` and ``last`` (1-based, 0 for the end) pick the pages to paint, as a print dialog asks.
    The caller's document is left as it was: the pages are laid out on a copy at the device's
    resolution.
    """
    paged, body = paged_copy(text, device)
    dots_per_mm = device.logicalDpiY() / 25.4
    band = device.height() - body.height()
    count = paged.pageCount()
    tables = _bordered_tables(paged)
    to_device = device.logicalDpiY() / _units_per_inch()
    last = count if last <= 0 else min(last, count)
    first = max(first, 1)

    painter = QPainter()
    if not painter.begin(device):
        raise DocumentWriteError(QCoreApplication.translate("Minutes", "The pages could not be started."))
    try:
        for page in range(first, last + 1):
            if page > first and not device.newPage():
                raise DocumentWriteError(
                    QCoreApplication.translate("Minutes", "A new page could not be started.")
                )
            top = (page - 1) * body.height()
            painter.save()
            painter.translate(0, -top)
            paged.drawContents(painter, QRectF(0, top, body.width(), body.height()))
            _close_cut_tables(
                painter, tables, top + body.height() - _pt(_PAGE_EDGE_PT) * to_device, body.width(), to_device
            )
            painter.restore()
            _paint_footer(
                painter, QRectF(0, body.height(), body.width(), band), footer, page, count, dots_per_mm
            )
    finally:
        painter.end()
    return count


def _bordered_tables(text: QTextDocument) -> list[tuple[float, float, float, float, QColor]]:
    """Full-width bordered tables of the root frame: top, bottom, margin, border and colour."""
    layout = text.documentLayout()
    found: list[tuple[float, float, float, float, QColor]] = []
    for frame in text.rootFrame().childFrames():
        fmt = frame.frameFormat()
        width = fmt.width()
        full = width.type() == QTextLength.Type.PercentageLength and width.rawValue() == 100
        if fmt.isTableFormat() and fmt.border() > 0 and full and fmt.topMargin() == fmt.bottomMargin():
            rect = layout.frameBoundingRect(frame)
            found.append(
                (rect.top(), rect.bottom(), fmt.bottomMargin(), fmt.border(), fmt.borderBrush().color())
            )
    return found


def _close_cut_tables(
    painter: QPainter,
    tables: list[tuple[float, float, float, float, QColor]],
    text_bottom: float,
    width: float,
    to_device: float,
) -> None:
    """Draw the bottom edge of a table that runs on to the next page, where Qt leaves it open.

    Qt stops the table's cells its margin and two borders above the end of the page's text, give
    or take a device pixel of rounding; the edge reaches one pixel lower to cover it.
    """
    for top, bottom, margin, border, colour in tables:
        if top < text_bottom < bottom:
            thickness = border * to_device
            cut = text_bottom - (margin + 2 * border) * to_device
            # Flush with the outer side borders, which Qt draws one border in from each side.
            edge = QRectF(QPointF(thickness, cut - thickness), QPointF(width - 2 * thickness, cut + 1))
            painter.fillRect(edge, colour)


def _paint_footer(
    painter: QPainter, band: QRectF, footer: str, page: int, count: int, dots_per_mm: float
) -> None:
    painter.save()
    rule = QPen(_RULE)
    rule.setWidthF(0.25 * dots_per_mm)
    painter.setPen(rule)
    rule_y = band.top() + 3 * dots_per_mm
    painter.drawLine(QPointF(band.left(), rule_y), QPointF(band.right(), rule_y))
    font = _body_font()
    font.setPointSizeF(8.5)
    painter.setFont(font)
    painter.setPen(_QUIET)
    numbers = (
        QCoreApplication.translate("Minutes", "page %1 of %2")
        .replace("%1", str(page))
        .replace("%2", str(count))
    )
    metrics = QFontMetricsF(font, painter.device())
    if footer:
        room = band.width() - metrics.horizontalAdvance(f" · {numbers}")
        line = (
            metrics.elidedText(" ".join(footer.splitlines()), Qt.TextElideMode.ElideRight, room)
            + f" · {numbers}"
        )
    else:
        line = numbers
    text_box = QRectF(band.left(), rule_y + dots_per_mm, band.width(), band.bottom() - rule_y - dots_per_mm)
    painter.drawText(text_box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter), line)
    painter.restore()


# --- files and printing ---------------------------------------------------------------------------


def write_pdf(document: Document) -> bytes:
    """The minutes as a PDF: A4 or Letter, 20 mm margins, charts embedded, footer and page numbers."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout())
    writer.setTitle(document.title)
    writer.setCreator(APP_NAME)
    paint_pages(to_text_document(document), writer, document.footer)
    buffer.close()
    return bytes(data.data())


def write_odt(document: Document) -> bytes:
    """The minutes as an OpenDocument text file, charts embedded as pictures."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QTextDocumentWriter(buffer, QByteArray(b"odf"))
    if not writer.write(to_text_document(document)):
        raise DocumentWriteError(f"ODF: {buffer.errorString()}")
    buffer.close()
    return bytes(data.data())


def print_document(document: Document, parent: QWidget | None) -> bool:
    """Ask for a printer and print the minutes as the PDF looks; whether anything was printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setDocName(document.title)
    printer.setCreator(APP_NAME)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    paint_pages(to_text_document(document), printer, document.footer, printer.fromPage(), printer.toPage())
    return True
