"""The nominal group section of the minutes: the sample's finished run, an item the group never got
to, the other ways of counting, ties in the group's list, and the files a secretary sends."""

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

from facilitator.domain.document import (
    BarTone,
    Block,
    Bullets,
    Chart,
    Document,
    Heading,
    Paragraph,
    Table,
    Tone,
)
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
from facilitator.techniques.nominal_group.model import Convention, Step, Vote
from facilitator.techniques.nominal_group.ui.minutes import minutes_blocks
from facilitator.ui.minutes.compose import compose
from facilitator.ui.minutes.export import render
from facilitator.ui.minutes.formats import Format

TITLE = "Our first priorities"
QUESTION = "Of the problems we listed, which should this collaborative take on first?"


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


def of_kind(blocks: Sequence[Block], kind: type[Table] | type[Chart] | type[Bullets]) -> list[Block]:
    return [b for b in blocks if isinstance(b, kind)]


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture
def launch(services: Services, qapp: QApplication) -> tuple[Services, int]:
    services.sample.create()
    return services, services.meetings.lookup("Launch meeting").id


def item_of(services: Services, meeting_id: int, title: str) -> int:
    return next(item.id for item in services.agenda.for_meeting(meeting_id) if item.title == title)


def small_group(services: Services, people: int = 4) -> tuple[int, int, list[int]]:
    """A meeting with everyone present and a nominal group item, opened: meeting, item, people."""
    collaborative = services.collaboratives.create(CollaborativeFields("Riverside Neighbours", "", "", ""))
    meeting = services.meetings.create(
        collaborative.id, MeetingFields("Spring meeting", datetime(2026, 3, 4, 18, 0), "Hall", "", "", "")
    )
    ids = []
    for n in range(people):
        person = services.people.add(collaborative.id, PersonFields(f"Person {n + 1}", "", None, ""))
        services.attendance.set_status(meeting.id, person.id, AttendanceStatus.PRESENT)
        ids.append(person.id)
    item = services.agenda.add(
        meeting.id, AgendaFields(AgendaKind.NOMINAL_GROUP, "Priorities", "What first on our street?", 45)
    )
    services.nominal_group.open(item.id)
    return meeting.id, item.id, ids


def record(services: Services, item_id: int, *ideas: str) -> dict[str, int]:
    for words in ideas:
        services.nominal_group.record_idea(item_id, words)
    return {i.text: i.number for i in services.nominal_group.view(item_id).ideas}


