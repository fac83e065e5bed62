"""Small dialogs: new collaborative, new meeting, go to an item, sectors, about."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator import __version__
from facilitator.domain.agenda import TEMPLATES
from facilitator.domain.model import AgendaFields, AgendaItem, CollaborativeFields, MeetingFields
from facilitator.ui.agenda_page import template_items
from facilitator.ui.controller import Controller
from facilitator.ui.texts import duration_label, template_label
from facilitator.ui.widgets import DateTimeField, ErrorLabel, attempt, limit_dates


def create_buttons(dialog: QDialog, label: str = "") -> QDialogButtonBox:
    """Create (or ``label``) and Cancel; Enter in any field of the dialog confirms."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    create = buttons.button(QDialogButtonBox.StandardButton.Ok)
    create.setText(label or QCoreApplication.translate("Dialogs", "Create"))
    create.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewCollaborativeDialog(QDialog):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.created_id: int | None = None
        self.setWindowTitle(self.tr("New collaborative"))
        self.name = QLineEdit(placeholderText=self.tr("e.g. Eastside Housing Partnership"))
        self.purpose = QLineEdit(placeholderText=self.tr("What the group wants to change (optional)"))
        self.error = ErrorLabel()
        form = QFormLayout(self)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Purpose"), self.purpose)
        form.addRow(self.error)
        form.addRow(create_buttons(self))
        self.setMinimumWidth(480)
        self.name.setFocus()

    def accept(self) -> None:
        fields = CollaborativeFields(self.name.text(), self.purpose.text(), "", "")

        def create() -> None:
            self.created_id = self.controller.create_collaborative(fields).id

        if attempt(create, self.error):
            super().accept()


def next_evening(now: datetime) -> datetime:
    """A sensible default start: tomorrow at 18:00."""
    return (now + timedelta(days=1)).replace(hour=18, minute=0, second=0, microsecond=0)


class NewMeetingDialog(QDialog):
    def __init__(self, controller: Controller, collaborative_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller, self.collaborative_id = controller, collaborative_id
        self.created_id: int | None = None
        self.setWindowTitle(self.tr("New meeting"))
        self.title = QLineEdit(placeholderText=self.tr("e.g. Kickoff meeting"))
        self.starts_at = DateTimeField(QDateTime(next_evening(datetime.now())))
        self.starts_at.setCalendarPopup(True)
        self.starts_at.setDisplayFormat("yyyy-MM-dd  HH:mm")
        limit_dates(self.starts_at)
        self.place = QLineEdit(placeholderText=self.tr("e.g. Public library, meeting room B"))
        self.template = QComboBox()
        self.template.addItem(self.tr("Empty agenda"), None)
        for template in TEMPLATES:
            total = sum(item.minutes for item in template.items)
            self.template.addItem(f"{template_label(template.key)} ({duration_label(total)})", template.key)
        self.template.setCurrentIndex(1)
        self.error = ErrorLabel()
        form = QFormLayout(self)
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("&Date and time"), self.starts_at)
        form.addRow(self.tr("&Place"), self.place)
        form.addRow(self.tr("&Agenda"), self.template)
        form.addRow(self.error)
        form.addRow(create_buttons(self))
        self.setMinimumWidth(520)
        self.title.setFocus()

    def agenda(self) -> list[AgendaFields]:
        key = self.template.currentData()
        return template_items(key) if key else []

    def accept(self) -> None:
        fields = MeetingFields(
            self.title.text(), self.starts_at.dateTime().toPython(), self.place.text(), "", "", ""
        )
        agenda = self.agenda()

        def create() -> None:
            self.created_id = self.controller.create_meeting(self.collaborative_id, fields, agenda).id

        if attempt(create, self.error):
            super().accept()


