"""The minutes of a real meeting in every format, read back the way a person or another program would.

Each file is turned back into text (poppler for PDF, python-docx for Word, the XML for OpenDocument,
an HTML parser, Markdown with its escapes undone) and checked for what a secretary would look for;
text people typed must come out literally in every format, never as markup, links or file paths.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import docx
import pytest
from PySide6.QtGui import QTextDocument, QTextTable
from PySide6.QtWidgets import QApplication

from facilitator.domain.decision import Scale
from facilitator.domain.document import Chart, Document, Heading, Table
from facilitator.domain.model import AttendanceStatus, CollaborativeFields, MeetingFields, PersonFields
from facilitator.domain.record import ActionFields, DecisionFields, Disposition
from facilitator.paths import database
from facilitator.services import Services, build_services
from facilitator.services import sample as sample_data
from facilitator.services.documents.files import safe_file_name
from facilitator.storage.migrate import prepare
from facilitator.techniques.ground_rules.model import RuleKind
from facilitator.ui.console import run
from facilitator.ui.minutes.compose import compose, date_and_time, file_stem, long_date, short_time
from facilitator.ui.minutes.export import render
from facilitator.ui.minutes.formats import Format

poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfimages") is None,
    reason="poppler-utils not installed",
)

# Between the cells of one table row, or a label and its value, whatever the format puts there.
SEP = r"[\s:*|]+"

HOSTILE_COLLABORATIVE = "Acme <b>& Co</b>"
HOSTILE_PERSON = "<script>alert(1)</script>"
HOSTILE_TITLE = "# Not | a *heading*"
HOSTILE_DECISION = "[click](javascript:alert(1)) *bold* | pipe"
HOSTILE_ACTION = "1. not a list <img src=x onerror=alert(1)>"
HOSTILE_PARKED = "# parked | item * with ](javascript:alert(1)) inside"
HOSTILE_TEXTS = (
    HOSTILE_COLLABORATIVE,
    HOSTILE_PERSON,
    HOSTILE_TITLE,
    HOSTILE_DECISION,
    HOSTILE_ACTION,
    HOSTILE_PARKED,
)

# Every element the HTML template writes; anything else came from somewhere it should not have.
TEMPLATE_TAGS = frozenset(
    {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "h4", "h5", "h6", "p"}
    | {"table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "figure", "figcaption", "svg"}
    | {"desc", "g", "rect", "text", "section", "div", "footer"}
)

ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODF_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
ODF_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
XLINK = "http://www.w3.org/1999/xlink"


# --- reading the files back -----------------------------------------------------------------------


def normalise(text: str) -> str:
    """Compatibility forms folded (PDF fonts set "fi" as one ligature) and all whitespace one space,
    so a line wrapped inside a paragraph or table cell compares equal to the unwrapped text."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True, timeout=60)
    return result.stdout.decode("utf-8")


def docx_text(data: bytes) -> str:
    document = docx.Document(BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs]

    def table_lines(table: docx.table.Table) -> Iterator[str]:
        for row in table.rows:
            yield " | ".join(cell.text for cell in row.cells)
            for cell in row.cells:
                for inner in cell.tables:
                    yield from table_lines(inner)

    for table in document.tables:
        lines.extend(table_lines(table))
    return "\n".join(lines)


def _odf_inline(element: ET.Element) -> str:
    """One paragraph's text, with ODF's space, tab and line-break elements put back as characters."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{{{ODF_TEXT}}}s":
            parts.append(" " * int(child.get(f"{{{ODF_TEXT}}}c", "1")))
        elif child.tag == f"{{{ODF_TEXT}}}tab":
            parts.append("\t")
        elif child.tag == f"{{{ODF_TEXT}}}line-break":
            parts.append("\n")
        else:
            parts.append(_odf_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def odt_text(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        root = ET.fromstring(archive.read("content.xml"))
    paragraphs = (f"{{{ODF_TEXT}}}p", f"{{{ODF_TEXT}}}h")
    return "\n".join(_odf_inline(element) for element in root.iter() if element.tag in paragraphs)


class HtmlReader(HTMLParser):
    """The text a browser would show, and every element and attribute the file holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.parts).append(data)

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def read_html(data: bytes) -> HtmlReader:
    reader = HtmlReader()
    reader.feed(data.decode("utf-8"))
    reader.close()
    return reader


