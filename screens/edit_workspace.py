"""Edit a workspace's display name and description (`e` in the detail view, UpdateWorkspace).

Same rules as the create wizard; only changed fields are sent. Dismisses with the refreshed
`WorkspaceDetail` the service returns, or None when nothing was saved.
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

from paiws.core.api import N_, WorkspaceDetail, WorkspaceRow, validation
from paiws.screens.widgets.change_dialog import ChangeDialog
from paiws.screens.widgets.confirm_modal import ConfirmModal
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.key_hints import KeyHints

DESCRIPTION_MAX = validation.DESCRIPTION_MAX
DISPLAY_NAME_MAX = validation.DISPLAY_NAME_MAX


class EditWorkspace(ChangeDialog[WorkspaceDetail | None]):
    """A small form: two fields, live validation, Save sends UpdateWorkspace once."""

    ACTION = N_("update a workspace")
    FEEDBACK = "#edit-feedback"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Cancel (asks before discarding changes)",
            id="edit.cancel",
        ),
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Save (UpdateWorkspace; Enter works too)",
            id="edit.save",
        ),
    ]

    class Saved(Message):
        def __init__(self, detail: WorkspaceDetail) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self, row: WorkspaceRow) -> None:
        super().__init__()
        self._row = row
        self._saving = False

    def compose(self) -> ComposeResult:
        self._region = self.chosen_region
        self._blocked = self.blocked
        row = self._row
        with Vertical(id="wizard-box"):
            yield Static(
                Text.assemble("Edit workspace ", (row.name, "bold"), f"  (ID {row.workspace_id})"),
                id="dialog-title",
            )
            if self._blocked:
                yield Static(Text(self._blocked), id="dialog-blocked")
            else:
                yield from self._compose_form(row)
            with Horizontal(classes="button-bar"):
                yield Button("Cancel", id="edit-cancel")
                if not self._blocked:
                    yield Button("Save", id="edit-save", variant="primary")
        yield KeyHints()

    def _compose_form(self, row: WorkspaceRow) -> ComposeResult:
        with VerticalScroll(id="dialog-scroll"):
            yield Static("Display name", classes="field-title")
            yield Static(
                f"The friendly name shown in the console, up to {DISPLAY_NAME_MAX} characters.",
                classes="field-help",
            )
            yield Field(row.display_name, max_length=DISPLAY_NAME_MAX, id="edit-display")
            yield Static("Description", classes="field-title")
            yield Static(
                f"What this workspace is for. Required, at most {DESCRIPTION_MAX} characters.",
                classes="field-help",
            )
            yield Field(row.description, max_length=DESCRIPTION_MAX, id="edit-description")
            yield Static(id="description-counter")
            yield Static(id="edit-feedback", classes="feedback")

    def on_mount(self) -> None:
        if self._blocked:
            self.query_one("#edit-cancel", Button).focus()
            return
        self.query_one("#edit-display", Input).focus()
        self._refresh_form()

    # ---------------------------------------------------------------- form state

    @property
    def _display(self) -> str:
        return self.query_one("#edit-display", Input).value.strip()

    @property
    def _description(self) -> str:
        return self.query_one("#edit-description", Input).value.strip()

    def _changes(self) -> dict[str, str]:
        changes: dict[str, str] = {}
        if self._display != self._row.display_name:
            changes["display_name"] = self._display
        if self._description != self._row.description:
            changes["description"] = self._description
        return changes

    def _problem(self) -> str | None:
        return validation.display_name_problem(self._display) or validation.description_problem(
            self._description
        )

    @on(Input.Changed)
    def _changed(self) -> None:
        self.forget_failure()
        self._refresh_form()

    def _refresh_form(self) -> None:
        length = len(self.query_one("#edit-description", Input).value)
        self.query_one("#description-counter", Static).update(f"{length}/{DESCRIPTION_MAX}")
        problem = self._problem()
        changed = bool(self._changes())
        if problem:
            self.feedback(Text(f"✗ {problem}"), "bad")
        elif not changed:
            self.feedback(Text("Nothing changed yet."), "muted")
        else:
            fields = " and ".join(
                "display name" if key == "display_name" else "description"
                for key in self._changes()
            )
            self.feedback(Text(f"Save sends the new {fields} (UpdateWorkspace)."), "muted")
        self.query_one("#edit-save", Button).disabled = self._saving or bool(problem) or not changed
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return not self._blocked and not self._saving
        return super().check_action(action, parameters)

    # ---------------------------------------------------------------- actions

    def action_cancel(self) -> None:
        if self._saving:
            self.notify("Saving… the result follows in a moment.", severity="warning")
        elif not self._blocked and self._changes():
            self.app.push_screen(
                ConfirmModal("Discard your changes?", "The workspace stays as it was."),
                self._discard_answered,
            )
        else:
            self.dismiss(None)

    def _discard_answered(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)

    @on(Button.Pressed, "#edit-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted)
    @on(Button.Pressed, "#edit-save")
    def action_save(self) -> None:
        if self._blocked or self._saving:
            return
        problem = self._problem()
        if problem or not self._changes():
            self._refresh_form()
            return
        self._saving = True
        self._refresh_form()
        self.feedback(Text("Saving…"), "muted")
        self._save(self._changes())

    @work(thread=True, exclusive=True, group="edit", exit_on_error=False)
    def _save(self, changes: dict[str, str]) -> None:
        try:
            detail = self.service.update_workspace(
                self._region,
                self._row.workspace_id,
                display_name=changes.get("display_name"),
                description=changes.get("description"),
            )
        except Exception as err:  # explained through the core: PaiwsError text or type name only
            self.post_message(self.Failed(err))
            return
        self.post_message(self.Saved(detail))

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self.notify(f"Saved {self._row.name}.", title="Workspace updated", markup=False)
        self.dismiss(message.detail)

    @on(ChangeDialog.Failed)
    def _failed(self, message: ChangeDialog.Failed) -> None:
        self._saving = False
        self._refresh_form()
        self.show_failure(message.error, purpose="save the changes")
        # Off the inputs, so `y` copies the policy instead of typing; Enter retries.
        self.query_one("#edit-save", Button).focus()
