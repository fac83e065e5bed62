"""Turning the minutes into a file: the formats, and the one function both the app and the command
line use to write one."""

from __future__ import annotations

from pathlib import Path

from facilitator.domain.document import Document
from facilitator.services.documents.docx import write_docx
from facilitator.services.documents.files import save_bytes
from facilitator.services.documents.html import write_html
from facilitator.services.documents.markdown import write_markdown
from facilitator.storage.schema import DB_FILENAME, LOCK_FILENAME
from facilitator.ui.minutes.formats import Format
from facilitator.ui.minutes.qtdocument import chart_png, write_odt, write_pdf


def render(document: Document, kind: Format) -> bytes:
    """The file's bytes. Safe to run off the ui thread: images are QImages, never pixmaps."""
    if kind is Format.PDF:
        return write_pdf(document)
    if kind is Format.ODT:
        return write_odt(document)
    if kind is Format.DOCX:
        return write_docx(document, chart_png)
    if kind is Format.HTML:
        return write_html(document).encode("utf-8")
    return write_markdown(document).encode("utf-8")


def is_store_file(path: Path) -> bool:
    """Whether a chosen file is the store itself or one of its companions: never write over those."""
    ours = {DB_FILENAME, f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm", LOCK_FILENAME}
    return path.name in ours


def export(document: Document, kind: Format, path: Path) -> None:
    """Render and write atomically: a failed write leaves no half file and the store untouched."""
    save_bytes(path, render(document, kind))