def markdown_unescaped(markdown: str) -> str:
    """The Markdown with its backslash escapes and the writer's two entities undone."""
    return re.sub(
        r"\\(.)|&lt;|&gt;",
        lambda m: m.group(1) if m.group(1) is not None else {"&lt;": "<", "&gt;": ">"}[m.group(0)],
        markdown,
        flags=re.DOTALL,
    )


def markdown_skeleton(line: str) -> str:
    """The line with every backslash-escaped character blanked out: what is left is live syntax."""
    return re.sub(r"\\.", "\x00\x00", line)


EXTRACT: dict[Format, Callable[[bytes], str]] = {
    Format.PDF: pdf_text,
    Format.DOCX: docx_text,
    Format.ODT: odt_text,
    Format.HTML: lambda data: read_html(data).text,
    Format.MARKDOWN: lambda data: markdown_unescaped(data.decode("utf-8")),
}


def extract(kind: Format, data: bytes) -> str:
    return normalise(EXTRACT[kind](data))


def near(*parts: str) -> re.Pattern[str]:
    """The parts in this order, with only separators between them: one table row, or a label and
    its value, in any format."""
    return re.compile(SEP.join(re.escape(normalise(part)) for part in parts))


def table_widths(document: Document) -> list[int]:
    """The column count of every table the Markdown writer draws, in order (a chart is a table)."""
    widths = []
    for block in document.blocks:
        if isinstance(block, Table):
            widths.append(max([len(block.headers), *(len(row) for row in block.rows)]))
        elif isinstance(block, Chart) and block.bars:
            widths.append(3)
    return widths


# --- the meetings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Minutes:
    services: Services
    meeting_id: int
    document: Document


@pytest.fixture
def launch(services: Services, qapp: QApplication) -> Minutes:
    services.sample.create()
    meeting_id = services.meetings.lookup("Launch meeting").id
    return Minutes(services, meeting_id, compose(services, meeting_id))


def add_hostile_meeting(services: Services) -> int:
    """A meeting whose every typed text is markup, link or table syntax, entered the way the app does."""
    sector = services.sectors.all()[0]
    collaborative = services.collaboratives.create(CollaborativeFields(HOSTILE_COLLABORATIVE, "", "", ""))
    person = services.people.add(collaborative.id, PersonFields(HOSTILE_PERSON, "", sector.id, ""))
    meeting = services.meetings.create(
        collaborative.id, MeetingFields(HOSTILE_TITLE, datetime(2026, 3, 4, 18, 0), "Hall", "", "", "")
    )
    services.attendance.set_status(meeting.id, person.id, AttendanceStatus.PRESENT)
    change = services.record.add_decision(
        meeting.id, DecisionFields(HOSTILE_DECISION, proposer_id=person.id, scale=Scale.VOTE, by_sector=True)
    )
    decision_id = change.record.decisions[-1].id
    services.record.set_count(decision_id, str(sector.id), "for", 1)
    services.record.dispose(decision_id, Disposition.ADOPTED, "")
    services.record.add_action(meeting.id, ActionFields(HOSTILE_ACTION, owner_id=person.id))
    services.record.park(meeting.id, HOSTILE_PARKED)
    return meeting.id


@pytest.fixture
def hostile(services: Services, qapp: QApplication) -> Minutes:
    meeting_id = add_hostile_meeting(services)
    return Minutes(services, meeting_id, compose(services, meeting_id))


