"""Entry point of the ``facilitator`` command; the commands themselves live in ui.console."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from facilitator.ui.console import run

    return int(run(argv))
