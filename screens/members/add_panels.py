"""The last steps of the add form: review every parameter, live progress of R14's
check-then-act-then-verify, and what happened to each person.

Only masked view models and explained errors are drawn, always as `rich.text.Text`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual.widgets.button import ButtonVariant

from paiws.core.api import (
    AddMembersOutcome,
    AddMembersRequest,
    AddProgress,
    AddResult,
    explain,
    policy_summary,
    role_words,
    roles_in_words,
)
from paiws.screens.errors import COPY_KEY, error_body

WHAT_HAPPENS = (
    "paiws first checks each person (ListMembers). People who already have every role are "
    "left alone; members who lack some get only those (AddMemberRole); everyone else is added "
    "in one CreateMember call, which is never retried blindly. Then each change is read back."
)


class ReviewStep(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")

    def compose(self) -> ComposeResult:
        yield Static("Check before adding", classes="field-title")
        yield Static(id="add-review")
        yield Static(Text(WHAT_HAPPENS), classes="field-help")

    def show(self, request: AddMembersRequest, workspace: str, region: str) -> None:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_row(Text("Workspace"), Text(workspace))
        table.add_row(Text("Region"), Text(region))
        people = "\n".join(person.label for person in request.people)
        table.add_row(Text(f"People ({len(request.people)})"), Text(people))
        roles = "\n".join(f"{role_words(code)} ({code})" for code in request.roles)
        table.add_row(Text("Roles"), Text(roles))
        self.query_one("#add-review", Static).update(table)


_PHASES = (
    ("checking", "Checking each person (ListMembers)"),
    ("adding", "Adding new members (CreateMember, sent once)"),
    ("granting", "Adding missing roles (AddMemberRole)"),
    ("verifying", "Reading the changes back (ListMembers)"),
)


class AddProgressPanel(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")
        self._seen: list[str] = []
        self._rechecked = False

    def compose(self) -> ComposeResult:
        yield Static("Adding", classes="field-title", id="add-progress-title")
        yield Static(id="add-progress-lines")
        yield Static(id="add-progress-message", classes="field-help")

    def start(self, count: int) -> None:
        self._seen, self._rechecked = [], False
        title = f"Adding {count} {'person' if count == 1 else 'people'}"
        self.query_one("#add-progress-title", Static).update(Text(title))
        self.show_progress(AddProgress("checking", "Checking…"))

    def show_progress(self, progress: AddProgress) -> None:
        if progress.phase == "rechecking":
            self._rechecked = True
        elif progress.phase not in self._seen:
            self._seen.append(progress.phase)
        current = progress.phase if progress.phase != "rechecking" else "adding"
        lines = Text()
        for phase, label in _PHASES:
            if phase == current and progress.phase != "done":
                lines.append(f"● {label}", style="bold")
                if progress.total and phase == "adding":
                    people = "person" if progress.total == 1 else "people"
                    lines.append(f" — {progress.total} {people}, one call")
                elif progress.total:
                    lines.append(f" — {progress.done + 1} of {progress.total}")
                lines.append("\n")
            elif phase in self._seen:
                lines.append(f"✓ {label}\n", style="green")
            else:
                lines.append(f"○ {label}\n", style="dim")
            if phase == "adding" and self._rechecked:
                lines.append(
                    "  ! No clear answer from CreateMember: checking again instead of retrying.\n",
                    style="yellow",
                )
        self.query_one("#add-progress-lines", Static).update(lines)
        self.query_one("#add-progress-message", Static).update(Text(progress.message))


_STYLE = {"added": "green", "roles added": "green", "already a member": "cyan", "failed": "red"}


def result_text(result: AddResult, *, repeated: bool = False) -> Text:
    """One person's line; ``repeated``: their error was explained on an earlier line."""
    text = Text()
    text.append(result.person.label, style="bold")
    text.append("  ")
    text.append(result.outcome, style=_STYLE[result.outcome])
    if result.outcome == "added":
        text.append(f" as {roles_in_words(result.roles)}")
    elif result.outcome == "roles added":
        text.append(f": {roles_in_words(result.granted)}; now {roles_in_words(result.roles)}")
    elif result.outcome == "already a member":
        text.append(f" with {roles_in_words(result.roles)}; nothing sent")
    elif repeated:
        text.append(": the same error as above")
    else:
        text.append(f": {result.error or 'unknown error'}")
    for note in result.notes:
        text.append("\n    note: ", style="cyan")
        text.append(note)
    return text


