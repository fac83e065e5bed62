"""Editors for the meeting's follow-up, used on the decisions step and on the Minutes tab.

Keyboard first: type and press Enter to add; on a table, F2 edits, D marks done, X drops, O opens
again and Delete removes. Every change is one undo step and is saved at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.record import ActionFields, ActionItem, ActionStatus, MeetingRecord
from facilitator.ui.controller import Controller
from facilitator.ui.decision_words import action_status_label
from facilitator.ui.dialogs import create_buttons
from facilitator.ui.record_actions import RecordActions, record_actions
from facilitator.ui.widgets import DateTimeField, ErrorLabel, KeyFilter, TextField

NO_DATE = QDate(2000, 1, 1)
STATUS_KEYS = {
    Qt.Key.Key_D: ActionStatus.DONE,
    Qt.Key.Key_X: ActionStatus.DROPPED,
    Qt.Key.Key_O: ActionStatus.OPEN,
}
STATUS_MARKS = {ActionStatus.OPEN: "○", ActionStatus.DONE: "✓", ActionStatus.DROPPED: "✗"}


# No context: pyside6-lupdate files a module-level tr("...") under none, so that is where it is looked up.
def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


class DueDate(DateTimeField):
    """A date that may be left empty: the lowest date reads "no date"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText(tr("no date"))
        self.setDisplayFormat("yyyy-MM-dd")
        self.set_due(None)

    def _start_from_today(self) -> None:
        """Empty, the field shows words, not a date: typing or opening the calendar starts today."""
        if self.due() is None:
            self.setDate(QDate.currentDate())
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)  # the next digits replace the year

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.lineEdit().selectedText() == self.text()
        ):
            self.set_due(None)  # the whole date selected and deleted: no date again
            return
        if self.due() is None and (event.text().isdigit() or event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            self._start_from_today()
            if not event.text().isdigit():
                return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._start_from_today()  # the calendar opens on this month, not on the "no date" year
        super().mousePressEvent(event)

    def due(self) -> date | None:
        value = self.date()
        return None if value == NO_DATE else date(value.year(), value.month(), value.day())

    def set_due(self, due: date | None) -> None:
        self.setDate(NO_DATE if due is None else QDate(due.year, due.month, due.day))


class ActionForm(QWidget):
    """What, who, organisation, due date and decision: the fields of one action item."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = TextField()
        self.what.setPlaceholderText(tr("What will be done"))
        self.what.returnPressed.connect(self.submitted.emit)
        self.owner = QComboBox()
        self.owner.currentIndexChanged.connect(self._owner_chosen)
        self.organisation = TextField()
        self.organisation.returnPressed.connect(self.submitted.emit)
        self.due = DueDate()
        self.decision = QComboBox()
        for combo in (self.owner, self.decision):  # Enter adds from any field, as the hint says
            combo.installEventFilter(KeyFilter(self._enter, self))
        self.due.installEventFilter(KeyFilter(self._enter, self))
        self.error = ErrorLabel()
        self.error.watch(self.what)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("&What"), self.what)
        form.addRow(tr("Wh&o"), self.owner)
        form.addRow(tr("Org&anisation"), self.organisation)
        form.addRow(tr("D&ue"), self.due)
        form.addRow(tr("Decisio&n"), self.decision)
        form.addRow(self.error)
        self._organisations: dict[int, str] = {}
        self._filled_organisation = ""  # what choosing the owner put there, replaced on the next choice

    def _enter(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.submitted.emit()
            return True
        return False

    def fill_choices(self, record: MeetingRecord) -> None:
        owner, decision = self.owner.currentData(), self.decision.currentData()
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem(tr("(nobody named)"), None)
        for person in record.people:
            self.owner.addItem(person.name, person.id)
        self.owner.setCurrentIndex(max(0, self.owner.findData(owner)))
        self.owner.blockSignals(False)
        self._organisations = {p.id: p.organisation for p in record.people}
        self.decision.clear()
        self.decision.addItem(tr("(none)"), None)
        for d in record.decisions:
            self.decision.addItem(f"{d.number}. {d.fields.wording[:60]}", d.id)
        self.decision.setCurrentIndex(max(0, self.decision.findData(decision)))

    def _owner_chosen(self, _index: int) -> None:
        """The owner's organisation, unless the recorder typed another one."""
        if self.organisation.text() not in ("", self._filled_organisation):
            return
        person = self.owner.currentData()
        self._filled_organisation = self._organisations.get(person, "") if person is not None else ""
        self.organisation.setText(self._filled_organisation)

    def fields(self) -> ActionFields:
        return ActionFields(
            what=self.what.text(), owner_id=self.owner.currentData(), organisation=self.organisation.text(),
            due=self.due.due(), decision_id=self.decision.currentData(),
        )  # fmt: skip

    def set_fields(self, fields: ActionFields) -> None:
        self.what.setText(fields.what)
        self.owner.blockSignals(True)
        self.owner.setCurrentIndex(max(0, self.owner.findData(fields.owner_id)))
        self.owner.blockSignals(False)
        self.organisation.setText(fields.organisation)
        self._filled_organisation = fields.organisation
        self.due.set_due(fields.due)
        self.decision.setCurrentIndex(max(0, self.decision.findData(fields.decision_id)))

    def clear(self) -> None:
        self.set_fields(ActionFields(""))


class ActionDialog(QDialog):
    def __init__(
        self, actions: RecordActions, record: MeetingRecord, item: ActionItem, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Action item"))
        self.actions, self.item = actions, item
        self.form = ActionForm()
        self.form.fill_choices(record)
        self.form.set_fields(item.fields)
        # An item raised at an earlier meeting follows a decision of that meeting, not of this one.
        self.earlier = item.meeting_id != record.meeting_id
        if self.earlier:
            self.form.decision.clear()
            label = str(item.decision_number) if item.decision_number else tr("(none)")
            self.form.decision.addItem(label, item.fields.decision_id)
            self.form.decision.setEnabled(False)
        self.form.submitted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(create_buttons(self, tr("Save")))
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        fields = self.form.fields()
        if fields == self.item.fields or self.actions.edit_action(self.item.id, fields):
            super().accept()
        else:
            self.form.error.show_error(self.actions.last_error)


def _action_cells(item: ActionItem, *, earlier: bool) -> list[str]:
    fields = item.fields
    cells = [
        f"{STATUS_MARKS[item.status]} {fields.what}",
        item.owner.name if item.owner else "",
        fields.organisation,
        fields.due.isoformat() if fields.due else "",
    ]
    if earlier:
        cells.append(f"{item.meeting_title} ({item.meeting_date:%Y-%m-%d})")
    else:
        cells.append(str(item.decision_number) if item.decision_number else "")
    cells.append(action_status_label(item.status))
    return cells


class ActionTable(QTableWidget):
    def __init__(self, earlier: bool, parent: QWidget | None = None) -> None:
        headers = [tr("What"), tr("Who"), tr("Organisation"), tr("Due"),
                   tr("Raised at") if earlier else tr("Decision"), tr("Status")]  # fmt: skip
        super().__init__(0, len(headers), parent)
        self.earlier = earlier
        self.items: list[ActionItem] = []
        self.setHorizontalHeaderLabels(headers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # A long meeting title or organisation must not squeeze "what" to a few letters.
        header.setMaximumSectionSize(max(140, self.fontMetrics().horizontalAdvance("M" * 14)))
        header.setMinimumSectionSize(40)

    def show_items(self, items: tuple[ActionItem, ...]) -> None:
        selected = self.selected()
        self.items = list(items)
        self.setRowCount(len(items))
        for row, item in enumerate(items):
            for column, text in enumerate(_action_cells(item, earlier=self.earlier)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.setItem(row, column, cell)
        if selected is not None:
            for row, item in enumerate(items):
                if item.id == selected.id:
                    self.selectRow(row)

    def selected(self) -> ActionItem | None:
        row = self.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None


class ActionItemsEditor(QWidget):
    """The meeting's action items, and the review of items from earlier meetings."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions = record_actions(controller)
        self.record: MeetingRecord | None = None
        self.form = ActionForm()
        self.form.submitted.connect(self.add)
        self.add_button = QPushButton(tr("Add a&ction item"))
        self.add_button.clicked.connect(self.add)
        self.table = ActionTable(earlier=False)
        self.table.setAccessibleName(tr("Action items raised at this meeting"))
        self.review = ActionTable(earlier=True)
        self.review.setAccessibleName(tr("Action items from earlier meetings"))
        for table in (self.table, self.review):
            table.installEventFilter(KeyFilter(lambda event, t=table: self._table_key(t, event), self))
        self.review_heading = QLabel(tr("From earlier meetings: D marks done, X dropped, O open again"))
        self.successes = QLabel()
        self.successes.setWordWrap(True)
        self.successes.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        heading = QLabel(tr("Action items from this meeting"))
        heading.setBuddy(self.table)
        layout.addWidget(heading)
        layout.addWidget(self.table, 2)
        layout.addWidget(hint(tr("Enter adds · F2 edits · D done · X dropped · O open · Delete removes")))
        layout.addWidget(self.review_heading)
        layout.addWidget(self.review, 1)
        layout.addWidget(self.successes)
        self.actions.changed.connect(self.show_record)
        record = self.actions.current()
        if record is not None:
            self.show_record(record)

    def show_record(self, record: MeetingRecord) -> None:
        if record.meeting_id != self.actions.meeting_id:
            return
        self.record = record
        self.form.fill_choices(record)
        self.table.show_items(record.actions)
        self.review.show_items(record.review)
        has_review = bool(record.review)
        self.review.setVisible(has_review)
        self.review_heading.setVisible(has_review)
        done = record.successes
        self.successes.setVisible(bool(done))
        self.successes.setText(
            tr("Done since last time, to acknowledge: %1").replace(
                "%1", "; ".join(a.fields.what for a in done)
            )
        )

    def add(self) -> None:
        if self.record is None:
            return
        if self.actions.add_action(self.record.meeting_id, self.form.fields()):
            self.form.clear()
            self.form.error.clear_error()
            self.form.what.setFocus()
        else:
            self.form.error.show_error(self.actions.last_error)

    def _table_key(self, table: ActionTable, event: QKeyEvent) -> bool:
        item = table.selected()
        if item is None or self.record is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if event.key() in STATUS_KEYS:
            status = STATUS_KEYS[Qt.Key(event.key())]
            if not self.actions.set_action_status(item.id, status, self.record.meeting_id):
                self.form.error.show_error(self.actions.last_error)
            return True
        if event.key() == Qt.Key.Key_Delete and table is self.table:
            if not self.actions.remove_action(item.id):
                self.form.error.show_error(self.actions.last_error)
            return True
        if event.key() == Qt.Key.Key_F2:
            ActionDialog(self.actions, self.record, item, self).exec()
            return True
        return False


class ParkingLotEditor(QWidget):
    """Things raised that the group will take up another time."""

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = record_actions(controller)
        self.record: MeetingRecord | None = None
        self.entry = TextField()
        self.entry.setPlaceholderText(tr("Type what to keep for later and press Enter"))
        self.entry.returnPressed.connect(self.add)
        self.error = ErrorLabel()
        self.error.watch(self.entry)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Parking lot"))
        self.list.setWordWrap(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.itemChanged.connect(self._edited)
        self.list.installEventFilter(KeyFilter(self._list_key, self))
        label = QLabel(tr("Keep for &later"))
        label.setBuddy(self.entry)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.entry)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint(tr("Enter adds · F2 edits · Delete removes")))
        self.actions.changed.connect(self.show_record)
        record = self.actions.current()
        if record is not None:
            self.show_record(record)

    def show_record(self, record: MeetingRecord) -> None:
        if record.meeting_id != self.actions.meeting_id:
            return
        self.record = record
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for parked in record.parked:
            item = QListWidgetItem(parked.text)
            item.setData(Qt.ItemDataRole.UserRole, parked.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.list.blockSignals(False)

    def add(self) -> None:
        if self.record is None:
            return
        if self.actions.park(self.record.meeting_id, self.entry.text()):
            self.entry.clear()
            self.error.clear_error()
        else:
            self.error.show_error(self.actions.last_error)

    def _edited(self, item: QListWidgetItem) -> None:
        parked_id = item.data(Qt.ItemDataRole.UserRole)
        if not self.actions.edit_parked(parked_id, item.text()) and self.record is not None:
            self.error.show_error(self.actions.last_error)
            self.show_record(self.record)

    def _list_key(self, event: QKeyEvent) -> bool:
        item = self.list.currentItem()
        if item is not None and event.key() == Qt.Key.Key_Delete:
            self.actions.unpark(item.data(Qt.ItemDataRole.UserRole))
            return True
        return False


class NewActionDialog(QDialog):
    """A new action item from anywhere in the meeting (Ctrl+Shift+A), without leaving the step."""

    def __init__(self, controller: Controller, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New action item"))
        self.actions = record_actions(controller)
        self.form = ActionForm()
        record = self.actions.current()
        if record is not None:
            self.form.fill_choices(record)
        self.form.submitted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(create_buttons(self))
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        meeting = self.actions.meeting_id
        if meeting is not None and self.actions.add_action(meeting, self.form.fields()):
            super().accept()
        else:
            self.form.error.show_error(self.actions.last_error)
