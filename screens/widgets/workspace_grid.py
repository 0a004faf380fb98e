"""The workspace table: one row per workspace, keyed by workspace ID.

It draws only the lines on screen (Textual's line API, as toolong does), so its cost does not
grow with the number of rows: appending a page of 100 rows measures 1,100 plain strings (`Text`
cells are built only for rows that get drawn), however many rows came before. It was a
DataTable: at 10,000 rows the DataTable re-measured every new cell through Rich and re-rendered
every visible cell after each append, which kept the UI thread busy for tens of seconds (see
docs/performance.md).

Columns adapt to the width (`columns.py`): Name and Status are whole and pinned, the rest
scroll sideways a column at a time, long text is cut with `…`. What is shown is the loaded
rows, filtered on the text of every column (instantly, CJK aware: NFKC and case folded) and,
when asked, sorted on one column; the loaded rows themselves keep the server's order.
A one-character mark left of the name says a row may be stale (`~`, a refresh failed).

Cells are `rich.text.Text` (no markup is ever parsed); the status cell is coloured per status.
Headers are in the interface language; everything is measured and cut in cells (a Chinese
character takes two), never in characters.
Keys: up/down (j/k), page up/down, home/end (first/last row, G too), left/right scroll the
columns sideways, enter opens; a click on a header cell asks to sort by that column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from paiws.core.api import N_, STATUS_STYLES, TABLE_COLUMNS, WorkspaceRow, row_cells
from paiws.screens.widgets.columns import Layout, fit, heading, natural_widths
from paiws.screens.widgets.line_grid import GridMessage, LineGrid, fitted_line, grid_css

STATUS_COLUMN = TABLE_COLUMNS.index("Status")
STALE_MARK = "~"
MORE_LEFT, MORE_RIGHT = "\u2039", "\u203a"  # the header's "more columns this way" markers
_DIGITS = re.compile(r"(\d+)")

SortKey = tuple[str | int, ...]


def searchable(text: str) -> str:
    """What the filter compares: NFKC (full-width letters match ASCII ones) and case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def natural_key(text: str) -> SortKey:
    """Sorts ``ws_2`` before ``ws_10`` and ``9`` before ``10`` (digit runs compare as numbers)."""
    parts = _DIGITS.split(searchable(text))
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


def title_widths() -> list[int]:
    """The cells each column's header takes (in the interface language)."""
    return [cell_len(heading(title)) for title in TABLE_COLUMNS]


def char_at(text: str, cells: int) -> int:
    """The index of the character that starts ``cells`` cells into ``text``."""
    width = 0
    for index, character in enumerate(text):
        if width >= cells:
            return index
        width += cell_len(character)
    return len(text)


def row_texts(row: WorkspaceRow) -> list[Text]:
    cells = [Text(cell, no_wrap=True, overflow="ellipsis") for cell in row_cells(row)]
    cells[STATUS_COLUMN].stylize(STATUS_STYLES.get(row.status, ""))
    return cells


