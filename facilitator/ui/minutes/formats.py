"""The file formats the minutes can be written in. Light to import: the command line parses its
arguments with these before any writer loads."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication


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
    return {
        Format.PDF: FormatInfo("pdf", QCoreApplication.translate("Minutes", "PDF, to print or send")),
        Format.DOCX: FormatInfo("docx", QCoreApplication.translate("Minutes", "Word document")),
        Format.ODT: FormatInfo(
            "odt", QCoreApplication.translate("Minutes", "OpenDocument text (LibreOffice)")
        ),
        Format.HTML: FormatInfo("html", QCoreApplication.translate("Minutes", "Web page, one file")),
        Format.MARKDOWN: FormatInfo("md", QCoreApplication.translate("Minutes", "Markdown text")),
    }[kind]


def format_of(path: Path, default: Format = Format.PDF) -> Format:
    suffix = path.suffix.lower().lstrip(".")
    aliases = {"htm": Format.HTML, "markdown": Format.MARKDOWN}
    try:
        return Format(suffix)
    except ValueError:
        return aliases.get(suffix, default)
