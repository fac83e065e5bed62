"""The idea writing section of the minutes: the sample's finished 6-3-5 run, an item the groups
never got to, groups that stopped early, the pad variant, and the files a secretary sends."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Sequence
from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication

from facilitator.domain.document import Block, Bullets, Document, Heading, Paragraph, Table, Tone
from facilitator.domain.model import (
    AgendaFields,
    AgendaKind,
    AttendanceStatus,
    CollaborativeFields,
    MeetingFields,
    PersonFields,
)
from facilitator.services import Services
from facilitator.services import sample as sample_data
from facilitator.techniques.idea_writing.model import Direction, Step, Variant
from facilitator.techniques.idea_writing.ui.minutes import minutes_blocks
from facilitator.ui.minutes.compose import compose
from facilitator.ui.minutes.export import render
from facilitator.ui.minutes.formats import Format

TITLE = "First ideas for summer jobs"
QUESTION = "What could each of us do so that more of Millbrook's teenagers find a summer job, and keep it?"


# -- reading the minutes ---------------------------------------------------------------------------
def section(document: Document, title: str) -> list[Block]:
    """The blocks under one agenda item's heading, up to the next heading of its level or above."""
    blocks = list(document.blocks)
    heads = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level <= 3]
    start = next(i for i, b in heads if b.level == 3 and b.text.endswith(title))
    end = next((i for i, _b in heads if i > start), len(blocks))
    return blocks[start + 1 : end]


def paragraphs(blocks: Sequence[Block], tone: Tone | None = None) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph) and (tone is None or b.tone is tone)]


def tables(blocks: Sequence[Block]) -> list[Table]:
    return [b for b in blocks if isinstance(b, Table)]


def bullets(blocks: Sequence[Block]) -> list[Bullets]:
    return [b for b in blocks if isinstance(b, Bullets)]


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture
def launch(services: Services, qapp: QApplication) -> tuple[Services, int]:
    services.sample.create()
    return services, services.meetings.lookup("Launch meeting").id


def small_room(services: Services, people: int = 5) -> tuple[int, int]:
    """A meeting with everyone present and an idea-writing item, opened: meeting and item."""
    collaborative = services.collaboratives.create(CollaborativeFields("Riverside Neighbours", "", "", ""))
    meeting = services.meetings.create(
        collaborative.id, MeetingFields("Spring meeting", datetime(2026, 3, 4, 18, 0), "Hall", "", "", "")
    )
    sectors = {s.name: s.id for s in services.sectors.all()}
    for n in range(people):
        sector = sectors.get("Business") if n % 2 else None
        person = services.people.add(collaborative.id, PersonFields(f"Person {n + 1}", "", sector, ""))
        services.attendance.set_status(meeting.id, person.id, AttendanceStatus.PRESENT)
    item = services.agenda.add(
        meeting.id,
        AgendaFields(AgendaKind.IDEA_WRITING, "Street ideas", "What would make our street better?", 45),
    )
    services.idea_writing.open(item.id)
    return meeting.id, item.id


def blocks_of(services: Services, meeting: int) -> list[Block]:
    return list(minutes_blocks(services, services.agenda.for_meeting(meeting)[0]))


