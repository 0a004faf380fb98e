"""The guided create wizard (`n` in the workspace table): R4 as a conversation.

name → description → mode → options → review → create. Every answer is validated locally
before anything is sent; the review shows every parameter exactly as it will be sent; Create
runs the service's check-then-act-then-verify in a worker and shows each phase. The screen
dismisses with the ID the table should put its cursor on (created or already existing), or
None when nothing changed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Static
from textual.worker import get_current_worker

from paiws.core.api import N_, CreateOutcome, CreateProgress, CreateRequest, _
from paiws.paths import asset_path
from paiws.screens.create.description_step import DescriptionStep
from paiws.screens.create.gate import create_blocked_reason, region_label
from paiws.screens.create.mode_step import ModeChoice, ModeStep
from paiws.screens.create.name_step import NameStep
from paiws.screens.create.options_step import OptionsStep
from paiws.screens.create.progress import (
    CreateProgressPanel,
    OutcomeButtons,
    OutcomePanel,
    differences_text,
)
from paiws.screens.create.review_step import ReviewStep
from paiws.screens.widgets.confirm_modal import ConfirmModal
from paiws.screens.widgets.fit import fit_scroll
from paiws.screens.widgets.key_hints import KeyHints
from paiws.screens.widgets.step_dialog import StepDialog, StepIds
from paiws.screens.widgets.stepper import Stepper
from paiws.screens.widgets.wording import headed

# Shown by the Stepper in the interface language.
STEP_LABELS = (N_("Name"), N_("Description"), N_("Mode"), N_("Options"), N_("Review"), N_("Create"))
_QUESTION_IDS = ("step-name", "step-description", "step-mode", "step-options", "step-review")
_FOCUS_OF_STEP = (
    "#name-input",
    "#description-input",
    "#mode-set",
    "#display-input",
    "#wizard-next",
)
REVIEW = 4


class WatchStopped(Exception):
    """Raised from the progress callback once the wizard is gone, to end the polling."""


class CreateWizard(StepDialog[str | None]):
    """Create a workspace in one region, step by step."""

    CSS_PATH = [asset_path("wizard.tcss")]  # read when the first dialog is shown
    STEP_LABELS = STEP_LABELS
    QUESTIONS = _QUESTION_IDS
    FOCUS = _FOCUS_OF_STEP
    REVIEW = REVIEW
    SUBMIT_LABEL = N_("Create")
    IDS = StepIds(
        blocked="wizard-blocked",
        close="wizard-close",
        stepper="wizard-stepper",
        scroll="wizard-scroll",
        steps="wizard-steps",
        ask_buttons="wizard-buttons",
        back="wizard-back",
        next="wizard-next",
        outcome_buttons="outcome-buttons",
    )

    # How long to wait for ENABLED before saying "still initialising" (R4: bounded wait).
    POLL_TIMEOUT: ClassVar[float] = 120.0

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel",
            N_("Cancel"),
            tooltip=N_("Cancel (asks before discarding typed answers)"),
            id="wizard.cancel",
        ),
        Binding(
            "ctrl+b",
            "back",
            N_("Back"),
            tooltip=N_("Back to the previous step"),
            id="wizard.back",
        ),
        Binding(
            "enter",
            "next",
            N_("Next"),
            tooltip=N_("Next step; on the review, Create; on a result, its highlighted button"),
            id="wizard.next",
        ),
        Binding(
            "y",
            "copy",
            N_("Copy"),
            tooltip=N_("Copy the workspace ID or the RAM policy"),
            id="wizard.copy",
        ),
        Binding("pageup", "scroll_step(-1)", N_("Scroll up"), show=False, id="wizard.page_up"),
        Binding("pagedown", "scroll_step(1)", N_("Scroll down"), show=False, id="wizard.page_down"),
        # Shadows the app's `g` while a create is in flight: leaving then would hide its result.
        Binding("g", "change_region", N_("Region"), show=False, id="wizard.region"),
    ]

    class Progress(Message):
        def __init__(self, progress: CreateProgress) -> None:
            super().__init__()
            self.progress = progress

    class Finished(Message):
        def __init__(self, outcome: CreateOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    class Failed(Message):
        def __init__(self, error: Exception) -> None:
            super().__init__()
            self.error = error

    def __init__(self, *, poll_timeout: float | None = None) -> None:
        super().__init__()
        self._poll_timeout = self.POLL_TIMEOUT if poll_timeout is None else poll_timeout
        self._request: CreateRequest | None = None

    # ---------------------------------------------------------------- what the user sees

    @property
    def _region_label(self) -> str:
        return region_label(self.service, self._region)

    def compose(self) -> ComposeResult:
        self._region = self.chosen_region
        self._reason = create_blocked_reason(self.service, self.session)
        with Vertical(id="wizard-box"):
            region = Text(self._region_label, style="bold")
            yield Static(
                headed(_("New workspace in {region}"), "region", region, style=""),
                id="wizard-title",
            )
            # The step scrolls and the buttons stay below it, so every step's buttons are on
            # screen even at 80x24 (SPEC §6); `_fit_to_screen` bounds the scrolling part.
            yield from self.compose_steps()
        yield KeyHints()

    def compose_panels(self) -> ComposeResult:
        yield NameStep(self._region, id="step-name")
        yield DescriptionStep(id="step-description")
        yield ModeStep(id="step-mode")
        yield OptionsStep(id="step-options")
        yield ReviewStep(id="step-review")
        yield CreateProgressPanel(id="step-progress")
        yield OutcomePanel(id="step-outcome")

    def compose_outcome_buttons(self) -> ComposeResult:
        yield OutcomeButtons(id="outcome-buttons")

    def action_scroll_step(self, direction: int) -> None:
        """PageUp/PageDown scroll the step whatever has the focus (a long review, at 80x24)."""
        scroll = self.query_one("#wizard-scroll", VerticalScroll)
        if direction < 0:
            scroll.scroll_page_up(animate=False)
        else:
            scroll.scroll_page_down(animate=False)

    def _fit_to_screen(self) -> None:
        """The step's part takes what the title, stepper, buttons, border and footer leave of
        the screen's height; more than that scrolls (with a scrollbar)."""
        if not self._reason:
            box = self.query_one("#wizard-box")
            fit_scroll(self, box, self.query_one("#wizard-scroll", VerticalScroll))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy" and not self._reason:
            state = self._outcome.state
            return self._phase == "outcome" and state is not None and state.copy_text is not None
        return super().check_action(action, parameters)

    @property
    def _name_step(self) -> NameStep:
        return self.query_one(NameStep)

    @property
    def _outcome(self) -> OutcomePanel:
        return self.query_one(OutcomePanel)

    def _prepare_step(self, step: int) -> None:
        if step == 0:
            self._name_step.enter()
        else:
            self._name_step.leave()
        self.query_one(Stepper).warned = frozenset({0}) if self._name_step.taken else frozenset()
        if step == REVIEW - 1:
            self.query_one(OptionsStep).set_name(self._name_step.value)
        if step == REVIEW:
            self._request = self._build_request()
            self.query_one(ReviewStep).show(
                self._request, self._region_label, self._name_step.check
            )

    def _build_request(self) -> CreateRequest:
        options = self.query_one(OptionsStep)
        return CreateRequest(
            name=self._name_step.value,
            description=self.query_one(DescriptionStep).value,
            environments=self.query_one(ModeStep).environments,
            display_name=options.display_name,
            resource_group_id=options.resource_group_id,
        )

    def _step_problem(self) -> bool:
        """Validate the current step; show its rule and keep the user there if broken."""
        step: NameStep | DescriptionStep | OptionsStep
        if self._step == 0:
            step = self._name_step
        elif self._step == 1:
            step = self.query_one(DescriptionStep)
        elif self._step == 3:
            step = self.query_one(OptionsStep)
        else:
            return False
        if step.problem is None:
            return False
        step.reveal_problem()
        self.query_one(_FOCUS_OF_STEP[self._step]).focus()
        return True

    @property
    def _dirty(self) -> bool:
        return bool(
            self._name_step.value
            or self.query_one(DescriptionStep).input.value
            or not self.query_one(ModeStep).is_default
            or self.query_one(OptionsStep).typed_anything
        )

    # ---------------------------------------------------------------- navigation

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next()

    @on(ModeChoice.Chosen)
    def _mode_chosen(self) -> None:
        self.action_next()

    def action_cancel(self) -> None:
        if self._reason:
            self.dismiss(None)
        elif self._phase == "busy":
            self._cancel_while_creating()
        elif (
            self._phase == "outcome"
            and self._outcome.state is not None
            and (self._outcome.state.kind in ("created", "exists_same"))
        ):
            self.dismiss(self._outcome.state.workspace_id)
        elif self._dirty:
            self.app.push_screen(
                ConfirmModal(
                    _("Discard this new workspace?"),
                    _("Your answers will be lost. Nothing has been created."),
                ),
                self._discard_answered,
            )
        else:
            self.dismiss(None)

    async def action_change_region(self) -> None:
        if self._phase == "busy":
            self.notify(
                _("Wait for the create to finish, then change the region."),
                title=_("Creating"),
                severity="warning",
            )
        else:
            await self.app.run_action("app.change_region")

    def _discard_answered(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)

    def _cancel_while_creating(self) -> None:
        workspace_id = self.query_one(CreateProgressPanel).workspace_id
        if workspace_id is None:
            # No ID yet: leaving now would hide whether anything was created.
            self.notify(
                _("The create request is in flight; the result follows in a moment."),
                title=_("Please wait"),
                severity="warning",
            )
            return
        self.app.push_screen(
            ConfirmModal(
                _("Stop watching?"),
                Text(
                    _(
                        "The workspace was created (ID {id}) and keeps initialising on the "
                        "server. Leave and show it in the table?"
                    ).format(id=workspace_id)
                ),
                confirm_label=_("Leave"),
                cancel_label=_("Keep watching"),
            ),
            self._leave_answered,
        )

    def _leave_answered(self, leave: bool | None) -> None:
        if leave:
            # Stop the status polling now: the worker checks for cancellation between polls,
            # and leaving it to the screen's teardown let it poll on for minutes.
            self.workers.cancel_group(self, "create")
            self.dismiss(self.query_one(CreateProgressPanel).workspace_id)

    @on(Button.Pressed, "#wizard-close")
    @on(Button.Pressed, "#outcome-close")
    def _close_pressed(self) -> None:
        state = self._outcome.state if not self._reason else None
        keep = state is not None and state.kind in ("created", "exists_same")
        self.dismiss(state.workspace_id if keep and state else None)

    @on(Button.Pressed, "#outcome-open")
    def _open_pressed(self) -> None:
        state = self._outcome.state
        self.dismiss(state.workspace_id if state else None)

    @on(Button.Pressed, "#outcome-members")
    def _members_pressed(self) -> None:
        """Onboarding is one flow: straight into the add-member form for the new workspace."""
        from paiws.screens.members.add_form import AddMembersForm

        state = self._outcome.state
        request = self._request or self._build_request()
        if state is None or state.workspace_id is None:
            return
        self.dismiss(state.workspace_id)
        self.app.push_screen(AddMembersForm(state.workspace_id, request.name))

    @on(Button.Pressed, "#outcome-rename")
    def _rename_pressed(self) -> None:
        self._show_step(0)
        self._name_step.input.action_select_all()

    @on(Button.Pressed, "#outcome-back")
    def _back_to_review(self) -> None:
        self._show_step(REVIEW)

    @on(Button.Pressed, "#outcome-retry")
    def _retry_pressed(self) -> None:
        self._submit()

    @on(Button.Pressed, "#outcome-copy")
    def action_copy(self) -> None:
        state = self._outcome.state
        if self._phase != "outcome" or state is None or state.copy_text is None:
            return
        self.app.copy_to_clipboard(state.copy_text)
        self.notify(
            _("Copied the {what} to the clipboard.").format(what=_(state.copy_what)),
            title=_("Copied"),
        )

    # ---------------------------------------------------------------- creating

    def _submit(self) -> None:
        request = self._request or self._build_request()
        self.query_one(CreateProgressPanel).start(request, self._region)
        self._start_busy("step-progress")
        self._create(request)

    @work(thread=True, exclusive=True, group="create", exit_on_error=False)
    def _create(self, request: CreateRequest) -> None:
        worker = get_current_worker()

        def report(progress: CreateProgress) -> None:
            # A thread cannot be interrupted; the service calls back between requests, so
            # this is where a wizard that was closed stops the status polling.
            if worker.is_cancelled:
                raise WatchStopped
            self.post_message(self.Progress(progress))

        try:
            outcome = self.service.create_workspace(
                self._region,
                request,
                wait=True,
                on_progress=report,
                poll_timeout=self._poll_timeout,
            )
        except Exception as err:  # every failure becomes an explained outcome, never a crash
            self.post_message(self.Failed(err))
            return
        self.post_message(self.Finished(outcome))

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        if self._phase == "busy":
            self.query_one(CreateProgressPanel).show_progress(message.progress)

    @on(Finished)
    def _finished(self, message: Finished) -> None:
        outcome = message.outcome
        request = self._request or self._build_request()
        if outcome.kind == "name_taken":
            self._name_step.mark_taken(
                request.name,
                outcome.workspace_id,
                Text(
                    _("That workspace differs in {fields}. Pick another name.").format(
                        fields=differences_text(outcome.differences)
                    )
                ),
            )
        elapsed = self.query_one(CreateProgressPanel).elapsed
        self._outcome.show_outcome(outcome, request, elapsed)
        self._show_outcome(done=outcome.kind == "created")

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self._outcome.show_error(message.error)
        self._show_outcome(done=False)

    def _show_outcome(self, *, done: bool) -> None:
        self._show_outcome_panel("step-outcome", len(STEP_LABELS) if done else len(STEP_LABELS) - 1)
        self._outcome.focus_default()
