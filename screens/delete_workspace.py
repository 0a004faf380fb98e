"""Delete a workspace (`ctrl+d` in the detail view): R13.

Irreversible, so the screen says what goes with it and the Delete button stays disabled until
the workspace name is typed exactly. Never offered in read-only mode. Dismisses with the
deleted workspace's ID (so the table drops the row), or None when nothing was deleted.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Static

from paiws.core.api import N_, WorkspaceRow
from paiws.screens.widgets.change_dialog import ChangeDialog
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.key_hints import KeyHints


class DeleteWorkspace(ChangeDialog[str | None]):
    """Type the name, then Delete: one DeleteWorkspace call, no second chances needed."""

    ACTION = N_("delete a workspace")
    FEEDBACK = "#delete-feedback"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "cancel", "Cancel", tooltip="Cancel: nothing is deleted", id="delete.cancel"
        ),
    ]

    class Deleted(Message):
        """The workspace is gone."""

    def __init__(self, row: WorkspaceRow) -> None:
        super().__init__()
        self._row = row
        self._deleting = False

    def compose(self) -> ComposeResult:
        self._region = self.chosen_region
        self._blocked = self.blocked
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
                with VerticalScroll(id="dialog-scroll"):
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
                    if row.is_default:
                        # R13: deleting the region's default workspace says so.
                        yield Static(
                            Text.assemble(
                                ("This is the default workspace of ", "bold"),
                                (self._region, "bold"),
                                (" (IsDefault). ", "bold"),
                                "After deleting it the region has no default workspace until "
                                "another one is made the default in the PAI console.",
                            ),
                            id="delete-default",
                        )
                    yield Static(
                        Text.assemble(
                            "Type the workspace name ", (row.name, "bold"), " to confirm."
                        ),
                        classes="field-title",
                    )
                    yield Field(placeholder=row.name, id="delete-confirm")
                    yield Static(id="delete-feedback", classes="feedback")
            with Horizontal(classes="button-bar"):
                yield Button("Cancel", id="delete-cancel", variant="primary")
                if not self._blocked:
                    yield Button("Delete", id="delete-go", variant="error", disabled=True)
        yield KeyHints()

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
        self.forget_failure()
        self._refresh_form()

    def _refresh_form(self) -> None:
        typed = self.query_one("#delete-confirm", Input).value
        if self._deleting:
            self.feedback(Text("Deleting…"), "muted")
        elif self._matches:
            self.feedback(Text("✓ The name matches. Delete removes it for good."), "warn")
        elif typed:
            self.feedback(Text("✗ Does not match the workspace name yet."), "bad")
        else:
            self.feedback(Text("The Delete button unlocks when the name matches."), "muted")
        self.query_one("#delete-go", Button).disabled = self._deleting or not self._matches
        self.refresh_bindings()

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
            self.service.delete_workspace(
                self._region, self._row.workspace_id, confirm_name=confirm_name
            )
        except Exception as err:  # explained through the core: PaiwsError text or type name only
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

    @on(ChangeDialog.Failed)
    def _failed(self, message: ChangeDialog.Failed) -> None:
        self._deleting = False
        self._refresh_form()
        self.show_failure(message.error, purpose="delete the workspace")
        # Off the input, so `y` copies the policy instead of typing; Enter retries.
        self.query_one("#delete-go", Button).focus()
