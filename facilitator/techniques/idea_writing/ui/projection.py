"""What the projector shows in each step of idea writing.

Set up: the groups, so everyone finds theirs. Writing: the question and, very large, the round and
which way to pass the sheet (the presenter's clock is beside it). Typing in and summaries: the
question and how far along the room is. Report: the reporting group's main ideas, as cards.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator.domain.model import AgendaKind
from facilitator.techniques.brainstorming.ui.projection import (
    IDEA_CEILING,
    IDEA_FLOOR,
    Card,
    Mode,
    WallCanvas,
)
from facilitator.techniques.brainstorming.wall import Entry, EntryKind
from facilitator.techniques.ground_rules.ui.projection import fitted, pixel_font
from facilitator.techniques.idea_writing.model import Step, WritingView
from facilitator.techniques.idea_writing.ui import words
from facilitator.techniques.idea_writing.ui.actions import IdeaWritingActions, actions
from facilitator.techniques.idea_writing.ui.words import tr
from facilitator.ui import theme
from facilitator.ui.controller import Controller
from facilitator.ui.timer import TimerController
from facilitator.ui.widgets import projector_label

QUESTION_SHARE = 0.05
LINE_SHARE = 0.03
CUE_SHARE = 0.08  # "Round 2 of 6 · pass your sheet to the left": read from the back while writing


def group_cards(view: WritingView) -> tuple[list[Entry], list[Card]]:
    """Each group as a column: its letter, then who is in it, with their sheet's mark."""
    entries: list[Entry] = []
    cards: list[Card] = []
    for group in view.groups:
        entries.append(Entry(EntryKind.HEADER, group.id))
        cards.append(Card(tr("Group %1").replace("%1", group.letter)))
        for member in group.members:
            entries.append(Entry(EntryKind.CARD, member.id))
            cards.append(Card(member.name, view.code(member.id)))
    return entries, cards


def report_cards(view: WritingView) -> tuple[list[Entry], list[Card]]:
    group = view.group(view.settings.report_group)
    if group is None:
        return [], []
    summaries = view.of_group(group.id)
    entries = [Entry(EntryKind.CARD, s.id) for s in summaries]
    cards = [Card(s.text, str(position)) for position, s in enumerate(summaries, start=1)]
    return entries, cards


class IdeaWritingProjection(QWidget):
    def __init__(self, controller: Controller, timer: TimerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions: IdeaWritingActions = actions(controller)
        self.view: WritingView | None = None
        self.height_px, self.zoom = 720, 1.0
        self.setObjectName("ideaWriting")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.question = projector_label("question")
        self.line = projector_label("line")
        self.cue = projector_label("cue")
        self.canvas = WallCanvas()
        self.canvas.gutter, self.canvas.number_share = 2.1, 0.7
        self.spacer = QWidget()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.question, self.line, self.cue):
            column.addWidget(widget)
        column.addWidget(self.canvas, 1)
        column.addWidget(self.spacer, 1)
        self.setStyleSheet(
            f"QWidget#ideaWriting {{ background: {theme.BACKGROUND}; }}"
            f"QLabel {{ color: {theme.TEXT}; background: transparent; }}"
            f"QLabel#line {{ color: {theme.MUTED}; }}"
            f"QLabel#cue {{ color: {theme.ACCENT}; }}"
        )
        self.actions.changed.connect(self._changed)
        controller.meeting_loaded.connect(self._refresh)
        controller.meeting_changed.connect(self._refresh)
        controller.agenda_changed.connect(self._refresh)
        controller.meeting_unloaded.connect(self._unload)
        self._refresh()

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 120)

    def _item_id(self) -> int | None:
        detail = self.controller.detail
        item = detail.current_item if detail is not None else None
        return item.id if item is not None and item.kind is AgendaKind.IDEA_WRITING else None

    def _refresh(self, *_signal: object) -> None:
        item_id = self._item_id()
        if item_id is None:
            return
        view = self.actions.views.get(item_id)
        if view is None and self.controller.services is not None:
            self.actions.refresh(item_id)
        elif view is not None:
            self._show(view)

    def _unload(self) -> None:
        self.view = None
        self.canvas.show_cards([], [], {}, Mode.WALL)

    def _changed(self, view: WritingView) -> None:
        if view.item_id == self._item_id():
            self._show(view)

    def _show(self, view: WritingView) -> None:
        self.view = view
        settings = view.settings
        step = settings.step
        item = self.controller.detail.current_item if self.controller.detail is not None else None
        self.question.setText(item.prompt if item is not None and item.id == view.item_id else view.question)
        self.question.setVisible(bool(self.question.text()))
        line, cue = "", ""
        entries: list[Entry] = []
        cards: list[Card] = []
        mode = Mode.THEMES
        if step is Step.SET_UP:
            line = (
                tr("Find your group: your sheet is marked with its letter and number.") if view.groups else ""
            )
            entries, cards = group_cards(view)
        elif step is Step.WRITING:
            line = words.numbers_text(settings)
            cue = words.cue(settings)
        elif step is Step.TRANSCRIBE:
            line = tr("The sheets are being typed in: %1.").replace(
                "%1", words.plural(len(view.entries), tr("1 idea so far"), tr("%1 ideas so far"))
            )
        elif step is Step.SUMMARIES:
            line = tr("Each group agrees its main ideas.")
        else:
            group = view.group(settings.report_group)
            if group is not None:
                cue = tr("Group %1 reports").replace("%1", group.letter)
                entries, cards = report_cards(view)
                mode = Mode.WALL
                line = ", ".join(m.name for m in group.members)
            else:
                line = tr("The groups report, one after another.")
        self.line.setText(line)
        self.line.setVisible(bool(line))
        self.cue.setText(cue)
        self.cue.setVisible(bool(cue))
        self.canvas.setVisible(bool(entries))
        self.spacer.setVisible(not entries)
        self._fit_labels()
        self.layout().activate()
        self.canvas.show_cards(entries, cards, {}, mode)

    # -- sizes ----------------------------------------------------------------------------------
    def set_scale(self, height: int, zoom: float) -> None:
        self.height_px, self.zoom = height, zoom
        self._fit_labels()
        self.canvas.set_sizes(height * IDEA_FLOOR * zoom, height * IDEA_CEILING * zoom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self) -> None:
        height, zoom = self.height_px, self.zoom
        width = max(100, self.width())
        for label, room, target, floor, bold in (
            (self.question, 0.2, QUESTION_SHARE, 0.035, True),
            (self.line, 0.1, LINE_SHARE, 0.025, False),
            (self.cue, 0.4, CUE_SHARE, IDEA_FLOOR, True),
        ):
            size, used = fitted(
                label.text(), width, height * room, height * target * zoom, height * floor * zoom, bold
            )
            label.setFont(pixel_font(size, bold=bold))
            label.setFixedHeight(used + int(height * 0.012) if label.text() else 0)
