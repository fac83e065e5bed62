"""The Minutes tab: the facts only the secretary knows, the follow-up, a live preview, export and
print. Everything saves itself; the preview is exactly what the exported files say."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QObject,
    QSettings,
    QStandardPaths,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.document import Document
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.record import Approval, MeetingKind, MeetingRecord
from facilitator.services.documents.files import safe_file_name
from facilitator.ui.controller import Controller
from facilitator.ui.decision_words import meeting_kind_label
from facilitator.ui.minutes.compose import compose, file_stem
from facilitator.ui.minutes.export import export, is_store_file
from facilitator.ui.minutes.formats import Format, format_info, format_of
from facilitator.ui.minutes.qtdocument import DocumentWriteError, print_document, to_text_document
from facilitator.ui.record_actions import record_actions
from facilitator.ui.record_widgets import ActionItemsEditor, DueDate, ParkingLotEditor
from facilitator.ui.texts import error_message
from facilitator.ui.widgets import CommitLineEdit, CommitTextEdit, DateTimeField, ErrorLabel, limit_dates

LAST_FOLDER_KEY = "minutes/last_folder"
LAST_FORMAT_KEY = "minutes/last_format"
PROGRESS_AFTER_MS = 500  # a quick export shows no progress at all


# No context: pyside6-lupdate files a module-level tr("...") under none, so that is where it is looked up.
def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class _Job(QObject):
    """An export run on a worker thread, so the window keeps painting while a long one renders."""

    finished = Signal(str)  # "" when written, else plain words saying why not

    def __init__(self, document: Document, kind: Format, path: Path) -> None:
        super().__init__()
        self.document, self.kind, self.path = document, kind, path

    def run(self) -> None:
        try:
            export(self.document, self.kind, self.path)
        except FacilitatorError as error:
            self.finished.emit(error_message(error))
        except Exception as error:  # a writer failure must reach the user as words, not kill the app
            self.finished.emit(tr("The minutes could not be written: %1").replace("%1", str(error)))
        else:
            self.finished.emit("")


class MinutesPage(QWidget):
    exported = Signal(str)  # the path written

    def __init__(
        self, controller: Controller, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.actions = record_actions(controller)
        self.record: MeetingRecord | None = None
        self.document: Document | None = None
        self._filling = False
        self._jobs: list[_Job] = []

        # -- what only the secretary knows ----------------------------------------------------------
        self.kind = QComboBox()
        for kind in MeetingKind:
            self.kind.addItem(meeting_kind_label(kind), kind.value)
        self.kind.activated.connect(self._save_kind)
        self.approval = QComboBox()
        self.approval.addItem(tr("Not taken up"), Approval.NONE.value)
        self.approval.addItem(tr("Approved as read"), Approval.AS_READ.value)
        self.approval.addItem(tr("Approved as corrected"), Approval.AS_CORRECTED.value)
        self.approval.activated.connect(lambda _i: self._save_approval())
        self.correction = CommitTextEdit()
        self.correction.setPlaceholderText(tr("The correction, as the group agreed it"))
        self.correction.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.correction.committed.connect(lambda _t: self._save_approval())
        self.previous = QLabel()
        self.previous.setTextFormat(Qt.TextFormat.PlainText)
        self.next_set = QCheckBox(tr("Set"))
        self.next_set.toggled.connect(lambda _on: self._save_next())
        self.next_when = DateTimeField()
        limit_dates(self.next_when)
        self.next_when.setCalendarPopup(True)
        self.next_when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.next_when.editingFinished.connect(self._save_next)
        self.next_place = CommitLineEdit()
        self.next_place.setPlaceholderText(tr("Place"))
        self.next_place.committed.connect(lambda _t: self._save_next())
        self.approved_on = DueDate()
        self.approved_on.setSpecialValueText(tr("draft, not approved yet"))
        self.approved_on.editingFinished.connect(self._save_approved_on)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(tr("Kind of meeting"), self.kind)
        form.addRow(tr("Previous minutes"), self.previous)
        form.addRow(tr("Appr&oval"), self.approval)
        form.addRow(tr("&Correction"), self.correction)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_set)
        next_row.addWidget(self.next_when)
        next_row.addWidget(self.next_place, 1)
        next_label = QLabel(tr("&Next meeting"))
        next_label.setBuddy(self.next_set)
        form.addRow(next_label, next_row)
        form.addRow(tr("These minutes &approved on"), self.approved_on)
        form.addRow(self.error)
        facts = QWidget()
        facts_layout = QVBoxLayout(facts)
        facts_layout.addLayout(form)
        facts_layout.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.addTab(facts, tr("Wrap-up"))
        self.tabs.addTab(ActionItemsEditor(controller), tr("Action items"))  # Ctrl+Tab; Alt+A is the form's
        self.tabs.addTab(ParkingLotEditor(controller), tr("Par&king lot"))

        # -- preview and output -----------------------------------------------------------------------
        self.preview = QTextBrowser()
        self.preview.setAccessibleName(tr("Preview of the minutes"))
        self.preview.setOpenLinks(False)
        # Laid out at a page's width, as printed: tables keep their columns in a narrow pane
        # (which scrolls sideways) instead of breaking words.
        self.preview.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.preview.setLineWrapColumnOrWidth(round(17 / 2.54 * self.preview.logicalDpiX()))
        self.export_button = QPushButton(tr("E&xport…"))
        self.export_button.setToolTip(tr("Ctrl+E"))
        self.export_button.clicked.connect(self.export_dialog)
        self.print_button = QPushButton(tr("Pr&int…"))
        self.print_button.setToolTip(tr("Ctrl+P"))
        self.print_button.clicked.connect(self.print_minutes)
        self.status = QLabel(
            tr("Everything here saves itself. The preview shows the minutes as they will be sent.")
        )
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        preview_label = QLabel(tr("&Preview"))
        preview_label.setBuddy(self.preview)
        right_layout.addWidget(preview_label)
        right_layout.addWidget(self.preview, 1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.status)
        split = QSplitter()
        split.addWidget(self.tabs)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)  # the preview needs the width of a page's charts
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(300)  # a burst of counts redraws the preview once
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.actions.changed.connect(self._changed)
        for signal in (controller.meeting_changed, controller.agenda_changed, controller.attendee_changed):
            signal.connect(lambda _x: self._preview_timer.start())
        record = self.actions.current()
        if record is not None:
            self._changed(record)

    def show_detail(self, _detail: object) -> None:
        record = self.actions.current()
        if record is not None:
            self._changed(record)

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        QTimer.singleShot(0, self, self.refresh_preview)  # after the tab has painted

    # -- filling -----------------------------------------------------------------------------------
    def _changed(self, record: MeetingRecord) -> None:
        if record.meeting_id != self.actions.meeting_id:
            return
        self.record = record
        wrap = record.wrap_up
        self._filling = True
        try:
            self.kind.setCurrentIndex(self.kind.findData(wrap.kind.value))
            if wrap.previous is None:
                self.previous.setText(tr("This is the collaborative's first meeting."))
            else:
                self.previous.setText(f"{wrap.previous.title} ({wrap.previous.starts_at:%Y-%m-%d})")
            self.approval.setEnabled(wrap.previous is not None)
            self.approval.setCurrentIndex(self.approval.findData(wrap.approval.value))
            self.correction.setEnabled(wrap.approval is Approval.AS_CORRECTED)
            if wrap.correction or wrap.approval is Approval.AS_CORRECTED:
                # Choosing "as read" for a moment must not throw away a correction being written.
                self.correction.set_saved_text(wrap.correction)
            self.next_set.setChecked(wrap.next_starts_at is not None)
            self.next_when.setEnabled(wrap.next_starts_at is not None)
            if not self.next_when.hasFocus():
                # Unset, it offers four weeks on at the same hour: the usual rhythm.
                detail = self.controller.detail
                default = detail.meeting.starts_at + timedelta(weeks=4) if detail else datetime.now()
                self.next_when.setDateTime(QDateTime(wrap.next_starts_at or default))
            self.next_place.set_saved_text(wrap.next_place)
            if not self.approved_on.hasFocus():
                self.approved_on.set_due(wrap.approved_on)
        finally:
            self._filling = False
        if self.isVisible():
            self._preview_timer.start()

    def refresh_preview(self) -> None:
        meeting_id = self.actions.meeting_id
        if meeting_id is None or not self.controller.services or not self.isVisible():
            return
        try:
            self.document = compose(self.controller.svc, meeting_id)
        except FacilitatorError as error:
            self.error.show_error(error_message(error))
            return
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setDocument(to_text_document(self.document))
        self.preview.verticalScrollBar().setValue(scroll)

    # -- saving ------------------------------------------------------------------------------------
    def _meeting(self) -> int | None:
        return self.record.meeting_id if self.record is not None and not self._filling else None

    def _save_kind(self, _index: int) -> None:
        meeting = self._meeting()
        if meeting is not None:
            self.actions.set_kind(meeting, MeetingKind(self.kind.currentData()))

    def _save_approval(self) -> None:
        meeting = self._meeting()
        if meeting is None or self.record is None:
            return
        approval = Approval(self.approval.currentData())
        self.correction.setEnabled(approval is Approval.AS_CORRECTED)
        if approval is Approval.AS_CORRECTED and not self.correction.toPlainText().strip():
            # Saved together with the correction, once it is written; say so, keep the keyboard free.
            self.error.show_error(tr("Write the correction below; the approval is saved with it."))
            return
        wrap = self.record.wrap_up
        correction = self.correction.toPlainText() if approval is Approval.AS_CORRECTED else ""
        if (approval, correction) == (wrap.approval, wrap.correction):
            return
        if self.actions.set_approval(meeting, approval, correction):
            self.error.clear_error()
        else:
            self.error.show_error(self.actions.last_error)

    def _save_next(self) -> None:
        meeting = self._meeting()
        if meeting is None or self.record is None:
            return
        self.next_when.setEnabled(self.next_set.isChecked())
        when: datetime | None = None
        if self.next_set.isChecked():
            when = self.next_when.dateTime().toPython()  # type: ignore[assignment]
        wrap = self.record.wrap_up
        if when is not None:
            when = when.replace(second=0, microsecond=0)
        if (when, self.next_place.text()) != (wrap.next_starts_at, wrap.next_place):
            self.actions.set_next_meeting(meeting, when, self.next_place.text())

    def _save_approved_on(self) -> None:
        meeting = self._meeting()
        if meeting is None or self.record is None:
            return
        approved: date | None = self.approved_on.due()
        if approved != self.record.wrap_up.approved_on:
            self.actions.set_approved_on(meeting, approved)

    # -- output ------------------------------------------------------------------------------------
    def _fresh_document(self) -> Document | None:
        self._preview_timer.stop()
        meeting_id = self.actions.meeting_id
        if meeting_id is None or not self.controller.services:
            return None
        try:
            return compose(self.controller.svc, meeting_id)
        except FacilitatorError as error:
            self.error.show_error(error_message(error))
            return None

    def _last_folder(self) -> str:
        folder = self.settings.value(LAST_FOLDER_KEY, "") if self.settings else ""
        if isinstance(folder, str) and folder and Path(folder).is_dir():
            return folder
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def export_dialog(self) -> None:
        detail = self.controller.detail
        if detail is None:
            return
        filters = {f"{format_info(kind).label} (*.{format_info(kind).extension})": kind for kind in Format}
        last = self.settings.value(LAST_FORMAT_KEY, Format.PDF.value) if self.settings else Format.PDF.value
        chosen = Format(last) if last in {k.value for k in Format} else Format.PDF
        name = safe_file_name(file_stem(detail), format_info(chosen).extension)
        selected = next(label for label, kind in filters.items() if kind is chosen)
        path, label = QFileDialog.getSaveFileName(
            self,
            tr("Export the minutes"),
            str(Path(self._last_folder()) / name),
            ";;".join(filters),
            selected,
        )
        self.window().activateWindow()
        if not path:
            return
        kind = filters.get(label, format_of(Path(path)))
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix("." + format_info(kind).extension)
        self.export_to(target, format_of(target, kind))

    def export_to(self, path: Path, kind: Format) -> None:
        """Write the minutes in the background; progress shows only if it takes a while."""
        if self._jobs:  # one export at a time; the first is still being written
            return
        if is_store_file(path):
            self.error.show_error(tr("That is where Facilitator keeps your meetings. Choose another file."))
            return
        document = self._fresh_document()
        if document is None:
            return
        if self.settings is not None:
            self.settings.setValue(LAST_FOLDER_KEY, str(path.parent))
            self.settings.setValue(LAST_FORMAT_KEY, kind.value)
        progress = QProgressDialog(tr("Writing the minutes…"), "", 0, 0, self)
        progress.setCancelButton(None)  # type: ignore[arg-type]
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_AFTER_MS)
        progress.setValue(0)
        job = _Job(document, kind, path)
        self._jobs.append(job)
        self.export_button.setEnabled(False)

        def done(problem: str) -> None:
            progress.reset()
            progress.deleteLater()
            self._jobs.remove(job)
            job.finished.disconnect()
            job.deleteLater()
            self.export_button.setEnabled(True)
            if problem:
                self.error.show_error(problem)
                self.status.setText(tr("Nothing was written. Your meeting is safe."))
                return
            self.error.clear_error()
            self.status.setText(tr("Saved the minutes to %1").replace("%1", str(path)))
            self.exported.emit(str(path))

        job.finished.connect(done, Qt.ConnectionType.QueuedConnection)
        QThreadPool.globalInstance().start(job.run)

    def print_minutes(self) -> None:
        document = self._fresh_document()
        if document is None:
            return
        try:
            printed = print_document(document, self)
        except DocumentWriteError:
            self.error.show_error(tr("The printer could not take the minutes. Check it, or export a PDF."))
            printed = False
        if printed:
            self.status.setText(tr("Sent the minutes to the printer."))
        self.window().activateWindow()
