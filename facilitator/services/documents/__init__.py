"""Writers that turn a format-neutral Document into HTML, Markdown and Word files, without Qt,
and the safe file names and atomic saving every export uses."""

from __future__ import annotations

from facilitator.domain.errors import ExportFailed, ExportProblem
from facilitator.services.documents.docx import write_docx
from facilitator.services.documents.files import safe_file_name, save_bytes
from facilitator.services.documents.html import write_html
from facilitator.services.documents.markdown import write_markdown

__all__ = [
    "ExportFailed",
    "ExportProblem",
    "safe_file_name",
    "save_bytes",
    "write_docx",
    "write_html",
    "write_markdown",
]