@dataclass(frozen=True)
class OutcomeState:
    changed: bool  # the member table is stale
    ambiguous: bool  # offer Check again
    policy: str | None  # `y` copies it


class AddOutcomePanel(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")
        self.state: OutcomeState | None = None
        self.buttons: tuple[str, ...] = ("close",)  # which of OUTCOME_BUTTONS to offer
        self.again_label = "Check again"

    def compose(self) -> ComposeResult:
        yield Static(id="add-outcome-title")
        yield Static(id="add-outcome-body")

    def _title(self, title: str, tone: str) -> None:
        heading = self.query_one("#add-outcome-title", Static)
        heading.update(Text(title))
        for name in ("ok", "bad", "warn"):
            heading.set_class(name == tone, f"-{name}")

    def _buttons(self, *shown: str) -> None:
        self.buttons = shown

    def show_outcome(self, outcome: AddMembersOutcome) -> None:
        failed = outcome.failed
        ambiguous = any(r.ambiguous for r in failed)
        policy = next((r.policy for r in failed if r.policy), None)
        self.state = OutcomeState(outcome.changed, ambiguous, policy)
        if not failed:
            self._title("✓ Done: everyone is in the workspace", "ok")
        elif len(failed) == len(outcome.results):
            self._title("✗ Nobody was added", "bad")
        else:
            self._title("! Some people could not be added", "warn")
        body = Text()
        explained: set[str] = set()
        for index, result in enumerate(outcome.results):
            if index:
                body.append("\n")
            repeated = result.error is not None and result.error in explained
            body.append_text(result_text(result, repeated=repeated))
            if result.error:
                explained.add(result.error)
        action = next((r.action for r in failed if r.action), None)
        if policy and action:
            body.append("\n\nFailed action: ", style="bold")
            body.append(action)
            body.append(f"\nLeast-privilege RAM policy ({COPY_KEY} copies the JSON):\n", "bold")
            body.append("\n".join(policy_summary(policy)), style="italic")
        if ambiguous:
            body.append(
                "\n\nCreateMember gave no clear answer and was not retried. Check again looks "
                "everyone up first and adds only who is still missing.",
                style="yellow",
            )
        self.query_one("#add-outcome-body", Static).update(body)
        self.again_label = "Check again"
        buttons = ["close"]
        if failed:
            buttons[:0] = ["again"] if ambiguous else ["back"]
        if policy:
            buttons.insert(-1, "copy")
        self._buttons(*buttons)

    def show_error(self, error: BaseException) -> None:
        """The whole attempt failed before any write (a check failed, read-only, …)."""
        report = explain(error)
        self.state = OutcomeState(False, report.ambiguous, report.policy)
        self._title(f"✗ {report.title}: nothing was changed", "bad")
        self.query_one("#add-outcome-body", Static).update(
            error_body(error, purpose="check the people before adding them")
        )
        self._buttons(*("again", "copy", "close") if report.policy else ("again", "close"))
        self.again_label = "Try again"


# The outcome's buttons, in order; the form shows those the outcome offers, below its scroll.
OUTCOME_BUTTONS: tuple[tuple[str, str, ButtonVariant], ...] = (
    ("again", "Check again", "primary"),
    ("back", "Back to review", "default"),
    ("copy", f"Copy policy ({COPY_KEY})", "default"),
    ("close", "Close", "success"),
)
