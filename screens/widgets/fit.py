"""Dialogs whose middle scrolls and whose buttons stay on screen, at any terminal height.

A dialog box is ``height: auto`` (it fits its content) with ``max-height: 100%``; when its
content is taller than the screen, the part marked as scrolling gets the height the title,
the buttons, the box's border and the footer leave, and scrolls (with a scrollbar). Textual
cannot say "the rest of an auto-height box" in CSS, so it is computed here, on every resize
and whenever the dialog's parts change (SPEC §6: every screen usable at 80x24).
"""

from __future__ import annotations

from typing import Any

from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget

MIN_ROWS = 3


def fit_scroll(screen: Screen[Any], box: Widget, scroll: VerticalScroll) -> None:
    """Bound ``scroll`` (a child of ``box``) so that ``box`` fits ``screen`` whole."""
    others = sum(
        child.outer_size.height + child.styles.margin.height
        for child in box.children
        if child is not scroll and child.display
    )
    docked = sum(
        child.outer_size.height
        for child in screen.children
        if child is not box and child.display and child.styles.dock == "bottom"
    )
    room = screen.size.height - docked - box.styles.gutter.height - others
    scroll.styles.max_height = max(MIN_ROWS, room)
