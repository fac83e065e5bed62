"""Any module can be the first one imported: the app imports a technique's screens (and through
them its service) before anything else when it reopens a meeting in the middle of that step."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import facilitator

ROOT = Path(facilitator.__file__).parent


def modules() -> list[str]:
    found = []
    for folder in ("services", "techniques"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT.parent).with_suffix("").parts
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def first_import(module: str) -> tuple[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, env=env, timeout=120
    )
    return module, done.stderr.strip().splitlines()[-1] if done.returncode else ""


def test_every_service_and_technique_module_imports_first_on_its_own() -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        failures = {module: error for module, error in pool.map(first_import, modules()) if error}
    assert not failures
