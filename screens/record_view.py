"""`v` in the table and the detail: the workspace as JSON — the masked record the CLI prints for
`paiws get ID --format json` (with `--owner` when the detail shows the owner), never raw API
data. Scrollable; `y` copies it. The JSON is machine output: English keys and values in every
language (only the words around it are translated)."""

from __future__ import annotations

import json
from typing import ClassVar

from rich.json import JSON
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from paiws.core.api import N_, OwnerInfo, WorkspaceRow, _, workspace_record
from paiws.screens.base import PaiwsScreen
from paiws.screens.widgets.wording import headed


def record_json(row: WorkspaceRow, owner: OwnerInfo | None, *, include_owner: bool) -> str:
    """The JSON text `paiws get` prints (same keys, same order, same indentation): owner and
    administrators only with owner detail (`--owner`, R6)."""
    record = workspace_record(row, owner, include_owner=include_owner, include_admins=include_owner)
    return json.dumps(record, ensure_ascii=False, indent=2)


class RecordScreen(PaiwsScreen[None]):
    HELP_TITLE: ClassVar[str] = N_("Workspace JSON")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "copy_json", N_("Copy JSON"), tooltip=N_("Copy the JSON"), id="json.copy"),
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
            name = Text(self.row.name, style="bold")
            yield Static(
                headed(_("Workspace {name} as JSON"), "name", name, style="bold"),
                classes="panel-title",
            )
            yield Static(
                Text(
                    _("Masked, exactly what `{command}` prints. y copies it.").format(
                        command=command
                    )
                ),
                classes="dim",
            )
            yield Static(JSON(self.text, ensure_ascii=False), id="json-text")

    def on_mount(self) -> None:
        self.query_one("#json-view", VerticalScroll).focus()

    def action_copy_json(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify(
            _("Copied the JSON of {name}.").format(name=self.row.name),
            title=_("Workspace JSON"),
            markup=False,
        )
