"""What the projector shows for ground rules: the rule under discussion, its agreement, the rules agreed.

Sizes are shares of the presenter's height (set by the presenter through ``set_scale``), so the
text reads the same from the back of the room on any projector.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from facilitator.domain.decision import CHOICES, STANCES, Scale, Stance
from facilitator.domain.model import AgendaKind, MeetingDetail
from facilitator.techniques.ground_rules.model import (
    AdoptedRule,
    GroundRulesView,
    Proposal,
    ProposalStatus,
    RuleKind,
)
from facilitator.techniques.ground_rules.ui import words
from facilitator.techniques.ground_rules.ui.actions import actions
from facilitator.ui import theme
from facilitator.ui.controller import Controller

RULE_SHARE = 0.07  # the rule under discussion
WHY_SHARE = 0.042
LIST_SHARE = 0.036  # the adopted list beside it; never below FLOOR_SHARE
FLOOR_SHARE = 0.03
BAR_SHARE = 0.045
ROW_STEP = 1.15  # a bar row's height over its bar's thickness
BLOCK_COLOUR = "#FF8A80"  # a block stands out from the yellow support bars


def pixel_font(pixels: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(8, int(pixels)))
    font.setBold(bold)
    return font


def _label(name: str) -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


def fitted(
    text: str, width: int, available: float, target: float, floor: float, bold: bool
) -> tuple[float, int]:
    """The largest size from ``target`` down to ``floor`` at which wrapped text fits, and its height."""
    size = target
    while True:
        box = QFontMetrics(pixel_font(size, bold)).boundingRect(
            QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text
        )
        if box.height() <= available or size <= floor:
            return size, box.height()
        size = max(floor, size * 0.92)


def fit_lines(
    lines: list[str], width: int, height: int, target: float, floor: float
) -> tuple[float, list[str]]:
    """The largest text size (target down to floor) at which the lines fit; cut the list if even the
    floor is too big, ending with a line that says how many more there are."""
    size = target
    while True:
        metrics = QFontMetrics(pixel_font(size))
        used = sum(
            metrics.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), line).height()
            for line in lines
        )
        if used <= height or size <= floor:
            break
        size = max(floor, size * 0.92)
    if used <= height:
        return size, lines
    kept: list[str] = []
    used = metrics.height() * 2
    for line in lines:
        block = metrics.boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), line).height()
        if used + block > height:
            break
        kept.append(line)
        used += block
    rest = len(lines) - len(kept)
    return size, [*kept, words.tr("… and %1 more").replace("%1", str(rest))]


class AgreementBars(QWidget):
    """Counts as horizontal bars: one row per choice, the length out of the people present."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scale = Scale.GRADIENTS
        self.counts: dict[str, int] = {}
        self.present = 0
        self.row_height = 40.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_counts(self, scale: Scale, counts: dict[str, int], present: int) -> None:
        self.scale, self.counts, self.present = scale, counts, present
        self.setAccessibleName(
            ", ".join(f"{words.choice_short(scale, c)}: {counts.get(c, 0)}" for c in CHOICES[scale])
        )
        self.update()

    def set_row_height(self, pixels: float) -> None:
        self.row_height = pixels
        self.setFixedHeight(int(pixels * ROW_STEP * len(CHOICES[self.scale])))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = pixel_font(self.row_height * 0.8)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        choices = CHOICES[self.scale]
        label_width = max(metrics.horizontalAdvance(words.choice_short(self.scale, c)) for c in choices) + 16
        number_width = metrics.horizontalAdvance("000") + 12
        bar_space = max(10, self.width() - label_width - number_width)
        most = max([self.present, *self.counts.values(), 1])
        step = self.row_height * ROW_STEP
        for index, choice in enumerate(choices):
            top = index * step
            count = self.counts.get(choice, 0)
            painter.setPen(QColor(theme.TEXT))
            painter.drawText(
                QRectF(0, top, label_width - 12, self.row_height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                words.choice_short(self.scale, choice),
            )
            blocking = STANCES[self.scale][choice] is Stance.BLOCK
            colour = QColor(BLOCK_COLOUR if blocking else theme.ACCENT)
            length = bar_space * count / most
            painter.fillRect(
                QRectF(label_width, top + self.row_height * 0.12, length, self.row_height * 0.76), colour
            )
            painter.setPen(QColor(theme.TEXT))
            painter.drawText(
                QRectF(label_width + length + 8, top, number_width, self.row_height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                str(count),
            )


class GroundRulesProjection(QWidget):
    """The presenter view for a ground-rules item."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.rules = actions(controller)
        self.view: GroundRulesView | None = None
        self.height_px, self.zoom = 720, 1.0
        self.setObjectName("groundRules")
        self.counter = _label("step")
        self.rule = _label("title")
        self.why = _label("prompt")
        self.result = _label("result")
        self.bars = AgreementBars()
        self.side_heading = _label("step")
        self.side_heading.setText(words.tr("Agreed so far"))
        self.side = _label("side")
        main = QVBoxLayout()
        main.addWidget(self.counter)
        main.addWidget(self.rule)
        main.addWidget(self.why)
        main.addStretch(1)
        main.addWidget(self.result)
        main.addWidget(self.bars)
        side = QVBoxLayout()
        side.addWidget(self.side_heading)
        side.addWidget(self.side, 1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(main, 62)
        row.addSpacing(24)
        row.addLayout(side, 38)
        self.setStyleSheet(
            f"QLabel#result {{ color: {theme.ACCENT}; }} QLabel#side {{ color: {theme.TEXT}; }}"
        )
        self.rules.changed.connect(self._changed)
        controller.meeting_loaded.connect(self._follow)
        controller.meeting_changed.connect(lambda _m: self._follow(controller.detail))
        controller.agenda_changed.connect(lambda _a: self._follow(controller.detail))
        controller.ready.connect(lambda: self._follow(controller.detail))
        self._follow(controller.detail)

    def _follow(self, detail: MeetingDetail | None) -> None:
        item = detail.current_item if detail is not None else None
        if item is None or item.kind is not AgendaKind.GROUND_RULES:
            return
        view = self.rules.views.get(item.id)
        if view is None and self.rules.ready:
            view = self.rules.refresh(item.id)
        elif view is not None:
            self._changed(view)

    def _changed(self, view: GroundRulesView) -> None:
        detail = self.controller.detail
        if detail is None or detail.current_item is None or detail.current_item.id != view.item_id:
            return
        self.view = view
        self._fill()

    def set_scale(self, height: int, zoom: float) -> None:
        self.height_px, self.zoom = height, zoom
        self._fill()

    def _fill(self) -> None:
        view = self.view
        if view is None:
            return
        proposal = view.current
        if proposal is None:
            self.counter.setText("")
            self.rule.setText(words.tr("No rules proposed yet"))
            self.why.setText("")
            self.result.setText("")
            self.bars.hide()
        else:
            self._show_proposal(view, proposal)
        self._fit()
        self._show_side(view)

    def _fit(self) -> None:
        """Give each part a size that fits: the bars first, then the result, the rule and its why."""
        h, z = self.height_px, self.zoom
        floor = h * FLOOR_SHARE
        available = max(120, self.height())
        width = max(120, int(self.width() * 0.6))
        gap = int(h * 0.015)
        self.counter.setFont(pixel_font(h * theme.SMALL_SHARE * z))
        self.side_heading.setFont(pixel_font(h * theme.SMALL_SHARE * z, bold=True))
        used = QFontMetrics(self.counter.font()).height() + gap
        if self.bars.isVisibleTo(self):
            rows = len(CHOICES[self.bars.scale])
            row = max(h * FLOOR_SHARE / 0.8, min(h * BAR_SHARE * z, available * 0.5 / (ROW_STEP * rows)))
            self.bars.set_row_height(row)
            used += self.bars.height() + gap
        size, taken = fitted(self.result.text(), width, available * 0.14, h * WHY_SHARE * z, floor, True)
        self.result.setFont(pixel_font(size, bold=True))
        used += taken + gap
        rest = max(40, available - used - gap)
        size, taken = fitted(self.rule.text(), width, rest * 0.62, h * RULE_SHARE * z, floor * 1.2, True)
        self.rule.setFont(pixel_font(size, bold=True))
        size, _taken = fitted(self.why.text(), width, rest - taken - gap, h * WHY_SHARE * z, floor, False)
        self.why.setFont(pixel_font(size))

    def _show_proposal(self, view: GroundRulesView, proposal: Proposal) -> None:
        number = view.proposals.index(proposal) + 1
        self.counter.setText(
            words.tr("Rule %1 of %2").replace("%1", str(number)).replace("%2", str(len(view.proposals)))
        )
        self.rule.setText(words.wording_text(proposal.kind, proposal.wording))
        self.why.setText(proposal.wording.why)
        preview = view.preview(proposal)
        if proposal.draft is not None and preview is not None and preview.tally.counted:
            counts = dict(proposal.draft.effective_counts(frozenset(p.id for p in view.present)))
            self.bars.show_counts(view.scale, counts, len(view.present))
            self.result.setText(
                words.tr("Counted: %1 of %2 present")
                .replace("%1", str(preview.tally.counted))
                .replace("%2", str(len(view.present)))
            )
            self.bars.show()
        elif proposal.checks and proposal.status in (ProposalStatus.ADOPTED, ProposalStatus.NOT_ADOPTED):
            last = proposal.checks[-1]
            assert last.outcome is not None
            self.bars.show_counts(last.scale, dict(last.counts), last.present)
            self.result.setText(words.outcome_text(last.outcome))
            self.bars.show()
        else:
            self.result.setText(words.status_label(proposal.status).capitalize())
            self.bars.hide()

    def _show_side(self, view: GroundRulesView) -> None:
        agreed = [
            words.wording_text(p.kind, p.wording)
            for p in view.proposals
            if p.status in (ProposalStatus.ADOPTED, ProposalStatus.CARRIED)
        ]
        lines = [f"✓ {text}" for text in agreed] or [words.tr("Nothing yet")]
        width = max(100, self.side.width())
        height = max(60, self.height() - self.side_heading.height() - 20)
        h, z = self.height_px, self.zoom
        size, shown = fit_lines(lines, width, height, h * LIST_SHARE * z, h * FLOOR_SHARE)
        self.side.setFont(pixel_font(size))
        self.side.setText("\n".join(shown))

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.view is not None:
            self._fit()
            self._show_side(self.view)


class RulesOverlay(QWidget):
    """The collaborative's rules in force, over any step: for the moment a discussion gets heated."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.rules = actions(controller)
        self.setObjectName("page")
        self.height_px, self.zoom = 720, 1.0
        self.heading = _label("title")
        self.heading.setText(words.tr("Our ground rules"))
        self.body = _label("side")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        self.setStyleSheet(f"QLabel#side {{ color: {theme.TEXT}; }}")
        self.adopted: tuple[AdoptedRule, ...] = ()
        self.rules.changed.connect(lambda _v: self.refresh())

    def refresh(self) -> None:
        detail = self.controller.detail
        self.adopted = self.rules.adopted(detail.collaborative.id) if detail is not None else ()
        self._fill()

    def set_scale(self, height: int, zoom: float) -> None:
        self.height_px, self.zoom = height, zoom
        margin = int(height * 0.04)
        self.layout().setContentsMargins(margin * 2, margin, margin * 2, margin)
        self._fill()

    def _fill(self) -> None:
        h, z = self.height_px, self.zoom
        self.heading.setFont(pixel_font(h * theme.TITLE_SHARE * z * 0.8, bold=True))
        lines = [
            f"{n}. {words.wording_text(rule.kind, rule.wording)}"
            for n, rule in enumerate((r for r in self.adopted if r.kind is RuleKind.RULE), start=1)
        ]
        decision = next((r for r in self.adopted if r.kind is RuleKind.DECISION), None)
        if decision is not None and decision.wording.decision is not None:
            lines.append(f"{decision.wording.text}: {words.rule_summary(decision.wording.decision)}")
        if not lines:
            lines = [words.tr("This collaborative has not adopted any ground rules yet.")]
        width = max(200, self.width() - 4 * int(h * 0.04))
        height = max(100, self.height() - self.heading.sizeHint().height() - 3 * int(h * 0.04))
        size, shown = fit_lines(lines, width, height, h * theme.PROMPT_SHARE * z, h * FLOOR_SHARE)
        self.body.setFont(pixel_font(size))
        self.body.setText("\n".join(shown))

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fill()