# -- the sample ------------------------------------------------------------------------------------
def test_the_sample_minutes_show_each_group_and_its_sheets(launch: tuple[Services, int]) -> None:
    services, meeting_id = launch
    blocks = section(compose(services, meeting_id), TITLE)
    said = paragraphs(blocks)
    assert said.count(QUESTION) == 1  # the question, from the minutes themselves, once
    assert (
        "Brainwriting, after the 6-3-5 method: groups of about 5, 3 ideas a round, 5 minutes a round, "
        "5 rounds. More time for later rounds: round 4, 1 more minute; round 5, 2 more minutes. Sheets were "
        "passed to the left." in said
    )
    typed = sum(len(row) for rows in sample_data.WRITING_SHEETS.values() for row in rows)
    assert (
        f"13 people took part in 3 groups, with the sectors mixed. {typed} ideas were typed in from 13 sheets."
        in said
    )
    assert not any("stopped at this step" in text for text in said)  # it got to the report

    # A group each: its name and size, who had which sheet, its main ideas, its sheets.
    strong = paragraphs(blocks, Tone.STRONG)
    assert strong == ["Group A (5 people)", "Group B (4 people)", "Group C (4 people)"]
    quiet = paragraphs(blocks, Tone.QUIET)
    assert quiet[1] == (
        "A1 Joe Kowalski (Community resident); A2 Grace Whitfield (Nonprofit); A3 Dr. Ellen Park (Education); "
        "A4 Rosa Delgado (Government); A5 Nadia Petrova (Health)"
    )
    main = bullets(blocks)
    assert len(main) == 3 and all(b.numbered for b in main)
    assert [len(b.items) for b in main] == [3, 3, 3]
    numbers = {}
    for code, rows in sample_data.WRITING_SHEETS.items():
        for r, row in enumerate(rows, start=1):
            for slot, (words, _above) in enumerate(row, start=1):
                numbers[(code, r, slot)] = (len(numbers) + 1, words)
    for listed, (letter, words, picked) in zip(
        [item for b in main for item in b.items], sample_data.WRITING_SUMMARIES, strict=True
    ):
        assert listed == (f"{words} (idea {numbers[picked][0]})" if picked else words), letter

    # Every idea in a table for its group, sheet by sheet, with the number of the idea it builds on.
    sheets = tables(blocks)
    assert len(sheets) == 3
    assert all(t.headers == ("Sheet", "Round", "Idea", "Builds on") for t in sheets)
    assert all(t.numeric == frozenset({1, 3}) for t in sheets)
    rows = [row for t in sheets for row in t.rows]
    assert len(rows) == typed
    expected = []
    for code, sheet in sample_data.WRITING_SHEETS.items():
        group = sample_data.WRITING_GROUPS["ABC".index(code[0])]
        for r, row in enumerate(sheet, start=1):
            for slot, (words, above) in enumerate(row, start=1):
                first = r == 1 and slot == 1
                number = numbers[(code, r, slot)][0]
                on = str(numbers[(code, *above)][0]) if above else ""
                expected.append(
                    (f"{code}\n{group[int(code[1]) - 1]}" if first else "", str(r), f"{number}. {words}", on)
                )
    assert rows == expected
    assert rows[3] == (
        "", "2", "4. Pair the errands with the food bank's home deliveries to seniors", "3"
    )  # fmt: skip
    # The corrected slip reads as corrected.
    assert any(row[2].endswith("a mechanic two evenings a week") for row in rows)
    # C4 was half typed in: said under group C only.
    behind = [text for text in quiet if text.startswith("Not all typed in yet")]
    assert behind == ["Not all typed in yet: sheet C4 (2 of 4 rows)."]
    assert (
        blocks.index(next(b for b in blocks if isinstance(b, Paragraph) and b.text in behind))
        == len(blocks) - 1
    )


def test_an_item_never_opened_has_only_its_question(launch: tuple[Services, int]) -> None:
    services, meeting_id = launch
    later = services.agenda.add(
        meeting_id, AgendaFields(AgendaKind.IDEA_WRITING, "Next time", "What else could we try?", 30)
    )
    assert minutes_blocks(services, later) == []
    services.idea_writing.open(later.id)  # opened and left: still nothing of its own
    services.idea_writing.set_variant(later.id, Variant.IDEA_WRITING)
    assert minutes_blocks(services, later) == []
    blocks = section(compose(services, meeting_id), "Next time")
    assert blocks == [Paragraph("Idea writing", Tone.QUIET), Paragraph("What else could we try?")]


