"""The printed worksheets for idea writing and 6-3-5 brainwriting: the PDF read back with poppler's
pdftotext the way a person reads the page (question, sheet code, group, rows and whose turn each
is, idea columns), long text kept inside the page, and the print preview built and painted
offscreen. Thirteen people in the room of a sample collaborative meeting."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from facilitator.domain.model import AgendaFields, AgendaKind, AttendanceStatus, MeetingFields
from facilitator.services import Services
from facilitator.techniques.idea_writing.model import (
    Direction,
    Group,
    Member,
    Settings,
    Variant,
    WritingView,
)
from facilitator.techniques.idea_writing.ui.worksheets import (
    paint_worksheet,
    preview_worksheets,
    worksheet_preview,
    write_worksheets,
)

from .conftest import DialogAnswerer

poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

QUESTION = "How could employers, schools and congregations open more summer jobs for teenagers?"
PRESENT = 13
A4_DPI = 100  # the QImage pages: A4 at 100 dots per inch
MARGIN_MM = 20
# Qt sets "fi" and the like as one glyph; pdftotext reads those back as the ligature characters.
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})


def _meeting(services: Services) -> int:
    """A meeting of the sample collaborative with an idea-writing item (opened), 13 present."""
    services.sample.create()
    collaborative = services.collaboratives.overview()[0].id
    meeting = services.meetings.create(
        collaborative,
        MeetingFields("Summer jobs", datetime(2026, 6, 4, 18, 0), "Library", "", "Ana", "Ben"),
        (AgendaFields(AgendaKind.IDEA_WRITING, "Ideas for summer jobs", QUESTION, 45),),
    )
    attendees = services.meetings.detail(meeting.id).attendees
    assert len(attendees) > PRESENT
    for attendee in attendees[:PRESENT]:
        services.attendance.set_status(meeting.id, attendee.person.id, AttendanceStatus.PRESENT)
    (item,) = services.agenda.for_meeting(meeting.id)
    services.idea_writing.open(item.id)
    return item.id


@pytest.fixture
def item(services: Services) -> int:
    return _meeting(services)


def _grouped(services: Services, item: int) -> WritingView:
    services.idea_writing.make_groups(item)
    return services.idea_writing.view(item)


def _pages(path: Path) -> list[str]:
    found = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    pages = found.stdout.translate(LIGATURES).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def _page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]


def _expected_writer(seat: int, round_number: int, size: int, direction: Direction) -> int:
    # Worked out here again, not taken from the model: left passes to the next seat up.
    step = round_number - 1 if direction is Direction.LEFT else -(round_number - 1)
    return (seat - 1 + step) % size + 1


def _rows(page: str) -> list[tuple[int, str]]:
    """The round rows a page shows, top to bottom: (round, whose turn)."""
    return [(int(n), name.strip()) for n, name in re.findall(r"Round (\d+) — (.+?)(?:\s{2,}|$)", page, re.M)]


def _has_words_in_order(page: str, text: str, leave_out: set[str]) -> bool:
    """The words of ``text`` one after another on the page, skipping the code box beside them."""
    words = [w for w in page.split() if w not in leave_out]
    wanted = text.split()
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def _sheets(view: WritingView) -> list[tuple[Group, Member]]:
    return [(g, m) for g in view.groups for m in g.members]


# --- the PDF ----------------------------------------------------------------------------------------


@poppler
def test_brainwriting_sheets_one_page_each_with_question_code_rows_and_columns(
    qapp: QApplication, services: Services, item: int, tmp_path: Path
) -> None:
    view = _grouped(services, item)
    sheets = _sheets(view)
    assert len(sheets) == PRESENT
    path = tmp_path / "sheets.pdf"

    assert write_worksheets(view, path) == PRESENT
    assert _page_count(path) == PRESENT
    pages = _pages(path)
    assert len(pages) == PRESENT
    for page, (group, member) in zip(pages, sheets, strict=True):
        rounds = len(group.members)  # everyone in the group writes on each sheet once
        code = f"{group.letter}{member.seat}"
        assert _has_words_in_order(page, QUESTION, {"Sheet", code}), page
        assert "Ideas for summer jobs" in page
        # The code large in its box (a line of its own), and small again in the footer.
        assert re.search(rf"^\s*{code}\s*$", page, re.M), page
        footer = f"{code} — sheet {member.seat} of {len(group.members)} in group {group.letter}"
        assert footer in page
        assert f"Group {group.letter}" in page
        assert member.name in page
        rows = _rows(page)
        assert [n for n, _name in rows] == list(range(1, rounds + 1))
        headings = re.search(r"^\s*Idea 1\s+Idea 2\s+Idea 3\s*$", page, re.M)
        assert headings, page
        assert "Idea 4" not in page
        assert "pass the sheet to your left" in page
        # The first row is the owner's, then each neighbour's in turn.
        names = {m.seat: m.name for m in group.members}
        size = len(group.members)
        expected = [
            names[_expected_writer(member.seat, r, size, Direction.LEFT)] for r in range(1, rounds + 1)
        ]
        assert [name for _n, name in rows] == expected
        assert rows[0][1] == member.name


@poppler
def test_sheets_passed_right_turn_the_other_way(
    qapp: QApplication, services: Services, item: int, tmp_path: Path
) -> None:
    services.idea_writing.set_direction(item, Direction.RIGHT)
    services.idea_writing.set_numbers(item, group_size=5, ideas_per_round=4, minutes_per_round=5, rounds=5)
    view = _grouped(services, item)
    path = tmp_path / "right.pdf"
    assert write_worksheets(view, path) == PRESENT
    pages = _pages(path)
    group = view.groups[0]
    size = len(group.members)
    names = {m.seat: m.name for m in group.members}
    for seat in (1, 2, size):  # the first, the second and the last seat of group A
        page = pages[seat - 1]
        rows = _rows(page)
        assert [name for _n, name in rows] == [
            names[_expected_writer(seat, r, size, Direction.RIGHT)] for r in range(1, 6)
        ]
        assert "pass the sheet to your right" in page
        assert "Write 4 ideas in your row" in page
        assert re.search(r"Idea 1\s+Idea 2\s+Idea 3\s+Idea 4\s*$", page, re.M)
    # Seat 2 passing right: itself, then seat 1, then the last seat.
    assert [name for _n, name in _rows(pages[1])][:3] == [names[2], names[1], names[size]]


@poppler
def test_idea_writing_pads_answer_first_then_reactions(
    qapp: QApplication, services: Services, item: int, tmp_path: Path
) -> None:
    services.idea_writing.set_variant(item, Variant.IDEA_WRITING)
    view = _grouped(services, item)
    assert view.settings.variant is Variant.IDEA_WRITING
    path = tmp_path / "pads.pdf"
    assert write_worksheets(view, path) == PRESENT
    pages = _pages(path)
    for page, (group, member) in zip(pages, _sheets(view), strict=True):
        size = len(group.members)
        names = {m.seat: m.name for m in group.members}
        assert "Your answer" in page
        assert "Round 1" not in page
        reactions = re.findall(r"Reaction from (.+?)(?:\s{2,}|$)", page, re.M)
        assert reactions == [
            names[_expected_writer(member.seat, r, size, Direction.LEFT)] for r in range(2, size + 1)
        ]
        assert member.name not in reactions
        assert "Answer the question in the first row." in page
        assert f"{group.letter}{member.seat} — sheet {member.seat} of {size} in group {group.letter}" in page
        assert _has_words_in_order(page, QUESTION, {"Sheet", f"{group.letter}{member.seat}"})


@poppler
def test_many_rows_go_on_over_a_second_page_with_the_code_again(
    qapp: QApplication, services: Services, item: int, tmp_path: Path
) -> None:
    # Twelve rows need a group of twelve or more: all thirteen in one group, twelve rounds.
    services.idea_writing.set_numbers(item, group_size=12, ideas_per_round=6, minutes_per_round=5, rounds=12)
    grouped = _grouped(services, item)
    everyone = tuple(
        replace(member, seat=seat, group_id=grouped.groups[0].id)
        for seat, member in enumerate(grouped.members(), start=1)
    )
    view = replace(
        grouped,
        groups=(replace(grouped.groups[0], members=everyone),),
        settings=replace(grouped.settings, rounds=12),
    )
    path = tmp_path / "long.pdf"
    pages_written = write_worksheets(view, path)
    assert pages_written == 2 * PRESENT == _page_count(path)
    pages = _pages(path)
    for index, (group, member) in enumerate(_sheets(view)):
        first, second = pages[2 * index], pages[2 * index + 1]
        code = f"{group.letter}{member.seat}"
        for part, page in enumerate((first, second), start=1):
            assert re.search(rf"^\s*{code}\s*$", page, re.M)
            assert f"page {part} of 2 of this sheet" in page
            assert re.search(r"Idea 1\s+Idea 2\s+Idea 3\s+Idea 4\s+Idea 5\s+Idea 6\s*$", page, re.M)
        assert [n for n, _name in _rows(first)] + [n for n, _name in _rows(second)] == list(range(1, 13))


def test_no_groups_no_file(qapp: QApplication, services: Services, item: int, tmp_path: Path) -> None:
    path = tmp_path / "none.pdf"
    assert write_worksheets(services.idea_writing.view(item), path) == 0
    assert not path.exists()


# --- long text stays on the page --------------------------------------------------------------------


def _made_up(name: str, question: str, rounds: int = 6, ideas: int = 3) -> WritingView:
    members = tuple(
        Member(seat, 1, seat, seat, name if seat == 2 else f"Person {seat}", "") for seat in range(1, 6)
    )
    settings = Settings(ideas_per_round=ideas, rounds=rounds)
    return WritingView(1, 1, "Title " * 60, question, settings, (Group(1, 1, members),), (), (), ())


def _a4_image(width_mm: float = 210, height_mm: float = 297) -> tuple[QImage, QRectF]:
    dots_per_mm = A4_DPI / 25.4
    image = QImage(round(width_mm * dots_per_mm), round(height_mm * dots_per_mm), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dots_per_mm * 1000))
    image.setDotsPerMeterY(round(dots_per_mm * 1000))
    image.fill(QColor("white"))
    margin = MARGIN_MM * dots_per_mm
    return image, QRectF(margin, margin, image.width() - 2 * margin, image.height() - 2 * margin)


def _ink_outside(image: QImage, inside: QRectF) -> int:
    """Dots that are not white outside the page's printable area (sampled every other dot)."""
    inner = inside.adjusted(-2, -2, 2, 2)
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if not inner.contains(x, y) and image.pixelColor(x, y).lightness() < 250:
                count += 1
    return count


