"""The nominal group step on the facilitator's screen: Set up, then one tab per step of the method;
the projector follows the tab that is open, and each step keeps a timer of its own.

Keys: Alt+1 to Alt+8 open the tabs. Round robin: type the idea and press Enter; Alt+P passes,
Alt+U ends the round; on the order of turns Alt+Up/Down moves a person. Clarify: Up/Down puts
an idea on the projector; F2 rewords, Ctrl+M merges the chosen ideas (with the group's agreement),
Ctrl+Shift+M splits, Delete removes. Votes: type a card's numbers and press Enter; on the cards
F2 corrects one, Delete removes it. Result: Alt+Up/Down orders tied ideas.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import AgendaItem, AgendaKind
from facilitator.domain.record import DecisionFields
from facilitator.domain.timer import clock_text
from facilitator.techniques.brainstorming.model import IDEA_LIMIT
from facilitator.techniques.nominal_group.model import (
    MAX_PICKS,
    MAX_SEATS,
    MAX_STEP_MINUTES,
    Ballot,
    BallotProblem,
    BallotRefused,
    Convention,
    EditKind,
    Idea,
    NominalGroupView,
    Standing,
    Step,
    Vote,
    read_ballot,
    suggested_picks,
)
from facilitator.techniques.nominal_group.service import NOTE_LIMIT
from facilitator.techniques.nominal_group.ui import words
from facilitator.techniques.nominal_group.ui.actions import NominalGroupActions, actions
from facilitator.techniques.nominal_group.ui.words import tr
from facilitator.ui.controller import Controller
from facilitator.ui.item_panel import ItemPanel
from facilitator.ui.record_actions import record_actions
from facilitator.ui.record_widgets import hint
from facilitator.ui.timer import PartTimers, TimerController
from facilitator.ui.widgets import (
    ErrorLabel,
    Index,
    ItemFields,
    KeyFilter,
    LiveText,
    TextField,
    TextTableModel,
    ask_line,
    set_quietly,
)

STEPS = tuple(Step)
ROW_ROLE = Qt.ItemDataRole.UserRole


def idea_line(idea: Idea) -> str:
    return f"{idea.number}. {idea.text}"


def clarify_clock(view: NominalGroupView, now: float) -> str:
    """How long the idea on the projector has had, against its share of the step's time."""
    if view.clarify_started is None:
        return ""
    spent = max(0.0, now - view.clarify_started)
    return (
        tr("On this idea %1 · about %2 each")
        .replace("%1", clock_text(spent))
        .replace("%2", clock_text(view.seconds_each()))
    )


class RowsModel(TextTableModel):
    """Rows of text with the record each stands for; a change replaces them all at once."""

    def __init__(self, headers: tuple[str, ...]) -> None:
        super().__init__(headers)
        self.records: list[object] = []

    def record(self, row: int) -> object:
        return self.records[row]

    def set_rows(self, rows: Sequence[tuple[tuple[str, ...], object]]) -> None:
        self.beginResetModel()
        self._texts = [texts for texts, _record in rows]
        self.records = [record for _texts, record in rows]
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != self.text_column:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and getattr(self.records[index.row()], "split", False):
            return FLAGGED  # an idea worth discussing stands out in every column
        return super().data(index, role)

    text_column = -1  # the one column of words, left-aligned; numbers line up on the right


def table(model: RowsModel, name: str, stretch: int, widest: dict[int, str] | None = None) -> QTableView:
    """A read-only table of rows; ``widest`` gives a sample of the longest text of some columns."""
    widest = widest or {}
    view = QTableView()
    view.setModel(model)
    header = view.horizontalHeader()
    # Columns of numbers are as wide as their heading or a four-figure number, set once: sizing
    # them to their contents would read every row of a long list again for each card entered.
    # The words take the rest.
    metrics = view.fontMetrics()
    for column in range(model.columnCount()):
        heading = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max(metrics.horizontalAdvance(heading), metrics.horizontalAdvance(widest.get(column, "888")))
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(column, width + 18)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAccessibleName(name)
    return view


TALLY_WIDEST = {0: "=88", 1: "888", 3: "8888", 4: "888", 5: "8.8"}  # samples, for column widths
FLAGGED = QBrush(QColor("#8A5300"))  # the amber of the app's warnings, dark enough to read


def tally_model() -> RowsModel:
    model = RowsModel((tr("Place"), tr("No."), tr("Idea"), tr("Points"), tr("Cards"), tr("Mean rank")))
    model.text_column = 2
    return model


def tally_rows(view: NominalGroupView, standings: Sequence[Standing]) -> list[tuple[tuple[str, ...], object]]:
    rows: list[tuple[tuple[str, ...], object]] = []
    for s in standings:
        idea = view.by_number(s.number)
        rows.append(
            (
                (words.place_text(s), str(s.number),
                 # In amber (see RowsModel.data), and said after the words where there is room.
                 (idea.text if idea else "") + (f"  ({words.divided()})" if s.split else ""),
                 str(s.points), str(s.votes), words.mean_text(s)),
                s,
            )
        )  # fmt: skip
    return rows


def guidance_label(step: Step) -> QLabel:
    label = QLabel(words.guidance(step))
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName("guidance")
    return label


class MergeDialog(QDialog):
    """Merging needs the group's word: a box to tick, and a note of how they agreed."""

    def __init__(self, ideas: Sequence[Idea], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Merge ideas"))
        into = ideas[0]
        listed = "\n".join(idea_line(i) for i in ideas)
        what = QLabel(
            tr("These ideas become one, numbered %1, with its wording:").replace("%1", str(into.number))
            + "\n\n" + listed
        )  # fmt: skip
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.PlainText)
        self.agreed = QCheckBox(tr("The &group agrees these say the same thing"))
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText(tr("For example: agreed by all, no objections"))
        note_label = QLabel(tr("How the group agreed (&optional)"))
        note_label.setBuddy(self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Merge"))
        self.ok.setEnabled(False)
        self.agreed.toggled.connect(self.ok.setEnabled)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(self.agreed)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())