# -- the sample ------------------------------------------------------------------------------------
def test_the_sample_minutes_show_the_whole_run(launch: tuple[Services, int]) -> None:
    services, meeting_id = launch
    blocks = section(compose(services, meeting_id), TITLE)
    said = paragraphs(blocks)
    assert QUESTION in said  # the question, from the minutes themselves, once
    assert said.count(QUESTION) == 1
    assert (
        "12 ideas were listed, with 13 people present. 6 came from the list of “What keeps young people "
        "from thriving here?”. 6 were recorded in the round robin. One was merged into another with the "
        "group's agreement, leaving 11 on the list." in said
    )
    assert not any("stopped at this step" in text for text in said)  # it reached the result

    # The list as the group worded it: the merge inside the idea it went into, the rewording noted.
    ideas = of_kind(blocks, Bullets)[0]
    assert isinstance(ideas, Bullets) and not ideas.numbered
    lines = {item.split("\n")[0]: item.split("\n")[1:] for item in ideas.items}
    assert list(lines)[:2] == [
        "1. Too few summer and part-time jobs open to under-18s",
        "2. No buses in the evening, so no way home from a late shift",
    ]
    assert len(lines) == 11 and not any(label.startswith("7. ") for label in lines)
    (part, into, note) = sample_data.NOMINAL_MERGED[0]
    merged_into = next(label for label in lines if label.startswith(f"{into}. "))
    assert lines[merged_into] == [
        f"Merged in: {part}. {sample_data.NOMINAL_IDEAS[part - 7]}",
        f"How the group agreed: {note}",
    ]
    (number, words) = sample_data.NOMINAL_REWORDED[0]
    assert lines[f"{number}. {words}"] == [f"First recorded as: {sample_data.NOMINAL_IDEAS[number - 7]}"]

    # Both votes: how they were counted, a table each (a tie and a divided idea in the first), a chart each.
    strong = paragraphs(blocks, Tone.STRONG)
    assert strong == ["First vote", "Final vote", "The group's priorities"]
    quiet = paragraphs(blocks, Tone.QUIET)
    counted = "12 cards, 5 picks each; the most important scored 5 points down to 1."
    assert quiet.count(counted) == 2
    first, final = of_kind(blocks, Table)
    assert isinstance(first, Table) and isinstance(final, Table)
    assert first.headers == final.headers == ("Place", "Idea", "Points", "Cards", "Mean rank")
    assert first.numeric == frozenset({0, 2, 3, 4})
    assert [row[0] for row in first.rows] == ["1", "2", "3", "=4", "=4", "6", "7", "8", "9", "10", "11"]
    assert first.rows[0] == ("1", "1. Too few summer and part-time jobs open to under-18s", "40", "9", "1.6")
    assert (
        first.rows[2][1] == "2. No buses in the evening, so no way home from a late shift\n(worth discussing)"
    )
    assert [row[1] for row in first.rows[3:5]] == [
        "4. Nowhere to hang out except the mall and parking lots",
        "11. Mental health support stops at 18, with no handover to adult services",
    ]
    assert sum("(worth discussing)" in row[1] for row in first.rows) == 1
    assert not any("(worth discussing)" in row[1] for row in final.rows)
    assert [row[0] for row in final.rows] == [str(n) for n in range(1, 12)]
    assert final.rows[0][2:] == ("46", "10", "1.4")
    assert any(text.startswith("Worth discussing: some ranked the idea near the top") for text in quiet)
    charts = of_kind(blocks, Chart)
    assert [c.title for c in charts if isinstance(c, Chart)] == [
        "First vote: points for each idea",
        "Final vote: points for each idea",
    ]
    for chart, table in zip(charts, (first, final), strict=True):
        assert isinstance(chart, Chart)
        assert [(bar.label, str(bar.value)) for bar in chart.bars] == [
            (row[1].split("\n")[0], row[2]) for row in table.rows
        ]
        assert all(bar.tone is BarTone.SUPPORT for bar in chart.bars)

    # The group's list: the final vote, in order, numbered.
    assert "In the order of the final vote:" in said
    listed = of_kind(blocks, Bullets)[-1]
    assert isinstance(listed, Bullets) and listed.numbered
    assert listed.items[0] == "Too few summer and part-time jobs open to under-18s (idea 1)"
    assert [item.rsplit("(idea ", 1)[1].rstrip(")") for item in listed.items] == [
        row[1].split(".")[0] for row in final.rows
    ]
    assert not any("tied" in item for item in listed.items)


def test_an_item_never_opened_has_only_its_question(launch: tuple[Services, int]) -> None:
    services, meeting_id = launch
    brainstorm = next(
        i for i in services.agenda.for_meeting(meeting_id) if i.kind is AgendaKind.BRAINSTORMING
    )
    later = services.agenda.add(
        meeting_id, AgendaFields(AgendaKind.NOMINAL_GROUP, "Next time", "Which of these next?", 30)
    )
    assert minutes_blocks(services, later) == []
    # A starting list sent on, the group not there yet: still nothing of its own.
    wall = services.brainstorm.view(brainstorm.id).wall
    services.brainstorm.send(brainstorm.id, [wall[0].id, wall[1].id], later.id)
    assert minutes_blocks(services, later) == []
    blocks = section(compose(services, meeting_id), "Next time")
    assert blocks == [Paragraph("Nominal group technique", Tone.QUIET), Paragraph("Which of these next?")]


def test_a_group_that_stopped_early_says_where(services: Services, qapp: QApplication) -> None:
    meeting, item, _people = small_group(services)
    services.nominal_group.set_step(item, Step.ROUND_ROBIN)
    blocks = list(minutes_blocks(services, services.agenda.for_meeting(meeting)[0]))
    assert paragraphs(blocks) == [
        "No ideas were recorded.",
        "The group stopped at this step: Round robin.",
    ]
    record(services, item, "Fix the lift", "Light the back lane")
    blocks = list(minutes_blocks(services, services.agenda.for_meeting(meeting)[0]))
    said = paragraphs(blocks)
    assert said[0] == "2 ideas were listed, with 4 people present."
    assert "The group stopped at this step: Round robin." in said
    assert not of_kind(blocks, Table) and not of_kind(blocks, Chart)  # no vote yet
    assert len(of_kind(blocks, Bullets)) == 1


