"""Recently chosen regions: hints for the region picker, never a choice made for the user (R2).

Only region IDs are ever written, to ``$XDG_STATE_HOME/paiws/recent-regions.json``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from paiws.core.validation import REGION_ID, check_region

RECENT_LIMIT = 5


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "paiws"


def _recent_file() -> Path:
    return state_dir() / "recent-regions.json"


def recent_regions() -> tuple[str, ...]:
    """Regions chosen before, newest first: shown as hints, never chosen for the user (R2)."""
    try:
        data = json.loads(_recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return ()
    if not isinstance(data, list):
        return ()
    valid = [r for r in data if isinstance(r, str) and REGION_ID.fullmatch(r)]
    return tuple(dict.fromkeys(valid))[:RECENT_LIMIT]


def remember_region(region: str) -> None:
    """Put ``region`` first in the recent list. Best effort: a read-only HOME is not an error."""
    check_region(region)
    regions = (region, *(r for r in recent_regions() if r != region))[:RECENT_LIMIT]
    target = _recent_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".recent-", suffix=".json")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(list(regions), handle)
        os.replace(tmp, target)  # atomic: a crash never leaves half a file
    except OSError:
        Path(tmp).unlink(missing_ok=True)
