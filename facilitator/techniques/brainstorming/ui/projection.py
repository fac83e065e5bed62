"""What the projector shows for a brainstorm: the question, the room's rules and the wall of ideas;
the wall sorted into themes; the dot results as bars.

Sizes are shares of the presenter's height. Idea text is never smaller than ``IDEA_FLOOR`` of it
(about 43 px on a 1080-line projector): a wall that does not fit at that size is split into pages,
which turn by themselves unless the page with the newest idea, or the idea under discussion, is
the one to show.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from facilitator.domain.model import AgendaKind
from facilitator.techniques.brainstorming.model import BrainstormView, Idea, Phase, Standing
from facilitator.techniques.brainstorming.ui import words
from facilitator.techniques.brainstorming.ui.actions import BrainstormActions, actions
from facilitator.techniques.brainstorming.ui.words import tr
from facilitator.techniques.brainstorming.wall import (
    CARD_PAD,
    LINE,
    Entry,
    EntryKind,
    Placed,
    Wall,
    extend,
    layout,
    newest_page,
)
from facilitator.techniques.ground_rules.ui.projection import fitted, pixel_font
from facilitator.ui import theme
from facilitator.ui.controller import Controller
from facilitator.ui.texts import elided, text_height
from facilitator.ui.timer import TimerController
from facilitator.ui.widgets import projector_label

IDEA_FLOOR = 0.04  # idea text never below this share of the projector's height
IDEA_CEILING = 0.075  # a handful of ideas shows this large
QUESTION_SHARE = 0.05
QUESTION_LATER = 0.035  # once the ideas are up, the wall needs the room more than the question
HINT_SHARE = 0.03
GUTTER = 1.4  # room for an idea's number beside its text, in font heights
PAGE_SECONDS = 10  # a wall of several pages turns a page this often when nothing pins it
CARD = "#1C1C1C"
NEWEST = "#3A3200"  # the newest idea's card: a dark yellow that keeps white text at high contrast


class Mode:
    WALL = "wall"
    THEMES = "themes"
    RESULTS = "results"


@dataclass(frozen=True)
class Card:
    """What one entry of the wall shows."""

    text: str
    number: str = ""  # the idea's number, or the place in the results
    badge: str = ""  # dots on it, or how many ideas were merged into it
    bar: float = -1.0  # results: the share of the longest bar; -1 for no bar


def wall_cards(
    view: BrainstormView, mode: str, show_dots: bool
) -> tuple[list[Entry], list[Card], dict[int, int]]:
    """The wall's entries in order, what each shows, and the entry of each idea id."""
    entries: list[Entry] = []
    cards: list[Card] = []
    where: dict[int, int] = {}
    totals = {s.idea.id: s.dots for s in view.standings()} if show_dots else {}

    def card(idea: Idea) -> None:
        where[idea.id] = len(entries)
        entries.append(Entry(EntryKind.CARD, idea.id))
        badge = ""
        if show_dots and totals.get(idea.id):
            badge = f"●{totals[idea.id]}"
        elif view.parts(idea.id):
            badge = f"+{len(view.parts(idea.id))}"
        cards.append(Card(idea.text, str(idea.number), badge))

    if mode == Mode.THEMES:
        for theme, members in view.groups():
            entries.append(Entry(EntryKind.HEADER, theme.id if theme is not None else 0))
            cards.append(Card(theme.name if theme is not None else tr("Not in a theme yet")))
            for idea in members:
                card(idea)
    else:
        for idea in view.wall:
            card(idea)
    return entries, cards, where


def _result_cards(standings: tuple[Standing, ...]) -> tuple[list[Entry], list[Card]]:
    voted = [s for s in standings if s.dots > 0]
    most = max((s.dots for s in voted), default=1)
    entries = [Entry(EntryKind.CARD, s.idea.id) for s in voted]
    cards = [Card(s.idea.text, words.rank_text(s), words.dots_text(s.dots), s.dots / most) for s in voted]
    return entries, cards


def page_note(page: int, pages: int, turning: bool) -> str:
    """Which page of a wall is up, when there are several (a negative count: the page of the newest
    ideas, that many of them; no count is said, or the note would change with every idea)."""
    if pages < 0:
        return tr("Showing the newest ideas")
    if pages <= 1:
        return ""
    note = tr("Page %1 of %2").replace("%1", str(page + 1)).replace("%2", str(pages))
    return note + " " + tr("(the pages turn by themselves)") if turning else note