def adopted_ground_rules() -> list[str]:
    """The sample's rules as finally worded (a revised wording replaces the first), those adopted."""
    rules = []
    for kind, text, _why, checks in sample_data.GROUND_RULES:
        if kind is not RuleKind.RULE or text.startswith("Phones"):  # four blocks: not adopted
            continue
        revised = [wording for wording, _counts in checks if wording]
        rules.append(revised[-1] if revised else text)
    return rules


# --- 1. what the minutes say, in every format -------------------------------------------------------


@poppler
@pytest.mark.parametrize("kind", list(Format), ids=lambda kind: kind.value)
def test_every_format_carries_the_whole_record(launch: Minutes, kind: Format) -> None:
    detail = launch.services.meetings.detail(launch.meeting_id)
    record = launch.services.record.view(launch.meeting_id)
    meeting = detail.meeting
    text = extract(kind, render(launch.document, kind))

    def has(phrase: str) -> bool:
        return normalise(phrase) in text

    def count(*parts: str) -> int:
        return len(near(*parts).findall(text))

    # Who met, when and where.
    assert has(sample_data.SAMPLE_NAME)
    assert has("Minutes: Launch meeting")
    assert has(long_date(meeting.starts_at.date()))
    assert has("Millbrook Public Library, Room B")
    assert near("Facilitator", "Rosa Delgado").search(text)
    assert near("Recorder", "Linda Cho").search(text)

    # Who was there: the count, a sector with its people, late arrivals and regrets.
    assert has("13 present of 15")
    assert near(
        "Government", "2", "Kwame Mensah (County Youth Services); Rosa Delgado (Millbrook City Council)"
    ).search(text)
    assert near("Nonprofit", "3", "Grace Whitfield (Food Bank of Millbrook) (arrived late)").search(text)
    assert has("Regrets: Daniel Okafor")

    # The ground rules adopted, in their final wording; the blocked one marked as not adopted.
    for rule in adopted_ground_rules():
        assert has(rule), rule
    assert near("Phones are switched off for the whole meeting.", "Not adopted").search(text)

    # Each decision: wording, proposer, disposition; the deferred one's note; the by-sector count.
    for wording, proposer, *_rest in sample_data.DECISIONS:
        assert has(wording), wording
        assert near("Proposed by", proposer).search(text), proposer
    assert count("Disposition", "Adopted") == 2
    assert count("Disposition", "Deferred") == 1
    assert near("Note", sample_data.DECISIONS[2][6]).search(text)
    assert near("Government", "2", "0", "0").search(text)
    assert near("Total", "12", "0", "1").search(text)

    # Who does what, what waits, what comes next.
    for what, owner, _due, _decision in sample_data.ACTIONS:
        assert near(what, owner).search(text), what
    for parked in sample_data.PARKED:
        assert has(parked), parked
    next_starts_at = record.wrap_up.next_starts_at
    assert next_starts_at is not None
    assert has(f"{date_and_time(next_starts_at)} — Grace Fellowship Church hall")
    assert meeting.closed_at is not None
    assert has(f"The meeting adjourned at {short_time(meeting.closed_at)}.")
    assert has("Draft minutes, not yet approved")


# --- 2. the decision charts, as each format can hold them -------------------------------------------


@poppler
def test_pdf_embeds_the_charts_as_images(launch: Minutes, tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(render(launch.document, Format.PDF))
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True, timeout=60
    ).stdout.splitlines()
    images = [line.split() for line in listing[2:] if line.strip()]
    assert len(images) >= 2, listing
    for columns in images:
        assert columns[2] == "image"
        assert int(columns[3]) >= 200 and int(columns[4]) >= 50  # a chart, not a stray pixel


def test_docx_holds_the_charts_as_inline_pictures(launch: Minutes) -> None:
    data = render(launch.document, Format.DOCX)
    document = docx.Document(BytesIO(data))
    pictures = list(document.inline_shapes)
    assert len(pictures) >= 2
    with zipfile.ZipFile(BytesIO(data)) as archive:
        media = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert len(media) >= 2
        for name in media:
            assert archive.read(name).startswith(b"\x89PNG\r\n\x1a\n"), name


