"""The last step of the create wizard: live progress, then what happened.

`CreateProgressPanel` draws the check-then-act-then-verify sequence of R4 as it happens.
`OutcomePanel` explains each result (created, already exists, name taken, permission error,
ambiguous failure, other errors) and offers the next move for it. Both render view models
and `PaiwsError`s only, always through `rich.text.Text`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from paiws.core.api import CreateOutcome, CreatePhase, CreateProgress, CreateRequest, explain
from paiws.screens.errors import error_body

# What the user sees for each phase the service reports; "validating" happens before any
# request, so it folds into the name check, and "rechecking" gets its own warning line.
_STEP_OF_PHASE: dict[CreatePhase, int] = {
    "validating": 0,
    "checking": 0,
    "creating": 1,
    "rechecking": 1,
    "polling": 2,
    "done": 3,
}
_STEP_LABELS = (
    "Checking that the name is free (CheckWorkspaceExists)",
    "Creating the workspace (CreateWorkspace, sent once)",
    "Waiting until it is ENABLED",
)


def format_elapsed(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 60 else f"{int(seconds) // 60} min {int(seconds) % 60} s"


class CreateProgressPanel(Vertical):
    """Checking name → creating → INITIALIZING … → ENABLED, with the elapsed time."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")
        self.last: CreateProgress | None = None
        self._rechecked = False

    def compose(self) -> ComposeResult:
        yield Static("Creating", classes="field-title", id="progress-title")
        yield Static(id="progress-lines")
        yield Static(id="progress-message", classes="field-help")

    def start(self, request: CreateRequest, region: str) -> None:
        self.last = None
        self._rechecked = False
        self.query_one("#progress-title", Static).update(
            Text.assemble("Creating ", (request.name, "bold"), f" in {region}")
        )
        self.show_progress(CreateProgress(phase="checking", message="Checking the name…"))

    @property
    def elapsed(self) -> float:
        return self.last.elapsed if self.last else 0.0

    @property
    def workspace_id(self) -> str | None:
        return self.last.workspace_id if self.last else None

    def show_progress(self, progress: CreateProgress) -> None:
        # Keep the ID once known: later messages may not repeat it.
        workspace_id = progress.workspace_id or (self.last.workspace_id if self.last else None)
        self.last = CreateProgress(
            phase=progress.phase,
            message=progress.message,
            status=progress.status,
            elapsed=progress.elapsed,
            workspace_id=workspace_id,
        )
        self._rechecked = self._rechecked or progress.phase == "rechecking"
        self.query_one("#progress-lines", Static).update(self._lines(self.last))
        self.query_one("#progress-message", Static).update(Text(progress.message))

    def _lines(self, progress: CreateProgress) -> Text:
        current = _STEP_OF_PHASE[progress.phase]
        text = Text()
        for index, label in enumerate(_STEP_LABELS):
            if index < current:
                text.append(f"✓ {label}\n", style="green")
            elif index == current:
                text.append(f"● {label}", style="bold")
                if index == 2:
                    status = progress.status or "INITIALIZING"
                    text.append(f" — {status} · {format_elapsed(progress.elapsed)}")
                text.append("\n")
            else:
                text.append(f"○ {label}\n", style="dim")
            if index == 1 and self._rechecked:
                text.append(
                    "  ! No clear answer from CreateWorkspace: re-checking the name instead of "
                    "retrying.\n",
                    style="yellow",
                )
        if workspace_id := progress.workspace_id:
            text.append("Workspace ID: ")
            text.append(workspace_id, style="bold")
        return text


@dataclass(frozen=True)
class OutcomeState:
    """What the screen needs to know about the result shown: keys, Escape and dismissal."""

    kind: str  # created | exists_same | name_taken | permission | ambiguous | error
    workspace_id: str | None = None  # the workspace the table should show, if any
    copy_text: str | None = None  # what `y` copies
    copy_what: str = "ID"


_BUTTONS = ("open", "members", "rename", "retry", "back", "copy", "close")


