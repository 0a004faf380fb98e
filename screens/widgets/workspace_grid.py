"""The workspace table: one row per workspace, keyed by workspace ID.

It draws only the lines on screen (Textual's line API, as toolong does), so its cost does not
grow with the number of rows: appending a page of 100 rows measures 1,100 plain strings (`Text`
cells are built only for rows that get drawn), however many rows came before. It was a
DataTable: at 10,000 rows the DataTable re-measured every new cell through Rich and re-rendered
every visible cell after each append, which kept the UI thread busy for tens of seconds (see
docs/performance.md).

Cells are `rich.text.Text` (no markup is ever parsed); the status cell is coloured per status.
Keys: up/down, page up/down, home/end (first/last row), left/right scroll sideways, enter opens.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from paiws.core.api import STATUS_STYLES, TABLE_COLUMNS, WorkspaceRow, row_cells

STATUS_COLUMN = TABLE_COLUMNS.index("Status")
CELL_PADDING = 1  # blank cells left and right of every cell, as in a DataTable
HEADER_HEIGHT = 1
STRIP_CACHE_SIZE = 1024  # rendered rows kept (a few screens' worth)


def row_texts(row: WorkspaceRow) -> list[Text]:
    cells = [Text(cell, no_wrap=True, overflow="ellipsis") for cell in row_cells(row)]
    cells[STATUS_COLUMN].stylize(STATUS_STYLES.get(row.status, ""))
    return cells


class WorkspaceGrid(ScrollView, can_focus=True):
    """A scrollable, row-cursor table of workspaces with a fixed header line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter", "select_cursor", "Open", tooltip="Open the workspace detail", id="table.open"
        ),
        # Moving around, as in any table (not listed on the help screen, like a DataTable's).
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home,ctrl+home", "first_row", show=False),
        Binding("end,ctrl+end", "last_row", show=False),
        Binding("left", "scroll_sideways(-4)", show=False),
        Binding("right", "scroll_sideways(4)", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "workspace-grid--header",
        "workspace-grid--cursor",
        "workspace-grid--even-row",
    }
    # The look of Textual's DataTable (same variables), so the table reads as before.
    DEFAULT_CSS = """
    WorkspaceGrid {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .workspace-grid--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .workspace-grid--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .workspace-grid--even-row {
            background: $surface-darken-1 40%;
        }
        & > .workspace-grid--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .workspace-grid--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .workspace-grid--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .workspace-grid--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class RowSelected(Message):
        """Enter (or a click on the cursor row) on a workspace."""

        def __init__(self, grid: WorkspaceGrid, workspace_id: str) -> None:
            super().__init__()
            self.grid = grid
            self.workspace_id = workspace_id

        @property
        def control(self) -> WorkspaceGrid:
            return self.grid

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: dict[str, WorkspaceRow] = {}
        self._order: list[str] = []  # workspace IDs in display order
        self._index: dict[str, int] = {}
        self._cells: list[tuple[str, ...]] = []  # row_cells() per row, in display order
        self._widths = [cell_len(title) for title in TABLE_COLUMNS]
        self._strips: LRUCache[tuple[int, str], Strip] = LRUCache(STRIP_CACHE_SIZE)
        self._layout_key = 0  # bumped when a column width changes: cached rows are stale
        self._cursor = 0
        self._styles: dict[str, Style] | None = None  # component styles, once per repaint

    # -- data ---------------------------------------------------------------------------------

    @property
    def loaded(self) -> int:
        return len(self._order)

    @property
    def row_count(self) -> int:
        return len(self._order)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    def replace_rows(self, rows: Iterable[WorkspaceRow]) -> None:
        self._rows.clear()
        self._order.clear()
        self._index.clear()
        self._cells.clear()
        self._widths = [cell_len(title) for title in TABLE_COLUMNS]
        self._strips.clear()
        self._layout_key += 1
        self._cursor = 0
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.append_rows(rows)

    def append_rows(self, rows: Iterable[WorkspaceRow]) -> None:
        widths = self._widths
        widened = False
        first_new = len(self._order)
        for row in rows:
            # Pages can overlap when workspaces are created mid-stream; the row is already
            # on screen then.
            if row.workspace_id in self._rows:
                continue
            cells = row_cells(row)
            self._rows[row.workspace_id] = row
            self._index[row.workspace_id] = len(self._order)
            self._order.append(row.workspace_id)
            self._cells.append(cells)
            for column, cell in enumerate(cells):
                width = cell_len(cell)
                if width > widths[column]:
                    widths[column] = width
                    widened = True
        if widened:
            self._layout_key += 1
            self._strips.clear()
        self._update_virtual_size()
        if widened or first_new < round(self.scroll_y) + self._body_height():
            self.refresh()  # rows appended below the visible ones only move the scrollbar

    def _update_virtual_size(self) -> None:
        width = sum(self._widths) + 2 * CELL_PADDING * len(self._widths)
        self.virtual_size = Size(width, len(self._order) + HEADER_HEIGHT)

    def row_for(self, workspace_id: str) -> WorkspaceRow | None:
        return self._rows.get(workspace_id)

    def get_row_at(self, index: int) -> list[Text]:
        """The cells of the row at ``index`` (display order), as drawn."""
        return row_texts(self._rows[self._order[index]])

    def get_row_index(self, workspace_id: str) -> int:
        return self._index[workspace_id]

    @property
    def selected(self) -> WorkspaceRow | None:
        if not 0 <= self._cursor < len(self._order):
            return None
        return self._rows[self._order[self._cursor]]

    def move_to(self, workspace_id: str) -> bool:
        index = self._index.get(workspace_id)
        if index is None:
            return False
        self.move_cursor(row=index)
        return True

    # -- cursor and scrolling -----------------------------------------------------------------

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        if not self._order:
            self._cursor = 0
            return
        self._cursor = max(0, min(row, len(self._order) - 1))
        self._scroll_cursor_into_view(animate=animate)
        self.refresh()

    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_HEIGHT)

    def _scroll_cursor_into_view(self, *, animate: bool = False) -> None:
        top = round(self.scroll_y)
        height = self._body_height()
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=animate, immediate=True)
        elif self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=animate, immediate=True)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self._cursor - self._body_height())

    def action_page_down(self) -> None:
        self.move_cursor(row=self._cursor + self._body_height())

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=len(self._order) - 1)

    def action_scroll_sideways(self, delta: int) -> None:
        self.scroll_to(x=self.scroll_x + delta, animate=False)

    def action_select_cursor(self) -> None:
        row = self.selected
        if row is not None:
            self.post_message(self.RowSelected(self, row.workspace_id))

    async def _on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y - HEADER_HEIGHT
        if event.y < HEADER_HEIGHT or not 0 <= index < len(self._order):
            return
        if index == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row=index)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- rendering (the line API) -------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._styles = None  # the widget's styles may have changed since the last repaint
        return super().render_lines(crop)

    def _style(self, name: str) -> Style:
        if self._styles is None:
            base = self.rich_style
            header, even, cursor = (
                self.get_component_rich_style(f"workspace-grid--{part}")
                for part in ("header", "even-row", "cursor")
            )
            self._styles = {
                "base": base,
                "header": base + header,
                "even-row": base + even,
                "cursor": base + cursor,
                "even-row+cursor": base + even + cursor,
            }
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if y < HEADER_HEIGHT:
            header = self._style("header")
            strip = self._line([Text(title) for title in TABLE_COLUMNS]).apply_style(header)
            return strip.crop_extend(scroll_x, scroll_x + width, header)
        index = scroll_y + y - HEADER_HEIGHT
        if index >= len(self._order):
            return Strip.blank(width, self._style("base"))
        key = (self._layout_key, self._order[index])
        cached = self._strips.get(key)
        if cached is None:
            cached = self._strips[key] = self._line(self.get_row_at(index))
        name = "even-row" if index % 2 == 0 else "base"
        if index == self._cursor:
            name = "even-row+cursor" if index % 2 == 0 else "cursor"
        style = self._style(name)
        return cached.apply_style(style).crop_extend(scroll_x, scroll_x + width, style)

    def _line(self, cells: list[Text]) -> Strip:
        """One row, every cell padded or cut (with an ellipsis) to its column's width."""
        pad = " " * CELL_PADDING
        line = Text(no_wrap=True, end="")
        for cell, width in zip(cells, self._widths, strict=False):
            fitted = cell.copy()
            fitted.truncate(width, overflow="ellipsis", pad=True)
            line.append(pad)
            line.append_text(fitted)
            line.append(pad)
        segments = list(line.render(self.app.console))
        return Strip(Segment.simplify(segments), line.cell_len)


__all__ = ["WorkspaceGrid", "row_texts"]
