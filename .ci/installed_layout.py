"""Copy the checkout into the shape it has once installed (SPEC §5), for tools that walk files.

pyproject.toml maps `tui/` to the package `paiws`, `screens/` to `paiws.screens` and `assets/`
to `paiws.assets`. Python's import system follows that mapping (the editable install adds a
finder), but mypy and import-linter read directories, so they get this copy instead.

    python .ci/installed_layout.py DIR    # writes DIR/paiws/...
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAPPING = {"tui": "paiws", "screens": "paiws/screens", "assets": "paiws/assets"}
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc")


def main(target: Path) -> None:
    package = target / "paiws"
    if package.exists():
        shutil.rmtree(package)
    for source, destination in MAPPING.items():
        shutil.copytree(ROOT / source, target / destination, ignore=SKIP, dirs_exist_ok=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python .ci/installed_layout.py DIR")
    main(Path(sys.argv[1]))
