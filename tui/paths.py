"""One helper for asset paths: `assets/` is installed as the package `paiws.assets`.

A plain path next to the package's ``__init__.py`` (a checkout, an editable install and a wheel
all keep it on disk), not ``importlib.resources``, whose import costs the TUI ~6 ms of start-up.
"""

from __future__ import annotations

import importlib
from pathlib import Path


def asset_path(name: str) -> Path:
    """Return the filesystem path of a file shipped in ``assets/``."""
    package = importlib.import_module("paiws.assets")
    return Path(str(package.__file__)).parent / name


def read_asset(name: str) -> str:
    return asset_path(name).read_text(encoding="utf-8")
