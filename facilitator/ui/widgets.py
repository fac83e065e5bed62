"""Small building blocks shared by the pages: fields that save themselves and show their own errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QKeyCombination,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from facilitator.domain.errors import FacilitatorError
from facilitator.ui.texts import error_message, plain_tooltip

ERROR_STYLE = "color: #B00020; font-weight: 600;"


class ErrorLabel(QLabel):
    """An inline message under a field; empty and hidden when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_error(self) -> None:
        self.show_error("")

    def watch(self, field: QLineEdit | QPlainTextEdit) -> None:
        """The message goes away as soon as the person changes what it was about."""
        if isinstance(field, QLineEdit):
            field.textEdited.connect(lambda _text: self.clear_error())
        else:
            field.textChanged.connect(lambda: self.clear_error() if field.hasFocus() else None)


def attempt(action: Callable[[], Any], error: ErrorLabel) -> bool:
    """Run a save; on a known error, say why next to the field and keep what was typed."""
    try:
        action()
    except FacilitatorError as problem:
        error.show_error(error_message(problem))
        return False
    error.clear_error()
    return True


def _is_undo(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo)


def _is_redo(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Redo) or event.keyCombination() in REDO_KEYS


REDO_KEYS = (
    QKeyCombination(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Z),
    QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Y),
)


class TextField(QLineEdit):
    """A line edit that leaves Ctrl+Z / Ctrl+Shift+Z to the app when it has nothing of its own to undo.

    Otherwise, after a name is added and the field emptied, Ctrl+Z would silently do nothing.
    """

    def event(self, event: QEvent) -> bool:
        if self._leave_to_app(event):
            event.ignore()
            return True
        return super().event(event)

    def _leave_to_app(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        return (_is_undo(event) and not self.isUndoAvailable()) or (
            _is_redo(event) and not self.isRedoAvailable()
        )

    def reset(self, text: str = "") -> None:
        """Set the text and forget the field's own undo history (unlike clear())."""
        self.setText(text)


AUTOSAVE_MS = 1500  # a pause in typing saves too, so a crash mid-sentence loses almost nothing


def _autosave_timer(owner: QWidget, save: Callable[[], None]) -> QTimer:
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(AUTOSAVE_MS)
    timer.timeout.connect(save)
    return timer


class CommitLineEdit(TextField):
    """A one-line field that reports its text when editing ends (or typing pauses) and it changed."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = ""
        self.editingFinished.connect(self._finish)
        self._pause = _autosave_timer(self, self._finish)
        self.textEdited.connect(lambda _text: self._pause.start())

    def set_saved_text(self, text: str) -> None:
        """Show the stored value (unless the user is in the middle of editing this field)."""
        self._saved = text
        if not self.hasFocus() or not self.isModified():
            self.setText(text)
            self.setModified(False)

    def _finish(self) -> None:
        self._pause.stop()
        if self.text() != self._saved:
            self.committed.emit(self.text())


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that saves when focus leaves it, on Ctrl+Enter, or when typing pauses."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = ""
        self.setTabChangesFocus(True)
        self._pause = _autosave_timer(self, self._finish)
        self.textChanged.connect(self._typed)

    def _typed(self) -> None:
        if self.hasFocus():  # typed by the user, not filled in from the store
            self._pause.start()

    def set_saved_text(self, text: str) -> None:
        self._saved = text
        if not self.hasFocus():
            self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._finish()

    def event(self, event: QEvent) -> bool:
        # Ctrl+Enter saves here; it must not reach the app-wide "Start meeting" shortcut.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if control and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                event.accept()
                return True
            undo_here = self.document().isUndoAvailable()
            if (_is_undo(event) and not undo_here) or (
                _is_redo(event) and not self.document().isRedoAvailable()
            ):
                event.ignore()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._finish()
            return
        super().keyPressEvent(event)

    def _finish(self) -> None:
        self._pause.stop()
        if self.toPlainText() != self._saved:
            self.committed.emit(self.toPlainText())


class KeyFilter(QObject):
    """Lets a page react to plain keys pressed on a list or table (P for present, Delete, Alt+Up...)."""

    def __init__(self, handler: Callable[[QKeyEvent], bool], parent: QObject) -> None:
        super().__init__(parent)
        self._handler = handler

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._handler(event)
        return False


Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


class TextTableModel(QAbstractTableModel):
    """A table of records whose cell texts are made once per change, not at every repaint.

    Subclasses keep ``_texts`` in step with their records and say which record a row shows.
    """

    def __init__(self, headers: tuple[str, ...]) -> None:
        super().__init__()
        self._headers = headers
        self._texts: list[tuple[str, ...]] = []

    def record(self, row: int) -> object:
        raise NotImplementedError

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._texts)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text when a column is too narrow
            return plain_tooltip(self._texts[index.row()][index.column()])
        if role == Qt.ItemDataRole.UserRole:
            return self.record(index.row())
        return None


class LiveText(QWidget):
    """One line of text that changes with every action (a head count, a total).

    A QLabel re-lays out and repaints the whole page when its text changes; this repaints only
    itself, which keeps each capture action inside one frame.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setAccessibleName(text)
            self.setToolTip(plain_tooltip(text))
            self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 40, metrics.height() + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height() + 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)


