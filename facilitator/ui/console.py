"""The ``facilitator`` command: the GUI by default, plus demo, check and --version.

It lives in ui because everything it prints goes through Qt's translation functions.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from facilitator import APP_NAME, __version__
from facilitator.domain.errors import DuplicateName, FacilitatorError, StoreError
from facilitator.paths import DATA_DIR_ENV, data_dir, database
from facilitator.ui.minutes.formats import Format, format_of

if TYPE_CHECKING:
    from facilitator.services import Services


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="facilitator",
        description=QCoreApplication.translate(
            "Console",
            "Plan and run community meetings, with the current step on the projector in large type.",
        ),
    )
    root.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    root.add_argument(
        "--data-dir",
        metavar="DIR",
        help=QCoreApplication.translate(
            "Console", "folder that holds your meetings (default: your user data folder; also %1)"
        ).replace("%1", DATA_DIR_ENV),
    )
    commands = root.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("gui", help=QCoreApplication.translate("Console", "open the app (the default)"))
    commands.add_parser(
        "demo", help=QCoreApplication.translate("Console", "add the sample collaborative to the data folder")
    )
    commands.add_parser(
        "check",
        help=QCoreApplication.translate("Console", "check the data file and say whether it is healthy"),
    )
    commands.add_parser(
        "meetings", help=QCoreApplication.translate("Console", "list the stored meetings (id, date, title)")
    )
    meeting_help = QCoreApplication.translate(
        "Console", "the meeting: its id, its title, or its date (YYYY-MM-DD)"
    )
    minutes = commands.add_parser(
        "minutes", help=QCoreApplication.translate("Console", "write a meeting's minutes to a file")
    )
    minutes.add_argument("meeting", metavar="MEETING", help=meeting_help)
    minutes.add_argument(
        "--format", choices=[kind.value for kind in Format],
        help=QCoreApplication.translate("Console", "file format (default: from the file name, else pdf)"),
    )  # fmt: skip
    minutes.add_argument("-o", "--output", metavar="PATH", required=True,
                         help=QCoreApplication.translate("Console", "the file to write"))  # fmt: skip
    export = commands.add_parser(
        "export", help=QCoreApplication.translate("Console", "write one meeting to an exchange file (JSON)")
    )
    export.add_argument("meeting", metavar="MEETING", help=meeting_help)
    export.add_argument("-o", "--output", metavar="PATH", required=True,
                        help=QCoreApplication.translate("Console", "the file to write"))  # fmt: skip
    import_ = commands.add_parser(
        "import", help=QCoreApplication.translate("Console", "add a meeting from an exchange file")
    )
    import_.add_argument(
        "file", metavar="FILE", help=QCoreApplication.translate("Console", "the file to read")
    )
    return root


def run(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(list(argv) if argv is not None else None)
    folder = data_dir(args.data_dir)
    if args.command in (None, "gui"):
        from facilitator.ui.app import run_gui

        return run_gui(folder)
    if args.command == "demo":
        return demo(folder)
    if args.command == "meetings":
        return list_meetings(folder)
    if args.command == "minutes":
        output = Path(args.output)
        if args.format:
            kind = Format(args.format)
        elif output.suffix.lower().lstrip(".") in {k.value for k in Format} | {"htm", "markdown"}:
            kind = format_of(output)
        else:  # never guess: a file named .txt holding a PDF helps nobody
            _say(QCoreApplication.translate(
                "Console", "Say which format with --format, or end the file name in .pdf, .docx, .odt, .html or .md."
            ), error=True)  # fmt: skip
            return 2
        return write_minutes(folder, args.meeting, kind, output)
    if args.command == "export":
        return export_meeting(folder, args.meeting, Path(args.output))
    if args.command == "import":
        return import_meeting(folder, Path(args.file))
    return check(folder)


def _say(text: str, *, error: bool = False) -> None:
    print(text, file=sys.stderr if error else sys.stdout)


def _store_problem(error: StoreError) -> int:
    from facilitator.ui.texts import store_error_message

    _say(store_error_message(error), error=True)
    return 2


def demo(folder: Path) -> int:
    from facilitator.services import build_services
    from facilitator.storage.lock import InstanceLock
    from facilitator.storage.migrate import prepare

    try:
        with InstanceLock(folder):
            db = database(folder)
            prepare(db)
            services = build_services(db)
            try:
                meeting_id = services.sample.create()
                services.meetings.remember_opened(meeting_id)
            finally:
                services.close()
    except DuplicateName:
        _say(
            QCoreApplication.translate("Console", "The sample collaborative is already in %1").replace(
                "%1", str(folder)
            )
        )
        return 0
    except StoreError as error:
        return _store_problem(error)
    _say(
        QCoreApplication.translate(
            "Console", "Added the sample collaborative (15 people, two meetings) to %1"
        ).replace("%1", str(folder))
    )
    return 0


def check(folder: Path) -> int:
    from facilitator.storage.files import check_health

    db = database(folder)
    if not db.exists():
        _say(
            QCoreApplication.translate("Console", "No data yet in %1. Nothing to check.").replace(
                "%1", str(folder)
            )
        )
        return 0
    try:
        health = check_health(db)
    except StoreError as error:
        return _store_problem(error)
    if health.ok:
        _say(QCoreApplication.translate("Console", "Healthy: %1 passed every check.").replace("%1", str(db)))
        return 0
    _say(QCoreApplication.translate("Console", "Problems found in %1:").replace("%1", str(db)), error=True)
    for problem in health.problems:
        _say(f"  - {problem}", error=True)
    return 1


@contextlib.contextmanager
def _services(folder: Path, *, writing: bool) -> Iterator[Services]:
    """The store, brought up to date if needed. Reading works while the app is open (the store
    allows readers beside a writer); writing, or updating an older file, takes the folder's lock."""
    from facilitator.services import build_services
    from facilitator.storage import files
    from facilitator.storage.lock import InstanceLock
    from facilitator.storage.migrate import prepare

    db = database(folder)
    with contextlib.ExitStack() as stack:
        if writing or files.inspect(db).state is not files.FileState.CURRENT:
            stack.enter_context(InstanceLock(folder))
            prepare(db)
        services = build_services(db)
        stack.callback(services.close)
        yield services