class WallCanvas(QWidget):
    """The ideas as cards in columns and pages, painted directly: a wall of hundreds stays quick."""

    page_changed = Signal(int, int, bool)  # page shown (from 0), pages, whether they turn by themselves

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("brainstormWall")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.entries: list[Entry] = []
        self.cards: list[Card] = []
        self.where: dict[int, int] = {}
        self.mode = Mode.WALL
        self.newest = 0  # idea id shown as just added
        self.spotlight = 0  # idea id under discussion
        self.floor, self.ceiling = 28.0, 54.0
        # Room for the number beside each card's text (font heights), and the number's size: a
        # nominal group's numbers are copied onto cards, so it shows them larger.
        self.gutter, self.number_share = GUTTER, 0.55
        self.pin_results = True  # results stay on their first page (False: pages turn by themselves)
        self.wall: Wall | None = None
        self.page = 0
        self._heights: dict[tuple[str, int, int, bool], float] = {}
        self._announced: tuple[int, int, bool, int] = (-1, -1, False, -1)
        # While ideas are called out: where the page of the newest ideas starts, and that page.
        self.latest: tuple[int, tuple[Placed, ...]] | None = None
        self._turn = QTimer(self)
        self._turn.setInterval(PAGE_SECONDS * 1000)
        self._turn.timeout.connect(self._next_page)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 120)

    # -- content --------------------------------------------------------------------------------
    def show_cards(self, entries: list[Entry], cards: list[Card], where: dict[int, int], mode: str) -> None:
        self.entries, self.cards, self.where, self.mode = entries, cards, where, mode
        self.relayout()

    def append(self, idea: Idea) -> None:
        """One more idea at the end of the wall, with the newest mark on it."""
        self.where[idea.id] = len(self.entries)
        self.entries.append(Entry(EntryKind.CARD, idea.id))
        self.cards.append(Card(idea.text, str(idea.number)))
        wall = self.wall
        if wall is None or len(wall.pages) <= 1 or self.mode != Mode.WALL:
            self.relayout()
            self.set_marks(idea.id, self.spotlight)
            return
        usable = float(self.height()) - self._footer_height()
        start = self.latest[0] if self.latest is not None else None
        before = (self.page, len(wall.pages), self._box(self.newest))
        self.wall = extend(wall, self.entries, usable, self._measure, gutter=self.gutter)
        self.newest = idea.id
        self._choose_page()
        same_latest = self.latest is not None and self.latest[0] == start
        same_page = self.latest is None and (self.page, len(self.wall.pages)) == before[:2]
        if (same_latest or same_page) and before[2] is not None:
            # Same page: only the card that was newest and the new one are painted again.
            for box in (before[2], self._box(idea.id)):
                if box is not None:
                    self.update(box.toAlignedRect().adjusted(-4, -4, 4, 4))
        else:
            self.update()

    def _shown_page(self) -> tuple[Placed, ...]:
        if self.latest is not None:
            return self.latest[1]
        wall = self.wall
        return wall.pages[min(self.page, len(wall.pages) - 1)] if wall is not None and wall.pages else ()

    def _box(self, idea_id: int) -> QRectF | None:
        """Where an idea's card is on the page shown, if it is there."""
        entry = self.where.get(idea_id)
        if entry is None:
            return None
        for placed in self._shown_page():
            if placed.entry == entry and not placed.continued:
                return QRectF(placed.x, placed.y, placed.width, placed.height)
        return None

    def set_sizes(self, floor: float, ceiling: float) -> None:
        if (floor, ceiling) != (self.floor, self.ceiling):
            self.floor, self.ceiling = floor, ceiling
            self.relayout()

    def set_marks(self, newest: int, spotlight: int) -> None:
        self.newest, self.spotlight = newest, spotlight
        self._choose_page()
        self.update()

    def relayout(self) -> None:
        width, height = float(self.width()), float(self.height())
        if width < 50 or height < 50:
            self.wall = None
            return
        usable = height - self._footer_height()
        self.wall = layout(
            self.entries,
            width,
            usable,
            self.ceiling,
            self.floor,
            self._measure,
            gutter=self.gutter,
            max_columns=2 if self.mode == Mode.RESULTS else None,  # read down each column, by place
        )
        self._choose_page()
        self.update()

    def _footer_height(self) -> float:
        return 0.0  # "Page 2 of 3" is said in the line above the wall, which is there anyway

    def _measure(self, index: int, size: float, width: float) -> float:
        card = self.cards[index]
        header = self.entries[index].kind is EntryKind.HEADER
        key = (card.text, int(size), int(width), header)
        if header:
            # A theme's name wraps to two lines at most, cut short with "…" beyond (also where
            # the "… " of a column it runs on into needs the room).
            found = self._heights.get(key)
            if found is None:
                wrapped = text_height(card.text, pixel_font(size, bold=True), int(width))
                found = self._heights[key] = float(min(wrapped, 2 * LINE * size))
            return found
        found = self._heights.get(key)
        if found is None:
            # Measured as the painter's elided() measures, so a card laid out to fit its text is
            # never cut short by a rounding difference between the two.
            found = self._heights[key] = float(text_height(card.text, pixel_font(size), int(width)))
        if card.bar >= 0:
            found += size * 0.9  # the bar under the text
        return found

    # -- pages ----------------------------------------------------------------------------------
    def _choose_page(self) -> None:
        wall = self.wall
        if wall is None:
            return
        pinned = self.where.get(self.spotlight) if self.spotlight else None
        if pinned is None and self.newest:
            pinned = self.where.get(self.newest)
        if pinned is None and self.mode == Mode.RESULTS and self.entries and self.pin_results:
            pinned = 0  # the results stay on the ideas with the most dots
        kept = self.latest[0] if self.latest is not None else None
        self.latest = None
        newest = self.where.get(self.newest) if self.newest else None
        if pinned is not None and pinned == newest and self.mode == Mode.WALL and len(wall.pages) > 1:
            usable = float(self.height()) - self._footer_height()
            self.latest = newest_page(
                wall, self.entries, usable, self._measure, gutter=self.gutter, keep_from=kept
            )
        if pinned is not None:
            self.page = wall.page_of(pinned)
        self.page = min(self.page, len(wall.pages) - 1)
        turning = len(wall.pages) > 1 and pinned is None
        if turning and not self._turn.isActive():
            self._turn.start()
        elif not turning:
            self._turn.stop()
        self._announce(turning)

    def paging(self) -> tuple[int, int, bool]:
        """What ``page_changed`` last said: the page shown, the pages, whether they turn."""
        page, pages, turning, _count = self._announced
        return page, pages, turning

    def _announce(self, turning: bool) -> None:
        pages = len(self.wall.pages) if self.wall is not None else 0
        if self.latest is not None:  # "the newest 14 of 30": a page of its own kind
            pages, turning = -(len(self.entries) - self.latest[0]), False
        state = (self.page, pages, turning, len(self.entries))
        if state != self._announced:
            self._announced = state
            self.page_changed.emit(self.page, pages, turning)

    def _next_page(self) -> None:
        if self.wall is not None and len(self.wall.pages) > 1:
            self.page = (self.page + 1) % len(self.wall.pages)
            self._announce(True)
            self.update()

    # -- painting -------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        wall = self.wall
        if wall is None or not wall.pages:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = wall.font
        text_font = pixel_font(size)
        header_font = pixel_font(size, bold=True)
        small_font = pixel_font(size * self.number_share, bold=True)
        pad = CARD_PAD * size
        dirty = QRectF(event.rect()).adjusted(-2, -2, 2, 2)
        for placed in self._shown_page():
            box = QRectF(placed.x, placed.y, placed.width, placed.height)
            if not box.intersects(dirty):
                continue  # a new idea repaints two cards, not the page: the rest are already there
            entry, card = self.entries[placed.entry], self.cards[placed.entry]
            if entry.kind is EntryKind.HEADER:
                painter.setFont(header_font)
                painter.setPen(QColor(theme.ACCENT))
                name = ("… " if placed.continued else "") + card.text
                inner = box.adjusted(pad, pad, -pad, -pad)
                shown = elided(name, header_font, int(inner.width()), inner.height() + 0.5)
                painter.drawText(
                    inner,
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                    shown,
                )
                painter.fillRect(
                    QRectF(box.left() + pad, box.bottom() - 3, box.width() - 2 * pad, 3), QColor(theme.ACCENT)
                )
                continue
            self._paint_card(painter, box, entry, card, size, pad, text_font, small_font)
        painter.end()

    def _paint_card(
        self, painter: QPainter, box: QRectF, entry: Entry, card: Card, size: float, pad: float,
        text_font: QFont, small_font: QFont,
    ) -> None:  # fmt: skip
        newest = entry.key == self.newest and self.mode != Mode.RESULTS
        spot = entry.key == self.spotlight and self.mode != Mode.RESULTS
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(NEWEST if newest else CARD))
        painter.drawRoundedRect(box, pad, pad)
        if spot or newest:
            painter.setPen(QPen(QColor(theme.ACCENT), max(3.0, size * (0.12 if spot else 0.07))))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box.adjusted(1.5, 1.5, -1.5, -1.5), pad, pad)
        gutter = self.gutter * size
        painter.setFont(small_font)
        painter.setPen(QColor(theme.MUTED if self.number_share < 0.7 else theme.TEXT))
        number_box = QRectF(box.left() + pad, box.top() + pad, gutter - pad, size * 1.25)
        painter.drawText(
            number_box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), card.number
        )
        text_box = QRectF(
            box.left() + pad + gutter, box.top() + pad, box.width() - 2 * pad - gutter, box.height()
        )
        bar_room = size * 0.9 if card.bar >= 0 else 0.0
        if card.badge and card.bar < 0:
            painter.setPen(QColor(theme.ACCENT))
            badge_box = QRectF(box.left() + pad, box.top() + pad + size * 1.2, gutter - pad, size * 1.1)
            painter.drawText(
                badge_box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), card.badge
            )
        painter.setFont(text_font)
        painter.setPen(QColor(theme.TEXT))
        text_height = box.height() - 2 * pad - bar_room
        # A card taller than the page was clipped to it: its text is cut short with "…".
        # Half a pixel of slack: the room worked out from the card's size is a float sum.
        shown = elided(card.text, text_font, int(text_box.width()), text_height + 0.5)
        painter.drawText(
            QRectF(text_box.left(), text_box.top(), text_box.width(), text_height),
            int(Qt.TextFlag.TextWordWrap),
            shown,
        )
        if card.bar >= 0:
            small_font = pixel_font(size * 0.75, bold=True)  # "9 dots" is read from the back too
            metrics = QFontMetricsF(small_font)
            label_width = metrics.horizontalAdvance(card.badge) + pad
            track = text_box.width() - label_width
            bar = QRectF(
                text_box.left(), box.bottom() - pad - size * 0.6, max(4.0, track * card.bar), size * 0.5
            )
            painter.fillRect(bar, QColor(theme.ACCENT))
            painter.setFont(small_font)
            painter.setPen(QColor(theme.ACCENT))
            painter.drawText(
                QRectF(bar.right() + pad / 2, bar.top() - size * 0.3, label_width + pad, size * 1.1),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                card.badge,
            )