def test_odt_manifest_lists_the_chart_pictures(launch: Minutes) -> None:
    with zipfile.ZipFile(BytesIO(render(launch.document, Format.ODT))) as archive:
        manifest = ET.fromstring(archive.read("META-INF/manifest.xml"))
        content = ET.fromstring(archive.read("content.xml"))
        names = set(archive.namelist())
        entries = {
            entry.get(f"{{{ODF_MANIFEST}}}full-path"): entry.get(f"{{{ODF_MANIFEST}}}media-type", "")
            for entry in manifest.iter(f"{{{ODF_MANIFEST}}}file-entry")
        }
        pictures = [path for path, media in entries.items() if path and media.startswith("image/")]
        assert len(pictures) >= 2, entries
        for path in pictures:
            assert path in names
            assert archive.read(path).startswith(b"\x89PNG\r\n\x1a\n"), path
    shown = {image.get(f"{{{XLINK}}}href") for image in content.iter(f"{{{ODF_DRAW}}}image")}
    assert set(pictures) <= shown


def test_html_draws_the_charts_inline_and_reaches_for_nothing(launch: Minutes) -> None:
    reader = read_html(render(launch.document, Format.HTML))
    assert reader.tags.count("svg") >= 2
    assert "script" not in reader.tags
    assert not {"img", "link", "iframe", "object", "embed", "a"} & set(reader.tags)
    for tag, name, value in reader.attributes:
        if name.startswith("xmlns"):
            continue
        assert not re.search(r"(?i)https?:|javascript:|^//", value), (tag, name, value)
        assert not name.startswith("on"), (tag, name)
    styles = " ".join(reader.styles)
    assert "url(" not in styles and "@import" not in styles
    assert "Decision 1: the count" in reader.text and "Decision 2: the count" in reader.text


def test_markdown_draws_the_charts_as_text_bars(launch: Minutes) -> None:
    markdown = render(launch.document, Format.MARKDOWN).decode("utf-8")
    assert "| Decision 2: the count |  |  |" in markdown
    assert "| For | 12 | " + "█" * 20 + " |" in markdown
    assert "| Abstain | 1 | ██ |" in markdown
    assert "| Against | 0 |  |" in markdown
    assert "| Fully agree | 9 | " + "█" * 20 + " |" in markdown


# --- 3. what people typed stays text ------------------------------------------------------------------


@poppler
@pytest.mark.parametrize("kind", list(Format), ids=lambda kind: kind.value)
def test_hostile_text_comes_out_literally(hostile: Minutes, kind: Format) -> None:
    data = render(hostile.document, kind)
    text = extract(kind, data)
    for typed in HOSTILE_TEXTS:
        if kind is Format.PDF:
            # A table row may run onto the next page, with the footer and the repeated header
            # between its halves: each piece of the text must still be there, literally, in order.
            position = 0
            for piece in normalise(typed).split():
                position = text.find(piece, position)
                assert position >= 0, (typed, piece)
        else:
            assert normalise(typed) in text, typed
    assert f"Minutes: {HOSTILE_TITLE}" in text
    assert near("Proposed by", HOSTILE_PERSON).search(text)

    if kind is Format.PDF:
        # No link or script in the file: pdftotext shows the text, and the objects hold no action.
        for marker in (b"/URI", b"/JavaScript", b"/JS", b"/Launch", b"/Link", b"/GoToR"):
            assert marker not in data, marker
    elif kind is Format.DOCX:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            body = archive.read("word/document.xml")
            relations = archive.read("word/_rels/document.xml.rels")
        assert b"<w:hyperlink" not in body and b"w:fldSimple" not in body and b"w:instrText" not in body
        assert b"javascript" not in relations
    elif kind is Format.ODT:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            content = ET.fromstring(archive.read("content.xml"))
        assert not list(content.iter(f"{{{ODF_TEXT}}}a"))
        assert all("javascript" not in (v or "") for e in content.iter() for v in e.attrib.values())


