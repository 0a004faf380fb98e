"""What the workspace table and the members table share: a `ScrollView` drawn a line at a time
(Textual's line API, as toolong does) under a fixed header line, with a row cursor.

Only the lines on screen are drawn and rendered rows are kept in an LRU cache, so a repaint
costs the same at 10,000 rows as at 10; a DataTable re-measured and re-rendered every cell and
kept the UI thread busy for tens of seconds (see docs/performance.md). Subclasses say what a
row is, how the header and a row are drawn and which key identifies a rendered row in the
cache; the cursor, scrolling, clicks and the per-repaint styles are here.

Cells are `rich.text.Text` (no markup is ever parsed), measured and cut in cells (a Chinese
character takes two), never in characters.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, ClassVar, Generic, TypeVar

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

from paiws.screens.widgets.columns import CELL_PADDING

RowT = TypeVar("RowT")
GridT = TypeVar("GridT", bound="LineGrid[Any]")

HEADER_HEIGHT = 1
STRIP_CACHE_SIZE = 1024  # rendered rows kept (a few screens' worth)


def grid_css(type_name: str, prefix: str, *, declarations: str = "", rules: str = "") -> str:
    """The look of Textual's DataTable (same variables), so the tables read as one did before.

    Each grid keeps its own component class names (``prefix--header`` …), which the app's
    stylesheets and themes may address; ``declarations`` and ``rules`` are the grid's own.
    """
    return f"""
    {type_name} {{
        background: $surface;
        color: $foreground;
        {declarations}
        &:focus {{
            background-tint: $foreground 5%;
            & > .{prefix}--cursor {{
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }}
        }}
        & > .{prefix}--header {{ text-style: bold; background: $panel; color: $foreground; }}
        &:ansi > .{prefix}--header {{ background: ansi_bright_blue; color: ansi_default; }}
        & > .{prefix}--even-row {{ background: $surface-lighten-1 50%; }}
        &:dark > .{prefix}--even-row {{ background: $surface-darken-1 40%; }}
        & > .{prefix}--cursor {{
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }}
        {rules}
    }}
    """


def fitted_line(cells: Iterable[tuple[Text, int]]) -> Text:
    """One line of (cell, width) pairs, every cell padded or cut (with an ellipsis) to its
    width and a blank either side of it, as in a DataTable."""
    pad = " " * CELL_PADDING
    line = Text(no_wrap=True, end="")
    for cell, width in cells:
        fitted = cell.copy()
        fitted.truncate(width, overflow="ellipsis", pad=True)
        line.append(pad)
        line.append_text(fitted)
        line.append(pad)
    return line


class LineGrid(ScrollView, Generic[RowT], can_focus=True):
    """A scrollable, row-cursor table with a fixed header line; rows are ``RowT``."""

    COMPONENT_PREFIX: ClassVar[str]  # the grid's component classes are f"{prefix}--header" …
    # Moving around, as in any table (not listed on the help screen, like a DataTable's).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("home,ctrl+home", "first_row", show=False),
        Binding("end,ctrl+end", "last_row", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._strips: LRUCache[Hashable, Strip] = LRUCache(STRIP_CACHE_SIZE)
        self._layout_key = 0  # bumped when the columns change: cached rows are stale
        self._cursor = 0
        self._styles: dict[str, Style] | None = None  # component styles, once per repaint

    # -- what a subclass says -----------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """Rows shown."""
        raise NotImplementedError

    def _row(self, index: int) -> RowT:
        """The shown row at ``index``."""
        raise NotImplementedError

    def _selected_message(self, row: RowT) -> Message:
        """What enter (or a click on the cursor row) posts."""
        raise NotImplementedError

    def _header_strip(self) -> Strip:
        raise NotImplementedError

    def _strip_key(self, index: int) -> Hashable:
        """What identifies the drawing of the shown row at ``index`` in the strip cache."""
        raise NotImplementedError

    def _row_strip(self, index: int) -> Strip:
        raise NotImplementedError

    def _header_click(self, x: int) -> None:
        """A click on the header line, ``x`` cells from the left (nothing, unless overridden)."""

    def _crop_x(self) -> int:
        """Where the visible part of a drawn line starts: the view scrolls sideways."""
        return round(self.scroll_x)

    # -- rows ---------------------------------------------------------------------------------

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def selected(self) -> RowT | None:
        return self._row(self._cursor) if 0 <= self._cursor < self.row_count else None

    def _set_virtual_width(self, width: int) -> None:
        self.virtual_size = Size(width, self.row_count + HEADER_HEIGHT)

    def _rows_added(self, first_new: int, *, widened: bool) -> None:
        # Rows appended below the visible ones only move the scrollbar: no repaint for them.
        if widened or first_new < round(self.scroll_y) + self._body_height():
            self.refresh()

    def _invalidate_strips(self) -> None:
        self._layout_key += 1
        self._strips.clear()

    # -- cursor and scrolling -----------------------------------------------------------------

    def _clamped(self, row: int) -> int:
        return max(0, min(row, self.row_count - 1))

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        if not self.row_count:
            self._cursor = 0
            return
        self._cursor = self._clamped(row)
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
        self.move_cursor(row=self.row_count - 1)

    def action_select_cursor(self) -> None:
        row = self.selected
        if row is not None:
            self.post_message(self._selected_message(row))

    async def _on_click(self, event: events.Click) -> None:
        if event.y < HEADER_HEIGHT:
            self._header_click(event.x)
            return
        index = round(self.scroll_y) + event.y - HEADER_HEIGHT
        if not 0 <= index < self.row_count:
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

    def _line_styles(self) -> dict[str, Style]:
        base = self.rich_style
        header, even, cursor = (
            self.get_component_rich_style(f"{self.COMPONENT_PREFIX}--{part}")
            for part in ("header", "even-row", "cursor")
        )
        return {
            "base": base,
            "header": base + header,
            "even-row": base + even,
            "cursor": base + cursor,
            "even-row+cursor": base + even + cursor,
        }

    def _style(self, name: str) -> Style:
        if self._styles is None:
            self._styles = self._line_styles()
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        x = self._crop_x()
        if y < HEADER_HEIGHT:
            header = self._style("header")
            return self._header_strip().apply_style(header).crop_extend(x, x + width, header)
        index = round(self.scroll_y) + y - HEADER_HEIGHT
        if index >= self.row_count:
            return Strip.blank(width, self._style("base"))
        key = self._strip_key(index)
        cached = self._strips.get(key)
        if cached is None:
            cached = self._strips[key] = self._row_strip(index)
        name = "even-row" if index % 2 == 0 else "base"
        if index == self._cursor:
            name = "even-row+cursor" if index % 2 == 0 else "cursor"
        style = self._style(name)
        return cached.apply_style(style).crop_extend(x, x + width, style)

    def _strip(self, line: Text) -> Strip:
        segments = list(line.render(self.app.console))
        return Strip(Segment.simplify(segments), line.cell_len)


class GridMessage(Message, Generic[GridT]):
    """A message from a grid, which is its `control` (so `@on(…, "#id")` picks the grid)."""

    def __init__(self, grid: GridT) -> None:
        super().__init__()
        self.grid = grid

    @property
    def control(self) -> GridT:
        return self.grid