def test_groups_that_stopped_early_say_where(services: Services, qapp: QApplication) -> None:
    meeting, item = small_room(services)
    iw = services.idea_writing
    iw.set_numbers(item, group_size=3, ideas_per_round=2, minutes_per_round=4, rounds=3)
    iw.make_groups(item)
    iw.set_direction(item, Direction.RIGHT)
    iw.set_step(item, Step.WRITING)
    blocks = blocks_of(services, meeting)
    said = paragraphs(blocks)
    assert said[0].startswith("Brainwriting, after the 6-3-5 method: groups of about 3, 2 ideas a round, ")
    assert said[0].endswith("Sheets were passed to the right.")
    assert (
        said[1]
        == "5 people took part in 2 groups, with the sectors mixed. No ideas were typed in from the sheets."
    )
    assert "The groups stopped at this step: Writing." in paragraphs(blocks, Tone.QUIET)
    assert paragraphs(blocks, Tone.STRONG) == ["Group A (3 people)", "Group B (2 people)"]
    assert paragraphs(blocks, Tone.QUIET).count("No ideas from its sheets were typed in.") == 2
    assert not tables(blocks) and not bullets(blocks)  # no main ideas before the groups give them

    view = iw.view(item)
    sheet = view.groups[0].members[0].id
    first = iw.add_entry(sheet, 1, 1, "Plant trees", None).view.entries[-1]
    iw.add_entry(sheet, 2, 1, "Fruit trees the children can pick")  # builds on the idea above
    iw.set_step(item, Step.TRANSCRIBE)
    blocks = blocks_of(services, meeting)
    said = paragraphs(blocks)
    assert said[1].endswith("2 ideas were typed in from one sheet.")
    assert "The groups stopped at this step: Typing in the sheets." in paragraphs(blocks, Tone.QUIET)
    (table,) = tables(blocks)
    name = view.groups[0].members[0].name
    assert table.rows == (
        (f"A1\n{name}", "1", "1. Plant trees", ""),
        ("", "2", "2. Fruit trees the children can pick", str(first.number)),
    )
    assert "Not all typed in yet: sheets A1 (2 of 3 rows), A2 (0 of 3 rows), A3 (0 of 3 rows)." in paragraphs(
        blocks, Tone.QUIET
    )
    # At the summaries, a group without main ideas says so; one picked from a sheet names its idea.
    iw.set_step(item, Step.SUMMARIES)
    iw.add_summary(view.groups[0].id, idea_id=first.id)
    blocks = blocks_of(services, meeting)
    assert not any("stopped" in text for text in paragraphs(blocks))
    assert bullets(blocks) == [Bullets(("Plant trees (idea 1)",), numbered=True)]
    assert "The group gave no main ideas." in paragraphs(blocks, Tone.QUIET)


def test_idea_writing_with_pads_says_so(services: Services, qapp: QApplication) -> None:
    meeting, item = small_room(services, people=4)
    iw = services.idea_writing
    iw.set_variant(item, Variant.IDEA_WRITING)
    iw.set_mix_sectors(item, False)
    iw.make_groups(item)
    said = paragraphs(blocks_of(services, meeting))
    assert said[0] == (
        "Idea writing: each pad was answered by its owner, then passed round the group for reactions; groups "
        "of about 4, up to 3 ideas a turn, 5 minutes a turn. Sheets were passed to the left."
    )
    assert said[1] == "4 people took part in one group. No ideas were typed in from the sheets."
    assert said[2] == "The groups stopped at this step: Setting up."


def test_6_3_5_by_its_own_numbers_is_named_so(services: Services, qapp: QApplication) -> None:
    meeting, item = small_room(services, people=7)
    services.idea_writing.make_groups(item)  # 6-3-5 as it comes; rounds as the biggest group has people
    said = paragraphs(blocks_of(services, meeting))
    assert said[0] == (
        "6-3-5 brainwriting: groups of about 6, 3 ideas a round, 5 minutes a round, 4 rounds. Sheets were "
        "passed to the left."
    )


# -- the files -------------------------------------------------------------------------------------
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_pdf_holds_the_groups_and_their_sheets(launch: tuple[Services, int]) -> None:
    services, meeting_id = launch
    data = render(compose(services, meeting_id), Format.PDF)
    text = normalise(
        subprocess.run(
            ["pdftotext", "-", "-"], input=data, capture_output=True, check=True, timeout=60
        ).stdout.decode()
    )
    for expected in ("7. First ideas for summer jobs", "Group A (5 people)", "Group C (4 people)",
                     "Its main ideas:", "Builds on", "Not all typed in yet: sheet C4 (2 of 4 rows).",
                     "117. Carpentry learners could repair the church hall itself"):  # fmt: skip
        assert normalise(expected) in text, expected


@pytest.mark.parametrize("kind", [Format.MARKDOWN, Format.HTML], ids=lambda kind: kind.value)
def test_typed_ideas_come_out_literally(services: Services, qapp: QApplication, kind: Format) -> None:
    meeting, item = small_room(services, people=2)
    iw = services.idea_writing
    iw.make_groups(item)
    hostile = "<b>&amp; *x*</b> | [link](javascript:alert(1))"
    sheet = iw.view(item).groups[0].members[0].id
    iw.add_entry(sheet, 1, 1, hostile, None)
    data = render(compose(services, meeting), kind).decode("utf-8")
    assert "<b>" not in data  # never markup
    if kind is Format.HTML:
        assert normalise(f"1. {hostile}") in normalise(html.unescape(data))
    else:
        unescaped = re.sub(
            r"\\(.)|&lt;|&gt;",
            lambda m: m.group(1) if m.group(1) is not None else {"&lt;": "<", "&gt;": ">"}[m.group(0)],
            data,
            flags=re.DOTALL,
        )
        assert normalise(f"1. {hostile}") in normalise(unescaped)