def _failed(error: FacilitatorError) -> int:
    from facilitator.ui.texts import error_message

    _say(error_message(error), error=True)
    return 2


def list_meetings(folder: Path) -> int:
    from facilitator.ui.texts import meeting_status_label

    if not database(folder).exists():
        _say(QCoreApplication.translate("Console", "No meetings yet in %1.").replace("%1", str(folder)))
        return 0
    try:
        with _services(folder, writing=False) as services:
            overview = services.collaboratives.overview()
    except FacilitatorError as error:
        return _failed(error)
    rows = [
        (str(m.id), f"{m.starts_at:%Y-%m-%d}", c.name, m.title, meeting_status_label(m.status))
        for c in overview
        for m in sorted(c.meetings, key=lambda m: (m.starts_at, m.id))
    ]
    if not rows:
        _say(QCoreApplication.translate("Console", "No meetings yet in %1.").replace("%1", str(folder)))
        return 0
    headers = (
        QCoreApplication.translate("Console", "id"),
        QCoreApplication.translate("Console", "date"),
        QCoreApplication.translate("Console", "collaborative"),
        QCoreApplication.translate("Console", "title"),
        QCoreApplication.translate("Console", "status"),
    )
    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]
    for row in (headers, *rows):
        _say("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def _gui_free_application() -> None:
    """Fonts and images for the writers, without needing a screen."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication(["facilitator"])


def _nothing_stored(folder: Path) -> bool:
    if database(folder).exists():
        return False
    _say(
        QCoreApplication.translate("Console", "No meetings yet in %1.").replace("%1", str(folder)), error=True
    )
    return True


def _refuse_store_file(output: Path) -> bool:
    from facilitator.ui.minutes.export import is_store_file

    if not is_store_file(output):
        return False
    _say(
        QCoreApplication.translate(
            "Console", "%1 is where Facilitator keeps your meetings; choose another file."
        ).replace("%1", str(output)),
        error=True,
    )
    return True


def write_minutes(folder: Path, query: str, kind: Format, output: Path) -> int:
    from facilitator.ui.minutes.compose import compose
    from facilitator.ui.minutes.export import export
    from facilitator.ui.minutes.qtdocument import DocumentWriteError

    if _nothing_stored(folder) or _refuse_store_file(output):
        return 2
    _gui_free_application()
    try:
        with _services(folder, writing=False) as services:
            meeting = services.meetings.lookup(query)
            document = compose(services, meeting.id)
        export(document, kind, output)
    except FacilitatorError as error:
        return _failed(error)
    except DocumentWriteError:
        message = QCoreApplication.translate("Console", "The minutes could not be written to %1.")
        _say(message.replace("%1", str(output)), error=True)
        return 2
    _say(QCoreApplication.translate("Console", "Wrote the minutes of %1 to %2").replace("%1", meeting.title)
         .replace("%2", str(output)))  # fmt: skip
    return 0


def export_meeting(folder: Path, query: str, output: Path) -> int:
    from facilitator.services.documents.files import save_bytes

    if _nothing_stored(folder) or _refuse_store_file(output):
        return 2
    try:
        with _services(folder, writing=False) as services:
            meeting = services.meetings.lookup(query)
            text = services.exchange.export_meeting(meeting.id)
        save_bytes(output, text.encode("utf-8"))
    except FacilitatorError as error:
        return _failed(error)
    _say(QCoreApplication.translate("Console", "Wrote %1 to %2").replace("%1", meeting.title)
         .replace("%2", str(output)))  # fmt: skip
    return 0


def import_meeting(folder: Path, source: Path) -> int:
    from facilitator.services.exchange import MAX_BYTES, ExchangeError, ExchangeProblem

    try:
        if source.stat().st_size > MAX_BYTES:  # refused before reading it all into memory
            return _failed(ExchangeError(ExchangeProblem.TOO_BIG))
        data = source.read_bytes()
    except OSError:
        _say(QCoreApplication.translate("Console", "Cannot read %1.").replace("%1", str(source)), error=True)
        return 2
    try:
        with _services(folder, writing=True) as services:
            meeting_id = services.exchange.import_meeting(data)
            title = services.meetings.detail(meeting_id).meeting.title
    except FacilitatorError as error:
        return _failed(error)
    _say(QCoreApplication.translate("Console", "Added the meeting %1 (id %2).").replace("%1", title)
         .replace("%2", str(meeting_id)))  # fmt: skip
    return 0
