"""One helper for asset paths: `assets/` is installed as the package `paiws.assets`."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def asset_path(name: str) -> Path:
    """Return the filesystem path of a file shipped in ``assets/`` (checkout or wheel)."""
    return Path(str(resources.files("paiws.assets").joinpath(name)))


def read_asset(name: str) -> str:
    return asset_path(name).read_text(encoding="utf-8")