class DateTimeField(QDateTimeEdit):
    """Date and time in one field; Tab moves on to the next field (arrows move between parts).

    A plain QDateTimeEdit sends Tab to its own day, month and hour parts, so the next thing typed
    lands in the date instead of the field after it.
    """

    _advanced = False  # the last digit completed a part and the field moved on by itself

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # "2026-12-07 18:30" typed as shown: after the year the field moves to the month by itself,
        # so the dash typed next must not move it again (nor out into the next field).
        if event.text() in ("-", "/", ".", ":", " ") and self._advanced:
            self._advanced = False
            return
        section = self.currentSection()
        super().keyPressEvent(event)
        self._advanced = event.text().isdigit() and self.currentSection() != section


def limit_dates(editor: QDateTimeEdit) -> None:
    """Meetings happen in this century; the limits also keep end-time sums in range."""
    editor.setMinimumDate(QDate(2000, 1, 1))
    editor.setMaximumDate(QDate(2099, 12, 31))


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def ask_line(
    parent: QWidget,
    title: str,
    label: str,
    text: str,
    done: Callable[[str], bool],
    refusal: Callable[[], str],
    limit: int,
) -> None:
    """A one-line question in a small window. What is typed goes to ``done``; when that is refused,
    the window opens again with the words still in it and the reason (``refusal()``) above them."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setMaximumWidth(max(400, parent.window().width() * 2 // 3))
    dialog.resize(min(dialog.maximumWidth(), 720), dialog.sizeHint().height())
    for shown in dialog.findChildren(QLabel):
        shown.setWordWrap(True)
        shown.setTextFormat(Qt.TextFormat.PlainText)
    line = dialog.findChild(QLineEdit)
    if line is not None:
        line.setMaxLength(limit)

    def answered(value: str) -> None:
        if not done(value):
            reason = refusal()
            ask_line(parent, title, f"{reason}\n\n{label}" if reason else label, value, done, refusal, limit)

    dialog.textValueSelected.connect(answered)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def set_quietly(box: QSpinBox, value: int) -> None:
    """Show a stored value without it counting as the user's change."""
    box.blockSignals(True)
    box.setValue(value)
    box.blockSignals(False)


def projector_label(name: str) -> QLabel:
    """A line of the projector's view: wrapped plain text, as wide as the screen, sized by the view."""
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return label


class ItemFields:
    """The agenda item's question and time box, edited on a technique's Set up tab: saved to the
    agenda as they change, like the Agenda tab's own fields."""

    def __init__(self, form: QFormLayout, question_label: str, minutes_label: str, suffix: str) -> None:
        self.question = CommitLineEdit()
        label = QLabel(question_label)
        label.setBuddy(self.question)
        form.addRow(label, self.question)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 600)
        self.minutes.setSuffix(suffix)
        self.minutes.setKeyboardTracking(False)
        label = QLabel(minutes_label)
        label.setBuddy(self.minutes)
        form.addRow(label, self.minutes)

    def show(self, prompt: str, minutes: int) -> None:
        self.question.set_saved_text(prompt)
        if not self.question.hasFocus():
            self.question.setCursorPosition(0)  # a long question shows its start
        set_quietly(self.minutes, minutes)

    def save(self, controller: Any, item: Any) -> None:
        """Store what the fields say, if it differs; a refused question shows the stored one again."""
        fields = replace(item.fields(), prompt=self.question.text(), minutes=self.minutes.value())
        if fields == item.fields():
            return
        if controller.guarded(lambda: controller.update_agenda_item(item, fields)) is None:
            self.question.set_saved_text(item.prompt)
