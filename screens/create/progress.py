"""The last step of the create wizard: live progress, then what happened.

`CreateProgressPanel` draws the check-then-act-then-verify sequence of R4 as it happens.
`OutcomePanel` explains each result (created, already exists, name taken, permission error,
ambiguous failure, other errors) and offers the next move for it. Both render view models
and `PaiwsError`s only, always through `rich.text.Text`. Words are in the interface language;
statuses keep their codes (ENABLED, FAILURE: what the API and the CLI say).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from paiws.core.api import (
    N_,
    CreateOutcome,
    CreatePhase,
    CreateProgress,
    CreateRequest,
    _,
    explain,
    listing,
)
from paiws.screens.errors import error_body
from paiws.screens.widgets.wording import headed

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
    N_("Checking that the name is free (CheckWorkspaceExists)"),
    N_("Creating the workspace (CreateWorkspace, sent once)"),
    N_("Waiting until it is ENABLED"),
)


def format_elapsed(seconds: float) -> str:
    if seconds < 60:
        return _("{seconds} s").format(seconds=f"{seconds:.1f}")
    return _("{minutes} min {seconds} s").format(
        minutes=int(seconds) // 60, seconds=int(seconds) % 60
    )


def labels(*keys: str) -> dict[str, str]:
    """Each label translated and padded to one width in cells (plus two), so the values after
    them line up whatever the language: ``{"Name": "Name          ", ...}``."""
    shown = {key: _(key) for key in keys}
    width = max(cell_len(label) for label in shown.values()) + 2
    return {key: label + " " * (width - cell_len(label)) for key, label in shown.items()}


def differences_text(differences: tuple[str, ...]) -> str:
    """The fields a taken name's workspace differs in (English keys, shown translated)."""
    if not differences:
        return _("its configuration")
    return listing(_(field) for field in differences)


