"""One meeting: a header and four tabs (details, attendance, agenda, run).

Each tab's page is built the first time it is shown, so opening the app on a meeting costs only
the page the facilitator sees; a new page starts from the controller's current snapshot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from facilitator.domain.model import Meeting, MeetingDetail
from facilitator.ui.controller import Controller
from facilitator.ui.texts import meeting_status_label
from facilitator.ui.timer import TimerController
from facilitator.ui.widgets import heading

if TYPE_CHECKING:
    from facilitator.ui.agenda_page import AgendaPage
    from facilitator.ui.attendance_page import AttendancePage
    from facilitator.ui.details_page import DetailsPage
    from facilitator.ui.minutes.page import MinutesPage
    from facilitator.ui.run_page import RunPage


class MeetingPage(QWidget):
    DETAILS, ATTENDANCE, AGENDA, RUN, MINUTES = range(5)

    def __init__(
        self, controller: Controller, timer: TimerController, actions: dict[str, QAction],
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.controller, self.timer, self.actions = controller, timer, actions
        self.settings: QSettings | None = None  # the window's settings, for the export folder
        self.heading = heading("")
        self.subheading = QLabel()
        self.subheading.setTextFormat(Qt.TextFormat.PlainText)
        self.tabs = QTabWidget()
        self._pages: list[QWidget | None] = [None, None, None, None, None]
        titles = (
            self.tr("&Details"),
            self.tr("A&ttendance"),
            self.tr("A&genda"),
            self.tr("&Run"),
            self.tr("Minute&s"),
        )
        for title in titles:
            holder = QWidget()
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, title)
        self.tabs.currentChanged.connect(self._page)
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.subheading)
        column.addWidget(self.tabs, 1)
        controller.meeting_loaded.connect(self._loaded)
        controller.meeting_changed.connect(self._show_header)

    def _page(self, index: int) -> QWidget:
        page = self._pages[index]
        if page is None:
            page = self._pages[index] = self._build(index)
            self.tabs.widget(index).layout().addWidget(page)
            page.show()  # now, not on the next event loop turn: it is filled in right away
            if self.controller.detail is not None:
                self._fill(index, page, self.controller.detail)
        return page

    def _build(self, index: int) -> QWidget:
        if index == self.DETAILS:
            from facilitator.ui.details_page import DetailsPage

            return DetailsPage(self.controller)
        if index == self.ATTENDANCE:
            from facilitator.ui.attendance_page import AttendancePage

            attendance = AttendancePage(self.controller)
            attendance.show_sectors(self.controller.sectors)
            return attendance
        if index == self.AGENDA:
            from facilitator.ui.agenda_page import AgendaPage

            return AgendaPage(self.controller)
        if index == self.MINUTES:
            from facilitator.ui.minutes.page import MinutesPage

            return MinutesPage(self.controller, self.settings)
        from facilitator.ui.run_page import RunPage

        return RunPage(self.controller, self.timer, self.actions)

    def _fill(self, index: int, page: QWidget, detail: MeetingDetail) -> None:
        """A page built after the meeting was loaded starts from the current snapshot."""
        if index == self.DETAILS:
            page.show_meeting(detail.meeting)  # type: ignore[attr-defined]
        elif index == self.AGENDA:
            page.show_agenda(detail.agenda, detail)  # type: ignore[attr-defined]
        else:
            page.show_detail(detail)  # type: ignore[attr-defined]

    @property
    def details(self) -> DetailsPage:
        return self._page(self.DETAILS)  # type: ignore[return-value]

    @property
    def attendance(self) -> AttendancePage:
        return self._page(self.ATTENDANCE)  # type: ignore[return-value]

    @property
    def agenda(self) -> AgendaPage:
        return self._page(self.AGENDA)  # type: ignore[return-value]

    @property
    def minutes(self) -> MinutesPage:
        return self._page(self.MINUTES)  # type: ignore[return-value]

    @property
    def run(self) -> RunPage:
        return self._page(self.RUN)  # type: ignore[return-value]

    def _loaded(self, detail: MeetingDetail) -> None:
        self._show_header(detail.meeting)

    def _show_header(self, meeting: Meeting) -> None:
        detail = self.controller.detail
        collaborative = detail.collaborative.name if detail else ""
        self.heading.setText(meeting.title)
        when = meeting.starts_at.strftime("%Y-%m-%d %H:%M")
        parts = [collaborative, when, meeting.place, meeting_status_label(meeting.status)]
        self.subheading.setText("  ·  ".join(part for part in parts if part))

    def show_page(self, index: int) -> None:
        """Show a tab with its page built, even when it is already the current tab (no change signal)."""
        self.tabs.setCurrentIndex(index)
        self._page(index)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        if index == self.ATTENDANCE:
            if self.attendance.model.rowCount():
                self.attendance.table_focus()
            else:  # nobody on the roster yet: start typing the first arrival
                self.attendance.new_name.setFocus()
        elif index == self.AGENDA:
            self.agenda.table.setFocus()
        elif index == self.RUN:
            self.run.focus_steps()
        elif index == self.MINUTES:
            self.minutes.tabs.setFocus()
        else:
            self.details.title.setFocus()
