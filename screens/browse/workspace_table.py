"""The main screen: the chosen region's workspaces, behind its activation check (R3).

The region gate (`region_gate.py`) runs the check and opens the table; the table loads the first
page at once and streams the rest in a thread worker (`page_feed.py` puts them on screen a step
at a time). Every request carries a generation number, so an answer to an older question
(another region, filter or sort) is dropped. Status and sort keys are debounced.

Finding and ordering: `/` filters the loaded rows on every column as you type (no request);
while not every row is loaded, Enter asks the server for names containing the text and its
rows join the loaded ones. `s` picks a status (server-side). Sorting by created/modified time
is the server's (`o`, `O`); any other column sorts the loaded rows (`<` `>`, or a click on its
header), and the status line says so.

Live status: rows in transition (INITIALIZING, UPDATING) that are on screen refresh by
themselves (`live_refresh.py`, R5), at most one request at a time, backing off, pausing after a
while; the status line says how old the rows are, and marks rows a failed refresh left stale.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from paiws.core.api import ListQuery, WorkspaceRow, unreadable_note
from paiws.screens.base import PaiwsScreen
from paiws.screens.browse.activation_panel import ActivationPanel
from paiws.screens.browse.live_refresh import LiveRefresher
from paiws.screens.browse.page_feed import PageFeed
from paiws.screens.browse.region_gate import RegionGate
from paiws.screens.browse.status_picker import ALL, StatusPicker
from paiws.screens.browse.table_query import (
    empty_text,
    local_sort_text,
    no_match_text,
    summary,
    toggled_order,
    toggled_sort,
    without_filters,
)
from paiws.screens.create.gate import create_blocked_reason
from paiws.screens.create.wizard import CreateWizard
from paiws.screens.delete_workspace import DeleteWorkspace
from paiws.screens.detail import DetailScreen
from paiws.screens.edit_workspace import EditWorkspace
from paiws.screens.errors import error_body, read_only_reason, report_error
from paiws.screens.id_lookup import IdLookupScreen
from paiws.screens.limits import LimitsScreen
from paiws.screens.messages import (
    CallFailed,
    Change,
    PageLoaded,
    PagesDone,
    RefreshFailed,
    RowsRefreshed,
    SearchDone,
    SearchPage,
    WorkspaceChanged,
)
from paiws.screens.record_view import RecordScreen
from paiws.screens.session import Session
from paiws.screens.widgets.columns import BY_TITLE, COLUMNS
from paiws.screens.widgets.debounce import Debouncer
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.workspace_grid import STALE_MARK, WorkspaceGrid

PAGE_SIZE = 100
KEY_DEBOUNCE = 0.15  # coalesces quick s/o/O presses into one request
TABLE_ACTIONS = frozenset(
    {
        "filter_name",
        "pick_status",
        "toggle_sort",
        "toggle_order",
        "sort_column",
        "refresh",
        "copy_id",
        "open_console",
        "show_json",
        "edit",
        "delete",
        "lookup",
        "limits",
    }
)
ROW_ACTIONS = frozenset({"copy_id", "show_json", "edit", "delete"})
CHANGE_ACTIONS = frozenset({"new_workspace", "edit", "delete"})
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
            tooltip="Filter the loaded rows on every column; Enter asks the server by name",
            id="table.filter",
        ),
        Binding(
            "escape",
            "escape",
            "Clear",
            tooltip="Close the filter / clear the filters",
            id="table.escape",
        ),
        Binding(
            "s",
            "pick_status",
            "Status",
            tooltip="Pick a status to list (server-side)",
            id="table.status",
        ),
        Binding(
            "o",
            "toggle_sort",
            "Sort",
            tooltip="Sort by created / modified time (server-side)",
            id="table.sort",
        ),
        Binding(
            "O", "toggle_order", "Order", tooltip="Toggle ascending / descending", id="table.order"
        ),
        Binding(
            "less_than_sign",
            "sort_column(-1)",
            "Sort ◂",
            show=False,
            tooltip="Sort by the column to the left (a click on a header sorts by it)",
            id="table.sort_left",
        ),
        Binding(
            "greater_than_sign",
            "sort_column(1)",
            "Sort ▸",
            show=False,
            tooltip="Sort by the column to the right (other than created/modified: loaded rows)",
            id="table.sort_right",
        ),
        Binding(
            "r",
            "refresh",
            "Refresh",
            tooltip="Refresh (keeps filter, sort and cursor; resumes auto refresh)",
            id="table.refresh",
        ),
        Binding(
            "r", "retry_activation", "Retry", tooltip="Retry the activation check", id="table.retry"
        ),
        Binding("n", "new_workspace", "New", tooltip="Create a workspace (guided)", id="table.new"),
        Binding(
            "b",
            "open_console",
            "Console",
            tooltip="Open the selected workspace in the PAI console (empty table: the region's)",
            id="table.console",
        ),
        Binding(
            "v",
            "show_json",
            "JSON",
            tooltip="The selected workspace as masked JSON",
            id="table.json",
        ),
        Binding("e", "edit", "Edit", tooltip="Edit the selected workspace", id="table.edit"),
        Binding(
            "ctrl+d",
            "delete",
            "Delete",
            tooltip="Delete the selected workspace (type its name to confirm)",
            id="table.delete",
        ),
        # In read-only mode the change keys answer with the reason (not offered anywhere).
        Binding("n", "refuse('create a workspace')", show=False, id="table.new_refused"),
        Binding("e", "refuse('update a workspace')", show=False, id="table.edit_refused"),
        Binding("ctrl+d", "refuse('delete a workspace')", show=False, id="table.delete_refused"),
        Binding("y", "copy_id", "Copy", tooltip="Copy the selected workspace ID", id="table.copy"),
        Binding("i", "lookup", "IDs", tooltip="Look up workspaces by ID", id="table.lookup"),
        Binding(
            "l", "limits", "Limits", tooltip="Show the region's resource limits", id="table.limits"
        ),
    ]
    HINTS = (
        "table.open",
        "table.retry",
        "table.filter",
        "table.escape",
        "table.status",
        "table.sort",
        "table.refresh",
        "table.new",
        "table.console",
        "table.json",
        "table.edit",
        "table.delete",
        "table.order",
        "table.copy",
        "table.lookup",
        "table.limits",
        "app.region",
        "screen.quit",
    )

    def __init__(self) -> None:
        super().__init__()
        self.query_state = ListQuery(page_size=PAGE_SIZE)
        self.busy = False
        self.searching: str | None = None  # the text the server is being asked about
        self.searched: str | None = None  # the last text the server answered for
        self.total: int | None = None
        self.local_sort: tuple[str, bool] | None = None  # (column title, descending)
        self.updated_at: float | None = None  # the policy clock when rows were last fetched
        self._gen = 0
        self._search_gen = 0
        self._pending_cursor: str | None = None
        self._pending_index: int | None = None
        self._choice = 0
        self._failed = False
        self._reload = Debouncer(self, self._load)
        self._feed: PageFeed[Streamed] = PageFeed(self, self._apply, lambda: self._gen)
        self.live = LiveRefresher(self)

    # -- layout -------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        name_filter = Field(
            placeholder="Filter the loaded rows (any column); Enter asks the server by name",
            id="name-filter",
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
        self.live.start_ticking()

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

    @property
    def name_filter(self) -> Input:
        return self.query_one("#name-filter", Input)

    @property
    def complete(self) -> bool:
        """Every workspace of the current list is loaded (so the filter sees them all)."""
        return not self.busy and self.total is not None and self.grid.loaded >= self.total

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
        self._search_gen += 1
        self._reload.cancel()
        self._feed.clear()
        self.live.reset()
        self.query_state = ListQuery(page_size=PAGE_SIZE)  # filters belong to a region
        self.local_sort = None
        self.total = None
        self.busy = False
        self.searching = self.searched = None
        self.updated_at = None
        grid = self.grid
        grid.replace_rows(())
        grid.set_filter("")
        grid.set_local_sort(None)
        self.name_filter.value = ""
        self._show_sort()
        self.gate.enter(region)

    @on(RegionGate.Opened)
    def _opened(self, event: RegionGate.Opened) -> None:
        self.grid.focus()
        self._load()

    def action_retry_activation(self) -> None:
        self.gate.check(recheck=True)

    # -- loading ------------------------------------------------------------------------------

    def _load(self, *, keep_cursor: str | None = None, keep_index: int | None = None) -> None:
        self._gen += 1
        self._search_gen += 1
        self.searching = None
        self._reload.cancel()
        self._feed.clear()
        self.live.cancel()
        self.busy = True
        self._failed = False
        self._pending_cursor = keep_cursor
        self._pending_index = keep_index
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
        if message.gen == self._search_gen and message.purpose == SEARCH_PURPOSE:
            self._search_failed(message)
            return
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
        else:
            grid.append_rows(message.page.rows)
        self.total = message.page.total
        self._restore_cursor(done=False)
        self._update_status()
        return len(message.page.rows)

    def _restore_cursor(self, *, done: bool) -> None:
        grid = self.grid
        if self._pending_cursor and grid.move_to(self._pending_cursor):
            self._pending_cursor = self._pending_index = None
        elif self._pending_index is not None and (done or grid.row_count > self._pending_index):
            # After a delete: the row below the deleted one (or the last row).
            grid.move_cursor(row=self._pending_index)
            self._pending_index = None

    def _pages_done(self) -> None:
        self.busy = False
        if self.total is None:  # no page at all: an empty answer
            self.grid.replace_rows(())
            self.total = 0
        self._restore_cursor(done=True)
        self._pending_cursor = self._pending_index = None
        self.updated_at = self.live.now()
        self.live.rows_changed()
        self._update_status()

    def _loading_failed(self, message: CallFailed) -> None:
        self.busy = False
        self._failed = True
        self._update_status()
        if self.grid.loaded == 0:  # nothing to look at: explain in place of the table
            body = error_body(message.error, purpose=message.purpose)
            body.append("\n\nPress r to retry, g to choose another region.")
            self.query_one("#empty", Static).update(body)
            self._show_grid(False)
        report_error(self, message.error, purpose=message.purpose)

    # -- the status line ----------------------------------------------------------------------

    def _update_status(self) -> None:
        grid = self.grid
        loaded = grid.loaded
        text = Text()
        if self._failed:
            text.append(
                f"Loading stopped at {loaded} workspaces. Press r to retry. ", style="bold red"
            )
        elif self.busy and self.total is None:
            text.append(f"Loading workspaces in {self.chosen_region}… ", style="italic")
        elif self.total is not None:
            text.append(f"Loaded {loaded:,} of {self.total:,}", style="bold")
            text.append(" (loading…) " if self.busy else " ")
        filtering = grid.filter_text
        if filtering:
            text.append(f"· {grid.row_count:,} match {filtering!r} ", style="bold")
            if self.searching is not None:
                text.append("· asking the server for names containing it… ", style="italic")
            elif not self.complete and self.total is not None:
                text.append(
                    f"· filtering {loaded:,} loaded of {self.total:,}: Enter asks the server ",
                    style="italic",
                )
        text.append_text(self.live.status_text())
        text.append("· " + summary(self.query_state, self._local_sort_text()), style="dim")
        unreadable = grid.unreadable
        if unreadable:
            text.append("\n" + unreadable_note(unreadable), style="yellow")
        self.query_one("#load-status", Static).update(text)
        self._show_empty_state()

    def _local_sort_text(self) -> str | None:
        if self.local_sort is None:
            return None
        title, descending = self.local_sort
        return local_sort_text(title, descending, self.grid.loaded, self.total)

    def _show_empty_state(self) -> None:
        grid = self.grid
        if self._failed and grid.loaded == 0:
            return  # the failure explanation is shown instead
        empty = self.query_one("#empty", Static)
        if not self.busy and self.total == 0 and grid.loaded == 0:
            empty.update(
                empty_text(
                    self.query_state, self.chosen_region, can_create=not self.session.read_only
                )
            )
            self._show_grid(False)
        elif grid.filter_text and grid.row_count == 0 and grid.loaded and self.searching is None:
            searched = self.searched == grid.filter_text
            empty.update(no_match_text(grid.filter_text, complete=self.complete, searched=searched))
            self._show_grid(False)
        else:
            self._show_grid(True)

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
        """Apply a new server filter/sort after a short pause: repeated keys send one request."""
        self.query_state = query
        self._gen += 1  # anything still in flight answers an older question now
        self.busy = True
        self._update_status()
        self._reload.call_later(delay)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        read_only = self.session.read_only
        if action == "refuse":
            return read_only and self.mode in ("browser", "gate")
        if action in CHANGE_ACTIONS and read_only:
            return False  # never offered (R13); the key answers through "refuse"
        if action == "new_workspace":
            # Behind the activation gate it explains why it can't.
            return self.mode in ("browser", "gate")
        if action in TABLE_ACTIONS:
            if self.mode != "browser":
                return False
            if action in ROW_ACTIONS:
                return self.grid.selected is not None
            return True
        if action == "retry_activation":
            return self.mode == "failed"
        if action == "escape":
            q = self.query_state
            return self.mode == "browser" and bool(
                q.name or q.status or self.grid.filter_text or self.name_filter.display
            )
        return super().check_action(action, parameters)

    # -- `/`: the local filter, and the server for the rest ----------------------------------

    def action_filter_name(self) -> None:
        name_filter = self.name_filter
        name_filter.display = True
        name_filter.focus()
        self.refresh_bindings()

    @on(Input.Changed, "#name-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        # Instantly, on the loaded rows: no request while typing.
        if event.value.strip() != self.grid.filter_text:
            self._search_gen += 1  # a server search for the old text answers no one now
            self.searching = None
        self.grid.set_filter(event.value)
        self.live.rows_changed()
        self._update_status()
        self.refresh_bindings()

    @on(Input.Submitted, "#name-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self._close_filter()
        text = event.value.strip()
        if text and not self.complete and self.searched != text:
            self._search(text)

    def _close_filter(self) -> None:
        self.name_filter.display = False
        self.grid.focus()
        self.refresh_bindings()

    def _search(self, text: str) -> None:
        """Ask the server for names containing ``text`` (WorkspaceName=, fuzzy); its rows join
        the loaded ones, so the filter shows them too."""
        self._search_gen += 1
        self.searching = text
        self._update_status()
        self._search_pages(
            self._search_gen, self.chosen_region, replace(self.query_state, name=text)
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def _search_pages(self, gen: int, region: str, query: ListQuery) -> None:
        worker = get_current_worker()

        def stale() -> bool:
            return worker.is_cancelled or gen != self._search_gen

        try:
            for page in self.service.iter_workspaces(region, query, cancelled=stale):
                if stale():
                    return
                self.post_message(SearchPage(gen, page))
        except Exception as error:  # every failure becomes a message the UI explains
            self.post_message(CallFailed(gen, SEARCH_PURPOSE, error))
            return
        self.post_message(SearchDone(gen))

    def on_search_page(self, message: SearchPage) -> None:
        if message.gen == self._search_gen:
            self.grid.append_rows(message.page.rows)
            self._update_status()

    def on_search_done(self, message: SearchDone) -> None:
        if message.gen == self._search_gen:
            self.searched, self.searching = self.searching, None
            self.live.rows_changed()
            self._update_status()

    def _search_failed(self, message: CallFailed) -> None:
        self.searching = None
        self._update_status()
        report_error(self, message.error, purpose=message.purpose)

    def action_escape(self) -> None:
        name_filter = self.name_filter
        if name_filter.display and name_filter.has_focus:
            self._close_filter()
            return
        # Escape on the table clears every filter (the sort is kept).
        name_filter.value = ""
        self.grid.set_filter("")
        self._close_filter()
        if self.query_state.name or self.query_state.status:
            self._change_query(without_filters(self.query_state), delay=0)
        else:
            self._update_status()

    # -- `s`: the status picker ---------------------------------------------------------------

    def action_pick_status(self) -> None:
        loaded = None
        if self.query_state.status is None:
            loaded = Counter(row.status for row in self.grid.loaded_rows())
        self.app.push_screen(StatusPicker(self.query_state.status, loaded), self._status_picked)

    def _status_picked(self, choice: str | None) -> None:
        if choice is None:
            return
        status = None if choice == ALL else choice
        if status != self.query_state.status:
            self._change_query(replace(self.query_state, status=status), delay=0)

    # -- sorting ------------------------------------------------------------------------------

    def action_toggle_sort(self) -> None:
        self.local_sort = None
        self.grid.set_local_sort(None)
        self._change_query(toggled_sort(self.query_state), delay=KEY_DEBOUNCE)
        self._show_sort()

    def action_toggle_order(self) -> None:
        if self.local_sort is not None:
            title, descending = self.local_sort
            self._sort_locally(title, not descending)
            return
        self._change_query(toggled_order(self.query_state), delay=KEY_DEBOUNCE)
        self._show_sort()

    def action_sort_column(self, step: int) -> None:
        titles = [column.title for column in COLUMNS]
        current = self.local_sort[0] if self.local_sort else self._server_sort_title()
        index = titles.index(current) + step
        if 0 <= index < len(titles):
            self._sort_by(titles[index])

    @on(WorkspaceGrid.HeaderClicked, "#grid")
    def _header_clicked(self, event: WorkspaceGrid.HeaderClicked) -> None:
        column = next(c for c in COLUMNS if c.index == event.column)
        current = self.local_sort[0] if self.local_sort else self._server_sort_title()
        if column.title == current:
            self.action_toggle_order()
        else:
            self._sort_by(column.title)

    def _server_sort_title(self) -> str:
        return "Modified" if self.query_state.sort_by == "GmtModifiedTime" else "Created"

    def _sort_by(self, title: str) -> None:
        column = BY_TITLE[title]
        descending = self.local_sort[1] if self.local_sort else self.query_state.order == "DESC"
        if column.server_sort is None:
            self._sort_locally(title, descending)
            return
        # Created / Modified: the server's order of every workspace (a reload if it changes).
        self.local_sort = None
        self.grid.set_local_sort(None)
        order = "DESC" if descending else "ASC"
        query = replace(self.query_state, sort_by=column.server_sort, order=order)
        if query != self.query_state:
            self._change_query(query, delay=KEY_DEBOUNCE)
        self._show_sort()
        self._update_status()

    def _sort_locally(self, title: str, descending: bool) -> None:
        self.local_sort = (title, descending)
        self.grid.set_local_sort(BY_TITLE[title].index, descending)
        self.live.rows_changed()
        self._show_sort()
        self._update_status()

    def _show_sort(self) -> None:
        """The header's ▲/▼ on the sorted column."""
        if self.local_sort is not None:
            title, descending = self.local_sort
        else:
            title, descending = self._server_sort_title(), self.query_state.order == "DESC"
        self.grid.set_arrow(BY_TITLE[title].index, descending)

    # -- refresh ------------------------------------------------------------------------------

    def action_refresh(self) -> None:
        selected = self.grid.selected
        self.live.resume()
        self._load(keep_cursor=selected.workspace_id if selected else None)

    def workspace_changed(self, workspace_id: str | None, change: Change) -> None:
        """A workspace was created, updated or deleted elsewhere: reload, cursor on it (or,
        after a delete, where the deleted row was)."""
        if self.mode != "browser":
            return
        if change == "deleted":
            grid = self.grid
            index = grid.cursor_row
            if workspace_id is not None and grid.row_for(workspace_id) is not None:
                # Loaded but filtered out: the cursor stays where it is.
                with contextlib.suppress(KeyError):
                    index = grid.get_row_index(workspace_id)
            self._load(keep_index=index)
        else:
            self._load(keep_cursor=workspace_id)

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
        row = self.grid.selected
        workspace_id = row.workspace_id if row is not None else None
        url = self.service.console_url(self.chosen_region, workspace_id)
        self.app.open_url(url)
        self.notify(f"Opening {url}", title="PAI console", markup=False)

    def action_show_json(self) -> None:
        row = self.grid.selected
        if row is not None:
            self.app.push_screen(RecordScreen(row))

    def action_lookup(self) -> None:
        examples = tuple(row.workspace_id for row in self.grid.loaded_rows()[:2])
        self.app.push_screen(IdLookupScreen(examples=examples))

    def action_limits(self) -> None:
        self.app.push_screen(LimitsScreen())

    def action_refuse(self, action: str) -> None:
        """A change key in read-only mode: the one sentence, instead of silence."""
        self.notify(
            read_only_reason(action), title="Read-only mode", severity="warning", markup=False
        )

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

    def action_edit(self) -> None:
        row = self.grid.selected
        if row is not None:
            self.app.push_screen(EditWorkspace(row), self._edited)

    def _edited(self, detail: object) -> None:
        row = getattr(detail, "workspace", None)
        if isinstance(row, WorkspaceRow):
            self.post_message(WorkspaceChanged(row.workspace_id, "updated"))

    def action_delete(self) -> None:
        row = self.grid.selected
        if row is not None:
            self.app.push_screen(DeleteWorkspace(row), self._deleted)

    def _deleted(self, workspace_id: str | None) -> None:
        if workspace_id is not None:
            self.post_message(WorkspaceChanged(workspace_id, "deleted"))

    # -- live status (live_refresh.py calls these) --------------------------------------------

    def on_rows_refreshed(self, message: RowsRefreshed) -> None:
        self.live.answered(message)

    def on_refresh_failed(self, message: RefreshFailed) -> None:
        self.live.failed_with(message)

    def refresh_status(self) -> None:
        self._update_status()

    def rows_refreshed(self, rows: tuple[WorkspaceRow, ...], missing: tuple[str, ...]) -> None:
        grid = self.grid
        grid.update_rows(rows)
        grid.set_marks([row.workspace_id for row in rows], None)
        if missing:
            # R5: the batch answer is final; these no longer exist.
            grid.remove_rows(missing)
            self.notify(
                f"{len(missing)} workspace(s) no longer exist: {', '.join(missing)}",
                title="Refreshed",
                markup=False,
            )
        self._update_status()

    def rows_went_stale(self, ids: tuple[str, ...]) -> None:
        self.grid.set_marks(ids, STALE_MARK)
        self._update_status()

    @property
    def quiet(self) -> bool:
        """Nothing else of this screen is talking to the server (one request at a time)."""
        return self.mode == "browser" and not self.busy and self.searching is None


SEARCH_PURPOSE = "search the server by name"
