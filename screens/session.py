"""The session state the App owns and every screen reads: where the user is and in which mode.

A frozen value: the App replaces it when something changes (screens ask with messages, see
`messages.py`), and widgets that show it watch the App's ``session`` attribute.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

# What the status bar says about PAI in the chosen region (R3); "" before any check.
Badge = Literal["", "checking", "activated", "purchasable", "no_permission", "unknown"]


@dataclass(frozen=True)
class Session:
    region: str | None = None  # chosen by the user, never guessed (R2)
    choice: int = 0  # counts region choices: choosing the shown region again retries its check
    activation: Badge = ""
    verbose: bool = False  # R6: owner & administrators, sticky once the user asked
    read_only: bool = False
    demo: bool = False


def _monotonic() -> float:
    return time.monotonic()


@dataclass(frozen=True)
class LiveRefresh:
    """How the workspace table keeps rows in transition (INITIALIZING, UPDATING) up to date by
    itself: an App option (tests turn it off so request logs stay exact).

    The first refresh waits ``interval`` seconds; every refresh that still finds rows in
    transition waits ``backoff`` times longer, up to ``max_interval``; after ``pause_after``
    seconds of watching, it pauses until the user refreshes (`r`). ``clock`` tells the age of
    the rows ("updated 12s ago"): fixed in snapshot tests.
    """

    enabled: bool = True
    interval: float = 2.0
    backoff: float = 1.5
    max_interval: float = 30.0
    pause_after: float = 300.0
    clock: Callable[[], float] = _monotonic

    @classmethod
    def off(cls, *, clock: Callable[[], float] | None = None) -> LiveRefresh:
        """No refreshing by itself, and (by default) a clock that stands still."""
        return cls(enabled=False, clock=clock or (lambda: 0.0))
