"""The brainstorming section of the minutes: the sample's finished wall, an empty one, per-person dots,
and typed text that must come out literally in Markdown and HTML."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from html.parser import HTMLParser

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
from facilitator.techniques.brainstorming.model import DotEntry, Phase, top
from facilitator.ui.minutes.compose import compose
from facilitator.ui.minutes.export import render
from facilitator.ui.minutes.formats import Format

QUESTION = "What stops Millbrook's young people from finding work, learning and belonging?"
HOSTILE_IDEA = "<b>&amp; *x*</b> | [link](javascript:alert(1))"
HOSTILE_THEME = "# <i>Theme</i> & _more_"
HOSTILE_FIRST = "1. <script>alert(1)</script>"
HOSTILE_PERSON = "Zoë <u>&lt;</u> `Tick`"


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


def bullets(blocks: Sequence[Block]) -> list[str]:
    return [item for b in blocks if isinstance(b, Bullets) for item in b.items]


def one(blocks: Sequence[Block], kind: type[Table] | type[Chart]) -> Table | Chart:
    found = [b for b in blocks if isinstance(b, kind)]
    assert len(found) == 1, found
    return found[0]


def theme_of(blocks: Sequence[Block]) -> dict[str, str]:
    """Each bullet's first line, under the bold theme name it follows."""
    current, themes = "", {}
    for block in blocks:
        if isinstance(block, Paragraph) and block.tone is Tone.STRONG:
            current = block.text
        elif isinstance(block, Bullets):
            for item in block.items:
                themes[item.split("\n")[0]] = current
    return themes


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


class HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._skip = tag in ("style", "title")

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def markdown_text(markdown: str) -> str:
    """The Markdown with its backslash escapes and the writer's two entities undone."""
    return re.sub(
        r"\\(.)|&lt;|&gt;",
        lambda m: m.group(1) if m.group(1) is not None else {"&lt;": "<", "&gt;": ">"}[m.group(0)],
        markdown,
        flags=re.DOTALL,
    )


# -- the meetings ----------------------------------------------------------------------------------


@pytest.fixture
def launch(services: Services, qapp: QApplication) -> tuple[Services, int]:
    services.sample.create()
    return services, services.meetings.lookup("Launch meeting").id


def small_meeting(
    services: Services, people: Sequence[str], title: str = "Ideas night"
) -> tuple[int, int, list[int]]:
    """A meeting with everyone present and a brainstorm item: meeting id, item id, person ids."""
    sector = services.sectors.all()[0]
    collaborative = services.collaboratives.create(CollaborativeFields(f"{title} group", "", "", ""))
    meeting = services.meetings.create(
        collaborative.id, MeetingFields(title, datetime(2026, 3, 4, 18, 0), "Hall", "", "", "")
    )
    ids = []
    for name in people:
        person = services.people.add(collaborative.id, PersonFields(name, "", sector.id, ""))
        services.attendance.set_status(meeting.id, person.id, AttendanceStatus.PRESENT)
        ids.append(person.id)
    item = services.agenda.add(
        meeting.id, AgendaFields(AgendaKind.BRAINSTORMING, "Wall", "What could we try?", 20)
    )
    return meeting.id, item.id, ids


# -- the sample ------------------------------------------------------------------------------------


def test_the_sample_brainstorm_is_finished_and_feeds_the_nominal_group(launch: tuple[Services, int]) -> None:
    services, meeting_id = launch
    agenda = services.meetings.detail(meeting_id).agenda
    item = next(i for i in agenda if i.kind is AgendaKind.BRAINSTORMING)
    later = next(i for i in agenda if i.kind is AgendaKind.NOMINAL_GROUP)
    view = services.brainstorm.view(item.id)

    assert 35 <= len(view.ideas) <= 45
    assert [i.number for i in view.ideas] == list(range(1, len(view.ideas) + 1))
    assert 5 <= len(view.themes) <= 6
    assert all(i.theme_id is not None for i in view.wall)  # every idea on the wall sorted
    assert all(i.person_id is None for i in view.ideas) and not view.settings.attributed
    assert view.settings.phase is Phase.RESULTS
    assert view.settings.dot_entry is DotEntry.TOTALS
    results = [i for i in view.wall if view.parts(i.id)]
    assert 2 <= len(results) <= 3 and all(i.edited for i in results)
    assert len([i for i in view.wall if i.edited and not view.parts(i.id)]) >= 2
    summary = view.summary()
    assert summary.ceiling == 65 and 55 <= summary.placed <= 65
    standings = view.standings()
    assert any(s.tied for s in standings[:5])

    # The list starts with the copies; the round robin added the group's own ideas after them.
    copies = [i for i in services.brainstorm.view(later.id).ideas if i.source_title]
    sent = top(standings, sample_data.BRAINSTORM_SENT)
    assert [(c.text, c.source_title, c.source_number) for c in copies] == [
        (s.idea.text, item.title, s.idea.number) for s in sent
    ]
    # The starting list was written as the service writes it: sending again adds nothing.
    again = services.brainstorm.send(item.id, [s.idea.id for s in sent], later.id)
    assert (again.sent, again.skipped) == (0, len(sent))


