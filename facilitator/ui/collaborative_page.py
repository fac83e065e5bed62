"""A collaborative: its purpose, vision and mission, its people, and its meetings."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator.domain.model import (
    Collaborative,
    CollaborativeSummary,
    Person,
    PersonFields,
    Sector,
)
from facilitator.ui.controller import Controller
from facilitator.ui.texts import meeting_status_label
from facilitator.ui.widgets import (
    CommitLineEdit,
    CommitTextEdit,
    ErrorLabel,
    KeyFilter,
    TextField,
    attempt,
    heading,
)


class CollaborativePage(QWidget):
    open_meeting = Signal(int)
    new_meeting = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.collaborative: Collaborative | None = None
        self.people: list[Person] = []

        self.heading = heading("")
        self.name = CommitLineEdit()
        self.purpose = CommitTextEdit()
        self.vision = CommitTextEdit()
        self.mission = CommitTextEdit()
        self.error = ErrorLabel()
        for field in (self.name, self.purpose, self.vision, self.mission):
            self.error.watch(field)
        about = QFormLayout()
        about.addRow(self.tr("&Name"), self.name)
        for label, field in (
            (self.tr("&Purpose"), self.purpose),
            (self.tr("V&ision"), self.vision),
            (self.tr("Mi&ssion"), self.mission),
        ):
            field.setMaximumHeight(80)
            about.addRow(label, field)
        about.addRow("", self.error)
        self.name.committed.connect(lambda text: self._save(name=text))
        self.purpose.committed.connect(lambda text: self._save(purpose=text))
        self.vision.committed.connect(lambda text: self._save(vision=text))
        self.mission.committed.connect(lambda text: self._save(mission=text))
        about_box = QGroupBox(self.tr("About this collaborative"))
        about_box.setLayout(about)

        self.meetings = QListWidget()
        self.meetings.itemActivated.connect(
            lambda entry: self.open_meeting.emit(entry.data(Qt.ItemDataRole.UserRole))
        )
        new_meeting = QPushButton(self.tr("New meetin&g…"))
        new_meeting.clicked.connect(self.new_meeting.emit)
        meetings_box = QGroupBox(self.tr("Meetings"))
        meetings_layout = QVBoxLayout(meetings_box)
        meetings_layout.addWidget(self.meetings)
        meetings_layout.addWidget(new_meeting)

        self.people_table = QTableWidget(0, 4)
        self.people_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Organisation"), self.tr("Sector"), self.tr("Contact")]
        )
        self.people_table.verticalHeader().hide()
        self.people_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.people_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people_table.currentCellChanged.connect(lambda *_: self._show_person())
        self.people_table.installEventFilter(KeyFilter(self._people_key, self))
        self.person_name = TextField()
        self.person_org = TextField()
        self.person_sector = QComboBox()
        self.person_contact = TextField(placeholderText=self.tr("Phone or e-mail (optional)"))
        self.person_error = ErrorLabel()
        self.person_mode = QLabel()
        self.person_mode.setTextFormat(Qt.TextFormat.PlainText)
        self.editing: Person | None = None  # None: the form adds a new person
        self.new_person_button = QPushButton(self.tr("Ne&w person"))
        self.save_person_button = QPushButton(self.tr("Save pe&rson"))
        self.remove_person_button = QPushButton(self.tr("Remove person (Del)"))
        self.new_person_button.clicked.connect(self.new_person)
        self.save_person_button.clicked.connect(self.save_person)
        self.remove_person_button.clicked.connect(self.remove_person)
        for field in (self.person_name, self.person_org, self.person_contact):
            field.returnPressed.connect(self.save_person)
            # Editing someone already on the list saves as you leave each field, like every form.
            field.editingFinished.connect(self._save_if_editing)
            self.person_error.watch(field)
        self.person_sector.activated.connect(lambda _index: self._save_if_editing())
        person_form = QFormLayout()
        person_form.addRow(self.person_mode)
        person_form.addRow(self.tr("Person n&ame"), self.person_name)
        person_form.addRow(self.tr("&Organisation"), self.person_org)
        person_form.addRow(self.tr("Se&ctor"), self.person_sector)
        person_form.addRow(self.tr("Con&tact"), self.person_contact)
        person_buttons = QHBoxLayout()
        for button in (self.new_person_button, self.save_person_button, self.remove_person_button):
            person_buttons.addWidget(button)
        person_buttons.addStretch(1)
        people_box = QGroupBox(self.tr("People"))
        people_layout = QVBoxLayout(people_box)
        people_layout.addWidget(self.people_table, 1)
        people_layout.addLayout(person_form)
        people_layout.addLayout(person_buttons)
        people_layout.addWidget(self.person_error)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(about_box)
        left_layout.addWidget(self._rules_box())
        left_layout.addWidget(meetings_box, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(people_box)
        split.setStretchFactor(1, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(split, 1)

        controller.collaborative_changed.connect(self._collaborative_changed)
        controller.people_changed.connect(self._people_changed)
        controller.overview_changed.connect(self._overview_changed)
        controller.sectors_changed.connect(self._sectors_changed)

    def _rules_box(self) -> QGroupBox:
        """The ground rules in force and how the group decides: agreed in meetings, shown here."""
        from facilitator.techniques.ground_rules.ui.actions import actions

        self.rules_label = QLabel()
        self.rules_label.setWordWrap(True)
        self.rules_label.setTextFormat(Qt.TextFormat.PlainText)
        self.rules_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QGroupBox(self.tr("Ground rules in force"))
        QVBoxLayout(box).addWidget(self.rules_label)
        actions(self.controller).changed.connect(lambda _view: self._show_rules())
        return box

    def _show_rules(self) -> None:
        from facilitator.techniques.ground_rules.model import RuleKind
        from facilitator.techniques.ground_rules.ui import words
        from facilitator.techniques.ground_rules.ui.actions import actions

        if self.collaborative is None:
            return
        adopted = actions(self.controller).adopted(self.collaborative.id)
        decision = next((r for r in adopted if r.kind is RuleKind.DECISION), None)
        lines = [
            f"{number}. {rule.wording.text}"
            for number, rule in enumerate((r for r in adopted if r.kind is RuleKind.RULE), start=1)
        ]
        if decision is not None and decision.wording.decision is not None:
            lines.insert(
                0, self.tr("How we decide: %1").replace("%1", words.rule_summary(decision.wording.decision))
            )
        else:
            lines.insert(0, self.tr("No decision rule adopted yet: decisions need consensus until one is."))
        if len(lines) == 1:
            lines.append(self.tr("None yet. A meeting's ground-rules item proposes and checks them."))
        self.rules_label.setText("\n".join(lines))

    def show_collaborative(self, collaborative: Collaborative) -> None:
        self.collaborative = collaborative
        self._fill(collaborative)
        self._show_rules()
        self._people_changed(collaborative.id, self.controller.people(collaborative.id))
        self._overview_changed(self.controller.overview)
        self._sectors_changed(self.controller.sectors)

    def _fill(self, collaborative: Collaborative) -> None:
        self.heading.setText(collaborative.name)
        self.name.set_saved_text(collaborative.name)
        self.purpose.set_saved_text(collaborative.purpose)
        self.vision.set_saved_text(collaborative.vision)
        self.mission.set_saved_text(collaborative.mission)

    def _collaborative_changed(self, collaborative: Collaborative) -> None:
        if self.collaborative is not None and collaborative.id == self.collaborative.id:
            self.collaborative = collaborative
            self._fill(collaborative)

    def _overview_changed(self, overview: list[CollaborativeSummary]) -> None:
        if self.collaborative is None:
            return
        self.meetings.clear()
        for summary in overview:
            if summary.id != self.collaborative.id:
                continue
            for meeting in summary.meetings:
                text = (
                    f"{meeting.starts_at:%Y-%m-%d}  {meeting.title}  ({meeting_status_label(meeting.status)})"
                )
                entry = QListWidgetItem(text)
                entry.setData(Qt.ItemDataRole.UserRole, meeting.id)
                self.meetings.addItem(entry)

    def _sectors_changed(self, sectors: list[Sector]) -> None:
        current = self.person_sector.currentData()
        self.person_sector.clear()
        self.person_sector.addItem(self.tr("(no sector)"), None)
        for sector in sectors:
            self.person_sector.addItem(sector.name, sector.id)
        self.person_sector.setCurrentIndex(max(0, self.person_sector.findData(current)))

    def _people_changed(self, collaborative_id: int, people: list[Person]) -> None:
        if self.collaborative is None or collaborative_id != self.collaborative.id:
            return
        selected = self._selected_person()
        self.people = people
        self.people_table.setRowCount(len(people))
        for row, person in enumerate(people):
            for column, value in enumerate(
                (person.name, person.organisation, person.sector_name, person.contact)
            ):
                self.people_table.setItem(row, column, QTableWidgetItem(value))
        if selected is not None:
            for row, person in enumerate(people):
                if person.id == selected.id:
                    self.people_table.selectRow(row)
        self._show_person()

    def _selected_person(self) -> Person | None:
        row = self.people_table.currentRow()
        return self.people[row] if 0 <= row < len(self.people) else None

    def _show_person(self) -> None:
        """The form edits the selected person; with nobody selected it adds a new one."""
        person = self._selected_person()
        self.editing = person
        self.remove_person_button.setEnabled(person is not None)
        if person is None:
            self.person_mode.setText(self.tr("New person:"))
            for field in (self.person_name, self.person_org, self.person_contact):
                field.reset()
            self.person_sector.setCurrentIndex(0)
            return
        self.person_mode.setText(self.tr("Editing %1:").replace("%1", person.name))
        self.person_name.reset(person.name)
        self.person_org.reset(person.organisation)
        if person.sector_id is not None and self.person_sector.findData(person.sector_id) < 0:
            # A sector since taken off the list: the person keeps it unless someone changes it.
            self.person_sector.addItem(
                self.tr("%1 (no longer on the list)").replace("%1", person.sector_name), person.sector_id
            )
        self.person_sector.setCurrentIndex(max(0, self.person_sector.findData(person.sector_id)))
        self.person_contact.reset(person.contact)

    def _person_fields(self) -> PersonFields:
        return PersonFields(
            self.person_name.text(), self.person_org.text(), self.person_sector.currentData(),
            self.person_contact.text(),
        )  # fmt: skip

    def _save_if_editing(self) -> None:
        if self.editing is not None and self._person_fields() != self.editing.fields():
            self.save_person()

    def new_person(self) -> None:
        self.people_table.setCurrentCell(-1, -1)
        self.people_table.clearSelection()
        self._show_person()
        self.person_error.clear_error()
        self.person_name.setFocus()

    def save_person(self) -> None:
        if self.collaborative is None or self.controller.services is None:
            return
        fields, editing = self._person_fields(), self.editing
        if editing is not None:
            attempt(lambda: self.controller.update_person(editing, fields), self.person_error)
            return
        collaborative_id = self.collaborative.id
        if attempt(lambda: self.controller.add_person(collaborative_id, fields), self.person_error):
            self.new_person()  # ready for the next one

    def remove_person(self) -> None:
        person = self._selected_person()
        if person is not None:
            attempt(lambda: self.controller.remove_person(person), self.person_error)

    def _people_key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Delete:
            self.remove_person()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.person_name.setFocus()
            self.person_name.selectAll()
            return True
        return False

    def _save(self, **changes: Any) -> None:
        collaborative = self.collaborative
        if collaborative is None or self.controller.services is None:
            return
        new = replace(collaborative.fields(), **changes)
        attempt(lambda: self.controller.update_collaborative(collaborative.id, new), self.error)


class WelcomePage(QWidget):
    """What a new facilitator sees first: start their own collaborative, or look around the sample."""

    start_new = Signal()
    open_sample = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = heading(self.tr("Welcome to Facilitator"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "Facilitator helps you run a community meeting step by step: who is in the room, "
                "an agenda with a time box for each item, and a second window that shows the "
                "current step on the projector. It works without internet and saves everything "
                "as you go."
            )
        )
        intro.setWordWrap(True)
        self.new_button = QPushButton(self.tr("Start a &new collaborative"))
        self.sample_button = QPushButton(self.tr("Open the &sample collaborative"))
        for button in (self.new_button, self.sample_button):
            button.setMinimumHeight(48)
            f = button.font()
            f.setPointSizeF(f.pointSizeF() * 1.2)
            button.setFont(f)
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.start_new.emit)
        self.sample_button.clicked.connect(self.open_sample.emit)
        hint = QLabel(
            self.tr(
                "A collaborative is the group that meets: partners from government, business, "
                "nonprofits, faith groups, schools and the neighbourhood. The sample has fifteen "
                "people and two meetings you can explore and change freely."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        box = QVBoxLayout()
        box.addWidget(title)
        box.addWidget(intro)
        box.addSpacing(16)
        box.addWidget(self.new_button)
        box.addWidget(self.sample_button)
        box.addSpacing(16)
        box.addWidget(hint)
        inner = QWidget()
        inner.setLayout(box)
        inner.setMaximumWidth(640)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(inner)
        column.addStretch(2)
        outer.addLayout(column, 3)
        outer.addStretch(1)
