"""What the projector shows for a decisions item: the proposal, its count and what was decided,
or the list of who will do what.

Sizes are shares of the presenter's height (set by the presenter through ``set_scale``), so the
text reads the same from the back of the room on any projector. The proposal's wording comes
first: the bars, the outcome and the decision take their room, the wording shrinks only as far as
it must (never below ``WORDING_FLOOR``) and is cut short with "…" if it still does not fit.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, QSize, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from facilitator.domain.decision import CHOICES
from facilitator.domain.model import AgendaKind
from facilitator.domain.record import ActionItem, ActionStatus, Decision, Disposition, MeetingRecord
from facilitator.techniques.ground_rules.ui.projection import (
    BAR_SHARE,
    BLOCK_COLOUR,
    FLOOR_SHARE,
    ROW_STEP,
    AgreementBars,
    fitted,
    pixel_font,
)
from facilitator.ui import theme
from facilitator.ui.controller import Controller
from facilitator.ui.decision_words import (
    action_status_label,
    carries_text,
    disposition_label,
    scale_label,
    tr,
)
from facilitator.ui.record_actions import RecordActions, record_actions
from facilitator.ui.texts import elided, text_height

WORDING_SHARE = 0.075  # the proposal, when it is short
WORDING_FLOOR = 0.035  # never smaller than this share of the window height; cut short instead
WORDING_GOOD = 0.05  # the others give way before a short proposal gets smaller than this
SQUEEZES = (1.0, 0.85, 0.7, 0.55)  # how far the lines around the wording give way, step by step
OUTCOME_SHARE = 0.042
DISPOSITION_SHARE = 0.08
EMPTY_SHARE = 0.055  # "No proposals yet" and the like
HEADING_SHARE = 0.06
ACTION_SHARE = 0.055
GAP_SHARE = 0.018
SAFETY = 0.97  # a label lays text out a pixel or two taller than the font metrics say

DISPOSITION_TONES = {Disposition.ADOPTED: "support", Disposition.REJECTED: "block"}


def _label(name: str) -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def _set_tone(label: QLabel, tone: str) -> None:
    if label.property("tone") != tone:
        label.setProperty("tone", tone)
        label.style().unpolish(label)
        label.style().polish(label)


def due_text(due: date) -> str:
    return QLocale().toString(QDate(due.year, due.month, due.day), QLocale.FormatType.LongFormat)


def action_line(item: ActionItem) -> str:
    """One row of the list: what — who — by when, and its state when it is no longer open."""
    fields = item.fields
    parts = [fields.what]
    who = item.owner.name if item.owner is not None else fields.organisation
    if who:
        parts.append(who)
    if fields.due is not None:
        parts.append(tr("by %1").replace("%1", due_text(fields.due)))
    line = " — ".join(parts)
    if item.status is not ActionStatus.OPEN:
        line += " (" + action_status_label(item.status) + ")"
    return line


def shown_decision(record: MeetingRecord, item_id: int, current_id: int | None) -> Decision | None:
    """The proposal the facilitator put up; else the item's first one not yet decided; else its last."""
    decisions = record.decisions_of(item_id)
    for decision in decisions:
        if decision.id == current_id:
            return decision
    open_ones = [d for d in decisions if d.disposition is None]
    if open_ones:
        return open_ones[0]
    return decisions[-1] if decisions else None


