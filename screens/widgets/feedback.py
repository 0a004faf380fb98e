"""One feedback line under a wizard field: its text and its colour (ok/bad/warn/muted)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


def show_feedback(widget: Static, text: str | Text, kind: str) -> None:
    """Show a feedback line; `kind` (ok/bad/warn/muted) picks its colour in wizard.tcss."""
    widget.update(text if isinstance(text, Text) else Text(text))
    for name in ("ok", "bad", "warn", "muted"):
        widget.set_class(name == kind, f"-{name}")
