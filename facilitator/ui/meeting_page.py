"""One meeting: a header and four tabs (details, attendance, agenda, run)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from facilitator.domain.model import Meeting, MeetingDetail
from facilitator.ui.agenda_page import AgendaPage
from facilitator.ui.attendance_page import AttendancePage
from facilitator.ui.controller import Controller
from facilitator.ui.details_page import DetailsPage
from facilitator.ui.run_page import RunPage
from facilitator.ui.texts import meeting_status_label
from facilitator.ui.timer import TimerController
from facilitator.ui.widgets import heading


class MeetingPage(QWidget):
    DETAILS, ATTENDANCE, AGENDA, RUN = range(4)

    def __init__(
        self, controller: Controller, timer: TimerController, actions: dict[str, QAction],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.controller = controller
        self.heading = heading("")
        self.subheading = QLabel()
        self.subheading.setTextFormat(Qt.TextFormat.PlainText)
        self.details = DetailsPage(controller)
        self.attendance = AttendancePage(controller)
        self.agenda = AgendaPage(controller)
        self.run = RunPage(controller, timer, actions)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.details, self.tr("&Details"))
        self.tabs.addTab(self.attendance, self.tr("A&ttendance"))
        self.tabs.addTab(self.agenda, self.tr("A&genda"))
        self.tabs.addTab(self.run, self.tr("&Run"))
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.subheading)
        column.addWidget(self.tabs, 1)
        controller.meeting_loaded.connect(self._loaded)
        controller.meeting_changed.connect(self._show_header)

    def _loaded(self, detail: MeetingDetail) -> None:
        self._show_header(detail.meeting)

    def _show_header(self, meeting: Meeting) -> None:
        detail = self.controller.detail
        collaborative = detail.collaborative.name if detail else ""
        self.heading.setText(meeting.title)
        when = meeting.starts_at.strftime("%Y-%m-%d %H:%M")
        parts = [collaborative, when, meeting.place, meeting_status_label(meeting.status)]
        self.subheading.setText("  ·  ".join(part for part in parts if part))

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        page = self.tabs.currentWidget()
        if page is self.attendance:
            if self.attendance.model.rowCount():
                self.attendance.table_focus()
            else:  # nobody on the roster yet: start typing the first arrival
                self.attendance.new_name.setFocus()
        elif page is self.agenda:
            self.agenda.table.setFocus()
        elif page is self.run:
            self.run.focus_steps()
        else:
            self.details.title.setFocus()
