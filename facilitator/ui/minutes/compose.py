"""The minutes of one meeting as a format-neutral document, in the user's language.

Order follows what a secretary records: who met, when and where; who was there; the previous
minutes; each agenda item's result (each technique words its own section through
``minutes_blocks``); every decision with its count and disposition; action items; the parking lot;
the next meeting; adjournment; the recorder's signature; and whether these minutes are approved.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from facilitator.domain.decision import CHOICES, STANCES, Scale, Stance
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
from facilitator.domain.model import AgendaItem, AgendaKind, AttendanceStatus, MeetingDetail
from facilitator.domain.record import (
    NO_SECTOR,
    OVERALL,
    ActionItem,
    Approval,
    Decision,
    MeetingRecord,
)
from facilitator.techniques import TECHNIQUES
from facilitator.ui.decision_words import (
    action_status_label,
    carries_text,
    choice_label,
    disposition_label,
    meeting_kind_label,
    rule_summary,
    scale_label,
)
from facilitator.ui.texts import duration_label, kind_label

if TYPE_CHECKING:
    from facilitator.services import Services

TONES = {
    Stance.SUPPORT: BarTone.SUPPORT,
    Stance.OPPOSE: BarTone.OPPOSE,
    Stance.ABSTAIN: BarTone.NEUTRAL,
    Stance.BLOCK: BarTone.BLOCK,
}


# No context: pyside6-lupdate files a module-level tr("...") under none, so that is where it is looked up.
def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("", text, None, n)


def long_date(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def table_date(day: date) -> str:
    """A date short enough for a table column, still unambiguous in any country."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def short_time(moment: datetime) -> str:
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def date_and_time(moment: datetime) -> str:
    return f"{long_date(moment.date())}, {short_time(moment)}"


def status_line(record: MeetingRecord) -> str:
    approved = record.wrap_up.approved_on
    if approved is None:
        return tr("Draft minutes, not yet approved")
    return tr("Approved on %1").replace("%1", long_date(approved))


def file_stem(detail: MeetingDetail) -> str:
    """The name offered for an exported file: the date first, so files sort by meeting."""
    return (
        tr("%1 %2 minutes")
        .replace("%1", f"{detail.meeting.starts_at:%Y-%m-%d}")
        .replace("%2", detail.meeting.title)
    )


def compose(services: Services, meeting_id: int) -> Document:
    detail = services.meetings.detail(meeting_id)
    record = services.record.view(meeting_id)
    return Document(
        title=tr("Minutes: %1").replace("%1", detail.meeting.title),
        blocks=tuple(_blocks(services, detail, record)),
        language=QLocale().bcp47Name() or "en",
        footer=f"{detail.meeting.title} · {status_line(record)}",
    )


def _blocks(services: Services, detail: MeetingDetail, record: MeetingRecord) -> list[Block]:
    meeting = detail.meeting
    blocks: list[Block] = [
        Heading(1, tr("Minutes: %1").replace("%1", meeting.title)),
        Paragraph(status_line(record), Tone.QUIET),
    ]
    when = short_time(meeting.started_at or meeting.starts_at)
    if meeting.closed_at is not None:
        when = tr("%1 to %2").replace("%1", when).replace("%2", short_time(meeting.closed_at))
    pairs = [
        (tr("Collaborative"), detail.collaborative.name),
        (tr("Meeting"), meeting.title),
        (tr("Kind"), meeting_kind_label(record.wrap_up.kind)),
        # The day it was held (it may have moved from the day planned) with the times it ran.
        (tr("Date"), long_date((meeting.started_at or meeting.starts_at).date())),
        (tr("Time"), when),
        (tr("Place"), meeting.place),
        (tr("Facilitator"), meeting.facilitator),
        (tr("Recorder"), meeting.recorder),
    ]
    blocks.append(Fields(tuple((label, value) for label, value in pairs if value)))
    if meeting.purpose:
        blocks.append(Paragraph(meeting.purpose))
    blocks += _attendance(detail, [sector.name for sector in services.sectors.all()])
    blocks += _previous_minutes(record)
    blocks += _agenda(services, detail, record)
    # Every sector by name, not only those present now: a count by sector outlives attendance.
    sector_names = {str(sector.id): sector.name for sector in services.sectors.all()}
    sector_names[NO_SECTOR] = tr("No sector")
    blocks += _decisions(record, sector_names)
    blocks += _actions(record)
    if record.parked:
        blocks.append(Heading(2, tr("Parking lot")))
        blocks.append(Paragraph(tr("Raised during the meeting and kept for another time."), Tone.QUIET))
        blocks.append(Bullets(tuple(p.text for p in record.parked), numbered=True))
    blocks += _closing(detail, record)
    return blocks


