"""The layer rules, checked on the source: only ui code touches Qt, the domain stays plain Python,
and the core (domain, storage, services) runs with PySide6 absent."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "facilitator"
QT = {"PySide6", "shiboken6"}


def _is_ui(path: Path) -> bool:
    rel = path.relative_to(PACKAGE)
    return "ui" in rel.parts[:-1] or rel.name == "ui.py"


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources(include_ui: bool = False) -> list[Path]:
    found = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
    return [p for p in found if include_ui or not _is_ui(p)]


def _imports(path: Path) -> set[str]:
    return _imports_in(path.read_text(encoding="utf-8"), _module_name(path), path.name == "__init__.py")


def _imports_in(source: str, module: str, is_package: bool) -> set[str]:
    """Every module a file imports, anywhere in it (functions included), relative ones resolved."""
    tree = ast.parse(source, filename=module)
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


def test_the_walk_sees_the_core() -> None:
    names = {_module_name(p) for p in _sources()}
    for expected in ("facilitator.domain.text", "facilitator.storage.files", "facilitator.services.run"):
        assert expected in names
    assert not any(name.startswith("facilitator.ui") for name in names)


def test_the_import_scanner_catches_nested_relative_and_dynamic_imports() -> None:
    source = textwrap.dedent(
        """
        def later():
            from PySide6 import QtCore
            import shiboken6
        from ..storage import models
        from . import text
        import importlib
        importlib.import_module("sqlalchemy.orm")
        """
    )
    found = _imports_in(source, "facilitator.domain.probe", is_package=False)
    assert {"PySide6", "shiboken6", "facilitator.storage.models", "sqlalchemy.orm"} <= found
    assert "facilitator.domain.text" in found


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_only_ui_code_imports_qt(path: Path) -> None:
    offending = sorted(name for name in _imports(path) if _top(name) in QT)
    assert not offending, f"{path.relative_to(ROOT)} imports {offending}; only ui code may import Qt"


def _layer_files(layer: str) -> list[Path]:
    return [p for p in _sources() if p.relative_to(PACKAGE).parts[0] == layer]


@pytest.mark.parametrize("path", _layer_files("domain"), ids=lambda p: p.name)
def test_domain_is_plain_python(path: Path) -> None:
    imports = _imports(path)
    forbidden = sorted(n for n in imports if _top(n) in {"sqlalchemy", "alembic", *QT})
    assert not forbidden, f"{path.name} imports {forbidden}"
    upward = sorted(
        n for n in imports if n.startswith("facilitator.") and not n.startswith("facilitator.domain")
    )
    assert not upward, f"{path.name} reaches up the layers: {upward}"


@pytest.mark.parametrize(
    ("layer", "above"),
    [("storage", ("facilitator.services", "facilitator.ui")), ("services", ("facilitator.ui",))],
)
def test_lower_layers_do_not_import_higher_ones(layer: str, above: tuple[str, ...]) -> None:
    files = _layer_files(layer)
    assert files
    for path in files:
        upward = sorted(n for n in _imports(path) if n.startswith(above))
        assert not upward, f"{path.relative_to(ROOT)} imports {upward}"


def _core_modules() -> list[str]:
    names = []
    for path in _sources():
        rel = path.relative_to(PACKAGE)
        if rel.name == "__main__.py":  # runs the app when imported
            continue
        if rel.parts[:2] == ("storage", "migrations") and rel.name == "env.py":  # Alembic runs it
            continue
        names.append(_module_name(path))
    return names


BLOCKED_RUN = """
import importlib, sys, tempfile
from pathlib import Path

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ModuleNotFoundError(f"blocked for this test: {name}", name=name)
        return None

sys.meta_path.insert(0, NoQt())
try:
    import PySide6  # noqa: F401
except ModuleNotFoundError:
    pass
else:
    raise SystemExit("the blocker does not work")

for name in MODULES:
    importlib.import_module(name)

from facilitator.domain.model import AgendaFields, AgendaKind, ItemState, MeetingStatus
from facilitator.services import build_services
from facilitator.storage import files, migrate

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "core.sqlite3"
    migrate.prepare(path)
    services = build_services(path)
    try:
        meeting_id = services.sample.create()
        services.agenda.add(meeting_id, AgendaFields(AgendaKind.DISCUSSION, "Any other business", "", 5))
        detail = services.run.start(meeting_id)
        assert detail.meeting.status is MeetingStatus.IN_PROGRESS
        detail = services.run.step(meeting_id, 1)
        assert detail.agenda[0].state is ItemState.DONE
        assert detail.current_item == detail.agenda[1]
    finally:
        services.close()
    assert files.check_health(path).ok
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
assert not loaded, loaded
print("core ran without Qt:", len(MODULES), "modules")
"""


def test_core_runs_with_pyside6_absent() -> None:
    modules = _core_modules()
    assert "facilitator.services" in modules and "facilitator.storage.migrate" in modules
    script = f"MODULES = {modules!r}\n" + BLOCKED_RUN
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "core ran without Qt" in done.stdout


STARTUP_RUN = """
import sys, tempfile
from pathlib import Path
from facilitator.storage import files, lock, migrate, readmodel, schema  # noqa: F401

path = Path(sys.argv[1])
inspection = migrate.prepare(path)  # already current: nothing to migrate
assert inspection.state is files.FileState.CURRENT, inspection
db = files.connect(path)
readmodel.overview(db)
db.close()
heavy = sorted(m for m in ("sqlalchemy", "alembic", "PySide6") if m in sys.modules)
print("heavy:", heavy)
"""


def test_start_up_path_of_a_current_store_needs_only_the_standard_library(tmp_path: Path) -> None:
    """storage/__init__ promises files, lock, readmodel and schema are stdlib-only, and schema.py
    says comparing SCHEMA_HEAD lets start-up skip Alembic: opening a current store imports neither."""
    path = tmp_path / "store.sqlite3"
    from facilitator.storage import migrate

    migrate.prepare(path)
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", STARTUP_RUN, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "heavy: []" in done.stdout, done.stdout


def test_the_window_paints_before_the_database_libraries_load() -> None:
    # The first paint comes from a quick read of the store (storage.files, sqlite3); SQLAlchemy,
    # Alembic and the writers load after it. An import in a module the window needs at start-up
    # (an error type, say) must not pull them in: it tripled the time to the first paint once.
    probe = textwrap.dedent(
        """
        import sys
        import facilitator.ui.main_window, facilitator.ui.app, facilitator.ui.console
        heavy = [name for name in ("sqlalchemy", "alembic", "docx", "jinja2") if name in sys.modules]
        print(",".join(heavy))
        """
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