class DecisionsProjection(QWidget):
    """The presenter view for a decisions item: one proposal at a time, or the action list."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions: RecordActions = record_actions(controller)
        self.record: MeetingRecord | None = None
        self.item_id: int | None = None
        self.decision: Decision | None = None
        self.showing_actions = False
        self.full_wording = ""  # the proposal before it is cut short to fit
        self.action_lines: list[str] = []  # every row, before fitting; the rows shown are in ``rows``
        self.height_px, self.zoom = 720, 1.0
        self._updating = False
        self._filling, self._again = False, False
        self.setObjectName("decisions")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)

        # One proposal: caption, wording, bars, what the rule gives, what was decided.
        self.proposal_page = QWidget(objectName="decisionsProposal")
        self.caption = _label("caption")
        self.wording = _label("wording")
        # The wording takes the room that is left; its font is fitted to that room.
        self.wording.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.bars = AgreementBars()
        self.outcome = _label("outcome")
        self.disposition = _label("disposition")
        self.note = _label("note")  # why the group decided against what the rule gave
        self.texts: dict[QLabel, str] = {}  # each line in full, before it is cut short to fit
        self.bars_wanted = False  # there is a count to show, room permitting
        column = QVBoxLayout(self.proposal_page)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.caption, self.wording, self.bars, self.outcome, self.disposition, self.note):
            column.addWidget(widget, 1 if widget is self.wording else 0)

        # Who will do what.
        self.actions_page = QWidget(objectName="decisionsActions")
        self.heading = _label("heading")
        self.heading.setText(tr("Who will do what"))
        self.rows: list[QLabel] = []
        self.list_layout = QVBoxLayout(self.actions_page)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(0)  # the heading's margin and each row's spacing set the gaps
        self.list_layout.addWidget(self.heading)
        self.list_layout.addStretch(1)

        self.pages = QStackedLayout(self)
        self.pages.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.proposal_page)
        self.pages.addWidget(self.actions_page)
        self.setStyleSheet(
            f"QWidget#decisions {{ background: {theme.BACKGROUND}; }}"
            f"QWidget#decisionsProposal, QWidget#decisionsActions {{ background: transparent; }}"
            f"QLabel {{ color: {theme.TEXT}; background: transparent; }}"
            f"QLabel#caption {{ color: {theme.MUTED}; }}"
            f"QLabel#heading {{ color: {theme.ACCENT}; }}"
            f'QLabel[tone="calm"] {{ color: {theme.MUTED}; }}'
            f'QLabel[tone="support"] {{ color: {theme.ACCENT}; }}'
            f'QLabel[tone="block"] {{ color: {BLOCK_COLOUR}; }}'
        )

        self.actions.changed.connect(self._refresh)
        self.actions.current_changed.connect(self._refresh)
        self.actions.projecting_actions.connect(self._refresh)
        controller.meeting_loaded.connect(self._refresh)
        controller.meeting_changed.connect(self._refresh)
        controller.agenda_changed.connect(self._refresh)
        controller.ready.connect(self._refresh)
        controller.meeting_unloaded.connect(self._unload)
        self._refresh()

    # -- following the meeting ------------------------------------------------------------------
    def _refresh(self, *_signal: object) -> None:
        """Read the open meeting's current item and its record again; show them if it is ours."""
        if self._updating:
            return  # reading the record below announces it; this call already shows it
        self._updating = True
        try:
            detail = self.controller.detail
            item = detail.current_item if detail is not None else None
            if detail is None or item is None or item.kind is not AgendaKind.DECISIONS:
                return  # another step is on: the presenter shows another view
            record = self.actions.current() if self.actions.ready else self.actions.record
            if record is None or record.meeting_id != detail.meeting.id:
                return
            self.record, self.item_id = record, item.id
            self.showing_actions = self.actions.showing_actions
            self.decision = shown_decision(record, item.id, self.actions.current_id)
            self._fill()
        finally:
            self._updating = False

    def _unload(self) -> None:
        self.record, self.item_id, self.decision = None, None, None
        self.showing_actions = False
        self._fill()

    def set_scale(self, height: int, zoom: float) -> None:
        self.height_px, self.zoom = height, zoom
        self._fill()

    def minimumSizeHint(self) -> QSize:
        """The text is fitted to whatever room there is: asking the window for the room the fitted
        text takes now would keep the projector window from getting smaller again."""
        return QSize(160, 120)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fill()

    # -- what is shown --------------------------------------------------------------------------
    def _fill(self) -> None:
        """Fill and fit again. Showing a row can resize the view at once (its layout activates);
        that nested call only asks for another pass, so the last pass fits the size it ends with."""
        if self._filling:
            self._again = True
            return
        self._filling = True
        try:
            for _pass in range(4):
                self._again = False
                if self.showing_actions:
                    self.pages.setCurrentWidget(self.actions_page)
                    self._fill_actions()
                else:
                    self.pages.setCurrentWidget(self.proposal_page)
                    self._fill_proposal()
                if not self._again:
                    break
        finally:
            self._filling = False

    def _fill_proposal(self) -> None:
        decision = self.decision
        self.bars_wanted = False
        self.texts = {self.caption: "", self.outcome: "", self.disposition: "", self.note: ""}
        if decision is None:
            _set_tone(self.wording, "calm")
            self.full_wording = tr("No proposals yet")
            self._fit_proposal()
            return
        fields = decision.fields
        caption = tr("Proposal %1").replace("%1", str(decision.number))
        if fields.attempt > 1:
            caption += " · " + tr("try %1").replace("%1", str(fields.attempt))
        self.texts[self.caption] = caption + " · " + scale_label(fields.scale)
        _set_tone(self.wording, "")
        self.full_wording = fields.wording
        present = self.record.present if self.record is not None else 0
        if decision.counted:
            self.bars.show_counts(fields.scale, decision.total, present)
            self.bars_wanted = True
            self.texts[self.outcome] = (
                carries_text(decision.outcome)
                if decision.outcome is not None
                else tr("More responses counted than people present: count again.")
            )
        elif decision.outcome is not None:  # recorded from an earlier count
            self.texts[self.outcome] = carries_text(decision.outcome)
        if decision.disposition is not None:
            self.texts[self.disposition] = disposition_label(decision.disposition)
            _set_tone(self.disposition, DISPOSITION_TONES.get(decision.disposition, ""))
            if decision.against_rule:  # the room should hear why, or the screen contradicts itself
                self.texts[self.note] = decision.note
        self._fit_proposal()

    def _fit_label(
        self, label: QLabel, width: int, budget: float, target: float, bold: bool, dropped: set[QWidget]
    ) -> float:
        """Size (and if need be cut short) one of the lines around the wording; the height it takes."""
        text = "" if label in dropped else self.texts[label]
        label.setVisible(bool(text))
        if not text:
            label.setText("")
            return 0.0
        floor = self.height_px * FLOOR_SHARE
        if label is self.caption:
            floor = min(target, floor)  # small type like the presenter's own step line
        else:
            target = max(target, floor)  # squeezed, but never below the floor
        size, _taken = fitted(text, width, budget, target, floor, bold)
        font = pixel_font(size, bold=bold)
        label.setFont(font)
        label.setText(elided(text, font, width, max(budget, QFontMetrics(font).height())))
        return float(text_height(label.text(), font, width))

    def _fit_proposal(self) -> None:
        """The wording comes first. The caption, bars, outcome and decision take their room at full
        size while that leaves the wording a good size; if not, they give way step by step (never
        below their floor) before the wording shrinks further. When even then the wording would not
        get two lines at its floor (a big zoom on a small screen), the lines that matter least
        make way altogether: why, the caption, what the rule gives, the bars. The decision stays."""
        h, z = self.height_px, self.zoom
        target = h * (EMPTY_SHARE if self.wording.property("tone") == "calm" else WORDING_SHARE) * z
        good = min(target, h * WORDING_GOOD)
        width = max(120, self.width())
        floor_font = pixel_font(h * WORDING_FLOOR, bold=True)
        need = min(
            text_height(self.full_wording, floor_font, width), 2 * QFontMetrics(floor_font).lineSpacing()
        )
        dropped: set[QWidget] = set()
        for droppable in (None, self.note, self.caption, self.outcome, self.bars):
            if droppable is not None:
                dropped.add(droppable)
            for squeeze in SQUEEZES:
                size, room = self._fit_proposal_at(squeeze, target, dropped)
                if size >= good:
                    break
            if room >= need:
                break

    def _fit_proposal_at(self, squeeze: float, target: float, dropped: set[QWidget]) -> tuple[float, float]:
        """Lay the proposal out with the lines around the wording at ``squeeze`` of their size and
        without those ``dropped``; the wording's size and the room it had."""
        h, z = self.height_px, self.zoom
        available = max(120, self.height())
        width = max(120, self.width())
        gap = int(h * GAP_SHARE * squeeze)
        self.proposal_page.layout().setSpacing(gap)
        used = self._fit_label(
            self.caption, width, available * 0.1, h * theme.SMALL_SHARE * z, False, dropped
        )
        used += self._fit_label(
            self.disposition, width, available * 0.16, h * DISPOSITION_SHARE * z * squeeze, True, dropped
        )
        used += self._fit_label(
            self.outcome, width, available * 0.16, h * OUTCOME_SHARE * z * squeeze, True, dropped
        )
        used += self._fit_label(
            self.note, width, available * 0.12, h * OUTCOME_SHARE * z * squeeze, False, dropped
        )
        self.bars.setVisible(self.bars_wanted and self.bars not in dropped)
        if not self.bars.isHidden():
            rows = len(CHOICES[self.bars.scale])
            row = max(
                h * FLOOR_SHARE / 0.8,  # the bar labels are 0.8 of a row
                min(h * BAR_SHARE * z * squeeze, available * 0.4 / (ROW_STEP * rows)),
            )
            self.bars.set_row_height(row)
            used += self.bars.height()
        parts = [self.caption, self.wording, self.bars, self.outcome, self.disposition, self.note]
        used += gap * (sum(1 for part in parts if not part.isHidden()) - 1)
        room = (available - used) * SAFETY
        calm = self.wording.property("tone") == "calm"
        size, _taken = fitted(self.full_wording, width, room, target, h * WORDING_FLOOR, not calm)
        font = pixel_font(size, bold=not calm)
        self.wording.setFont(font)
        self.wording.setText(elided(self.full_wording, font, width, max(room, QFontMetrics(font).height())))
        self.wording.setToolTip(self.full_wording if self.wording.text() != self.full_wording else "")
        return size, room

    def _fill_actions(self) -> None:
        record = self.record
        self.action_lines = [action_line(item) for item in (record.actions if record is not None else ())]
        h, z = self.height_px, self.zoom
        available = max(120, self.height())
        width = max(120, self.width())
        gap = int(h * GAP_SHARE)
        self.heading.setFont(pixel_font(h * HEADING_SHARE * z, bold=True))
        self.heading.setContentsMargins(0, 0, 0, gap)
        room = (available - text_height(self.heading.text(), self.heading.font(), width) - gap) * SAFETY
        if not self.action_lines:
            none_yet = tr("Nobody has taken on an action yet.")
            size, _taken = fitted(none_yet, width, room, h * EMPTY_SHARE * z, h * WORDING_FLOOR, False)
            self._show_rows([none_yet], size, calm_last=True)
            return
        size, kept, rest = self._fit_rows(
            self.action_lines, width, room, h * ACTION_SHARE * z, h * WORDING_FLOOR
        )
        if rest:
            self._show_rows([*kept, tr("… and %n more", n=rest)], size, calm_last=True)
        else:
            self._show_rows(kept, size, calm_last=False)

    def _fit_rows(
        self, lines: list[str], width: int, room: float, target: float, floor: float
    ) -> tuple[float, list[str], int]:
        """The largest size at which every row fits; at the floor, the first rows and how many are left."""
        size = target
        while True:
            font = pixel_font(size)
            heights = [text_height(line, font, width) for line in lines]
            spacing = self._row_spacing(size)
            total = sum(heights) + spacing * (len(lines) - 1)
            if total <= room:
                return size, lines, 0
            if size <= floor:
                break
            size = max(floor, size * 0.92)
        more = QFontMetrics(font).height()  # the line saying how many more there are
        kept: list[str] = []
        used = float(more)
        for line, height in zip(lines, heights, strict=True):
            if used + spacing + height > room:
                break
            kept.append(line)
            used += spacing + height
        return size, kept, len(lines) - len(kept)

    def _row_spacing(self, size: float) -> int:
        return int(size * 0.45)

    def _show_rows(self, lines: list[str], size: float, *, calm_last: bool) -> None:
        while len(self.rows) < len(lines):
            row = _label("actionRow")
            self.rows.append(row)
            self.list_layout.insertWidget(len(self.rows), row)
        font = pixel_font(size)
        spacing = self._row_spacing(size)
        for index, row in enumerate(self.rows):
            if index < len(lines):
                row.setText(lines[index])
                row.setFont(font)
                row.setContentsMargins(0, spacing if index else 0, 0, 0)
                _set_tone(row, "calm" if calm_last and index == len(lines) - 1 else "")
                row.show()
            else:
                row.setText("")
                row.hide()

    def shown_rows(self) -> list[str]:
        """The rows of the action list as the room sees them."""
        return [row.text() for row in self.rows if not row.isHidden()]