def test_ranking_every_idea_and_ties_in_the_first_vote(services: Services, qapp: QApplication) -> None:
    meeting, item, people = small_group(services)
    numbers = record(services, item, "Fix the lift", "Light the back lane", "A bench by the shop")
    group = services.nominal_group
    group.set_convention(item, Convention.RANK_ALL)
    group.set_anonymous(item, True, 5)
    group.set_step(item, Step.PRELIMINARY)
    for typed, who in (("1 2 3", people[0]), ("2 1 3", None), ("3 1 2", None), ("2 3 1", None)):
        group.add_ballot(item, Vote.PRELIMINARY, typed, who)
    group.set_step(item, Step.DISCUSS)
    agenda_item = services.agenda.for_meeting(meeting)[0]
    blocks = list(minutes_blocks(services, agenda_item))
    said = paragraphs(blocks)
    assert "Turns went by seat number, not by name." in said[0]
    assert "The group stopped at this step: Discuss the vote." in said
    assert "4 cards; every idea ranked, the first scoring 3 points down to 1 for the last." in paragraphs(
        blocks, Tone.QUIET
    )
    (table,) = of_kind(blocks, Table)
    assert isinstance(table, Table)
    # 1: 3+2+2+1 = 8, 2: 2+3+1+3 = 9, 3: 1+1+3+2 = 7
    assert [(row[0], row[1].split("\n")[0], row[2]) for row in table.rows] == [
        ("1", "2. Light the back lane", "9"), ("2", "1. Fix the lift", "8"), ("3", "3. A bench by the shop", "7"),
    ]  # fmt: skip
    # No final vote yet: the list is the first vote's.
    assert "In the order of the first vote (there was no final vote):" in said
    # A tie in the group's list is said as a tie, in the order the group chose for it.
    group.correct_ballot(group.view(item).cards(Vote.PRELIMINARY)[3].id, "2 1 3")
    listed = of_kind(minutes_blocks(services, agenda_item), Bullets)[-1]
    assert isinstance(listed, Bullets) and listed.numbered
    assert listed.items == (
        f"Fix the lift (idea {numbers['Fix the lift']}) — tied with idea 2",
        "Light the back lane (idea 2) — tied with idea 1",
        "A bench by the shop (idea 3)",
    )
    if hasattr(group, "break_ties"):
        group.break_ties(item, [2, 1])
        listed = of_kind(minutes_blocks(services, agenda_item), Bullets)[-1]
        assert isinstance(listed, Bullets)
        assert [item.split(" (")[0] for item in listed.items][:2] == ["Light the back lane", "Fix the lift"]


def test_added_up_ranks_say_the_lowest_comes_first(services: Services, qapp: QApplication) -> None:
    meeting, item, _people = small_group(services)
    record(services, item, "Fix the lift", "Light the back lane", "A bench by the shop", "Mend the fence")
    group = services.nominal_group
    group.set_convention(item, Convention.REVERSED)
    group.set_picks(item, 2)
    for typed in ("1 2", "1 3", "2 1"):
        group.add_ballot(item, Vote.FINAL, typed)
    group.set_step(item, Step.RESULT)
    blocks = list(minutes_blocks(services, services.agenda.for_meeting(meeting)[0]))
    assert (
        "3 cards, 2 picks each; ranks added up (an idea left off a card counted 3); the lowest total "
        "comes first." in paragraphs(blocks, Tone.QUIET)
    )
    (table,) = of_kind(blocks, Table)
    assert isinstance(table, Table) and table.headers[2] == "Rank total"
    # 1: 1+1+2 = 4; 2: 2+3+1 = 6; 3: 3+2+3 = 8; 4 on no card.
    assert [(row[0], row[2], row[3]) for row in table.rows] == [
        ("1", "4", "3"),
        ("2", "6", "2"),
        ("3", "8", "1"),
    ]
    assert "The other 1 ideas were on no card." not in paragraphs(blocks)
    assert "One other idea was on no card." in paragraphs(blocks, Tone.QUIET)
    (chart,) = of_kind(blocks, Chart)
    assert isinstance(chart, Chart) and "the lowest comes first" in chart.title
    # Only a final vote: the first vote, never held, is not made up.
    assert paragraphs(blocks, Tone.STRONG) == ["First vote", "Final vote", "The group's priorities"]
    assert "No cards were entered for this vote." in paragraphs(blocks, Tone.QUIET)


