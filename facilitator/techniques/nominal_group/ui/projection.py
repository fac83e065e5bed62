"""What the projector shows in each step of the nominal group technique.

Silent writing: the question and the room's instruction, nothing else (the presenter's clock is
beside it). Round robin: whose turn it is and the numbered list as it grows. Clarification: one
idea, very large, with how long it has had. Votes: the numbered list to copy numbers from. The
discussion and the result: the tally as bars, ties shown as ties. Sizes are shares of the
projector's height; idea text never goes below the brainstorm wall's floor.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from facilitator.domain.model import AgendaKind
from facilitator.domain.timer import clock_text
from facilitator.techniques.brainstorming.ui.projection import (
    IDEA_CEILING,
    IDEA_FLOOR,
    Card,
    Mode,
    WallCanvas,
    page_note,
)
from facilitator.techniques.brainstorming.wall import Entry, EntryKind
from facilitator.techniques.ground_rules.ui.projection import fitted, pixel_font
from facilitator.techniques.nominal_group.model import NominalGroupView, Standing, Step, Vote
from facilitator.techniques.nominal_group.ui import words
from facilitator.techniques.nominal_group.ui.actions import NominalGroupActions, actions
from facilitator.techniques.nominal_group.ui.words import tr
from facilitator.ui import theme
from facilitator.ui.controller import Controller
from facilitator.ui.timer import TimerController
from facilitator.ui.widgets import projector_label

QUESTION_SHARE = 0.06  # silent writing: the question is the whole screen's point
QUESTION_LATER = 0.035
LINE_SHARE = 0.03  # the instruction line
FOCUS_SHARE = 0.055  # whose turn it is; the vote's line
CLARIFY_SHARE = 0.09  # the one idea being clarified
WALL_STEPS = (Step.ROUND_ROBIN, Step.PRELIMINARY, Step.FINAL)
RESULT_STEPS = (Step.DISCUSS, Step.RESULT)


def wall_cards(view: NominalGroupView) -> tuple[list[Entry], list[Card], dict[int, int]]:
    """The numbered list as cards; an idea with others merged into it names their numbers."""
    entries, cards, where = [], [], {}
    for idea in view.listed:
        where[idea.id] = len(entries)
        entries.append(Entry(EntryKind.CARD, idea.id))
        parts = view.parts(idea.id)
        text = idea.text
        if parts:  # the numbers merged in stay findable: someone may still write one on a card
            merged = ", ".join(str(p.number) for p in parts)
            text += "  " + words.plural(
                len(parts), tr("(idea %2 merged in)"), tr("(ideas %2 merged in)")
            ).replace("%2", merged)
        cards.append(Card(text, str(idea.number)))
    return entries, cards, where


def result_cards(
    view: NominalGroupView, standings: tuple[Standing, ...], lowest_wins: bool
) -> tuple[list[Entry], list[Card]]:
    """Bars for the ideas that got votes, longest for the best; the label says points and cards."""
    if not standings:
        return [], []
    totals = [s.points for s in standings]
    best, worst = (min(totals), max(totals)) if lowest_wins else (max(totals), min(totals))
    entries, cards = [], []
    for s in standings:
        idea = view.by_number(s.number)
        if lowest_wins:  # a lower total is better: the bar grows as the total falls
            share = (worst - s.points + 1) / (worst - best + 1)
        else:
            share = s.points / best if best else 0.0
        # The idea's own number beside it (what goes on the next card); its place in the label.
        label = (
            tr("place %1").replace("%1", words.place_text(s))
            + " · " + words.points_text(s.points) + " · " + words.votes_text(s.votes)
        )  # fmt: skip
        if s.split:
            label += " · " + words.divided()
        entries.append(Entry(EntryKind.CARD, idea.id if idea else -s.number))
        cards.append(Card(idea.text if idea else "", str(s.number), label, max(0.02, share)))
    return entries, cards


class NominalGroupProjection(QWidget):
    """The presenter view for a nominal-group item, following the step the facilitator is in."""

    def __init__(self, controller: Controller, timer: TimerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions: NominalGroupActions = actions(controller)
        self.view: NominalGroupView | None = None
        self.height_px, self.zoom = 720, 1.0
        self._known: set[int] = set()  # ideas already shown, to mark the one just recorded
        self._wall_shape: tuple[object, ...] = ()  # the list the wall was last laid out from
        self.setObjectName("nominalGroup")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.question = projector_label("question")
        self.line = projector_label("line")
        self.focus = projector_label("focus")
        self.clock = projector_label("clock")
        self.canvas = WallCanvas()
        # Numbers people copy onto their cards: large and bright; results turn page by page, so
        # every idea in the discussion is seen.
        self.canvas.gutter, self.canvas.number_share, self.canvas.pin_results = 2.1, 0.85, False
        self.canvas.page_changed.connect(self._page_changed)
        self._line_text = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.question)
        column.addWidget(self.line)
        column.addWidget(self.focus)
        column.addWidget(self.clock)
        column.addWidget(self.canvas, 1)
        self.spacer = QWidget()
        column.addWidget(self.spacer, 1)
        self.setStyleSheet(
            f"QWidget#nominalGroup {{ background: {theme.BACKGROUND}; }}"
            f"QLabel {{ color: {theme.TEXT}; background: transparent; }}"
            f"QLabel#line, QLabel#clock {{ color: {theme.MUTED}; }}"
            f"QLabel#focus {{ color: {theme.ACCENT}; }}"
        )
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self.actions.changed.connect(self._changed)
        controller.meeting_loaded.connect(self._refresh)
        controller.meeting_changed.connect(self._refresh)
        controller.agenda_changed.connect(self._refresh)
        controller.meeting_unloaded.connect(self._unload)
        self._refresh()

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 120)

    # -- following the meeting ------------------------------------------------------------------
    def _item_id(self) -> int | None:
        detail = self.controller.detail
        item = detail.current_item if detail is not None else None
        if item is None or item.kind is not AgendaKind.NOMINAL_GROUP:
            return None
        return item.id

    def _refresh(self, *_signal: object) -> None:
        item_id = self._item_id()
        if item_id is None:
            return
        view = self.actions.views.get(item_id)
        if view is None and self.controller.services is not None:
            self.actions.refresh(item_id)  # announces itself through ``changed``
        elif view is not None:
            self._show(view)

    def _unload(self) -> None:
        self.view = None
        self._known = set()
        self._wall_shape = ()
        self._ticker.stop()
        self.canvas.show_cards([], [], {}, Mode.WALL)

    def _changed(self, view: NominalGroupView) -> None:
        if view.item_id == self._item_id():
            self._show(view)

    def _show(self, view: NominalGroupView) -> None:
        fresh = self.view is None or self.view.item_id != view.item_id
        self.view = view
        step = view.settings.step
        item = self.controller.detail.current_item if self.controller.detail is not None else None
        self.question.setText(item.prompt if item is not None and item.id == view.item_id else view.question)
        self.question.setVisible(bool(self.question.text()))
        self._line_text = self._line(view)
        self.line.setText(self._line_text)
        self.line.setVisible(bool(self._line_text))
        self.focus.setText(self._focus(view))
        self.focus.setVisible(bool(self.focus.text()))
        self.clock.setVisible(step is Step.CLARIFY)
        on_wall = step in WALL_STEPS or step in RESULT_STEPS
        self.canvas.setVisible(on_wall)
        self.spacer.setVisible(not on_wall)
        self._tick()
        # The labels take their height first: the wall is laid out in the room they leave.
        self._fit_labels()
        self.layout().activate()
        if step in RESULT_STEPS:
            vote = Vote.PRELIMINARY if step is Step.DISCUSS else None
            standings = view.result() if vote is None else tuple(s for s in view.tally(vote) if s.votes)
            rules = view.rules_of(vote or (Vote.FINAL if view.cards(Vote.FINAL) else Vote.PRELIMINARY))
            entries, cards = result_cards(view, standings, rules[0].lowest_wins)
            self.canvas.show_cards(entries, cards, {}, Mode.RESULTS)
        elif on_wall:
            shape = tuple((i.id, i.text, len(view.parts(i.id))) for i in view.listed)
            if shape != self._wall_shape or self.canvas.mode != Mode.WALL:
                # A card entered leaves the list as it was: the wall is not laid out again.
                entries, cards, where = wall_cards(view)
                self.canvas.show_cards(entries, cards, where, Mode.WALL)
                self._wall_shape = shape
            new = [i.id for i in view.listed if i.id not in self._known]
            newest = new[-1] if new and not fresh and step is Step.ROUND_ROBIN else 0
            self.canvas.set_marks(newest, 0)
        if on_wall:
            self._page_changed(*self.canvas.paging())  # the line was written again without its page
        self._known = {i.id for i in view.listed}
        if step is Step.CLARIFY:
            self._ticker.start()
        else:
            self._ticker.stop()

    def _line(self, view: NominalGroupView) -> str:
        step = view.settings.step
        if step in (Step.PRELIMINARY, Step.FINAL):
            convention, picks = view.rules_of(step.vote)
            return words.card_instruction(picks, convention)
        if step is Step.RESULT and not view.result():
            return tr("The result appears here once the cards are counted.")
        if step is Step.CLARIFY:
            return words.step_label(step) + "  ·  " + words.projector_line(step)
        return words.projector_line(step)

    def _focus(self, view: NominalGroupView) -> str:
        step = view.settings.step
        if step is Step.ROUND_ROBIN:
            return words.turn_text(view)
        if step is Step.CLARIFY:
            idea = view.idea(view.clarifying) if view.clarifying is not None else None
            if idea is None:
                return tr("No idea chosen yet")
            return f"{idea.number}.  {idea.text}"
        if step in (Step.PRELIMINARY, Step.FINAL):
            cards = len(view.cards(step.vote))
            name = words.step_label(step)
            count = words.plural(cards, tr("%2: 1 card in"), tr("%2: %1 cards in")).replace("%2", name)
            return count if cards else name
        return ""

    def _tick(self) -> None:
        view = self.view
        if view is None or view.clarify_started is None:
            self.clock.setText("")
            return
        spent = max(0.0, time.time() - view.clarify_started)
        self.clock.setText(
            tr("On this idea %1 of about %2")
            .replace("%1", clock_text(spent))
            .replace("%2", clock_text(view.seconds_each()))
        )

    def _page_changed(self, page: int, pages: int, turning: bool) -> None:
        where = page_note(page, pages, False)  # the line is short: no word on turning
        text = f"{self._line_text}  ·  {where}" if where and self._line_text else where or self._line_text
        if text != self.line.text():
            self.line.setText(text)
            self.line.setVisible(bool(text))
            self._fit_labels()

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
        step = self.view.settings.step if self.view is not None else Step.GENERATE
        share = QUESTION_SHARE if step is Step.GENERATE else QUESTION_LATER
        for label, room, target, floor, bold in (
            (self.question, 0.3 if step is Step.GENERATE else 0.14, share, 0.035, True),
            (self.line, 0.1, LINE_SHARE, 0.025, False),
            (self.focus, 0.5 if step is Step.CLARIFY else 0.14,
             CLARIFY_SHARE if step is Step.CLARIFY else FOCUS_SHARE, IDEA_FLOOR, True),
            (self.clock, 0.06, LINE_SHARE, 0.025, False),
        ):  # fmt: skip
            size, used = fitted(
                label.text(), width, height * room, height * target * zoom, height * floor * zoom, bold
            )
            label.setFont(pixel_font(size, bold=bold))
            label.setFixedHeight(used + int(height * 0.012) if label.text() else 0)
