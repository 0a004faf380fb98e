"""Change a member's roles (`enter` in the members table): AddMemberRole / RemoveMemberRole.

Tick the roles the member should have; the changes are listed as you go. Review checks the
member's current roles on the server (ListMembers) and whether the last administrator would go
(warned about, allowed); one confirmation lists exactly what will be sent; Apply sends it and
reads the member back. The owner's role is fixed (R14). Dismisses with True after a change.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, SelectionList, Static

from paiws.core.api import (
    ADMIN,
    GRANTABLE,
    N_,
    MemberRow,
    RoleChangeOutcome,
    RoleChangePlan,
    _,
    roles_in_words,
)
from paiws.screens.members.gate import member_change_blocked
from paiws.screens.members.layout import MemberDialog
from paiws.screens.members.role_picker import RolePicker, role_and_code, role_detail
from paiws.screens.widgets.change_dialog import ChangeDialog
from paiws.screens.widgets.key_hints import KeyHints
from paiws.screens.widgets.wording import headed

Stage = Literal["edit", "checking", "confirm", "applying"]
_GRANTABLE_CODES = frozenset(role.code for role in GRANTABLE)


def changes_text(now: tuple[str, ...], add: tuple[str, ...], remove: tuple[str, ...]) -> Text:
    text = headed(_("Now: {roles}"), "roles", roles_in_words(now), style="bold")
    for code in add:
        text.append("\n+ ", style="green bold")
        text.append(role_and_code(code))
    for code in remove:
        text.append("\n- ", style="red bold")
        text.append(role_and_code(code))
    if not add and not remove:
        text.append("\n" + _("No change yet: space ticks or unticks a role."), style="dim")
    return text


class RolesDialog(MemberDialog):
    ACTION = N_("change a member's roles")
    FEEDBACK = "#roles-feedback"
    HELP_TITLE: ClassVar[str] = N_("Member roles")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            tooltip=N_("Cancel: nothing is changed"),
            id="roles.cancel",
        ),
        Binding(
            "ctrl+s",
            "go",
            N_("Review / Apply"),
            tooltip=N_("Review the changes, then apply them"),
            id="roles.go",
        ),
    ]

    HINTS = ("roles.go", "roles.cancel", "dialog.copy")
    CANCEL = "roles-cancel"
    BUSY_NOTICE = N_("Applying… the result follows in a moment.")

    class Planned(Message):
        def __init__(self, plan: RoleChangePlan) -> None:
            super().__init__()
            self.plan = plan

    class Applied(Message):
        def __init__(self, outcome: RoleChangeOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(self, workspace_id: str, row: MemberRow) -> None:
        super().__init__(workspace_id, row)
        self.plan: RoleChangePlan | None = None
        self._stage: Stage = "edit"

    def compose(self) -> ComposeResult:
        self._region = self.chosen_region
        row = self.row
        self._reason = member_change_blocked(self.service, self.session, self.ACTION)
        if not self._reason and not row.key:
            self._reason = _(
                "This member's ID could not be read from the server's answer, so paiws cannot "
                "change their roles. Refresh the list (r) and try again."
            )
        with Vertical(id="members-form-box"):
            who = Text(row.person.label, style="bold")
            yield Static(headed(_("Roles of {who}"), "who", who, style=""), id="dialog-title")
            if self._reason:
                yield Static(Text(self._reason), id="dialog-blocked")
            else:
                if row.is_owner:
                    yield Static(
                        _(
                            "This is the workspace's owner: the owner role stays (it is never "
                            "changed here); other roles can be added or removed."
                        ),
                        classes="field-help",
                    )
                yield RolePicker(chosen=row.roles, id="roles-picker")
                yield Static(id="roles-detail", classes="role-detail")
                yield Static(id="roles-changes")
                yield Static(id="roles-warning")
                yield Static(id="roles-feedback", classes="feedback")
            with Horizontal(classes="button-bar"):
                yield Button(_("Cancel"), id="roles-cancel")
                if not self._reason:
                    yield Button(_("Review changes"), id="roles-go", variant="primary")
        yield KeyHints()

    @property
    def sending(self) -> bool:
        return self._stage == "applying"

    def start(self) -> None:
        self.query_one(RolePicker).focus()
        self._refresh_form()

    @property
    def wanted(self) -> tuple[str, ...]:
        return self.query_one(RolePicker).codes

    @property
    def changes(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(to add, to remove) from what the table showed; the owner's role is never touched."""
        now, wanted = self.row.roles, self.wanted
        add = tuple(code for code in wanted if code not in now)
        remove = tuple(code for code in now if code not in wanted and code in _GRANTABLE_CODES)
        return add, remove

    def _refresh_form(self) -> None:
        add, remove = self.changes
        go = self.query_one("#roles-go", Button)
        warning = self.query_one("#roles-warning", Static)
        if self._stage in ("confirm", "applying") and self.plan is not None:
            plan = self.plan
            self.query_one("#roles-changes", Static).update(
                changes_text(plan.member.roles, plan.add, plan.remove)
            )
            last = _(
                "This removes the last administrator ({code}) of the workspace: only its owner "
                "will be able to manage members."
            )
            warning.update(Text("⚠ " + last.format(code=ADMIN)) if plan.last_admin else "")
            go.label = _("Apply changes")
            go.variant = "warning" if plan.last_admin else "primary"
            go.disabled = self._stage == "applying" or plan.nothing_to_do
            return
        self.query_one("#roles-changes", Static).update(changes_text(self.row.roles, add, remove))
        keeps = self.wanted or self.row.is_owner
        warning.update(
            ""
            if keeps
            else Text(
                _(
                    "A member keeps at least one role: to take every role away, remove the "
                    "member (ctrl+d)."
                )
            )
        )
        go.label = _("Review changes")
        go.variant = "primary"
        go.disabled = self._stage == "checking" or not (add or remove) or not keeps
        self.refresh_bindings()

    @on(SelectionList.SelectedChanged, "#roles-picker")
    def _picked(self) -> None:
        if self._stage == "confirm":  # a new choice: back to editing, the plan is stale
            self._stage, self.plan = "edit", None
        self.forget_failure()
        self.feedback(Text(""), "muted")
        self._refresh_form()

    @on(SelectionList.SelectionHighlighted, "#roles-picker")
    def _highlighted(self) -> None:
        role = self.query_one(RolePicker).highlighted_role
        self.query_one("#roles-detail", Static).update(role_detail(role) if role else "")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go":
            return not self._reason and self._stage in ("edit", "confirm")
        return super().check_action(action, parameters)

    @on(Button.Pressed, "#roles-go")
    def action_go(self) -> None:
        add, remove = self.changes
        if self._stage == "edit" and (add or remove) and (self.wanted or self.row.is_owner):
            self._stage = "checking"
            self.feedback(Text(_("Checking the member's current roles…")), "muted")
            self._refresh_form()
            self._plan(add, remove)
        elif self._stage == "confirm" and self.plan is not None and not self.plan.nothing_to_do:
            self._stage = "applying"
            self.feedback(Text(_("Applying…")), "muted")
            self._refresh_form()
            self._apply(self.plan)

    @work(thread=True, exclusive=True, group="roles", exit_on_error=False)
    def _plan(self, add: tuple[str, ...], remove: tuple[str, ...]) -> None:
        self.post_outcome(
            lambda: self.service.plan_role_change(
                self._region, self.workspace_id, self.row.person, add=add, remove=remove
            ),
            self.Planned,
        )

    @on(Planned)
    def _planned(self, message: Planned) -> None:
        self.plan, self._stage = message.plan, "confirm"
        if message.plan.nothing_to_do:
            nothing = _("Nothing to change: the server shows these roles already.")
            self.feedback(Text(nothing), "ok")
        else:
            confirm = _("Confirm: Apply sends exactly these changes, then reads the member back.")
            self.feedback(Text(confirm), "warn")
        self._refresh_form()
        self.query_one("#roles-go", Button).focus()

    @work(thread=True, exclusive=True, group="roles", exit_on_error=False)
    def _apply(self, plan: RoleChangePlan) -> None:
        self.post_outcome(
            lambda: self.service.change_roles(self._region, self.workspace_id, plan),
            self.Applied,
        )

    @on(Applied)
    def _applied(self, message: Applied) -> None:
        outcome = message.outcome
        notes = "".join(f"\n{note}" for note in outcome.notes)
        now = _("{who} now has: {roles}.").format(
            who=self.row.person.label, roles=roles_in_words(outcome.roles)
        )
        self.notify(now + notes, title=_("Roles changed"), markup=False)
        self.dismiss(True)

    @on(ChangeDialog.Failed)
    def _failed(self, message: ChangeDialog.Failed) -> None:
        applying = self._stage == "applying"
        self._touched = self._touched or applying
        purpose = N_("apply the role changes") if applying else N_("check the member")
        self._stage, self.plan = "edit", None
        self._refresh_form()
        self.show_failure(message.error, purpose=purpose)
        self.query_one("#roles-go", Button).focus()
