"""An Input that follows the App's cursor-blink setting (off in snapshot tests, so two runs
render the same frame)."""

from __future__ import annotations

from textual.widgets import Input


class Field(Input):
    def on_mount(self) -> None:
        self.cursor_blink = bool(getattr(self.app, "cursor_blink", True))
