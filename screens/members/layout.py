"""Member dialogs on small terminals: below ``COMPACT_BELOW`` lines the box drops its blank
lines and list borders (``-compact`` in assets/members.tcss), so each step and its buttons fit
at 80x24."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

COMPACT_BELOW = 30


def fit_box(screen: Screen[Any]) -> bool:
    """Mark the dialog box compact when the terminal is short; returns whether it is."""
    compact = screen.size.height < COMPACT_BELOW
    for box in screen.query("#members-form-box"):
        box.set_class(compact, "-compact")
    return compact
