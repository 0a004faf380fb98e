"""The members table: one row per member, drawn a line at a time (Textual's line API, as the
workspace grid and toolong do), so 1,000 members or 10,000 cost the same per repaint and keys
keep answering while pages stream in.

Cells are `rich.text.Text` built from masked view models only (never parsed as markup). Roles
are shown in words; the owner's row is marked. Keys: up/down, page up/down, home/end,
left/right scroll sideways; enter asks to change the member's roles.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from paiws.core.api import MEMBER_COLUMNS, N_, MemberRow, _, member_cells
from paiws.screens.widgets.columns import CELL_PADDING
from paiws.screens.widgets.line_grid import GridMessage, LineGrid, fitted_line, grid_css

# The TUI's order: who (masked name and ID), then what they may do, then the rest. The titles
# are the keys of MEMBER_COLUMNS (English in code); the header shows them translated.
COLUMNS: tuple[str, ...] = (
    N_("Name"),
    N_("User ID"),
    N_("Roles"),
    N_("Display Name"),
    N_("Account"),
    N_("Account Type"),
    N_("Added"),
)
_SOURCE = tuple(MEMBER_COLUMNS.index(title) for title in COLUMNS)
ROLES_COLUMN = COLUMNS.index("Roles")


def header_widths() -> list[int]:
    """The columns' widths before any row: their titles in the interface language, in cells."""
    return [cell_len(_(title)) for title in COLUMNS]


def grid_cells(row: MemberRow) -> tuple[str, ...]:
    cells = member_cells(row)
    return tuple(cells[index] for index in _SOURCE)


def cell_texts(row: MemberRow) -> list[Text]:
    cells = [Text(cell, no_wrap=True, overflow="ellipsis") for cell in grid_cells(row)]
    if row.is_owner:
        cells[ROLES_COLUMN].stylize("bold")
    if row.unreadable:
        cells[0].stylize("yellow")
    return cells


class MemberGrid(LineGrid[MemberRow]):
    """A scrollable, row-cursor table of members with a fixed header line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            N_("Roles"),
            tooltip=N_("Change the selected member's roles"),
            id="members.roles",
        ),
        Binding("left", "scroll_sideways(-4)", show=False),
        Binding("right", "scroll_sideways(4)", show=False),
    ]
    COMPONENT_PREFIX = "member-grid"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "member-grid--header",
        "member-grid--cursor",
        "member-grid--even-row",
    }
    DEFAULT_CSS = grid_css("MemberGrid", COMPONENT_PREFIX, declarations="height: 1fr;")

    class RowSelected(GridMessage["MemberGrid"]):
        """Enter (or a click on the cursor row) on a member."""

        def __init__(self, grid: MemberGrid, row: MemberRow) -> None:
            super().__init__(grid)
            self.row = row

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[MemberRow] = []
        self._keys: set[str] = set()
        self._cells: list[tuple[str, ...]] = []
        self._widths = header_widths()

    # -- data ---------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def rows(self) -> tuple[MemberRow, ...]:
        return tuple(self._rows)

    def _row(self, index: int) -> MemberRow:
        return self._rows[index]

    def replace_rows(self, rows: Iterable[MemberRow]) -> None:
        self._rows.clear()
        self._keys.clear()
        self._cells.clear()
        self._widths = header_widths()
        self._invalidate_strips()
        self._cursor = 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.append_rows(rows)

    def append_rows(self, rows: Iterable[MemberRow]) -> None:
        widened = False
        first_new = len(self._rows)
        for row in rows:
            if row.key and row.key in self._keys:  # pages overlap when members join mid-stream
                continue
            if row.key:
                self._keys.add(row.key)
            cells = grid_cells(row)
            self._rows.append(row)
            self._cells.append(cells)
            for column, cell in enumerate(cells):
                width = cell_len(cell)
                if width > self._widths[column]:
                    self._widths[column] = width
                    widened = True
        if widened:
            self._invalidate_strips()
        self._set_virtual_width(sum(self._widths) + 2 * CELL_PADDING * len(self._widths))
        self._rows_added(first_new, widened=widened)

    def move_to_key(self, key: str) -> bool:
        for index, row in enumerate(self._rows):
            if row.key == key:
                self.move_cursor(row=index)
                return True
        return False

    def action_scroll_sideways(self, delta: int) -> None:
        self.scroll_to(x=self.scroll_x + delta, animate=False)

    def _selected_message(self, row: MemberRow) -> Message:
        return self.RowSelected(self, row)

    # -- rendering (the line API) -------------------------------------------------------------

    def _header_strip(self) -> Strip:
        return self._line([Text(_(title)) for title in COLUMNS])

    def _strip_key(self, index: int) -> Hashable:
        return (self._layout_key, index)

    def _row_strip(self, index: int) -> Strip:
        return self._line(cell_texts(self._rows[index]))

    def _line(self, cells: list[Text]) -> Strip:
        return self._strip(fitted_line(zip(cells, self._widths, strict=False)))
