"""How wide each column of a table may be so a row never wraps: shared by the CLI's tables
(`COLUMNS` or the terminal) and the TUI's grid.

Columns have priorities: some are kept whole (a workspace's name and status), the rest are
truncated with an ellipsis down to a floor, and when even that does not fit, the least useful
columns are hidden, in a given order. Pure arithmetic on cell counts (wide CJK characters count
two; the caller measures).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GAP = 3  # blanks between two columns, as Rich's SIMPLE_HEAD layout draws them
FLOOR = 8  # a truncated column keeps at least this many cells (or its title's width)


@dataclass(frozen=True)
class Column:
    title: str
    natural: int  # the widest cell of the column, its title included
    whole: bool = False  # never truncated (it may still be hidden if it is droppable)
    drop_order: int | None = None  # hidden first when lowest; None: never hidden

    @property
    def floor(self) -> int:
        return self.natural if self.whole else min(self.natural, max(FLOOR, len(self.title)))


def fit(columns: Sequence[Column], width: int | None, gap: int = GAP) -> list[int | None]:
    """The width of each column, or None where it is hidden; ``width`` None means no limit."""
    naturals = [column.natural for column in columns]
    if width is None or _total(naturals, gap) <= width:
        return list(naturals)
    droppable = sorted(
        (i for i, c in enumerate(columns) if c.drop_order is not None),
        key=lambda i: columns[i].drop_order or 0,
    )
    for hidden_count in range(len(droppable) + 1):
        hidden = set(droppable[:hidden_count])
        visible = [i for i in range(len(columns)) if i not in hidden]
        widths = _shrink(columns, visible, width, gap)
        if widths is not None:
            return [widths.get(i) for i in range(len(columns))]
    # Nothing fits even with every droppable column hidden: crop what is left, whole or not.
    visible = [i for i in range(len(columns)) if i not in set(droppable)]
    return [_crop(columns, visible, width, gap).get(i) for i in range(len(columns))]


def _total(widths: Sequence[int], gap: int) -> int:
    return sum(widths) + gap * max(len(widths) - 1, 0)


def _shrink(
    columns: Sequence[Column], visible: Sequence[int], width: int, gap: int
) -> dict[int, int] | None:
    """Truncate the widest truncatable columns first, down to their floors; None if that is
    not enough."""
    widths = {i: columns[i].natural for i in visible}
    excess = _total(list(widths.values()), gap) - width
    if excess > sum(widths[i] - columns[i].floor for i in visible):
        return None
    while excess > 0:
        widest = max((i for i in visible if widths[i] > columns[i].floor), key=lambda i: widths[i])
        others = [widths[i] for i in visible if i != widest and widths[i] < widths[widest]]
        step = min(excess, widths[widest] - max([columns[widest].floor, *others]) or 1)
        widths[widest] -= step
        excess -= step
    return widths


def _crop(
    columns: Sequence[Column], visible: Sequence[int], width: int, gap: int
) -> dict[int, int]:
    """Last resort for a very narrow terminal: every visible column shares what there is."""
    room = max(width - gap * max(len(visible) - 1, 0), len(visible))
    share = max(room // max(len(visible), 1), 1)
    return {i: min(columns[i].natural, share) for i in visible}