class WorkspaceGrid(LineGrid[WorkspaceRow]):
    """A scrollable, row-cursor table of workspaces with a fixed header line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            N_("Open"),
            tooltip=N_("Open the workspace detail"),
            id="table.open",
        ),
        Binding("k", "cursor_up", show=False),
        Binding("j", "cursor_down", show=False),
        Binding("G", "last_row", show=False),
        Binding("left", "scroll_columns(-1)", show=False),
        Binding("right", "scroll_columns(1)", show=False),
    ]
    COMPONENT_PREFIX = "workspace-grid"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "workspace-grid--header",
        "workspace-grid--cursor",
        "workspace-grid--even-row",
        "workspace-grid--mark",
    }
    DEFAULT_CSS = grid_css(
        "WorkspaceGrid",
        COMPONENT_PREFIX,
        declarations="height: auto; max-height: 100%; overflow-x: hidden;",
        rules="""
        &:focus > .workspace-grid--header { background-tint: $foreground 5%; }
        & > .workspace-grid--mark { color: $warning; text-style: bold; }
        """,
    )

    class RowSelected(GridMessage["WorkspaceGrid"]):
        """Enter (or a click on the cursor row) on a workspace."""

        def __init__(self, grid: WorkspaceGrid, workspace_id: str) -> None:
            super().__init__(grid)
            self.workspace_id = workspace_id

    class HeaderClicked(GridMessage["WorkspaceGrid"]):
        """A click on a column title: ``column`` is its index in TABLE_COLUMNS."""

        def __init__(self, grid: WorkspaceGrid, column: int) -> None:
            super().__init__(grid)
            self.column = column

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: dict[str, WorkspaceRow] = {}
        self._cells: dict[str, tuple[str, ...]] = {}  # row_cells() per row
        self._hay: dict[str, str] = {}  # searchable() text of every cell, per row
        self._loaded: list[str] = []  # workspace IDs in the server's order
        self._view: list[str] = []  # workspace IDs shown, in display order
        self._index: dict[str, int] = {}  # position in _view
        self._rev: dict[str, int] = {}  # bumped when a row's content or mark changes
        self._marks: dict[str, str] = {}
        self._unreadable: set[str] = set()  # R16: rows with fields of the wrong type
        self._sort_keys: dict[int, dict[str, SortKey]] = {}
        self._widths = title_widths()  # content, per column
        self._terms: tuple[str, ...] = ()
        self._filter_text = ""
        self._sort: tuple[int, bool] | None = None  # local sort: (column, descending)
        self._arrow: tuple[int, bool] | None = None  # the header's ▲/▼
        self._offset = 0  # scrollable columns scrolled out to the left
        self._layout: Layout | None = None
        self._layout_width = -1

    # -- data ---------------------------------------------------------------------------------

    @property
    def loaded(self) -> int:
        """Rows held (filtered or not)."""
        return len(self._loaded)

    @property
    def row_count(self) -> int:
        """Rows shown (after the filter)."""
        return len(self._view)

    @property
    def unreadable(self) -> int:
        """How many of the rows held have fields the server sent with the wrong type (R16)."""
        return len(self._unreadable)

    @property
    def filter_text(self) -> str:
        return self._filter_text

    @property
    def local_sort(self) -> tuple[int, bool] | None:
        return self._sort

    def loaded_rows(self) -> list[WorkspaceRow]:
        return [self._rows[workspace_id] for workspace_id in self._loaded]

    def replace_rows(self, rows: Iterable[WorkspaceRow]) -> None:
        """New contents (a reload); the filter and the sort stay."""
        self._rows.clear()
        self._cells.clear()
        self._hay.clear()
        self._loaded.clear()
        self._view.clear()
        self._index.clear()
        self._rev.clear()
        self._marks.clear()
        self._unreadable.clear()
        self._sort_keys.clear()
        self._widths = title_widths()
        self._relayout()
        self._cursor = 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.append_rows(rows)

    def _take(self, row: WorkspaceRow) -> bool:
        """Hold ``row``'s cells; True when a column got wider."""
        workspace_id = row.workspace_id
        cells = row_cells(row)
        self._rows[workspace_id] = row
        self._cells[workspace_id] = cells
        self._hay[workspace_id] = searchable("\n".join(cells))
        if row.unreadable:
            self._unreadable.add(workspace_id)
        else:
            self._unreadable.discard(workspace_id)
        for keys in self._sort_keys.values():
            keys.pop(workspace_id, None)
        widened = False
        widths = self._widths
        for column, cell in enumerate(cells):
            width = cell_len(cell)
            if width > widths[column]:
                widths[column] = width
                widened = True
        return widened

    def append_rows(self, rows: Iterable[WorkspaceRow]) -> None:
        widened = False
        new: list[str] = []
        for row in rows:
            # Pages can overlap when workspaces are created mid-stream, and rows found by a
            # server search may be loaded already: the row is on screen then.
            if row.workspace_id in self._rows:
                continue
            widened = self._take(row) or widened
            self._loaded.append(row.workspace_id)
            new.append(row.workspace_id)
        if widened:
            self._relayout()
        if not new:
            return
        shown = [i for i in new if self._matches(i)] if self._terms else new
        if self._sort is None:
            first_new = len(self._view)
            for workspace_id in shown:
                self._index[workspace_id] = len(self._view)
                self._view.append(workspace_id)
            self._update_virtual_size()
            self._rows_added(first_new, widened=widened)
        elif shown:
            self._rebuild_view(self._view + shown)
        elif widened:
            self.refresh()

    def update_rows(self, rows: Iterable[WorkspaceRow]) -> int:
        """Replace rows already held (a refresh of some rows); returns how many were held."""
        updated = 0
        widened = False
        for row in rows:
            workspace_id = row.workspace_id
            if workspace_id not in self._rows:
                continue
            widened = self._take(row) or widened
            self._rev[workspace_id] = self._rev.get(workspace_id, 0) + 1
            updated += 1
        if widened:
            self._relayout()
        if updated:
            self._rebuild_view(list(self._loaded))
        return updated

    def remove_rows(self, workspace_ids: Iterable[str]) -> None:
        gone = {i for i in workspace_ids if i in self._rows}
        if not gone:
            return
        for workspace_id in gone:
            del self._rows[workspace_id], self._cells[workspace_id], self._hay[workspace_id]
            self._rev.pop(workspace_id, None)
            self._marks.pop(workspace_id, None)
            self._unreadable.discard(workspace_id)
            for keys in self._sort_keys.values():
                keys.pop(workspace_id, None)
        self._loaded = [i for i in self._loaded if i not in gone]
        self._rebuild_view(list(self._loaded))

    def set_marks(self, workspace_ids: Iterable[str], mark: str | None) -> None:
        """Mark rows (``~`` stale) or clear their mark (None)."""
        changed = False
        for workspace_id in workspace_ids:
            if workspace_id not in self._rows or self._marks.get(workspace_id) == mark:
                continue
            if mark is None:
                del self._marks[workspace_id]
            else:
                self._marks[workspace_id] = mark
            self._rev[workspace_id] = self._rev.get(workspace_id, 0) + 1
            changed = True
        if changed:
            self.refresh()

    @property
    def marked(self) -> dict[str, str]:
        return dict(self._marks)

    # -- filter and sort ----------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Show only the loaded rows whose cells contain every word of ``text``."""
        terms = tuple(searchable(text).split())
        self._filter_text = text.strip()
        if terms == self._terms:
            return
        self._terms = terms
        self._rebuild_view(list(self._loaded))

    def _matches(self, workspace_id: str) -> bool:
        hay = self._hay[workspace_id]
        return all(term in hay for term in self._terms)

    def set_local_sort(self, column: int | None, descending: bool = False) -> None:
        """Sort the shown rows on one column (None: the server's order)."""
        sort = None if column is None else (column, descending)
        if sort == self._sort:
            return
        self._sort = sort
        self._rebuild_view(list(self._loaded))

    def set_arrow(self, column: int | None, descending: bool = False) -> None:
        """Which header carries ▲ (ascending) or ▼ (descending)."""
        arrow = None if column is None else (column, descending)
        if arrow != self._arrow:
            self._arrow = arrow
            self.refresh()

    def _keys(self, column: int) -> dict[str, SortKey]:
        keys = self._sort_keys.setdefault(column, {})
        if len(keys) != len(self._cells):
            for workspace_id, cells in self._cells.items():
                if workspace_id not in keys:
                    keys[workspace_id] = natural_key(cells[column])
        return keys

    def _rebuild_view(self, candidates: list[str]) -> None:
        """Filter and sort ``candidates`` into the shown rows; the cursor stays on its row (or
        near where it was, when that row is no longer shown)."""
        selected = self.selected
        old_cursor = self._cursor
        view = [i for i in candidates if self._matches(i)] if self._terms else candidates
        if self._sort is not None:
            column, descending = self._sort
            view.sort(key=self._keys(column).__getitem__, reverse=descending)
        self._view = view
        self._index = {workspace_id: position for position, workspace_id in enumerate(view)}
        self._update_virtual_size()
        index = self._index.get(selected.workspace_id) if selected is not None else None
        self._cursor = self._clamped(old_cursor if index is None else index)
        self._scroll_cursor_into_view()
        self.refresh()

    # -- layout -------------------------------------------------------------------------------

    def _relayout(self) -> None:
        """Widths or the sideways offset changed: place the columns again at the next look."""
        self._layout = None
        self._update_virtual_size()
        self.refresh()

    @property
    def columns(self) -> Layout:
        """Where each column is drawn at the current width (see columns.fit)."""
        width = self.scrollable_content_region.width or self.size.width
        if self._layout is None or self._layout_width != width:
            layout = fit(natural_widths(self._widths), width, self._offset)
            if layout != self._layout:
                self._invalidate_strips()
            self._layout, self._layout_width = layout, width
            self._offset = layout.offset
        return self._layout

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def _update_virtual_size(self) -> None:
        width = self.columns.width if self.size.width else sum(self._widths)
        self._set_virtual_width(width)

    def action_scroll_columns(self, delta: int) -> None:
        layout = self.columns
        if (delta > 0 and layout.more_right) or (delta < 0 and layout.more_left):
            self._offset = layout.offset + delta
            self._relayout()

    # -- rows by position ---------------------------------------------------------------------

    def row_for(self, workspace_id: str) -> WorkspaceRow | None:
        return self._rows.get(workspace_id)

    def get_row_at(self, index: int) -> list[Text]:
        """The cells of the shown row at ``index``, in TABLE_COLUMNS order."""
        return row_texts(self._rows[self._view[index]])

    def get_row_index(self, workspace_id: str) -> int:
        return self._index[workspace_id]

    def shown_rows(self) -> list[WorkspaceRow]:
        return [self._rows[workspace_id] for workspace_id in self._view]

    def visible_rows(self) -> list[WorkspaceRow]:
        """The rows in the viewport now."""
        top = round(self.scroll_y)
        return [self._rows[i] for i in self._view[top : top + self._body_height()]]

    def _row(self, index: int) -> WorkspaceRow:
        return self._rows[self._view[index]]

    def move_to(self, workspace_id: str) -> bool:
        index = self._index.get(workspace_id)
        if index is None:
            return False
        self.move_cursor(row=index)
        return True

    def _selected_message(self, row: WorkspaceRow) -> Message:
        return self.RowSelected(self, row.workspace_id)

    def _header_click(self, x: int) -> None:
        column = self.columns.at(x)
        if column is not None:
            self.post_message(self.HeaderClicked(self, column.index))

    # -- rendering (the line API) -------------------------------------------------------------

    def _crop_x(self) -> int:
        return 0  # the columns scroll sideways themselves, a column at a time, never the view

    def _line_styles(self) -> dict[str, Style]:
        styles = super()._line_styles()
        styles["mark"] = self.get_component_rich_style("workspace-grid--mark")
        return styles

    def render_line(self, y: int) -> Strip:
        _ = self.columns  # placed first: at a new width the cached rows are stale
        return super().render_line(y)

    def _header_strip(self) -> Strip:
        return self._header(self.columns)

    def _strip_key(self, index: int) -> Hashable:
        workspace_id = self._view[index]
        return (self._layout_key, workspace_id, self._rev.get(workspace_id, 0))

    def _row_strip(self, index: int) -> Strip:
        cells = self.get_row_at(index)
        return self._line(self.columns, cells, mark=self._marks.get(self._view[index]))

    def _header(self, layout: Layout) -> Strip:
        titles = [Text(heading(title)) for title in TABLE_COLUMNS]
        if self._arrow is not None:
            column, descending = self._arrow
            titles[column].append(" ▼" if descending else " ▲")
        line = self._text(layout, titles)
        if layout.more_left:
            first = next(p for p in layout.placed if not p.column.pinned)
            at = char_at(line.plain, first.x)  # the blank left of that column's title
            shifted = line[:at]
            shifted.append(MORE_LEFT)
            shifted.append_text(line[at + 1 :])
            line = shifted
        if layout.more_right:
            line.append(" " * max(0, self.scrollable_content_region.width - line.cell_len - 1))
            line.append(MORE_RIGHT)
        return self._strip(line)

    def _line(self, layout: Layout, cells: Sequence[Text], *, mark: str | None) -> Strip:
        """One row, every cell padded or cut (with an ellipsis) to its column's width."""
        line = self._text(layout, cells)
        if mark:
            marked = Text(no_wrap=True, end="")
            marked.append(mark, style=self._style("mark"))
            marked.append_text(line[1:])
            line = marked
        return self._strip(line)

    @staticmethod
    def _text(layout: Layout, cells: Sequence[Text]) -> Text:
        return fitted_line((cells[placed.column.index], placed.width) for placed in layout.placed)


__all__ = ["STALE_MARK", "WorkspaceGrid", "natural_key", "row_texts", "searchable"]
