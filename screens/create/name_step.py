"""Step 1 of the create wizard: the name, checked against R4 at every keystroke and, after a
pause in typing, for availability in the region (one CheckWorkspaceExists per name)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from paiws.core.api import NameCheck, PaiwsError, validation
from paiws.screens.host import host_of
from paiws.screens.widgets.debounce import Debouncer
from paiws.screens.widgets.feedback import show_feedback
from paiws.screens.widgets.inputs import Field

NAME_CHECK_DELAY = 0.4  # seconds of quiet typing before one CheckWorkspaceExists call


class NameStep(Vertical):
    """Name input with per-keystroke rule checks and a debounced availability check."""

    class Checked(Message):
        """The availability answer for `name` (or the error that prevented one)."""

        def __init__(self, name: str, check: NameCheck | None, error: PaiwsError | None) -> None:
            super().__init__()
            self.checked_name = name
            self.check = check
            self.error = error

    def __init__(self, region: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")
        self._region = region
        self._pause = Debouncer(self, self._start_check)
        self._in_flight: str | None = None  # the name a running check is about
        self._checks: dict[str, NameCheck] = {}  # one answer per name per wizard run
        self._notes: dict[str, Text] = {}  # extra context, e.g. after a name_taken outcome

    def compose(self) -> ComposeResult:
        yield Static("Workspace name", classes="field-title")
        yield Static(
            "3 to 23 characters: starts with a letter, then letters, digits or underscores. "
            "It is unique in the region and cannot be changed later.",
            classes="field-help",
        )
        yield Field(placeholder="e.g. my_workspace", id="name-input")
        yield Static(id="name-feedback", classes="feedback")

    @property
    def input(self) -> Input:
        return self.query_one("#name-input", Input)

    @property
    def value(self) -> str:
        return self.input.value

    @property
    def problem(self) -> str | None:
        return validation.name_problem(self.value)

    @property
    def check(self) -> NameCheck | None:
        """The availability answer for the current name, if one has arrived."""
        return self._checks.get(self.value)

    @property
    def taken(self) -> bool:
        """The current name is known to be taken (never shown with a ✓)."""
        check = self.check
        return check is not None and not check.available

    def on_mount(self) -> None:
        self._render_state(self.value)

    def reveal_problem(self) -> None:
        """Show the rule message even for an empty field (the user pressed Next)."""
        problem = self.problem
        if problem:
            show_feedback(self._feedback_widget, f"✗ {problem}", "bad")

    def leave(self) -> None:
        """The user moved on before the pause ended: that check would answer no one (the
        create checks the name again anyway), so it is not sent."""
        self._pause.cancel()

    def enter(self) -> None:
        """Back on the name: check it now if a check was skipped by `leave`."""
        name = self.value
        idle = not self._pause.pending and self._in_flight != name
        if idle and validation.name_problem(name) is None and name not in self._checks:
            self._pause.call_later(NAME_CHECK_DELAY)

    def mark_taken(self, name: str, workspace_id: str | None, note: Text) -> None:
        """Remember a name the service found taken, with why it cannot be used."""
        self._checks[name] = NameCheck(name=name, available=False, existing_id=workspace_id)
        self._notes[name] = note
        self._render_state(self.value)

    @property
    def _feedback_widget(self) -> Static:
        return self.query_one("#name-feedback", Static)

    @on(Input.Changed, "#name-input")
    def _name_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._pause.cancel()
        # A newer keystroke makes any running check stale; its answer is dropped on arrival.
        self.workers.cancel_group(self, "name-check")
        self._in_flight = None
        self._render_state(event.value)
        if validation.name_problem(event.value) is None and event.value not in self._checks:
            self._pause.call_later(NAME_CHECK_DELAY)

    def _start_check(self) -> None:
        name = self.value
        if validation.name_problem(name) is None and name not in self._checks:
            self._in_flight = name
            self._check_name(name)

    @work(thread=True, exclusive=True, group="name-check", exit_on_error=False)
    def _check_name(self, name: str) -> None:
        worker = get_current_worker()
        try:
            result = host_of(self).service.check_name(self._region, name)
        except PaiwsError as err:
            if not worker.is_cancelled:
                self.post_message(self.Checked(name, None, err))
            return
        if not worker.is_cancelled:
            self.post_message(self.Checked(name, result, None))

    @on(Checked)
    def _checked(self, message: Checked) -> None:
        message.stop()
        if self._in_flight == message.checked_name:
            self._in_flight = None
        if message.check is not None:
            self._checks[message.checked_name] = message.check
        if message.checked_name != self.value:
            return
        if message.error is not None:
            show_feedback(
                self._feedback_widget,
                Text.assemble(
                    "? Could not check availability: ",
                    message.error.message,
                    "\nYou can continue: the name is checked again right before creating.",
                ),
                "warn",
            )
        else:
            self._render_state(message.checked_name)

    def _render_state(self, name: str) -> None:
        widget = self._feedback_widget
        if not name:
            show_feedback(widget, "Type a name; it is checked as you type.", "muted")
            return
        problem = validation.name_problem(name)
        if problem:
            show_feedback(widget, f"✗ {problem}", "bad")
            return
        check = self._checks.get(name)
        if check is None:
            show_feedback(widget, f"Valid name · checking availability in {self._region}…", "muted")
        elif check.available:
            show_feedback(widget, f"✓ Available in {self._region}", "ok")
        else:
            note = self._notes.get(name) or Text(
                "Pick another name. If you continue, Create compares that workspace's "
                "configuration with yours after the review (R4) and creates nothing."
            )
            holder = f"workspace ID {check.existing_id}" if check.existing_id else "a workspace"
            show_feedback(
                widget,
                Text.assemble(
                    f"✗ Taken: {holder} already has this name in {self._region}.\n", note
                ),
                "warn",
            )
