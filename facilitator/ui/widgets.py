"""Small building blocks shared by the pages: fields that save themselves and show their own errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from facilitator.domain.errors import FacilitatorError
from facilitator.ui.texts import error_message

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


def attempt(action: Callable[[], Any], error: ErrorLabel) -> bool:
    """Run a save; on a known error, say why next to the field and keep what was typed."""
    try:
        action()
    except FacilitatorError as problem:
        error.show_error(error_message(problem))
        return False
    error.clear_error()
    return True


class CommitLineEdit(QLineEdit):
    """A one-line field that reports its text when editing ends and the text really changed."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = ""
        self.editingFinished.connect(self._finish)

    def set_saved_text(self, text: str) -> None:
        """Show the stored value (unless the user is in the middle of editing this field)."""
        self._saved = text
        if not self.hasFocus() or not self.isModified():
            self.setText(text)
            self.setModified(False)

    def _finish(self) -> None:
        if self.text() != self._saved:
            self.committed.emit(self.text())


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that saves when focus leaves it, or on Ctrl+Enter."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saved = ""
        self.setTabChangesFocus(True)

    def set_saved_text(self, text: str) -> None:
        self._saved = text
        if not self.hasFocus():
            self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._finish()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._finish()
            return
        super().keyPressEvent(event)

    def _finish(self) -> None:
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


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label
