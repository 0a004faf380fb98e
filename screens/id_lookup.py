"""ID lookup (`i`), R5: one ID → the detail screen (GetWorkspace); several IDs → ONE batch
ListWorkspaces call, whose answer is final: missing IDs are listed as "does not exist"."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from paiws.core.api import InvalidInput, LookupResult, validation
from paiws.screens.base import PaiwsScreen
from paiws.screens.detail import DetailScreen
from paiws.screens.errors import error_body, report_error
from paiws.screens.messages import CallFailed, LookupDone
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.workspace_grid import WorkspaceGrid

FALLBACK_EXAMPLES = ("12345", "67890")  # PAI workspace IDs are numbers


def placeholder(examples: tuple[str, ...]) -> str:
    """IDs shaped like the region's own (the table's first rows), else like PAI's numbers."""
    shown = examples[:2] if examples else FALLBACK_EXAMPLES
    return f"e.g. {', '.join(shown)} — Enter looks them up"


class IdLookupScreen(PaiwsScreen[None]):
    HELP_TITLE: ClassVar[str] = "ID lookup"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Retry", tooltip="Look the same IDs up again", id="lookup.retry"),
        Binding("y", "copy_id", "Copy ID", tooltip="Copy the selected ID", id="lookup.copy"),
        Binding("slash", "edit_ids", "Edit IDs", tooltip="Back to the IDs field", id="lookup.edit"),
    ]
    HINTS = ("lookup.retry", "lookup.edit", "lookup.copy", "screen.back")

    def __init__(self, *, examples: tuple[str, ...] = ()) -> None:
        super().__init__()
        self._examples = examples
        self._gen = 0
        self._last: tuple[str, ...] = ()
        self.busy = False
        self.result: LookupResult | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="lookup"):
            yield Static(Text("Look up workspaces by ID", style="bold"), classes="panel-title")
            yield Static(
                Text(
                    "One ID opens its detail; several (comma or space separated) are "
                    "looked up in one request."
                ),
                classes="dim",
            )
            yield Field(placeholder=placeholder(self._examples), id="ids")
            yield Static("", id="lookup-status")
            yield WorkspaceGrid(id="lookup-results")
            yield Static("", id="lookup-missing")

    def on_mount(self) -> None:
        self.query_one("#lookup-results", WorkspaceGrid).display = False
        self.query_one("#ids", Input).focus()

    @on(Input.Submitted, "#ids")
    def _submitted(self, event: Input.Submitted) -> None:
        self._clear_results()
        try:
            ids = validation.parse_workspace_ids(event.value)
        except InvalidInput as problem:  # the core's rule, naming the token; nothing is sent
            self._status(Text.assemble((problem.message, "yellow"), " Nothing was sent."))
            return
        self._run(ids)

    def _clear_results(self) -> None:
        """A new question: the previous answer must not stay on screen as if it were this one."""
        self._gen += 1  # an answer still in flight is for the old question
        self.busy = False
        self.result = None
        grid = self.query_one("#lookup-results", WorkspaceGrid)
        grid.replace_rows(())
        grid.display = False
        self.query_one("#lookup-missing", Static).update("")
        self._status(Text(""))

    def _run(self, ids: tuple[str, ...]) -> None:
        self._last = ids
        self._clear_results()
        if len(ids) == 1:
            # R5: a single ID is a GetWorkspace; the detail screen owns that call and the 404.
            self.app.push_screen(DetailScreen(workspace_id=ids[0]))
            return
        self._gen += 1
        self.busy = True
        self._status(Text(f"Looking up {len(ids)} IDs in {self.chosen_region}…", style="italic"))
        self.set_focus(None)  # off the field: r retries, / edits the IDs again
        self.refresh_bindings()
        self._lookup(self._gen, self.chosen_region, ids)

    @work(thread=True, exclusive=True, exit_on_error=False, group="lookup")
    def _lookup(self, gen: int, region: str, ids: tuple[str, ...]) -> None:
        try:
            result = self.service.lookup(region, ids)
        except Exception as error:  # every failure becomes a message the UI explains
            self.post_message(CallFailed(gen, "look up the IDs", error))
            return
        self.post_message(LookupDone(gen, result))

    def on_lookup_done(self, message: LookupDone) -> None:
        if message.gen != self._gen:
            return
        self.busy = False
        self.result = result = message.result
        grid = self.query_one("#lookup-results", WorkspaceGrid)
        grid.replace_rows(result.found)
        grid.display = bool(result.found)
        self._status(Text(f"Found {len(result.found)} of {len(result.requested)}.", style="bold"))
        missing = self.query_one("#lookup-missing", Static)
        if result.missing:
            text = Text("Does not exist in this region:\n", style="bold")
            for workspace_id in result.missing:
                text.append(f"  • {workspace_id}\n", style="not bold")
            missing.update(text)
        else:
            missing.update("")
        if result.found:
            grid.focus()
        self.refresh_bindings()

    def on_call_failed(self, message: CallFailed) -> None:
        if message.gen != self._gen:
            return
        self.busy = False
        body = error_body(message.error, purpose=message.purpose)
        body.append("\nPress r to retry, / to change the IDs.")
        body.stylize("red")
        self._status(body)
        report_error(self, message.error, purpose=message.purpose)

    def _status(self, text: Text) -> None:
        self.query_one("#lookup-status", Static).update(text)

    @on(WorkspaceGrid.RowSelected, "#lookup-results")
    def _open(self, event: WorkspaceGrid.RowSelected) -> None:
        row = self.query_one("#lookup-results", WorkspaceGrid).row_for(event.workspace_id)
        if row is not None:
            self.app.push_screen(DetailScreen(row=row))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return bool(self._last) and not self.query_one("#ids", Input).has_focus
        if action == "copy_id":
            grid = self.query_one("#lookup-results", WorkspaceGrid)
            return grid.has_focus and grid.selected is not None
        if action == "edit_ids":
            return not self.query_one("#ids", Input).has_focus
        return super().check_action(action, parameters)

    def action_retry(self) -> None:
        if self._last:
            self._run(self._last)

    def action_copy_id(self) -> None:
        row = self.query_one("#lookup-results", WorkspaceGrid).selected
        if row is not None:
            self.app.copy_to_clipboard(row.workspace_id)
            self.notify(f"Copied {row.workspace_id}", title="Workspace ID", markup=False)

    def action_edit_ids(self) -> None:
        self.query_one("#ids", Input).focus()
        self.refresh_bindings()