def _attendance(detail: MeetingDetail, sector_order: Sequence[str]) -> list[Block]:
    present = [a for a in detail.attendees if a.status.in_room]
    regrets = [a for a in detail.attendees if a.status is AttendanceStatus.REGRETS]
    blocks: list[Block] = [Heading(2, tr("Attendance"))]
    if not present:
        blocks.append(Paragraph(tr("No attendance was recorded."), Tone.QUIET))
    else:
        by_sector: dict[str, list[str]] = {}
        for attendee in present:
            name = attendee.person.name
            if attendee.person.organisation:
                name += f" ({attendee.person.organisation})"
            if attendee.status is AttendanceStatus.LATE:
                name += " " + tr("(arrived late)")
            by_sector.setdefault(attendee.person.sector_name or tr("No sector"), []).append(name)
        # The collaborative's own order of sectors, as on the attendance page and in the counts.
        rank = {name: position for position, name in enumerate(sector_order)}
        ordered = sorted(by_sector.items(), key=lambda pair: rank.get(pair[0], len(rank)))
        rows = tuple((sector, str(len(names)), "; ".join(names)) for sector, names in ordered)
        blocks.append(
            Paragraph(
                tr("%1 present of %2 on the roster.")
                .replace("%1", str(len(present)))
                .replace("%2", str(len(detail.attendees)))
            )
        )
        blocks.append(Table((tr("Sector"), tr("Present"), tr("Who")), rows, frozenset({1})))
    if regrets:
        names = "; ".join(a.person.name for a in regrets)
        blocks.append(Paragraph(tr("Regrets: %1").replace("%1", names)))
    return blocks


def _previous_minutes(record: MeetingRecord) -> list[Block]:
    wrap = record.wrap_up
    if wrap.previous is None or wrap.approval is Approval.NONE:
        return []
    which = (
        tr("the minutes of %1 (%2)")
        .replace("%1", wrap.previous.title)
        .replace("%2", long_date(wrap.previous.starts_at.date()))
    )
    blocks: list[Block] = [Heading(2, tr("Previous minutes"))]
    if wrap.approval is Approval.AS_READ:
        blocks.append(Paragraph(tr("The group approved %1 as read.").replace("%1", which)))
    else:
        blocks.append(Paragraph(tr("The group approved %1 as corrected:").replace("%1", which)))
        blocks.append(Paragraph(wrap.correction, Tone.QUIET))
    return blocks


def minutes_section(kind: AgendaKind) -> Callable[[Services, AgendaItem], Sequence[Block]] | None:
    """The technique's own minutes section, if its ui module offers one."""
    module_name = TECHNIQUES[kind].ui_module
    if module_name is None:
        return None
    section: Callable[[Services, AgendaItem], Sequence[Block]] | None = getattr(
        importlib.import_module(module_name), "minutes_blocks", None
    )
    return section


def _agenda(services: Services, detail: MeetingDetail, record: MeetingRecord) -> list[Block]:
    if not detail.agenda:
        return []
    blocks: list[Block] = [Heading(2, tr("Agenda and results"))]
    for number, item in enumerate(detail.agenda, start=1):
        blocks.append(Heading(3, f"{number}. {item.title}"))
        facts = [kind_label(item.kind)]
        if item.elapsed_seconds:
            facts.append(
                tr("%1 spent").replace("%1", duration_label(max(1, round(item.elapsed_seconds / 60))))
            )
        blocks.append(Paragraph(" · ".join(facts), Tone.QUIET))
        if item.prompt and item.kind is not AgendaKind.BREAK:
            blocks.append(Paragraph(item.prompt))
        section = minutes_section(item.kind)
        if section is not None:
            blocks += section(services, item)
    return blocks


def decision_chart(decision: Decision) -> Chart:
    scale = decision.fields.scale
    total = decision.total
    return Chart(
        tr("Decision %1: the count").replace("%1", str(decision.number)),
        tuple(
            Bar(choice_label(scale, choice), total.get(choice, 0), TONES[STANCES[scale][choice]])
            for choice in CHOICES[scale]
        ),
    )