class VotePage(QWidget):
    """One vote: cards typed in as they come off the pile, and the tally as it grows."""

    def __init__(self, panel: NominalGroupPanel, vote: Vote) -> None:
        super().__init__()
        self.panel, self.vote = panel, vote
        self.correcting: int | None = None  # the card being corrected, if any
        self._people: tuple[object, ...] | None = None  # who the "Whose card" list was made from
        step = Step.PRELIMINARY if vote is Vote.PRELIMINARY else Step.FINAL
        self.instruction = QLabel()
        self.instruction.setWordWrap(True)
        self.instruction.setStyleSheet("font-weight: 600;")
        self.who = QComboBox()
        self.who.setAccessibleName(tr("Whose card"))
        who_label = QLabel(tr("&Whose card"))
        who_label.setBuddy(self.who)
        self.entry = TextField()
        self.entry.setPlaceholderText(tr("The card's numbers, most important first: 7 3 12 1 5"))
        self.entry.setAccessibleName(tr("Card"))
        self.entry.returnPressed.connect(self.enter)
        self.entry.textChanged.connect(self._check_typed)
        self.entry.installEventFilter(KeyFilter(self._entry_key, self))
        entry_label = QLabel(tr("&Card"))
        entry_label.setBuddy(self.entry)
        self.enter_button = QPushButton(tr("E&nter card"))
        self.enter_button.clicked.connect(self.enter)
        row = QHBoxLayout()
        row.addWidget(who_label)
        row.addWidget(self.who)
        row.addWidget(entry_label)
        row.addWidget(self.entry, 1)
        row.addWidget(self.enter_button)
        self.status = LiveText()  # changes with every card: repaints itself, not the page
        self.typed_problem = QLabel()
        self.typed_problem.setStyleSheet("color: #8A5300; font-weight: 600;")
        self.typed_problem.hide()
        self.cards_model = RowsModel((tr("Card"), tr("Numbers, most important first"), tr("Whose")))
        self.cards_model.text_column = 1
        self.cards = table(self.cards_model, tr("Cards entered"), 1, {0: "888", 2: "anonymous"})
        self.cards.installEventFilter(KeyFilter(self._cards_key, self))
        self.tally_model = tally_model()
        self.tally = table(self.tally_model, tr("Tally"), 2, TALLY_WIDEST)
        split = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.cards, 1)
        left_layout.addWidget(hint(tr("On a card: F2 corrects it, Delete removes it.")))
        split.addWidget(left)
        split.addWidget(self.tally)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(guidance_label(step))
        layout.addWidget(self.instruction)
        layout.addLayout(row)
        layout.addWidget(self.typed_problem)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

    def fill(self, view: NominalGroupView) -> None:
        convention, picks = view.rules_of(self.vote)
        self.instruction.setText(
            words.card_instruction(picks, convention) + "  " + words.scoring_text(convention, picks)
        )
        # Going by seat number keeps names out of it: every card is anonymous.
        people = () if view.settings.anonymous else view.present
        if people != self._people:  # a new list only when someone came or went
            self._people = people
            chosen = self.who.currentData()
            self.who.blockSignals(True)
            self.who.clear()
            self.who.addItem(tr("Anonymous"), None)
            for person in people:
                self.who.addItem(person.name, person.id)
            self.who.setCurrentIndex(max(0, self.who.findData(chosen)))
            self.who.blockSignals(False)
        cards = view.cards(self.vote)
        row = self.cards.currentIndex().row()
        self.cards_model.set_rows(
            [((str(b.card), "  ".join(str(n) for n in b.ranks),
               view.people.get(b.person_id, "") if b.person_id else tr("anonymous")), b) for b in cards]
        )  # fmt: skip
        if cards and row >= 0:  # the keys stay on the row they were on (Delete, Delete removes two)
            self.cards.setCurrentIndex(self.cards_model.index(min(row, len(cards) - 1), 0))
        standings = view.tally(self.vote)
        self.tally_model.set_rows(tally_rows(view, standings))
        present = len(view.present)
        status = words.plural(len(cards), tr("1 card in; %2 present"), tr("%1 cards in; %2 present")).replace(
            "%2", str(present)
        )
        if any(st.split for st in standings):
            status += "  ·  " + tr("Amber: worth discussing")
        if present and len(cards) > present:
            status = (
                tr("%1 cards but only %2 present: check for a card typed twice")
                .replace("%1", str(len(cards)))
                .replace("%2", str(present))
            )
        self.status.setText(status)
        if self.correcting is not None and all(b.id != self.correcting for b in cards):
            self._stop_correcting()

    def _check_typed(self, typed: str) -> None:
        """A number typed twice, or one not on the list, is said at once; a count is judged on Enter."""
        view = self.panel.view
        problem = ""
        if view is not None and typed.strip():
            try:
                read_ballot(typed, view.numbers(), MAX_PICKS * 100, view.merged_numbers())
            except BallotRefused as refused:
                if refused.problem not in (BallotProblem.TOO_FEW, BallotProblem.TOO_MANY):
                    problem = words.refusal(refused) or ""
        self.typed_problem.setText(problem)
        self.typed_problem.setVisible(bool(problem))

    def enter(self) -> None:
        panel = self.panel
        typed = self.entry.text()
        if panel.item is None:
            return
        if not typed.strip():
            return  # an empty Enter is a pause between cards, not a mistake
        person = self.who.currentData()
        if self.correcting is not None:
            done = panel.actions.correct_ballot(self.correcting, typed, person)
        else:
            done = panel.actions.add_ballot(panel.item.id, self.vote, typed, person)
        if done:
            self._stop_correcting()
            self.entry.reset()
            self.who.setCurrentIndex(0)
            panel.message.clear_error()
            self.cards.scrollToBottom()
        self.entry.setFocus()

    def _chosen(self) -> Ballot | None:
        index = self.cards.currentIndex()
        record = self.cards_model.record(index.row()) if index.isValid() else None
        return record if isinstance(record, Ballot) else None

    def _cards_key(self, event: QKeyEvent) -> bool:
        card = self._chosen()
        if card is None:
            return False
        if event.key() == Qt.Key.Key_Delete:
            self.panel.actions.remove_ballot(card.id)
            return True
        if event.key() in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.correct(card)
            return True
        return False

    def correct(self, card: Ballot) -> None:
        self.correcting = card.id
        view = self.panel.view
        if card.person_id is not None and self.who.findData(card.person_id) < 0 and view is not None:
            # Someone who has left since: their name stays on the card being corrected.
            self.who.addItem(view.people.get(card.person_id, ""), card.person_id)
            self._people = None  # the list is made again after the correction
        self.entry.reset(" ".join(str(n) for n in card.ranks))
        self.who.setCurrentIndex(max(0, self.who.findData(card.person_id)))
        self.enter_button.setText(tr("Save the correctio&n"))
        self.status.setText(
            tr("Correcting card %1: Enter saves it, Escape leaves it as it was.").replace(
                "%1", str(card.card)
            )
        )
        self.entry.setFocus()
        self.entry.selectAll()

    def _entry_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self.correcting is not None:
            self._stop_correcting()
            self.entry.reset()
            self.who.setCurrentIndex(0)  # the next card is anonymous again, not the corrected one's
            if self.panel.view is not None:
                self.fill(self.panel.view)
            return True
        return False

    def _stop_correcting(self) -> None:
        self.correcting = None
        self.enter_button.setText(tr("E&nter card"))


