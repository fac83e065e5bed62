"""The facilitator's ground-rules panel inside Run: the proposed rules, their wording, the check."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.decision import (
    ATTEMPTS_LIMIT,
    CHOICES,
    QUORUM_LIMIT,
    VOTE_METHODS,
    DecisionRule,
    Method,
    Scale,
)
from facilitator.domain.model import AgendaKind, MeetingDetail
from facilitator.techniques.ground_rules.model import (
    SCALES,
    EntryMode,
    GroundRulesView,
    Proposal,
    ProposalStatus,
    RuleKind,
    Wording,
)
from facilitator.techniques.ground_rules.ui import words
from facilitator.techniques.ground_rules.ui.actions import GroundRulesActions, actions
from facilitator.ui.controller import Controller
from facilitator.ui.dialogs import create_buttons
from facilitator.ui.widgets import CommitLineEdit, CommitTextEdit, ErrorLabel, KeyFilter, TextField

ALT = Qt.KeyboardModifier.AltModifier


class NewRuleDialog(QDialog):
    """Insert: the wording and, if wanted, why the group might want it."""

    def __init__(self, rules: GroundRulesActions, item_id: int, after: int | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.rules, self.item_id, self.after = rules, item_id, after
        self.setWindowTitle(words.tr("New ground rule"))
        self.text = TextField(placeholderText=words.tr("e.g. Phones stay silent during the meeting"))
        self.why = TextField(placeholderText=words.tr("Why the group might want it (optional)"))
        self.error = ErrorLabel()
        self.error.watch(self.text)
        form = QFormLayout(self)
        form.addRow(words.tr("&Rule"), self.text)
        form.addRow(words.tr("&Why"), self.why)
        form.addRow(self.error)
        buttons = create_buttons(self)
        buttons.button(buttons.StandardButton.Ok).setText(words.tr("Add"))
        form.addRow(buttons)
        self.setMinimumWidth(560)
        rules.failed.connect(self._failed)

    def _failed(self, text: str) -> None:
        if self.isVisible():
            self.error.show_error(text)

    def accept(self) -> None:
        if self.rules.add(self.item_id, Wording(self.text.text(), self.why.text()), self.after):
            super().accept()


class GroundRulesPanel(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.rules = actions(controller)
        self.item_id: int | None = None
        self.view: GroundRulesView | None = None
        self._filling = False
        self._focus_pending = False

        # -- left: the proposed rules -------------------------------------------------------------
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName(words.tr("Proposed ground rules"))
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.installEventFilter(KeyFilter(self._list_key, self))
        self.add_button = self._button(words.tr("&Add…"), self.add_rule, words.tr("Insert"))
        self.remove_button = self._button(words.tr("Remove"), self.remove_rule, words.tr("Delete"))
        self.up_button = self._button(words.tr("Up"), lambda: self.move_rule(-1), words.tr("Alt+Up"))
        self.down_button = self._button(words.tr("Down"), lambda: self.move_rule(1), words.tr("Alt+Down"))
        list_buttons = QGridLayout()  # two by two: the list stays narrow enough for a laptop
        for index, button in enumerate(
            (self.add_button, self.remove_button, self.up_button, self.down_button)
        ):
            list_buttons.addWidget(button, index // 2, index % 2)
        self.list_heading = QLabel(words.tr("&Proposed rules"))
        self.list_heading.setBuddy(self.list)
        self.keys_hint = QLabel(
            words.tr("Insert adds · F2 edits · Enter counts · Delete removes · Alt+Up/Down moves")
        )
        self.keys_hint.setWordWrap(True)
        self.keys_hint.setStyleSheet("color: palette(placeholder-text);")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list_heading)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(list_buttons)
        left_layout.addWidget(self.keys_hint)

        # -- right: the wording ---------------------------------------------------------------------
        self.text = CommitLineEdit()
        self.text.committed.connect(lambda _t: self._save_wording())
        self.why = CommitTextEdit()
        self.why.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.why.committed.connect(lambda _t: self._save_wording())
        self.method = QComboBox()
        for method in Method:
            self.method.addItem(words.method_label(method), method.value)
        self.quorum = QSpinBox()
        self.quorum.setRange(0, QUORUM_LIMIT)
        self.quorum.setSpecialValueText(words.tr("none"))
        self.quorum.setSuffix(words.tr(" present"))
        self.attempts = QSpinBox()
        self.attempts.setRange(1, ATTEMPTS_LIMIT)
        self.fallback = QComboBox()
        for method in VOTE_METHODS:
            self.fallback.addItem(words.method_label(method), method.value)
        for spin in (self.quorum, self.attempts):
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(lambda _v: self._save_wording())
        for combo in (self.method, self.fallback):
            combo.activated.connect(lambda _i: self._save_wording())
        self.decision_box = QWidget()
        decision = QFormLayout(self.decision_box)
        decision.setContentsMargins(0, 0, 0, 0)
        decision.addRow(words.tr("&Method"), self.method)
        decision.addRow(words.tr("&Quorum"), self.quorum)
        self.fallback_row = QWidget()
        fallback_layout = QHBoxLayout(self.fallback_row)
        fallback_layout.setContentsMargins(0, 0, 0, 0)
        fallback_layout.addWidget(self.attempts)
        fallback_layout.addWidget(QLabel(words.tr("tries at consensus, then")))
        fallback_layout.addWidget(self.fallback, 1)
        decision.addRow(words.tr("&Tries"), self.fallback_row)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        wording = QFormLayout()
        wording.addRow(words.tr("R&ule"), self.text)
        wording.addRow(words.tr("W&hy"), self.why)
        self.wording_error = ErrorLabel()
        self.wording_error.watch(self.text)
        back = KeyFilter(self._back_to_list, self)
        for field in (self.text, self.why):
            field.installEventFilter(back)

        # -- right: the check -----------------------------------------------------------------------
        self.scale = QComboBox()
        for scale in SCALES:
            self.scale.addItem(words.scale_label(scale), scale.value)
        self.scale.activated.connect(self._scale_chosen)
        self.entry = QComboBox()
        self.entry.addItem(words.tr("By show of hands"), EntryMode.COUNTS.value)
        self.entry.addItem(words.tr("Person by person"), EntryMode.PEOPLE.value)
        self.entry.activated.connect(self._entry_chosen)
        # Long choices must not hold the panel wider than a laptop's screen: the boxes may shrink
        # (the open list still shows each choice in full).
        for combo in (self.scale, self.entry, self.method, self.fallback):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        how = QHBoxLayout()
        scale_label = QLabel(words.tr("Check &by"))
        scale_label.setBuddy(self.scale)
        entry_label = QLabel(words.tr("&Enter"))
        entry_label.setBuddy(self.entry)
        how.addWidget(scale_label)
        how.addWidget(self.scale)
        how.addSpacing(12)
        how.addWidget(entry_label)
        how.addWidget(self.entry)
        how.addStretch(1)
        self.counts_box = QWidget()
        self.counts_grid = QGridLayout(self.counts_box)
        self.counts_grid.setContentsMargins(0, 0, 0, 0)
        self.spins: dict[str, QSpinBox] = {}
        self.people = QTableWidget(0, 3)
        self.people.setHorizontalHeaderLabels([words.tr("Name"), words.tr("Sector"), words.tr("Response")])
        self.people.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.people.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.people.verticalHeader().hide()
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people.installEventFilter(KeyFilter(self._people_key, self))
        self.entry_stack = QStackedWidget()
        self.entry_stack.addWidget(self.counts_box)
        self.entry_stack.addWidget(self.people)
        self.counted = QLabel()
        self.counted.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        font = self.preview.font()
        font.setBold(True)
        self.preview.setFont(font)
        self.check_error = ErrorLabel()
        self.record_button = self._button(words.tr("&Record the check"), self.record, words.tr("Ctrl+R"))
        self.clear_button = self._button(words.tr("Start the count a&gain"), self.clear, "")
        check_buttons = QHBoxLayout()
        check_buttons.addWidget(self.record_button)
        check_buttons.addWidget(self.clear_button)
        check_buttons.addStretch(1)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.history.setStyleSheet("color: palette(placeholder-text);")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.state)
        right_layout.addLayout(wording)
        right_layout.addWidget(self.decision_box)
        right_layout.addWidget(self.wording_error)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        right_layout.addWidget(line)
        right_layout.addLayout(how)
        right_layout.addWidget(self.entry_stack, 1)
        right_layout.addWidget(self.counted)
        right_layout.addWidget(self.preview)
        right_layout.addWidget(self.check_error)
        right_layout.addLayout(check_buttons)
        right_layout.addWidget(self.history)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.waiting = QLabel(words.tr("Opening the ground rules…"))
        layout.addWidget(self.waiting)
        self.waiting.hide()

        self._shortcut(words.tr("Ctrl+R"), self.record)
        self.rules.changed.connect(self._changed)
        self.rules.failed.connect(self._failed)
        controller.meeting_loaded.connect(self._follow)
        controller.meeting_changed.connect(lambda _m: self._follow(controller.detail))
        controller.agenda_changed.connect(lambda _a: self._follow(controller.detail))
        controller.attendee_changed.connect(lambda _a: self._refresh())
        controller.ready.connect(lambda: self._follow(controller.detail))
        self._follow(controller.detail)

    # -- building blocks --------------------------------------------------------------------------
    def _button(self, text: str, slot: object, keys: str) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)  # type: ignore[arg-type]
        button.setAutoDefault(False)
        if keys:
            button.setToolTip(keys)
        return button

    def _shortcut(self, keys: str, slot: object) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        # Anywhere in the window while the panel is shown (a hidden panel's shortcut does not fire).
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self.addAction(action)

    # -- following the meeting --------------------------------------------------------------------
    def _follow(self, detail: MeetingDetail | None) -> None:
        item = detail.current_item if detail is not None else None
        if item is None or item.kind is not AgendaKind.GROUND_RULES:
            return
        if not self.rules.ready:
            self.splitter.hide()
            self.waiting.show()
            return
        if item.id != self.item_id or self.view is None:
            self.item_id = item.id
            self._focus_pending = True  # a new item: ready for the keys (arrows, Insert, Enter)
            self.rules.open(item.id)

    def _refresh(self) -> None:
        if self.item_id is not None and self.rules.ready and self.isVisible():
            self.rules.refresh(self.item_id)

    def _changed(self, view: GroundRulesView) -> None:
        if view.item_id != self.item_id:
            return
        self.waiting.hide()
        self.splitter.show()
        self.view = view
        self._fill()
        self._take_focus()

    def _take_focus(self) -> None:
        if self._focus_pending and self.isVisible():
            self._focus_pending = False
            self.list.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._take_focus)

    def _failed(self, text: str) -> None:
        focus = self.focusWidget()
        if focus in (self.text, self.why, self.method, self.quorum, self.attempts, self.fallback):
            self.wording_error.show_error(text)
        else:
            self.check_error.show_error(text)
        if self.view is not None:  # put back what the store holds
            self._fill()

    # -- showing ---------------------------------------------------------------------------------
    @property
    def proposal(self) -> Proposal | None:
        return self.view.current if self.view is not None else None

    def _fill(self) -> None:
        view = self.view
        if view is None:
            return
        self._filling = True
        try:
            current = view.current
            self.list.clear()
            for number, proposal in enumerate(view.proposals, start=1):
                mark = words.STATUS_MARKS[proposal.status]
                entry = QListWidgetItem(f"{mark} {number}. {proposal.wording.text}")
                entry.setData(Qt.ItemDataRole.UserRole, proposal.id)
                entry.setToolTip(words.status_label(proposal.status))
                self.list.addItem(entry)
                if current is not None and proposal.id == current.id:
                    self.list.setCurrentItem(entry)
            self._fill_proposal(current)
            self._fill_check(view, current)
        finally:
            self._filling = False

    def _fill_proposal(self, proposal: Proposal | None) -> None:
        has = proposal is not None
        for widget in (self.text, self.why, self.remove_button, self.record_button, self.clear_button):
            widget.setEnabled(has)
        if proposal is None:
            self.text.set_saved_text("")
            self.why.set_saved_text("")
            self.decision_box.hide()
            self.state.setText(words.tr("No rules proposed. Press Insert to add one."))
            return
        self.remove_button.setEnabled(proposal.kind is RuleKind.RULE)
        self.text.set_saved_text(proposal.wording.text)
        if not self.text.hasFocus():
            self.text.setCursorPosition(0)  # show the start of a long rule, not its end
        self.why.set_saved_text(proposal.wording.why)
        rule = proposal.wording.decision
        self.decision_box.setVisible(proposal.kind is RuleKind.DECISION)
        if rule is not None:
            self.method.setCurrentIndex(self.method.findData(rule.method.value))
            self.quorum.setValue(rule.quorum)
            self.attempts.setValue(rule.attempts)
            self.fallback.setCurrentIndex(self.fallback.findData(rule.fallback.value))
            self.fallback_row.setEnabled(rule.method is Method.CONSENSUS_THEN_VOTE)
        if proposal.status is ProposalStatus.CARRIED:
            state = words.tr("Carried forward from an earlier meeting, in force as worded.")
        else:
            state = words.status_label(proposal.status)
            state = state[:1].upper() + state[1:]
            if proposal.carried:
                state = words.tr("Carried forward from an earlier meeting · %1").replace("%1", state)
            if proposal.carried and proposal.status is ProposalStatus.NOT_ADOPTED:
                state += " " + words.tr("The wording in force stays until the group retires it (Delete).")
        self.state.setText(state)

    def _fill_check(self, view: GroundRulesView, proposal: Proposal | None) -> None:
        self.scale.setCurrentIndex(self.scale.findData(view.scale.value))
        self.entry.setCurrentIndex(self.entry.findData(view.entry.value))
        self._build_spins(view)
        draft = proposal.draft if proposal is not None else None
        counts = dict(draft.counts) if draft is not None and draft.scale is view.scale else {}
        for choice, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setMaximum(max(0, len(view.present)))
            spin.setValue(counts.get(choice, 0))
            spin.blockSignals(False)
        self._fill_people(view, proposal)
        self.entry_stack.setCurrentIndex(0 if view.entry is EntryMode.COUNTS else 1)
        outcome = view.preview(proposal) if proposal is not None else None
        counted = outcome.tally.counted if outcome is not None else 0
        self.counted.setText(words.counted_text(counted, len(view.present)))
        if draft is not None and outcome is None and sum(dict(draft.counts).values()) > len(view.present):
            self.counted.setText(
                words.tr("More hands are counted than people now present (%1). Correct the count.").replace(
                    "%1", str(len(view.present))
                )
            )
        rule_line = words.tr("Decided by: %1").replace("%1", words.rule_summary(view.governing))
        if view.decision_rule is None:
            rule_line = words.tr("Until a decision rule is adopted, ground rules need consensus.")
        if outcome is not None and counted:
            self.preview.setText(words.tr("If recorded now: %1").replace("%1", words.outcome_text(outcome)))
        else:
            self.preview.setText(rule_line)
        self.history.setText(self._history_text(proposal))

    def _build_spins(self, view: GroundRulesView) -> None:
        choices = CHOICES[view.scale]
        if tuple(self.spins) == choices:
            return
        while self.counts_grid.count():
            widget = self.counts_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.spins = {}
        columns = 2 if len(choices) <= 4 else 3
        for index, choice in enumerate(choices):
            spin = QSpinBox()
            spin.setKeyboardTracking(False)
            spin.setAccessibleName(words.choice_label(view.scale, choice))
            spin.valueChanged.connect(lambda value, c=choice: self._count(c, value))
            label = QLabel(words.choice_label(view.scale, choice))
            label.setBuddy(spin)
            row, column = divmod(index, columns)
            self.counts_grid.addWidget(label, row, column * 2)
            self.counts_grid.addWidget(spin, row, column * 2 + 1)
            self.spins[choice] = spin
        for column in range(columns):
            self.counts_grid.setColumnStretch(column * 2 + 1, 1)
        self.counts_grid.setRowStretch(len(choices) // columns + 1, 1)  # rows stay together at the top
        # Tab runs through the counts in order, then to Record, then out of the panel.
        chain = [self.entry, *self.spins.values(), self.record_button, self.clear_button]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _fill_people(self, view: GroundRulesView, proposal: Proposal | None) -> None:
        draft = proposal.draft if proposal is not None else None
        chosen = dict(draft.choices) if draft is not None and draft.scale is view.scale else {}
        row_before = self.people.currentRow()
        self.people.setRowCount(len(view.present))
        for row, person in enumerate(view.present):
            choice = chosen.get(person.id)
            cells = (person.name, person.sector, words.choice_label(view.scale, choice) if choice else "–")
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, person.id)
                self.people.setItem(row, column, cell)
        if view.present:
            self.people.setCurrentCell(max(0, min(row_before, len(view.present) - 1)), 0)

    def _history_text(self, proposal: Proposal | None) -> str:
        if proposal is None or not proposal.checks:
            return ""
        lines = [words.tr("Earlier checks:")]
        for check in proposal.checks:
            assert check.outcome is not None
            lines.append(
                words.tr("%1. “%2” — %3")
                .replace("%1", str(check.number))
                .replace("%2", words.wording_text(proposal.kind, check.subject))
                .replace("%3", words.outcome_text(check.outcome))
            )
        return "\n".join(lines)

    # -- actions ---------------------------------------------------------------------------------
    def _row_changed(self, row: int) -> None:
        if self._filling or self.view is None or row < 0 or row >= len(self.view.proposals):
            return
        self.check_error.clear_error()
        self.wording_error.clear_error()
        self.rules.set_current(self.view.item_id, self.view.proposals[row].id)

    def add_rule(self) -> None:
        if self.view is None:
            return
        current = self.proposal
        NewRuleDialog(self.rules, self.view.item_id, current.position if current else None, self).exec()
        self.list.setFocus()

    def remove_rule(self) -> None:
        proposal = self.proposal
        if proposal is None:
            return
        if proposal.rule_id is not None:
            answer = QMessageBox.question(
                self,
                words.tr("Retire this rule?"),
                words.tr(
                    "This rule is in force for the collaborative. Removing it here retires it from this "
                    "meeting on; the minutes will say so. Ctrl+Z brings it back."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.rules.remove(proposal.id)
        self.list.setFocus()

    def move_rule(self, step: int) -> None:
        proposal = self.proposal
        if proposal is not None and self.view is not None:
            target = proposal.position + step
            if 0 <= target < len(self.view.proposals):
                self.rules.move(proposal.id, target)

    def _save_wording(self) -> None:
        proposal = self.proposal
        if self._filling or proposal is None:
            return
        rule = None
        if proposal.kind is RuleKind.DECISION:
            method = Method(self.method.currentData())
            rule = DecisionRule(
                method, self.quorum.value(), self.attempts.value(), Method(self.fallback.currentData())
            )
            self.fallback_row.setEnabled(method is Method.CONSENSUS_THEN_VOTE)
        wording = Wording(self.text.text(), self.why.toPlainText(), rule)
        if wording != proposal.wording and self.rules.edit(proposal.id, wording):
            self.wording_error.clear_error()

    def _scale_chosen(self, _index: int) -> None:
        if self.view is not None and self.scale.currentData() != self.view.scale.value:
            self.rules.set_scale(self.view.item_id, Scale(self.scale.currentData()))

    def _entry_chosen(self, _index: int) -> None:
        if self.view is not None and self.entry.currentData() != self.view.entry.value:
            self.rules.set_entry(self.view.item_id, EntryMode(self.entry.currentData()))

    def _count(self, choice: str, value: int) -> None:
        proposal = self.proposal
        if self._filling or proposal is None:
            return
        if self.rules.count(proposal.id, choice, value):
            self.check_error.clear_error()

    def record(self) -> None:
        proposal = self.proposal
        if proposal is None:
            return
        # A count typed but not yet confirmed with Enter or Tab still counts.
        for spin in self.spins.values():
            if spin.hasFocus():
                spin.interpretText()
        if self.rules.record(proposal.id):
            self.check_error.clear_error()
            self.list.setFocus()

    def clear(self) -> None:
        proposal = self.proposal
        if proposal is not None:
            self.rules.clear(proposal.id)

    def focus_check(self) -> None:
        if self.view is None:
            return
        if self.view.entry is EntryMode.PEOPLE:
            self.people.setFocus()
        elif self.spins:
            first = next(iter(self.spins.values()))
            first.setFocus()
            first.selectAll()

    # -- keys ------------------------------------------------------------------------------------
    def _list_key(self, event: QKeyEvent) -> bool:
        key, modifiers = event.key(), event.modifiers()
        if key == Qt.Key.Key_Insert:
            self.add_rule()
        elif key == Qt.Key.Key_Delete:
            self.remove_rule()
        elif key == Qt.Key.Key_F2:
            self.text.setFocus()
            self.text.selectAll()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers:
            self.focus_check()
        elif modifiers & ALT and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_rule(-1 if key == Qt.Key.Key_Up else 1)
        else:
            return False
        return True

    def _back_to_list(self, event: QKeyEvent) -> bool:
        """Escape in the wording saves it (on leaving the field) and goes back to the list."""
        if event.key() == Qt.Key.Key_Escape:
            self.list.setFocus()
            return True
        return False

    def _people_key(self, event: QKeyEvent) -> bool:
        view, proposal = self.view, self.proposal
        if view is None or proposal is None or not view.present:
            return False
        row = self.people.currentRow()
        if row < 0:
            return False
        person = view.present[row]
        text = event.text()
        choices = CHOICES[view.scale]
        choice: str | None
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Space):
            choice = None
        elif text.isdigit():
            if view.scale is Scale.FIST_TO_FIVE:
                choice = text if text in choices else ""
            else:
                index = int(text) - 1
                choice = choices[index] if 0 <= index < len(choices) else ""
            if choice == "":
                return True  # a number outside the scale does nothing
        else:
            return False
        if self.rules.choose(proposal.id, person.id, choice) and row + 1 < len(view.present):
            QTimer.singleShot(0, lambda: self.people.setCurrentCell(row + 1, 0))
        return True
