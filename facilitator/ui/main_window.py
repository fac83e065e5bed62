"""The facilitator's window: navigator, pages, menus, and the presenter window it drives."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
    QScreen,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from facilitator.domain.model import CollaborativeSummary, MeetingDetail, MeetingStatus
from facilitator.ui.controller import Controller
from facilitator.ui.meeting_page import MeetingPage
from facilitator.ui.texts import meeting_status_label, plain_tooltip
from facilitator.ui.timer import TimerController

if TYPE_CHECKING:  # built on first use, so the first paint does not wait for them
    from facilitator.ui.collaborative_page import CollaborativePage, WelcomePage
    from facilitator.ui.presenter import PresenterWindow

COLLABORATIVE_ROLE = Qt.ItemDataRole.UserRole
MEETING_ROLE = Qt.ItemDataRole.UserRole + 1


class MainWindow(QMainWindow):
    first_painted = Signal()

    def __init__(
        self, controller: Controller, timer: TimerController, settings: QSettings, data_folder: Path
    ) -> None:
        super().__init__()
        self.controller, self.timer, self.settings, self.data_folder = (
            controller,
            timer,
            settings,
            data_folder,
        )
        # The window owns them, so no signal reaches a page after the window is gone.
        controller.setParent(self)
        timer.setParent(self)
        self._painted = False
        self._current_item_id: int | None = None
        self._shown_meeting_id: int | None = None
        self.setWindowTitle(self.tr("Facilitator"))
        self.setObjectName("mainWindow")

        self.actions: dict[str, QAction] = {}
        self._make_actions()
        self._presenter: PresenterWindow | None = None
        self._presenter_placed = False  # where it was last time, or placed beside us once
        self._welcome: WelcomePage | None = None
        self._collaborative_page: CollaborativePage | None = None

        self.navigator = QTreeWidget()
        self.navigator.setHeaderHidden(True)
        self.navigator.setMinimumWidth(180)
        self.navigator.itemActivated.connect(self._navigator_activated)
        self.navigator.currentItemChanged.connect(self._navigator_moved)
        self.meeting_page = MeetingPage(controller, timer, self.actions)
        self.meeting_page.settings = settings
        self.pages = QStackedWidget()
        self.pages.addWidget(self.meeting_page)
        split = QSplitter()
        split.addWidget(self.navigator)
        split.addWidget(self.pages)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 980])
        self.setCentralWidget(split)
        self._make_menus()

        self.projector_label = QLabel()
        self.statusBar().addPermanentWidget(self.projector_label)
        self.saved_label = QLabel(self.tr("Everything is saved automatically."))
        self.statusBar().addPermanentWidget(self.saved_label)
        self._show_projector_state()

        controller.overview_changed.connect(self._show_overview)
        controller.meeting_loaded.connect(self._meeting_loaded)
        controller.meeting_opened.connect(self._meeting_opened)
        controller.meeting_unloaded.connect(self._meeting_unloaded)
        controller.meeting_changed.connect(lambda _m: self._follow_run())
        controller.agenda_changed.connect(lambda _a: self._follow_run())
        controller.failed.connect(self._show_failure)
        controller.saved.connect(self._show_saved)
        controller.ready.connect(self._update_actions)
        controller.undo_stack.indexChanged.connect(lambda _i: self._update_actions())
        timer.expired.connect(self._time_up)
        timer.adjusted.connect(self._save_timer)
        controller.ready.connect(self._restore_timer)
        timer.changed.connect(self._update_timer_action)
        self._restore_settings()
        self._update_actions()

    # -- parts built on first use ----------------------------------------------------------------
    @property
    def presenter(self) -> PresenterWindow:
        if self._presenter is None:
            from facilitator.ui.presenter import PresenterWindow

            presenter = PresenterWindow(self.controller, self.timer)
            presenter.share_actions(
                [
                    self.actions[k]
                    for k in ("presenter_full", "zoom_in", "zoom_out", "timer_toggle", "timer_add")
                ]
            )
            presenter.visibility_changed.connect(self.actions["presenter_show"].setChecked)
            presenter.visibility_changed.connect(lambda _shown: self._show_projector_state())
            presenter.blank_changed.connect(self.actions["presenter_blank"].setChecked)
            presenter.blank_changed.connect(lambda _blank: self._show_projector_state())
            presenter.rules_changed.connect(self.actions["presenter_rules"].setChecked)
            presenter.rules_changed.connect(lambda _shown: self._show_projector_state())
            geometry = self.settings.value("presenter/geometry")
            if isinstance(geometry, QByteArray) and not geometry.isEmpty():
                self._presenter_placed = presenter.restoreGeometry(geometry)
            presenter.set_zoom_factor(float(self.settings.value("presenter/zoom", 1.0)))  # type: ignore[arg-type]
            presenter.show_detail(self.controller.detail)
            self._presenter = presenter
            self._presenter_paging_keys()
        return self._presenter

    @property
    def welcome(self) -> WelcomePage:
        if self._welcome is None:
            from facilitator.ui.collaborative_page import WelcomePage

            self._welcome = WelcomePage()
            self._welcome.start_new.connect(self.new_collaborative)
            self._welcome.open_sample.connect(self.open_sample)
            self.pages.addWidget(self._welcome)
        return self._welcome

    @property
    def collaborative_page(self) -> CollaborativePage:
        if self._collaborative_page is None:
            from facilitator.ui.collaborative_page import CollaborativePage

            page = CollaborativePage(self.controller)
            page.open_meeting.connect(self.open_meeting)
            page.new_meeting.connect(self.new_meeting)
            self.pages.addWidget(page)
            self._collaborative_page = page
        return self._collaborative_page

    # -- actions and menus ----------------------------------------------------------------------
    def _action(self, key: str, text: str, slot: object, shortcut: QKeySequence | str | None = None,
                *, checkable: bool = False, context: Qt.ShortcutContext | None = None) -> QAction:  # fmt: skip
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if context is not None:
            action.setShortcutContext(context)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self.actions[key] = action
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        app_wide = Qt.ShortcutContext.ApplicationShortcut
        ks = QKeySequence.StandardKey
        self._action(
            "new_collaborative", self.tr("New &collaborative…"), self.new_collaborative, "Ctrl+Shift+N"
        )
        self._action("new_meeting", self.tr("&New meeting…"), self.new_meeting, QKeySequence(ks.New))
        self._action("open_sample", self.tr("Open the &sample collaborative"), self.open_sample)
        self._action("remove_meeting", self.tr("&Remove this meeting"), self.remove_meeting)
        self._action("remove_collaborative", self.tr("Remove this co&llaborative"), self.remove_collaborative)
        self._action("export_minutes", self.tr("&Export the minutes…"), self.export_minutes, "Ctrl+E")
        self._action(
            "export_meeting", self.tr("Save this meeting to an e&xchange file…"), self.export_meeting
        )
        self._action(
            "import_meeting", self.tr("&Import a meeting from an exchange file…"), self.import_meeting
        )
        self._action(
            "print_minutes", self.tr("&Print the minutes…"), self.print_minutes, QKeySequence(ks.Print)
        )
        self._action(
            "park", self.tr("Add to the &parking lot…"), self.park_item, "Ctrl+Shift+K", context=app_wide
        )
        self._action("new_action_item", self.tr("New &action item…"), self.new_action_item, "Ctrl+Shift+A",
                     context=app_wide)  # fmt: skip
        self._action("show_data", self.tr("Show the &data folder"), self.show_data_folder)
        self._action("quit", self.tr("&Quit"), self.close, QKeySequence(ks.Quit))
        stack = self.controller.undo_stack
        undo = self._action("undo", self.tr("&Undo"), self.undo, QKeySequence(ks.Undo), context=app_wide)
        redo = self._action("redo", self.tr("&Redo"), self.redo, "Ctrl+Shift+Z", context=app_wide)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(lambda text: undo.setText(self._step_text(self.tr("&Undo"), text)))
        stack.redoTextChanged.connect(lambda text: redo.setText(self._step_text(self.tr("&Redo"), text)))
        undo.setEnabled(False)
        redo.setEnabled(False)
        self._action("sectors", self.tr("&Sectors…"), self.edit_sectors)
        self._action("go_navigator", self.tr("Go to the &list of meetings"), self.navigator_focus, "Ctrl+L")
        for index, (key, text) in enumerate(
            (("tab_details", self.tr("&Details")), ("tab_attendance", self.tr("&Attendance")),
             ("tab_agenda", self.tr("A&genda")), ("tab_run", self.tr("&Run")),
             ("tab_minutes", self.tr("&Minutes")))
        ):  # fmt: skip
            self._action(key, text, lambda _=False, i=index: self.show_tab(i), f"Ctrl+{index + 1}")
        self._action("find", self.tr("&Find a person"), self.find_person, QKeySequence(ks.Find))
        self._action("presenter_show", self.tr("Show &presenter window"), self.toggle_presenter,
                     "Ctrl+Shift+P", checkable=True, context=app_wide)  # fmt: skip
        self._action("presenter_full", self.tr("Presenter &full screen"), self.presenter_full_screen, "F5",
                     context=app_wide)  # fmt: skip
        self._action("presenter_blank", self.tr("&Blank the presenter"), self.blank_presenter, "Ctrl+B",
                     checkable=True, context=app_wide)  # fmt: skip
        self._action("presenter_rules", self.tr("Show the &ground rules on the presenter"), self.show_rules,
                     "Ctrl+Shift+G", checkable=True, context=app_wide)  # fmt: skip
        zoom_in = self._action(
            "zoom_in", self.tr("&Larger text"), lambda: self.zoom(1), None, context=app_wide
        )
        zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self._action("zoom_out", self.tr("S&maller text"), lambda: self.zoom(-1), "Ctrl+-", context=app_wide)
        self._action("start", self.tr("&Start meeting"), self.start_meeting, "Ctrl+Return", context=app_wide)
        self._action("next", self.tr("&Next item"), lambda: self.step(1), "Ctrl+PgDown", context=app_wide)
        self._action(
            "previous", self.tr("&Previous item"), lambda: self.step(-1), "Ctrl+PgUp", context=app_wide
        )
        self._action("go_to", self.tr("&Go to item…"), self.go_to_item, "Ctrl+G", context=app_wide)
        self._action(
            "close", self.tr("&Close meeting"), self.close_meeting, "Ctrl+Shift+Return", context=app_wide
        )
        self._action("timer_toggle", self.tr("Start &timer"), self.timer.toggle, "Ctrl+T", context=app_wide)
        self._action(
            "timer_add", self.tr("&Add a minute"), self.timer.add_minute, "Ctrl+Shift+T", context=app_wide
        )
        self._action(
            "timer_reset", self.tr("R&eset timer"), self.timer.reset, "Ctrl+Shift+R", context=app_wide
        )
        self._action("timer_sound", self.tr("&Sound when time is up"), self._toggle_sound, checkable=True)
        self._action(
            "shortcuts", self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence(ks.HelpContents)
        )
        self._action("about", self.tr("&About Facilitator"), self.about)
        self._action("about_qt", self.tr("About &Qt"), QGuiApplication.instance().aboutQt)  # type: ignore[attr-defined]

    def _make_menus(self) -> None:
        bar = self.menuBar()
        menus: list[tuple[str, list[str | None]]] = [
            (self.tr("&File"), ["new_collaborative", "new_meeting", None, "open_sample", None, "export_minutes",
                                "print_minutes", None, "export_meeting",
                                "import_meeting", None, "remove_meeting",
                                "remove_collaborative", None, "show_data", None, "quit"]),
            (self.tr("&Edit"), ["undo", "redo", None, "find", None, "sectors"]),
            (self.tr("&View"), ["go_navigator", "tab_details", "tab_attendance", "tab_agenda", "tab_run", "tab_minutes", None,
                                "presenter_show", "presenter_full", "presenter_blank", "presenter_rules", "zoom_in",
                                "zoom_out"]),
            (self.tr("&Meeting"), ["start", "previous", "next", "go_to", None, "timer_toggle", "timer_add",
                                   "timer_reset", "timer_sound", None, "park", "new_action_item", None, "close"]),
            (self.tr("&Help"), ["shortcuts", None, "about", "about_qt"]),
        ]  # fmt: skip
        for title, keys in menus:
            menu = bar.addMenu(title)
            for key in keys:
                if key is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions[key])
            if title == self.tr("&View"):
                self.screen_menu = QMenu(self.tr("Presenter &screen"), self)
                self.screen_menu.aboutToShow.connect(self._fill_screen_menu)
                menu.addMenu(self.screen_menu)

    def _presenter_paging_keys(self) -> None:
        """A clicker sends Page Down / Page Up (or the arrow keys): on the projector they step."""
        for key, step in (
            (Qt.Key.Key_PageDown, 1), (Qt.Key.Key_Right, 1), (Qt.Key.Key_PageUp, -1), (Qt.Key.Key_Left, -1),
        ):  # fmt: skip
            action = QAction(self.presenter)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, s=step: self.step(s))
            self.presenter.addAction(action)

    def _update_actions(self) -> None:
        ready = self.controller.services is not None
        detail = self.controller.detail
        in_meeting = ready and detail is not None and self.pages.currentWidget() is self.meeting_page
        status = detail.meeting.status if detail else None
        for key in ("new_collaborative", "open_sample", "sectors", "import_meeting"):
            self.actions[key].setEnabled(ready)
        self.actions["new_meeting"].setEnabled(ready and self._selected_collaborative_id() is not None)
        self.actions["remove_collaborative"].setEnabled(
            ready and self._selected_collaborative_id() is not None
        )
        self.actions["remove_meeting"].setEnabled(in_meeting)
        for key in ("tab_details", "tab_attendance", "tab_agenda", "tab_run", "tab_minutes", "find",
                    "export_minutes", "print_minutes", "park", "new_action_item", "export_meeting"):  # fmt: skip
            self.actions[key].setEnabled(detail is not None)
        running = in_meeting and status is MeetingStatus.IN_PROGRESS
        self.actions["start"].setEnabled(in_meeting and status is not MeetingStatus.IN_PROGRESS)
        self.actions["start"].setText(
            self.tr("Re&open meeting") if status is MeetingStatus.CLOSED else self.tr("&Start meeting")
        )
        for key in ("next", "previous", "go_to", "close"):
            self.actions[key].setEnabled(running)
        has_item = running and detail is not None and detail.current_item is not None
        for key in ("timer_toggle", "timer_add", "timer_reset"):
            self.actions[key].setEnabled(has_item)

    def _update_timer_action(self) -> None:
        from facilitator.domain.timer import TimerState

        texts = {
            TimerState.READY: self.tr("Start &timer"),
            TimerState.RUNNING: self.tr("Pause &timer"),
            TimerState.PAUSED: self.tr("Resume &timer"),
        }
        self.actions["timer_toggle"].setText(texts[self.timer.state])

    # -- navigator ------------------------------------------------------------------------------
    def _show_overview(self, overview: list[CollaborativeSummary]) -> None:
        selected = self._selection_key()
        self.navigator.blockSignals(True)
        self.navigator.clear()
        restore: QTreeWidgetItem | None = None
        for collaborative in overview:
            parent = QTreeWidgetItem([collaborative.name])
            parent.setToolTip(0, plain_tooltip(collaborative.name))
            parent.setData(0, COLLABORATIVE_ROLE, collaborative.id)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            self.navigator.addTopLevelItem(parent)
            if selected == ("c", collaborative.id):
                restore = parent
            for meeting in collaborative.meetings:
                label = f"{meeting.starts_at:%Y-%m-%d}  {meeting.title}"
                if meeting.status is not MeetingStatus.PLANNED:
                    label += f"  ({meeting_status_label(meeting.status)})"
                child = QTreeWidgetItem([label])
                child.setToolTip(0, plain_tooltip(label))
                child.setData(0, COLLABORATIVE_ROLE, collaborative.id)
                child.setData(0, MEETING_ROLE, meeting.id)
                parent.addChild(child)
                if selected == ("m", meeting.id):
                    restore = child
            parent.setExpanded(True)
        if restore is not None:
            self.navigator.setCurrentItem(restore)
        self.navigator.blockSignals(False)
        if not overview:
            self.pages.setCurrentWidget(self.welcome)
        elif restore is None:
            self._show_first_or_current(overview)
        self._update_actions()

    def _show_first_or_current(self, overview: list[CollaborativeSummary]) -> None:
        """After a removal (or at start), show something that still exists."""
        detail = self.controller.detail
        if detail is not None:
            self._select_meeting_in_tree(detail.meeting.id)
            return
        first = self.navigator.topLevelItem(0)
        if first is not None:
            self.navigator.setCurrentItem(first)

    def _selection_key(self) -> tuple[str, int] | None:
        item = self.navigator.currentItem()
        if item is None:
            return None
        meeting_id = item.data(0, MEETING_ROLE)
        if meeting_id is not None:
            return ("m", int(meeting_id))
        return ("c", int(item.data(0, COLLABORATIVE_ROLE)))

    def _selected_collaborative_id(self) -> int | None:
        item = self.navigator.currentItem()
        if item is not None:
            return int(item.data(0, COLLABORATIVE_ROLE))
        detail = self.controller.detail
        return detail.collaborative.id if detail else None

    def _navigator_moved(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        """Arrows in the list open what they reach, except while a meeting runs: then the room's
        projector must not change because a key went astray; Enter (or a double click) opens."""
        detail = self.controller.detail
        if detail is not None and detail.meeting.status is MeetingStatus.IN_PROGRESS:
            return
        self._navigator_activated(item)

    def _navigator_activated(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        meeting_id = item.data(0, MEETING_ROLE)
        if meeting_id is not None:
            if (
                self._shown_meeting_id != int(meeting_id)
                or self.pages.currentWidget() is not self.meeting_page
            ):
                self.open_meeting(int(meeting_id))
        else:
            self.open_collaborative(int(item.data(0, COLLABORATIVE_ROLE)))
        self._update_actions()

    def _select_meeting_in_tree(self, meeting_id: int) -> None:
        for i in range(self.navigator.topLevelItemCount()):
            parent = self.navigator.topLevelItem(i)
            for j in range(parent.childCount()):
                child = parent.child(j)
                if child.data(0, MEETING_ROLE) == meeting_id:
                    self.navigator.blockSignals(True)
                    self.navigator.setCurrentItem(child)
                    self.navigator.blockSignals(False)
                    return

    def navigator_focus(self) -> None:
        self.navigator.setFocus()

    # -- pages ----------------------------------------------------------------------------------
    def open_collaborative(self, collaborative_id: int) -> None:
        if self.controller.services is None:
            return
        page = self.collaborative_page

        def show() -> None:
            page.show_collaborative(self.controller.collaborative(collaborative_id))
            self.pages.setCurrentWidget(page)

        self.controller.guarded(show)
        self._update_actions()

    def open_meeting(self, meeting_id: int) -> None:
        if self.controller.services is None:
            return
        self.controller.guarded(lambda: self.controller.open_meeting(meeting_id))

    def _meeting_loaded(self, detail: MeetingDetail) -> None:
        """Fresh data for the open meeting (a reload does not change which page is shown)."""
        self.setWindowTitle(self.tr("%1 — Facilitator").replace("%1", detail.meeting.title))
        self._follow_run()

    def _meeting_opened(self, detail: MeetingDetail) -> None:
        first_time = self._shown_meeting_id != detail.meeting.id
        self._shown_meeting_id = detail.meeting.id
        self.pages.setCurrentWidget(self.meeting_page)
        self._select_meeting_in_tree(detail.meeting.id)
        if first_time:
            running = detail.meeting.status is MeetingStatus.IN_PROGRESS
            self.meeting_page.show_page(MeetingPage.RUN if running else MeetingPage.DETAILS)
        self._update_actions()

    def _meeting_unloaded(self) -> None:
        """The open meeting was removed: stop its timer and take it off the projector."""
        self._shown_meeting_id = None
        self.setWindowTitle(self.tr("Facilitator"))
        self._follow_run()
        if self._presenter is not None:
            self._presenter.show_detail(None)

    def show_tab(self, index: int) -> None:
        if self.controller.detail is not None:
            self.pages.setCurrentWidget(self.meeting_page)
            self.meeting_page.show_tab(index)

    def export_minutes(self) -> None:
        if self.controller.detail is not None:
            self.show_tab(MeetingPage.MINUTES)
            self.meeting_page.minutes.export_dialog()

    def print_minutes(self) -> None:
        if self.controller.detail is not None:
            self.show_tab(MeetingPage.MINUTES)
            self.meeting_page.minutes.print_minutes()

    def _exchange_folder(self) -> str:
        folder = self.settings.value("exchange/last_folder", "")
        if isinstance(folder, str) and folder and Path(folder).is_dir():
            return folder
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def export_meeting(self) -> None:
        """One meeting in a file, to carry to another laptop or keep as an archive."""
        detail = self.controller.detail
        if detail is None:
            return
        from facilitator.services.documents.files import safe_file_name, save_bytes
        from facilitator.ui.minutes.export import is_store_file

        stem = f"{detail.meeting.starts_at:%Y-%m-%d} {detail.meeting.title}"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save this meeting to an exchange file"),
            str(Path(self._exchange_folder()) / safe_file_name(stem, "json")),
            self.tr("Meeting exchange files (*.json)"),
        )  # fmt: skip
        self.activateWindow()
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".json")
        if is_store_file(target):
            self._show_failure(self.tr("That is where Facilitator keeps your meetings. Choose another file."))
            return
        if self.controller.succeeded(
            lambda: save_bytes(
                target, self.controller.svc.exchange.export_meeting(detail.meeting.id).encode()
            )
        ):
            self.settings.setValue("exchange/last_folder", str(target.parent))
            self.statusBar().showMessage(self.tr("Saved the meeting to %1").replace("%1", str(target)), 8000)

    def import_meeting(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import a meeting"), self._exchange_folder(),
            self.tr("Meeting exchange files (*.json);;All files (*)"),
        )  # fmt: skip
        self.activateWindow()
        if not path:
            return
        from facilitator.domain.errors import FacilitatorError
        from facilitator.services.exchange import MAX_BYTES, ExchangeError, ExchangeProblem
        from facilitator.ui.texts import error_message

        source = Path(path)
        self.settings.setValue("exchange/last_folder", str(source.parent))
        try:
            if source.stat().st_size > MAX_BYTES:  # refused before reading it all into memory
                raise ExchangeError(ExchangeProblem.TOO_BIG)
            meeting_id = self.controller.import_meeting(source.read_bytes())
        except OSError:
            QMessageBox.warning(
                self, self.tr("Import a meeting"), self.tr("%1 cannot be read.").replace("%1", path)
            )
            return
        except FacilitatorError as error:  # a long message, naming the place in the file: a dialog
            QMessageBox.warning(self, self.tr("Import a meeting"), error_message(error))
            return
        self.open_meeting(meeting_id)
        self.statusBar().showMessage(self.tr("Meeting imported. Ctrl+Z takes it out again."), 8000)

    def park_item(self) -> None:
        """Keep something for later without leaving the step the room is on."""
        detail = self.controller.detail
        if detail is None:
            return
        from facilitator.ui.record_actions import record_actions

        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Parking lot"))
        dialog.setLabelText(self.tr("Something to take up another time:"))
        dialog.resize(560, dialog.sizeHint().height())
        actions = record_actions(self.controller)
        while dialog.exec():
            if actions.park(detail.meeting.id, dialog.textValue()):
                self.statusBar().showMessage(self.tr("Added to the parking lot. Ctrl+Z takes it back."), 6000)
                break
            dialog.setLabelText(actions.last_error)  # asked again, with what was typed kept
        self.activateWindow()

    def new_action_item(self) -> None:
        detail = self.controller.detail
        if detail is None:
            return
        from facilitator.ui.record_widgets import NewActionDialog

        if NewActionDialog(self.controller, self).exec():
            self.statusBar().showMessage(self.tr("Action item added. Ctrl+Z takes it back."), 6000)
        self.activateWindow()

    def find_person(self) -> None:
        if self.controller.detail is not None:
            self.show_tab(MeetingPage.ATTENDANCE)
            self.meeting_page.attendance.filter.setFocus()
            self.meeting_page.attendance.filter.selectAll()

    # -- run ------------------------------------------------------------------------------------
    def _meeting_id(self) -> int | None:
        detail = self.controller.detail
        return detail.meeting.id if detail is not None else None

    def _follow_run(self) -> None:
        """When the current item changes, the shared timer loads that item's time box."""
        detail = self.controller.detail
        item = detail.current_item if detail else None
        item_id = item.id if item else None
        if item_id != self._current_item_id:
            self._current_item_id = item_id
            self.timer.load(item.minutes if item else 0)
            self._restore_timer(save_fresh=True)
        elif item is not None:
            self.timer.set_time_box(item.minutes)  # the item's time box was edited meanwhile
        self._update_actions()

    def _save_timer(self) -> None:
        if self._current_item_id is not None:
            self.controller.save_timer(self.timer.saved(self._current_item_id))

    def _restore_timer(self, save_fresh: bool = False) -> None:
        """After a restart or a switch between meetings, the timer carries on where it was.

        A timer saved for another item belongs to a step the room has left; with ``save_fresh``
        the new step's fresh timer replaces it.
        """
        if self._current_item_id is None or self.controller.services is None:
            return
        saved = self.controller.saved_timer()
        if saved is not None and saved.item_id == self._current_item_id:
            self.timer.restore(saved)
        elif save_fresh:
            self._save_timer()

    def start_meeting(self) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is None or self.controller.services is None:
            return
        reopening = (
            self.controller.detail is not None
            and self.controller.detail.meeting.status is MeetingStatus.CLOSED
        )
        if self.controller.guarded(lambda: self.controller.start_meeting(meeting_id)) is not None:
            self.show_tab(MeetingPage.RUN)
            if self._presenter is None or not self._presenter.isVisible():
                self.show_presenter()
            message = (
                self.tr("Meeting reopened. The projector shows the first item not yet done.")
                if reopening
                else self.tr("Meeting started. The projector shows the first item.")
            )
            self.statusBar().showMessage(message, 6000)

    def step(self, step: int) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is not None and self.controller.services is not None:
            self.controller.guarded(lambda: self.controller.step(meeting_id, step))

    def go_to_item(self) -> None:
        detail = self.controller.detail
        if detail is None or self.controller.services is None:
            return
        from facilitator.ui.dialogs import GoToItemDialog

        dialog = GoToItemDialog(detail.agenda, detail.meeting.current_item_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not kept for the session
        if dialog.exec() and dialog.chosen is not None:
            chosen = dialog.chosen
            self.controller.guarded(lambda: self.controller.go_to(detail.meeting.id, chosen))

    def close_meeting(self) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is None or self.controller.services is None:
            return
        if self.controller.guarded(lambda: self.controller.close_meeting(meeting_id)) is not None:
            self.timer.reset()
            self.statusBar().showMessage(
                self.tr("Meeting closed and saved. Ctrl+Z reopens it where you were."), 8000
            )

    def _time_up(self) -> None:
        self.statusBar().showMessage(self.tr("Time is up for this item."), 10000)

    def _toggle_sound(self, on: bool) -> None:
        self.timer.sound_enabled = on
        self.settings.setValue("timer/sound", on)

    # -- presenter ------------------------------------------------------------------------------
    def toggle_presenter(self, checked: bool) -> None:
        if checked:
            self.show_presenter()
        elif self._presenter is not None:
            self._presenter.hide()

    def show_presenter(self) -> None:
        screen = self._presenter_screen()
        if screen is not None and screen is not self.screen():
            self.presenter.setScreen(screen)
            self.presenter.move(screen.availableGeometry().topLeft())
            self.presenter.resize(screen.availableGeometry().size())
            self.presenter.show()
            self.presenter.showFullScreen()
        elif not self.presenter.isVisible():
            if not self._presenter_placed:
                # One screen only (a rehearsal): a small preview in the corner, clear of the controls.
                area = (screen or self.screen()).availableGeometry()
                width, height = int(area.width() * 0.4), int(area.height() * 0.4)
                self.presenter.resize(width, height)
                self.presenter.move(area.right() - width, area.bottom() - height)
                self._presenter_placed = True
            self.presenter.showNormal()
        self.actions["presenter_show"].setChecked(True)
        self.activateWindow()  # keep typing in the facilitator window
        # Some window managers hand the keyboard to a newly mapped window a moment later anyway.
        QTimer.singleShot(250, self._take_back_keyboard)

    def _take_back_keyboard(self) -> None:
        if self.presenter.isActiveWindow():
            self.activateWindow()

    def _presenter_screen(self) -> QScreen | None:
        screens = QGuiApplication.screens()
        wanted = self.settings.value("presenter/screen", "")
        for screen in screens:
            if screen.name() == wanted:
                return screen
        own = self.screen()
        others = [s for s in screens if s is not own]
        return others[0] if others else own

    def _fill_screen_menu(self) -> None:
        self.screen_menu.clear()
        group = QActionGroup(self.screen_menu)
        current = self._presenter_screen()
        for screen in QGuiApplication.screens():
            size = screen.size()
            action = self.screen_menu.addAction(f"{screen.name()} ({size.width()}×{size.height()})")
            action.setCheckable(True)
            action.setChecked(screen is current)
            group.addAction(action)
            action.triggered.connect(lambda _=False, s=screen: self._choose_screen(s))

    def _choose_screen(self, screen: QScreen) -> None:
        self.settings.setValue("presenter/screen", screen.name())
        if self._presenter is not None and self._presenter.isVisible():
            self.presenter.hide()
            self.show_presenter()

    def presenter_full_screen(self) -> None:
        if not self.presenter.isVisible():
            self.show_presenter()
        self.presenter.toggle_full_screen()

    def _show_projector_state(self) -> None:
        """What the room sees, at a glance: off, showing (with its text size), or blanked."""
        presenter = self._presenter
        if presenter is None or not presenter.isVisible():
            text = self.tr("Projector: off")
        elif presenter.blanked:
            text = self.tr("Projector: BLANK (B or Ctrl+B to show)")
        elif presenter.rules_shown:
            text = self.tr("Projector: the ground rules (G or Ctrl+Shift+G to go back)")
        else:
            text = self.tr("Projector: on, text %1%").replace("%1", str(round(presenter.zoom_factor * 100)))
        self.projector_label.setText(text)

    def show_rules(self) -> None:
        if not self.presenter.isVisible():
            self.show_presenter()
        self.presenter.toggle_rules()  # its rules_changed signal updates the menu tick and status

    def blank_presenter(self) -> None:
        self.presenter.toggle_blank()  # its blank_changed signal updates the menu tick and status

    def zoom(self, step: int) -> None:
        self.presenter.zoom(step)
        self._show_projector_state()
        self.settings.setValue("presenter/zoom", self.presenter.zoom_factor)
        percent = round(self.presenter.zoom_factor * 100)
        self.statusBar().showMessage(self.tr("Presenter text size: %1%").replace("%1", str(percent)), 3000)

    # -- file menu ------------------------------------------------------------------------------
    def new_collaborative(self) -> None:
        if self.controller.services is None:
            return
        from facilitator.ui.dialogs import NewCollaborativeDialog

        dialog = NewCollaborativeDialog(self.controller, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not kept for the session
        if dialog.exec() and dialog.created_id is not None:
            self._select_collaborative(dialog.created_id)

    def _select_collaborative(self, collaborative_id: int) -> None:
        for i in range(self.navigator.topLevelItemCount()):
            item = self.navigator.topLevelItem(i)
            if item.data(0, COLLABORATIVE_ROLE) == collaborative_id:
                self.navigator.setCurrentItem(item)
                self.open_collaborative(collaborative_id)
                return

    def new_meeting(self) -> None:
        collaborative_id = self._selected_collaborative_id()
        if collaborative_id is None or self.controller.services is None:
            return
        from facilitator.ui.dialogs import NewMeetingDialog

        dialog = NewMeetingDialog(self.controller, collaborative_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not kept for the session
        if dialog.exec() and dialog.created_id is not None:
            self.open_meeting(dialog.created_id)
            self.show_tab(MeetingPage.ATTENDANCE)

    def open_sample(self) -> None:
        if self.controller.services is None:
            return
        meeting_id = self.controller.guarded(self.controller.create_sample)
        if meeting_id is not None:
            self.open_meeting(meeting_id)

    def remove_meeting(self) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is None:
            return
        self.controller.guarded(lambda: self.controller.remove_meeting(meeting_id))
        self.statusBar().showMessage(self.tr("Meeting removed. Ctrl+Z brings it back."), 8000)

    def remove_collaborative(self) -> None:
        collaborative_id = self._selected_collaborative_id()
        if collaborative_id is None:
            return
        self.controller.guarded(lambda: self.controller.remove_collaborative(collaborative_id))
        self.statusBar().showMessage(self.tr("Collaborative removed. Ctrl+Z brings it back."), 8000)

    def edit_sectors(self) -> None:
        from facilitator.ui.dialogs import SectorsDialog

        dialog = SectorsDialog(self.controller, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # not kept for the session
        dialog.exec()

    def show_data_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder)))
        self.statusBar().showMessage(str(self.data_folder), 10000)

    # -- feedback -------------------------------------------------------------------------------
    def _show_failure(self, text: str) -> None:
        self.statusBar().setStyleSheet("QStatusBar { color: #B00020; font-weight: 600; }")
        self.statusBar().showMessage(text, 10000)
        QTimer.singleShot(10000, self, self._plain_status)

    @staticmethod
    def _step_text(verb: str, what: str) -> str:
        return f"{verb} {what}" if what else verb

    def undo(self) -> None:
        """Undo, and say what was undone: it may belong to a screen that is not in view."""
        stack, failures = self.controller.undo_stack, self.controller.failures
        what = stack.undoText()
        stack.undo()
        if self.controller.failures == failures:  # a failure has already been explained
            self.statusBar().showMessage(self.tr("Undone: %1").replace("%1", what), 5000)

    def redo(self) -> None:
        stack, failures = self.controller.undo_stack, self.controller.failures
        what = stack.redoText()
        stack.redo()
        if self.controller.failures == failures:
            self.statusBar().showMessage(self.tr("Redone: %1").replace("%1", what), 5000)

    def _plain_status(self) -> None:
        # Only when it was red: setting a style sheet re-polishes and repaints the whole window,
        # which would cost every capture action a frame.
        if self.statusBar().styleSheet():
            self.statusBar().setStyleSheet("")

    def _show_saved(self) -> None:
        self._plain_status()
        self.saved_label.setText(self.tr("Saved. Everything is saved automatically."))

    def show_shortcuts(self) -> None:
        rows = [
            (
                action.text().replace("&", ""),
                action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
            )
            for action in self.actions.values()
            if not action.shortcut().isEmpty()
        ]
        extra = [
            (self.tr("Mark attendance (on the list)"), self.tr("P, L, R, A, Delete")),
            (self.tr("Move agenda item (on the list)"), self.tr("Alt+Up, Alt+Down")),
            (self.tr("Blank the projector (on the projector)"), "B"),
            (self.tr("Next / previous item (on the projector)"), self.tr("Page Down / Page Up")),
            (self.tr("Ground rules: propose, edit, remove"), self.tr("Insert, F2, Delete")),
            (self.tr("Ground rules: count the rule chosen"), self.tr("Enter, then numbers and Tab")),
            (self.tr("Ground rules: record the check"), self.tr("Ctrl+R")),
            (self.tr("Show the ground rules (on the projector)"), "G"),
            (self.tr("Decisions: new proposal, remove, move"), self.tr("Insert, Delete, Alt+Up/Down")),
            (self.tr("Decisions: count, then record"), self.tr("Enter, numbers and Tab; Ctrl+R")),
            (self.tr("Decisions: the action list on the projector"), self.tr("Alt+L")),
            (self.tr("Action items: done, dropped, open, edit, remove"), self.tr("D, X, O, F2, Delete")),
            (self.tr("Brainstorm: go to a phase (Set up, Ideas ... Results)"), self.tr("Alt+1 to Alt+6")),
            (self.tr("Brainstorm: add the idea typed"), self.tr("Enter")),
            (self.tr("Brainstorm: reword, remove the chosen ideas"), self.tr("F2, Delete")),
            (self.tr("Brainstorm: choose several ideas"), self.tr("Shift+Up/Down, Ctrl+Space")),
            (self.tr("Brainstorm: merge the chosen ideas, split one"), self.tr("Ctrl+M, Ctrl+Shift+M")),
            (self.tr("Brainstorm: put the chosen ideas into a theme"), self.tr("its number (0: none), or T")),
            (self.tr("Brainstorm: new theme; on a theme rename, move"), self.tr("Alt+N; F2, Alt+Up/Down")),
            (self.tr("Brainstorm: count the dots on an idea"), self.tr("the number, then Enter")),
            (self.tr("Nominal group: go to a step (Set up, Writing ... Result)"), self.tr("Alt+1 to Alt+8")),
            (
                self.tr("Nominal group: record the idea read out; pass; end the round"),
                self.tr("Enter; Alt+P; Alt+U"),
            ),
            (self.tr("Nominal group: move a person in the order of turns"), self.tr("Alt+Up, Alt+Down")),
            (
                self.tr("Nominal group: reword, merge (with the group's agreement), split"),
                self.tr("F2, Ctrl+M, Ctrl+Shift+M"),
            ),
            (
                self.tr("Nominal group: enter a card"),
                self.tr("its numbers, most important first, then Enter"),
            ),
            (self.tr("Nominal group: correct or remove the chosen card"), self.tr("F2, Delete")),
            (self.tr("Nominal group: order tied ideas in the result"), self.tr("Alt+Up, Alt+Down")),
            (self.tr("Nominal group: put the result to the group as a decision"), self.tr("Alt+P")),
            (self.tr("Idea writing: go to a step (Set up ... Report)"), self.tr("Alt+1 to Alt+5")),
            (
                self.tr("Idea writing: make groups; move a person to a group"),
                self.tr("Alt+A; the group's letter"),
            ),
            (self.tr("Idea writing: begin round 1; the next round"), self.tr("Alt+B; Alt+N")),
            (
                self.tr("Idea writing: type in an idea; what it builds on; remove it"),
                self.tr("type, Enter; Alt+B; Delete"),
            ),
            (self.tr("Idea writing: make the chosen idea a main idea"), self.tr("Enter")),
        ]
        html = "".join(
            f"<tr><td>{escape(name)}</td><td><b>{escape(keys)}</b></td></tr>" for name, keys in rows + extra
        )
        # A window that scrolls: the list is taller than a 1280x800 laptop's screen.
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        text = QTextBrowser(dialog)
        text.setHtml(f"<table cellspacing='6'>{html}</table>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        height = min(720, int(screen.height() * 0.8)) if screen is not None else 600
        dialog.resize(640, height)
        dialog.exec()

    def about(self) -> None:
        from facilitator.ui.dialogs import about_text

        QMessageBox.about(self, self.tr("About Facilitator"), about_text())

    # -- window state ---------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:  # first start: 1280x800, or less on a small laptop screen
            available = self.screen().availableGeometry()
            self.resize(min(1280, int(available.width() * 0.95)), min(800, int(available.height() * 0.9)))
        sound = self.settings.value("timer/sound", True)
        on = sound if isinstance(sound, bool) else str(sound).lower() == "true"
        self.actions["timer_sound"].setChecked(on)
        self.timer.sound_enabled = on

    def save_settings(self) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        if self._presenter is not None:
            self.settings.setValue("presenter/geometry", self._presenter.saveGeometry())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()  # a field being typed in saves as it loses focus, before we go
        self.save_settings()
        if self._presenter is not None:
            self._presenter.close()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
