"""Turning the minutes into a file: the formats, and the one function both the app and the command
line use to write one."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from facilitator.domain.document import Document
from facilitator.services.documents.docx import write_docx
from facilitator.services.documents.files import save_bytes
from facilitator.services.documents.html import write_html
from facilitator.services.documents.markdown import write_markdown
from facilitator.ui.minutes.qtdocument import chart_png, write_odt, write_pdf


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    ODT = "odt"
    HTML = "html"
    MARKDOWN = "md"


@dataclass(frozen=True)
class FormatInfo:
    extension: str
    label: str


def format_info(kind: Format) -> FormatInfo:
    tr = QCoreApplication.translate
    return {
        Format.PDF: FormatInfo("pdf", tr("Minutes", "PDF, to print or send")),
        Format.DOCX: FormatInfo("docx", tr("Minutes", "Word document")),
        Format.ODT: FormatInfo("odt", tr("Minutes", "OpenDocument text (LibreOffice)")),
        Format.HTML: FormatInfo("html", tr("Minutes", "Web page, one file")),
        Format.MARKDOWN: FormatInfo("md", tr("Minutes", "Markdown text")),
    }[kind]


def format_of(path: Path, default: Format = Format.PDF) -> Format:
    suffix = path.suffix.lower().lstrip(".")
    aliases = {"htm": Format.HTML, "markdown": Format.MARKDOWN}
    try:
        return Format(suffix)
    except ValueError:
        return aliases.get(suffix, default)


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


def export(document: Document, kind: Format, path: Path) -> None:
    """Render and write atomically: a failed write leaves no half file and the store untouched."""
    save_bytes(path, render(document, kind))
