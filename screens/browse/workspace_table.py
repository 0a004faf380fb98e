"""The main screen: the chosen region's workspaces, behind its activation check (R3).

The region gate (`region_gate.py`) runs the check and opens the table; the table loads the first
page at once and streams the rest in a thread worker (`page_feed.py` puts them on screen a step
at a time). Every request carries a generation number, so an answer to an older question
(another region, filter or sort) is dropped. Filter and sort keys are debounced.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from paiws.core.api import ListQuery, unreadable_note
from paiws.screens.base import PaiwsScreen
from paiws.screens.browse.activation_panel import ActivationPanel
from paiws.screens.browse.page_feed import PageFeed
from paiws.screens.browse.region_gate import RegionGate
from paiws.screens.browse.table_query import (
    empty_text,
    next_status,
    summary,
    toggled_order,
    toggled_sort,
    without_filters,
)
from paiws.screens.create.gate import create_blocked_reason
from paiws.screens.create.wizard import CreateWizard
from paiws.screens.detail import DetailScreen
from paiws.screens.errors import error_body, report_error
from paiws.screens.id_lookup import IdLookupScreen
from paiws.screens.limits import LimitsScreen
from paiws.screens.messages import CallFailed, Change, PageLoaded, PagesDone
from paiws.screens.session import Session
from paiws.screens.widgets.debounce import Debouncer
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.workspace_grid import WorkspaceGrid

PAGE_SIZE = 100
NAME_DEBOUNCE = 0.3  # seconds of quiet typing before the server-side name filter is sent
KEY_DEBOUNCE = 0.15  # coalesces quick s/o/O presses into one request
TABLE_ACTIONS = frozenset(
    {
        "filter_name",
        "cycle_status",
        "toggle_sort",
        "toggle_order",
        "refresh",
        "copy_id",
        "open_console",
        "lookup",
        "limits",
    }
)
Streamed = PageLoaded | PagesDone | CallFailed


class WorkspaceTableScreen(PaiwsScreen[None]):
    AUTO_FOCUS = ""  # focus follows the state: the grid, the activation panel, or nothing
    HELP_TITLE: ClassVar[str] = "Workspace table"
    HELP_WIDGETS = (WorkspaceGrid, ActivationPanel)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "filter_name",
            "Filter",
            tooltip="Filter by name (server-side)",
            id="table.filter",
        ),
        Binding(
            "s",
            "cycle_status",
            "Status",
            tooltip="Status filter: all, ENABLED, INITIALIZING, FAILURE, …",
            id="table.status",
        ),
        Binding(
            "o", "toggle_sort", "Sort", tooltip="Sort by created / modified time", id="table.sort"
        ),
        Binding(
            "O", "toggle_order", "Order", tooltip="Toggle ascending / descending", id="table.order"
        ),
        Binding(
            "r",
            "refresh",
            "Refresh",
            tooltip="Refresh (keeps filter, sort and cursor)",
            id="table.refresh",
        ),
        Binding(
            "r", "retry_activation", "Retry", tooltip="Retry the activation check", id="table.retry"
        ),
        Binding("i", "lookup", "IDs", tooltip="Look up workspaces by ID", id="table.lookup"),
        Binding(
            "l", "limits", "Limits", tooltip="Show the region's resource limits", id="table.limits"
        ),
        Binding("n", "new_workspace", "New", tooltip="Create a workspace (guided)", id="table.new"),
        Binding("y", "copy_id", "Copy", tooltip="Copy the selected workspace ID", id="table.copy"),
        Binding(
            "b",
            "open_console",
            "Console",
            tooltip="Open the PAI console for the region",
            id="table.console",
        ),
        Binding(
            "escape",
            "escape",
            "Clear",
            tooltip="Close the filter / clear filters",
            id="table.escape",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_state = ListQuery(page_size=PAGE_SIZE)
        self.busy = False
        self.total: int | None = None
        self._gen = 0
        self._pending_cursor: str | None = None
        self._unreadable = 0  # R16: loaded rows with fields of the wrong type
        self._choice = 0
        self._reload = Debouncer(self, self._load)
        self._feed: PageFeed[Streamed] = PageFeed(self, self._apply, lambda: self._gen)

    # -- layout -------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        name_filter = Field(
            placeholder="Filter by name (server-side); Enter or Esc closes", id="name-filter"
        )
        empty = Static("", id="empty", classes="panel")
        name_filter.display = empty.display = False
        with RegionGate(content_id="browser", id="main-switcher"), Vertical(id="browser"):
            yield name_filter
            yield WorkspaceGrid(id="grid")
            yield empty
            yield Static("", id="load-status")

    def on_mount(self) -> None:
        self.watch(self.app, "session", self._session_changed)

    @property
    def gate(self) -> RegionGate:
        return self.query_one(RegionGate)

    @property
    def mode(self) -> str:
        """ "idle", "checking", "gate", "failed" or "browser"."""
        state = self.gate.state
        return "browser" if state == "open" else state

    @property
    def grid(self) -> WorkspaceGrid:
        return self.query_one("#grid", WorkspaceGrid)

    # -- region and activation (R2, R3) -------------------------------------------------------

    def _session_changed(self, session: Session) -> None:
        region = session.region
        if region is None or session.choice == self._choice:
            return
        self._choice = session.choice
        if region == self.gate.region_id:
            # The user picked the region already shown: retry only if its check had failed.
            if self.gate.state == "failed":
                self.gate.check(recheck=False)
            return
        self._gen += 1
        self._reload.cancel()
        self._feed.clear()
        self.query_state = ListQuery(page_size=PAGE_SIZE)  # filters belong to a region
        self.total = None
        self.busy = False
        self.grid.replace_rows(())
        self.query_one("#name-filter", Input).value = ""
        self.gate.enter(region)

    @on(RegionGate.Opened)
    def _opened(self, event: RegionGate.Opened) -> None:
        self.grid.focus()
        self._load()

    def action_retry_activation(self) -> None:
        self.gate.check(recheck=True)

    # -- loading ------------------------------------------------------------------------------

    def _load(self, *, keep_cursor: str | None = None) -> None:
        self._gen += 1
        self._reload.cancel()
        self._feed.clear()
        self.busy = True
        self._pending_cursor = keep_cursor
        self._update_status()
        self._fetch_pages(self._gen, self.chosen_region, self.query_state)

    @work(thread=True, exclusive=True, exit_on_error=False, group="workspaces")
    def _fetch_pages(self, gen: int, region: str, query: ListQuery) -> None:
        worker = get_current_worker()

        def stale() -> bool:
            return worker.is_cancelled or gen != self._gen

        try:
            first = True
            for page in self.service.iter_workspaces(region, query, cancelled=stale):
                if stale():
                    return
                self.post_message(PageLoaded(gen, page, first=first))
                first = False
        except Exception as error:  # every failure becomes a message the UI explains
            self.post_message(CallFailed(gen, "load the workspaces", error))
            return
        self.post_message(PagesDone(gen))

    def on_page_loaded(self, message: PageLoaded) -> None:
        self._feed.push(message)

    def on_pages_done(self, message: PagesDone) -> None:
        self._feed.push(message)

    def on_call_failed(self, message: CallFailed) -> None:
        self._feed.push(message)  # after the pages that arrived before the failure

    def _apply(self, item: Streamed) -> int:
        if isinstance(item, PageLoaded):
            return self._show_page(item)
        if isinstance(item, PagesDone):
            self._pages_done()
        else:
            self._loading_failed(item)
        return 0

    def _show_page(self, message: PageLoaded) -> int:
        grid = self.grid
        if message.first:
            grid.replace_rows(message.page.rows)
            self._unreadable = 0
        else:
            grid.append_rows(message.page.rows)
        self._unreadable += message.page.unreadable_items
        self.total = message.page.total
        if self._pending_cursor and grid.move_to(self._pending_cursor):
            self._pending_cursor = None
        self._update_status()
        return len(message.page.rows)

    def _pages_done(self) -> None:
        self.busy = False
        if self.total is None:  # no page at all: an empty answer
            self.grid.replace_rows(())
            self.total = 0
        self._pending_cursor = None
        self._update_status()

    def _loading_failed(self, message: CallFailed) -> None:
        self.busy = False
        self._update_status(failed=True)
        if self.grid.loaded == 0:  # nothing to look at: explain in place of the table
            body = error_body(message.error, purpose=message.purpose)
            body.append("\n\nPress r to retry, g to choose another region.")
            self.query_one("#empty", Static).update(body)
            self._show_grid(False)
        report_error(self, message.error, purpose=message.purpose)

    def _update_status(self, *, failed: bool = False) -> None:
        grid = self.grid
        loaded = grid.loaded
        text = Text()
        if failed:
            text.append(
                f"Loading stopped at {loaded} workspaces. Press r to retry. ", style="bold red"
            )
        elif self.busy and self.total is None:
            text.append(f"Loading workspaces in {self.chosen_region}… ", style="italic")
        elif self.total is not None:
            text.append(f"Loaded {loaded} of {self.total}", style="bold")
            text.append("  (loading…) " if self.busy else "  ")
        text.append("· " + summary(self.query_state), style="dim")
        if self._unreadable:
            text.append("\n" + unreadable_note(self._unreadable), style="yellow")
        self.query_one("#load-status", Static).update(text)
        show_empty = not self.busy and not failed and self.total == 0 and loaded == 0
        self._show_grid(not show_empty)
        if show_empty:
            self.query_one("#empty", Static).update(
                empty_text(
                    self.query_state, self.chosen_region, can_create=not self.session.read_only
                )
            )

    def _show_grid(self, show: bool) -> None:
        """Table or empty/error panel. Focus follows explicitly (a hidden table loses it at
        some later point otherwise, and the footer would flicker between two states)."""
        grid = self.grid
        self.query_one("#empty", Static).display = not show
        grid.display = show
        if not show and grid.has_focus:
            self.set_focus(None)
        elif show and self.focused is None and self.mode == "browser":
            grid.focus()

    # -- query changes ------------------------------------------------------------------------

    def _change_query(self, query: ListQuery, *, delay: float) -> None:
        """Apply a new filter/sort after a short pause: typing or repeated keys send one request."""
        self.query_state = query
        self._gen += 1  # anything still in flight answers an older question now
        self.busy = True
        self._update_status()
        self._reload.call_later(delay)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_workspace":
            # Hidden in read-only mode; behind the activation gate it explains why it can't.
            return not self.session.read_only and self.mode in ("browser", "gate")
        if action in TABLE_ACTIONS:
            return self.mode == "browser"
        if action == "retry_activation":
            return self.mode == "failed"
        if action == "escape":
            q = self.query_state
            return self.mode == "browser" and bool(
                q.name or q.status or self.query_one("#name-filter", Input).display
            )
        return super().check_action(action, parameters)

    def action_filter_name(self) -> None:
        name_filter = self.query_one("#name-filter", Input)
        name_filter.display = True
        name_filter.focus()
        self.refresh_bindings()

    @on(Input.Changed, "#name-filter")
    def _name_changed(self, event: Input.Changed) -> None:
        name = event.value.strip() or None
        if name != self.query_state.name:
            self._change_query(replace(self.query_state, name=name), delay=NAME_DEBOUNCE)

    @on(Input.Submitted, "#name-filter")
    def _name_submitted(self) -> None:
        self._close_filter()

    def _close_filter(self) -> None:
        self.query_one("#name-filter", Input).display = False
        self.grid.focus()
        self.refresh_bindings()

    def action_escape(self) -> None:
        name_filter = self.query_one("#name-filter", Input)
        if name_filter.display and name_filter.has_focus:
            self._close_filter()
            return
        # Escape on the table clears every filter (sort is kept).
        name_filter.value = ""
        self._close_filter()
        self._change_query(without_filters(self.query_state), delay=0)

    def action_cycle_status(self) -> None:
        self._change_query(next_status(self.query_state), delay=KEY_DEBOUNCE)

    def action_toggle_sort(self) -> None:
        self._change_query(toggled_sort(self.query_state), delay=KEY_DEBOUNCE)

    def action_toggle_order(self) -> None:
        self._change_query(toggled_order(self.query_state), delay=KEY_DEBOUNCE)

    def action_refresh(self) -> None:
        selected = self.grid.selected
        self._load(keep_cursor=selected.workspace_id if selected else None)

    def workspace_changed(self, workspace_id: str | None, change: Change) -> None:
        """A workspace was created, updated or deleted elsewhere: reload, cursor on it."""
        if self.mode == "browser":
            self._load(keep_cursor=workspace_id if change != "deleted" else None)

    # -- row actions --------------------------------------------------------------------------

    @on(WorkspaceGrid.RowSelected, "#grid")
    def _row_selected(self, event: WorkspaceGrid.RowSelected) -> None:
        row = self.grid.row_for(event.workspace_id)
        if row is not None:
            self.app.push_screen(DetailScreen(row=row))

    def action_copy_id(self) -> None:
        row = self.grid.selected
        if row is not None:
            self.app.copy_to_clipboard(row.workspace_id)
            self.notify(f"Copied {row.workspace_id}", title="Workspace ID", markup=False)

    def action_open_console(self) -> None:
        url = self.service.console_url(self.chosen_region)
        self.app.open_url(url)
        self.notify(f"Opening {url}", title="PAI console", markup=False)

    def action_lookup(self) -> None:
        self.app.push_screen(IdLookupScreen())

    def action_limits(self) -> None:
        self.app.push_screen(LimitsScreen())

    def action_new_workspace(self) -> None:
        reason = create_blocked_reason(self.service, self.session)
        if reason:
            self.notify(reason, title="Cannot create here", severity="warning", markup=False)
            return
        self.app.push_screen(CreateWizard(), self._wizard_done)

    def _wizard_done(self, workspace_id: str | None) -> None:
        # The wizard returns the workspace to show (new or already existing): cursor on it.
        if workspace_id:
            self.workspace_changed(workspace_id, "created")
