"""The guided add-member form (`a` in the members table; "Add members now" after the create
wizard): R14 as a conversation.

people → roles → review → add. Every answer is checked locally before anything is sent; the
review shows every parameter; Add runs the service's check-then-act-then-verify in a worker and
shows each phase, then what happened to each person (added, roles added, already a member,
failed and why — with the RAM policy for a refused action, and "Check again" after an answer
that never came). Dismisses with True when the workspace's members changed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, SelectionList, Static

from paiws.core.api import N_, AddMembersOutcome, AddMembersRequest, AddProgress, _
from paiws.paths import asset_path
from paiws.screens.create.gate import region_label
from paiws.screens.members.add_panels import (
    OUTCOME_BUTTONS,
    AddOutcomePanel,
    AddProgressPanel,
    ReviewStep,
    button_label,
)
from paiws.screens.members.gate import member_change_blocked
from paiws.screens.members.layout import fit_box
from paiws.screens.members.people_step import PeopleStep
from paiws.screens.members.role_picker import RolePicker, role_detail
from paiws.screens.widgets.change_dialog import ChangeDialog
from paiws.screens.widgets.confirm_modal import ConfirmModal
from paiws.screens.widgets.feedback import show_feedback
from paiws.screens.widgets.key_hints import KeyHints
from paiws.screens.widgets.step_dialog import StepDialog, StepIds
from paiws.screens.widgets.wording import headed

STEP_LABELS = (N_("People"), N_("Roles"), N_("Review"), N_("Add"))
_STEP_IDS = ("add-people", "add-roles", "add-review-step")
_FOCUS = ("#people-search", "#add-role-picker", "#add-next")
REVIEW = 2
# Lines around the steps (box border, title, stepper, buttons, footer), and around the people
# list inside its step (question, search field, feedback, picks), normal and compact: the
# steps scroll in what is left and the people list shrinks to fit, so the buttons stay on
# screen at 80x24.
_CHROME = {False: 12, True: 8}
_AROUND_PEOPLE = {False: 10, True: 7}
PEOPLE_ROWS_MAX = 14


# StepDialog first: its check_action ends in ChangeDialog's (the `y` policy copy).
class AddMembersForm(StepDialog[bool], ChangeDialog[bool]):
    CSS_PATH = [asset_path("wizard.tcss"), asset_path("members.tcss")]
    STEP_LABELS = STEP_LABELS
    QUESTIONS = _STEP_IDS
    FOCUS = _FOCUS
    REVIEW = REVIEW
    SUBMIT_LABEL = N_("Add members")
    IDS = StepIds(
        blocked="dialog-blocked",
        close="add-blocked-close",
        stepper="add-stepper",
        scroll="add-scroll",
        steps="add-steps",
        ask_buttons="add-buttons",
        back="add-prev",
        next="add-next",
        outcome_buttons="add-outcome-buttons",
    )
    ACTION = N_("add workspace members")
    HELP_TITLE: ClassVar[str] = N_("Add members")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "cancel", N_("Cancel"), tooltip=N_("Cancel (asks first)"), id="add.cancel"
        ),
        Binding(
            "ctrl+b", "back", N_("Back"), tooltip=N_("Back to the previous step"), id="add.back"
        ),
        Binding(
            "enter",
            "next",
            N_("Next"),
            tooltip=N_("Next step; on the review, add (space picks in lists)"),
            id="add.next",
        ),
        Binding("g", "change_region", N_("Region"), show=False, id="add.region"),
    ]

    HINTS = ("add.next", "add.back", "add.cancel", "dialog.copy")

    class Progress(Message):
        def __init__(self, progress: AddProgress) -> None:
            super().__init__()
            self.progress = progress

    class Finished(Message):
        def __init__(self, outcome: AddMembersOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(self, workspace_id: str, workspace_name: str) -> None:
        super().__init__()
        self.workspace_id = workspace_id
        self.workspace_name = workspace_name
        self._request: AddMembersRequest | None = None
        self._changed = False

    # -- what the user sees ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._region = self.chosen_region
        self._reason = member_change_blocked(self.service, self.session, self.ACTION)
        with Vertical(id="members-form-box"):
            title = _("Add people to {name}  (ID {id}, {region})")
            bold_name = Text(self.workspace_name, style="bold")
            region = region_label(self.service, self._region)
            yield Static(
                headed(title, "name", bold_name, style="", id=self.workspace_id, region=region),
                id="dialog-title",
            )
            yield from self.compose_steps()
        yield KeyHints()

    def compose_panels(self) -> ComposeResult:
        yield PeopleStep(self._region, self.workspace_id, id="add-people")
        with Vertical(id="add-roles", classes="step"):
            yield Static(_("Which roles should they have?"), classes="field-title")
            yield RolePicker(id="add-role-picker")
            yield Static(id="add-role-detail", classes="role-detail")
            yield Static(
                _(
                    "The owner role is fixed (the workspace's creator): it is never "
                    "given here. Space picks a role."
                ),
                classes="field-help",
            )
            yield Static(id="add-roles-feedback", classes="feedback")
        yield ReviewStep(id="add-review-step")
        yield AddProgressPanel(id="add-progress")
        yield AddOutcomePanel(id="add-outcome")

    def compose_outcome_buttons(self) -> ComposeResult:
        with Horizontal(classes="button-bar", id="add-outcome-buttons"):
            for name, label, variant in OUTCOME_BUTTONS:
                yield Button(button_label(label), id=f"add-{name}", variant=variant)

    def _fit_at_start(self) -> None:
        self._fit_to_screen()  # by the screen's height alone, so right before any layout too

    def _fit_to_screen(self) -> None:
        if not self.is_mounted:
            return
        height = self.size.height
        compact = fit_box(self)
        if self._reason:
            return
        room = max(6, height - _CHROME[compact])
        self.query_one("#add-scroll", VerticalScroll).styles.max_height = room
        rows = max(3, min(PEOPLE_ROWS_MAX, room - _AROUND_PEOPLE[compact]))
        self.people_step.results.styles.max_height = rows

    @property
    def people_step(self) -> PeopleStep:
        return self.query_one(PeopleStep)

    @property
    def outcome_panel(self) -> AddOutcomePanel:
        return self.query_one(AddOutcomePanel)

    def _prepare_step(self, step: int) -> None:
        if step == REVIEW:
            self._request = self._build_request()
            label = region_label(self.service, self._region)
            workspace = _("{name} (ID {id})").format(name=self.workspace_name, id=self.workspace_id)
            self.query_one(ReviewStep).show(self._request, workspace, label)

    def _build_request(self) -> AddMembersRequest:
        roles = self.query_one(RolePicker).codes
        return AddMembersRequest(people=self.people_step.people, roles=roles)

    def _step_problem(self) -> bool:
        """Check the current step; keep the user there with the rule if it is broken."""
        if self._step == 0 and self.people_step.problem:
            self.people_step.reveal_problem()
            self.query_one("#people-search").focus()
            return True
        if self._step == 1 and not self.query_one(RolePicker).codes:
            line = self.query_one("#add-roles-feedback", Static)
            show_feedback(line, Text(_("Pick at least one role.")), "bad")
            self.query_one(RolePicker).focus()
            return True
        return False

    # -- navigation -----------------------------------------------------------------------------

    @on(SelectionList.SelectionHighlighted, "#add-role-picker")
    def _role_highlighted(self) -> None:
        role = self.query_one(RolePicker).highlighted_role
        detail = self.query_one("#add-role-detail", Static)
        detail.update(role_detail(role) if role else "")

    @on(SelectionList.SelectedChanged, "#add-role-picker")
    def _roles_changed(self) -> None:
        show_feedback(self.query_one("#add-roles-feedback", Static), Text(""), "muted")

    @on(Input.Submitted, "#people-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.people_step.results
        if self.people_step.picked:
            self.action_next()
        elif results.display:
            results.focus()

    def action_cancel(self) -> None:
        if self._reason or self._phase == "outcome":
            self.dismiss(self._changed)
        elif self._phase == "busy":
            self.notify(
                _("Adding is in progress; the result follows in a moment."),
                title=_("Please wait"),
                severity="warning",
            )
        elif self.people_step.picked or self.query_one(RolePicker).codes:
            self.app.push_screen(
                ConfirmModal(
                    _("Discard this form?"), _("Your choices will be lost. Nobody has been added.")
                ),
                self._discard_answered,
            )
        else:
            self.dismiss(False)

    def _discard_answered(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(False)

    async def action_change_region(self) -> None:
        if self._phase == "busy":
            self.notify(_("Wait for the result, then change the region."), severity="warning")
        else:
            await self.app.run_action("app.change_region")

    @on(Button.Pressed, "#add-blocked-close")
    @on(Button.Pressed, "#add-close")
    def _close(self) -> None:
        self.dismiss(self._changed)

    @on(Button.Pressed, "#add-back")
    def _back_to_review(self) -> None:
        self._show_step(REVIEW)

    @on(Button.Pressed, "#add-again")
    def _again(self) -> None:
        self._submit()

    @on(Button.Pressed, "#add-copy")
    def _copy(self) -> None:
        self.action_copy_policy()

    # -- adding ---------------------------------------------------------------------------------

    def _submit(self) -> None:
        request = self._request or self._build_request()
        self.forget_failure()
        self.query_one(AddProgressPanel).start(len(request.people))
        self._start_busy("add-progress")
        self._add(request)

    @work(thread=True, exclusive=True, group="add-members", exit_on_error=False)
    def _add(self, request: AddMembersRequest) -> None:
        self.post_outcome(  # a failure is explained on the outcome panel
            lambda: self.service.add_members(
                self._region, self.workspace_id, request, on_progress=self._report
            ),
            self.Finished,
        )

    def _report(self, progress: AddProgress) -> None:
        self.post_message(self.Progress(progress))

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        if self._phase == "busy":
            self.query_one(AddProgressPanel).show_progress(message.progress)

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        self._changed = self._changed or message.outcome.changed
        self.outcome_panel.show_outcome(message.outcome)
        self._show_outcome()

    @on(ChangeDialog.Failed)
    def _failed(self, message: ChangeDialog.Failed) -> None:
        self.outcome_panel.show_error(message.error)
        self._show_outcome()

    def _show_outcome(self) -> None:
        panel = self.outcome_panel
        self._policy = panel.state.policy if panel.state else None
        for name, _label, _variant in OUTCOME_BUTTONS:
            self.query_one(f"#add-{name}", Button).display = name in panel.buttons
        self.query_one("#add-again", Button).label = _(panel.again_label)
        self._show_outcome_panel("add-outcome", len(STEP_LABELS))
        first = next(name for name, _label, _variant in OUTCOME_BUTTONS if name in panel.buttons)
        self.query_one(f"#add-{first}", Button).focus()
