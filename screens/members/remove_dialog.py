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

from paiws.core.api import (
    ADMIN,
    N_,
    MemberRow,
    RemovalOutcome,
    RemovalPlan,
    _,
    roles_in_words,
)
from paiws.screens.members.gate import member_change_blocked
from paiws.screens.members.layout import MemberDialog
from paiws.screens.widgets.change_dialog import ChangeDialog
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.key_hints import KeyHints
from paiws.screens.widgets.sentence import sentence


class RemoveMembers(MemberDialog):
    ACTION = N_("remove workspace members")
    FEEDBACK = "#remove-feedback"
    HELP_TITLE: ClassVar[str] = N_("Remove a member")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            tooltip=N_("Cancel: nobody is removed"),
            id="remove.cancel",
        ),
    ]

    HINTS = ("remove.cancel", "dialog.copy")
    CANCEL = "remove-cancel"
    BUSY_NOTICE = N_("Removing… the result follows in a moment.")

    class Planned(Message):
        def __init__(self, plan: RemovalPlan) -> None:
            super().__init__()
            self.plan = plan

    class Removed(Message):
        def __init__(self, outcome: RemovalOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(self, workspace_id: str, workspace_name: str, row: MemberRow) -> None:
        super().__init__(workspace_id, row)
        self.workspace_name = workspace_name
        self.plan: RemovalPlan | None = None
        self._removing = False

    def compose(self) -> ComposeResult:
        self._region = self.chosen_region
        row = self.row
        reason = member_change_blocked(self.service, self.session, self.ACTION)
        if not reason and row.is_owner:
            reason = _(
                "{who} is the owner of {workspace}: the owner cannot be removed from the "
                "workspace. Nothing was sent."
            ).format(who=row.person.label, workspace=self.workspace_name)
        elif not reason and not row.key:
            reason = _(
                "This member's ID could not be read from the server's answer, so paiws cannot "
                "remove them. Refresh the list (r) and try again."
            )
        self._reason = reason
        with Vertical(id="members-form-box", classes="-danger"):
            yield Static(
                sentence(
                    _("Remove {who} from {workspace}"),
                    who=Text(row.person.label, style="bold"),
                    workspace=Text(self.workspace_name, style="bold"),
                ),
                id="dialog-title",
            )
            if reason:
                yield Static(Text(reason), id="dialog-blocked")
            else:
                lose = _(
                    "They lose every role in this workspace ({roles}) and its resources; they "
                    "can be added again later."
                )
                yield Static(Text(lose.format(roles=roles_in_words(row.roles))), id="remove-who")
                checking = _("Checking the member on the server…")
                yield Static(Text(checking), id="remove-warning")
                yield Static(
                    sentence(
                        _("Type the workspace name {name} to confirm."),
                        name=Text(self.workspace_name, style="bold"),
                    ),
                    classes="field-title",
                )
                yield Field(placeholder=self.workspace_name, id="remove-confirm")
                yield Static(id="remove-feedback", classes="feedback")
            with Horizontal(classes="button-bar"):
                yield Button(_("Cancel"), id="remove-cancel", variant="primary")
                if not reason:
                    yield Button(_("Remove"), id="remove-go", variant="error", disabled=True)
        yield KeyHints()

    @property
    def sending(self) -> bool:
        return self._removing

    def start(self) -> None:
        self.query_one("#remove-confirm", Input).focus()
        self._refresh_form()
        self._check()

    @work(thread=True, exclusive=True, group="remove", exit_on_error=False)
    def _check(self) -> None:
        self.post_outcome(
            lambda: self.service.plan_removal(
                self._region,
                self.workspace_id,
                [self.row.person],
                workspace_name=self.workspace_name,
            ),
            self.Planned,
        )

    @on(Planned)
    def _planned(self, message: Planned) -> None:
        self.plan = message.plan
        warning = self.query_one("#remove-warning", Static)
        if message.plan.owner is not None:
            owner = _("The server lists them as the owner: they cannot be removed.")
            warning.update(Text(owner))
        elif message.plan.last_admin:
            last = _(
                "They are the workspace's last administrator ({code}): after this, only the "
                "owner can manage members. You can still go ahead."
            )
            warning.update(Text("⚠ " + last.format(code=ADMIN)))
            warning.add_class("-danger")
        else:
            checked = _("Checked: they are a member and can be removed.")
            warning.update(Text("✓ " + checked))
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
            self.feedback(Text(_("Removing…")), "muted")
        elif self._matches and ready:
            matches = _("The name matches. Remove takes their access away.")
            self.feedback(Text("✓ " + matches), "warn")
        elif self._matches:
            self.feedback(Text("✓ " + _("The name matches; waiting for the check.")), "muted")
        elif typed:
            self.feedback(Text("✗ " + _("Does not match the workspace name yet.")), "bad")
        else:
            unlocks = _("The Remove button unlocks when the name matches.")
            self.feedback(Text(unlocks), "muted")
        go = self.query_one("#remove-go", Button)
        go.disabled = self._removing or not ready or not self._matches
        self.refresh_bindings()

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
        self.post_outcome(
            lambda: self.service.remove_members(
                self._region, self.workspace_id, plan, confirm_name=confirm_name
            ),
            self.Removed,
        )

    @on(Removed)
    def _removed(self, message: Removed) -> None:
        who = ", ".join(person.label for person in message.outcome.removed)
        removed = _("Removed {who} from {workspace}.").format(
            who=who, workspace=self.workspace_name
        )
        self.notify(removed, title=_("Member removed"), markup=False)
        self.dismiss(True)

    @on(ChangeDialog.Failed)
    def _failed(self, message: ChangeDialog.Failed) -> None:
        purpose = N_("remove the member") if self._removing else N_("check the member")
        if not self._removing:
            self.query_one("#remove-warning", Static).update(Text(""))
        self._removing = False
        self._refresh_form()
        self.show_failure(message.error, purpose=purpose)
        self.query_one("#remove-cancel", Button).focus()
