"""Meeting details: title, date and time, place, purpose, facilitator, recorder."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from facilitator.domain.model import Meeting
from facilitator.ui.controller import Controller
from facilitator.ui.texts import meeting_status_label
from facilitator.ui.widgets import (
    CommitLineEdit,
    CommitTextEdit,
    DateTimeField,
    ErrorLabel,
    attempt,
    limit_dates,
)


class DetailsPage(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.meeting: Meeting | None = None
        form = QFormLayout()
        self.title = CommitLineEdit()
        self.starts_at = DateTimeField()
        self.starts_at.setCalendarPopup(True)
        self.starts_at.setDisplayFormat("yyyy-MM-dd  HH:mm")
        limit_dates(self.starts_at)
        self.place = CommitLineEdit()
        self.purpose = CommitTextEdit()
        self.purpose.setMaximumHeight(120)
        self.facilitator = CommitLineEdit()
        self.recorder = CommitLineEdit()
        self.status = QLabel()
        self.errors: dict[str, ErrorLabel] = {}
        rows: list[tuple[str, QWidget, str]] = [
            (self.tr("T&itle"), self.title, "title"),
            (self.tr("D&ate and time"), self.starts_at, "starts_at"),
            (self.tr("&Place"), self.place, "place"),
            (self.tr("P&urpose"), self.purpose, "purpose"),
            (self.tr("Fa&cilitator"), self.facilitator, "facilitator"),
            (self.tr("Rec&order"), self.recorder, "recorder"),
        ]
        for text, widget, key in rows:
            error = ErrorLabel()
            self.errors[key] = error
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
            form.addRow("", error)
            if key in ("title", "place", "facilitator", "recorder", "purpose"):
                error.watch(widget)  # type: ignore[arg-type]
                widget.committed.connect(lambda text, k=key: self._save(k, text))  # type: ignore[attr-defined]
        form.addRow(self.tr("Status"), self.status)
        self.starts_at.editingFinished.connect(self._save_date)
        hint = QLabel(self.tr("Changes are saved as you leave each field."))
        hint.setEnabled(False)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(hint)
        column.addStretch(1)
        controller.meeting_loaded.connect(lambda detail: self.show_meeting(detail.meeting))
        controller.meeting_changed.connect(self.show_meeting)

    def show_meeting(self, meeting: Meeting) -> None:
        self.meeting = meeting
        self.title.set_saved_text(meeting.title)
        self.place.set_saved_text(meeting.place)
        self.purpose.set_saved_text(meeting.purpose)
        self.facilitator.set_saved_text(meeting.facilitator)
        self.recorder.set_saved_text(meeting.recorder)
        if not self.starts_at.hasFocus():
            self.starts_at.setDateTime(QDateTime(meeting.starts_at))
        self.status.setText(meeting_status_label(meeting.status))
        for error in self.errors.values():
            error.clear_error()

    def _save(self, key: str, value: Any) -> None:
        meeting = self.meeting
        if meeting is None or self.controller.services is None:
            return
        fields = replace(meeting.fields(), **{key: value})
        attempt(lambda: self.controller.update_meeting(meeting, fields), self.errors[key])

    def _save_date(self) -> None:
        if self.meeting is None:
            return
        value = self.starts_at.dateTime().toPython()
        if value.replace(second=0, microsecond=0) != self.meeting.starts_at:
            self._save("starts_at", value)
