"""The brainstorming step on the facilitator's screen: one tab per phase, and the projector follows
the tab that is open.

Keys: in Ideas, type and press Enter (the box keeps the keyboard); Delete removes the chosen ideas,
F2 rewords. In Clarify, Ctrl+M merges the chosen ideas, Ctrl+Shift+M splits one. In Themes, a digit
puts the chosen ideas into that theme (0: none), T offers the list; F2 renames a theme, Delete
removes it, Alt+Up/Down moves it; ideas can also be dragged onto a theme. In Dots, type a number and
press Enter, or a person's idea numbers ("12 12 7 3 1").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QDropEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import AgendaItem, AgendaKind
from facilitator.domain.record import DecisionFields
from facilitator.techniques.brainstorming.model import (
    IDEA_LIMIT,
    MAX_DOTS_ON_IDEA,
    MAX_DOTS_PER_PERSON,
    OPTIONAL_PHASES,
    THEME_LIMIT,
    BrainstormView,
    DotEntry,
    Idea,
    Phase,
    idea_key,
    parse_numbers,
    top,
)
from facilitator.techniques.brainstorming.ui import words
from facilitator.techniques.brainstorming.ui.actions import BrainstormActions, actions
from facilitator.techniques.brainstorming.ui.words import tr
from facilitator.ui.controller import Controller
from facilitator.ui.item_panel import ItemPanel
from facilitator.ui.record_actions import record_actions
from facilitator.ui.record_widgets import hint
from facilitator.ui.texts import plain_tooltip
from facilitator.ui.widgets import ErrorLabel, ItemFields, KeyFilter, TextField, ask_line, set_quietly

IDEA_ROLE = Qt.ItemDataRole.UserRole
THEME_ROLE = Qt.ItemDataRole.UserRole + 1
NO_THEME = 0  # the tree's node for ideas not in a theme yet
PHASE_TABS = (Phase.GENERATE, *OPTIONAL_PHASES, Phase.RESULTS)


def idea_line(idea: Idea, view: BrainstormView) -> str:
    line = f"{idea.number}. {idea.text}"
    if idea.person_id is not None and view.settings.attributed:
        line += " — " + view.people.get(idea.person_id, "")
    return line


class IdeaListModel(QAbstractListModel):
    """The ideas as called out, newest last. A new idea is appended, not the list read again."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.ids: list[int] = []
        self.title = ""  # how many ideas are on the wall, shown as the header

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.lines[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self.lines[index.row()])
        if role == IDEA_ROLE:
            return self.ids[index.row()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.title
        return None

    def set_title(self, title: str) -> None:
        if title != self.title:
            self.title = title
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    def reset(self, view: BrainstormView) -> None:
        self.beginResetModel()
        self.lines = [idea_line(i, view) for i in view.ideas if i.merged_into is None]
        self.ids = [i.id for i in view.ideas if i.merged_into is None]
        self.endResetModel()

    def append(self, idea: Idea, view: BrainstormView) -> None:
        row = len(self.lines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.lines.append(idea_line(idea, view))
        self.ids.append(idea.id)
        self.endInsertRows()


class ThemeTree(QTreeWidget):
    """Themes with their ideas. Dropping ideas on a theme (or on an idea in it) moves them there."""

    def __init__(self, moved: Callable[[list[int], int], None]) -> None:
        super().__init__()
        self._moved = moved
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)

    def dropEvent(self, event: QDropEvent) -> None:
        target = self.itemAt(event.position().toPoint())
        ideas = [i.data(0, IDEA_ROLE) for i in self.selectedItems() if i.data(0, IDEA_ROLE)]
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the tree is rebuilt from the store
        event.accept()
        if target is None or not ideas:
            return
        if target.data(0, IDEA_ROLE) and target.parent() is not None:
            target = target.parent()  # dropped on an idea: into that idea's theme
        theme = target.data(0, THEME_ROLE)
        if theme is not None:
            self._moved(ideas, int(theme))


class BrainstormPanel(ItemPanel):
    kind = AgendaKind.BRAINSTORMING

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(controller, actions(controller), parent)
        self.actions: BrainstormActions
        self.view: BrainstormView | None
        self._focus_capture = False
        self._stale: set[int] = set()  # tabs to fill when next shown
        self._after_sorting: int | None = None  # the idea to be on once the chosen ones are sorted
        self._keys: dict[str, int] = {}  # folded text → number, to flag a duplicate as it is typed

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setup_tab = self._build_setup()
        self.tabs.addTab(self.setup_tab, tr("&1 Set up"))
        self.phase_pages: dict[Phase, QWidget] = {
            Phase.GENERATE: self._build_ideas(),
            Phase.CLARIFY: self._build_clarify(),
            Phase.GROUP: self._build_themes(),
            Phase.VOTE: self._build_dots(),
            Phase.RESULTS: self._build_results(),
        }
        titles = {
            Phase.GENERATE: tr("&2 Ideas"),
            Phase.CLARIFY: tr("&3 Clarify"),
            Phase.GROUP: tr("&4 Themes"),
            Phase.VOTE: tr("&5 Dots"),
            Phase.RESULTS: tr("&6 Results"),
        }
        for phase in PHASE_TABS:
            self.tabs.addTab(self.phase_pages[phase], titles[phase])
        self.tabs.currentChanged.connect(self._tab_changed)
        self.message = ErrorLabel()
        self.note = hint("")
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # it names items, whose titles are typed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.note)

        self.actions.added.connect(self._added)
        self.actions.failed.connect(self._failed)
        self.actions.changed.connect(self._succeeded)
        self.follow_the_meeting()

    # == building =================================================================================
    def _build_setup(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.fields = ItemFields(form, tr("&Question"), tr("Time &box"), tr(" min"))
        self.question, self.minutes = self.fields.question, self.fields.minutes
        self.question.committed.connect(self._save_item)
        self.minutes.valueChanged.connect(lambda _v: self._save_item())
        self.attributed = QCheckBox(tr("&Credit each idea to the person who said it"))
        self.attributed.toggled.connect(self._save_attributed)
        form.addRow("", self.attributed)
        self.dots_each = QSpinBox()
        self.dots_each.setRange(1, MAX_DOTS_PER_PERSON)
        self.dots_each.setKeyboardTracking(False)
        self.dots_each.valueChanged.connect(self._save_dots_each)
        dots_label = QLabel(tr("Dots per &person"))
        dots_label.setBuddy(self.dots_each)
        form.addRow(dots_label, self.dots_each)
        self.phase_boxes: dict[Phase, QCheckBox] = {}
        phases = QVBoxLayout()
        for phase, text in (
            (Phase.CLARIFY, tr("Clarify &wording and merge duplicates")),
            (Phase.GROUP, tr("Sort ideas i&nto themes")),
            (Phase.VOTE, tr("Vote with d&ots")),
        ):
            box = QCheckBox(text)
            box.toggled.connect(lambda _on: self._save_phases())
            self.phase_boxes[phase] = box
            phases.addWidget(box)
        form.addRow(tr("After the ideas"), phases)
        form.addRow("", hint(tr("Everything is saved as you go; Ctrl+Z takes back the last change.")))
        return page

    def _build_ideas(self) -> QWidget:
        page = QWidget()
        self.who = QComboBox()
        self.who.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # whole names
        # Not editable: typing a name's first letters picks it, and nothing typed can be lost.
        self.who_label = QLabel(tr("&Who said it"))
        self.who_label.setBuddy(self.who)
        self.capture = TextField()
        self.capture.setPlaceholderText(tr("Type an idea and press Enter"))
        self.capture.setAccessibleName(tr("New idea"))
        self.capture.returnPressed.connect(self.add_idea)
        self.capture.installEventFilter(KeyFilter(self._capture_key, self))
        self.capture.textChanged.connect(self._flag_duplicate)
        capture_label = QLabel(tr("&New idea"))
        capture_label.setBuddy(self.capture)
        add = QPushButton(tr("&Add"))
        add.clicked.connect(self.add_idea)
        row = QHBoxLayout()
        row.addWidget(self.who_label)
        row.addWidget(self.who)
        row.addWidget(capture_label)
        row.addWidget(self.capture, 1)
        row.addWidget(add)
        self.duplicate = QLabel()
        self.duplicate.setStyleSheet("color: #8A5300; font-weight: 600;")
        self.idea_model = IdeaListModel()
        # A one-column table, not a list view: it never walks every row to lay them out, so a
        # wall of thousands takes a new idea (and scrolls to it) at once.
        self.idea_list = QTableView()
        self.idea_list.setModel(self.idea_model)
        # The count sits in the table's header: changing a label's text would lay out the whole
        # window again on every idea.
        self.idea_list.horizontalHeader().setStretchLastSection(True)
        self.idea_list.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.idea_list.verticalHeader().hide()
        self.idea_list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.idea_list.setShowGrid(False)
        self.idea_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.idea_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # One line a row; the full text is in the tooltip and in Clarify.
        self.idea_list.setWordWrap(False)
        self.idea_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.idea_list.setAccessibleName(tr("Ideas on the wall"))
        self.idea_list.installEventFilter(KeyFilter(self._idea_list_key, self))
        self.idea_list.setTabKeyNavigation(False)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.duplicate)
        layout.addWidget(self.idea_list, 1)
        layout.addWidget(hint(tr("Enter adds the idea · Delete removes the chosen ideas · F2 rewords one")))
        return page

    def _build_clarify(self) -> QWidget:
        page = QWidget()
        self.clarify_tree = QTreeWidget()
        self.clarify_tree.setHeaderHidden(True)
        self.clarify_tree.setWordWrap(True)
        self.clarify_tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.clarify_tree.setAccessibleName(tr("Ideas to clarify"))
        self.clarify_tree.currentItemChanged.connect(lambda item, _old: self._spotlight(item))
        self.clarify_tree.installEventFilter(KeyFilter(self._clarify_key, self))
        return _tree_page(
            page,
            self.clarify_tree,
            (
                (tr("Re&word…"), self.reword),
                (tr("Merge &into one…"), self.merge),
                (tr("S&plit"), self.split),
                (tr("Rem&ove"), self.remove_chosen),
            ),
            tr("F2 rewords (the first wording is kept) · Ctrl+M merges the chosen ideas into the first "
               "· Ctrl+Shift+M splits · Delete removes"),
        )  # fmt: skip

    def _build_themes(self) -> QWidget:
        page = QWidget()
        self.theme_tree = ThemeTree(self._drop_into_theme)
        self.theme_tree.setAccessibleName(tr("Themes and their ideas"))
        self.theme_tree.installEventFilter(KeyFilter(self._theme_key, self))
        self.theme_tree.currentItemChanged.connect(lambda item, _old: self._spotlight(item))
        return _tree_page(
            page,
            self.theme_tree,
            ((tr("&New theme…"), self.new_theme), (tr("&Put in theme…"), self.pick_theme)),
            tr("Choose ideas, then press a theme's number (0: no theme) or T to pick one; or drag them. "
               "On a theme: F2 renames, Delete removes, Alt+Up/Down moves."),
        )  # fmt: skip

    def _build_dots(self) -> QWidget:
        page = QWidget()
        self.entry_group = QButtonGroup(page)
        self.entry_buttons: dict[DotEntry, QRadioButton] = {}
        entry_row = QHBoxLayout()
        for entry in DotEntry:
            button = QRadioButton(words.entry_label(entry))
            self.entry_group.addButton(button)
            self.entry_buttons[entry] = button
            button.toggled.connect(lambda on, e=entry: self._save_entry(e) if on else None)
            entry_row.addWidget(button)
        entry_row.addStretch(1)
        self.dots_summary = QLabel()
        self.dots_summary.setWordWrap(True)
        # Totals off the wall: one row an idea, the count typed in its last column.
        self.totals = QTableWidget(0, 4)
        self.totals.setHorizontalHeaderLabels([tr("No."), tr("Idea"), tr("Theme"), tr("Dots")])
        self.totals.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.totals.verticalHeader().hide()
        self.totals.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.totals.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )  # fmt: skip
        self.totals.itemChanged.connect(self._total_typed)
        # Enter moves on to the next idea, also when the number typed was already there.
        self.totals.itemDelegate().closeEditor.connect(self._count_closed)
        self.totals.setAccessibleName(tr("Dots counted on each idea"))
        self.totals.setTabKeyNavigation(False)
        # Per person: who, and the numbers of the ideas their dots went on.
        self.voter = QComboBox()
        self.voter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # whole names
        self.voter_label = QLabel(tr("&Person"))
        self.voter_label.setBuddy(self.voter)
        self.voter.currentIndexChanged.connect(lambda _i: self._show_voter())
        self.numbers = TextField()
        self.numbers.setPlaceholderText(tr("Idea numbers, one per dot: 12 12 7 3 1"))
        self.numbers.returnPressed.connect(self.enter_person_dots)
        self.numbers_label = QLabel(tr("Their d&ots"))
        self.numbers_label.setBuddy(self.numbers)
        person_row = QHBoxLayout()
        person_row.addWidget(self.voter_label)
        person_row.addWidget(self.voter)
        person_row.addWidget(self.numbers_label)
        person_row.addWidget(self.numbers, 1)
        self.person_row = QWidget()
        self.person_row.setLayout(person_row)
        person_row.setContentsMargins(0, 0, 0, 0)
        self.voters = QTableWidget(0, 2)
        self.voters.setHorizontalHeaderLabels([tr("Person"), tr("Dots on ideas")])
        self.voters.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.voters.verticalHeader().hide()
        self.voters.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.voters.setTabKeyNavigation(False)
        clear = QPushButton(tr("Ta&ke all dots off"))
        clear.clicked.connect(self.clear_dots)
        layout = QVBoxLayout(page)
        layout.addLayout(entry_row)
        layout.addWidget(self.dots_summary)
        layout.addWidget(self.totals, 1)
        layout.addWidget(self.person_row)
        layout.addWidget(self.voters, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(clear)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        return page

    def _build_results(self) -> QWidget:
        page = QWidget()
        self.results = QTableWidget(0, 6)
        self.results.setHorizontalHeaderLabels(
            [tr("Place"), tr("No."), tr("Idea"), tr("Theme"), tr("Dots"), tr("People")]
        )
        self.results.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.results.verticalHeader().hide()
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setAccessibleName(tr("Dot results"))
        self.results.setTabKeyNavigation(False)
        self.send_what = QComboBox()
        self.send_what.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.send_what.currentIndexChanged.connect(lambda _i: self._show_top_count())
        self.top_count = QSpinBox()
        self.top_count.setRange(1, 50)
        self.top_count.setValue(5)
        self.top_count.valueChanged.connect(lambda _v: self._fill_send_choices())
        self.top_label = QLabel(tr("T&op"))
        self.top_label.setBuddy(self.top_count)
        self.send_to = QComboBox()
        send_label = QLabel(tr("Start"))
        send_label.setBuddy(self.send_to)
        self.send_button = QPushButton(tr("Add them to that item's &list"))
        self.send_button.clicked.connect(self.send)
        send_row = QHBoxLayout()
        send_row.addWidget(self.top_label)
        send_row.addWidget(self.top_count)
        send_row.addWidget(self.send_what, 1)
        send_row.addWidget(QLabel(tr("→")))
        send_row.addWidget(self.send_to, 1)
        send_row.addWidget(self.send_button)
        self.propose_button = QPushButton(tr("Put the chosen idea to the group as a &proposal"))
        self.propose_button.clicked.connect(self.propose)
        layout = QVBoxLayout(page)
        layout.addWidget(self.results, 1)
        layout.addLayout(send_row)
        propose_row = QHBoxLayout()
        propose_row.addWidget(self.propose_button)
        propose_row.addStretch(1)
        layout.addLayout(propose_row)
        layout.addWidget(
            hint(tr("A cut at the top keeps ideas tied with the last one. Ideas already on the other item's "
                    "list are not copied twice."))
        )  # fmt: skip
        return page

    # == following the meeting ====================================================================
    def _item_shown(self, item: AgendaItem, first: bool) -> None:
        self.fields.show(item.prompt, item.minutes)
        if first:
            # Nothing half-typed or said about another brainstorm carries over to this one.
            self.capture.reset()
            self.message.clear_error()
            self.note.clear()

    def _added(self, view: BrainstormView, idea: Idea) -> None:
        if self.item is None or view.item_id != self.item.id:
            return
        self.view = view
        self._keys[idea_key(idea.text)] = idea.number
        self.idea_model.append(idea, view)
        self.idea_list.scrollToBottom()
        self._show_count(view)

    def _failed(self, text: str) -> None:
        self.duplicate.hide()  # the refusal says it: one message, not two
        self.message.show_error(text)

    def _succeeded(self, view: BrainstormView) -> None:
        """A change went through: a refusal still on screen is about something already past."""
        if self.item is not None and view.item_id == self.item.id:
            self.message.clear_error()

    def _capture_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self.capture.text():
            self.capture.clear()  # not yet an idea: Escape starts the line again
            return True
        return False

    def _show_top_count(self) -> None:
        top_wanted = self.send_what.currentData() == "top"
        self.top_label.setVisible(top_wanted)
        self.top_count.setVisible(top_wanted)

    # == filling ==================================================================================
    def _fill(self, view: BrainstormView) -> None:
        self.view = view
        self._filling = True
        try:
            settings = view.settings
            self.attributed.setChecked(settings.attributed)
            set_quietly(self.dots_each, settings.dots_per_person)
            for phase, box in self.phase_boxes.items():
                box.setChecked(phase in settings.phases)
            steps = settings.steps()
            for index, phase in enumerate(PHASE_TABS, start=1):
                self.tabs.setTabVisible(index, phase in steps)
            # Arriving at the step opens the phase the group is in; later, Set up stays open
            # while the facilitator is in it.
            if self._arriving or self.tabs.currentIndex() != 0:
                self.tabs.setCurrentIndex(1 + PHASE_TABS.index(settings.phase))
            self._keys = {idea_key(i.text): i.number for i in view.ideas}
            # Only the open tab is filled now; the others when they are opened, so a change on a
            # wall of hundreds does not rebuild five screens.
            self._stale = set(range(1, self.tabs.count()))
            self._fill_tab(self.tabs.currentIndex())
        finally:
            self._filling = False
        if self._arriving and view.settings.phase is Phase.GENERATE:
            # Ready to type the first idea called out, now or as soon as the step is on screen.
            self._focus_capture = True
            if self.isVisible():
                self._take_focus()
        self._arriving = False
        self._flag_duplicate(self.capture.text())

    def _fill_tab(self, index: int) -> None:
        view = self.view
        if view is None or index not in self._stale:
            return
        self._stale.discard(index)
        filling, self._filling = self._filling, True
        try:
            {1: self._fill_ideas, 2: self._fill_clarify, 3: self._fill_themes, 4: self._fill_dots,
             5: self._fill_results}[index](view)  # fmt: skip
        finally:
            self._filling = filling

    def _fill_ideas(self, view: BrainstormView) -> None:
        attributed = view.settings.attributed
        self.who.setVisible(attributed)
        self.who_label.setVisible(attributed)
        chosen = self.who.currentData()
        self.who.clear()
        self.who.addItem(tr("(nobody named)"), None)
        for person in view.present:
            self.who.addItem(person.name, person.id)
        self.who.setCurrentIndex(max(0, self.who.findData(chosen)))
        row = self.idea_list.currentIndex().row()
        self.idea_model.reset(view)
        if self._arriving or row < 0:
            self.idea_list.scrollToBottom()
        else:
            self.idea_list.setCurrentIndex(self.idea_model.index(min(row, self.idea_model.rowCount() - 1)))
        self._show_count(view)

    def _show_count(self, view: BrainstormView) -> None:
        on_wall = sum(1 for i in view.ideas if i.merged_into is None)
        self.idea_model.set_title(words.plural(on_wall, tr("1 idea on the wall"), tr("%1 ideas on the wall")))

    def _fill_clarify(self, view: BrainstormView) -> None:
        tree = self.clarify_tree
        current = self._current_idea(tree)
        at = tree.indexOfTopLevelItem(tree.currentItem()) if tree.currentItem() else -1
        tree.clear()
        chosen: QTreeWidgetItem | None = None
        for idea in view.wall:
            node = self._idea_node(idea, view)
            tree.addTopLevelItem(node)
            for part in view.parts(idea.id):
                child = QTreeWidgetItem([tr("merged: %1").replace("%1", idea_line(part, view))])
                child.setData(0, IDEA_ROLE, part.id)
                child.setToolTip(0, plain_tooltip(part.text))
                node.addChild(child)
                if part.id == current:
                    chosen = node  # the part went back inside: stay on the idea that holds it
            node.setExpanded(True)
            if idea.id == current:
                chosen = node
        if chosen is None and tree.topLevelItemCount():
            chosen = tree.topLevelItem(max(0, min(at, tree.topLevelItemCount() - 1)))
        if chosen is not None:
            tree.setCurrentItem(chosen)
            tree.scrollToItem(chosen)

    def _idea_node(self, idea: Idea, view: BrainstormView) -> QTreeWidgetItem:
        text = idea_line(idea, view)
        if idea.edited:
            text += "\n    " + tr("first called out as: %1").replace("%1", idea.original)
        node = QTreeWidgetItem([text])
        node.setData(0, IDEA_ROLE, idea.id)
        node.setToolTip(0, plain_tooltip(idea.text))
        return node

    def _next_to_sort(self, chosen: list[int]) -> int | None:
        """The idea after the chosen ones in the tree: where sorting goes on once they have moved."""
        nodes = [n for n in _in_order(self.theme_tree) if n.data(0, IDEA_ROLE)]
        ids = [int(n.data(0, IDEA_ROLE)) for n in nodes]
        last = max((ids.index(c) for c in chosen if c in ids), default=-1)
        rest = [i for i in ids[last + 1 :] if i not in chosen]
        return rest[0] if rest else None

    def _fill_themes(self, view: BrainstormView) -> None:
        current = self._after_sorting or self._current_idea(self.theme_tree)
        self._after_sorting = None
        current_theme = self._current_theme()
        self.theme_tree.clear()
        groups = [(t.id, f"{n}. {t.name}", view.in_theme(t.id)) for n, t in enumerate(view.themes, start=1)]
        groups.append((NO_THEME, tr("0. Not in a theme yet"), view.in_theme(None)))
        for theme_id, name, members in groups:
            node = QTreeWidgetItem([f"{name}  ({len(members)})"])
            node.setData(0, THEME_ROLE, theme_id)
            font = node.font(0)
            font.setBold(True)
            node.setFont(0, font)
            node.setFlags(node.flags() | Qt.ItemFlag.ItemIsDropEnabled)
            self.theme_tree.addTopLevelItem(node)
            for idea in members:
                child = QTreeWidgetItem([idea_line(idea, view)])
                child.setData(0, IDEA_ROLE, idea.id)
                child.setToolTip(0, plain_tooltip(idea.text))
                child.setFlags(
                    (child.flags() | Qt.ItemFlag.ItemIsDragEnabled) & ~Qt.ItemFlag.ItemIsDropEnabled
                )
                node.addChild(child)
                if idea.id == current:
                    self.theme_tree.setCurrentItem(child)
            node.setExpanded(True)
            if current is None and theme_id == current_theme:
                self.theme_tree.setCurrentItem(node)
        if self.theme_tree.currentItem() is None and self.theme_tree.topLevelItemCount():
            self.theme_tree.setCurrentItem(self.theme_tree.topLevelItem(0))

    def _fill_dots(self, view: BrainstormView) -> None:
        entry = view.settings.dot_entry
        for kind, button in self.entry_buttons.items():
            button.setChecked(kind is entry)
        people = entry is DotEntry.PEOPLE
        self.totals.setVisible(not people)
        self.person_row.setVisible(people)
        self.voters.setVisible(people)
        self.dots_summary.setText(words.summary_text(view.summary(), entry))
        totals = {s.idea.id: s.dots for s in view.standings()}
        themes = {t.id: t.name for t in view.themes}
        row_now = self.totals.currentRow()
        self.totals.setRowCount(0)
        for idea in view.wall:
            row = self.totals.rowCount()
            self.totals.insertRow(row)
            cells = (
                str(idea.number),
                idea.text,
                themes.get(idea.theme_id or 0, ""),
                str(totals.get(idea.id, 0)),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(IDEA_ROLE, idea.id)
                if column != 3:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                else:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.totals.setItem(row, column, cell)
        self.totals.resizeColumnToContents(0)
        if self.totals.rowCount():
            self.totals.setCurrentCell(max(0, min(row_now, self.totals.rowCount() - 1)), 3)
        chosen = self.voter.currentData()
        self.voter.blockSignals(True)
        self.voter.clear()
        # Those who left after voting stay listed, so their dots can be seen and taken off.
        voters = [(p, p.name) for p in view.present] + [
            (p, words.left_name(p.name)) for p in view.absent_voters()
        ]
        for person, name in voters:
            self.voter.addItem(name, person.id)
        self.voter.setCurrentIndex(max(0, self.voter.findData(chosen)))
        self.voter.blockSignals(False)
        numbers = {i.id: i.number for i in view.ideas}
        self.voters.setRowCount(0)
        for person, name in voters:
            placed = view.dots_of(person.id)
            row = self.voters.rowCount()
            self.voters.insertRow(row)
            self.voters.setItem(row, 0, QTableWidgetItem(name))
            shown = " ".join(" ".join([str(numbers.get(i, "?"))] * n) for i, n in sorted(placed.items()))
            self.voters.setItem(row, 1, QTableWidgetItem(shown or "—"))
        self._show_voter()

    def _fill_results(self, view: BrainstormView) -> None:
        standings = view.standings()
        themes = {t.id: t.name for t in view.themes}
        voting = view.settings.voting
        people = voting and view.settings.dot_entry is DotEntry.PEOPLE
        self.results.setColumnHidden(0, not voting)
        self.results.setColumnHidden(4, not voting)
        self.results.setColumnHidden(5, not people)
        self.results.setAccessibleName(tr("Dot results") if voting else tr("Ideas"))
        if not voting:  # without dots, the ideas in their numbers' order, theme by theme
            order = {t.id: n for n, t in enumerate(view.themes)}
            standings = tuple(
                sorted(standings, key=lambda s: (order.get(s.idea.theme_id or 0, len(order)), s.idea.number))
            )
        self.results.setRowCount(0)
        for standing in standings:
            row = self.results.rowCount()
            self.results.insertRow(row)
            idea = standing.idea
            cells = (
                words.rank_text(standing) if standing.dots else "",
                str(idea.number),
                idea.text,
                themes.get(idea.theme_id or 0, ""),
                str(standing.dots),
                str(standing.voters),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(IDEA_ROLE, idea.id)
                if column in (0, 1, 4, 5):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.results.setItem(row, column, cell)
        self.results.resizeColumnToContents(0)
        self.results.resizeColumnToContents(1)
        self._fill_send_choices()
        targets = self.actions.targets(view.item_id)
        chosen = self.send_to.currentData()
        self.send_to.clear()
        for target in targets:
            self.send_to.addItem(f"{target.number}. {target.title}", target.item_id)
        if not targets:
            self.send_to.addItem(tr("(no later brainstorm or nominal group item)"), None)
        self.send_to.setCurrentIndex(max(0, self.send_to.findData(chosen)))
        self.send_button.setEnabled(bool(targets))

    def _fill_send_choices(self) -> None:
        view = self.view
        if view is None:
            return
        chosen = self.send_what.currentData()
        self.send_what.clear()
        if view.settings.voting:
            count = len(top(view.standings(), self.top_count.value()))
            self.send_what.addItem(
                words.plural(count, tr("idea by dots (1)"), tr("ideas by dots (%1 with ties)")), "top"
            )
        self.send_what.addItem(
            words.plural(len(view.wall), tr("the 1 idea on the wall"), tr("all %1 ideas on the wall")), "all"
        )
        self.send_what.addItem(tr("the ideas chosen in the table"), "chosen")
        for theme in view.themes:
            self.send_what.addItem(
                tr("the theme %1 (%2 ideas)")
                .replace("%1", theme.name)
                .replace("%2", str(len(view.in_theme(theme.id)))),
                theme.id,
            )
        self.send_what.setCurrentIndex(max(0, self.send_what.findData(chosen)))
        self._show_top_count()

    # == setting up ===============================================================================
    def _save_item(self, *_args: object) -> None:
        if not self._filling and self.item is not None:
            self.fields.save(self.controller, self.item)

    def _save_attributed(self, on: bool) -> None:
        if not self._filling and self.item is not None:
            self.actions.set_attributed(self.item.id, on)

    def _save_dots_each(self, dots: int) -> None:
        if self._filling or self.item is None:
            return
        if not self.actions.set_dots_per_person(self.item.id, dots) and self.view is not None:
            set_quietly(self.dots_each, self.view.settings.dots_per_person)

    def _save_phases(self) -> None:
        if not self._filling and self.item is not None:
            chosen = [p for p, box in self.phase_boxes.items() if box.isChecked()]
            self.actions.set_phases(self.item.id, chosen)

    def _save_entry(self, entry: DotEntry) -> None:
        view = self.view
        if (
            not self._filling
            and self.item is not None
            and view is not None
            and view.settings.dot_entry is not entry
        ):
            self.actions.set_dot_entry(self.item.id, entry)

    def _tab_changed(self, index: int) -> None:
        self._fill_tab(index)
        if self._filling or self.item is None or index <= 0:
            return
        self.message.clear_error()
        phase = PHASE_TABS[index - 1]
        self.actions.set_phase(self.item.id, phase)
        # The idea under discussion is the one current on this tab, if it has one.
        tree = {Phase.CLARIFY: self.clarify_tree, Phase.GROUP: self.theme_tree}.get(phase)
        self._spotlight(tree.currentItem() if tree is not None else None)
        # The keyboard goes where the step is worked: no Tab needed after Alt+number.
        people = self.view is not None and self.view.settings.dot_entry is DotEntry.PEOPLE
        focus = {
            Phase.GENERATE: self.capture,
            Phase.CLARIFY: self.clarify_tree,
            Phase.GROUP: self.theme_tree,
            Phase.VOTE: self.numbers if people else self.totals,
            Phase.RESULTS: self.results,
        }[phase]
        focus.setFocus()
        if isinstance(focus, QTreeWidget) and focus.currentItem() is None and focus.topLevelItemCount():
            focus.setCurrentItem(focus.topLevelItem(0))

    # == ideas ====================================================================================
    def add_idea(self) -> None:
        if self.item is None:
            return
        text = self.capture.text()
        if not text.strip():
            return  # an empty Enter is a pause, not a mistake
        attributed = self.view is not None and self.view.settings.attributed
        person = self.who.currentData() if attributed else None
        if self.actions.add_idea(self.item.id, text, person):
            self.capture.reset()
            self.message.clear_error()
            self.who.setCurrentIndex(0)
        self.capture.setFocus()

    def _flag_duplicate(self, text: str) -> None:
        number = self._keys.get(idea_key(text)) if text.strip() else None
        inside = 0
        if number is not None and self.view is not None:
            found = self.view.by_number(number)
            holder = self.view.idea(found.merged_into) if found and found.merged_into else None
            inside = holder.number if holder is not None else 0
        self.duplicate.setText(words.duplicate_text(number, inside) if number is not None else "")
        self.duplicate.setVisible(number is not None)

    def _idea_list_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Delete:
            self.remove_chosen()
            return True
        if event.key() == Qt.Key.Key_F2:
            self.reword()
            return True
        return False

    def _chosen(self) -> list[int]:
        """The ideas chosen on the tab that is open, in the order shown."""
        page = self.tabs.currentWidget()
        if page is self.phase_pages[Phase.GENERATE]:
            rows = sorted(i.row() for i in self.idea_list.selectionModel().selectedIndexes())
            return [self.idea_model.ids[r] for r in rows]
        tree = self.clarify_tree if page is self.phase_pages[Phase.CLARIFY] else self.theme_tree
        if page is self.phase_pages[Phase.RESULTS]:
            rows = sorted({i.row() for i in self.results.selectionModel().selectedRows()})
            return [int(self.results.item(r, 0).data(IDEA_ROLE)) for r in rows]
        items = [i for i in _in_order(tree) if i.isSelected() and i.data(0, IDEA_ROLE)]
        ids = [int(i.data(0, IDEA_ROLE)) for i in items]
        if tree is self.clarify_tree and self.view is not None:
            # A merged part chosen stands for the idea that holds it.
            held = [(idea.merged_into or idea.id) if (idea := self.view.idea(i)) else i for i in ids]
            ids = list(dict.fromkeys(held))
        return ids

    def _part_chosen(self) -> bool:
        """A merged part chosen in Clarify is not removed or reworded through the idea holding it:
        say so instead, and how to act on the part alone."""
        if self.tabs.currentWidget() is not self.phase_pages[Phase.CLARIFY] or self.view is None:
            return False
        for node in _in_order(self.clarify_tree):
            idea = self.view.idea(int(node.data(0, IDEA_ROLE) or 0)) if node.isSelected() else None
            holder = self.view.idea(idea.merged_into) if idea is not None and idea.merged_into else None
            if idea is not None and holder is not None:
                self.message.show_error(
                    tr("Idea %1 is merged into idea %2. To remove or reword it on its own, split idea %2 "
                       "first (Ctrl+Shift+M).").replace("%1", str(idea.number)).replace("%2", str(holder.number))
                )  # fmt: skip
                return True
        return False

    def remove_chosen(self) -> None:
        if self._part_chosen():
            return
        chosen = self._chosen()
        if chosen:
            self.actions.remove_ideas(chosen)

    def reword(self) -> None:
        if self._part_chosen():
            return
        chosen = self._chosen()
        idea = self.actions.idea(self.item.id, chosen[0]) if chosen and self.item else None
        if idea is None:
            return
        label = tr("Idea %1:").replace("%1", str(idea.number))
        if idea.edited:
            label += "\n" + tr("(first called out as: %1)").replace("%1", idea.original)
        ask_line(
            self,
            tr("Reword idea"),
            label,
            idea.text,
            lambda text: self.actions.edit_idea(idea.id, text),
            lambda: self.actions.last_error,
            IDEA_LIMIT,
        )

    def merge(self) -> None:
        chosen = self._chosen()
        view = self.view
        if view is None or len(chosen) < 2:
            self.message.show_error(tr("Choose two or more ideas to merge (Ctrl+click or Shift+arrow keys)."))
            return
        into = view.idea(chosen[0])
        if into is None:
            return
        numbers = ", ".join(str(i.number) for i in (view.idea(c) for c in chosen) if i is not None)
        label = (
            tr("Ideas %1 become one, numbered %2. Its wording:")
            .replace("%1", numbers)
            .replace("%2", str(into.number))
        )
        ask_line(
            self, tr("Merge ideas"), label, into.text,
            lambda text: self.actions.merge(into.id, chosen[1:], text if text != into.text else None),
            lambda: self.actions.last_error, IDEA_LIMIT,
        )  # fmt: skip

    def split(self) -> None:
        """Split the chosen idea back into its parts, or take out only the part chosen."""
        node = self.clarify_tree.currentItem()
        on_clarify = self.tabs.currentWidget() is self.phase_pages[Phase.CLARIFY]
        part = int(node.data(0, IDEA_ROLE) or 0) if on_clarify and node is not None and node.parent() else 0
        chosen = [part] if part else self._chosen()
        view = self.view
        idea = view.idea(chosen[0]) if chosen and view is not None else None
        if idea is None or view is None:
            return
        holder = view.idea(idea.merged_into) if idea.merged_into else idea
        if self.actions.split(idea.id) and holder is not None and holder.edited:
            self.note.setText(
                tr("Idea %1 keeps the wording written for the merge; F2 rewords it.").replace(
                    "%1", str(holder.number)
                )
            )

    def _clarify_key(self, event: QKeyEvent) -> bool:
        combo = event.keyCombination()
        if combo == QKeySequence("Ctrl+M")[0]:
            self.merge()
            return True
        if combo == QKeySequence("Ctrl+Shift+M")[0]:
            self.split()
            return True
        return self._idea_list_key(event)

    def _spotlight(self, node: QTreeWidgetItem | None) -> None:
        if self.item is None or self._filling:
            return
        idea = int(node.data(0, IDEA_ROLE) or 0) if node is not None else 0
        found = self.view.idea(idea) if self.view is not None and idea else None
        if found is not None and found.merged_into is not None:
            idea = found.merged_into  # a part is shown inside the idea that holds it
        self.actions.set_spotlight(self.item.id, idea)

    # == themes ===================================================================================
    def new_theme(self) -> None:
        if self.item is None:
            return
        item_id, chosen = self.item.id, self._chosen()
        label = (
            words.plural(
                len(chosen),
                tr("Name of the new theme (the chosen idea goes into it):"),
                tr("Name of the new theme (the %1 chosen ideas go into it):"),
            )
            if chosen
            else tr("Name of the new theme:")
        )
        ask_line(
            self,
            tr("New theme"),
            label,
            "",
            lambda name: self.actions.add_theme(item_id, name, chosen),
            lambda: self.actions.last_error,
            THEME_LIMIT,
        )

    def pick_theme(self) -> None:
        chosen = self._chosen()
        view = self.view
        if view is None or not chosen:
            self.message.show_error(tr("Choose one or more ideas first."))
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for number, theme in enumerate(view.themes, start=1):
            name = theme.name.replace("&", "&&")  # a name's own "&" is not a shortcut
            action = QAction(f"&{number}  {name}" if number < 10 else f"{number}  {name}", menu)
            action.triggered.connect(lambda _c=False, t=theme.id: self.actions.set_theme(chosen, t))
            menu.addAction(action)
        none = QAction(tr("&0 Not in a theme"), menu)
        none.triggered.connect(lambda: self.actions.set_theme(chosen, None))
        menu.addAction(none)
        menu.addSeparator()
        fresh = QAction(tr("&New theme…"), menu)
        fresh.triggered.connect(self.new_theme)
        menu.addAction(fresh)
        tree = self.theme_tree
        current = tree.currentItem()
        where = tree.visualItemRect(current).bottomLeft() if current is not None else QPoint(0, 0)
        menu.popup(tree.viewport().mapToGlobal(where))

    def _drop_into_theme(self, ideas: list[int], theme: int) -> None:
        self.actions.set_theme(ideas, theme or None)

    def _current_theme(self) -> int | None:
        node = self.theme_tree.currentItem()
        if node is None or node.data(0, IDEA_ROLE):
            return None
        value = node.data(0, THEME_ROLE)
        return int(value) if value else None

    def _theme_key(self, event: QKeyEvent) -> bool:
        view, key = self.view, event.key()
        if view is None:
            return False
        theme = self._current_theme()
        mods = event.modifiers()
        if (
            theme is not None
            and mods == Qt.KeyboardModifier.AltModifier
            and key in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            position = next(t.position for t in view.themes if t.id == theme)
            target = position + (-1 if key == Qt.Key.Key_Up else 1)
            if 0 <= target < len(view.themes):  # a move that goes nowhere is not a step to undo
                self.actions.move_theme(theme, target)
            return True
        if theme is not None and key == Qt.Key.Key_F2:
            name = next(t.name for t in view.themes if t.id == theme)
            ask_line(
                self,
                tr("Rename theme"),
                tr("New name:"),
                name,
                lambda text: self.actions.rename_theme(theme, text),
                lambda: self.actions.last_error,
                THEME_LIMIT,
            )
            return True
        if theme is not None and key == Qt.Key.Key_Delete:
            self.actions.remove_theme(theme)
            return True
        typed = event.text()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        # The character typed, not the key: on some keyboards the digits need Shift.
        if len(typed) == 1 and typed.isdecimal() and typed.isascii():
            chosen = self._chosen()
            number = int(typed)
            if chosen and number <= len(view.themes):
                self._after_sorting = self._next_to_sort(chosen)
                self.actions.set_theme(chosen, view.themes[number - 1].id if number else None)
            elif chosen:
                self.message.show_error(tr("There is no theme %1.").replace("%1", str(number)))
            return True
        if typed.lower() == "t":
            self.pick_theme()
            return True
        return False

    # == dots =====================================================================================
    def _total_typed(self, cell: QTableWidgetItem) -> None:
        if self._filling or cell.column() != 3:
            return
        idea_id, text, row = int(cell.data(IDEA_ROLE)), cell.text().strip(), cell.row()
        # The table is still closing its editor: rebuild it only once that is done.
        QTimer.singleShot(0, self, lambda: self._save_total(idea_id, text, row))

    def _save_total(self, idea_id: int, text: str, row: int) -> None:
        count = int(text) if text.isdecimal() and text.isascii() else -1  # "²" is a digit, not a number
        shown = {s.idea.id: s.dots for s in self.view.standings()} if self.view is not None else {}
        if count == shown.get(idea_id, -2):
            return  # the same count again: nothing to save or to undo
        if count < 0 or count > MAX_DOTS_ON_IDEA:
            self.message.show_error(tr("Type the number of dots on the idea, such as 3."))
            self._refill()
        elif self.actions.set_total(idea_id, count):
            self.message.clear_error()
        else:
            self._refill()  # the refused number goes; the count stored comes back
        if self.totals.rowCount():
            self.totals.setCurrentCell(min(row, self.totals.rowCount() - 1), 3)

    def _count_closed(self, _editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            row = self.totals.currentRow()
            QTimer.singleShot(0, self, lambda: self._next_count(row))

    def _next_count(self, row: int) -> None:
        """After Enter, the next idea's count, unless the one typed was refused (then stay)."""
        if not self.message.isVisible() and self.totals.rowCount():
            self.totals.setCurrentCell(min(row + 1, self.totals.rowCount() - 1), 3)

    def _refill(self) -> None:
        if self.view is not None:
            self._fill(self.view)

    def _show_voter(self) -> None:
        view = self.view
        person = self.voter.currentData()
        if view is None or person is None:
            self.numbers.reset()
            return
        numbers = {i.id: i.number for i in view.ideas}
        placed = view.dots_of(int(person))
        self.numbers.reset(
            " ".join(" ".join([str(numbers.get(i, ""))] * n) for i, n in sorted(placed.items()))
        )

    def enter_person_dots(self) -> None:
        if self.item is None or self.voter.currentData() is None:
            return
        numbers = parse_numbers(self.numbers.text())
        if numbers is None:
            self.message.show_error(tr("Type idea numbers only, separated by spaces, such as 12 12 7 3 1."))
            return
        person = int(self.voter.currentData())
        if self.actions.set_person_dots(self.item.id, person, numbers):
            self.message.clear_error()
            self.voter.setCurrentIndex((self.voter.currentIndex() + 1) % max(1, self.voter.count()))
            self.numbers.setFocus()
            self.numbers.selectAll()

    def clear_dots(self) -> None:
        if self.item is not None:
            self.actions.clear_dots(self.item.id)

    # == results ==================================================================================
    def _to_send(self) -> list[int]:
        view = self.view
        if view is None:
            return []
        what = self.send_what.currentData()
        if what == "top":
            return [s.idea.id for s in top(view.standings(), self.top_count.value())]
        if what == "chosen":
            return self._chosen()
        if what == "all":
            return [i.id for i in view.wall]
        return [i.id for i in view.in_theme(int(what))] if what is not None else []

    def send(self) -> None:
        target = self.send_to.currentData()
        if self.item is None or target is None:
            return
        ideas = self._to_send()
        if self.actions.send(self.item.id, ideas, int(target)):
            sent, skipped = self.actions.last_sent
            text = words.plural(
                sent, tr("1 idea added to that item's list."), tr("%1 ideas added to that item's list.")
            )
            if skipped:
                text += " " + words.plural(skipped, tr("1 was already on it."), tr("%1 were already on it."))
            self.note.setText(text)

    def propose(self) -> None:
        view, detail = self.view, self.controller.detail
        chosen = self._chosen()
        if not chosen and view is not None and view.settings.voting:
            first = top(view.standings(), 1)
            if len(first) > 1:  # the room's tie is not the app's to break
                numbers = ", ".join(str(s.idea.number) for s in first)
                self.message.show_error(
                    tr("Ideas %1 are tied first. Choose the one to propose in the table.").replace(
                        "%1", numbers
                    )
                )
                return
            chosen = [s.idea.id for s in first]
        if view is None or detail is None or not chosen or self.item is None:
            self.message.show_error(tr("Choose an idea in the table first."))
            return
        idea = view.idea(chosen[0])
        if idea is None:
            return
        later = [
            i for i in detail.agenda if i.kind is AgendaKind.DECISIONS and i.position > self.item.position
        ]
        where = later[0].id if later else None
        fields = DecisionFields(idea.text, draws_on=tr("%1: idea %2").replace("%1", self.item.title).replace(
            "%2", str(idea.number)))  # fmt: skip
        if record_actions(self.controller).add_decision(view.meeting_id, fields, where):
            self.note.setText(
                tr("Idea %1 is now a proposal under “%2”.").replace("%1", str(idea.number)).replace(
                    "%2", later[0].title) if later else tr("Idea %1 is now a proposal in this meeting's decisions.").replace(
                    "%1", str(idea.number))
            )  # fmt: skip

    # == helpers ==================================================================================
    @staticmethod
    def _current_idea(tree: QTreeWidget) -> int | None:
        node = tree.currentItem()
        value = node.data(0, IDEA_ROLE) if node is not None else None
        return int(value) if value else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._focus_capture:
            QTimer.singleShot(0, self, self._take_focus)

    def _take_focus(self) -> None:
        if self._focus_capture and self.capture.isVisible():
            self._focus_capture = False
            self.capture.setFocus()


def _tree_page(
    page: QWidget, tree: QTreeWidget, buttons: Sequence[tuple[str, Callable[[], None]]], keys: str
) -> QWidget:
    """A tab that is a tree of ideas, a row of buttons under it and a line saying its keys."""
    row = QHBoxLayout()
    for text, slot in buttons:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.addWidget(tree, 1)
    layout.addLayout(row)
    layout.addWidget(hint(keys))
    return page


def _in_order(tree: QTreeWidget) -> Sequence[QTreeWidgetItem]:
    found: list[QTreeWidgetItem] = []
    for top_index in range(tree.topLevelItemCount()):
        node = tree.topLevelItem(top_index)
        found.append(node)
        found.extend(node.child(i) for i in range(node.childCount()))
    return found
