"""What Qt's translation tools extract is what the app looks up: a catalogue made with
pyside6-lupdate from the source, every text marked, and compiled with pyside6-lrelease, changes
the words on the screens and in the minutes (module-level tr() helpers, self.tr() in widgets and
QCoreApplication.translate with a named context alike)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

import facilitator
from facilitator.services import Services
from facilitator.techniques.brainstorming.ui.minutes import minutes_blocks
from facilitator.ui.main_window import MainWindow
from facilitator.ui.meeting_page import MeetingPage

from .test_brainstorm import brainstorm_meeting, started

MARK = "⟦"


def _tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if not found.exists():
        pytest.skip(f"{name} is not installed beside this Python")
    return str(found)


@pytest.fixture(scope="module")
def marked_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every text the tools find in the package, translated as itself with a mark in front."""
    folder = tmp_path_factory.mktemp("translations")
    source = folder / "facilitator_xx.ts"
    package = Path(facilitator.__file__).parent
    subprocess.run(
        [_tool("pyside6-lupdate"), "-extensions", "py", str(package), "-ts", str(source)],
        check=True,
        capture_output=True,
    )
    tree = ElementTree.parse(source)
    assert len(list(tree.iter("message"))) > 500  # the whole package was read
    for message in tree.iter("message"):
        text = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        forms = translation.findall("numerusform")
        if forms:
            for form in forms:
                form.text = MARK + text
        else:
            translation.text = MARK + text
    tree.write(source, encoding="utf-8", xml_declaration=True)
    compiled = folder / "facilitator_xx.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(source), "-qm", str(compiled)], check=True, capture_output=True
    )
    return compiled


@pytest.fixture
def marked(marked_catalogue: Path, qapp: QCoreApplication) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(marked_catalogue))
    assert QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_extracted_texts_are_the_ones_shown(
    marked: None, qtbot: QtBot, make_window: Callable[[], MainWindow], services: Services
) -> None:
    meeting_id = brainstorm_meeting(services)
    window, panel, acts, item_id = started(make_window, meeting_id)
    acts.add_idea(item_id, "Buses stop running at six")
    # A module-level helper's words, on a tab and in a hint.
    assert panel.tabs.tabText(0) == MARK + "&1 Set up"
    assert panel.capture.placeholderText() == MARK + "Type an idea and press Enter"
    # Words from a widget's own self.tr().
    assert window.presenter.time_up.text() == MARK + "Time is up"
    # The minutes, written with tr("...") at each sentence, counts included.
    window.show_tab(MeetingPage.RUN)
    item = next(i for i in services.agenda.for_meeting(meeting_id) if i.id == item_id)
    texts = [getattr(block, "text", "") for block in minutes_blocks(services, item)]
    assert any(text.startswith(MARK + "One idea was put up") for text in texts), texts
