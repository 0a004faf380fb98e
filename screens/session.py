"""The session state the App owns and every screen reads: where the user is and in which mode.

A frozen value: the App replaces it when something changes (screens ask with messages, see
`messages.py`), and widgets that show it watch the App's ``session`` attribute.
"""

from __future__ import annotations

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
