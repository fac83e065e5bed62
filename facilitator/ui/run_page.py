"""Run mode: step through the agenda with the timer, while the presenter follows."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QFont, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import ItemState, MeetingDetail, MeetingStatus
from facilitator.domain.timer import TimerState, clock_text
from facilitator.ui.controller import Controller
from facilitator.ui.techniques import technique_ui
from facilitator.ui.texts import duration_label, kind_label, meeting_status_label
from facilitator.ui.timer import TimerController


def _scaled(label: QLabel, factor: float, bold: bool = False) -> None:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)


class RunPage(QWidget):
    def __init__(
        self, controller: Controller, timer: TimerController, actions: dict[str, QAction],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.controller, self.timer, self.actions = controller, timer, actions
        self.detail: MeetingDetail | None = None
        self._stale = False

        self.steps = QListWidget()
        self.steps.setMinimumWidth(200)
        self.steps.setMaximumWidth(380)
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.itemActivated.connect(self._jump_to_row)

        self.status = QLabel()
        self.kind = QLabel()
        self.title = QLabel()
        self.title.setWordWrap(True)
        _scaled(self.title, 1.8, bold=True)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        _scaled(self.prompt, 1.25)
        self.elapsed = QLabel()
        self.clock = QLabel("0:00")
        _scaled(self.clock, 3.2, bold=True)
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock.setFrameShape(QFrame.Shape.StyledPanel)
        self.clock.setMinimumWidth(220)
        self.clock.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for label in (self.status, self.kind, self.title, self.prompt, self.elapsed):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        timer_buttons = QHBoxLayout()
        for key in ("timer_toggle", "timer_add", "timer_reset"):
            timer_buttons.addWidget(self._button(key))
        timer_buttons.addStretch(1)
        nav = QHBoxLayout()
        for key in ("previous", "next", "go_to", "start", "close"):
            nav.addWidget(self._button(key))
        nav.addStretch(1)

        self.technique_area = QStackedWidget()
        self.technique_area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # A panel needing more room than a 1280x800 laptop has scrolls inside the page instead of
        # forcing the window past the screen's edge.
        self.technique_scroll = QScrollArea()
        self.technique_scroll.setWidgetResizable(True)
        self.technique_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.technique_scroll.setWidget(self.technique_area)
        self._technique_panels: dict[str, QWidget] = {}

        right = self.right = QVBoxLayout()
        right.addWidget(self.status)
        right.addLayout(nav)
        right.addSpacing(12)
        right.addWidget(self.kind)
        right.addWidget(self.title)
        right.addWidget(self.prompt)
        timer_side = QVBoxLayout()
        timer_side.addLayout(timer_buttons)
        timer_side.addWidget(self.elapsed)
        timer_side.addStretch(1)
        timer_row = QHBoxLayout()
        timer_row.addWidget(self.clock)
        timer_row.addSpacing(12)
        timer_row.addLayout(timer_side)
        timer_row.addStretch(1)
        right.addSpacing(12)
        right.addLayout(timer_row)
        right.addWidget(self.technique_scroll, 1)
        right.addStretch(0)
        row = QHBoxLayout(self)
        row.addWidget(self.steps)
        row.addLayout(right, 1)

        self._second = QTimer(self)
        self._second.setInterval(1000)
        self._second.timeout.connect(self._show_elapsed)
        self._second.start()
        controller.meeting_loaded.connect(self.show_detail)
        controller.meeting_changed.connect(lambda _m: self._from_controller())
        controller.agenda_changed.connect(lambda _a: self._from_controller())
        timer.changed.connect(self._show_clock)

    def _button(self, key: str) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(self.actions[key])
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys work through the actions' shortcuts
        return button

    def _from_controller(self) -> None:
        if self.controller.detail is not None:
            self.show_detail(self.controller.detail)

    def show_detail(self, detail: MeetingDetail) -> None:
        self.detail = detail
        if not self.isVisible():  # a hidden tab catches up when shown (long agendas are costly)
            self._stale = True
            return
        self._stale = False
        meeting = detail.meeting
        status = meeting_status_label(meeting.status)
        if meeting.status is MeetingStatus.IN_PROGRESS and meeting.started_at:
            status = self.tr("In progress since %1").replace("%1", meeting.started_at.strftime("%H:%M"))
        elif meeting.status is MeetingStatus.CLOSED and meeting.closed_at:
            status = self.tr("Closed at %1").replace("%1", meeting.closed_at.strftime("%H:%M"))
        self.status.setText(status)
        self.steps.clear()
        for number, item in enumerate(detail.agenda, start=1):
            mark = {ItemState.DONE: "✓ ", ItemState.ACTIVE: "▶ ", ItemState.PENDING: "   "}[item.state]
            entry = QListWidgetItem(f"{mark}{number}. {item.title}  ({duration_label(item.minutes)})")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            if item.id == meeting.current_item_id:
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.steps.addItem(entry)
            if item.id == meeting.current_item_id:
                self.steps.setCurrentItem(entry)
        item = detail.current_item
        if item is None:
            self.kind.setText("")
            if meeting.status is MeetingStatus.PLANNED:
                self.title.setText(self.tr("Ready when you are"))
                self.prompt.setText(
                    self.tr("Start the meeting to show the first item on the projector (Ctrl+Enter).")
                )
            elif meeting.status is MeetingStatus.CLOSED:
                self.title.setText(self.tr("The meeting is closed"))
                self.prompt.setText(self.tr("Everything is saved. You can reopen it with Start meeting."))
            else:
                self.title.setText(self.tr("No item is open"))
                self.prompt.setText(self.tr("Choose an item on the left and press Enter."))
        else:
            self.kind.setText(kind_label(item.kind))
            self.title.setText(item.title)
            self.prompt.setText(item.prompt)
        self._show_technique(detail)
        self._show_elapsed()
        self._show_clock()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.detail is not None:
            self.show_detail(self.detail)

    def _show_technique(self, detail: MeetingDetail) -> None:
        # Hiding the panel that has the keyboard would hand it to the list of meetings, where the
        # next arrow key opens another meeting: keep it on this page.
        had_focus = self.isAncestorOf(QApplication.focusWidget()) if QApplication.focusWidget() else False
        self._show_technique_panel(detail)
        focus = QApplication.focusWidget()
        if had_focus and (focus is None or not self.isAncestorOf(focus)):
            self.steps.setFocus()

    def _show_technique_panel(self, detail: MeetingDetail) -> None:
        item = detail.current_item
        module = technique_ui(item.kind) if item is not None else None
        if module is None:
            self.technique_scroll.hide()
            self._stretch_below(True)
            return
        key = item.kind.value  # type: ignore[union-attr]
        if key not in self._technique_panels:
            panel = module.run_panel(self.controller, self.timer, self)
            self._technique_panels[key] = panel
            self.technique_area.addWidget(panel)
        self.technique_area.setCurrentWidget(self._technique_panels[key])
        self.technique_scroll.show()
        self._stretch_below(False)

    def _stretch_below(self, on: bool) -> None:
        """Without a technique panel, the free space goes below the timer, not between the lines."""
        layout = self.right
        layout.setStretch(layout.count() - 1, 1 if on else 0)

    def _show_elapsed(self) -> None:
        item = self.detail.current_item if self.detail else None
        if item is None:
            self.elapsed.setText("")
            return
        spent = item.elapsed_at(datetime.now())
        self.elapsed.setText(
            self.tr("Time spent on this item: %1 (planned: %2)")
            .replace("%1", clock_text(spent))
            .replace("%2", clock_text(item.minutes * 60))
        )

    def _show_clock(self) -> None:
        has_item = self.detail is not None and self.detail.current_item is not None
        self.clock.setText(clock_text(self.timer.remaining()) if has_item else "–")
        up = self.timer.is_up()
        running = self.timer.state is TimerState.RUNNING
        colour = "#B00020" if up else ("#1D4E6F" if running else "palette(text)")
        self.clock.setStyleSheet(f"color: {colour}; padding: 6px 18px;")

    def _jump_to_row(self, entry: QListWidgetItem) -> None:
        if self.detail is None or self.controller.services is None:
            return
        item_id = entry.data(Qt.ItemDataRole.UserRole)
        if self.detail.meeting.status is MeetingStatus.IN_PROGRESS:
            self.controller.guarded(lambda: self.controller.go_to(self.detail.meeting.id, item_id))  # type: ignore[union-attr]

    def focus_steps(self) -> None:
        self.steps.setFocus()
