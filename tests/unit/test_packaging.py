"""The wheel must contain every package on disk: pyproject's explicit package list is kept honest."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _config() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        setuptools = tomllib.load(handle)["tool"]["setuptools"]
    assert isinstance(setuptools, dict)
    return setuptools


def _packages_under(folder: Path, dotted: str) -> set[str]:
    found = set()
    for init in folder.rglob("__init__.py"):
        if "__pycache__" in init.parts:
            continue
        rel = init.parent.relative_to(folder)
        found.add(".".join([dotted, *rel.parts]))
    return found


def test_package_list_equals_the_package_folders_on_disk() -> None:
    config = _config()
    listed = config["packages"]
    assert isinstance(listed, list)
    package_dir = config.get("package-dir", {})
    assert isinstance(package_dir, dict)
    on_disk = _packages_under(ROOT / "facilitator", "facilitator")
    for name, folder in package_dir.items():
        assert (ROOT / folder / "__init__.py").is_file(), f"{name} maps to {folder}, which is no package"
        on_disk |= _packages_under(ROOT / folder, name)
    assert "facilitator.resources" in on_disk
    assert sorted(set(listed)) == sorted(on_disk)
    assert len(listed) == len(set(listed)), "a package is listed twice"


def test_no_python_folder_is_missing_its_init() -> None:
    """A folder of modules without __init__.py would silently stay out of the wheel."""
    missing = sorted(
        str(folder.relative_to(ROOT))
        for folder in [ROOT / "facilitator", *(ROOT / "facilitator").rglob("*")]
        if folder.is_dir()
        and folder.name != "__pycache__"
        and any(folder.glob("*.py"))
        and not (folder / "__init__.py").exists()
    )
    assert not missing


def test_package_data_belongs_to_listed_packages_and_named_files_exist() -> None:
    config = _config()
    listed, data, package_dir = config["packages"], config["package-data"], config.get("package-dir", {})
    assert isinstance(listed, list) and isinstance(data, dict) and isinstance(package_dir, dict)
    for package, patterns in data.items():
        assert package in listed, f"package-data for {package}, which is not packaged"
        folder = ROOT / package_dir.get(package, package.replace(".", "/"))
        for pattern in patterns:
            if not any(ch in pattern for ch in "*?["):
                assert (folder / pattern).is_file(), f"{package}: {pattern} is missing"
    # Alembic needs its template next to env.py when a new revision is generated from an install.
    assert "script.py.mako" in data["facilitator.storage.migrations"]