class OutcomeButtons(Horizontal):
    """The outcome's next moves, kept at the bottom of the wizard (never scrolled away)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="button-bar")

    def compose(self) -> ComposeResult:
        yield Button("Open in table", id="outcome-open", variant="success")
        yield Button("Add members now", id="outcome-members", variant="primary")
        yield Button("Choose another name", id="outcome-rename", variant="primary")
        yield Button("Check again", id="outcome-retry", variant="primary")
        yield Button("Back to review", id="outcome-back")
        yield Button("Copy", id="outcome-copy")
        yield Button("Close", id="outcome-close")


class OutcomePanel(Vertical):
    """One result, explained; its buttons are the wizard's `OutcomeButtons`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")
        self.state: OutcomeState | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="outcome-title")
        yield Static(id="outcome-body")

    def _button(self, name: str) -> Button:
        return self.screen.query_one(f"#outcome-{name}", Button)

    def _show(self, title: str, tone: str, body: Text, state: OutcomeState, *buttons: str) -> None:
        self.state = state
        heading = self.query_one("#outcome-title", Static)
        heading.update(Text(title))
        for name in ("ok", "bad", "warn"):
            heading.set_class(name == tone, f"-{name}")
        self.query_one("#outcome-body", Static).update(body)
        for name in _BUTTONS:
            self._button(name).display = name in buttons
        copy = self._button("copy")
        copy.label = f"Copy {state.copy_what} (y)"
        copy.display = state.copy_text is not None

    def focus_default(self) -> None:
        """Enter should do the most likely next thing: the first visible button."""
        for name in _BUTTONS:
            button = self._button(name)
            if button.display:
                button.focus()
                return

    def show_outcome(self, outcome: CreateOutcome, request: CreateRequest, elapsed: float) -> None:
        workspace_id = outcome.workspace_id
        body = Text()
        body.append("Name          ", style="bold")
        body.append(request.name)
        body.append("\nWorkspace ID  ", style="bold")
        body.append(workspace_id or "unknown")
        state = OutcomeState(outcome.kind, workspace_id, workspace_id)
        if outcome.kind == "created":
            status = outcome.final_status or "INITIALIZING"
            body.append("\nStatus        ", style="bold")
            body.append(f"{status} after {format_elapsed(elapsed)}")
            if status == "ENABLED":
                title, tone = "✓ Workspace created", "ok"
                body.append(
                    "\n\nIt is ready. Enter opens it in the table; Add members now brings "
                    "people in; y copies the ID."
                )
            elif status == "FAILURE":
                title, tone = "✗ Created, but initialisation failed", "bad"
                body.append(
                    "\n\nThe workspace exists but reports FAILURE. Look at it in the PAI "
                    "console; you can delete it from its detail view (ctrl+d)."
                )
            else:
                title, tone = "… Created, still initialising", "warn"
                body.append(
                    "\n\npaiws stopped waiting; the workspace keeps initialising on the server. "
                    "Refresh the table (r) in a minute to see it ENABLED."
                )
            ready = status == "ENABLED"  # onboarding goes on into the add-member form
            buttons: tuple[str, ...] = (
                ("open", "members", "copy", "close") if ready else ("open", "copy", "close")
            )
        elif outcome.kind == "exists_same":
            title, tone = "= Already exists with the same configuration — nothing was created", "ok"
            body.append(
                "\n\nA workspace with this name and the same description and environments "
                "(and display name, if you gave one) is already there, so paiws sent no "
                "CreateWorkspace. Enter opens it in the table; y copies its ID."
            )
            buttons = ("open", "copy", "close")
        else:
            title, tone = "✗ Name taken by a different workspace", "bad"
            differences = ", ".join(outcome.differences) or "its configuration"
            body.append("\nDiffers in    ", style="bold")
            body.append(differences)
            body.append(
                "\n\nNothing was created. Choose another name; your other answers are kept."
            )
            buttons = ("rename", "copy", "close")
        for note in outcome.notes:
            body.append("\nNote: ", style="cyan")
            body.append(note)
        self._show(title, tone, body, state, *buttons)

    def show_error(self, err: BaseException) -> None:
        report = explain(err)
        body = error_body(err, purpose="create the workspace")
        if report.policy is not None:
            state = OutcomeState("permission", copy_text=report.policy, copy_what="policy")
            self._show("✗ Permission denied", "bad", body, state, "back", "copy", "close")
        elif report.ambiguous:
            body.append(
                "\n\npaiws did not retry CreateWorkspace: it has no idempotency token, so a blind "
                "retry could create a second workspace. Check again looks the name up first and "
                "creates only if it is still free.",
            )
            state = OutcomeState("ambiguous")
            self._show(
                "? Could not confirm the result", "warn", body, state, "retry", "back", "close"
            )
        else:
            state = OutcomeState("error")
            self._show(f"✗ {report.title}", "bad", body, state, "back", "close")
