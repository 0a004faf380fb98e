"""Which workspace-table columns fit, and how wide: priorities and widths that adapt to the
terminal (pure functions, no Textual, so the rules are unit-tested on their own).

The rules (issue #12): Name and Status are always whole and pinned on the left, so scrolling
sideways never scrolls them away; the other columns follow in display order (most useful
first) from the sideways-scroll offset, each whole or — long free text only — cut with `…`
(never below its title's width), so that as many columns as possible fit; a column that does
not fit is left out whole (never cut by the edge), and a marker says more columns are to the
left or right. Space that is left over widens the cut columns again, up to their content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from paiws.core.api import TABLE_COLUMNS

CELL_PADDING = 1  # blank cells left and right of every cell, as in a DataTable
SORT_ROOM = 2  # " ▲" after the title of the sorted column
WHOLE_CAP = 48  # a whole column never grows past this (names are at most 23 characters, R4)
EDGE = 1  # the rightmost cell is kept for the "more columns" marker


@dataclass(frozen=True)
class Column:
    title: str
    index: int  # position in TABLE_COLUMNS / row_cells()
    whole: bool = False  # never cut (Name, Status, IDs, times)
    pinned: bool = False  # stays on the left when scrolling sideways
    cap: int = WHOLE_CAP  # the widest a cut-able column gets before space is left over
    minimum: int = 0  # the narrowest a cut-able column gets (with `…`)
    server_sort: str | None = None  # the ListWorkspaces SortBy when sorting by this column


def _column(
    title: str,
    *,
    whole: bool = False,
    pinned: bool = False,
    cap: int = WHOLE_CAP,
    minimum: int = 0,
    server_sort: str | None = None,
) -> Column:
    return Column(title, TABLE_COLUMNS.index(title), whole, pinned, cap, minimum, server_sort)


# Display order = priority: what fits at 80 columns is what people look at first.
COLUMNS: tuple[Column, ...] = (
    _column("Name", whole=True, pinned=True),
    _column("Status", whole=True, pinned=True),
    _column("ID", whole=True),
    _column("Display Name", cap=24, minimum=10),
    _column("Created", whole=True, server_sort="GmtCreateTime"),
    _column("Modified", whole=True, server_sort="GmtModifiedTime"),
    _column("Environments", whole=True),
    _column("Default", whole=True),
    _column("Creator ID", whole=True),
    _column("Administrators", cap=28, minimum=12),
    _column("Resource Group", cap=24, minimum=10),
)
SCROLLABLE: tuple[Column, ...] = tuple(c for c in COLUMNS if not c.pinned)
BY_TITLE = {column.title: column for column in COLUMNS}


@dataclass(frozen=True)
class Placed:
    column: Column
    width: int  # cell width, without padding
    x: int  # first cell of the column's left padding, from the table's left edge


@dataclass(frozen=True)
class Layout:
    placed: tuple[Placed, ...]
    offset: int  # how many scrollable columns are scrolled out to the left
    more_left: bool
    more_right: bool

    @property
    def width(self) -> int:
        return sum(p.width + 2 * CELL_PADDING for p in self.placed)

    def at(self, x: int) -> Column | None:
        """The column drawn at cell ``x`` (for clicks on the header)."""
        for placed in self.placed:
            if placed.x <= x < placed.x + placed.width + 2 * CELL_PADDING:
                return placed.column
        return None


def natural_widths(widths: Sequence[int]) -> list[int]:
    """Content widths per TABLE_COLUMNS index → the width each column would like (title and
    its sort arrow included)."""
    return [
        max(width, len(title) + SORT_ROOM)
        for width, title in zip(widths, TABLE_COLUMNS, strict=True)
    ]


def _minimum(column: Column, natural: int) -> int:
    """The narrowest a column is drawn: whole columns whole; a cut one keeps its title (and
    sort arrow) readable."""
    if column.whole:
        return min(natural, WHOLE_CAP)
    return min(natural, max(column.minimum, len(column.title) + SORT_ROOM))


def fit(natural: Sequence[int], available: int, offset: int = 0) -> Layout:
    """Place the columns in ``available`` cells; ``natural`` is indexed like TABLE_COLUMNS.

    As many columns as fit at their narrowest (from the sideways offset, in display order),
    then the space left widens the cut ones: first up to their cap, then up to their content.
    """
    offset = max(0, min(offset, len(SCROLLABLE) - 1))
    room = available - EDGE
    widths: dict[str, int] = {}
    placed: list[Column] = []
    for column in COLUMNS:
        if column.pinned:
            widths[column.title] = _minimum(column, natural[column.index])
            placed.append(column)
            room -= widths[column.title] + 2 * CELL_PADDING
    shown = 0
    for column in SCROLLABLE[offset:]:
        width = _minimum(column, natural[column.index])
        if width + 2 * CELL_PADDING > room:
            break
        widths[column.title] = width
        placed.append(column)
        room -= width + 2 * CELL_PADDING
        shown += 1
    for limit in ("cap", "content"):
        for column in placed:
            if room <= 0 or column.whole:
                continue
            target = natural[column.index]
            if limit == "cap":
                target = min(target, column.cap)
            grow = min(max(0, target - widths[column.title]), room)
            widths[column.title] += grow
            room -= grow
    result: list[Placed] = []
    x = 0
    for column in placed:
        width = widths[column.title]
        result.append(Placed(column, width, x))
        x += width + 2 * CELL_PADDING
    return Layout(
        placed=tuple(result),
        offset=offset,
        more_left=offset > 0,
        more_right=offset + shown < len(SCROLLABLE),
    )


__all__ = [
    "BY_TITLE",
    "CELL_PADDING",
    "COLUMNS",
    "SCROLLABLE",
    "Column",
    "Layout",
    "Placed",
    "fit",
    "natural_widths",
]