def test_the_launch_minutes_show_the_whole_wall(launch: tuple[Services, int]) -> None:
    services, meeting_id = launch
    blocks = section(compose(services, meeting_id), "What keeps young people from thriving here?")
    said = paragraphs(blocks)

    assert QUESTION in said
    assert any(text.startswith("42 ideas were put up, with 13 people present.") for text in said)
    assert any("4 were merged into others, leaving 38 on the wall" in text for text in said)

    # Every theme, and every idea under its theme in number order, merged parts under their result.
    strong = paragraphs(blocks, Tone.STRONG)
    placed = theme_of(blocks)
    for theme, ideas in sample_data.BRAINSTORM:
        assert theme in strong
        assert [n for (n, *_r) in ideas] == sorted(n for (n, *_r) in ideas)
        for number, first, reworded, _dots, parts in ideas:
            label = f"{number}. {reworded or first}"
            assert placed.get(label) == theme, label
            item = next(i for i in bullets(blocks) if i.split("\n")[0] == label)
            if reworded:
                assert f"First put as: {first}" in item.split("\n")
            if parts:
                merged = "; ".join(f"{n}. {words}" for n, words in parts)
                assert f"Merged from: {merged}" in item.split("\n")
    assert "Not in a theme" not in strong

    # The results: ties shown as ties, the theme beside each idea, no voters for wall totals.
    table = one(blocks, Table)
    assert isinstance(table, Table)
    assert table.headers == ("Place", "Idea", "Theme", "Dots")
    rows = {row[1]: row for row in table.rows}
    assert rows["2. Too few summer and part-time jobs open to under-18s"] == (
        "1", "2. Too few summer and part-time jobs open to under-18s", "Work and money", "9",
    )  # fmt: skip
    assert rows["4. Months of waiting for counselling, in school and out"][0] == "=3"
    assert rows["5. Nowhere to hang out except the mall and parking lots"][0] == "=3"
    assert [row[0] for row in table.rows][:6] == ["1", "2", "=3", "=3", "5", "6"]
    assert all(int(row[3]) > 0 for row in table.rows)
    assert {0, 3} <= table.numeric
    assert "The other 20 ideas got no dots." in said
    assert (
        "The dots were counted off the wall, idea by idea. Dots placed: 60 of at most 65 (5 each for 13 present)."
        in paragraphs(blocks, Tone.QUIET)
    )

    chart = one(blocks, Chart)
    assert isinstance(chart, Chart)
    assert 1 <= len(chart.bars) <= 15
    assert chart.bars[0].label.startswith("2. ") and chart.bars[0].value == 9
    assert all(bar.tone is BarTone.SUPPORT for bar in chart.bars)
    assert [bar.value for bar in chart.bars] == sorted((bar.value for bar in chart.bars), reverse=True)

    # Where the ideas went.
    assert (
        "The 6 ideas with the most dots started the list of item 5, “Our first priorities”: ideas 2, 3, 4, 5, 17, 9."
        in said
    )


@pytest.mark.parametrize("kind", [Format.MARKDOWN, Format.HTML], ids=lambda kind: kind.value)
def test_the_launch_wall_reads_the_same_in_markdown_and_html(
    launch: tuple[Services, int], kind: Format
) -> None:
    services, meeting_id = launch
    data = render(compose(services, meeting_id), kind).decode("utf-8")
    if kind is Format.HTML:
        reader = HtmlText()
        reader.feed(data)
        text = normalise(" ".join(reader.parts))
    else:
        text = normalise(markdown_text(data))
    for theme, ideas in sample_data.BRAINSTORM:
        assert theme in text
        for number, first, reworded, _dots, _parts in ideas:
            assert normalise(f"{number}. {reworded or first}") in text
    assert "=3" in text


# -- typed text, an empty wall, per-person dots ----------------------------------------------------


