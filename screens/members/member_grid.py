"""The members table: one row per member, drawn a line at a time (Textual's line API, as the
workspace grid and toolong do), so 1,000 members or 10,000 cost the same per repaint and keys
keep answering while pages stream in.

Cells are `rich.text.Text` built from masked view models only (never parsed as markup). Roles
are shown in words; the owner's row is marked. Keys: up/down, page up/down, home/end,
left/right scroll sideways; enter asks to change the member's roles.
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

from paiws.core.api import MEMBER_COLUMNS, N_, MemberRow, _, member_cells

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
CELL_PADDING = 1
HEADER_HEIGHT = 1
STRIP_CACHE_SIZE = 1024


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


class MemberGrid(ScrollView, can_focus=True):
    """A scrollable, row-cursor table of members with a fixed header line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "select_cursor",
            N_("Roles"),
            tooltip=N_("Change the selected member's roles"),
            id="members.roles",
        ),
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
        "member-grid--header",
        "member-grid--cursor",
        "member-grid--even-row",
    }
    DEFAULT_CSS = """
    MemberGrid {
        background: $surface;
        color: $foreground;
        height: 1fr;
        &:focus {
            background-tint: $foreground 5%;
            & > .member-grid--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .member-grid--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .member-grid--header { background: ansi_bright_blue; color: ansi_default; }
        & > .member-grid--even-row { background: $surface-lighten-1 50%; }
        &:dark > .member-grid--even-row { background: $surface-darken-1 40%; }
        & > .member-grid--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class RowSelected(Message):
        """Enter (or a click on the cursor row) on a member."""

        def __init__(self, grid: MemberGrid, row: MemberRow) -> None:
            super().__init__()
            self.grid = grid
            self.row = row

        @property
        def control(self) -> MemberGrid:
            return self.grid

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[MemberRow] = []
        self._keys: set[str] = set()
        self._cells: list[tuple[str, ...]] = []
        self._widths = header_widths()
        self._strips: LRUCache[tuple[int, int], Strip] = LRUCache(STRIP_CACHE_SIZE)
        self._layout_key = 0
        self._cursor = 0
        self._styles: dict[str, Style] | None = None

    # -- data ---------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    @property
    def rows(self) -> tuple[MemberRow, ...]:
        return tuple(self._rows)

    @property
    def selected(self) -> MemberRow | None:
        return self._rows[self._cursor] if 0 <= self._cursor < len(self._rows) else None

    def replace_rows(self, rows: Iterable[MemberRow]) -> None:
        self._rows.clear()
        self._keys.clear()
        self._cells.clear()
        self._widths = header_widths()
        self._strips.clear()
        self._layout_key += 1
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
            self._layout_key += 1
            self._strips.clear()
        width = sum(self._widths) + 2 * CELL_PADDING * len(self._widths)
        self.virtual_size = Size(width, len(self._rows) + HEADER_HEIGHT)
        if widened or first_new < round(self.scroll_y) + self._body_height():
            self.refresh()

    def move_to_key(self, key: str) -> bool:
        for index, row in enumerate(self._rows):
            if row.key == key:
                self.move_cursor(row=index)
                return True
        return False

    # -- cursor and scrolling -----------------------------------------------------------------

    def move_cursor(self, *, row: int) -> None:
        if not self._rows:
            self._cursor = 0
            return
        self._cursor = max(0, min(row, len(self._rows) - 1))
        top, height = round(self.scroll_y), self._body_height()
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + height:
            self.scroll_to(y=self._cursor - height + 1, animate=False, immediate=True)
        self.refresh()

    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_HEIGHT)

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
        self.move_cursor(row=len(self._rows) - 1)

    def action_scroll_sideways(self, delta: int) -> None:
        self.scroll_to(x=self.scroll_x + delta, animate=False)

    def action_select_cursor(self) -> None:
        row = self.selected
        if row is not None:
            self.post_message(self.RowSelected(self, row))

    async def _on_click(self, event: events.Click) -> None:
        index = round(self.scroll_y) + event.y - HEADER_HEIGHT
        if event.y < HEADER_HEIGHT or not 0 <= index < len(self._rows):
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
        self._styles = None
        return super().render_lines(crop)

    def _style(self, name: str) -> Style:
        if self._styles is None:
            base = self.rich_style
            header, even, cursor = (
                self.get_component_rich_style(f"member-grid--{part}")
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
            strip = self._line([Text(_(title)) for title in COLUMNS]).apply_style(header)
            return strip.crop_extend(scroll_x, scroll_x + width, header)
        index = scroll_y + y - HEADER_HEIGHT
        if index >= len(self._rows):
            return Strip.blank(width, self._style("base"))
        key = (self._layout_key, index)
        cached = self._strips.get(key)
        if cached is None:
            cached = self._strips[key] = self._line(cell_texts(self._rows[index]))
        name = "even-row" if index % 2 == 0 else "base"
        if index == self._cursor:
            name = "even-row+cursor" if index % 2 == 0 else "cursor"
        style = self._style(name)
        return cached.apply_style(style).crop_extend(scroll_x, scroll_x + width, style)

    def _line(self, cells: list[Text]) -> Strip:
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
