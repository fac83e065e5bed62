"""The idea writing step on the facilitator's screen: Set up, then a tab for each step; the
projector follows the tab that is open.

Keys: Alt+1 to Alt+5 open the tabs. Set up: on a person in the groups, a group's letter moves
them there. Writing: Alt+B begins round 1, Alt+N the next (its timer loads). Type in: choose a sheet,
then type each idea in its place and press Enter; Delete removes one, Alt+B says what it builds
on. Summaries: Enter on one of the group's ideas makes it a main idea; F2 rewords a main idea,
Delete removes it, Alt+Up/Down moves it. Report: Up/Down chooses the group on the projector.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import AgendaItem, AgendaKind
from facilitator.techniques.idea_writing.model import (
    GROUP_LETTERS,
    MAX_GROUP,
    MAX_IDEAS_PER_ROUND,
    MAX_ROUND_MINUTES,
    MAX_ROUNDS,
    MIN_GROUP,
    SUMMARY_LIMIT,
    Direction,
    Entry,
    Step,
    Summary,
    Variant,
    WritingView,
    writer,
)
from facilitator.techniques.idea_writing.ui import words
from facilitator.techniques.idea_writing.ui.actions import IdeaWritingActions, actions
from facilitator.techniques.idea_writing.ui.words import tr
from facilitator.ui.controller import Controller
from facilitator.ui.item_panel import ItemPanel
from facilitator.ui.record_widgets import hint
from facilitator.ui.timer import PartTimers, TimerController
from facilitator.ui.widgets import ErrorLabel, ItemFields, KeyFilter, ask_line, set_quietly

STEPS = tuple(Step)
ROLE = Qt.ItemDataRole.UserRole


def guidance_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def entry_line(view: WritingView, entry: Entry) -> str:
    """An idea as the lists show it: number, words, and where it was written."""
    return (
        f"{entry.number}. {entry.text}  ({view.code(entry.member_id)}, "
        + tr("round %1").replace("%1", str(entry.round))
        + ")"
    )


class IdeaWritingPanel(ItemPanel):
    kind = AgendaKind.IDEA_WRITING

    def __init__(self, controller: Controller, timer: TimerController, parent: QWidget | None = None) -> None:
        super().__init__(controller, actions(controller), parent)
        self.timer = timer
        self.actions: IdeaWritingActions
        self.view: WritingView | None
        self._sheet: int | None = None  # the sheet being typed in (member id)
        self.parts = PartTimers(timer, self._current_item_id)  # each round keeps its countdown
        self._refused: tuple[int, int, str] | None = None  # a place whose words were refused, to edit again
        self._guidance: list[tuple[QLabel, Step]] = []

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        builders: dict[Step, Callable[[], QWidget]] = {
            Step.SET_UP: self._build_setup,
            Step.WRITING: self._build_writing,
            Step.TRANSCRIBE: self._build_transcribe,
            Step.SUMMARIES: self._build_summaries,
            Step.REPORT: self._build_report,
        }
        for number, step in enumerate(STEPS, start=1):
            self.tabs.addTab(builders[step](), f"&{number} {words.step_label(step)}")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.message = ErrorLabel()
        self.note = hint("")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)  # above the tabs: below a tall step it would be out of sight
        layout.addWidget(self.note)
        layout.addWidget(self.tabs, 1)

        self.actions.failed.connect(self.message.show_error)
        self.follow_the_meeting()

    def _page(self, step: Step) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        label = guidance_label()
        self._guidance.append((label, step))
        layout.addWidget(label)
        return page, layout

    # == building =================================================================================
    def _build_setup(self) -> QWidget:
        page, layout = self._page(Step.SET_UP)
        form = QFormLayout()
        layout.addLayout(form)
        self.fields = ItemFields(form, tr("&Question"), tr("Time &box"), tr(" min"))
        self.fields.question.committed.connect(lambda _t: self._save_item())
        self.fields.minutes.valueChanged.connect(lambda _v: self._save_item())
        self.variant_group = QButtonGroup(page)
        self.variant_buttons: dict[Variant, QRadioButton] = {}
        variants = QVBoxLayout()
        for variant, text in (
            (Variant.BRAINWRITING, tr("6-3-5 brain&writing: a grid on each sheet, passed on every round")),
            (Variant.IDEA_WRITING, tr("Idea writing with &pads: answered by their owner, then passed round")),
        ):
            button = QRadioButton(text)
            self.variant_group.addButton(button)
            self.variant_buttons[variant] = button
            button.toggled.connect(lambda on, v=variant: self._save_variant(v) if on else None)
            variants.addWidget(button)
        form.addRow(tr("Variant"), variants)
        numbers = QHBoxLayout()
        self.group_size = self._spin(MIN_GROUP, MAX_GROUP, "")
        self.ideas_per_round = self._spin(1, MAX_IDEAS_PER_ROUND, "")
        self.minutes_per_round = self._spin(1, MAX_ROUND_MINUTES, tr(" min"))
        self.rounds = self._spin(1, MAX_ROUNDS, "")
        for text, box in (
            (tr("Group si&ze"), self.group_size),
            (tr("Ideas a r&ound"), self.ideas_per_round),
            (tr("Time a ro&und"), self.minutes_per_round),
            (tr("Rou&nds"), self.rounds),
        ):
            label = QLabel(text)
            label.setBuddy(box)
            numbers.addWidget(label)
            numbers.addWidget(box)
        numbers.addStretch(1)
        form.addRow(tr("Numbers"), numbers)
        self.mix = QCheckBox(tr("Mi&x the sectors in each group"))
        self.mix.toggled.connect(self._save_mix)
        self.direction = QComboBox()
        for direction in Direction:
            self.direction.addItem(words.direction_label(direction), direction)
        self.direction.currentIndexChanged.connect(lambda _i: self._save_direction())
        direction_label = QLabel(tr("Sheets pass d&irection"))
        direction_label.setBuddy(self.direction)
        row = QHBoxLayout()
        row.addWidget(self.mix)
        row.addSpacing(16)
        row.addWidget(direction_label)
        row.addWidget(self.direction)
        row.addStretch(1)
        form.addRow("", row)
        buttons = QHBoxLayout()
        make = QPushButton(tr("M&ake groups from those present"))
        make.clicked.connect(self.make_groups)
        print_button = QPushButton(tr("Print wor&ksheets…"))
        print_button.clicked.connect(self.print_worksheets)
        save = QPushButton(tr("Save worksheets as a PDF &copy…"))
        save.clicked.connect(self.save_worksheets)
        for button in (make, print_button, save):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.groups = QTreeWidget()
        self.groups.setHeaderHidden(True)
        self.groups.setAccessibleName(tr("Groups"))
        self.groups.installEventFilter(KeyFilter(self._groups_key, self))
        groups_label = QLabel(tr("Peop&le in the groups"))
        groups_label.setBuddy(self.groups)
        layout.addWidget(groups_label)
        layout.addWidget(self.groups, 1)
        layout.addWidget(hint(tr("On a person, press a group's letter to move them there. Everything is saved as "
                                 "you go; Ctrl+Z takes back the last change.")))  # fmt: skip
        return page

    def _spin(self, low: int, high: int, suffix: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        box.setSuffix(suffix)
        box.setKeyboardTracking(False)
        box.valueChanged.connect(lambda _v: self._save_numbers())
        return box

    def _build_writing(self) -> QWidget:
        page, layout = self._page(Step.WRITING)
        self.cue = QLabel()
        self.cue.setWordWrap(True)
        self.cue.setStyleSheet("font-size: 16pt; font-weight: 600;")
        layout.addWidget(self.cue)
        row = QHBoxLayout()
        self.next_round = QPushButton(tr("&Next round"))
        self.next_round.clicked.connect(lambda: self.go_round(+1))
        self.back_round = QPushButton(tr("Bac&k a round"))
        self.back_round.clicked.connect(lambda: self.go_round(-1))
        self.extra = QSpinBox()
        self.extra.setRange(0, MAX_ROUND_MINUTES)
        self.extra.setSuffix(tr(" min"))
        self.extra.setKeyboardTracking(False)
        self.extra.valueChanged.connect(self._save_extra)
        extra_label = QLabel(tr("E&xtra time for this round"))
        extra_label.setBuddy(self.extra)
        for widget in (self.next_round, self.back_round, extra_label, self.extra):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.round_plan = QLabel()
        self.round_plan.setWordWrap(True)
        layout.addWidget(self.round_plan)
        layout.addStretch(1)
        return page

    def _build_transcribe(self) -> QWidget:
        page, layout = self._page(Step.TRANSCRIBE)
        self.progress = QLabel()
        layout.addWidget(self.progress)
        self.sheets = QListWidget()
        self.sheets.setAccessibleName(tr("Sheets"))
        self.sheets.currentItemChanged.connect(lambda node, _old: self._choose_sheet(node))
        sheets_box = QWidget()
        sheets_layout = QVBoxLayout(sheets_box)
        sheets_layout.setContentsMargins(0, 0, 0, 0)
        sheets_label = QLabel(tr("&Which sheet"))
        sheets_label.setBuddy(self.sheets)
        sheets_layout.addWidget(sheets_label)
        sheets_layout.addWidget(self.sheets, 1)
        self.grid = QTableWidget(0, 0)
        self.grid.setAccessibleName(tr("The sheet's ideas"))
        self.grid.setWordWrap(True)
        self.grid.setTabKeyNavigation(False)
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )  # fmt: skip
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.itemChanged.connect(self._cell_typed)
        self.grid.itemDelegate().closeEditor.connect(self._editor_closed)
        self.grid.installEventFilter(KeyFilter(self._grid_key, self))
        self.grid.currentCellChanged.connect(lambda *_cells: self._show_builds_on())
        grid_box = QWidget()
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        self.grid_label = QLabel(tr("&Ideas on it"))
        self.grid_label.setBuddy(self.grid)
        grid_layout.addWidget(self.grid_label)
        grid_layout.addWidget(self.grid, 1)
        builds = QPushButton(tr("&Builds on…"))
        builds.clicked.connect(self.pick_builds_on)
        self.builds_note = QLabel()
        self.builds_note.setTextFormat(Qt.TextFormat.PlainText)
        self.builds_note.setWordWrap(True)
        below = QHBoxLayout()
        below.addWidget(builds)
        below.addWidget(self.builds_note, 1)
        grid_layout.addLayout(below)
        split = QSplitter()
        split.addWidget(sheets_box)
        split.addWidget(grid_box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([280, 600])
        layout.addWidget(split, 1)
        layout.addWidget(hint(tr("Type in a place and press Enter: the next place is ready. Delete removes an "
                                 "idea; Alt+B says what it builds on.")))  # fmt: skip
        return page

    def _build_summaries(self) -> QWidget:
        page, layout = self._page(Step.SUMMARIES)
        self.summary_group = QComboBox()
        self.summary_group.currentIndexChanged.connect(lambda _i: self._fill_summaries())
        group_label = QLabel(tr("Gro&up"))
        group_label.setBuddy(self.summary_group)
        top = QHBoxLayout()
        top.addWidget(group_label)
        top.addWidget(self.summary_group)
        top.addStretch(1)
        layout.addLayout(top)
        self.group_ideas = QListWidget()
        self.group_ideas.setWordWrap(True)
        self.group_ideas.setAccessibleName(tr("The group's ideas"))
        self.group_ideas.installEventFilter(KeyFilter(self._group_ideas_key, self))
        self.main_ideas = QListWidget()
        self.main_ideas.setWordWrap(True)
        self.main_ideas.setAccessibleName(tr("The group's main ideas"))
        self.main_ideas.installEventFilter(KeyFilter(self._main_ideas_key, self))
        left, right = QWidget(), QWidget()
        for box, widget, text, button in (
            (left, self.group_ideas, tr("Its &ideas"), (tr("&Pick as a main idea"), self.pick_summary)),
            (right, self.main_ideas, tr("M&ain ideas"), (tr("&Write a main idea…"), self.write_summary)),
        ):
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            label = QLabel(text)
            label.setBuddy(widget)
            box_layout.addWidget(label)
            box_layout.addWidget(widget, 1)
            push = QPushButton(button[0])
            push.clicked.connect(button[1])
            box_layout.addWidget(push)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        layout.addWidget(split, 1)
        layout.addWidget(hint(tr("Enter on an idea makes it a main idea. On a main idea: F2 rewords, Delete "
                                 "removes, Alt+Up/Down moves.")))  # fmt: skip
        return page

    def _build_report(self) -> QWidget:
        page, layout = self._page(Step.REPORT)
        self.reporting = QListWidget()
        self.reporting.setAccessibleName(tr("The group reporting"))
        self.reporting.currentItemChanged.connect(lambda node, _old: self._choose_reporting(node))
        label = QLabel(tr("Gro&up reporting"))
        label.setBuddy(self.reporting)
        layout.addWidget(label)
        layout.addWidget(self.reporting, 1)
        self.send_what = QComboBox()
        self.send_to = QComboBox()
        what_label = QLabel(tr("Se&nd"))
        what_label.setBuddy(self.send_what)
        to_label = QLabel(tr("to the &later item"))
        to_label.setBuddy(self.send_to)
        send = QPushButton(tr("&Copy them there"))
        send.clicked.connect(self.send)
        row = QHBoxLayout()
        for widget in (what_label, self.send_what, to_label, self.send_to, send):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(hint(tr("Ideas already on the later item's list are not copied twice.")))
        return page

    # == following the meeting ====================================================================
    def _item_shown(self, item: AgendaItem, first: bool) -> None:
        self.fields.show(item.prompt, item.minutes)
        if first:
            self._sheet = None
            self.message.clear_error()
            self.note.clear()

    # == filling ==================================================================================
    def _fill(self, view: WritingView) -> None:
        self.view = view
        arriving, self._arriving = self._arriving, False
        self._filling = True
        try:
            settings = view.settings
            for label, step in self._guidance:
                label.setText(words.guidance(step, settings.variant))
            self.variant_buttons[settings.variant].setChecked(True)
            set_quietly(self.group_size, settings.group_size)
            set_quietly(self.ideas_per_round, settings.ideas_per_round)
            set_quietly(self.minutes_per_round, settings.minutes_per_round)
            set_quietly(self.rounds, settings.rounds)
            pads = settings.variant is Variant.IDEA_WRITING
            self.rounds.setEnabled(not pads)  # a pad goes once round its group: as many rounds as people
            self.mix.setChecked(settings.mix_sectors)
            self.direction.setCurrentIndex(self.direction.findData(settings.direction))
            if arriving:
                self.tabs.setCurrentIndex(STEPS.index(settings.step))
                QTimer.singleShot(0, self, lambda: self._arrive_timer(view))
            self._fill_tab(view)
        finally:
            self._filling = False

    def _fill_tab(self, view: WritingView) -> None:
        {
            Step.SET_UP: self._fill_setup,
            Step.WRITING: self._fill_writing,
            Step.TRANSCRIBE: self._fill_transcribe,
            Step.SUMMARIES: self._fill_summary_groups,
            Step.REPORT: self._fill_report,
        }[STEPS[self.tabs.currentIndex()]](view)

    def _fill_setup(self, view: WritingView) -> None:
        tree = self.groups
        chosen = self._chosen_person()
        tree.clear()
        if not view.groups:
            tree.addTopLevelItem(QTreeWidgetItem([tr("No groups yet: press Make groups (Alt+A).")]))
            return
        for group in view.groups:
            node = QTreeWidgetItem(
                [tr("Group %1").replace("%1", group.letter) + "  ·  " + words.plural(
                    len(group.members), tr("1 person"), tr("%1 people"))]
            )  # fmt: skip
            node.setData(0, ROLE, ("group", group.id))
            tree.addTopLevelItem(node)
            for member in group.members:
                child = QTreeWidgetItem(
                    [f"{view.code(member.id)}  {member.name}  ·  {member.sector or tr('no sector')}"]
                )
                child.setData(0, ROLE, ("person", member.person_id))
                node.addChild(child)
                if member.person_id == chosen:
                    tree.setCurrentItem(child)
            node.setExpanded(True)
        grouped = {m.person_id for m in view.members()}
        away = [p for p in view.present if p.id not in grouped]
        if away:
            node = QTreeWidgetItem([tr("Present but in no group yet")])
            node.setData(0, ROLE, ("group", 0))
            tree.addTopLevelItem(node)
            for person in away:
                child = QTreeWidgetItem([person.name])
                child.setData(0, ROLE, ("person", person.id))
                node.addChild(child)
            node.setExpanded(True)

    def _fill_writing(self, view: WritingView) -> None:
        settings = view.settings
        self.cue.setText(words.cue(settings))
        self.next_round.setText(
            tr("&Begin round 1") if settings.round == 0 else tr("&Next round: pass the sheets")
        )
        self.next_round.setEnabled(settings.round < settings.rounds)
        self.back_round.setEnabled(settings.round > 0)
        self.extra.setEnabled(settings.round > 0)
        set_quietly(self.extra, dict(settings.extra).get(settings.round, 0))
        self.round_plan.setText(
            words.numbers_text(settings)
            + " "
            + tr("This round: %1 minutes.").replace("%1", str(settings.minutes_of(max(1, settings.round))))
        )

    def _fill_transcribe(self, view: WritingView) -> None:
        members = view.members()
        done = sum(1 for m in members if view.progress(m.id)[0] >= view.progress(m.id)[1] > 0)
        started = sum(1 for m in members if 0 < view.progress(m.id)[0] < view.progress(m.id)[1])
        self.progress.setText(
            tr("%1 of %2 sheets typed in; %3 started.")
            .replace("%1", str(done))
            .replace("%2", str(len(members)))
            .replace("%3", str(started))
            + " "
            + words.plural(len(view.entries), tr("1 idea so far."), tr("%1 ideas so far."))
        )
        current = self._sheet
        self.sheets.blockSignals(True)
        self.sheets.clear()
        for member in members:
            rows, total = view.progress(member.id)
            node = QListWidgetItem(
                f"{view.code(member.id)}  {member.name}  ·  "
                + tr("%1 of %2 rows").replace("%1", str(rows)).replace("%2", str(total))
            )
            node.setData(ROLE, member.id)
            self.sheets.addItem(node)
            if member.id == current:
                self.sheets.setCurrentItem(node)
        self.sheets.blockSignals(False)
        if current is None and members:
            self._sheet = members[0].id
            self.sheets.setCurrentRow(0)
        self._fill_grid(view)

    def _fill_grid(self, view: WritingView) -> None:
        member = view.member(self._sheet) if self._sheet is not None else None
        grid = self.grid
        if grid.state() == QAbstractItemView.State.EditingState:
            return  # words half typed in a place: the grid is filled again once they are in
        grid.blockSignals(True)
        keep = (grid.currentRow(), grid.currentColumn())
        if member is None:
            grid.setRowCount(0)
            grid.setColumnCount(0)
            grid.blockSignals(False)
            return
        rounds, slots = view.rounds_on(member.id), view.settings.ideas_per_round
        grid.setRowCount(rounds)
        grid.setColumnCount(slots)
        grid.setHorizontalHeaderLabels([tr("Idea %1").replace("%1", str(s)) for s in range(1, slots + 1)])
        group = view.group(member.group_id)
        size = len(group.members) if group else 1
        labels = []
        for round_number in range(1, rounds + 1):
            seat = writer(member.seat, round_number, size, view.settings.direction)
            name = next((m.name for m in (group.members if group else ()) if m.seat == seat), "")
            labels.append(tr("Round %1: %2").replace("%1", str(round_number)).replace("%2", name))
        grid.setVerticalHeaderLabels(labels)
        placed = {(e.round, e.slot): e for e in view.on_sheet(member.id)}
        for row in range(rounds):
            for column in range(slots):
                entry = placed.get((row + 1, column + 1))
                cell = QTableWidgetItem(entry.text if entry else "")
                cell.setData(ROLE, entry.id if entry else 0)
                if entry and entry.builds_on:
                    other = view.entry(entry.builds_on)
                    cell.setToolTip(
                        tr("Builds on %1").replace("%1", f"{other.number}. {other.text}" if other else "")
                    )
                grid.setItem(row, column, cell)
        if keep[0] >= 0:
            grid.setCurrentCell(min(keep[0], rounds - 1), min(max(keep[1], 0), slots - 1))
        grid.blockSignals(False)
        self.grid_label.setText(tr("&Ideas on sheet %1").replace("%1", view.code(member.id)))
        self._show_builds_on()

    def _fill_summary_groups(self, view: WritingView) -> None:
        chosen = self.summary_group.currentData()
        self.summary_group.blockSignals(True)
        self.summary_group.clear()
        for group in view.groups:
            self.summary_group.addItem(tr("Group %1").replace("%1", group.letter), group.id)
        self.summary_group.setCurrentIndex(max(0, self.summary_group.findData(chosen)))
        self.summary_group.blockSignals(False)
        self._fill_summaries()

    def _fill_summaries(self) -> None:
        view = self.view
        group_id = self.summary_group.currentData()
        group = view.group(group_id) if view is not None and group_id is not None else None
        # The keys stay where they were: after picking an idea, Down goes on to the next one.
        rows = (self.group_ideas.currentRow(), self.main_ideas.currentRow())
        chosen = self.main_ideas.currentItem().data(ROLE) if self.main_ideas.currentItem() else None
        self.group_ideas.clear()
        self.main_ideas.clear()
        if view is None or group is None:
            return
        sheets = {m.id for m in group.members}
        for entry in view.entries:
            if entry.member_id in sheets:
                node = QListWidgetItem(entry_line(view, entry))
                node.setData(ROLE, entry.id)
                self.group_ideas.addItem(node)
        for position, summary in enumerate(view.of_group(group.id), start=1):
            node = QListWidgetItem(f"{position}. {summary.text}")
            node.setData(ROLE, summary.id)
            self.main_ideas.addItem(node)
            if summary.id == chosen:
                self.main_ideas.setCurrentItem(node)  # a moved main idea keeps the cursor
        if rows[0] >= 0 and self.group_ideas.count():
            self.group_ideas.setCurrentRow(min(rows[0], self.group_ideas.count() - 1))
        if self.main_ideas.currentRow() < 0 and rows[1] >= 0 and self.main_ideas.count():
            self.main_ideas.setCurrentRow(min(rows[1], self.main_ideas.count() - 1))

    def _fill_report(self, view: WritingView) -> None:
        self.reporting.blockSignals(True)
        self.reporting.clear()
        for group in view.groups:
            main = view.of_group(group.id)
            node = QListWidgetItem(
                tr("Group %1").replace("%1", group.letter) + ": "
                + ("; ".join(s.text for s in main) if main else tr("no main ideas yet"))
            )  # fmt: skip
            node.setData(ROLE, group.id)
            self.reporting.addItem(node)
            if group.id == view.settings.report_group:
                self.reporting.setCurrentItem(node)
        self.reporting.blockSignals(False)
        what, to = self.send_what.currentData(), self.send_to.currentData()
        self.send_what.clear()
        self.send_what.addItem(tr("every group's main ideas"), "summaries")
        self.send_what.addItem(tr("the reporting group's main ideas"), "group")
        self.send_what.addItem(tr("every idea typed in"), "ideas")
        self.send_what.setCurrentIndex(max(0, self.send_what.findData(what)))
        self.send_to.clear()
        detail = self.controller.detail
        if detail is not None and self.item is not None:
            for number, item in enumerate(detail.agenda, start=1):
                later = item.position > self.item.position
                if later and item.kind in (AgendaKind.BRAINSTORMING, AgendaKind.NOMINAL_GROUP):
                    self.send_to.addItem(f"{number}. {item.title}", item.id)
        if self.send_to.count() == 0:
            self.send_to.addItem(tr("(no later brainstorm or nominal group item)"), None)
        self.send_to.setCurrentIndex(max(0, self.send_to.findData(to)))

    # == steps ====================================================================================
    def _tab_changed(self, index: int) -> None:
        if self.view is not None:
            filling, self._filling = self._filling, True
            try:
                self._fill_tab(self.view)
            finally:
                self._filling = filling
        if self._filling or self.item is None:
            return
        self.message.clear_error()
        self.note.clear()
        self.actions.set_step(self.item.id, STEPS[index])
        focus = {Step.SET_UP: self.groups, Step.TRANSCRIBE: self.grid, Step.SUMMARIES: self.group_ideas,
                 Step.REPORT: self.reporting}.get(STEPS[index])  # fmt: skip
        if focus is not None:
            focus.setFocus()

    # == set-up ===================================================================================
    def _save_item(self) -> None:
        if not self._filling and self.item is not None:
            self.fields.save(self.controller, self.item)

    def _save_variant(self, variant: Variant) -> None:
        if not self._filling and self.item is not None:
            self.actions.set_variant(self.item.id, variant)

    def _save_numbers(self) -> None:
        if self._filling or self.item is None or self.view is None:
            return
        done = self.actions.set_numbers(
            self.item.id, self.group_size.value(), self.ideas_per_round.value(),
            self.minutes_per_round.value(), self.rounds.value(),
        )  # fmt: skip
        if not done:
            self._fill(self.view)

    def _save_mix(self, on: bool) -> None:
        if not self._filling and self.item is not None:
            self.actions.set_mix_sectors(self.item.id, on)

    def _save_direction(self) -> None:
        if not self._filling and self.item is not None:
            self.actions.set_direction(self.item.id, self.direction.currentData())

    def make_groups(self) -> None:
        if self.item is not None and self.actions.make_groups(self.item.id):
            self.groups.setFocus()

    def _chosen_person(self) -> int | None:
        node = self.groups.currentItem()
        data = node.data(0, ROLE) if node is not None else None
        return int(data[1]) if isinstance(data, tuple) and data[0] == "person" else None

    def _groups_key(self, event: QKeyEvent) -> bool:
        view, person = self.view, self._chosen_person()
        letter = event.text().upper()
        if view is None or self.item is None or person is None or not letter or letter not in GROUP_LETTERS:
            return False
        target = next((g for g in view.groups if g.letter == letter), None)
        if target is None:
            self.message.show_error(tr("There is no group %1.").replace("%1", letter))
            return True
        self.actions.move_person(self.item.id, person, target.id)
        return True

    def print_worksheets(self) -> None:
        from facilitator.techniques.idea_writing.ui.worksheets import preview_worksheets

        if self.view is None:
            return
        if not self.view.groups:
            self.message.show_error(tr("Make the groups first: each sheet is marked with its group."))
            return
        preview_worksheets(self.view, self)

    def save_worksheets(self) -> None:
        from facilitator.techniques.idea_writing.ui.worksheets import write_worksheets

        view = self.view
        if view is None or self.item is None:
            return
        if not view.groups:
            self.message.show_error(tr("Make the groups first: each sheet is marked with its group."))
            return
        name = tr("Worksheets - %1.pdf").replace("%1", self.item.title)
        path, _filter = QFileDialog.getSaveFileName(self, tr("Save the worksheets"), str(Path.home() / name),
                                                    tr("PDF files (*.pdf)"))  # fmt: skip
        if not path:
            return
        try:
            pages = write_worksheets(view, Path(path))
        except OSError as error:
            self.message.show_error(
                tr("The worksheets could not be saved there (%1). Choose another folder.").replace(
                    "%1", error.strerror or str(error)
                )
            )
            return
        self.note.setText(words.plural(pages, tr("1 page saved."), tr("%1 pages saved.")))

    # == writing ==================================================================================
    def _arrive_timer(self, view: WritingView) -> None:
        """Back at the item mid-round: the round's countdown as it was left."""
        if view.settings.round:
            self.parts.arrive(
                view.item_id, view.settings.round, view.settings.minutes_of(view.settings.round)
            )

    def go_round(self, step: int) -> None:
        view = self.view
        if view is None or self.item is None:
            return
        target = view.settings.round + step
        if self.actions.set_round(self.item.id, target) and target > 0:
            # The round's own time box (Ctrl+T starts it when the sheets are out); a round come
            # back to finds its countdown as it was.
            self.parts.switch(
                self.item.id, target, self.actions.views[self.item.id].settings.minutes_of(target)
            )

    def _save_extra(self, minutes: int) -> None:
        view = self.view
        if self._filling or view is None or self.item is None or view.settings.round == 0:
            return
        if self.actions.set_extra(self.item.id, view.settings.round, minutes):
            self.timer.set_time_box(view.settings.minutes_per_round + minutes, part=True)

    # == typing in ================================================================================
    def _choose_sheet(self, node: QListWidgetItem | None) -> None:
        if node is None or self.view is None:
            return
        self._sheet = int(node.data(ROLE))
        self.grid.setCurrentCell(-1, -1)
        self._fill_grid(self.view)
        if self.grid.rowCount():
            self.grid.setCurrentCell(0, 0)

    def _cell_typed(self, cell: QTableWidgetItem) -> None:
        if self._filling or self._sheet is None:
            return
        text = cell.text()
        idea_id = int(cell.data(ROLE) or 0)
        entry = self.view.entry(idea_id) if self.view is not None and idea_id else None
        if idea_id and text.strip():
            done = self.actions.edit_entry(idea_id, text)
        elif idea_id:
            done = self.actions.remove_entry(idea_id)  # words typed away: the idea goes
            if done and entry is not None:
                self.note.setText(
                    tr("Idea %1 removed. Ctrl+Z puts it back.").replace("%1", str(entry.number))
                )
        elif text.strip():
            done = self.actions.add_entry(self._sheet, cell.row() + 1, cell.column() + 1, text)
        else:
            return
        if not done:
            # Refused (too long, say): the words stay in the place, ready to put right.
            self._refused = (cell.row(), cell.column(), text)

    def _editor_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter moves on to the next place; Tab, Escape or a key to elsewhere do what they do."""
        refused, self._refused = self._refused, None
        QTimer.singleShot(0, self, lambda: self._after_edit(refused, hint))

    def _after_edit(
        self, refused: tuple[int, int, str] | None, hint: QAbstractItemDelegate.EndEditHint
    ) -> None:
        if refused is not None:
            self._edit_again(*refused)
            return
        if self.view is not None:
            self._fill_grid(self.view)  # held back while the place was being edited
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self._next_cell()

    def _edit_again(self, row: int, column: int, text: str) -> None:
        cell = self.grid.item(row, column)
        if cell is None:
            return
        self._filling = True
        try:
            cell.setText(text)
        finally:
            self._filling = False
        self.grid.setCurrentCell(row, column)
        self.grid.setFocus()
        self.grid.editItem(cell)

    def _next_cell(self) -> None:
        """After Enter in a place, the next place (along the row, then the next row) is ready."""
        grid = self.grid
        row, column = grid.currentRow(), grid.currentColumn()
        if row < 0:
            return
        column += 1
        if column >= grid.columnCount():
            row, column = row + 1, 0
        if row < grid.rowCount():
            grid.setCurrentCell(row, column)
        grid.setFocus()

    def _current_entry(self) -> int:
        cell = self.grid.currentItem()
        return int(cell.data(ROLE) or 0) if cell is not None else 0

    def _grid_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Delete and self._current_entry():
            self.actions.remove_entry(self._current_entry())
            return True
        return False

    def _show_builds_on(self) -> None:
        view, idea_id = self.view, self._current_entry()
        entry = view.entry(idea_id) if view is not None and idea_id else None
        other = view.entry(entry.builds_on) if view is not None and entry and entry.builds_on else None
        self.builds_note.setText(
            tr("Builds on %1").replace("%1", f"{other.number}. {other.text}") if other else ""
        )

    def pick_builds_on(self) -> None:
        view, idea_id = self.view, self._current_entry()
        entry = view.entry(idea_id) if view is not None and idea_id else None
        if view is None or entry is None:
            self.message.show_error(tr("Choose an idea typed in first."))
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        none = QAction(tr("&0 Builds on nothing"), menu)
        none.triggered.connect(lambda: self.actions.set_builds_on(entry.id, None))
        menu.addAction(none)
        earlier = [e for e in view.on_sheet(entry.member_id) if e.round < entry.round]
        for index, other in enumerate(earlier, start=1):
            label = f"{other.number}. {other.text}".replace("&", "&&")
            action = QAction(f"&{index}  {label}" if index < 10 else label, menu)
            action.triggered.connect(lambda _c=False, o=other.id: self.actions.set_builds_on(entry.id, o))
            menu.addAction(action)
        rect = self.grid.visualItemRect(self.grid.currentItem()) if self.grid.currentItem() else None
        where = rect.bottomLeft() if rect is not None else QPoint(0, 0)
        menu.popup(self.grid.viewport().mapToGlobal(where))

    # == summaries ================================================================================
    def pick_summary(self) -> None:
        node = self.group_ideas.currentItem()
        group_id = self.summary_group.currentData()
        if node is None or group_id is None:
            self.message.show_error(tr("Choose one of the group's ideas first."))
            return
        if self.actions.add_summary(group_id, None, int(node.data(ROLE))):
            self.group_ideas.setFocus()

    def write_summary(self) -> None:
        group_id = self.summary_group.currentData()
        if group_id is None:
            return
        ask_line(self, tr("A main idea"), tr("The main idea, as the group words it:"), "",
                 lambda text: self.actions.add_summary(group_id, text, None),
                 lambda: self.actions.last_error, SUMMARY_LIMIT)  # fmt: skip

    def _group_ideas_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.pick_summary()
            return True
        return False

    def _chosen_summary(self) -> Summary | None:
        node = self.main_ideas.currentItem()
        view = self.view
        if node is None or view is None:
            return None
        return next((s for s in view.summaries if s.id == int(node.data(ROLE))), None)

    def _main_ideas_key(self, event: QKeyEvent) -> bool:
        summary = self._chosen_summary()
        if summary is None:
            return False
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_Delete:
            self.actions.remove_summary(summary.id)
            return True
        if key == Qt.Key.Key_F2:
            ask_line(self, tr("Reword a main idea"), tr("The main idea, as the group words it:"), summary.text,
                     lambda text: self.actions.edit_summary(summary.id, text),
                     lambda: self.actions.last_error, SUMMARY_LIMIT)  # fmt: skip
            return True
        if mods == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            target = summary.position + (-1 if key == Qt.Key.Key_Up else 1)
            count = self.main_ideas.count()
            if 0 <= target < count and self.actions.move_summary(summary.id, target):
                self.main_ideas.setCurrentRow(target)
            return True
        return False

    # == report ===================================================================================
    def _choose_reporting(self, node: QListWidgetItem | None) -> None:
        if node is not None and self.item is not None and not self._filling:
            self.actions.set_report_group(self.item.id, int(node.data(ROLE)))

    def send(self) -> None:
        view, target = self.view, self.send_to.currentData()
        if view is None or self.item is None:
            return
        if target is None:
            self.message.show_error(tr("Add a brainstorm or nominal group item later on the agenda first."))
            return
        what = self.send_what.currentData()
        ideas: Sequence[int] = [e.id for e in view.entries] if what == "ideas" else []
        summaries: Sequence[int] = []
        if what == "summaries":
            summaries = [s.id for g in view.groups for s in view.of_group(g.id)]
        elif what == "group":
            if view.group(view.settings.report_group) is None:
                self.message.show_error(tr("Choose the group reporting first (in the list above)."))
                return
            summaries = [s.id for s in view.of_group(view.settings.report_group)]
        if not ideas and not summaries:
            self.message.show_error(tr("There is nothing to send yet."))
            return
        if self.actions.send(self.item.id, ideas, summaries, target):
            sent, skipped = self.actions.last_sent
            text = (
                words.plural(sent, tr("1 idea copied."), tr("%1 ideas copied."))
                if sent
                else tr("Nothing new to copy:")
            )
            if skipped:
                text += " " + words.plural(skipped, tr("1 was there already."), tr("%1 were there already."))
            self.note.setText(text)
