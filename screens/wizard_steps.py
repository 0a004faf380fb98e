"""The question steps of the create wizard: name, description, mode, options, review.

Each step composes what the user sees for one question, one line of help per field, and
validates with `paiws.core.validation` (the same rules the CLI and the service use, R4), so
invalid input never reaches the network. The name step also owns the debounced
availability check.
"""

from __future__ import annotations

import re
from typing import ClassVar

from paiws.core.errors import PaiwsError
from paiws.core.interface import DataService
from paiws.core.validation import (
    DESCRIPTION_MAX,
    SIMPLE_ENVS,
    STANDARD_ENVS,
    description_problem,
    name_problem,
)
from paiws.core.views import CreateRequest, NameCheck
from paiws.screens.widgets.inputs import Field
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, RadioButton, RadioSet, Static
from textual.worker import get_current_worker

NAME_CHECK_DELAY = 0.4  # seconds of quiet typing before one CheckWorkspaceExists call
DISPLAY_NAME_MAX = 80  # the service's limit for DisplayName (tui.core.service)
_RESOURCE_GROUP = re.compile(r"rg-[A-Za-z0-9]+")  # the shape PAI accepts, e.g. rg-acfmxyz123


def _feedback(widget: Static, text: str | Text, kind: str) -> None:
    """Show a feedback line; `kind` (ok/bad/warn/muted) picks its colour in wizard.tcss."""
    widget.update(text if isinstance(text, Text) else Text(text))
    for name in ("ok", "bad", "warn", "muted"):
        widget.set_class(name == kind, f"-{name}")


class NameStep(Vertical):
    """Name input with per-keystroke rule checks and a debounced availability check."""

    class Checked(Message):
        """The availability answer for `name` (or the error that prevented one)."""

        def __init__(self, name: str, check: NameCheck | None, error: PaiwsError | None) -> None:
            super().__init__()
            self.checked_name = name
            self.check = check
            self.error = error

    def __init__(self, service: DataService, region: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")
        self._service = service
        self._region = region
        self._timer: Timer | None = None
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
        return name_problem(self.value)

    @property
    def check(self) -> NameCheck | None:
        """The availability answer for the current name, if one has arrived."""
        return self._checks.get(self.value)

    def on_mount(self) -> None:
        self._render_state(self.value)

    def reveal_problem(self) -> None:
        """Show the rule message even for an empty field (the user pressed Next)."""
        problem = self.problem
        if problem:
            _feedback(self._feedback_widget, f"✗ {problem}", "bad")

    def leave(self) -> None:
        """The user moved on before the pause ended: that check would answer no one (the
        create checks the name again anyway), so it is not sent."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def enter(self) -> None:
        """Back on the name: check it now if a check was skipped by `leave`."""
        name = self.value
        idle = self._timer is None and self._in_flight != name
        if idle and name_problem(name) is None and name not in self._checks:
            self._timer = self.set_timer(NAME_CHECK_DELAY, lambda: self._start_check(name))

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
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        # A newer keystroke makes any running check stale; its answer is dropped on arrival.
        self.workers.cancel_group(self, "name-check")
        self._in_flight = None
        self._render_state(event.value)
        if name_problem(event.value) is None and event.value not in self._checks:
            name = event.value
            self._timer = self.set_timer(NAME_CHECK_DELAY, lambda: self._start_check(name))

    def _start_check(self, name: str) -> None:
        self._timer = None
        if name == self.value:
            self._in_flight = name
            self._check_name(name)

    @work(thread=True, exclusive=True, group="name-check", exit_on_error=False)
    def _check_name(self, name: str) -> None:
        worker = get_current_worker()
        try:
            result = self._service.check_name(self._region, name)
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
            _feedback(
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
            _feedback(widget, "Type a name; it is checked as you type.", "muted")
            return
        problem = name_problem(name)
        if problem:
            _feedback(widget, f"✗ {problem}", "bad")
            return
        check = self._checks.get(name)
        if check is None:
            _feedback(widget, f"✓ Valid name · checking availability in {self._region}…", "muted")
        elif check.available:
            _feedback(widget, f"✓ Available in {self._region}", "ok")
        else:
            note = self._notes.get(name) or Text(
                "A workspace with this name already exists. Pick another name; if you continue, "
                "paiws compares the configurations and creates nothing."
            )
            _feedback(
                widget,
                Text.assemble("✗ Taken (ID ", check.existing_id or "unknown", ")\n", note),
                "warn",
            )


class DescriptionStep(Vertical):
    """Required description with a live `n/80` counter; the Input cannot take more."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")
        self._touched = False

    def compose(self) -> ComposeResult:
        yield Static("Description", classes="field-title")
        yield Static(
            "What this workspace is for, so colleagues recognise it. "
            f"Required, at most {DESCRIPTION_MAX} characters.",
            classes="field-help",
        )
        yield Field(
            placeholder="e.g. Recommendation models for the shop team",
            max_length=DESCRIPTION_MAX,
            id="description-input",
        )
        yield Static(f"0/{DESCRIPTION_MAX}", id="description-counter")
        yield Static(id="description-feedback", classes="feedback")

    @property
    def input(self) -> Input:
        return self.query_one("#description-input", Input)

    @property
    def value(self) -> str:
        # Surrounding blanks carry no meaning; what is reviewed is what is sent.
        return self.input.value.strip()

    @property
    def problem(self) -> str | None:
        return description_problem(self.value)

    def reveal_problem(self) -> None:
        self._touched = True
        self._refresh_feedback()

    @on(Input.Changed, "#description-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._touched = self._touched or bool(event.value)
        self._refresh_feedback()

    def _refresh_feedback(self) -> None:
        length = len(self.input.value)
        counter = self.query_one("#description-counter", Static)
        counter.update(f"{length}/{DESCRIPTION_MAX}")
        counter.set_class(length >= DESCRIPTION_MAX, "-full")
        widget = self.query_one("#description-feedback", Static)
        problem = self.problem
        if problem and self._touched:
            _feedback(widget, f"✗ {problem}", "bad")
        elif length >= DESCRIPTION_MAX:
            _feedback(widget, f"The limit is {DESCRIPTION_MAX} characters.", "warn")
        else:
            _feedback(widget, "", "muted")


class ModeChoice(RadioSet):
    """A RadioSet where Enter picks the highlighted mode and moves on (Space only picks)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Choose and continue", show=False),
    ]

    class Chosen(Message):
        """Enter was pressed on a mode."""

    def action_choose(self) -> None:
        self.action_toggle_button()
        self.post_message(self.Chosen())


class ModeStep(Vertical):
    """Simple (prod) or standard (dev + prod), with a line each on what that means."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")

    def compose(self) -> ComposeResult:
        yield Static("Mode", classes="field-title")
        yield Static(
            "How many environments the workspace has. ↑/↓ to move, Enter to choose.",
            classes="field-help",
        )
        with ModeChoice(id="mode-set"):
            yield RadioButton("Simple — prod", value=True, id="mode-simple")
            yield RadioButton("Standard — dev + prod", id="mode-standard")
        yield Static(
            "Simple: one production environment; jobs and models run directly in prod. "
            "Quickest for individuals and trials.",
            classes="field-help",
        )
        yield Static(
            "Standard: a development and a production environment; build in dev, publish to "
            "prod after review. Suited to teams.",
            classes="field-help",
        )

    @property
    def radio_set(self) -> ModeChoice:
        return self.query_one("#mode-set", ModeChoice)

    @property
    def environments(self) -> tuple[str, ...]:
        return STANDARD_ENVS if self.radio_set.pressed_index == 1 else SIMPLE_ENVS

    @property
    def is_default(self) -> bool:
        return self.environments == SIMPLE_ENVS