@pytest.mark.parametrize("kind", [Format.MARKDOWN, Format.HTML], ids=lambda kind: kind.value)
def test_typed_ideas_stay_literal(services: Services, qapp: QApplication, kind: Format) -> None:
    meeting_id, item_id, (person,) = small_meeting(services, [HOSTILE_PERSON])
    services.brainstorm.open(item_id)
    services.brainstorm.set_attributed(item_id, True)
    first = services.brainstorm.add_idea(item_id, HOSTILE_FIRST, person).idea
    second = services.brainstorm.add_idea(item_id, HOSTILE_IDEA).idea
    services.brainstorm.merge(first.id, [second.id], HOSTILE_IDEA + " (both)")
    services.brainstorm.add_theme(item_id, HOSTILE_THEME, [first.id])
    services.brainstorm.set_total(first.id, 1)

    document = compose(services, meeting_id)
    blocks = section(document, "Wall")
    assert f"1. {HOSTILE_IDEA} (both) — {HOSTILE_PERSON}" in [i.split("\n")[0] for i in bullets(blocks)]
    data = render(document, kind).decode("utf-8")
    if kind is Format.HTML:
        reader = HtmlText()
        reader.feed(data)
        text = normalise(" ".join(reader.parts))
        assert not {"b", "i", "u", "script", "a"} & reader.tags
    else:
        text = normalise(markdown_text(data))
        assert "<b>" not in data and "<script>" not in data and "](" not in data
    for typed in (HOSTILE_IDEA, HOSTILE_THEME, HOSTILE_FIRST, HOSTILE_PERSON):
        assert normalise(typed) in text, typed
    assert normalise(f"Merged from: 2. {HOSTILE_IDEA}") in text
    assert normalise(f"First put as: {HOSTILE_FIRST}") in text


def test_a_brainstorm_without_ideas_says_so(services: Services, qapp: QApplication) -> None:
    meeting_id, item_id, _people = small_meeting(services, ["Ann"])
    never_opened = section(compose(services, meeting_id), "Wall")
    services.brainstorm.open(item_id)
    opened = section(compose(services, meeting_id), "Wall")
    for blocks in (never_opened, opened):
        mine = [b for b in blocks if b != Paragraph("What could we try?")]
        assert mine[-1] == Paragraph("No ideas were recorded.", Tone.QUIET)
        assert not [b for b in blocks if isinstance(b, Table | Chart | Bullets)]


def test_per_person_dots_show_the_voters(services: Services, qapp: QApplication) -> None:
    meeting_id, item_id, people = small_meeting(services, ["Ann", "Ben", "Cy", "Dee"])
    services.brainstorm.open(item_id)
    ideas = [
        services.brainstorm.add_idea(item_id, words).idea for words in ("Bike lanes", "Late bus", "Car pool")
    ]
    services.brainstorm.set_dot_entry(item_id, DotEntry.PEOPLE)
    services.brainstorm.set_person_dots(item_id, people[0], [2, 2, 2, 1, 1])
    services.brainstorm.set_person_dots(item_id, people[1], [1, 1, 2])
    services.brainstorm.set_person_dots(item_id, people[2], [2, 1])
    services.brainstorm.set_phase(item_id, Phase.RESULTS)
    assert len(ideas) == 3

    blocks = section(compose(services, meeting_id), "Wall")
    table = one(blocks, Table)
    assert isinstance(table, Table)
    assert table.headers == ("Place", "Idea", "Dots", "Voters")  # no themes: no theme column
    assert table.rows == (("=1", "1. Bike lanes", "5", "3"), ("=1", "2. Late bus", "5", "3"))
    assert table.numeric == frozenset({0, 2, 3})
    said = paragraphs(blocks)
    assert (
        "Each person's dots were entered; 3 of 4 present voted. Dots placed: 10 of at most 20 (5 each for 4 present)."
        in said
    )
    assert "One other idea got no dots." in said
    assert bullets(blocks) == ["1. Bike lanes", "2. Late bus", "3. Car pool"]
    chart = one(blocks, Chart)
    assert isinstance(chart, Chart) and [bar.value for bar in chart.bars] == [5, 5]


def test_the_chart_stops_before_a_tie_it_cannot_show_whole(services: Services, qapp: QApplication) -> None:
    meeting_id, item_id, _people = small_meeting(services, [f"Person {n}" for n in range(40)])
    services.brainstorm.open(item_id)
    ideas = [services.brainstorm.add_idea(item_id, f"Idea {n}").idea for n in range(1, 19)]
    for n, idea in enumerate(ideas):
        services.brainstorm.set_total(idea.id, 20 - n if n < 12 else 2)  # six tied across the 15th place

    blocks = section(compose(services, meeting_id), "Wall")
    table = one(blocks, Table)
    assert isinstance(table, Table) and len(table.rows) == 18
    assert [row[0] for row in table.rows][11:] == ["12", "=13", "=13", "=13", "=13", "=13", "=13"]
    chart = one(blocks, Chart)
    assert isinstance(chart, Chart)
    assert chart.title == "The 12 ideas with the most dots"
    assert [bar.label for bar in chart.bars] == [f"{n}. Idea {n}" for n in range(1, 13)]
