"""What `pip install .` ships: every package of the checkout under `paiws` and every asset."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAPPING = {"tui": "paiws", "screens": "paiws.screens", "assets": "paiws.assets"}


def _listed() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def _on_disk() -> set[str]:
    found = set()
    for folder, package in MAPPING.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder)
            found.add(".".join((package, *relative.parts)))
    return found


def test_every_package_of_the_checkout_is_installed() -> None:
    assert _on_disk() - _listed() == set(), "add it to [tool.setuptools] packages"


def test_every_listed_package_exists() -> None:
    assert _listed() - _on_disk() == set()
