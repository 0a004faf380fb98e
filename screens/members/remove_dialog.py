"""Remove a member (`ctrl+d` in the members table): DeleteMembers, guarded like a deletion.

The owner is never removed (the dialog says so and sends nothing). Otherwise the member is
checked on the server first (ListMembers), and when they are the workspace's last
administrator the dialog warns (R14: warned about, allowed). Remove unlocks only when the
workspace's name is typed exactly. Dismisses with True once the member is gone.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Static

from paiws.core.api import ADMIN, MemberRow, RemovalOutcome, RemovalPlan, roles_in_words
from paiws.paths import asset_path
from paiws.screens.members.gate import member_change_blocked
from paiws.screens.members.layout import fit_box
from paiws.screens.widgets.change_dialog import ChangeDialog
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.key_hints import KeyHints


class RemoveMembers(ChangeDialog[bool]):
    CSS_PATH = [asset_path("wizard.tcss"), asset_path("members.tcss")]
    ACTION = "remove workspace members"
    FEEDBACK = "#remove-feedback"
    HELP_TITLE: ClassVar[str] = "Remove a member"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "cancel", "Cancel", tooltip="Cancel: nobody is removed", id="remove.cancel"
        ),
    ]

    HINTS = ("remove.cancel", "dialog.copy")

    class Planned(Message):
        def __init__(self, plan: RemovalPlan) -> None:
            super().__init__()
            self.plan = plan

    class Removed(Message):
        def __init__(self, outcome: RemovalOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(self, workspace_id: str, workspace_name: str, row: MemberRow) -> None:
        super().__init__()
        self.workspace_id = workspace_id
        self.workspace_name = workspace_name
        self.row = row
        self.plan: RemovalPlan | None = None
        self._removing = False
        self._region = ""
        self._reason: str | None = None

    def compose(self) -> ComposeResult:
        self._region = self.chosen_region
        row = self.row
        reason = member_change_blocked(self.service, self.session, self.ACTION)
        if not reason and row.is_owner:
            reason = (
                f"{row.person.label} is the owner of {self.workspace_name}: the owner cannot be "
                "removed from the workspace. Nothing was sent."
            )
        elif not reason and not row.key:
            reason = (
                "This member's ID could not be read from the server's answer, so paiws cannot "
                "remove them. Refresh the list (r) and try again."
            )
        self._reason = reason
        with Vertical(id="members-form-box", classes="-danger"):
            yield Static(
                Text.assemble(
                    "Remove ",
                    (row.person.label, "bold"),
                    " from ",
                    (self.workspace_name, "bold"),
                ),
                id="dialog-title",
            )
            if reason:
                yield Static(Text(reason), id="dialog-blocked")
            else:
                yield Static(
                    Text.assemble(
                        "They lose every role in this workspace (",
                        roles_in_words(row.roles),
                        ") and its resources; they can be added again later.",
                    ),
                    id="remove-who",
                )
                yield Static(Text("Checking the member on the server…"), id="remove-warning")
                yield Static(
                    Text.assemble(
                        "Type the workspace name ", (self.workspace_name, "bold"), " to confirm."
                    ),
                    classes="field-title",
                )
                yield Field(placeholder=self.workspace_name, id="remove-confirm")
                yield Static(id="remove-feedback", classes="feedback")
            with Horizontal(classes="button-bar"):
                yield Button("Cancel", id="remove-cancel", variant="primary")
                if not reason:
                    yield Button("Remove", id="remove-go", variant="error", disabled=True)
        yield KeyHints()

    def on_resize(self) -> None:
        fit_box(self)

    def on_mount(self) -> None:
        fit_box(self)
        if self._reason:
            self.query_one("#remove-cancel", Button).focus()
            return
        self.query_one("#remove-confirm", Input).focus()
        self._refresh_form()
        self._check()

    @work(thread=True, exclusive=True, group="remove", exit_on_error=False)
    def _check(self) -> None:
        try:
            plan = self.service.plan_removal(
                self._region,
                self.workspace_id,
                [self.row.person],
                workspace_name=self.workspace_name,
            )
        except Exception as error:
            self.post_message(self.Failed(error))
            return
        self.post_message(self.Planned(plan))

    @on(Planned)
    def _planned(self, message: Planned) -> None:
        self.plan = message.plan
        warning = self.query_one("#remove-warning", Static)
        if message.plan.owner is not None:
            warning.update(Text("The server lists them as the owner: they cannot be removed."))
        elif message.plan.last_admin:
            warning.update(
                Text(
                    f"⚠ They are the workspace's last administrator ({ADMIN}): after this, "
                    "only the owner can manage members. You can still go ahead."
                )
            )
            warning.add_class("-danger")
        else:
            warning.update(Text("✓ Checked: they are a member and can be removed."))
        self._refresh_form()

    @property
    def _matches(self) -> bool:
        return self.query_one("#remove-confirm", Input).value == self.workspace_name

    @on(Input.Changed, "#remove-confirm")
    def _typed(self) -> None:
        self.forget_failure()
        self._refresh_form()

    def _refresh_form(self) -> None:
        typed = self.query_one("#remove-confirm", Input).value
        ready = self.plan is not None and self.plan.owner is None
        if self._removing:
            self.feedback(Text("Removing…"), "muted")
        elif self._matches and ready:
            self.feedback(Text("✓ The name matches. Remove takes their access away."), "warn")
        elif self._matches:
            self.feedback(Text("✓ The name matches; waiting for the check."), "muted")
        elif typed:
            self.feedback(Text("✗ Does not match the workspace name yet."), "bad")
        else:
            self.feedback(Text("The Remove button unlocks when the name matches."), "muted")
        go = self.query_one("#remove-go", Button)
        go.disabled = self._removing or not ready or not self._matches
        self.refresh_bindings()

    def action_cancel(self) -> None:
        if self._removing:
            self.notify("Removing… the result follows in a moment.", severity="warning")
        else:
            self.dismiss(False)

    @on(Button.Pressed, "#remove-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Input.Submitted, "#remove-confirm")
    @on(Button.Pressed, "#remove-go")
    def _confirm(self) -> None:
        plan = self.plan
        if self._reason or self._removing or plan is None or plan.owner or not self._matches:
            return
        self._removing = True
        self._refresh_form()
        self._remove(plan, self.query_one("#remove-confirm", Input).value)

    @work(thread=True, exclusive=True, group="remove", exit_on_error=False)
    def _remove(self, plan: RemovalPlan, confirm_name: str) -> None:
        try:
            outcome = self.service.remove_members(
                self._region, self.workspace_id, plan, confirm_name=confirm_name
            )
        except Exception as error:
            self.post_message(self.Failed(error))
            return
        self.post_message(self.Removed(outcome))

    @on(Removed)
    def _removed(self, message: Removed) -> None:
        who = ", ".join(person.label for person in message.outcome.removed)
        self.notify(
            f"Removed {who} from {self.workspace_name}.", title="Member removed", markup=False
        )
        self.dismiss(True)

    @on(ChangeDialog.Failed)
    def _failed(self, message: ChangeDialog.Failed) -> None:
        purpose = "remove the member" if self._removing else "check the member"
        if not self._removing:
            self.query_one("#remove-warning", Static).update(Text(""))
        self._removing = False
        self._refresh_form()
        self.show_failure(message.error, purpose=purpose)
        self.query_one("#remove-cancel", Button).focus()