class GoToItemDialog(QDialog):
    """Jump to any agenda item: type to filter, Enter to go."""

    def __init__(
        self, agenda: tuple[AgendaItem, ...], current: int | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Go to item"))
        self.chosen: int | None = None
        self.filter = QLineEdit(placeholderText=self.tr("Type part of a title or its number"))
        self.list = QListWidget()
        for number, item in enumerate(agenda, start=1):
            entry = QListWidgetItem(f"{number}. {item.title}")
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.list.addItem(entry)
            if item.id == current:
                self.list.setCurrentItem(entry)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _e: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.setMinimumSize(420, 360)

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        first_visible = None
        for row in range(self.list.count()):
            entry = self.list.item(row)
            hidden = bool(needle) and needle not in entry.text().casefold()
            entry.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = entry
        if first_visible is not None:
            self.list.setCurrentItem(first_visible)

    def accept(self) -> None:
        entry = self.list.currentItem()
        if entry is not None and not entry.isHidden():
            self.chosen = entry.data(Qt.ItemDataRole.UserRole)
        super().accept()


class SectorsDialog(QDialog):
    """The list of sectors people can belong to: add, rename, reorder, remove."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Sectors"))
        self.list = QListWidget()
        self.name = QLineEdit(placeholderText=self.tr("Sector name"))
        self.error = ErrorLabel()
        add = QPushButton(self.tr("&Add"))
        rename = QPushButton(self.tr("Re&name"))
        remove = QPushButton(self.tr("&Remove"))
        up = QPushButton(self.tr("Move &up"))
        down = QPushButton(self.tr("Move &down"))
        add.clicked.connect(self.add)
        rename.clicked.connect(self.rename)
        remove.clicked.connect(self.remove)
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        self.name.returnPressed.connect(self.add)
        self.list.currentRowChanged.connect(self._show)
        buttons = QHBoxLayout()
        for button in (add, rename, remove, up, down):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        note = QLabel(self.tr("People keep their sector if you remove it from this list."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.name)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(note)
        layout.addWidget(close)
        controller.sectors_changed.connect(self._sectors_changed)
        self._fill()
        self.setMinimumSize(460, 420)

    def _sectors_changed(self, _sectors: object) -> None:
        self._fill()

    def _fill(self) -> None:
        row = self.list.currentRow()
        self.list.clear()
        for sector in self.controller.sectors:
            entry = QListWidgetItem(sector.name)
            entry.setData(Qt.ItemDataRole.UserRole, sector.id)
            self.list.addItem(entry)
        if self.list.count():
            self.list.setCurrentRow(max(0, min(row, self.list.count() - 1)))

    def _show(self, row: int) -> None:
        entry = self.list.item(row)
        if entry is not None:
            self.name.setText(entry.text())

    def _current_id(self) -> int | None:
        entry = self.list.currentItem()
        return None if entry is None else int(entry.data(Qt.ItemDataRole.UserRole))

    def add(self) -> None:
        name = self.name.text()
        if attempt(lambda: self.controller.add_sector(name), self.error):
            self.list.setCurrentRow(self.list.count() - 1)

    def rename(self) -> None:
        sector_id, name = self._current_id(), self.name.text()
        if sector_id is not None:
            attempt(lambda: self.controller.rename_sector(sector_id, name), self.error)

    def remove(self) -> None:
        sector_id = self._current_id()
        if sector_id is not None:
            attempt(lambda: self.controller.remove_sector(sector_id), self.error)

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        ids = [s.id for s in self.controller.sectors]
        target = row + step
        if 0 <= row < len(ids) and 0 <= target < len(ids):
            ids.insert(target, ids.pop(row))
            if attempt(lambda: self.controller.reorder_sectors(ids), self.error):
                self.list.setCurrentRow(target)


def about_text() -> str:
    return QCoreApplication.translate(
        "About",
        "<h2>Facilitator %1</h2>"
        "<p>Helps you run a community meeting: the collaborative and its people, attendance by "
        "sector, an agenda with a time box for each item, a shared timer, and a projector window "
        "that shows the current step in large type.</p>"
        "<p>Works offline. Everything you type is saved at once.</p>",
    ).replace("%1", __version__)