class CreateProgressPanel(Vertical):
    """Checking name → creating → INITIALIZING … → ENABLED, with the elapsed time."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")
        self.last: CreateProgress | None = None
        self._rechecked = False

    def compose(self) -> ComposeResult:
        yield Static(_("Creating"), classes="field-title", id="progress-title")
        yield Static(id="progress-lines")
        yield Static(id="progress-message", classes="field-help")

    def start(self, request: CreateRequest, region: str) -> None:
        self.last = None
        self._rechecked = False
        name = Text(request.name, style="bold")
        self.query_one("#progress-title", Static).update(
            headed(_("Creating {name} in {region}"), "name", name, style="", region=region)
        )
        self.show_progress(CreateProgress(phase="checking", message=_("Checking the name…")))

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
        for index, step in enumerate(_STEP_LABELS):
            label = _(step)
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
                recheck = _(
                    "No clear answer from CreateWorkspace: re-checking the name instead of "
                    "retrying."
                )
                text.append(f"  ! {recheck}\n", style="yellow")
        if workspace_id := progress.workspace_id:
            text.append(_("Workspace ID: "))
            text.append(workspace_id, style="bold")
        return text


@dataclass(frozen=True)
class OutcomeState:
    """What the screen needs to know about the result shown: keys, Escape and dismissal."""

    kind: str  # created | exists_same | name_taken | permission | ambiguous | error
    workspace_id: str | None = None  # the workspace the table should show, if any
    copy_text: str | None = None  # what `y` copies
    copy_what: str = N_("ID")  # shown translated ("policy" after a permission error)


_BUTTONS = ("open", "members", "rename", "retry", "back", "copy", "close")


class OutcomeButtons(Horizontal):
    """The outcome's next moves, kept at the bottom of the wizard (never scrolled away)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="button-bar")

    def compose(self) -> ComposeResult:
        yield Button(_("Open in table"), id="outcome-open", variant="success")
        yield Button(_("Add members now"), id="outcome-members", variant="primary")
        yield Button(_("Choose another name"), id="outcome-rename", variant="primary")
        yield Button(_("Check again"), id="outcome-retry", variant="primary")
        yield Button(_("Back to review"), id="outcome-back")
        yield Button(_("Copy"), id="outcome-copy")
        yield Button(_("Close"), id="outcome-close")


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
        copy.label = _("Copy {what} (y)").format(what=_(state.copy_what))
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
        field = labels(N_("Name"), N_("Workspace ID"), N_("Status"), N_("Differs in"))
        body = Text()
        body.append(field["Name"], style="bold")
        body.append(request.name)
        body.append("\n" + field["Workspace ID"], style="bold")
        body.append(workspace_id or _("unknown"))
        state = OutcomeState(outcome.kind, workspace_id, workspace_id)
        if outcome.kind == "created":
            status = outcome.final_status or "INITIALIZING"
            body.append("\n" + field["Status"], style="bold")
            body.append(
                _("{status} after {elapsed}").format(status=status, elapsed=format_elapsed(elapsed))
            )
            if status == "ENABLED":
                title, tone = "✓ " + _("Workspace created"), "ok"
                body.append(
                    "\n\n"
                    + _(
                        "It is ready. Enter opens it in the table; Add members now brings "
                        "people in; y copies the ID."
                    )
                )
            elif status == "FAILURE":
                title, tone = "✗ " + _("Created, but initialisation failed"), "bad"
                body.append(
                    "\n\n"
                    + _(
                        "The workspace exists but reports FAILURE. Look at it in the PAI "
                        "console; you can delete it from its detail view (ctrl+d)."
                    )
                )
            else:
                title, tone = "… " + _("Created, still initialising"), "warn"
                body.append(
                    "\n\n"
                    + _(
                        "paiws stopped waiting; the workspace keeps initialising on the "
                        "server. Refresh the table (r) in a minute to see it ENABLED."
                    )
                )
            ready = status == "ENABLED"  # onboarding goes on into the add-member form
            buttons: tuple[str, ...] = (
                ("open", "members", "copy", "close") if ready else ("open", "copy", "close")
            )
        elif outcome.kind == "exists_same":
            title = "= " + _("Already exists with the same configuration — nothing was created")
            tone = "ok"
            body.append(
                "\n\n"
                + _(
                    "A workspace with this name and the same description and environments "
                    "(and display name, if you gave one) is already there, so paiws sent no "
                    "CreateWorkspace. Enter opens it in the table; y copies its ID."
                )
            )
            buttons = ("open", "copy", "close")
        else:
            title, tone = "✗ " + _("Name taken by a different workspace"), "bad"
            body.append("\n" + field["Differs in"], style="bold")
            body.append(differences_text(outcome.differences))
            body.append(
                "\n\n" + _("Nothing was created. Choose another name; your other answers are kept.")
            )
            buttons = ("rename", "copy", "close")
        for note in outcome.notes:
            body.append_text(headed(_("Note: {note}"), "note", note, style="cyan", lead="\n"))
        self._show(title, tone, body, state, *buttons)

    def show_error(self, err: BaseException) -> None:
        report = explain(err)
        body = error_body(err, purpose=N_("create the workspace"))
        if report.policy is not None:
            state = OutcomeState("permission", copy_text=report.policy, copy_what=N_("policy"))
            title = "✗ " + _("Permission denied")
            self._show(title, "bad", body, state, "back", "copy", "close")
        elif report.ambiguous:
            body.append(
                "\n\n"
                + _(
                    "paiws did not retry CreateWorkspace: it has no idempotency token, so a "
                    "blind retry could create a second workspace. Check again looks the name "
                    "up first and creates only if it is still free."
                ),
            )
            state = OutcomeState("ambiguous")
            title = "? " + _("Could not confirm the result")
            self._show(title, "warn", body, state, "retry", "back", "close")
        else:
            state = OutcomeState("error")
            self._show(f"✗ {report.title}", "bad", body, state, "back", "close")
