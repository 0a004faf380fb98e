"""Dialogs that ask step by step, then work, then say what happened: the create wizard and the
add-member form.

Both show a Stepper over a ContentSwitcher of step panels that scrolls between the title and
the buttons; while asking (phase "ask") Back/Next move between the questions and Next on the
review submits; while the request runs (phase "busy") no buttons are shown and keys go to the
screen; afterwards (phase "outcome") the outcome's own buttons replace Back/Next. A dialog
that is refused (read-only mode, an unchecked region) shows the reason and a Close button
instead. Each dialog keeps its own ids (`StepIds`), so its style sheet and tests stay as they
were; this base holds only the machinery, the dialogs their questions and their requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, ContentSwitcher, Static

from paiws.core.api import _
from paiws.screens.base import PaiwsModal
from paiws.screens.widgets.stepper import Stepper

ResultT = TypeVar("ResultT")

Phase = Literal["ask", "busy", "outcome"]


@dataclass(frozen=True)
class StepIds:
    """The ids (without ``#``) of a step dialog's parts."""

    blocked: str  # the refusal's text
    close: str  # the refusal's Close button
    stepper: str
    scroll: str  # scrolls the steps, so the buttons below stay on screen at 80x24
    steps: str  # the ContentSwitcher of step panels
    ask_buttons: str  # the Back/Next bar
    back: str
    next: str
    outcome_buttons: str  # the bar shown with the outcome


class StepDialog(PaiwsModal[ResultT]):
    STEP_LABELS: ClassVar[tuple[str, ...]]  # N_-marked; the last one names the busy step
    QUESTIONS: ClassVar[tuple[str, ...]]  # the panel ids of the steps that ask, in order
    FOCUS: ClassVar[tuple[str, ...]]  # what takes the focus on each of those steps
    REVIEW: ClassVar[int]  # the step whose Next submits
    SUBMIT_LABEL: ClassVar[str]  # N_-marked: Next's label on the review
    IDS: ClassVar[StepIds]

    def __init__(self) -> None:
        super().__init__()
        self._region = ""  # the session's region when the dialog opens (set in compose)
        self._reason: str | None = None  # why the dialog is refused, set in compose
        self._step = 0
        self._phase: Phase = "ask"

    # -- what the user sees ---------------------------------------------------------------------

    def compose_steps(self) -> ComposeResult:
        """The refusal, or the stepper, the steps and both button bars."""
        ids = self.IDS
        if self._reason:
            yield Static(Text(self._reason), id=ids.blocked)
            with Horizontal(classes="button-bar"):
                yield Button(_("Close"), id=ids.close, variant="primary")
            return
        yield Stepper(self.STEP_LABELS, id=ids.stepper)
        with (
            VerticalScroll(id=ids.scroll),
            ContentSwitcher(initial=self.QUESTIONS[0], id=ids.steps),
        ):
            yield from self.compose_panels()
        with Horizontal(classes="button-bar", id=ids.ask_buttons):
            yield Button(_("Back"), id=ids.back)
            yield Button(_("Next"), id=ids.next, variant="primary")
        yield from self.compose_outcome_buttons()

    def compose_panels(self) -> ComposeResult:
        """Every step's panel: the questions (``QUESTIONS``), progress and outcome."""
        raise NotImplementedError

    def compose_outcome_buttons(self) -> ComposeResult:
        """The button bar with id ``IDS.outcome_buttons``."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self._fit_at_start()
        if self._reason:
            self.query_one(f"#{self.IDS.close}", Button).focus()
        else:
            self._show_step(0)

    def on_resize(self) -> None:
        self._fit_to_screen()

    def _fit_at_start(self) -> None:
        """Fit before the first step shows; by default the first switch's refit is enough."""

    def _fit_to_screen(self) -> None:
        """Bound the steps' scrolling part so that the buttons stay on screen."""
        raise NotImplementedError

    def _switch(self, panel: str, stepper: int) -> None:
        ids = self.IDS
        self.query_one(f"#{ids.steps}", ContentSwitcher).current = panel
        self.query_one(Stepper).current = stepper
        self.query_one(f"#{ids.ask_buttons}").display = self._phase == "ask"
        self.query_one(f"#{ids.outcome_buttons}").display = self._phase == "outcome"
        self.query_one(f"#{ids.scroll}", VerticalScroll).scroll_home(animate=False)
        # The new panel's height is known only after the refresh.
        self.call_after_refresh(self._fit_to_screen)
        self.refresh_bindings()

    def _show_step(self, step: int) -> None:
        self._phase, self._step = "ask", step
        self._switch(self.QUESTIONS[step], step)
        self.query_one(f"#{self.IDS.back}", Button).disabled = step == 0
        review = self.REVIEW
        self.query_one(f"#{self.IDS.next}", Button).label = (
            _(self.SUBMIT_LABEL)
            if step == review
            else _("Review")
            if step == review - 1
            else _("Next")
        )
        self._prepare_step(step)
        self.query_one(self.FOCUS[step]).focus()

    def _prepare_step(self, step: int) -> None:
        """Fill ``step`` from the answers so far, just before it takes the focus."""

    def _start_busy(self, panel: str) -> None:
        """Show the progress ``panel`` while the request runs."""
        self._phase = "busy"
        self._switch(panel, len(self.STEP_LABELS) - 1)
        self.set_focus(None)  # the buttons just went away; keys go to the screen's bindings

    def _show_outcome_panel(self, panel: str, stepper: int) -> None:
        self._phase = "outcome"
        self._switch(panel, stepper)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._reason:
            return action == "cancel"
        if action == "back":
            return self._phase == "ask" and self._step > 0
        if action == "next":
            return self._phase == "ask"
        return super().check_action(action, parameters)

    # -- navigation -----------------------------------------------------------------------------

    def _step_problem(self) -> bool:
        """Check the current step; keep the user there with the rule if it is broken."""
        raise NotImplementedError

    def _submit(self) -> None:
        """Send the reviewed request in a worker (``_start_busy`` first)."""
        raise NotImplementedError

    def action_next(self) -> None:
        if self._phase != "ask" or self._step_problem():
            return
        if self._step == self.REVIEW:
            self._submit()
        else:
            self._show_step(self._step + 1)

    def action_back(self) -> None:
        if self._phase == "ask" and self._step > 0:
            self._show_step(self._step - 1)

    @on(Button.Pressed)
    def _back_or_next_pressed(self, event: Button.Pressed) -> None:
        # One handler for both dialogs: `@on` selectors are fixed when the class is made, and
        # the ids are the subclass's.
        if event.button.id == self.IDS.next:
            self.action_next()
        elif event.button.id == self.IDS.back:
            self.action_back()