class OptionsStep(Vertical):
    """Optional display name (defaults to the name) and resource group (fixed forever)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")

    def compose(self) -> ComposeResult:
        yield Static("Display name (optional)", classes="field-title")
        yield Static(
            "The friendly name shown in the PAI console, up to "
            f"{DISPLAY_NAME_MAX} characters. Leave empty to use the workspace name.",
            classes="field-help",
        )
        yield Field(max_length=DISPLAY_NAME_MAX, id="display-input")
        yield Static("Resource group ID (optional)", classes="field-title")
        yield Static(
            "Groups the workspace for billing and access control, e.g. rg-acfmxyz123. "
            "Leave empty for the account's default resource group.",
            classes="field-help",
        )
        yield Field(placeholder="default resource group", id="rg-input")
        yield Static("⚠ The resource group cannot be changed later.", id="rg-note")
        yield Static(id="options-feedback", classes="feedback")

    def set_name(self, name: str) -> None:
        """The display name defaults to the workspace name; the placeholder says so."""
        self.query_one("#display-input", Input).placeholder = f"{name} (the workspace name)"

    @property
    def display_name(self) -> str | None:
        return self.query_one("#display-input", Input).value.strip() or None

    @property
    def resource_group_id(self) -> str | None:
        return self.query_one("#rg-input", Input).value.strip() or None

    @property
    def problem(self) -> str | None:
        group = self.resource_group_id
        if group is not None and _RESOURCE_GROUP.fullmatch(group) is None:
            return "A resource group ID is rg- followed by letters and digits, e.g. rg-acfmxyz123."
        return None

    def reveal_problem(self) -> None:
        problem = self.problem
        _feedback(self.query_one("#options-feedback", Static), f"✗ {problem or ''}", "bad")

    @property
    def typed_anything(self) -> bool:
        return any(
            self.query_one(selector, Input).value for selector in ("#display-input", "#rg-input")
        )


def request_table(request: CreateRequest, region_label: str) -> Table:
    """Every CreateWorkspace parameter exactly as it will be sent, with a note per row."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    table.add_column(style="dim")
    envs = "[" + ", ".join(f'"{env}"' for env in request.environments) + "]"
    table.add_row("Region", Text(region_label), "every request carries it")
    table.add_row("WorkspaceName", Text(request.name), "")
    table.add_row("Description", Text(request.description), "")
    table.add_row("EnvTypes", Text(envs), f"{request.mode} mode")
    table.add_row(
        "DisplayName",
        Text(request.display_name or "—"),
        "" if request.display_name else f"not sent: PAI uses the name {request.name}",
    )
    table.add_row(
        "ResourceGroupId",
        Text(request.resource_group_id or "—"),
        "cannot be changed later" if request.resource_group_id else "not sent: default group",
    )
    return table


class ReviewStep(Vertical):
    """The confirmation step of R4: nothing is sent before Create is pressed here."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")

    def compose(self) -> ComposeResult:
        yield Static("Review", classes="field-title")
        yield Static(
            "This is exactly what will be sent. Create confirms; Back changes an answer.",
            classes="field-help",
        )
        yield Static(id="review-table")
        yield Static(
            "Create first checks that the name is free (CheckWorkspaceExists), then sends "
            "CreateWorkspace once — never retried blindly — and waits until it is ENABLED.",
            classes="field-help",
            id="review-note",
        )

    def show(self, request: CreateRequest, region_label: str) -> None:
        self.query_one("#review-table", Static).update(request_table(request, region_label))
