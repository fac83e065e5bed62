"""Attendance: mark the roster by keyboard, add people at the door, see the room by sector."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import AttendanceStatus, Attendee, MeetingDetail, PersonFields, Sector
from facilitator.domain.people import RoomCount, is_same_person
from facilitator.domain.text import name_key
from facilitator.ui.controller import Controller
from facilitator.ui.texts import attendance_label
from facilitator.ui.widgets import ErrorLabel, KeyFilter, LiveText, TextField, TextTableModel, attempt

STATUS_KEYS = {
    Qt.Key.Key_P: AttendanceStatus.PRESENT,
    Qt.Key.Key_L: AttendanceStatus.LATE,
    Qt.Key.Key_R: AttendanceStatus.REGRETS,
    Qt.Key.Key_A: AttendanceStatus.ABSENT,
    Qt.Key.Key_Delete: AttendanceStatus.EXPECTED,
    Qt.Key.Key_Backspace: AttendanceStatus.EXPECTED,
}


class AttendanceModel(TextTableModel):
    """The roster at one meeting. Cell texts are made once per change, not at every paint."""

    COLUMNS = 4

    def __init__(self) -> None:
        super().__init__((self.tr("Name"), self.tr("Organisation"), self.tr("Sector"), self.tr("Attendance")))
        self.rows: list[Attendee] = []
        self._row_of: dict[int, int] = {}
        # Rows by folded name: the door looks arrivals up here instead of scanning the roster.
        self._rows_named: dict[str, list[int]] = {}

    def named(self, name: str) -> list[Attendee]:
        return [self.rows[row] for row in self._rows_named.get(name_key(name), [])]

    def _index_name(self, row: int) -> None:
        self._rows_named.setdefault(name_key(self.rows[row].person.name), []).append(row)

    def record(self, row: int) -> Attendee:
        return self.rows[row]

    @staticmethod
    def _cells(attendee: Attendee) -> tuple[str, str, str, str]:
        person = attendee.person
        status = attendance_label(attendee.status)
        if attendee.status is AttendanceStatus.LATE and attendee.arrived_at:
            status = f"{status} {attendee.arrived_at:%H:%M}"
        return (person.name, person.organisation, person.sector_name, status)

    def set_rows(self, rows: list[Attendee]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = [self._cells(a) for a in self.rows]
        self._row_of = {a.person.id: i for i, a in enumerate(self.rows)}
        self._rows_named = {}
        for row in range(len(self.rows)):
            self._index_name(row)
        self.endResetModel()

    def find(self, person_id: int) -> Attendee | None:
        row = self._row_of.get(person_id)
        return None if row is None else self.rows[row]

    def upsert(self, attendee: Attendee) -> int:
        row = self._row_of.get(attendee.person.id)
        if row is None:
            row = len(self.rows)
            self.beginInsertRows(QModelIndex(), row, row)
            self.rows.append(attendee)
            self._texts.append(self._cells(attendee))
            self._row_of[attendee.person.id] = row
            self._index_name(row)
            self.endInsertRows()
        else:
            if name_key(self.rows[row].person.name) != name_key(attendee.person.name):
                self._rows_named[name_key(self.rows[row].person.name)].remove(row)
                self.rows[row] = attendee
                self._index_name(row)
            self.rows[row] = attendee
            self._texts[row] = self._cells(attendee)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.COLUMNS - 1))
        return row


class AttendancePage(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.detail: MeetingDetail | None = None
        self.room = RoomCount()

        self.summary = LiveText()
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.summary.setFont(font)

        self.new_name = TextField(placeholderText=self.tr("Name of someone who just arrived"))
        self.new_org = TextField(placeholderText=self.tr("Organisation (optional)"))
        self.new_sector = QComboBox()
        self.add_button = QPushButton(self.tr("&Add at the door"))
        self.add_error = ErrorLabel()
        self.add_error.watch(self.new_name)
        self.add_error.watch(self.new_org)
        self.door_note = LiveText()
        self.door_note.hide()  # shown only when it has something to say
        door = QHBoxLayout()
        door_label = QLabel(self.tr("&New arrival:"))
        door_label.setBuddy(self.new_name)
        door.addWidget(door_label)
        door.addWidget(self.new_name, 3)
        door.addWidget(self.new_org, 3)
        door.addWidget(self.new_sector, 2)
        door.addWidget(self.add_button)
        for field in (self.new_name, self.new_org):
            field.returnPressed.connect(self.add_at_door)
        self.add_button.clicked.connect(self.add_at_door)

        self.filter = TextField(placeholderText=self.tr("Find a name, organisation or sector (Ctrl+F)"))
        self.filter.setClearButtonEnabled(True)
        self.model = AttendanceModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter.returnPressed.connect(self.table_focus)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.installEventFilter(KeyFilter(self._table_key, self))

        buttons = QHBoxLayout()
        for status, text in (
            (AttendanceStatus.PRESENT, self.tr("Present (P)")),
            (AttendanceStatus.LATE, self.tr("Late (L)")),
            (AttendanceStatus.REGRETS, self.tr("Regrets (R)")),
            (AttendanceStatus.ABSENT, self.tr("Absent (A)")),
            (AttendanceStatus.EXPECTED, self.tr("Not marked (Del)")),
        ):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, s=status: self.mark_selected(s))
            buttons.addWidget(button)
        hint = QLabel(self.tr("After each key the cursor moves to the next name."))
        hint.setEnabled(False)
        buttons.addWidget(hint)
        buttons.addStretch(1)
        self.mark_error = ErrorLabel()

        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addLayout(door)
        column.addWidget(self.add_error)
        column.addWidget(self.door_note)
        column.addWidget(self.filter)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        column.addWidget(self.mark_error)

        controller.meeting_loaded.connect(self.show_detail)
        controller.attendee_changed.connect(self._attendee_changed)
        controller.sectors_changed.connect(self.show_sectors)

    def show_sectors(self, sectors: list[Sector]) -> None:
        current = self.new_sector.currentData()
        self.new_sector.clear()
        self.new_sector.addItem(self.tr("Sector…"), None)
        for sector in sectors:
            self.new_sector.addItem(sector.name, sector.id)
        index = self.new_sector.findData(current)
        self.new_sector.setCurrentIndex(max(0, index))

    def show_detail(self, detail: MeetingDetail) -> None:
        self.detail = detail
        self.model.set_rows(list(detail.attendees))
        self.room = RoomCount(detail.attendees)
        self._summarise()

    def _attendee_changed(self, attendee: Attendee) -> None:
        self.room.replace(self.model.find(attendee.person.id), attendee)
        self.model.upsert(attendee)
        if self.controller.detail is not None:
            self.detail = self.controller.detail
        self._summarise()

    def _summarise(self) -> None:
        room = self.room
        parts = [f"{name or self.tr('No sector')} {count}" for name, count in room.by_sector()]
        regrets = room.regrets
        text = self.tr("In the room: %1").replace("%1", str(room.present))
        if parts:
            text += " — " + " · ".join(parts)
        if regrets:
            text += "   " + self.tr("Regrets: %1").replace("%1", str(regrets))
        self.summary.setText(text)

    def table_focus(self) -> None:
        self.table.setFocus()
        if not self.table.selectionModel().hasSelection() and self.proxy.rowCount() > 0:
            current = self.table.currentIndex()
            self.table.selectRow(current.row() if current.isValid() else 0)

    def selected(self) -> list[Attendee]:
        """The selected rows, or the row with the cursor when nothing is selected."""
        rows = self.table.selectionModel().selectedRows()
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().siblingAtColumn(0)]
        return [self.proxy.data(index, Qt.ItemDataRole.UserRole) for index in rows]

    def mark_selected(self, status: AttendanceStatus) -> None:
        if self.detail is None or self.controller.services is None:
            return
        meeting_id, chosen = self.detail.meeting.id, self.selected()
        stack = self.controller.undo_stack
        if len(chosen) > 1:  # several people marked at once: one step to undo
            stack.beginMacro(self.tr("Mark attendance"))
        try:
            for attendee in chosen:
                mark = lambda a=attendee: self.controller.set_attendance(meeting_id, a, status)  # noqa: E731
                if not attempt(mark, self.mark_error):
                    break
        finally:
            if len(chosen) > 1:
                stack.endMacro()

    def _table_key(self, event: QKeyEvent) -> bool:
        status = STATUS_KEYS.get(Qt.Key(event.key()))
        if status is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        current = self.table.currentIndex()
        self.mark_selected(status)
        # Move down so a whole roster can be marked by pressing P, P, R, P...
        if current.isValid() and current.row() + 1 < self.proxy.rowCount():
            self.table.selectRow(current.row() + 1)
        return True

    def add_at_door(self) -> None:
        if self.detail is None or self.controller.services is None:
            return
        fields = PersonFields(self.new_name.text(), self.new_org.text(), self.new_sector.currentData(), "")
        meeting_id = self.detail.meeting.id
        known = self._known(fields)
        if known is not None:
            # Someone already on the list walked in: mark them rather than refuse them.
            ok = attempt(
                lambda: self.controller.set_attendance(meeting_id, known, AttendanceStatus.PRESENT),
                self.add_error,
            )
            if ok:
                self.door_note.setText(
                    self.tr("%1 was already on the list and is now marked present.").replace(
                        "%1", known.person.name
                    )
                )
        else:
            ok = attempt(
                lambda: self.controller.add_at_door(meeting_id, fields, AttendanceStatus.PRESENT),
                self.add_error,
            )
            if ok:
                self.door_note.hide()
        if ok:
            self.new_name.reset()
            self.new_org.reset()
            self.new_sector.setCurrentIndex(0)
            self.new_name.setFocus()

    def _known(self, fields: PersonFields) -> Attendee | None:
        """The one person on the roster this arrival must be (same name, matching organisation)."""
        matches = [
            attendee
            for attendee in self.model.named(fields.name)
            if is_same_person(
                attendee.person.name, attendee.person.organisation, fields.name, fields.organisation
            )
        ]
        return matches[0] if len(matches) == 1 else None
