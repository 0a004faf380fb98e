"""Delete a workspace (`ctrl+d` in the detail view): R13.

Irreversible, so the screen says what goes with it and the Delete button stays disabled until
the workspace name is typed exactly. Never offered in read-only mode. Dismisses with the
deleted workspace's ID (so the table drops the row), or None when nothing was deleted.
"""

from __future__ import annotations

from typing import ClassVar

from paiws.core.interface import DataService
from paiws.core.views import WorkspaceRow
from paiws.paths import asset_path
from paiws.screens.widgets.error_text import copy_text_for, error_text
from paiws.screens.widgets.inputs import Field
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static


def delete_blocked_reason(service: DataService) -> str | None:
    if service.read_only:
        return "Read-only mode (--read-only): deleting workspaces is turned off."
    return None


class DeleteWorkspace(ModalScreen[str | None]):
    """Type the name, then Delete: one DeleteWorkspace call, no second chances needed."""

    CSS_PATH = [asset_path("wizard.tcss")]  # read when the first dialog is shown

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "cancel", "Cancel", tooltip="Cancel: nothing is deleted", id="delete.cancel"
        ),
        Binding(
            "y",
            "copy_policy",
            "Copy policy",
            tooltip="Copy the RAM policy after a permission error",
            id="delete.copy",
        ),
    ]

    class Deleted(Message):
        """The workspace is gone."""

    class Failed(Message):
        def __init__(self, error: Exception) -> None:
            super().__init__()
            self.error = error

    def __init__(self, service: DataService, region: str, row: WorkspaceRow) -> None:
        super().__init__()
        self._service = service
        self._region = region
        self._row = row
        self._blocked = delete_blocked_reason(service)
        self._deleting = False
        self._policy: str | None = None

    def compose(self) -> ComposeResult:
        row = self._row
        with Vertical(id="wizard-box", classes="-danger"):
            yield Static(
                Text.assemble(
                    "Delete workspace ", (row.name, "bold"), f"  (ID {row.workspace_id})"
                ),
                id="dialog-title",
            )
            if self._blocked:
                yield Static(Text(self._blocked), id="dialog-blocked")
            else:
                yield Static(
                    Text.assemble(
                        ("This cannot be undone. ", "bold"),
                        "Deleting ",
                        (row.name, "bold"),
                        f" in {self._region} removes the workspace and everything inside it: "
                        "its jobs, models, datasets, code and member permissions.",
                    ),
                    id="delete-warning",
                )
                yield Static(
                    Text.assemble("Type the workspace name ", (row.name, "bold"), " to confirm."),
                    classes="field-title",
                )
                yield Field(placeholder=row.name, id="delete-confirm")
                yield Static(id="delete-feedback", classes="feedback")
            with Horizontal(classes="button-bar"):
                yield Button("Cancel", id="delete-cancel", variant="primary")
                if not self._blocked:
                    yield Button("Delete", id="delete-go", variant="error", disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        if self._blocked:
            self.query_one("#delete-cancel", Button).focus()
        else:
            self.query_one("#delete-confirm", Input).focus()
            self._refresh_form()

    @property
    def _matches(self) -> bool:
        # Exactly: no trimming, no case folding (R13).
        return self.query_one("#delete-confirm", Input).value == self._row.name

    @on(Input.Changed, "#delete-confirm")
    def _changed(self) -> None:
        self._policy = None
        self._refresh_form()

    def _refresh_form(self) -> None:
        typed = self.query_one("#delete-confirm", Input).value
        if self._deleting:
            self._feedback(Text("Deleting…"), "muted")
        elif self._matches:
            self._feedback(Text("✓ The name matches. Delete removes it for good."), "warn")
        elif typed:
            self._feedback(Text("✗ Does not match the workspace name yet."), "bad")
        else:
            self._feedback(Text("The Delete button unlocks when the name matches."), "muted")
        self.query_one("#delete-go", Button).disabled = self._deleting or not self._matches
        self.refresh_bindings()

    def _feedback(self, text: Text, kind: str) -> None:
        widget = self.query_one("#delete-feedback", Static)
        widget.update(text)
        for name in ("ok", "bad", "warn", "muted"):
            widget.set_class(name == kind, f"-{name}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy_policy":
            return self._policy is not None
        return True

    def action_cancel(self) -> None:
        if self._deleting:
            self.notify("Deleting… the result follows in a moment.", severity="warning")
        else:
            self.dismiss(None)

    @on(Button.Pressed, "#delete-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted, "#delete-confirm")
    @on(Button.Pressed, "#delete-go")
    def _confirm(self) -> None:
        if self._blocked or self._deleting or not self._matches:
            return
        self._deleting = True
        self._refresh_form()
        self._delete(self.query_one("#delete-confirm", Input).value)

    @work(thread=True, exclusive=True, group="delete", exit_on_error=False)
    def _delete(self, confirm_name: str) -> None:
        try:
            self._service.delete_workspace(
                self._region, self._row.workspace_id, confirm_name=confirm_name
            )
        except Exception as err:  # shown through error_text: PaiwsError text or type name only
            self.post_message(self.Failed(err))
            return
        self.post_message(self.Deleted())

    @on(Deleted)
    def _deleted(self) -> None:
        self.notify(
            f"Deleted {self._row.name} ({self._row.workspace_id}).",
            title="Workspace deleted",
            markup=False,
        )
        self.dismiss(self._row.workspace_id)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self._deleting = False
        self._refresh_form()
        policy = self._service.ram_policy()
        self._policy = copy_text_for(message.error, fallback_policy=policy)
        self._feedback(
            error_text(message.error, doing="Deleting the workspace", fallback_policy=policy),
            "bad",
        )
        # Off the input, so `y` copies the policy instead of typing; Enter retries.
        self.query_one("#delete-go", Button).focus()
        self.refresh_bindings()

    def action_copy_policy(self) -> None:
        if self._policy:
            self.app.copy_to_clipboard(self._policy)
            self.notify("RAM policy copied to the clipboard.", title="Copied")