@pytest.mark.parametrize("ideas", [1, 3, 6])
def test_long_names_and_questions_stay_inside_the_page(qapp: QApplication, ideas: int) -> None:
    long_name = "Maximiliana Konstantinopoulou-Vanderberghe " * 5
    question = "Why " + "would a very long question with many words go on and on " * 80
    view = _made_up(long_name.strip(), question, rounds=6, ideas=ideas)
    for member in view.groups[0].members:
        image, page = _a4_image()
        painter = QPainter(image)
        parts = paint_worksheet(painter, page, view, member)
        painter.end()
        assert parts >= 1
        assert _ink_outside(image, page) == 0


@poppler
def test_long_text_is_cut_short_with_an_ellipsis(qapp: QApplication, tmp_path: Path) -> None:
    long_name = "Maximiliana Konstantinopoulou-Vanderberghe " * 5
    question = "Why " + "would a very long question with many words go on and on " * 80
    view = _made_up(long_name.strip(), question)
    path = tmp_path / "long.pdf"
    assert write_worksheets(view, path) == len(view.groups[0].members)
    first = _pages(path)[0]
    assert "Why would a very long question" in first
    assert "Round 2 — Maximiliana Konstantinopoulou-Vanderberghe" in first
    assert first.count("…") >= 3  # the title, the question and the long name's row


