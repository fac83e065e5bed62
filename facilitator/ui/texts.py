"""Words for enums and errors, in the user's language (every string goes through Qt's translate)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from facilitator.domain import errors
from facilitator.domain.decision import TooManyResponses
from facilitator.domain.errors import ExchangeError, ExchangeProblem, ExportFailed, ExportProblem
from facilitator.domain.model import AgendaKind, AttendanceStatus, ItemState, MeetingStatus
from facilitator.domain.record import CorrectionNeeded, NoteNeeded


def plain_tooltip(text: str) -> str:
    """A tooltip that shows user text as written: Qt would render "<b>" in a tooltip as markup."""
    return f"<span>{html.escape(text)}</span>"


def text_height(text: str, font: QFont, width: int) -> int:
    """The height of ``text`` wrapped at ``width``, as QPainter.drawText lays it out."""
    if not text:
        return 0
    return (
        QFontMetrics(font)
        .boundingRect(QRect(0, 0, width, 100000), int(Qt.TextFlag.TextWordWrap), text)
        .height()
    )


def elided(text: str, font: QFont, width: int, height: float) -> str:
    """The text cut short at a word, ending in "…", so that it fits ``height`` when wrapped."""
    if text_height(text, font, width) <= height:
        return text
    low, high = 0, len(text)  # the longest start that fits with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if text_height(text[:middle].rstrip() + "…", font, width) <= height:
            low = middle
        else:
            high = middle - 1
    start = text[:low]
    space = start.rfind(" ")
    if space > low // 2 and low < len(text) and not text[low].isspace():
        start = start[:space]  # do not cut a word in two when a whole one can go
    return start.rstrip(" ,;:.-—") + "…"


def kind_label(kind: AgendaKind) -> str:
    return {
        AgendaKind.GROUND_RULES: QCoreApplication.translate("Texts", "Ground rules"),
        AgendaKind.BRAINSTORMING: QCoreApplication.translate("Texts", "Brainstorming"),
        AgendaKind.NOMINAL_GROUP: QCoreApplication.translate("Texts", "Nominal group technique"),
        AgendaKind.IDEA_WRITING: QCoreApplication.translate("Texts", "Idea writing"),
        AgendaKind.DISCUSSION: QCoreApplication.translate("Texts", "Discussion"),
        AgendaKind.DECISIONS: QCoreApplication.translate("Texts", "Decisions"),
        AgendaKind.BREAK: QCoreApplication.translate("Texts", "Break"),
    }[kind]


def kind_default_title(kind: AgendaKind) -> str:
    """A first title for a new item of this kind, which the facilitator usually rewrites."""
    return {
        AgendaKind.GROUND_RULES: QCoreApplication.translate("Texts", "How we will work together"),
        AgendaKind.BRAINSTORMING: QCoreApplication.translate("Texts", "Brainstorm"),
        AgendaKind.NOMINAL_GROUP: QCoreApplication.translate("Texts", "Set priorities"),
        AgendaKind.IDEA_WRITING: QCoreApplication.translate("Texts", "Idea writing in small groups"),
        AgendaKind.DISCUSSION: QCoreApplication.translate("Texts", "Discussion"),
        AgendaKind.DECISIONS: QCoreApplication.translate("Texts", "Decisions and action items"),
        AgendaKind.BREAK: QCoreApplication.translate("Texts", "Break"),
    }[kind]


def template_label(key: str) -> str:
    return {
        "kickoff": QCoreApplication.translate("Texts", "Kickoff meeting"),
        "working_session": QCoreApplication.translate("Texts", "Working session"),
    }.get(key, key)


def meeting_status_label(status: MeetingStatus) -> str:
    return {
        MeetingStatus.PLANNED: QCoreApplication.translate("Texts", "Planned"),
        MeetingStatus.IN_PROGRESS: QCoreApplication.translate("Texts", "In progress"),
        MeetingStatus.CLOSED: QCoreApplication.translate("Texts", "Closed"),
    }[status]


def attendance_label(status: AttendanceStatus) -> str:
    return {
        AttendanceStatus.EXPECTED: QCoreApplication.translate("Texts", "Not marked"),
        AttendanceStatus.PRESENT: QCoreApplication.translate("Texts", "Present"),
        AttendanceStatus.LATE: QCoreApplication.translate("Texts", "Arrived late"),
        AttendanceStatus.REGRETS: QCoreApplication.translate("Texts", "Sent regrets"),
        AttendanceStatus.ABSENT: QCoreApplication.translate("Texts", "Absent"),
    }[status]


def item_state_label(state: ItemState) -> str:
    return {
        ItemState.PENDING: QCoreApplication.translate("Texts", "To do"),
        ItemState.ACTIVE: QCoreApplication.translate("Texts", "Now"),
        ItemState.DONE: QCoreApplication.translate("Texts", "Done"),
    }[state]


def field_label(field: str) -> str:
    return {
        "name": QCoreApplication.translate("Texts", "Name"),
        "title": QCoreApplication.translate("Texts", "Title"),
        "purpose": QCoreApplication.translate("Texts", "Purpose"),
        "vision": QCoreApplication.translate("Texts", "Vision"),
        "mission": QCoreApplication.translate("Texts", "Mission"),
        "place": QCoreApplication.translate("Texts", "Place"),
        "facilitator": QCoreApplication.translate("Texts", "Facilitator"),
        "recorder": QCoreApplication.translate("Texts", "Recorder"),
        "organisation": QCoreApplication.translate("Texts", "Organisation"),
        "contact": QCoreApplication.translate("Texts", "Contact"),
        "sector": QCoreApplication.translate("Texts", "Sector"),
        "prompt": QCoreApplication.translate("Texts", "Question"),
        "minutes": QCoreApplication.translate("Texts", "Time box"),
        "rule": QCoreApplication.translate("Texts", "The rule"),
        "why": QCoreApplication.translate("Texts", "Why"),
        "wording": QCoreApplication.translate("Texts", "The proposal's wording"),
        "draws_on": QCoreApplication.translate("Texts", "What it draws on"),
        "override_reason": QCoreApplication.translate("Texts", "The reason for another rule"),
        "what": QCoreApplication.translate("Texts", "What will be done"),
        "parked": QCoreApplication.translate("Texts", "A parking lot item"),
        "note": QCoreApplication.translate("Texts", "The note"),
        "correction": QCoreApplication.translate("Texts", "The correction"),
        "idea": QCoreApplication.translate("Texts", "An idea"),
        "theme": QCoreApplication.translate("Texts", "A theme's name"),
        "dots_per_person": QCoreApplication.translate("Texts", "Dots per person"),
    }.get(field, field)


def duration_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return (
            QCoreApplication.translate("Texts", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", str(rest))
        )
    if hours:
        return QCoreApplication.translate("Texts", "%1 h").replace("%1", str(hours))
    return QCoreApplication.translate("Texts", "%1 min").replace("%1", str(rest))


def error_message(error: Exception) -> str:
    """Plain words for anything the lower layers raise; never a traceback."""
    match error:
        case errors.InvalidText(field=field, problem=errors.TextProblem.EMPTY):
            return QCoreApplication.translate("Texts", "%1 cannot be empty.").replace(
                "%1", field_label(field)
            )
        case errors.InvalidText(field=field, limit=limit, length=length):
            return (
                QCoreApplication.translate("Texts", "%1 can be at most %2 characters; this one has %3.")
                .replace("%1", field_label(field))
                .replace("%2", f"{limit:,}")
                .replace("%3", f"{length:,}")
            )
        case errors.InvalidValue(field="minutes", low=low, high=high):
            return (
                QCoreApplication.translate("Texts", "A time box must be between %1 and %2 minutes.")
                .replace("%1", str(low))
                .replace("%2", str(high))
            )
        case errors.InvalidValue(field="quorum", high=high):
            return QCoreApplication.translate(
                "Texts", "A quorum must be between 0 (none) and %1 people."
            ).replace("%1", str(high))
        case errors.InvalidValue(field="attempts", low=low, high=high):
            return (
                QCoreApplication.translate("Texts", "The tries at consensus must be between %1 and %2.")
                .replace("%1", str(low))
                .replace("%2", str(high))
            )
        case TooManyResponses(counted=counted, present=present):
            return (
                QCoreApplication.translate(
                    "Texts",
                    "That makes %1 responses, but only %2 people are marked present. Check the count, "
                    "or mark late arrivals present in Attendance (Ctrl+2).",
                )
                .replace("%1", str(counted))
                .replace("%2", str(present))
            )
        case errors.InvalidValue(field="dots_per_person", low=low, high=high):
            return (
                QCoreApplication.translate("Texts", "Each person can have between %1 and %2 dots.")
                .replace("%1", str(low))
                .replace("%2", str(high))
            )
        case errors.InvalidValue(field=field):
            return QCoreApplication.translate("Texts", "That value is not allowed for %1.").replace(
                "%1", field_label(field)
            )
        case errors.DuplicateName(kind="person", name=name):
            return QCoreApplication.translate(
                "Texts", "%1 is already on this collaborative's list of people."
            ).replace("%1", name)
        case errors.DuplicateName(kind="collaborative", name=name):
            return QCoreApplication.translate("Texts", "There is already a collaborative called %1.").replace(
                "%1", name
            )
        case errors.DuplicateName(kind="rule", name=name):
            return QCoreApplication.translate("Texts", "This rule is already on the list: %1").replace(
                "%1", name
            )
        case errors.DuplicateName(kind="theme", name=name):
            return QCoreApplication.translate("Texts", "There is already a theme called %1.").replace(
                "%1", name
            )
        case errors.DuplicateName(name=name):
            return QCoreApplication.translate("Texts", "%1 is already on the list.").replace("%1", name)
        case errors.NotFound():
            return QCoreApplication.translate(
                "Texts", "That was removed in the meantime. The screen has been refreshed."
            )
        case errors.NotAllowed(reason="no further item"):
            return QCoreApplication.translate("Texts", "This is the last item on the agenda.")
        case errors.NotAllowed(reason="no earlier item"):
            return QCoreApplication.translate("Texts", "This is the first item on the agenda.")
        case errors.NotAllowed(reason="meeting not in progress"):
            return QCoreApplication.translate(
                "Texts", "Start the meeting first (Meeting menu, Start meeting)."
            )
        case errors.NotAllowed(reason="nothing counted"):
            return QCoreApplication.translate(
                "Texts", "Count at least one response before recording the check."
            )
        case errors.NotAllowed(reason="person not present"):
            return QCoreApplication.translate(
                "Texts", "Only people marked present can respond. Mark them present in Attendance (Ctrl+2)."
            )
        case errors.NotAllowed(reason="decision rule cannot be removed"):
            return QCoreApplication.translate(
                "Texts", "How the group decides cannot be removed from the list; change it instead."
            )
        case errors.NotAllowed(reason="rule carried into another meeting"):
            return QCoreApplication.translate(
                "Texts",
                "A later meeting has carried this rule forward, so it cannot be taken back here. "
                "Change or retire it in that meeting instead.",
            )
        case errors.NotAllowed(reason="decision recorded"):
            return QCoreApplication.translate(
                "Texts",
                "This decision is recorded, so its count stands as it was. To count again, choose "
                '"Not decided yet", press Ctrl+R, then count.',
            )
        case errors.NotAllowed():
            return QCoreApplication.translate("Texts", "That cannot be done right now.")
        case errors.StoreError():
            return store_error_message(error)
        case NoteNeeded(carried=True):
            return QCoreApplication.translate(
                "Texts",
                "Under the group's rule this proposal carries. To record it as rejected, write a note "
                "saying why, for the minutes.",
            )
        case NoteNeeded():
            return QCoreApplication.translate(
                "Texts",
                "Under the group's rule this proposal does not carry. To record it as adopted, write a "
                "note saying why, for the minutes.",
            )
        case CorrectionNeeded():
            return QCoreApplication.translate(
                "Texts", "Write down the correction the group agreed, then choose approved as corrected."
            )
        case ExportFailed():
            return export_error_message(error)
        case ExchangeError():
            return exchange_error_message(error)
        case errors.MeetingNotMatched(query=query, matches=()):
            return QCoreApplication.translate(
                "Texts", 'No stored meeting matches "%1". "facilitator meetings" lists them all.'
            ).replace("%1", query)
        case errors.MeetingNotMatched(query=query, matches=matches):
            return (
                QCoreApplication.translate(
                    "Texts", '"%1" matches several meetings; give the id of one:'
                ).replace("%1", query)
                + "\n  "
                + "\n  ".join(matches)
            )
    return QCoreApplication.translate("Texts", "Something unexpected went wrong; nothing was changed.")


def exchange_error_message(error: ExchangeError) -> str:
    """What is wrong with an exchange file, naming the place in it; nothing was imported."""
    tr = QCoreApplication.translate
    texts = {
        ExchangeProblem.NOT_JSON: tr("Texts", "This is not an exchange file: it is not readable JSON text."),
        ExchangeProblem.NOT_OURS: tr("Texts", "This JSON file is not a Facilitator meeting exchange file."),
        ExchangeProblem.TOO_NEW: tr(
            "Texts",
            "This file was written by a newer version of Facilitator (format version %2). Update the app.",
        ),
        ExchangeProblem.BAD_VERSION: tr("Texts", "The file's format version is not valid: %2."),
        ExchangeProblem.MISSING: tr("Texts", "Something is missing in the file at %1."),
        ExchangeProblem.WRONG_TYPE: tr("Texts", "The value at %1 is of the wrong kind: %2."),
        ExchangeProblem.UNKNOWN_FIELD: tr(
            "Texts", "The file has something this version does not know at %1."
        ),
        ExchangeProblem.UNKNOWN_REFERENCE: tr("Texts", "%1 refers to %2, which the file does not contain."),
        ExchangeProblem.DUPLICATE: tr("Texts", "%1 appears twice in the file: %2."),
        ExchangeProblem.EMPTY: tr("Texts", "%1 is empty in the file, but must have a value."),
        ExchangeProblem.TOO_LONG: tr("Texts", "The text at %1 is longer than the %2 characters allowed."),
        ExchangeProblem.BAD_VALUE: tr("Texts", "The value at %1 is not allowed (allowed: %2)."),
        ExchangeProblem.DUPLICATE_MEETING: tr(
            "Texts", "This meeting is already here (%2). To keep both, change the title in one of them first."
        ),
        ExchangeProblem.TOO_BIG: tr("Texts", "The file is too big to be a meeting (over 50 MB)."),
    }
    where = error.where or tr("Texts", "the file")
    text = texts[error.problem].replace("%1", where).replace("%2", error.detail)
    return text + " " + tr("Texts", "Nothing was imported.")


def export_error_message(error: ExportFailed) -> str:
    texts = {
        ExportProblem.FOLDER_MISSING: QCoreApplication.translate(
            "Texts", "The folder for %1 does not exist. Choose another place."
        ),
        ExportProblem.NOT_ALLOWED: QCoreApplication.translate(
            "Texts", "You may not write %1 there. Choose another folder, such as Documents."
        ),
        ExportProblem.DISK_FULL: QCoreApplication.translate(
            "Texts", "The disk is full, so %1 was not written. Free some space or choose a USB stick."
        ),
        ExportProblem.IS_FOLDER: QCoreApplication.translate(
            "Texts", "%1 is a folder. Type a file name instead."
        ),
        ExportProblem.OTHER: QCoreApplication.translate("Texts", "%1 could not be written."),
    }
    return (
        texts[error.problem].replace("%1", error.path)
        + " "
        + QCoreApplication.translate("Texts", "Your meeting is safe; nothing in it changed.")
    )


def store_error_message(error: errors.StoreError) -> str:
    path = error.path
    match error:
        case errors.StoreLocked():
            text = QCoreApplication.translate(
                "Texts",
                "Facilitator is already open with this data folder:\n%1\n\n"
                "Switch to the window that is already open. Two copies working on the same "
                "meetings could overwrite each other's work.",
            )
        case errors.StoreTooNew():
            text = QCoreApplication.translate(
                "Texts",
                "This data was saved by a newer version of Facilitator:\n%1\n\n"
                "Install the newer version to open it. Nothing in the file was changed.",
            )
        case errors.StoreCorrupt():
            text = QCoreApplication.translate(
                "Texts",
                "The data file is damaged and cannot be opened safely:\n%1\n\n"
                'It has been left exactly as it is. Safety copies are kept in the "backups" '
                "folder next to it; a technical helper can restore one.",
            )
        case errors.StoreForeign():
            text = QCoreApplication.translate(
                "Texts",
                "This file does not belong to Facilitator:\n%1\n\n"
                "It was left untouched. Choose another data folder with --data-dir.",
            )
        case errors.DiskFull():
            text = QCoreApplication.translate(
                "Texts",
                "The disk is full, so the last change was not saved:\n%1\n\n"
                "Everything saved before is safe. Free some space, then try again.",
            )
        case errors.StoreUnwritable():
            text = QCoreApplication.translate(
                "Texts",
                "Facilitator cannot write to its data folder:\n%1\n\n"
                "Check that the folder exists and that you may write to it, or choose another "
                "one with --data-dir.",
            )
        case errors.StoreBusy():
            text = QCoreApplication.translate(
                "Texts", "The data file is busy with another program. Wait a moment, then try again.\n%1"
            )
        case errors.BackupFailed():
            text = QCoreApplication.translate(
                "Texts",
                "Facilitator needs to update its data file, but could not make a safety copy "
                "first, so it changed nothing:\n%1\n\nFree some disk space and start again.",
            )
        case _:
            text = QCoreApplication.translate("Texts", "The data file could not be used:\n%1")
    return text.replace("%1", path)


def seed_sector_names() -> list[str]:
    """The starting sector list (domain.people.SEED_SECTORS) in the user's language."""
    return [
        QCoreApplication.translate("Texts", "Government"),
        QCoreApplication.translate("Texts", "Business"),
        QCoreApplication.translate("Texts", "Nonprofit"),
        QCoreApplication.translate("Texts", "Community resident"),
        QCoreApplication.translate("Texts", "Faith"),
        QCoreApplication.translate("Texts", "Education"),
        QCoreApplication.translate("Texts", "Health"),
        QCoreApplication.translate("Texts", "Philanthropy"),
        QCoreApplication.translate("Texts", "Media"),
        QCoreApplication.translate("Texts", "Other"),
    ]
