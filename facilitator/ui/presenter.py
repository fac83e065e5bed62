"""The presenter window: the current step in large type, on the projector."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedLayout,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import AgendaItem, MeetingDetail, MeetingStatus
from facilitator.domain.timer import TimerState, clock_text
from facilitator.ui import theme
from facilitator.ui.controller import Controller
from facilitator.ui.techniques import technique_ui
from facilitator.ui.timer import TimerController

MIN_PROMPT_SHARE = 0.035  # never shrink the question below this share of the screen height


class PresenterWindow(QWidget):
    """A top-level window of its own; follows the facilitator's step through the controller."""

    visibility_changed = Signal(bool)
    blank_changed = Signal(bool)
    rules_changed = Signal(bool)  # the ground rules in force shown over the current step

    def __init__(self, controller: Controller, timer: TimerController) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("presenter")
        # Showing the projector must not take the keyboard away from the facilitator's window.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle(self.tr("Facilitator — Presenter"))
        self.controller, self.timer = controller, timer
        self.zoom_index = theme.ZOOM_STEPS.index(1.0)
        self.blanked = False
        self.rules_shown = False
        self._technique_views: dict[str, QWidget] = {}
        # A technique's view may add a short note beside "Item 2 of 5" (which page of a wall is up).
        self._footnotes: dict[QWidget, str] = {}
        self._step_text = ""
        self._rules_overlay: QWidget | None = None
        self.detail: MeetingDetail | None = None
        self.setStyleSheet(
            f"QWidget#presenter, QWidget#page {{ background: {theme.BACKGROUND}; }}"
            f"QLabel {{ color: {theme.TEXT}; background: transparent; }}"
            f"QLabel#title, QLabel#clock {{ color: {theme.ACCENT}; }}"
            f"QLabel#meetingLine, QLabel#step {{ color: {theme.MUTED}; }}"
            f'QLabel#clock[up="true"] {{ color: {theme.TIME_UP_TEXT}; background: {theme.TIME_UP_BACKGROUND};'
            " border-radius: 12px; }"
            f"QLabel#timeUp {{ color: {theme.TIME_UP_TEXT}; background: {theme.TIME_UP_BACKGROUND};"
            " border-radius: 12px; }"
        )
        self.meeting_line = self._label("meetingLine")
        self.title = self._label("title")
        self.prompt = self._label("prompt")
        self.prompt.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.step_label = self._label("step")
        self.time_up = self._label("timeUp")
        self.time_up.setText(self.tr("Time is up"))
        self.time_up.hide()
        self.clock = self._label("clock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.clock.setWordWrap(False)

        page = QWidget(objectName="page")
        column = QVBoxLayout(page)
        column.addWidget(self.meeting_line)
        self.title_row = QHBoxLayout()
        self.title_row.addWidget(self.title, 1)
        column.addLayout(self.title_row)
        # The question, or a technique's own view of the step (ideas, votes, rules).
        self.body = QStackedWidget()
        self.body.addWidget(self.prompt)
        column.addWidget(self.body, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.step_label, 1, Qt.AlignmentFlag.AlignBottom)
        footer.addWidget(self.time_up, 0, Qt.AlignmentFlag.AlignBottom)
        footer.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignBottom)
        column.addLayout(footer)
        self.footer = footer
        # A technique's view that asks for room (a wall of ideas) gets a compact frame: no meeting
        # line, the clock beside the title, the footer one small line.
        self.compact = False
        self.blank = QWidget(objectName="page")
        self.stack = QStackedLayout(self)
        self.stack.addWidget(page)
        self.stack.addWidget(self.blank)

        controller.meeting_loaded.connect(self.show_detail)
        controller.meeting_changed.connect(lambda _m: self._from_controller())
        controller.agenda_changed.connect(lambda _a: self._from_controller())
        timer.changed.connect(self._show_clock)
        blank_key = QShortcut(QKeySequence(Qt.Key.Key_B), self)
        blank_key.activated.connect(self.toggle_blank)
        rules_key = QShortcut(QKeySequence(Qt.Key.Key_G), self)
        rules_key.activated.connect(self.toggle_rules)
        leave_full = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        leave_full.activated.connect(self._leave_full_screen)
        self.resize(1280, 720)
        self._layout_text()

    def _label(self, name: str) -> QLabel:
        label = QLabel(objectName=name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def share_actions(self, actions: list[QAction]) -> None:
        """The facilitator window's presenter actions (F5, zoom) also work while this window has focus."""
        for action in actions:
            self.addAction(action)

    # -- content --------------------------------------------------------------------------------
    def _from_controller(self) -> None:
        if self.controller.detail is not None:
            self.show_detail(self.controller.detail)

    def show_detail(self, detail: MeetingDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self._show_body(None)
            self.meeting_line.setText("")
            self.title.setText(self.tr("Facilitator"))
            self.prompt.setText("")
            self._set_step("")
            self._layout_text()
            return
        meeting = detail.meeting
        self.meeting_line.setText(f"{detail.collaborative.name} · {meeting.title}")
        item = detail.current_item
        self._show_body(item if meeting.status is MeetingStatus.IN_PROGRESS else None)
        if meeting.status is MeetingStatus.CLOSED:
            self.title.setText(self.tr("Thank you"))
            self.prompt.setText(self.tr("This meeting is closed."))
            self._set_step("")
        elif item is None:
            self.title.setText(meeting.title)
            when = meeting.starts_at.strftime("%Y-%m-%d %H:%M")
            lines = [f"{when} · {meeting.place}" if meeting.place else when]
            if meeting.purpose:
                lines.append(meeting.purpose)
            self.prompt.setText("\n\n".join(lines))
            self._set_step(self.tr("Welcome"))
        else:
            self._show_item(item, detail.agenda)
        self._layout_text()
        self._show_clock()

    def _show_item(self, item: AgendaItem, agenda: tuple[AgendaItem, ...]) -> None:
        self.title.setText(item.title)
        self.prompt.setText(item.prompt)
        position = next((i for i, other in enumerate(agenda) if other.id == item.id), 0) + 1
        self._set_step(self.tr("Item %1 of %2").replace("%1", str(position)).replace("%2", str(len(agenda))))

    def _set_step(self, text: str) -> None:
        self._step_text = text
        self._show_step()

    def _footnote(self, view: QWidget, note: str) -> None:
        self._footnotes[view] = note
        self._show_step()

    def _show_step(self) -> None:
        note = self._footnotes.get(self.body.currentWidget(), "") if self._step_text else ""
        text = f"{self._step_text}  ·  {note}" if note else self._step_text
        if text != self.step_label.text():
            self.step_label.setText(text)

    def _show_body(self, item: AgendaItem | None) -> None:
        module = technique_ui(item.kind) if item is not None else None
        if module is None or item is None:
            self.body.setCurrentWidget(self.prompt)
            self._set_compact(False)
            self._show_step()
            return
        key = item.kind.value
        if key not in self._technique_views:
            view = module.presenter_view(self.controller, self.timer, self.body)
            self._technique_views[key] = view
            self.body.addWidget(view)
            footnote = getattr(view, "footnote_changed", None)
            if footnote is not None:
                footnote.connect(lambda note, shown=view: self._footnote(shown, note))
        self.body.setCurrentWidget(self._technique_views[key])
        self._set_compact(bool(getattr(self._technique_views[key], "wants_room", False)))
        self._show_step()

    def _set_compact(self, on: bool) -> None:
        if on == self.compact:
            return
        self.compact = on
        source, target = (self.footer, self.title_row) if on else (self.title_row, self.footer)
        align = Qt.AlignmentFlag.AlignVCenter if on else Qt.AlignmentFlag.AlignBottom
        for widget in (self.time_up, self.clock):
            source.removeWidget(widget)
            target.addWidget(widget, 0, align)
        self.meeting_line.setVisible(not on)
        self._layout_text()

    def _show_clock(self) -> None:
        running_item = self.detail is not None and self.detail.current_item is not None
        shown = running_item and (self.timer.state is not TimerState.READY or self.timer.timer.duration > 0)
        self.clock.setVisible(bool(shown))
        if not shown:
            self.time_up.hide()
            return
        up = self.timer.is_up()
        self.clock.setText(clock_text(self.timer.remaining()))
        if self.clock.property("up") != up:
            self.clock.setProperty("up", up)
            self.clock.style().unpolish(self.clock)
            self.clock.style().polish(self.clock)
        self.time_up.setVisible(up)

    # -- display controls -----------------------------------------------------------------------
    def toggle_blank(self) -> None:
        self.blanked = not self.blanked
        self._show_page()
        self.blank_changed.emit(self.blanked)

    def toggle_rules(self) -> None:
        """Show the collaborative's ground rules over whatever step is on, or hide them again."""
        self.rules_shown = not self.rules_shown
        if self.rules_shown:
            overlay = self._overlay()
            overlay.refresh()  # type: ignore[attr-defined]
        self._show_page()
        self.rules_changed.emit(self.rules_shown)

    def _overlay(self) -> QWidget:
        if self._rules_overlay is None:
            from facilitator.techniques.ground_rules.ui import overlay

            self._rules_overlay = overlay(self.controller, self)
            self.stack.addWidget(self._rules_overlay)
            self._layout_text()
        return self._rules_overlay

    def _show_page(self) -> None:
        if self.blanked:
            self.stack.setCurrentWidget(self.blank)
        elif self.rules_shown:
            self.stack.setCurrentWidget(self._overlay())
        else:
            self.stack.setCurrentIndex(0)

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _leave_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()

    def zoom(self, step: int) -> None:
        self.zoom_index = max(0, min(len(theme.ZOOM_STEPS) - 1, self.zoom_index + step))
        self._layout_text()

    @property
    def zoom_factor(self) -> float:
        return theme.ZOOM_STEPS[self.zoom_index]

    def set_zoom_factor(self, factor: float) -> None:
        self.zoom_index = min(range(len(theme.ZOOM_STEPS)), key=lambda i: abs(theme.ZOOM_STEPS[i] - factor))
        self._layout_text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_text()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange:
            self._layout_text()

    def _layout_text(self) -> None:
        height = max(self.height(), 200)
        zoom = self.zoom_factor
        margin = int(height * (0.025 if self.compact else 0.04))
        self.layout().setContentsMargins(0, 0, 0, 0)
        page_layout = self.stack.widget(0).layout()
        page_layout.setContentsMargins(margin * 2, margin, margin * 2, margin)
        page_layout.setSpacing(int(margin * 0.6))
        self._font(self.meeting_line, height * theme.SMALL_SHARE * zoom, bold=False)
        self._font(self.step_label, height * theme.SMALL_SHARE * zoom, bold=False)
        # Beside a technique's own view (a wall of ideas, a count), the clock gives it some room.
        clock_share = theme.CLOCK_SHARE * (
            1.0 if self.body.currentWidget() is self.prompt else 0.55 if self.compact else 0.7
        )
        self._font(self.clock, height * clock_share * zoom, bold=True)
        self._font(self.time_up, height * theme.SMALL_SHARE * 1.4 * zoom, bold=True)
        self.time_up.setContentsMargins(margin // 2, margin // 4, margin // 2, margin // 4)
        self.clock.setContentsMargins(margin // 2, 0, margin // 2, 0)
        width = max(100, self.width() - 4 * margin)
        # Title and question get fixed shares of the height, so a long title (or a big zoom)
        # can never push the question off the screen or run over the line above it.
        # A technique's own view needs the room: its step title is smaller than a question's.
        title_share = theme.TITLE_SHARE * (1.0 if self.body.currentWidget() is self.prompt else 0.6)
        self._fit(
            self.title,
            height * title_share * zoom,
            height * MIN_PROMPT_SHARE,
            width,
            height * 0.25,
            True,
        )
        self._fit(
            self.prompt,
            height * theme.PROMPT_SHARE * zoom,
            height * MIN_PROMPT_SHARE,
            width,
            height * 0.45,
            False,
        )
        for view in [*self._technique_views.values(), self._rules_overlay]:
            if view is not None:
                view.set_scale(height, zoom)  # type: ignore[attr-defined]

    def _fit(
        self, label: QLabel, target: float, floor: float, width: int, available: float, bold: bool
    ) -> None:
        """The largest size up to ``target`` at which the text fits ``available``, never below ``floor``."""
        size = target
        while size > floor:
            box = QFontMetrics(self._make_font(size, bold=bold)).boundingRect(
                QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), label.text()
            )
            if box.height() <= available:
                break
            size *= 0.92
        self._font(label, max(size, floor), bold=bold)

    @staticmethod
    def _make_font(pixels: float, *, bold: bool) -> QFont:
        font = QFont()
        font.setPixelSize(max(8, int(pixels)))
        font.setBold(bold)
        return font

    def _font(self, label: QLabel, pixels: float, *, bold: bool) -> None:
        label.setFont(self._make_font(pixels, bold=bold))

    def showEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().showEvent(event)
        self.visibility_changed.emit(True)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.visibility_changed.emit(False)
