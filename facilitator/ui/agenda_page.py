"""The agenda builder: items with kind, title, question and time box; reorder by keyboard or drag."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.agenda import DEFAULT_MINUTES, MAX_MINUTES, MIN_MINUTES, TEMPLATES
from facilitator.domain.model import AgendaFields, AgendaItem, AgendaKind, MeetingDetail
from facilitator.ui.controller import Controller
from facilitator.ui.texts import (
    duration_label,
    item_state_label,
    kind_default_title,
    kind_label,
    template_label,
)
from facilitator.ui.widgets import (
    CommitLineEdit,
    CommitTextEdit,
    ErrorLabel,
    Index,
    KeyFilter,
    LiveText,
    TextTableModel,
    attempt,
)

MIME = "application/x-facilitator-agenda-row"


def template_items(key: str) -> list[AgendaFields]:
    for template in TEMPLATES:
        if template.key == key:
            return [
                AgendaFields(item.kind, kind_default_title(item.kind), "", item.minutes)
                for item in template.items
            ]
    return []


class AgendaModel(TextTableModel):
    def __init__(self, page: AgendaPage) -> None:
        super().__init__(("#", self.tr("Kind"), self.tr("Title"), self.tr("Time box"), self.tr("State")))
        self.page = page
        self.items: tuple[AgendaItem, ...] = ()

    def record(self, row: int) -> AgendaItem:
        return self.items[row]

    @staticmethod
    def _cells(number: int, item: AgendaItem) -> tuple[str, ...]:
        return (
            str(number), kind_label(item.kind), item.title,
            duration_label(item.minutes), item_state_label(item.state),
        )  # fmt: skip

    def set_items(self, items: tuple[AgendaItem, ...]) -> None:
        """Show a new agenda; items added at the end are inserted, so the view keeps its place."""
        old = self.items
        if len(items) > len(old) and items[: len(old)] == old:
            added = [self._cells(n, item) for n, item in enumerate(items[len(old) :], start=len(old) + 1)]
            self.beginInsertRows(QModelIndex(), len(old), len(items) - 1)
            self.items = items
            self._texts.extend(added)
            self.endInsertRows()
        elif len(items) == len(old) and all(a.id == b.id for a, b in zip(old, items, strict=True)):
            changed = [row for row, (a, b) in enumerate(zip(old, items, strict=True)) if a != b]
            self.items = items
            for row in changed:
                self._texts[row] = self._cells(row + 1, items[row])
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), 4))
        else:
            self.beginResetModel()
            self.items = items
            self._texts = [self._cells(number, item) for number, item in enumerate(items, start=1)]
            self.endResetModel()

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        if indexes:
            data.setData(MIME, QByteArray(str(indexes[0].row()).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(MIME):
            return False
        source = int(bytes(data.data(MIME).data()).decode())
        target = parent.row() if row < 0 else row
        if target < 0:
            target = len(self.items)
        if target > source:
            target -= 1  # dropping below itself: the row leaves its old place first
        self.page.move_row(source, target)
        return False  # the move is done through the controller; the view must not delete rows


class AgendaPage(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.detail: MeetingDetail | None = None
        self._stale: tuple[AgendaItem, ...] | None = None
        self.model = AgendaModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.verticalHeader().hide()
        # Fixed widths from the font, not ResizeToContents: that would measure every row of a long
        # agenda after each change.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        widest_kind = max(metrics.horizontalAdvance(kind_label(kind)) for kind in AgendaKind)
        for column, width in ((0, metrics.horizontalAdvance("0000")), (1, widest_kind),
                              (3, metrics.horizontalAdvance(duration_label(475))),
                              (4, metrics.horizontalAdvance(self.tr("State") + "0000"))):  # fmt: skip
            header.resizeSection(column, width + 24)
        self.table.installEventFilter(KeyFilter(self._table_key, self))
        self.total = LiveText()

        self.add_button = QPushButton(self.tr("&Add item"))
        self.add_menu = QMenu(self)
        for kind in AgendaKind:
            self.add_menu.addAction(kind_label(kind), lambda k=kind: self.add_item(k))
        self.add_button.setMenu(self.add_menu)
        self.template_button = QPushButton(self.tr("Fr&om template"))
        self.template_menu = QMenu(self)
        for template in TEMPLATES:
            self.template_menu.addAction(
                template_label(template.key), lambda k=template.key: self.add_template(k)
            )
        self.template_button.setMenu(self.template_menu)
        self.up_button = QPushButton(self.tr("Move up (Alt+↑)"))
        self.down_button = QPushButton(self.tr("Move down (Alt+↓)"))
        self.remove_button = QPushButton(self.tr("Remove (Del)"))
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button.clicked.connect(self.remove_selected)
        toolbar = QHBoxLayout()
        for button in (
            self.add_button,
            self.template_button,
            self.up_button,
            self.down_button,
            self.remove_button,
        ):
            toolbar.addWidget(button)
        toolbar.addStretch(1)

        self.kind = QComboBox()
        for kind in AgendaKind:
            self.kind.addItem(kind_label(kind), kind)
        self.title = CommitLineEdit()
        self.prompt = CommitTextEdit()
        self.prompt.setMaximumHeight(110)
        self.prompt.setPlaceholderText(
            self.tr("The question the group works on, as it will appear on the projector")
        )
        self.minutes = QSpinBox()
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setSuffix(self.tr(" min"))
        self.error = ErrorLabel()
        self.error.watch(self.title)
        self.error.watch(self.prompt)
        form = QFormLayout()
        form.addRow(self.tr("&Kind"), self.kind)
        form.addRow(self.tr("T&itle"), self.title)
        form.addRow(self.tr("&Question"), self.prompt)
        form.addRow(self.tr("Time &box"), self.minutes)
        form.addRow("", self.error)
        self.editor = QWidget()
        self.editor.setLayout(form)
        self.kind.activated.connect(lambda _i: self._save(kind=self.kind.currentData()))
        self.title.committed.connect(lambda text: self._save(title=text))
        self.prompt.committed.connect(lambda text: self._save(prompt=text))
        self.minutes.editingFinished.connect(lambda: self._save(minutes=self.minutes.value()))

        column = QVBoxLayout(self)
        column.addLayout(toolbar)
        column.addWidget(self.table, 3)
        column.addWidget(self.total)
        column.addWidget(self.editor, 2)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        controller.meeting_loaded.connect(lambda detail: self.show_agenda(detail.agenda, detail))
        controller.agenda_changed.connect(lambda agenda: self.show_agenda(agenda, self.controller.detail))
        self._show_selected()

    # -- showing --------------------------------------------------------------------------------
    def show_agenda(self, agenda: tuple[AgendaItem, ...], detail: MeetingDetail | None) -> None:
        self.detail = detail
        if not self.isVisible():  # a hidden tab catches up when shown
            self._stale = agenda
            return
        self._stale = None
        selected = self.selected()
        self.model.set_items(agenda)
        if selected is not None:
            self.select_item(selected.id)
        total = sum(item.minutes for item in agenda)
        text = self.tr("Total: %1").replace("%1", duration_label(total)) if agenda else ""
        if agenda and detail is not None:
            from datetime import timedelta

            ends = detail.meeting.starts_at + timedelta(minutes=total)
            text += "  " + self.tr("(ends about %1)").replace("%1", ends.strftime("%H:%M"))
        self.total.setText(text)
        self._show_selected()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale is not None:
            self.show_agenda(self._stale, self.detail)

    def select_item(self, item_id: int) -> None:
        for row, item in enumerate(self.model.items):
            if item.id == item_id:
                self.table.selectRow(row)
                return

    def selected(self) -> AgendaItem | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.items):
            return None
        return self.model.items[index.row()]

    def _show_selected(self) -> None:
        item = self.selected()
        self.editor.setEnabled(item is not None)
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setEnabled(item is not None)
        if item is None:
            return
        self.kind.setCurrentIndex(self.kind.findData(item.kind))
        self.title.set_saved_text(item.title)
        self.prompt.set_saved_text(item.prompt)
        if not self.minutes.hasFocus():
            self.minutes.setValue(item.minutes)
        self.error.clear_error()

    # -- changing -------------------------------------------------------------------------------
    def _save(self, **changes: Any) -> None:
        item = self.selected()
        if item is None or self.controller.services is None:
            return
        new = replace(item.fields(), **changes)
        if new != item.fields():
            attempt(lambda: self.controller.update_agenda_item(item, new), self.error)

    def add_item(self, kind: AgendaKind) -> None:
        if self.detail is None or self.controller.services is None:
            return
        fields = AgendaFields(kind, kind_default_title(kind), "", DEFAULT_MINUTES[kind])
        added = attempt_result(
            lambda: self.controller.add_agenda_items(self.detail.meeting.id, [fields]), self.error
        )  # type: ignore[union-attr]
        if added:
            self.select_item(added[0].id)
            self.title.setFocus()
            self.title.selectAll()

    def add_template(self, key: str) -> None:
        if self.detail is None or self.controller.services is None:
            return
        meeting_id = self.detail.meeting.id
        attempt(lambda: self.controller.add_agenda_items(meeting_id, template_items(key)), self.error)

    def move_row(self, source: int, target: int) -> None:
        if not 0 <= source < len(self.model.items):
            return
        item = self.model.items[source]
        target = max(0, min(target, len(self.model.items) - 1))
        attempt(lambda: self.controller.move_agenda_item(item, target), self.error)
        self.select_item(item.id)

    def move_selected(self, step: int) -> None:
        item = self.selected()
        if item is not None:
            self.move_row(item.position, item.position + step)

    def remove_selected(self) -> None:
        item = self.selected()
        if item is not None:
            row = self.table.currentIndex().row()
            attempt(lambda: self.controller.remove_agenda_item(item), self.error)
            if self.model.items:
                self.table.selectRow(min(row, len(self.model.items) - 1))

    def _table_key(self, event: QKeyEvent) -> bool:
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and event.key() == Qt.Key.Key_Up:
            self.move_selected(-1)
            return True
        if alt and event.key() == Qt.Key.Key_Down:
            self.move_selected(1)
            return True
        if event.key() == Qt.Key.Key_Delete:
            self.remove_selected()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.title.setFocus()
            self.title.selectAll()
            return True
        if event.key() == Qt.Key.Key_Insert:
            self.add_item(AgendaKind.DISCUSSION)
            return True
        return False


def attempt_result(action: Any, error: ErrorLabel) -> Any:
    result: list[Any] = []
    if attempt(lambda: result.append(action()), error):
        return result[0]
    return None