def test_long_lists_chart_the_leaders_only(services: Services, qapp: QApplication) -> None:
    meeting, item, _people = small_group(services)
    record(services, item, *(f"Idea number {n}" for n in range(1, 41)))
    group = services.nominal_group
    group.set_picks(item, 20)
    group.add_ballot(item, Vote.FINAL, " ".join(str(n) for n in range(1, 21)))
    group.add_ballot(item, Vote.FINAL, " ".join(str(n) for n in range(21, 41)))
    blocks = list(minutes_blocks(services, services.agenda.for_meeting(meeting)[0]))
    (table,) = of_kind(blocks, Table)
    (chart,) = of_kind(blocks, Chart)
    assert isinstance(table, Table) and isinstance(chart, Chart)
    assert len(table.rows) == 40
    # Two ideas on each number of points: the chart stops before a tie it cannot show whole.
    assert len(chart.bars) == 14 and chart.title.endswith("(the first 14 ideas)")
    listed = of_kind(blocks, Bullets)[-1]
    assert isinstance(listed, Bullets)
    assert listed.items[:2] == (
        "Idea number 1 (idea 1) — tied with idea 21",
        "Idea number 21 (idea 21) — tied with idea 1",
    )


def test_a_long_tie_is_counted_not_spelt_out(services: Services, qapp: QApplication) -> None:
    meeting, item, _people = small_group(services)
    record(services, item, *(f"Idea number {n}" for n in range(1, 8)))
    group = services.nominal_group
    group.set_picks(item, 1)
    for typed in ("1", "2", "3", "4", "5", "6", "1"):
        group.add_ballot(item, Vote.FINAL, typed)
    blocks = list(minutes_blocks(services, services.agenda.for_meeting(meeting)[0]))
    assert "7 cards, one pick each, scoring 1 point." in paragraphs(blocks, Tone.QUIET)
    listed = of_kind(blocks, Bullets)[-1]
    assert isinstance(listed, Bullets)
    assert listed.items == (
        "Idea number 1 (idea 1)",
        *(f"Idea number {n} (idea {n}) — tied with 4 other ideas" for n in range(2, 7)),
    )


# -- the files -------------------------------------------------------------------------------------
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_pdf_holds_the_votes_and_the_list(launch: tuple[Services, int]) -> None:
    services, meeting_id = launch
    data = render(compose(services, meeting_id), Format.PDF)
    text = normalise(
        subprocess.run(
            ["pdftotext", "-", "-"], input=data, capture_output=True, check=True, timeout=60
        ).stdout.decode()
    )
    for expected in ("First vote", "Final vote", "(worth discussing)", "=4", "The group's priorities",
                     "First recorded as: families dont know whats out there", "Mean rank"):  # fmt: skip
        assert normalise(expected) in text, expected


@pytest.mark.parametrize("kind", [Format.MARKDOWN, Format.HTML], ids=lambda kind: kind.value)
def test_typed_ideas_come_out_literally(services: Services, qapp: QApplication, kind: Format) -> None:
    meeting, item, _people = small_group(services)
    hostile = "<b>&amp; *x*</b> | [link](javascript:alert(1))"
    record(services, item, hostile, "Plain words")
    services.nominal_group.add_ballot(item, Vote.PRELIMINARY, "1 2")
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


def test_the_minutes_give_every_card_as_written(services: Services) -> None:
    services.sample.create()
    (summary,) = services.collaboratives.overview()
    launch = min(m.id for m in summary.meetings)
    item = next(i for i in services.agenda.for_meeting(launch) if i.kind is AgendaKind.NOMINAL_GROUP)
    view = services.nominal_group.view(item.id)
    quiet = [b.text for b in minutes_blocks(services, item) if isinstance(b, Paragraph)]
    written = [t for t in quiet if t.startswith("The cards as written")]
    assert len(written) == 2  # one line for each vote
    for vote, line in zip(Vote, written, strict=True):
        for card in view.cards(vote):
            ranks = " ".join(str(n) for n in card.ranks)
            name = f" ({view.people[card.person_id]})" if card.person_id is not None else ""
            assert f"card {card.card}{name}: {ranks}" in line