# --- painting and the preview -----------------------------------------------------------------------


@pytest.mark.parametrize(("paper", "size_mm"), [("A4", (210, 297)), ("Letter", (215.9, 279.4))])
def test_a_page_paints_onto_an_image(
    qapp: QApplication, services: Services, item: int, paper: str, size_mm: tuple[float, float]
) -> None:
    view = _grouped(services, item)
    _group, member = _sheets(view)[0]
    image, page = _a4_image(*size_mm)
    painter = QPainter(image)
    assert paint_worksheet(painter, page, view, member) == 1
    painter.end()
    dots_per_mm = A4_DPI / 25.4
    # The code box's frame, top right, is drawn in black.
    corner = image.pixelColor(round(page.right() - 1), round(page.top() + 10 * dots_per_mm))
    assert corner.lightness() < 80
    # Down the grid's left edge: six rows with at least 2 cm of writing room each, and their labels.
    edge = [y for y in range(image.height()) if image.pixelColor(round(page.left() + 1), y).lightness() < 80]
    assert edge and edge[-1] - edge[0] > 6 * (20 + 5) * dots_per_mm, paper
    assert _ink_outside(image, page) == 0


def test_print_preview_builds_and_paints_offscreen(qtbot: QtBot, services: Services, item: int) -> None:
    view = _grouped(services, item)
    dialog = worksheet_preview(view, None)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, QPrintPreviewDialog)
    assert "Ideas for summer jobs" in dialog.windowTitle()
    printer = dialog.printer()
    assert printer.pageLayout().margins().left() == pytest.approx(MARGIN_MM)
    painted: list[int] = []
    dialog.paintRequested.connect(lambda _printer: painted.append(1))
    dialog.show()
    qtbot.waitUntil(lambda: bool(painted))
    assert isinstance(printer, QPrinter)
    dialog.close()


def test_preview_opens_modally_and_closes(
    qtbot: QtBot, services: Services, item: int, on_dialog: DialogAnswerer
) -> None:
    view = _grouped(services, item)
    seen: list[str] = []

    def close(dialog: object) -> None:
        assert isinstance(dialog, QPrintPreviewDialog)
        seen.append(dialog.windowTitle())
        dialog.reject()

    problems = on_dialog(close)
    assert preview_worksheets(view, None) is False
    assert not problems
    assert seen and "Ideas for summer jobs" in seen[0]
