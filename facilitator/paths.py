"""Where things live: the data folder (platformdirs, or --data-dir / FACILITATOR_DATA_DIR) and resources."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from facilitator import APP_NAME
from facilitator.storage.schema import DB_FILENAME

DATA_DIR_ENV = "FACILITATOR_DATA_DIR"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The store folder: the command-line option wins, then the environment, then the OS default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def database(folder: Path) -> Path:
    return folder / DB_FILENAME


def resource(*parts: str) -> Path:
    """A file shipped in resources/ (installed as the package facilitator.resources).

    Running straight from a source checkout without installing, the folder is found beside the
    package instead.
    """
    try:
        base = Path(str(resources.files("facilitator.resources")))
    except ModuleNotFoundError:
        base = Path(__file__).resolve().parent.parent / "resources"
    return base.joinpath(*parts)
