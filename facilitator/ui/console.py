"""The ``facilitator`` command: the GUI by default, plus demo, check and --version.

It lives in ui because everything it prints goes through Qt's translation functions.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from facilitator import APP_NAME, __version__
from facilitator.domain.errors import DuplicateName, StoreError
from facilitator.paths import DATA_DIR_ENV, data_dir, database


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
    return root


def run(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(list(argv) if argv is not None else None)
    folder = data_dir(args.data_dir)
    if args.command in (None, "gui"):
        from facilitator.ui.app import run_gui

        return run_gui(folder)
    if args.command == "demo":
        return demo(folder)
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
