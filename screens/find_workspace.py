"""Find a workspace by name across regions (R15; `ctrl+f` on the picker and the table, and the
command palette). The server's fuzzy name filter runs in every region where PAI is activated
(each after its activation check); each region's matches appear as it answers, with the region
and the usual masked columns. Enter on a result opens it in its region.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from paiws.core.api import (
    STATUS_STYLES,
    TABLE_COLUMNS,
    RegionMatches,
    WorkspaceRow,
    find_summary,
    row_cells,
    unreadable_note,
    validation,
)
from paiws.screens.base import PaiwsScreen
from paiws.screens.errors import error_body
from paiws.screens.messages import CallFailed, OpenWorkspace, RegionSearched, ScanDone
from paiws.screens.widgets.inputs import Field

# The result columns, most useful first; narrower screens show a prefix of this list.
COLUMNS: tuple[str, ...] = (
    "Region",
    "Name",
    "ID",
    "Status",
    "Display Name",
    "Created",
    "Creator ID",
    "Administrators",
    "Environments",
    "Modified",
    "Resource Group",
    "Default",
)
WIDE = 120  # from this width on every column is shown; below, the first NARROW_COLUMNS
NARROW_COLUMNS = 5


class FindScreen(PaiwsScreen[None]):
    HELP_TITLE: ClassVar[str] = "Find by name (every region)"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+f",
            "edit_name",
            "Name",
            tooltip="Type another name to look for",
            priority=True,
            id="find.name",
        ),
    ]

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.initial = name
        self.busy = False
        self._gen = 0
        self._answers: dict[str, RegionMatches] = {}
        self._found: dict[str, tuple[str, WorkspaceRow]] = {}  # row key -> (region, row)
        self._columns: tuple[str, ...] = COLUMNS
        self._text = ""

    def compose_body(self) -> ComposeResult:
        with Vertical(id="find"):
            yield Static(
                Text.assemble(
                    ("Find a workspace by name", "bold"),
                    "  in every region where PAI is activated (the server matches part of "
                    "the name). Enter on a result opens it in its region.",
                ),
                id="find-title",
            )
            yield Field(placeholder="Part of a workspace name, then Enter", id="find-name")
            yield Static("", id="find-status")
            yield DataTable[Text](id="find-results", cursor_type="row", zebra_stripes=True)
            yield Static("", id="find-errors")

    def on_mount(self) -> None:
        self._columns = COLUMNS if self.size.width >= WIDE else COLUMNS[:NARROW_COLUMNS]
        table = self.query_one("#find-results", DataTable)
        for title in self._columns:
            table.add_column(Text(title), key=title)
        table.display = False
        name_input = self.query_one("#find-name", Input)
        name_input.focus()
        if self.initial:
            name_input.value = self.initial
            self._search(self.initial)

    # -- searching ----------------------------------------------------------------------------

    @on(Input.Submitted, "#find-name")
    def _submitted(self, event: Input.Submitted) -> None:
        self._search(event.value)

    def _search(self, text: str) -> None:
        problem = validation.search_problem(text)
        status = self.query_one("#find-status", Static)
        if problem:
            status.update(Text(problem, style="bold red"))
            return
        self._gen += 1
        self._text = text.strip()
        self.busy = True
        self._answers.clear()
        self._found.clear()
        table = self.query_one("#find-results", DataTable)
        table.clear()
        table.display = False
        self.query_one("#find-errors", Static).update("")
        self._show_status()
        self._find(self._gen, self._text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="find")
    def _find(self, gen: int, name: str) -> None:
        worker = get_current_worker()

        def stale() -> bool:
            return worker.is_cancelled or gen != self._gen

        try:
            for matches in self.service.find_workspaces(name, cancelled=stale):
                if stale():
                    return
                self.post_message(RegionSearched(gen, matches))
        except Exception as error:  # every failure becomes a message the UI explains
            self.post_message(CallFailed(gen, "find workspaces by name", error))
            return
        self.post_message(ScanDone(gen))

    def on_region_searched(self, message: RegionSearched) -> None:
        if message.gen != self._gen:
            return
        matches = message.matches
        self._answers[matches.region.id] = matches
        for row in matches.rows:
            self._found.setdefault(
                f"{matches.region.id}/{row.workspace_id}", (matches.region.id, row)
            )
        if matches.rows:
            self._show_rows()
        self._show_status()
        self._show_errors()

    def _show_rows(self) -> None:
        """Every match so far, in catalogue order of regions, then by name (answers arrive in
        any order; once the user is in the table, the cursor stays on its workspace)."""
        table = self.query_one("#find-results", DataTable)
        cursor = None
        if table.row_count and table.has_focus:
            cursor = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        order = {region.id: index for index, region in enumerate(self.service.regions())}
        keys = sorted(
            self._found, key=lambda k: (order.get(self._found[k][0], 99), self._found[k][1].name)
        )
        table.clear()
        for key in keys:
            region, row = self._found[key]
            table.add_row(*self._cells(region, row), key=key)
        if cursor in keys:
            table.move_cursor(row=keys.index(str(cursor)))
        if not table.display:
            table.display = True

    def on_scan_done(self, message: ScanDone) -> None:
        if message.gen == self._gen:
            self.busy = False
            self._show_status()
            if self._found:
                self.query_one("#find-results", DataTable).focus()

    def on_call_failed(self, message: CallFailed) -> None:
        if message.gen == self._gen:
            self.busy = False
            self.query_one("#find-status", Static).update(
                error_body(message.error, purpose=message.purpose)
            )

    def _cells(self, region: str, row: WorkspaceRow) -> list[Text]:
        values = dict(zip(TABLE_COLUMNS, row_cells(row), strict=True))
        values["Region"] = region
        cells = []
        for column in self._columns:
            cell = Text(values[column], no_wrap=True, overflow="ellipsis")
            if column == "Status":
                cell.stylize(STATUS_STYLES.get(row.status, ""))
            cells.append(cell)
        return cells

    def _in_order(self) -> list[RegionMatches]:
        """The answers in catalogue order (they arrive in any order)."""
        return [self._answers[r.id] for r in self.service.regions() if r.id in self._answers]

    def _show_status(self) -> None:
        answers = self._in_order()
        regions = len(self.service.regions())
        if self.busy:
            text = Text(
                f"Looking for {self._text!r}… {len(answers)} of {regions} regions answered, "
                f"{len(self._found)} match{'' if len(self._found) == 1 else 'es'} so far.",
                style="italic",
            )
        else:
            text = Text(find_summary(self._text, answers))
            unreadable = sum(1 for _, row in self._found.values() if row.unreadable)
            if unreadable:
                text.append(f" {unreadable_note(unreadable)}", style="yellow")
            skipped = [
                a.region.id for a in answers if a.state in ("not activated", "no permission")
            ]
            if skipped:
                text.append(
                    f" Not searched (PAI not activated): {', '.join(skipped)}.", style="dim"
                )
        self.query_one("#find-status", Static).update(text)

    def _show_errors(self) -> None:
        failed = [a for a in self._in_order() if a.state == "error"]
        text = Text()
        for answer in failed:
            if text:
                text.append("\n")
            text.append(f"{answer.region.id}: ", style="bold")
            text.append(answer.error or "the search failed.", style="red")
        self.query_one("#find-errors", Static).update(text)

    # -- opening a result ---------------------------------------------------------------------

    @on(DataTable.RowSelected, "#find-results")
    def _open(self, event: DataTable.RowSelected) -> None:
        found = self._found.get(str(event.row_key.value))
        if found is not None:
            region, row = found
            self.post_message(OpenWorkspace(region, row))

    def action_edit_name(self) -> None:
        name_input = self.query_one("#find-name", Input)
        name_input.focus()
        name_input.select_all()
