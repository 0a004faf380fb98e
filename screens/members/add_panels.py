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
    N_,
    AddMembersOutcome,
    AddMembersRequest,
    AddProgress,
    AddResult,
    _,
    explain,
    ngettext,
    policy_summary,
    roles_in_words,
)
from paiws.screens.errors import COPY_KEY, error_body
from paiws.screens.members.role_picker import role_and_code
from paiws.screens.widgets.sentence import sentence
from paiws.screens.widgets.wording import headed

WHAT_HAPPENS = N_(
    "paiws first checks each person (ListMembers). People who already have every role are "
    "left alone; members who lack some get only those (AddMemberRole); everyone else is added "
    "in one CreateMember call, which is never retried blindly. Then each change is read back."
)


class ReviewStep(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")

    def compose(self) -> ComposeResult:
        yield Static(_("Check before adding"), classes="field-title")
        yield Static(id="add-review")
        yield Static(Text(_(WHAT_HAPPENS)), classes="field-help")

    def show(self, request: AddMembersRequest, workspace: str, region: str) -> None:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        table.add_row(Text(_("Workspace")), Text(workspace))
        table.add_row(Text(_("Region")), Text(region))
        people = "\n".join(person.label for person in request.people)
        table.add_row(Text(_("People ({n})").format(n=len(request.people))), Text(people))
        roles = "\n".join(role_and_code(code) for code in request.roles)
        table.add_row(Text(_("Roles")), Text(roles))
        self.query_one("#add-review", Static).update(table)


_PHASES = (
    ("checking", N_("Checking each person (ListMembers)")),
    ("adding", N_("Adding new members (CreateMember, sent once)")),
    ("granting", N_("Adding missing roles (AddMemberRole)")),
    ("verifying", N_("Reading the changes back (ListMembers)")),
)


class AddProgressPanel(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")
        self._seen: list[str] = []
        self._rechecked = False

    def compose(self) -> ComposeResult:
        yield Static(_("Adding"), classes="field-title", id="add-progress-title")
        yield Static(id="add-progress-lines")
        yield Static(id="add-progress-message", classes="field-help")

    def start(self, count: int) -> None:
        self._seen, self._rechecked = [], False
        title = ngettext("Adding {n} person", "Adding {n} people", count).format(n=count)
        self.query_one("#add-progress-title", Static).update(Text(title))
        self.show_progress(AddProgress("checking", _("Checking…")))

    def show_progress(self, progress: AddProgress) -> None:
        if progress.phase == "rechecking":
            self._rechecked = True
        elif progress.phase not in self._seen:
            self._seen.append(progress.phase)
        current = progress.phase if progress.phase != "rechecking" else "adding"
        lines = Text()
        for phase, message in _PHASES:
            label = _(message)
            if phase == current and progress.phase != "done":
                lines.append(f"● {label}", style="bold")
                total = progress.total
                if total and phase == "adding":
                    calls = ngettext("{n} person, one call", "{n} people, one call", total)
                    lines.append(" — " + calls.format(n=total))
                elif total:
                    counted = _("{done} of {total}").format(done=progress.done + 1, total=total)
                    lines.append(" — " + counted)
                lines.append("\n")
            elif phase in self._seen:
                lines.append(f"✓ {label}\n", style="green")
            else:
                lines.append(f"○ {label}\n", style="dim")
            if phase == "adding" and self._rechecked:
                retry = _("No clear answer from CreateMember: checking again instead of retrying.")
                lines.append(f"  ! {retry}\n", style="yellow")
        self.query_one("#add-progress-lines", Static).update(lines)
        self.query_one("#add-progress-message", Static).update(Text(progress.message))


_STYLE = {"added": "green", "roles added": "green", "already a member": "cyan", "failed": "red"}
# The outcome codes (machine values: JSON keeps them) in words for people.
_OUTCOME_WORDS = {
    "added": N_("added"),
    "roles added": N_("roles added"),
    "already a member": N_("already a member"),
    "failed": N_("failed"),
}


def result_text(result: AddResult, *, repeated: bool = False) -> Text:
    """One person's line; ``repeated``: their error was explained on an earlier line."""
    text = Text()
    text.append(result.person.label, style="bold")
    text.append("  ")
    outcome = Text(_(_OUTCOME_WORDS[result.outcome]), style=_STYLE[result.outcome])
    roles = roles_in_words(result.roles)
    if result.outcome == "added":
        # i18n: {outcome} is "added"
        line = sentence(_("{outcome} as {roles}"), outcome=outcome, roles=roles)
    elif result.outcome == "roles added":
        # i18n: {outcome} is "roles added"; {granted}: the roles just given, {roles}: all now
        template = _("{outcome}: {granted}; now {roles}")
        granted = roles_in_words(result.granted)
        line = sentence(template, outcome=outcome, granted=granted, roles=roles)
    elif result.outcome == "already a member":
        # i18n: {outcome} is "already a member"
        line = sentence(_("{outcome} with {roles}; nothing sent"), outcome=outcome, roles=roles)
    elif repeated:
        # i18n: {outcome} is "failed"
        line = sentence(_("{outcome}: the same error as above"), outcome=outcome)
    else:
        # i18n: {outcome} is "failed"
        error = result.error or _("unknown error")
        line = sentence(_("{outcome}: {error}"), outcome=outcome, error=error)
    text.append_text(line)
    for note in result.notes:
        text.append_text(headed(_("note: {note}"), "note", note, style="cyan", lead="\n    "))
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
        self.again_label = N_("Check again")  # a catalogue message, translated on the button

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
            self._title("✓ " + _("Done: everyone is in the workspace"), "ok")
        elif len(failed) == len(outcome.results):
            self._title("✗ " + _("Nobody was added"), "bad")
        else:
            self._title("! " + _("Some people could not be added"), "warn")
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
            failed_action = _("Failed action: {action}")
            body.append_text(headed(failed_action, "action", action, style="bold", lead="\n\n"))
            policy_title = _("Least-privilege RAM policy ({key} copies the JSON):")
            body.append("\n" + policy_title.format(key=COPY_KEY) + "\n", "bold")
            body.append("\n".join(policy_summary(policy)), style="italic")
        if ambiguous:
            body.append(
                "\n\n"
                + _(
                    "CreateMember gave no clear answer and was not retried. Check again looks "
                    "everyone up first and adds only who is still missing."
                ),
                style="yellow",
            )
        self.query_one("#add-outcome-body", Static).update(body)
        self.again_label = N_("Check again")
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
        self._title("✗ " + _("{title}: nothing was changed").format(title=report.title), "bad")
        self.query_one("#add-outcome-body", Static).update(
            error_body(error, purpose=N_("check the people before adding them"))
        )
        self._buttons(*("again", "copy", "close") if report.policy else ("again", "close"))
        self.again_label = N_("Try again")


# The outcome's buttons, in order; the form shows those the outcome offers, below its scroll.
# Labels are catalogue messages, shown with `button_label`.
OUTCOME_BUTTONS: tuple[tuple[str, str, ButtonVariant], ...] = (
    ("again", N_("Check again"), "primary"),
    ("back", N_("Back to review"), "default"),
    ("copy", N_("Copy policy ({key})"), "default"),
    ("close", N_("Close"), "success"),
)


def button_label(label: str) -> str:
    """An outcome button's label in the interface language (the copy key filled in)."""
    return _(label).format(key=COPY_KEY)
