"""`v` in the table and the detail: the workspace as JSON — the masked record the CLI prints for
`paiws get ID --format json` (with `--owner` when the detail shows the owner), never raw API
data. Scrollable; `y` copies it."""

from __future__ import annotations

import json
from typing import ClassVar

from rich.json import JSON
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from paiws.core.api import OwnerInfo, WorkspaceRow, workspace_record
from paiws.screens.base import PaiwsScreen


def record_json(row: WorkspaceRow, owner: OwnerInfo | None, *, include_owner: bool) -> str:
    """The JSON text `paiws get` prints (same keys, same order, same indentation): owner and
    administrators only with owner detail (`--owner`, R6)."""
    record = workspace_record(row, owner, include_owner=include_owner, include_admins=include_owner)
    return json.dumps(record, ensure_ascii=False, indent=2)


class RecordScreen(PaiwsScreen[None]):
    HELP_TITLE: ClassVar[str] = "Workspace JSON"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "copy_json", "Copy JSON", tooltip="Copy the JSON", id="json.copy"),
    ]
    HINTS = ("json.copy", "screen.back")

    def __init__(
        self, row: WorkspaceRow, owner: OwnerInfo | None = None, *, include_owner: bool = False
    ) -> None:
        super().__init__()
        self.row = row
        self.include_owner = include_owner
        self.text = record_json(row, owner, include_owner=include_owner)

    def compose_body(self) -> ComposeResult:
        command = f"paiws get {self.row.workspace_id} --format json"
        if self.include_owner:
            command += " --owner"
        with VerticalScroll(id="json-view"):
            yield Static(
                Text.assemble(
                    ("Workspace ", "bold"),
                    (self.row.name, "bold"),
                    " as JSON",
                ),
                classes="panel-title",
            )
            yield Static(
                Text(f"Masked, exactly what `{command}` prints. y copies it."), classes="dim"
            )
            yield Static(JSON(self.text, ensure_ascii=False), id="json-text")

    def on_mount(self) -> None:
        self.query_one("#json-view", VerticalScroll).focus()

    def action_copy_json(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify(f"Copied the JSON of {self.row.name}.", title="Workspace JSON", markup=False)
