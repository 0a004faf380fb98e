"""`s` in the workspace table: pick the status to list (server-side `Status=`), or all.

A small list instead of a cycle: every status at a glance, the current one marked, and how
many of the loaded rows have it. Dismisses with the chosen status (``ALL`` for every status),
or None when cancelled.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from paiws.core.api import STATUS_STYLES, validation

ALL = "all"


class StatusPicker(ModalScreen[str | None]):
    HELP_TITLE: ClassVar[str] = "Status filter"
    DEFAULT_CSS = """
    StatusPicker { align: center middle; }
    StatusPicker > #status-box {
        width: 44;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    StatusPicker #status-title { text-style: bold; padding: 1 0 0 0; }
    StatusPicker #status-help { color: $text-muted; margin-bottom: 1; }
    StatusPicker OptionList { height: auto; max-height: 12; border: none; padding: 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Keep the current status filter"),
    ]

    def __init__(self, current: str | None, loaded: Counter[str] | None = None) -> None:
        super().__init__()
        self._current = current or ALL
        self._loaded = loaded

    def compose(self) -> ComposeResult:
        options = [self._option(ALL, "All statuses")]
        options.extend(self._option(status, status) for status in validation.STATUSES)
        with Vertical(id="status-box"):
            yield Static("Show workspaces with status", id="status-title")
            yield Static(
                "Asks the server (Status=); Enter picks, escape keeps the current one.",
                id="status-help",
            )
            yield OptionList(*options, id="status-options")

    def _option(self, value: str, label: str) -> Option:
        text = Text("● " if value == self._current else "  ")
        width = max(len("All statuses"), *(len(status) for status in validation.STATUSES))
        text.append(label, style=STATUS_STYLES.get(value, "bold" if value == ALL else ""))
        text.append(" " * (width - len(label)))
        if self._loaded is not None:
            count = sum(self._loaded.values()) if value == ALL else self._loaded.get(value, 0)
            text.append(f"  {count} loaded", style="dim")
        return Option(text, id=value)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = options.get_option_index(self._current)
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