def test_hostile_text_makes_no_html_elements_or_links(hostile: Minutes) -> None:
    reader = read_html(render(hostile.document, Format.HTML))
    assert set(reader.tags) <= TEMPLATE_TAGS, set(reader.tags) - TEMPLATE_TAGS
    assert "script" not in reader.tags and "img" not in reader.tags and "b" not in reader.tags
    for tag, name, value in reader.attributes:
        assert name not in ("href", "src", "onerror") and not name.startswith("on"), (tag, name)
        assert "javascript:" not in value.lower(), (tag, name, value)
    assert reader.tags.count("h1") == 1  # the title's "#" made no heading of its own


def test_hostile_text_makes_no_markdown_syntax(hostile: Minutes) -> None:
    markdown = render(hostile.document, Format.MARKDOWN).decode("utf-8")
    lines = markdown.split("\n")
    skeletons = [markdown_skeleton(line) for line in lines]
    for line, skeleton in zip(lines, skeletons, strict=True):
        assert "](" not in skeleton, line  # no link from typed text
        assert "<" not in skeleton and ">" not in skeleton, line  # no raw HTML either
    # Headings: exactly the document's own, the title's "#" escaped.
    headings = [
        line for line, skeleton in zip(lines, skeletons, strict=True) if re.match(r"#{1,6} ", skeleton)
    ]
    assert len(headings) == sum(isinstance(block, Heading) for block in hostile.document.blocks)
    assert headings[0] == r"# Minutes: \# Not \| a \*heading\*"
    # Tables: every row of a table has as many cell separators as its header.
    tables: list[list[int]] = []
    previous = False
    for skeleton in skeletons:
        is_row = skeleton.startswith("|")
        if is_row:
            if not previous:
                tables.append([])
            tables[-1].append(skeleton.count("|"))
        previous = is_row
    assert [rows[0] - 1 for rows in tables] == table_widths(hostile.document)
    for rows in tables:
        assert len(set(rows)) == 1, rows

    # A second opinion from a real CommonMark + GitHub tables parser (Qt's md4c).
    parsed = QTextDocument()
    parsed.setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    plain = normalise(parsed.toPlainText())
    for typed in HOSTILE_TEXTS:
        assert normalise(typed) in plain, typed
    levels = []
    block = parsed.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            levels.append(block.text())
        fragments = block.begin()
        while not fragments.atEnd():
            assert not fragments.fragment().charFormat().isAnchor(), fragments.fragment().text()
            fragments += 1
        block = block.next()
    assert levels == [
        block.text.replace("\n", " ") for block in hostile.document.blocks if isinstance(block, Heading)
    ]
    columns = [frame.columns() for frame in parsed.rootFrame().childFrames() if isinstance(frame, QTextTable)]
    assert columns == table_widths(hostile.document)


@poppler
def test_hostile_action_table_keeps_its_last_column_readable_in_pdf(hostile: Minutes) -> None:
    words = pdf_text(render(hostile.document, Format.PDF)).split()
    assert "Status" in words
    assert "Open" in words


# --- 4. the file name offered -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", [HOSTILE_TITLE, 'a/b\\c:d"e?f*g<h>i|j', "../../etc/passwd", "CON", "  .hidden.  "]
)
def test_the_offered_file_name_is_safe_everywhere(services: Services, qapp: QApplication, title: str) -> None:
    meeting_id = add_hostile_meeting(services)
    meeting = services.meetings.detail(meeting_id).meeting
    services.meetings.update(
        meeting_id,
        MeetingFields(
            title, meeting.starts_at, meeting.place, meeting.purpose, meeting.facilitator, meeting.recorder
        ),
    )
    name = safe_file_name(file_stem(services.meetings.detail(meeting_id)), "pdf")
    assert not set('<>:"/\\|?*') & set(name), name
    assert name.startswith("2026-03-04 ") and name.endswith(" minutes.pdf"), name
    assert name == name.strip() and not name.startswith((".", "-"))