def _decisions(record: MeetingRecord, names: dict[str, str]) -> list[Block]:
    if not record.decisions:
        return []
    blocks: list[Block] = [Heading(2, tr("Decisions"))]
    for decision in record.decisions:
        fields = decision.fields
        blocks.append(Heading(3, tr("Decision %1").replace("%1", str(decision.number))))
        blocks.append(Paragraph(fields.wording, Tone.STRONG))
        pairs: list[tuple[str, str]] = []
        if decision.proposer is not None:
            pairs.append((tr("Proposed by"), decision.proposer.name))
        if fields.draws_on:
            pairs.append((tr("Draws on"), fields.draws_on))
        how = rule_summary(decision.governing)
        if fields.rule is not None:
            how += " " + tr("(instead of the usual rule: %1)").replace("%1", fields.override_reason)
        pairs.append((tr("How decided"), how))
        if decision.counted:
            pairs.append((tr("Check"), scale_label(fields.scale)))
        if decision.outcome is not None:
            pairs.append((tr("Under the rule"), carries_text(decision.outcome)))
        pairs.append(
            (
                tr("Disposition"),
                disposition_label(decision.disposition) if decision.disposition else tr("Not yet decided"),
            )
        )
        if decision.note:
            pairs.append((tr("Note"), decision.note))
        blocks.append(Fields(tuple(pairs)))
        if decision.counted:
            blocks += _count_table(decision, names)
            blocks.append(decision_chart(decision))
    return blocks


def _count_table(decision: Decision, sector_names: dict[str, str]) -> list[Block]:
    scale: Scale = decision.fields.scale
    choices = CHOICES[scale]
    headers = (tr("Response"), *(choice_label(scale, c) for c in choices))
    rows = []
    if decision.fields.by_sector:
        for key, part in sorted(decision.counts.items(), key=lambda kv: list(sector_names).index(kv[0])
                                if kv[0] in sector_names else len(sector_names)):  # fmt: skip
            if key != OVERALL and any(part.values()):
                rows.append((sector_names.get(key, key), *(str(part.get(c, 0)) for c in choices)))
    total = decision.total
    rows.append((tr("Total"), *(str(total.get(c, 0)) for c in choices)))
    return [Table(headers, tuple(rows), frozenset(range(1, len(headers))))]


def _action_row(action: ActionItem, *, with_meeting: bool = False) -> tuple[str, ...]:
    fields = action.fields
    who = action.owner.name if action.owner else ""
    row = [fields.what, who, fields.organisation, table_date(fields.due) if fields.due else ""]
    if with_meeting:
        row.append(f"{action.meeting_title} ({table_date(action.meeting_date)})")
    else:
        row.append(str(action.decision_number) if action.decision_number else "")
    row.append(action_status_label(action.status_then))
    return tuple(row)


def _actions(record: MeetingRecord) -> list[Block]:
    blocks: list[Block] = []
    if record.successes:
        blocks.append(Heading(2, tr("Done since last time")))
        blocks.append(
            Paragraph(tr("Action items completed since the last meeting, with thanks."), Tone.QUIET)
        )
        blocks.append(
            Bullets(
                tuple(a.fields.what + (f" — {a.owner.name}" if a.owner else "") for a in record.successes)
            )
        )
    still = [a for a in record.review if a not in record.successes]
    if still:
        blocks.append(Heading(2, tr("Action items from earlier meetings")))
        blocks.append(
            Table(
                (tr("What"), tr("Who"), tr("Organisation"), tr("Due"), tr("Raised at"), tr("Status")),
                tuple(_action_row(a, with_meeting=True) for a in still),
            )
        )
    blocks.append(Heading(2, tr("Action items")))
    if record.actions:
        blocks.append(
            Table(
                (tr("What"), tr("Who"), tr("Organisation"), tr("Due"), tr("Decision"), tr("Status")),
                tuple(_action_row(a) for a in record.actions),
                frozenset({4}),
            )
        )
    else:
        blocks.append(Paragraph(tr("No new action items."), Tone.QUIET))
    return blocks


def _closing(detail: MeetingDetail, record: MeetingRecord) -> list[Block]:
    wrap = record.wrap_up
    blocks: list[Block] = [Heading(2, tr("Next meeting"))]
    if wrap.next_starts_at is not None:
        text = date_and_time(wrap.next_starts_at)
        if wrap.next_place:
            text += " — " + wrap.next_place
        blocks.append(Paragraph(text))
    else:
        blocks.append(Paragraph(tr("To be set."), Tone.QUIET))
    closed = detail.meeting.closed_at
    if closed is not None:
        blocks.append(Paragraph(tr("The meeting adjourned at %1.").replace("%1", short_time(closed))))
    recorder = tr("Recorder")
    if detail.meeting.recorder:
        recorder = tr("Recorder: %1").replace("%1", detail.meeting.recorder)
    blocks.append(Signature((recorder, tr("Date"))))
    blocks.append(Paragraph(status_line(record), Tone.QUIET))
    return blocks