class BrainstormProjection(QWidget):
    """The presenter view for a brainstorming item, following the phase the facilitator is in."""

    footnote_changed = Signal(str)  # which page of the wall is up, said beside "Item 2 of 5"
    wants_room = True  # the presenter keeps its frame compact: the wall needs the height

    def __init__(self, controller: Controller, timer: TimerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions: BrainstormActions = actions(controller)
        self.view: BrainstormView | None = None
        self.height_px, self.zoom = 720, 1.0
        self._question_share = QUESTION_SHARE
        self.setObjectName("brainstorm")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.question = projector_label("question")
        self.hint = projector_label("hint")
        self.canvas = WallCanvas()
        self.canvas.pin_results = False  # every idea with dots gets its turn, page by page
        self.canvas.number_share = 0.7  # numbers, places and dots are called out: bright, not small
        self.canvas.page_changed.connect(self._page_changed)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.question)
        column.addWidget(self.hint)
        column.addWidget(self.canvas, 1)
        self.setStyleSheet(
            f"QWidget#brainstorm {{ background: {theme.BACKGROUND}; }}"
            f"QLabel {{ color: {theme.TEXT}; background: transparent; }}"
            f"QLabel#hint {{ color: {theme.MUTED}; }}"
        )
        self.actions.changed.connect(self._changed)
        self.actions.added.connect(self._added)
        self.actions.spotlight_changed.connect(lambda _item, _idea: self._mark())
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
        if item is None or item.kind is not AgendaKind.BRAINSTORMING:
            return None
        return item.id

    def _refresh(self, *_signal: object) -> None:
        item_id = self._item_id()
        if item_id is None:
            return
        view = self.actions.views.get(item_id)
        if view is None and self.controller.services is not None:
            self.actions.refresh(item_id)  # announces itself through ``changed``
        elif view is not None and view is not self.view:
            self._show(view, newest=0)
        elif view is not None:
            self._show_question(view)

    def _unload(self) -> None:
        self.view = None
        self.canvas.show_cards([], [], {}, Mode.WALL)

    def _changed(self, view: BrainstormView) -> None:
        if view.item_id == self._item_id():
            self._show(view, newest=0)

    def _added(self, view: BrainstormView, idea: Idea) -> None:
        if view.item_id != self._item_id():
            return
        if self.view is not None and self.view.item_id == view.item_id and self.canvas.mode == Mode.WALL:
            self.view = view
            self.canvas.append(idea)  # the wall grows by one card; nothing else is read again
        else:
            self._show(view, newest=idea.id)

    def _show(self, view: BrainstormView, newest: int) -> None:
        self.view = view
        phase = view.settings.phase
        if phase is Phase.RESULTS and view.settings.voting:
            mode = Mode.RESULTS
        elif phase in (Phase.GROUP, Phase.VOTE, Phase.RESULTS) and view.themes:
            mode = Mode.THEMES
        else:
            mode = Mode.WALL
        if mode == Mode.RESULTS:
            entries, cards = _result_cards(view.standings())
            where: dict[int, int] = {}
        else:
            entries, cards, where = wall_cards(view, mode, show_dots=phase is Phase.VOTE)
        self.hint.setText(self._hint(view, len(entries)))
        self._show_question(view)
        self.canvas.show_cards(entries, cards, where, mode)
        self._mark(newest if phase is Phase.GENERATE else 0)

    def _show_question(self, view: BrainstormView) -> None:
        """The question as the agenda has it now: it can be reworded while the brainstorm runs."""
        item = self.controller.detail.current_item if self.controller.detail is not None else None
        # An item without a question of its own is asked by its title, already shown above.
        question = item.prompt if item is not None and item.id == view.item_id else view.question
        self.question.setText(question)
        self.question.setVisible(bool(question))
        self._question_share = QUESTION_SHARE if view.settings.phase is Phase.GENERATE else QUESTION_LATER
        self._fit_labels()

    def _page_changed(self, page: int, pages: int, turning: bool) -> None:
        self.footnote_changed.emit(page_note(page, pages, turning))

    def _mark(self, newest: int | None = None) -> None:
        if self.view is None:
            return
        spotlight = self.actions.spotlight.get(self.view.item_id, 0)
        if self.view.settings.phase in (Phase.GENERATE, Phase.VOTE, Phase.RESULTS):
            spotlight = 0  # while voting, the whole wall turns page by page
        self.canvas.set_marks(self.canvas.newest if newest is None else newest, spotlight)

    def _hint(self, view: BrainstormView, shown: int) -> str:
        phase = view.settings.phase
        if phase is Phase.GENERATE:
            return "  ·  ".join(words.room_rules())
        if phase is Phase.CLARIFY:
            return tr("Is every idea clear? Which ones say the same thing?")
        if phase is Phase.GROUP:
            return tr("Which ideas belong together?")
        if phase is Phase.VOTE:
            return tr("Each person has %1: put them on the ideas that matter most.").replace(
                "%1", words.dots_text(view.settings.dots_per_person)
            )
        if not view.settings.voting:
            return tr("All our ideas, ready for the next step.")
        summary = view.summary()
        if not shown:
            return tr("No dots have been counted yet.")
        return words.placed_text(summary)

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
        size, used = fitted(
            self.question.text(),
            width,
            height * 0.16,
            height * self._question_share * zoom,
            height * 0.035 * zoom,
            True,
        )
        self.question.setFont(pixel_font(size, bold=True))
        self.question.setFixedHeight(used + 4)
        hint_size, hint_used = fitted(
            self.hint.text(), width, height * 0.1, height * HINT_SHARE * zoom, height * 0.025 * zoom, False
        )
        self.hint.setFont(pixel_font(hint_size))
        self.hint.setFixedHeight(hint_used + int(height * 0.015))
