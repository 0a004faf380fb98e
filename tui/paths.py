"""One helper for asset paths: works from a checkout and from an installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def asset_path(name: str) -> Path:
    """Return the filesystem path of a file shipped in ``assets/``."""
    checkout = Path(__file__).resolve().parent.parent / "assets" / name
    if checkout.exists():
        return checkout
    packaged = resources.files("tui.assets").joinpath(name)
    return Path(str(packaged))


def read_asset(name: str) -> str:
    return asset_path(name).read_text(encoding="utf-8")