class NominalGroupPanel(ItemPanel):
    kind = AgendaKind.NOMINAL_GROUP

    def __init__(self, controller: Controller, timer: TimerController, parent: QWidget | None = None) -> None:
        super().__init__(controller, actions(controller), parent)
        self.timer = timer
        self.actions: NominalGroupActions
        self.view: NominalGroupView | None
        self._focus: QWidget | None = None  # to take the keyboard once the step is on screen
        # Each step's own countdown, kept while the group is in another step.
        self.parts = PartTimers(timer, self._current_item_id)
        self._clarify_shape: tuple[object, ...] | None = None  # the list the Clarify tree was built from

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Eight tabs fit beside the agenda on a laptop screen with a little less padding.
        self.tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 4px 7px; }")
        self.tabs.addTab(self._build_setup(), tr("&1 Set up"))
        builders: dict[Step, Callable[[], QWidget]] = {
            Step.GENERATE: self._build_generate,
            Step.ROUND_ROBIN: self._build_round_robin,
            Step.CLARIFY: self._build_clarify,
            Step.PRELIMINARY: lambda: self.first_vote,
            Step.DISCUSS: self._build_discuss,
            Step.FINAL: lambda: self.final_vote,
            Step.RESULT: self._build_result,
        }
        self.first_vote = VotePage(self, Vote.PRELIMINARY)
        self.final_vote = VotePage(self, Vote.FINAL)
        for number, step in enumerate(STEPS, start=2):
            self.tabs.addTab(builders[step](), f"&{number} {words.tab_label(step)}")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.message = ErrorLabel()
        self.note = hint("")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Refusals and notes above the tabs: below a tall step they would be out of sight.
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)
        self.setStyleSheet("QLabel#guidance { padding: 2px 0 4px 0; }")
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)

        self.actions.failed.connect(self.message.show_error)
        self.follow_the_meeting()

    # == building =================================================================================
    def _build_setup(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.fields = ItemFields(form, tr("&Question"), tr("&Whole item"), tr(" min"))
        self.question, self.item_minutes = self.fields.question, self.fields.minutes
        self.question.committed.connect(self._save_item)
        self.item_minutes.valueChanged.connect(lambda _v: self._save_item())
        grid = QGridLayout()
        self.step_minutes: dict[Step, QSpinBox] = {}
        for index, step in enumerate(STEPS):
            box = QSpinBox()
            box.setRange(1, MAX_STEP_MINUTES)
            box.setSuffix(tr(" min"))
            box.setKeyboardTracking(False)
            box.setAccessibleName(tr("Time for %1").replace("%1", words.step_label(step)))
            box.valueChanged.connect(lambda value, s=step: self._save_minutes(s, value))
            self.step_minutes[step] = box
            grid.addWidget(QLabel(words.step_label(step)), index // 2, (index % 2) * 2)
            grid.addWidget(box, index // 2, (index % 2) * 2 + 1)
        form.addRow(tr("Time for each step"), grid)
        self.steps_total = hint("")
        form.addRow("", self.steps_total)
        self.picks = QSpinBox()
        self.picks.setRange(0, MAX_PICKS)
        self.picks.setKeyboardTracking(False)
        self.picks.valueChanged.connect(self._save_picks)
        picks_label = QLabel(tr("&Picks on each card"))
        picks_label.setBuddy(self.picks)
        form.addRow(picks_label, self.picks)
        self.convention = QComboBox()
        for convention in Convention:
            self.convention.addItem(words.convention_label(convention), convention)
        self.convention.currentIndexChanged.connect(lambda _i: self._save_convention())
        convention_label = QLabel(tr("Scor&ing"))
        convention_label.setBuddy(self.convention)
        form.addRow(convention_label, self.convention)
        self.by_seat = QCheckBox(tr("Take turns and hand in cards by seat &number, not by name"))
        self.by_seat.toggled.connect(lambda _on: self._save_turns())
        self.seats = QSpinBox()
        self.seats.setRange(1, MAX_SEATS)
        self.seats.setValue(8)
        self.seats.setKeyboardTracking(False)
        self.seats.valueChanged.connect(lambda _v: self._save_turns())
        seats_label = QLabel(tr("Se&ats"))
        seats_label.setBuddy(self.seats)
        seat_row = QHBoxLayout()
        seat_row.addWidget(self.by_seat)
        seat_row.addWidget(seats_label)
        seat_row.addWidget(self.seats)
        seat_row.addStretch(1)
        form.addRow("", seat_row)
        form.addRow("", hint(tr("Everything is saved as you go; Ctrl+Z takes back the last change. Going back to "
                                "an earlier step keeps everything entered in later ones.")))  # fmt: skip
        return page

    def _build_generate(self) -> QWidget:
        page = QWidget()
        self.generate_question = QLabel()
        self.generate_question.setWordWrap(True)
        self.generate_question.setTextFormat(Qt.TextFormat.PlainText)
        self.generate_question.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.generate_time = QLabel()
        layout = QVBoxLayout(page)
        layout.addWidget(guidance_label(Step.GENERATE))
        layout.addWidget(self.generate_question)
        layout.addWidget(self.generate_time)
        layout.addStretch(1)
        return page

    def _build_round_robin(self) -> QWidget:
        page = QWidget()
        self.turn = QLabel()
        self.turn.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.turn.setTextFormat(Qt.TextFormat.PlainText)
        self.turn_detail = QLabel()
        self.capture = TextField()
        self.capture.setMaxLength(IDEA_LIMIT)
        self.capture.setPlaceholderText(tr("Type the idea read out and press Enter"))
        self.capture.setAccessibleName(tr("Idea read out"))
        self.capture.returnPressed.connect(self.record_idea)
        self.capture.textChanged.connect(self._flag_duplicate)
        capture_label = QLabel(tr("&Idea"))
        capture_label.setBuddy(self.capture)
        self.pass_button = QPushButton(tr("&Pass"))
        self.pass_button.clicked.connect(self.pass_turn)
        self.end_button = QPushButton(tr("End the ro&und"))
        self.end_button.clicked.connect(self.end_or_reopen)
        row = QHBoxLayout()
        row.addWidget(capture_label)
        row.addWidget(self.capture, 1)
        row.addWidget(self.pass_button)
        row.addWidget(self.end_button)
        self.duplicate = QLabel()
        self.duplicate.setStyleSheet("color: #8A5300; font-weight: 600;")
        self.order = QListWidget()
        self.order.setAccessibleName(tr("Order of turns"))
        self.order.installEventFilter(KeyFilter(self._order_key, self))
        order_box = QWidget()
        order_layout = QVBoxLayout(order_box)
        order_layout.setContentsMargins(0, 0, 0, 0)
        order_title = QLabel(tr("&Order of turns"))
        order_title.setBuddy(self.order)
        order_layout.addWidget(order_title)
        order_layout.addWidget(self.order, 1)
        order_layout.addWidget(hint(tr("Alt+Up/Down moves the chosen person")))
        self.recorded = QListWidget()
        self.recorded.setAccessibleName(tr("Ideas recorded"))
        self.recorded.setWordWrap(True)
        self.recorded.installEventFilter(KeyFilter(self._idea_key, self))
        ideas_box = QWidget()
        ideas_layout = QVBoxLayout(ideas_box)
        ideas_layout.setContentsMargins(0, 0, 0, 0)
        self.recorded_title = QLabel()
        self.recorded_title.setBuddy(self.recorded)
        ideas_layout.addWidget(self.recorded_title)
        ideas_layout.addWidget(self.recorded, 1)
        ideas_layout.addWidget(hint(tr("F2 rewords the chosen idea, Delete removes it")))
        split = QSplitter()
        split.addWidget(order_box)
        split.addWidget(ideas_box)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([260, 650])
        layout = QVBoxLayout(page)
        layout.addWidget(guidance_label(Step.ROUND_ROBIN))
        layout.addWidget(self.turn)
        layout.addWidget(self.turn_detail)
        layout.addLayout(row)
        layout.addWidget(self.duplicate)
        layout.addWidget(split, 1)
        return page

    def _build_clarify(self) -> QWidget:
        page = QWidget()
        self.clarify_tree = QTreeWidget()
        self.clarify_tree.setHeaderHidden(True)
        self.clarify_tree.setWordWrap(True)
        self.clarify_tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.clarify_tree.setAccessibleName(tr("Ideas to clarify"))
        self.clarify_tree.currentItemChanged.connect(lambda node, _old: self._put_up(node))
        self.clarify_tree.installEventFilter(KeyFilter(self._clarify_key, self))
        self.clarify_clock = QLabel()
        self.clarify_clock.setStyleSheet("font-weight: 600;")
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        buttons = QHBoxLayout()
        for text, slot in (
            (tr("Re&word…"), self.reword),
            (tr("Merge &into one…"), self.merge),
            (tr("S&plit"), self.split),
            (tr("Rem&ove"), self.remove_chosen),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.clarify_clock)
        history_title = QLabel(tr("Changes to this idea"))
        history_title.setStyleSheet("font-weight: 600;")
        side_layout.addWidget(history_title)
        side_layout.addWidget(self.history, 1)
        split = QSplitter()
        split.addWidget(self.clarify_tree)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(page)
        layout.addWidget(guidance_label(Step.CLARIFY))
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint(tr("Up/Down puts an idea on the projector · F2 rewords (every wording is kept) · "
                                 "Ctrl+M merges the chosen ideas into the one you are on · Ctrl+Shift+M splits · "
                                 "Delete removes")))  # fmt: skip
        return page

    def _build_discuss(self) -> QWidget:
        page = QWidget()
        self.discuss_summary = QLabel()
        self.discuss_summary.setWordWrap(True)
        self.discuss_model = tally_model()
        self.discuss_table = table(self.discuss_model, tr("First vote"), 2, TALLY_WIDEST)
        layout = QVBoxLayout(page)
        layout.addWidget(guidance_label(Step.DISCUSS))
        layout.addWidget(self.discuss_summary)
        layout.addWidget(self.discuss_table, 1)
        return page

    def _build_result(self) -> QWidget:
        page = QWidget()
        self.result_summary = QLabel()
        self.result_summary.setWordWrap(True)
        self.ties = QLabel()
        self.ties.setWordWrap(True)
        self.ties.setTextFormat(Qt.TextFormat.PlainText)
        self.ties.setStyleSheet("color: #8A5300; font-weight: 600;")
        self.result_model = tally_model()
        self.result_table = table(self.result_model, tr("The group's priorities"), 2, TALLY_WIDEST)
        self.result_table.installEventFilter(KeyFilter(self._result_key, self))
        self.top_count = QSpinBox()
        self.top_count.setRange(1, 50)
        self.top_count.setValue(5)
        top_label = QLabel(tr("T&op"))
        top_label.setBuddy(self.top_count)
        propose = QPushButton(tr("&Put them to the group as a decision"))
        propose.clicked.connect(self.propose)
        row = QHBoxLayout()
        row.addWidget(top_label)
        row.addWidget(self.top_count)
        row.addWidget(propose)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(guidance_label(Step.RESULT))
        layout.addWidget(self.result_summary)
        layout.addWidget(self.ties)
        layout.addWidget(self.result_table, 1)
        layout.addLayout(row)
        return page

    # == following the meeting ====================================================================
    def _item_shown(self, item: AgendaItem, first: bool) -> None:
        self.fields.show(item.prompt, item.minutes)
        if first:
            # Nothing half-typed for another nominal group carries over to this one.
            self.capture.reset()
            for page in (self.first_vote, self.final_vote):
                page.entry.reset()
                page.correcting = None
            self.message.clear_error()
            self.note.clear()

    # == filling ==================================================================================
    def _fill(self, view: NominalGroupView) -> None:
        self.view = view
        arriving, self._arriving = self._arriving, False
        self._filling = True
        try:
            settings = view.settings
            for step, box in self.step_minutes.items():
                set_quietly(box, settings.minutes_for(step))
            self._show_total(settings.minutes, self.item.minutes if self.item is not None else 0)
            suggestion = (
                tr("As suggested (%1 for %2)").replace("%1", str(suggested_picks(len(view.listed))))
                .replace("%2", words.ideas_text(len(view.listed)))
                if view.listed
                else tr("As suggested for the list (five, more for a long one)")
            )  # fmt: skip
            if suggestion != self.picks.specialValueText():  # a new text lays the form out again
                self.picks.setSpecialValueText(suggestion)
            set_quietly(self.picks, settings.picks or 0)
            if self.convention.currentData() != settings.convention:
                self.convention.setCurrentIndex(self.convention.findData(settings.convention))
            self.by_seat.setChecked(settings.anonymous)
            if settings.anonymous:
                set_quietly(self.seats, settings.seats)
            self.seats.setEnabled(settings.anonymous)
            self.picks.setEnabled(settings.convention is not Convention.RANK_ALL)  # every idea is ranked
            if arriving or self.tabs.currentIndex() != 0:
                self.tabs.setCurrentIndex(1 + STEPS.index(settings.step))
            self._fill_step(view)
        finally:
            self._filling = False
        if arriving:
            QTimer.singleShot(0, self, lambda: self._arrive_timer(view))
            self._focus = self._focus_for(settings.step)
            if self.isVisible():
                self._take_focus()
        self._flag_duplicate(self.capture.text())

    def _fill_step(self, view: NominalGroupView) -> None:
        """Every tab shows the same item; a change refills the one open and any opened later."""
        index = self.tabs.currentIndex()
        if index == 0:
            return
        step = STEPS[index - 1]
        {
            Step.GENERATE: self._fill_generate,
            Step.ROUND_ROBIN: self._fill_round_robin,
            Step.CLARIFY: self._fill_clarify,
            Step.PRELIMINARY: self.first_vote.fill,
            Step.DISCUSS: self._fill_discuss,
            Step.FINAL: self.final_vote.fill,
            Step.RESULT: self._fill_result,
        }[step](view)
        if step is Step.CLARIFY:
            self._ticker.start()
        else:
            self._ticker.stop()

    def _fill_generate(self, view: NominalGroupView) -> None:
        self.generate_question.setText(view.question)
        self.generate_time.setText(
            tr(
                "Time for silent writing: %1 minutes. The timer above counts this step; Ctrl+T starts it."
            ).replace("%1", str(view.settings.minutes_for(Step.GENERATE)))
        )

    def _fill_round_robin(self, view: NominalGroupView) -> None:
        robin = view.robin
        self.turn.setText(words.turn_text(view))
        detail = words.ideas_text(len(view.listed))
        if robin.order and not robin.ended:
            passes = (
                words.plural(robin.passes, tr("1 pass in a row"), tr("%1 passes in a row"))
                if robin.passes
                else tr("no passes yet")
            )
            ends = tr("the round ends when all %1 pass in a row").replace("%1", str(len(robin.order)))
            detail += f" · {passes} ({ends})"
        self.turn_detail.setText(detail)
        self.end_button.setText(tr("Go on with the ro&und") if robin.ended else tr("End the ro&und"))
        self.pass_button.setEnabled(bool(robin.order) and not robin.ended)
        chosen = self.order.currentRow()
        self.order.clear()
        passed = (
            {robin.order[(robin.turn - k) % len(robin.order)] for k in range(1, robin.passes + 1)}
            if robin.order
            else set()
        )
        for position, who in enumerate(robin.order):
            name = tr("Seat %1").replace("%1", str(who)) if view.settings.anonymous else view.name_of(who)
            mark = "▶ " if who == robin.current else ""
            after = "  (" + tr("passed") + ")" if who in passed else ""
            node = QListWidgetItem(f"{mark}{position + 1}. {name}{after}")
            if who == robin.current:
                font = node.font()
                font.setBold(True)
                node.setFont(font)
            node.setData(ROW_ROLE, who)
            self.order.addItem(node)
        if 0 <= chosen < self.order.count():
            self.order.setCurrentRow(chosen)
        self.recorded_title.setText(tr("Ideas recorded (%1)").replace("%1", str(len(view.listed))))
        row = self.recorded.currentRow()
        self.recorded.clear()
        for idea in view.listed:
            node = QListWidgetItem(idea_line(idea))
            node.setData(ROW_ROLE, idea.id)
            self.recorded.addItem(node)
        if 0 <= row < self.recorded.count():
            self.recorded.setCurrentRow(row)
        self.recorded.scrollToBottom()

    def _fill_clarify(self, view: NominalGroupView) -> None:
        tree = self.clarify_tree
        shape = tuple((i.id, i.text, tuple(p.id for p in view.parts(i.id))) for i in view.listed)
        # The tree is built again only when the list changed: moving the cursor (which puts an idea
        # up) must not rebuild it under the keys, or Shift+Down would lose its selection.
        if shape != self._clarify_shape:
            self._clarify_shape = shape
            tree.clear()
            for idea in view.listed:
                text = idea_line(idea)
                if idea.edited:
                    text += "  " + tr("(reworded)")
                node = QTreeWidgetItem([text])
                node.setData(0, ROW_ROLE, idea.id)
                node.setToolTip(0, text)
                tree.addTopLevelItem(node)
                for part in view.parts(idea.id):
                    child = QTreeWidgetItem([idea_line(part) + "  " + tr("(merged in)")])
                    child.setData(0, ROW_ROLE, part.id)
                    node.addChild(child)
                node.setExpanded(True)
        current = self._current_idea()
        shown = view.idea(current) if current is not None else None
        on_it = shown is not None and view.clarifying in (shown.id, shown.merged_into)
        if view.clarifying is not None and not on_it:
            for index in range(tree.topLevelItemCount()):
                node = tree.topLevelItem(index)
                if node.data(0, ROW_ROLE) == view.clarifying:
                    tree.setCurrentItem(node)
                    break
        self._show_history(view)
        self._tick()

    def _fill_discuss(self, view: NominalGroupView) -> None:
        cards = view.cards(Vote.PRELIMINARY)
        convention, picks = view.rules_of(Vote.PRELIMINARY)
        standings = view.tally(Vote.PRELIMINARY)
        split = [s for s in standings if s.split]
        text = words.votes_text(len(cards)) + ". " + words.scoring_text(convention, picks)
        if split:
            text += " " + tr(
                "Worth discussing: ideas %1 (ranked high by some and low by others, or chosen by many but "
                "only low down)."
            ).replace("%1", ", ".join(str(s.number) for s in split))
        self.discuss_summary.setText(text)
        self.discuss_model.set_rows(tally_rows(view, standings))

    def _fill_result(self, view: NominalGroupView) -> None:
        vote = Vote.FINAL if view.cards(Vote.FINAL) else Vote.PRELIMINARY
        convention, picks = view.rules_of(vote)
        result = view.result()
        which = (
            tr("From the final vote")
            if vote is Vote.FINAL
            else tr("From the first vote (the final vote has no cards yet)")
        )
        self.result_summary.setText(
            which
            + ": "
            + words.votes_text(len(view.cards(vote)))
            + ". "
            + words.scoring_text(convention, picks)
        )
        groups: dict[int, list[int]] = {}
        for s in result:
            if s.tied:
                groups.setdefault(s.place, []).append(s.number)
        ordered = set(view.settings.tie_order)
        lines = [
            (
                tr("Ideas %1 share place %2; the group put them in this order.")
                if ordered.issuperset(numbers)
                else tr("Ideas %1 share place %2.")
            )
            .replace("%1", ", ".join(map(str, numbers)))
            .replace("%2", str(place))
            for place, numbers in groups.items()
        ]
        if lines:
            lines.append(tr("To change the order of tied ideas, choose one and press Alt+Up or Alt+Down."))
        self.ties.setText(" ".join(lines))
        self.ties.setVisible(bool(lines))
        row = self.result_table.currentIndex().row()
        self.result_model.set_rows(tally_rows(view, result))
        if row >= 0:
            self.result_table.selectRow(min(row, len(result) - 1))
        self.top_count.setMaximum(max(1, len(result)))

    # == steps and timers =========================================================================
    def _tab_changed(self, index: int) -> None:
        if self.view is not None:
            filling, self._filling = self._filling, True
            try:
                self._fill_step(self.view)
            finally:
                self._filling = filling
        if self._filling or self.item is None or index <= 0:
            return
        self.message.clear_error()
        self.note.clear()  # it spoke of the step left
        step = STEPS[index - 1]
        if self.actions.set_step(self.item.id, step):
            self._switch_timer(step)
        focus = self._focus_for(step)
        if focus is not None:
            focus.setFocus()

    def _focus_for(self, step: Step) -> QWidget | None:
        return {
            Step.ROUND_ROBIN: self.capture,
            Step.CLARIFY: self.clarify_tree,
            Step.PRELIMINARY: self.first_vote.entry,
            Step.FINAL: self.final_vote.entry,
            Step.RESULT: self.result_table,
            Step.DISCUSS: self.discuss_table,
        }.get(step)

    def _switch_timer(self, step: Step) -> None:
        """Each step counts its own time box; a step left and come back to finds its timer as it was."""
        if self.item is not None and self.view is not None:
            self.parts.switch(self.item.id, step, self.view.settings.minutes_for(step))

    def _arrive_timer(self, view: NominalGroupView) -> None:
        step = view.settings.step
        self.parts.arrive(view.item_id, step, view.settings.minutes_for(step))

    def _tick(self) -> None:
        view = self.view
        if view is not None:
            self.clarify_clock.setText(clarify_clock(view, time.time()))

    # == set-up ===================================================================================
    def _save_item(self, *_args: object) -> None:
        if not self._filling and self.item is not None:
            self.fields.save(self.controller, self.item)

    def _show_total(self, boxes: Sequence[tuple[Step, int]], whole: int) -> None:
        total = sum(minutes for _step, minutes in boxes)
        self.steps_total.setText(
            tr("The steps add up to %1 min, more than the %2 min the whole item has on the agenda.")
            .replace("%1", str(total))
            .replace("%2", str(whole))
            if total > whole
            else tr("The steps add up to %1 min of the item's %2.")
            .replace("%1", str(total))
            .replace("%2", str(whole))
        )

    def _save_minutes(self, step: Step, minutes: int) -> None:
        if self._filling or self.item is None:
            return
        if self.actions.set_minutes(self.item.id, step, minutes) and self.parts.part == (self.item.id, step):
            self.timer.set_time_box(minutes, part=True)

    def _save_picks(self, picks: int) -> None:
        if self._filling or self.item is None or self.view is None:
            return
        if not self.actions.set_picks(self.item.id, picks or None):
            set_quietly(self.picks, self.view.settings.picks or 0)

    def _save_convention(self) -> None:
        if self._filling or self.item is None or self.view is None:
            return
        if not self.actions.set_convention(self.item.id, self.convention.currentData()):
            self._fill(self.view)

    def _save_turns(self) -> None:
        if self._filling or self.item is None or self.view is None:
            return
        if self.by_seat.isChecked() and not self.view.settings.anonymous and self.view.present:
            set_quietly(self.seats, len(self.view.present))  # a seat for each person here
        if not self.actions.set_anonymous(self.item.id, self.by_seat.isChecked(), self.seats.value()):
            self._fill(self.view)

    # == round robin ==============================================================================
    def record_idea(self) -> None:
        if self.item is None:
            return
        text = self.capture.text()
        if not text.strip():
            return  # an empty Enter is a pause, not a pass: passing is Alt+P
        if self.actions.record_idea(self.item.id, text):
            self.capture.reset()
            self.message.clear_error()
        self.capture.setFocus()

    def pass_turn(self) -> None:
        if self.item is not None and self.actions.pass_turn(self.item.id):
            self.message.clear_error()
            view = self.view
            if view is not None and view.robin.ended:
                self.note.setText(
                    tr("Everyone passed in a row: the round robin is over. Next: Clarify (Alt+4).")
                )
        self.capture.setFocus()

    def end_or_reopen(self) -> None:
        view = self.view
        if self.item is None or view is None:
            return
        if view.robin.ended:
            if self.actions.reopen_round(self.item.id):
                self.note.clear()  # it no longer says the round is over
        else:
            self.actions.end_round(self.item.id)
        self.capture.setFocus()

    def _flag_duplicate(self, text: str) -> None:
        view = self.view
        same = view.duplicate_of(text) if view is not None and text.strip() else None
        self.duplicate.setText(
            tr("Idea %1 already says exactly this.").replace("%1", str(same.number)) if same else ""
        )
        self.duplicate.setVisible(same is not None)

    def _order_key(self, event: QKeyEvent) -> bool:
        view = self.view
        if view is None or self.item is None or event.modifiers() != Qt.KeyboardModifier.AltModifier:
            return False
        if event.key() not in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return False
        row = self.order.currentRow()
        target = row + (-1 if event.key() == Qt.Key.Key_Up else 1)
        order = list(view.robin.order)
        if 0 <= row < len(order) and 0 <= target < len(order):
            order[row], order[target] = order[target], order[row]
            if self.actions.reorder(self.item.id, order):
                self.order.setCurrentRow(target)
        return True

    def _idea_key(self, event: QKeyEvent) -> bool:
        node = self.recorded.currentItem()
        if node is None:
            return False
        idea_id = int(node.data(ROW_ROLE))
        if event.key() == Qt.Key.Key_Delete:
            self.actions.remove_idea(idea_id)
            return True
        if event.key() == Qt.Key.Key_F2:
            self._reword(idea_id)
            return True
        return False

    # == clarification ============================================================================
    def _current_idea(self) -> int | None:
        node = self.clarify_tree.currentItem()
        value = node.data(0, ROW_ROLE) if node is not None else None
        return int(value) if value else None

    def _chosen(self) -> list[int]:
        """The chosen ideas, the current one first (it is the one others merge into)."""
        current = self._current_idea()
        chosen = [int(n.data(0, ROW_ROLE)) for n in self.clarify_tree.selectedItems()]
        if current is not None:
            chosen = [current, *[c for c in chosen if c != current]]
        return chosen

    def _put_up(self, node: QTreeWidgetItem | None) -> None:
        if self._filling or self.item is None or self.view is None or node is None:
            return
        idea = self.view.idea(int(node.data(0, ROW_ROLE)))
        if idea is None:
            return
        target = idea.merged_into or idea.id  # a part is shown inside the idea that holds it
        self.actions.clarify(self.item.id, target)
        self._show_history(self.view)
        self._tick()

    def _show_history(self, view: NominalGroupView) -> None:
        idea_id = self._current_idea()
        idea = view.idea(idea_id) if idea_id is not None else None
        if idea is None:
            self.history.setText("")
            return
        lines = [tr("First recorded as: %1").replace("%1", idea.original)]
        for edit in view.history(idea.id):
            if edit.kind is EditKind.REWORDED:
                lines.append(tr("%1 reworded to: %2").replace("%1", edit.at).replace("%2", edit.after))
            elif edit.kind is EditKind.MERGED:
                line = (
                    tr("%1 idea %2 merged in: %3")
                    .replace("%1", edit.at)
                    .replace("%2", str(edit.other_number))
                    .replace("%3", edit.before)
                )
                lines.append(line + (f" ({edit.note})" if edit.note else ""))
            else:
                lines.append(
                    tr("%1 idea %2 split out again")
                    .replace("%1", edit.at)
                    .replace("%2", str(edit.other_number))
                )
        self.history.setText("\n".join(lines))

    def reword(self) -> None:
        idea_id = self._current_idea()
        if idea_id is None:
            self.message.show_error(tr("Choose an idea first."))
            return
        self._reword(idea_id)

    def _reword(self, idea_id: int) -> None:
        idea = self.view.idea(idea_id) if self.view is not None else None
        if idea is None:
            return
        ask_line(
            self,
            tr("Reword idea %1").replace("%1", str(idea.number)),
            tr("The wording the group agrees on (every earlier wording is kept):"),
            idea.text,
            lambda text: self.actions.edit_idea(idea_id, text),
            lambda: self.actions.last_error,
            IDEA_LIMIT,
        )

    def merge(self) -> None:
        view = self.view
        chosen = [view.idea(i) for i in self._chosen()] if view is not None else []
        ideas = [i for i in chosen if i is not None]
        if len(ideas) < 2:
            self.message.show_error(
                tr("Choose two or more ideas to merge: Shift+Up/Down or Ctrl+Space adds one.")
            )
            return
        dialog = MergeDialog(ideas, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            self.actions.merge(
                ideas[0].id, [i.id for i in ideas[1:]], dialog.agreed.isChecked(), dialog.note.text()
            )

        dialog.accepted.connect(answered)
        dialog.open()

    def split(self) -> None:
        idea_id = self._current_idea()
        if idea_id is not None and self.view is not None:
            idea = self.view.idea(idea_id)
            self.actions.split(idea.merged_into or idea_id if idea is not None else idea_id)

    def remove_chosen(self) -> None:
        idea_id = self._current_idea()
        if idea_id is not None:
            self.actions.remove_idea(idea_id)

    def _clarify_key(self, event: QKeyEvent) -> bool:
        combo = event.keyCombination()
        if combo == QKeySequence("Ctrl+M")[0]:
            self.merge()
            return True
        if combo == QKeySequence("Ctrl+Shift+M")[0]:
            self.split()
            return True
        if event.key() == Qt.Key.Key_F2 and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.reword()
            return True
        if event.key() == Qt.Key.Key_Delete:
            self.remove_chosen()
            return True
        return False

    # == result ===================================================================================
    def _result_key(self, event: QKeyEvent) -> bool:
        view = self.view
        if view is None or self.item is None or event.modifiers() != Qt.KeyboardModifier.AltModifier:
            return False
        if event.key() not in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return False
        result = list(view.result())
        row = self.result_table.currentIndex().row()
        target = row + (-1 if event.key() == Qt.Key.Key_Up else 1)
        if not (0 <= row < len(result) and 0 <= target < len(result)):
            return True
        if result[row].place != result[target].place:
            self.message.show_error(
                tr("Only tied ideas can change places; the others are placed by the vote.")
            )
            return True
        result[row], result[target] = result[target], result[row]
        if self.actions.break_ties(self.item.id, [s.number for s in result]):
            self.result_table.selectRow(target)
        return True

    def propose(self) -> None:
        view, detail = self.view, self.controller.detail
        if view is None or detail is None or self.item is None:
            return
        result = view.result()[: self.top_count.value()]
        if not result:
            self.message.show_error(tr("There is no result yet: enter the cards of a vote first."))
            return
        # Places as counted: ideas the group left tied say so (=2), rather than an order nobody chose.
        listed = "; ".join(
            f"{words.place_text(s)}. {idea.text}"
            for s in result
            if (idea := view.by_number(s.number)) is not None
        )
        wording = tr("Our priorities, in this order: %1").replace("%1", listed)
        later = [
            i for i in detail.agenda if i.kind is AgendaKind.DECISIONS and i.position > self.item.position
        ]
        vote = tr("final vote") if view.cards(Vote.FINAL) else tr("first vote")
        fields = DecisionFields(
            wording[:2000], draws_on=tr("%1: %2").replace("%1", self.item.title).replace("%2", vote)
        )
        if record_actions(self.controller).add_decision(
            view.meeting_id, fields, later[0].id if later else None
        ):
            self.note.setText(
                tr("The list is now a proposal under “%1”.").replace("%1", later[0].title)
                if later
                else tr("The list is now a proposal in this meeting's decisions.")
            )

    # == helpers ==================================================================================
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._focus is not None:
            QTimer.singleShot(0, self, self._take_focus)

    def _take_focus(self) -> None:
        if self._focus is not None and self._focus.isVisible():
            self._focus.setFocus()
            self._focus = None
