"""The decisions step on the facilitator's screen: proposals, their count, how each was disposed of,
and the meeting's action items and parking lot.

Keys on the list of proposals: Insert adds, Delete removes, Alt+Up/Down moves, Enter goes to the
count. Counts are typed in spin boxes (Tab moves on); Ctrl+R records the disposition.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.decision import CHOICES, QUORUM_LIMIT, DecisionRule, Method, Scale
from facilitator.domain.model import AgendaItem, AgendaKind, MeetingDetail
from facilitator.domain.record import OVERALL, Decision, DecisionFields, Disposition, MeetingRecord
from facilitator.ui import decision_words as words
from facilitator.ui.controller import Controller
from facilitator.ui.record_actions import record_actions
from facilitator.ui.record_widgets import ActionItemsEditor, ParkingLotEditor, hint
from facilitator.ui.widgets import CommitLineEdit, CommitTextEdit, ErrorLabel, KeyFilter, TextField

USUAL = "usual"  # the rule combo's entry for the collaborative's own decision rule
MARKS = {
    None: "○",
    Disposition.ADOPTED: "✓",
    Disposition.REJECTED: "✗",
    Disposition.DEFERRED: "…",
    Disposition.REFERRED: "→",
    Disposition.WITHDRAWN: "–",
}


class DecisionsPanel(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.actions = record_actions(controller)
        self.item: AgendaItem | None = None
        self.record: MeetingRecord | None = None
        self._filling = False
        self._pending: dict[tuple[str, str], int] = {}  # numbers typed that do not fit yet
        self._stored: tuple[int, str | None, str] | None = None  # the shown proposal's recorded disposition

        # -- the list of proposals ----------------------------------------------------------------
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName(words.tr("Proposals"))
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.installEventFilter(KeyFilter(self._list_key, self))
        list_heading = QLabel(words.tr("Proposals"))
        list_heading.setBuddy(self.list)
        self.add_button = QPushButton(words.tr("&New proposal…"))
        self.add_button.setToolTip(words.tr("Insert"))
        self.add_button.clicked.connect(self.add_proposal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(list_heading)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.add_button)
        left_layout.addWidget(
            hint(words.tr("Insert adds · Enter goes to the count · Delete removes · Alt+Up/Down moves"))
        )

        # -- the proposal -------------------------------------------------------------------------
        self.wording = CommitTextEdit()
        self.wording.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.wording.committed.connect(lambda _t: self._save_fields())
        self.proposer = QComboBox()
        self.proposer.activated.connect(lambda _i: self._save_fields())
        self.draws_on = CommitLineEdit()
        self.draws_on.setPlaceholderText(words.tr("e.g. the top three priorities of the vote"))
        self.draws_on.committed.connect(lambda _t: self._save_fields())
        # What a proposal draws on is often an earlier item's result: the agenda is offered.
        self.sources = QStringListModel(self)
        completer = QCompleter(self.sources, self.draws_on)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.draws_on.setCompleter(completer)
        self.rule = QComboBox()
        # "Our rule: ..." can be a long sentence: the box may shrink; its list shows it in full.
        self.rule.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rule.setMinimumContentsLength(16)
        self.rule.activated.connect(lambda _i: self._save_fields())
        self.quorum = QSpinBox()
        self.quorum.setRange(0, QUORUM_LIMIT)
        self.quorum.setSpecialValueText(words.tr("none"))
        self.quorum.setKeyboardTracking(False)
        self.quorum.valueChanged.connect(lambda _v: self._save_fields())
        self.reason = CommitLineEdit()
        self.reason.setPlaceholderText(words.tr("Why this decision uses another rule"))
        self.reason.committed.connect(lambda _t: self._save_fields())
        self.scale = QComboBox()
        for scale in (Scale.VOTE, Scale.GRADIENTS, Scale.FIST_TO_FIVE):
            self.scale.addItem(words.scale_label(scale), scale.value)
        self.scale.activated.connect(lambda _i: self._save_fields())
        self.attempt = QSpinBox()
        self.attempt.setRange(1, 99)
        self.attempt.setKeyboardTracking(False)
        self.attempt.valueChanged.connect(lambda _v: self._save_fields())
        self.by_sector = QCheckBox(words.tr("Count by sector"))
        self.by_sector.toggled.connect(lambda _on: self._save_fields())
        self.fields_error = ErrorLabel()
        self.fields_error.watch(self.wording)
        form = QFormLayout()
        form.addRow(words.tr("&Wording"), self.wording)
        form.addRow(words.tr("Proposed b&y"), self.proposer)
        form.addRow(words.tr("Draws on"), self.draws_on)
        form.addRow(words.tr("R&ule"), self.rule)
        self.override_row = QWidget()
        override = QHBoxLayout(self.override_row)
        override.setContentsMargins(0, 0, 0, 0)
        override.addWidget(QLabel(words.tr("Quorum")))
        override.addWidget(self.quorum)
        override.addWidget(self.reason, 1)
        form.addRow(words.tr("Reason"), self.override_row)
        how = QHBoxLayout()
        how.addWidget(self.scale)
        how.addWidget(QLabel(words.tr("Try")))
        how.addWidget(self.attempt)
        how.addWidget(self.by_sector)
        how.addStretch(1)
        check_label = QLabel(words.tr("Check &by"))
        check_label.setBuddy(self.scale)
        form.addRow(check_label, how)
        form.addRow(self.fields_error)

        self.counts_box = QWidget()
        self.counts_grid = QGridLayout(self.counts_box)
        self.counts_grid.setContentsMargins(0, 0, 0, 0)
        self.spins: dict[tuple[str, str], QSpinBox] = {}
        self._grid_shape: tuple[object, ...] = ()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        font = self.result.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.result.setFont(font)
        self.counted = QLabel()
        self.counted.setWordWrap(True)
        self.counted.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_error = ErrorLabel()

        self.disposition = QComboBox()
        self.disposition.addItem(words.tr("Not decided yet"), None)
        for disposition in Disposition:
            self.disposition.addItem(words.disposition_label(disposition), disposition.value)
        self.note = TextField()  # saved with the disposition (Ctrl+R), not on its own
        self.note.setPlaceholderText(words.tr("A note for the minutes (needed when going against the rule)"))
        self.record_button = QPushButton(words.tr("Re&cord (Ctrl+R)"))
        self.record_button.clicked.connect(self.record_disposition)
        self.recorded = QLabel()
        self.recorded.setWordWrap(True)
        self.recorded.setTextFormat(Qt.TextFormat.PlainText)
        self.dispose_error = ErrorLabel()
        dispose = QFormLayout()
        dispose.addRow(words.tr("Dispos&ition"), self.disposition)
        dispose.addRow(words.tr("N&ote"), self.note)
        dispose_buttons = QHBoxLayout()
        dispose_buttons.addWidget(self.record_button)
        self.project_actions = QPushButton(words.tr("Show the action &list on the projector"))
        self.project_actions.setCheckable(True)
        self.project_actions.toggled.connect(self.actions.project_actions)
        dispose_buttons.addWidget(self.project_actions)
        dispose_buttons.addStretch(1)

        self.detail = QWidget()
        detail = QVBoxLayout(self.detail)
        detail.addLayout(form)
        count_heading = QLabel(words.tr("The count (Tab moves on; every number is saved as typed)"))
        detail.addWidget(count_heading)
        detail.addWidget(self.counts_box)
        detail.addWidget(self.counts_error)
        detail.addWidget(self.result)
        detail.addWidget(self.counted)
        detail.addLayout(dispose)
        detail.addLayout(dispose_buttons)
        detail.addWidget(self.recorded)
        detail.addWidget(self.dispose_error)
        detail.addStretch(1)
        self.empty = QLabel(
            words.tr("No proposals yet. Press Insert to write the first one as the group words it.")
        )
        self.empty.setWordWrap(True)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.empty)
        holder_layout.addWidget(self.detail)
        scroll.setWidget(holder)

        proposals = QSplitter()
        proposals.addWidget(left)
        proposals.addWidget(scroll)
        proposals.setStretchFactor(0, 1)
        proposals.setStretchFactor(1, 2)
        self.tabs = QTabWidget()
        self.tabs.addTab(proposals, words.tr("&Proposals and decisions"))
        self.action_items = ActionItemsEditor(controller)
        self.tabs.addTab(self.action_items, words.tr("Action items"))
        self.parking = ParkingLotEditor(controller)
        self.tabs.addTab(self.parking, words.tr("Par&king lot"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        record_key = QShortcut(QKeySequence("Ctrl+R"), proposals)
        record_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        record_key.activated.connect(self.record_disposition)
        self.actions.changed.connect(self._changed)
        self.actions.projecting_actions.connect(self.project_actions.setChecked)
        controller.meeting_changed.connect(lambda _m: self._follow())
        controller.agenda_changed.connect(lambda _a: self._follow())
        controller.meeting_loaded.connect(lambda _d: self._follow())
        self._follow()

    # -- following the meeting -------------------------------------------------------------------
    def show_detail(self, detail: MeetingDetail) -> None:
        """Called by the Run page when its item changes."""
        self._follow()

    def _follow(self) -> None:
        detail = self.controller.detail
        item = detail.current_item if detail is not None else None
        if item is None or item.kind is not AgendaKind.DECISIONS:
            return
        self.item = item
        record = self.actions.current()
        if record is not None:
            self._changed(record)

    def _changed(self, record: MeetingRecord) -> None:
        if record.meeting_id != self.actions.meeting_id:
            return
        self.record = record
        self._fill()

    def _decisions(self) -> tuple[Decision, ...]:
        if self.record is None or self.item is None:
            return ()
        return self.record.decisions_of(self.item.id)

    def current(self) -> Decision | None:
        decisions = self._decisions()
        row = self.list.currentRow()
        return decisions[row] if 0 <= row < len(decisions) else None

    # -- filling ---------------------------------------------------------------------------------
    def _fill(self) -> None:
        record = self.record
        if record is None:
            return
        decisions = self._decisions()
        chosen = self.actions.current_id
        self._filling = True
        try:
            self.list.clear()
            for decision in decisions:
                item = QListWidgetItem(
                    f"{MARKS[decision.disposition]} {decision.number}. {decision.fields.wording}"
                )
                item.setData(Qt.ItemDataRole.UserRole, decision.id)
                self.list.addItem(item)
            row = next((i for i, d in enumerate(decisions) if d.id == chosen), 0 if decisions else -1)
            self.list.setCurrentRow(row)
            self.proposer.clear()
            self.proposer.addItem(words.tr("(nobody named)"), None)
            for person in record.people:
                self.proposer.addItem(person.name, person.id)
            detail = self.controller.detail
            if detail is not None:
                sources = [item.title for item in detail.agenda if item.kind is not AgendaKind.BREAK]
                if sources != self.sources.stringList():
                    self.sources.setStringList(sources)
            self.rule.clear()
            usual = record.collaborative_rule or DecisionRule()
            self.rule.addItem(words.tr("Our rule: %1").replace("%1", words.rule_summary(usual)), USUAL)
            for method in Method:
                self.rule.addItem(
                    words.tr("This time: %1").replace("%1", words.method_label(method)), method.value
                )
        finally:
            self._filling = False
        self._show_current()

    def _row_changed(self, _row: int) -> None:
        if self._filling:
            return
        decision = self.current()
        self.actions.set_current(decision.id if decision else None)
        self._pending.clear()
        for error in (self.fields_error, self.counts_error, self.dispose_error):
            error.clear_error()
        self._show_current()

    def _show_current(self) -> None:
        decision = self.current()
        self.empty.setVisible(decision is None)
        self.detail.setVisible(decision is not None)
        if decision is None or self.record is None:
            return
        self.actions.set_current(decision.id)
        fields = decision.fields
        self._filling = True
        try:
            self.wording.set_saved_text(fields.wording)
            self.proposer.setCurrentIndex(max(0, self.proposer.findData(fields.proposer_id)))
            self.draws_on.set_saved_text(fields.draws_on)
            self.rule.setCurrentIndex(
                max(0, self.rule.findData(fields.rule.method.value if fields.rule else USUAL))
            )
            overriding = fields.rule is not None
            self.override_row.setEnabled(overriding)
            self.quorum.setValue(fields.rule.quorum if fields.rule else decision.governing.quorum)
            self.reason.set_saved_text(fields.override_reason)
            self.scale.setCurrentIndex(self.scale.findData(fields.scale.value))
            self.attempt.setValue(fields.attempt)
            self.attempt.setVisible(decision.governing.method is Method.CONSENSUS_THEN_VOTE)
            self.by_sector.setChecked(fields.by_sector)
            self._fill_counts(decision)
            # A recorded decision keeps the count it was decided on; the hint says how to recount.
            recorded = decision.disposition is not None
            for widget in (
                self.counts_box,
                self.scale,
                self.attempt,
                self.by_sector,
                self.rule,
                self.override_row,
            ):
                widget.setEnabled(
                    not recorded and (widget is not self.override_row or fields.rule is not None)
                )
            # A disposition chosen and a note typed but not yet recorded survive a refresh (a
            # corrected count, someone arriving); a stored change, or another proposal, replaces them.
            stored = (
                decision.id,
                decision.disposition.value if decision.disposition else None,
                decision.note,
            )
            drafted = (decision.id, self.disposition.currentData(), self.note.text())
            if self._stored is None or drafted == self._stored or decision.id != self._stored[0]:
                self.disposition.setCurrentIndex(max(0, self.disposition.findData(stored[1])))
                self.note.setText(decision.note)
            self._stored = stored
        finally:
            self._filling = False
        self._show_result(decision)

    def _fill_counts(self, decision: Decision) -> None:
        assert self.record is not None
        scale = decision.fields.scale
        rows = (
            [(s.key, s.name or words.tr("No sector"), s.present) for s in self.record.sectors]
            if decision.fields.by_sector
            else [(OVERALL, "", self.record.present)]
        )
        shape = (decision.id, scale, tuple(rows))
        if shape != self._grid_shape:
            self._build_grid(scale, rows)
            self._grid_shape = shape
        for (key, choice), spin in self.spins.items():
            if (key, choice) in self._pending:
                continue  # the number typed stays in view until it can be saved
            if not spin.hasFocus():
                spin.blockSignals(True)
                spin.setValue(decision.counts.get(key, {}).get(choice, 0))
                spin.blockSignals(False)

    def _build_grid(self, scale: Scale, rows: list[tuple[str, str, int]]) -> None:
        while self.counts_grid.count():
            widget = self.counts_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.spins = {}
        for column, choice in enumerate(CHOICES[scale], start=1):
            self.counts_grid.addWidget(QLabel(words.choice_short(scale, choice)), 0, column)
        for row, (key, name, present) in enumerate(rows, start=1):
            if key != OVERALL:
                self.counts_grid.addWidget(
                    QLabel(words.tr("%1 (%2 present)").replace("%1", name).replace("%2", str(present))),
                    row,
                    0,
                )
            for column, choice in enumerate(CHOICES[scale], start=1):
                spin = QSpinBox()
                spin.setRange(0, 9999)
                # Saved on Tab or Enter, not per keystroke: typing 12 must not first store 1.
                spin.setKeyboardTracking(False)
                spin.setAccessibleName(f"{name} {words.choice_label(scale, choice)}".strip())
                spin.valueChanged.connect(lambda value, k=key, c=choice: self._count(k, c, value))
                self.counts_grid.addWidget(spin, row, column)
                self.spins[(key, choice)] = spin
        self.counts_grid.setColumnStretch(len(CHOICES[scale]) + 1, 1)

    def _show_result(self, decision: Decision) -> None:
        assert self.record is not None
        outcome = decision.outcome
        total = sum(decision.total.values())
        if outcome is not None:
            self.result.setText(words.carries_text(outcome))
        elif total > self.record.present:
            self.result.setText(words.tr("More counted than are present now: count again."))
        else:
            self.result.setText(words.tr("Nothing counted yet."))
        self.counted.setText(words.counted_text(total, self.record.present))
        if decision.disposition is not None:
            text = words.tr("Recorded: %1.").replace("%1", words.disposition_label(decision.disposition))
            if decision.against_rule:
                text += " " + words.tr("This goes against what the rule gave; the note says why.")
            self.recorded.setText(text)
        else:
            self.recorded.setText("")

    # -- changes ---------------------------------------------------------------------------------
    def _fields(self, decision: Decision) -> DecisionFields:
        choice = self.rule.currentData()
        rule = None
        if choice not in (USUAL, None):
            base = decision.governing
            rule = DecisionRule(Method(choice), self.quorum.value(), base.attempts, base.fallback)
        return DecisionFields(
            wording=self.wording.toPlainText(), proposer_id=self.proposer.currentData(),
            draws_on=self.draws_on.text(), rule=rule,
            override_reason=self.reason.text() if rule is not None else "",
            scale=Scale(self.scale.currentData()), attempt=self.attempt.value(),
            by_sector=self.by_sector.isChecked(),
        )  # fmt: skip

    def _save_fields(self) -> None:
        decision = self.current()
        if self._filling or decision is None:
            return
        fields = self._fields(decision)
        self.override_row.setEnabled(fields.rule is not None)
        if fields.rule is not None and not fields.override_reason:
            self.reason.setFocus()  # the reason comes next; saving waits for it
            self.fields_error.show_error(words.tr("Say why this decision uses another rule."))
            return
        if fields == decision.fields:
            return
        if self.actions.edit_decision(decision.id, fields):
            self.fields_error.clear_error()
        else:
            self.fields_error.show_error(self.actions.last_error)

    def _count(self, key: str, choice: str, value: int) -> None:
        """Save one number. A number that would count more people than are present waits in its box
        (not saved, and said so) and is saved as soon as the other numbers are corrected: a recount
        is typed one box at a time, so the first box typed cannot always fit yet."""
        decision = self.current()
        if self._filling or decision is None:
            return
        self._pending.pop((key, choice), None)
        if not self.actions.count(decision.id, key, choice, value):
            self._pending[(key, choice)] = value
        for (waiting_key, waiting_choice), waiting in list(self._pending.items()):
            if (waiting_key, waiting_choice) != (key, choice) and self.actions.count(
                decision.id, waiting_key, waiting_choice, waiting
            ):
                del self._pending[(waiting_key, waiting_choice)]
        if self._pending:
            labels = ", ".join(
                f"{words.choice_short(decision.fields.scale, c)} {v}" for (_k, c), v in self._pending.items()
            )
            self.counts_error.show_error(
                words.tr("Not saved yet: %1. %2 It is saved as soon as the numbers fit.")
                .replace("%1", labels)
                .replace("%2", self.actions.last_error)
            )
        else:
            self.counts_error.clear_error()

    def add_proposal(self, text: str = "", problem: str = "") -> None:
        """Ask for the wording; a refusal asks again with the words kept and the reason shown."""
        if self.item is None or self.record is None:
            return
        prompt = words.tr("The proposal, as the group words it:")
        if problem:
            prompt = f"{problem}\n\n{prompt}"
        text, ok = QInputDialog.getMultiLineText(self, words.tr("New proposal"), prompt, text)
        self.window().activateWindow()  # the keyboard comes back to the list after the dialog
        if not ok:
            return
        previous = self.current()
        fields = DecisionFields(wording=text, scale=previous.fields.scale if previous else Scale.VOTE)
        if not self.actions.add_decision(self.record.meeting_id, fields, self.item.id):
            self.add_proposal(text, self.actions.last_error)
            return
        decisions = self._decisions()
        if decisions:
            self.actions.set_current(decisions[-1].id)
            self._fill()
        self.list.setFocus()

    def record_disposition(self) -> None:
        decision = self.current()
        if decision is None:
            return
        # The note goes with the disposition: one step to undo, and the rule's check sees both.
        value = self.disposition.currentData()
        disposition = Disposition(value) if value is not None else None
        if self.actions.dispose(decision.id, disposition, self.note.text()):
            self.dispose_error.clear_error()
            shown = self.recorded
        else:
            self.dispose_error.show_error(self.actions.last_error)
            shown = self.dispose_error
        # On a small screen the answer may sit below the fold: bring it into view.
        QTimer.singleShot(0, self, lambda: self.scroll.ensureWidgetVisible(shown))

    def _list_key(self, event: QKeyEvent) -> bool:
        decision = self.current()
        key = event.key()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_Insert:
            self.add_proposal()
            return True
        if decision is None:
            return False
        if key == Qt.Key.Key_Delete:
            if decision.disposition is not None:
                answer = QMessageBox.question(
                    self, words.tr("Remove proposal"),
                    words.tr("This proposal is recorded as %1. Remove it from the minutes? Ctrl+Z brings it back.")
                    .replace("%1", words.disposition_label(decision.disposition).lower()),
                )  # fmt: skip
                self.window().activateWindow()
                if answer != QMessageBox.StandardButton.Yes:
                    return True
            self.actions.remove_decision(decision.id)
            return True
        if alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            # Past the neighbour in this item's list (the meeting's numbering runs across items).
            decisions = self._decisions()
            index = decisions.index(decision) + (-1 if key == Qt.Key.Key_Up else 1)
            if 0 <= index < len(decisions):
                self.actions.move_decision(decision.id, decisions[index].number - 1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            first = next(iter(self.spins.values()), None)
            if first is not None:
                first.setFocus()
                first.selectAll()
            return True
        return False
