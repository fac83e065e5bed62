"""Composition root of the GUI: data folder -> lock -> store checks -> first paint -> services.

The first paint uses the standard-library read model, so the window with the last meeting appears
at close to the cost of a bare Qt window; SQLAlchemy is imported and the services attached right
after the first paint.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QStandardPaths, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from facilitator import APP_NAME, __version__
from facilitator.domain.errors import StoreError
from facilitator.domain.model import CollaborativeSummary, MeetingDetail, MeetingStatus
from facilitator.paths import database, resource
from facilitator.storage import files, readmodel
from facilitator.storage.lock import InstanceLock
from facilitator.ui.controller import Controller
from facilitator.ui.main_window import MainWindow
from facilitator.ui.texts import seed_sector_names, store_error_message
from facilitator.ui.timer import TimerController

DESKTOP_ID = "io.github.facilitator.Facilitator"


def application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(DESKTOP_ID)
    # PNG sizes rather than the SVG: no SVG plugin has to load before the first paint.
    icon = QIcon()
    for size in (32, 64, 256):
        icon.addFile(str(resource("icons", f"facilitator-{size}.png")))
    app.setWindowIcon(icon)
    _install_translations(app)
    return app


def _install_translations(app: QApplication) -> None:
    """Qt's own strings (dialog buttons) in the user's language; ours once translations ship."""
    locale = QLocale.system()
    for name, folder in (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("facilitator", str(resource("translations"))),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)


def settings_for(folder: Path) -> QSettings:
    """Window geometry and presenter choices, kept per machine in the usual config place."""
    config = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation))
    return QSettings(str(config / "facilitator.ini"), QSettings.Format.IniFormat)


def quick_read(db: Path) -> tuple[list[CollaborativeSummary], MeetingDetail | None]:
    """The navigator and the last meeting, read with plain sqlite3 for the first paint."""
    connection = files.connect(db)
    try:
        with files.translated(db):
            overview = readmodel.overview(connection)
            last = readmodel.last_meeting_id(connection)
            detail = readmodel.meeting_detail(connection, last) if last is not None else None
    finally:
        connection.close()
    return overview, detail


def open_store(db: Path) -> None:
    """Refuse foreign, damaged or newer files; create or migrate (after a backup) when needed."""
    inspection = files.inspect(db)
    if inspection.state is not files.FileState.CURRENT:
        from facilitator.storage.migrate import prepare

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            prepare(db)
        finally:
            QApplication.restoreOverrideCursor()


def _refuse(error: StoreError) -> int:
    QMessageBox.critical(None, APP_NAME, store_error_message(error))
    return 1


def install_crash_guard(folder: Path) -> None:
    """An unexpected error is logged to a file and explained in plain words, never as a traceback."""
    import logging
    import traceback

    log = logging.getLogger("facilitator")
    log_file = folder / "facilitator.log"
    try:
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)))
        QMessageBox.warning(
            None,
            APP_NAME,
            QApplication.translate(
                "App",
                "Something unexpected went wrong. Everything you did up to your last change is "
                "saved. Details were written to:\n%1",
            ).replace("%1", str(log_file)),
        )

    sys.excepthook = hook


def run_gui(folder: Path, *, exit_after_paint: bool = False) -> int:
    app = application()
    lock = InstanceLock(folder)
    try:
        lock.acquire()
    except StoreError as error:
        return _refuse(error)
    services = None
    try:
        db = database(folder)
        try:
            open_store(db)
            overview, detail = quick_read(db)
        except StoreError as error:
            return _refuse(error)
        controller = Controller()
        timer = TimerController()
        window = MainWindow(controller, timer, settings_for(folder), folder)
        controller.show_snapshot(overview, detail)
        holder: list[object] = []

        def attach() -> None:
            from facilitator.services import build_services
            from facilitator.storage.backup import ensure_recent_backup

            ensure_recent_backup(db)  # after first paint: the room never waits for it
            built = build_services(db)
            holder.append(built)
            if not overview:
                built.sectors.seed(seed_sector_names())
            controller.attach(built)
            detail = controller.detail
            if detail is not None and detail.meeting.status is MeetingStatus.IN_PROGRESS:
                window.show_presenter()  # back after a crash or restart: the room sees the step again

        def painted() -> None:
            if exit_after_paint:  # for start-up benchmarks and tests
                print("painted", flush=True)
                shown = controller.detail.meeting.title if controller.detail else ""
                print(f"meeting: {shown}", flush=True)
                QTimer.singleShot(0, app.quit)
                return
            install_crash_guard(folder)
            QTimer.singleShot(0, lambda: controller.guarded(attach))

        window.first_painted.connect(painted)
        window.show()
        code = app.exec()
        window.close()
        window.deleteLater()
        services = holder[0] if holder else None
        return code
    finally:
        if services is not None:
            services.close()  # type: ignore[attr-defined]
        lock.release()
