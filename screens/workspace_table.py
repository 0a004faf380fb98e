"""The main screen: activation check for the chosen region, then the workspace table.

States (one ContentSwitcher): idle (no region yet) → checking → gate (not activated, R3) or
failed (the check itself failed) or browser (the table). The table loads the first page at once
and streams the remaining pages in a thread worker; every request carries a generation number
so an answer to an older question (another region, filter or sort) is dropped.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from typing import ClassVar, Literal

from paiws.core.views import ActivationState, ListQuery
from paiws.screens.activation import ActivationPanel
from paiws.screens.base import PaiwsScreen
from paiws.screens.create_wizard import CreateWizard, create_blocked_reason
from paiws.screens.detail import DetailScreen
from paiws.screens.errors import error_text, report_error
from paiws.screens.id_lookup import IdLookupScreen
from paiws.screens.limits import LimitsScreen
from paiws.screens.messages import ActivationChecked, CallFailed, PageLoaded, PagesDone
from paiws.screens.table_query import (
    empty_text,
    next_status,
    summary,
    toggled_order,
    toggled_sort,
    without_filters,
)
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.workspace_grid import WorkspaceGrid
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Input, LoadingIndicator, Static
from textual.worker import get_current_worker

Mode = Literal["idle", "checking", "gate", "failed", "browser"]
PAGE_SIZE = 100
NAME_DEBOUNCE = 0.3  # seconds of quiet typing before the server-side name filter is sent
KEY_DEBOUNCE = 0.15  # coalesces quick s/o/O presses into one request
# Streamed pages go into the table at most ROWS_PER_STEP rows per frame, so the table repaints
# and keys are handled while the rest arrives (see _queue).
ROWS_PER_STEP = 200
STEP_PAUSE = 1 / 60
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


class WorkspaceTableScreen(PaiwsScreen[None]):
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
        self.mode: Mode = "idle"
        self.query_state = ListQuery(page_size=PAGE_SIZE)
        self.busy = False
        self.total: int | None = None
        self._gen = 0
        self._pending_cursor: str | None = None
        self._reload_timer: Timer | None = None
        self._region_shown: str | None = None
        self._backlog: deque[PageLoaded | PagesDone | CallFailed] = deque()
        self._step_timer: Timer | None = None

    # -- layout -------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        with ContentSwitcher(initial="idle", id="main-switcher"):
            yield Static(Text("Choose a region to start: press g."), id="idle", classes="panel")
            with Vertical(id="checking", classes="panel"):
                yield Static("", id="checking-text")
                yield LoadingIndicator()
            yield ActivationPanel(id="gate", classes="panel")
            yield Static("", id="failed", classes="panel")
            with Vertical(id="browser"):
                yield Field(
                    placeholder="Filter by name (server-side); Enter or Esc closes",
                    id="name-filter",
                )
                yield WorkspaceGrid(id="grid")
                yield Static("", id="empty", classes="panel")
                yield Static("", id="load-status")

    def on_mount(self) -> None:
        self.query_one("#name-filter", Input).display = False
        self.query_one("#empty", Static).display = False
        self.watch(self.paiws, "region", self._region_changed)

    def _show(self, mode: Mode) -> None:
        self.mode = mode
        self.query_one("#main-switcher", ContentSwitcher).current = mode
        if mode == "gate":
            self.query_one("#gate", ActivationPanel).focus()
        elif mode == "browser":
            self.query_one("#grid", WorkspaceGrid).focus()
        else:  # nothing to act on while checking or after a failed check
            self.set_focus(None)
        self.refresh_bindings()

    @property
    def grid(self) -> WorkspaceGrid:
        return self.query_one("#grid", WorkspaceGrid)

    # -- region and activation (R2, R3) -------------------------------------------------------

    def _region_changed(self, region: str | None) -> None:
        if region is None or region == self._region_shown:
            return
        self._region_shown = region
        self._gen += 1
        self._cancel_reload()
        self.query_state = ListQuery(page_size=PAGE_SIZE)  # filters belong to a region
        self.total = None
        self.busy = False
        self.grid.replace_rows(())
        self.query_one("#name-filter", Input).value = ""
        cached = self.service.cached_activation(region)
        if cached is not None:
            self._apply_activation(cached)
        else:
            self._start_check(recheck=False)

    def recheck_if_needed(self) -> None:
        """The user picked the region already shown: retry only if its check had failed."""
        if self.mode == "failed":
            self._start_check(recheck=False)

    def _start_check(self, *, recheck: bool) -> None:
        self._gen += 1
        self.paiws.activation_badge = "checking"
        self.query_one("#checking-text", Static).update(
            Text(f"Checking PAI activation in {self.chosen_region}…", style="bold")
        )
        self._show("checking")
        self._check_activation(self._gen, self.chosen_region, recheck)

    @work(thread=True, exclusive=True, exit_on_error=False, group="activation")
    def _check_activation(self, gen: int, region: str, recheck: bool) -> None:
        try:
            state = self.service.activation(region, recheck=recheck)
        except Exception as error:  # every failure becomes a message the UI explains
            self.post_message(CallFailed(gen, "check PAI activation", error))
            return
        self.post_message(ActivationChecked(gen, state))

    def on_activation_checked(self, message: ActivationChecked) -> None:
        if message.gen == self._gen and message.state.region == self.paiws.region:
            self._apply_activation(message.state)

    def _apply_activation(self, state: ActivationState) -> None:
        self.paiws.activation_badge = state.status
        if state.activated:
            self._show("browser")
            self._load()
        else:
            self.query_one("#gate", ActivationPanel).show_state(state)
            self._show("gate")

    @on(ActivationPanel.RecheckRequested)
    def _recheck(self) -> None:
        self._start_check(recheck=True)

    def action_retry_activation(self) -> None:
        self._start_check(recheck=True)

    # -- loading ------------------------------------------------------------------------------

    def _load(self, *, keep_cursor: str | None = None) -> None:
        self._gen += 1
        self._cancel_reload()
        self._backlog.clear()
        if self._step_timer is not None:
            self._step_timer.stop()
            self._step_timer = None
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
        self._queue(message)

    def on_pages_done(self, message: PagesDone) -> None:
        self._queue(message)

    def _queue(self, message: PageLoaded | PagesDone | CallFailed) -> None:
        """Pages (and the end or failure of the stream, in order) wait here and go into the
        table a step at a time: the first page at once, then at most ROWS_PER_STEP rows per
        frame. Handled as they arrived, pages kept the screen's message queue busy, so it did
        not repaint until everything had loaded (first rows and key presses showed late)."""
        if message.gen != self._gen:
            return
        self._backlog.append(message)
        if self._step_timer is None:
            self._step()

    def _step(self) -> None:
        self._step_timer = None
        added = 0
        while self._backlog and added < ROWS_PER_STEP:
            message = self._backlog.popleft()
            if message.gen != self._gen:
                continue
            if isinstance(message, PageLoaded):
                self._show_page(message)
                added += len(message.page.rows)
            elif isinstance(message, PagesDone):
                self._pages_done()
            else:
                self._loading_failed(message)
        if added or self._backlog:  # a pause after every step, even if nothing waits yet
            self._step_timer = self.set_timer(STEP_PAUSE, self._step)

    def _show_page(self, message: PageLoaded) -> None:
        grid = self.grid
        if message.first:
            grid.replace_rows(message.page.rows)
        else:
            grid.append_rows(message.page.rows)
        self.total = message.page.total
        if self._pending_cursor and grid.move_to(self._pending_cursor):
            self._pending_cursor = None
        self._update_status()

    def _pages_done(self) -> None:
        self.busy = False
        if self.total is None:  # no page at all: an empty answer
            self.grid.replace_rows(())
            self.total = 0
        self._pending_cursor = None
        self._update_status()

    def on_call_failed(self, message: CallFailed) -> None:
        if message.gen != self._gen:
            return
        if self.mode == "checking":
            self.paiws.activation_badge = "unknown"
            failed = self.query_one("#failed", Static)
            failed.update(
                Text(
                    error_text(message.error, purpose=message.purpose)
                    + "\n\nPress r to retry, g to choose another region."
                )
            )
            self._show("failed")
            report_error(self, message.error, purpose=message.purpose)
        else:
            self._queue(message)  # after the pages that arrived before the failure

    def _loading_failed(self, message: CallFailed) -> None:
        self.busy = False
        self._update_status(failed=True)
        if self.grid.loaded == 0:  # nothing to look at: explain in place of the table
            empty = self.query_one("#empty", Static)
            empty.update(
                Text(
                    error_text(message.error, purpose=message.purpose)
                    + "\n\nPress r to retry, g to choose another region."
                )
            )
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
        self.query_one("#load-status", Static).update(text)
        empty = self.query_one("#empty", Static)
        show_empty = not self.busy and not failed and self.total == 0 and loaded == 0
        self._show_grid(not show_empty)
        if show_empty:
            empty.update(
                empty_text(
                    self.query_state, self.chosen_region, can_create=not self.service.read_only
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
        self._cancel_reload()
        self.busy = True
        self._update_status()
        if delay > 0:
            self._reload_timer = self.set_timer(delay, self._load)
        else:  # Textual timers cannot be 0 s long
            self._load()

    def _cancel_reload(self) -> None:
        if self._reload_timer is not None:
            self._reload_timer.stop()
            self._reload_timer = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_workspace":
            # Hidden in read-only mode; behind the activation gate it explains why it can't.
            return not self.service.read_only and self.mode in ("browser", "gate")
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

    def reload(self, select_id: str | None = None) -> None:
        """Reload keeping the query; put the cursor on `select_id` (used after create/delete)."""
        if self.mode == "browser":
            self._load(keep_cursor=select_id)

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
        reason = create_blocked_reason(self.service, self.chosen_region)
        if reason:
            self.notify(reason, title="Cannot create here", severity="warning", markup=False)
            return
        self.app.push_screen(CreateWizard(self.service, self.chosen_region), self._wizard_done)

    def _wizard_done(self, workspace_id: str | None) -> None:
        # The wizard returns the workspace to show (new or already existing): cursor on it.
        if workspace_id:
            self.reload(select_id=workspace_id)