# --- 5. the command line ------------------------------------------------------------------------------


@pytest.fixture
def demo_folder(tmp_path: Path, qapp: QApplication, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "cli-data"
    folder.mkdir()
    assert run(["--data-dir", str(folder), "demo"]) == 0
    capsys.readouterr()
    return folder


def test_command_line_writes_the_minutes_as_markdown(
    demo_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "launch.md"
    code = run(
        ["--data-dir", str(demo_folder), "minutes", "Launch meeting", "--format", "md", "-o", str(path)]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err == ""
    assert "Launch meeting" in out and str(path) in out
    markdown = path.read_text(encoding="utf-8")
    assert markdown.startswith("# Minutes: Launch meeting\n")
    text = normalise(markdown_unescaped(markdown))
    assert sample_data.SAMPLE_NAME in text
    assert "13 present of 15" in text
    for wording, *_rest in sample_data.DECISIONS:
        assert wording in text
    assert "| Total | 12 | 0 | 1 |" in markdown


def test_command_line_lists_the_meetings(demo_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--data-dir", str(demo_folder), "meetings"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if sample_data.SAMPLE_NAME in line]
    assert len(lines) == 2, out
    assert "Launch meeting" in lines[0]
    assert "Summer jobs working session" in lines[1]
    for line in lines:
        assert re.match(r"\d+\s+\d{4}-\d{2}-\d{2}\s", line), line


def test_command_line_names_an_unknown_meeting(
    demo_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nothing.md"
    code = run(["--data-dir", str(demo_folder), "minutes", "Picnic planning", "-o", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "Picnic planning" in err
    assert "Traceback" not in err and "MeetingNotMatched" not in err
    assert out == ""
    assert not path.exists()


def test_command_line_lists_the_candidates_of_an_ambiguous_query(
    demo_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = database(demo_folder)
    prepare(db)
    services = build_services(db)
    try:
        collaborative = services.collaboratives.create(CollaborativeFields("Garden club", "", "", ""))
        for title in ("Spring planting", "Tool shed"):
            services.meetings.create(
                collaborative.id, MeetingFields(title, datetime(2031, 5, 6, 19, 0), "Shed", "", "", "")
            )
    finally:
        services.close()
    path = tmp_path / "either.md"
    code = run(["--data-dir", str(demo_folder), "minutes", "2031-05-06", "-o", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "2031-05-06" in err
    assert re.search(r"\d+: 2031-05-06 Spring planting", err), err
    assert re.search(r"\d+: 2031-05-06 Tool shed", err), err
    assert "Traceback" not in err
    assert not path.exists()


def test_command_line_refuses_a_missing_folder_plainly(
    demo_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "no such folder" / "launch.md"
    code = run(["--data-dir", str(demo_folder), "minutes", "Launch meeting", "-o", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "does not exist" in err and str(path) in err
    assert "Traceback" not in err and "Errno" not in err and "ExportFailed" not in err
    assert not path.exists() and not path.parent.exists()


# --- 6. another program opens the Word file -----------------------------------------------------------


@poppler
@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice not installed")
def test_libreoffice_reads_the_decisions_from_the_word_file(launch: Minutes, tmp_path: Path) -> None:
    source = tmp_path / "minutes.docx"
    source.write_bytes(render(launch.document, Format.DOCX))
    converted = tmp_path / "converted"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["libreoffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(converted), str(source)],
        capture_output=True, check=True, timeout=300, env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    text = normalise(pdf_text((converted / "minutes.pdf").read_bytes()))
    for wording, proposer, *_rest in sample_data.DECISIONS:
        assert normalise(wording) in text, wording
        assert near("Proposed by", proposer).search(text), proposer
    assert len(near("Disposition", "Adopted").findall(text)) == 2
    assert len(near("Disposition", "Deferred").findall(text)) == 1
    assert normalise(sample_data.DECISIONS[2][6]) in text
