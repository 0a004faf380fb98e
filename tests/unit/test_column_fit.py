"""Column widths that fit a width without wrapping (shared by the CLI tables and the TUI grid)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from paiws.core.column_fit import FLOOR, GAP, Column, fit


def _total(widths: list[int | None]) -> int:
    shown = [w for w in widths if w is not None]
    return sum(shown) + GAP * max(len(shown) - 1, 0)


def test_everything_fits_naturally_or_without_a_limit() -> None:
    columns = [Column("Name", 10, whole=True), Column("Description", 40)]
    assert fit(columns, None) == [10, 40]
    assert fit(columns, 200) == [10, 40]


def test_long_columns_are_truncated_first_and_whole_ones_kept() -> None:
    columns = [Column("Name", 23, whole=True), Column("Status", 12, whole=True), Column("D", 60)]
    widths = fit(columns, 80)
    assert widths[0] == 23 and widths[1] == 12 and _total(widths) <= 80


def test_columns_are_hidden_in_order_when_truncating_is_not_enough() -> None:
    columns = [
        Column("Name", 23, whole=True),
        Column("Status", 12, whole=True),
        Column("Modified", 23, drop_order=0),
        Column("Created", 23, drop_order=1),
        Column("Display Name", 40, drop_order=2),
    ]
    widths = fit(columns, 60)
    assert widths[2] is None and widths[0] == 23 and widths[1] == 12
    assert _total(widths) <= 60


@given(
    st.lists(st.tuples(st.integers(1, 80), st.booleans(), st.booleans()), min_size=1, max_size=12),
    st.integers(20, 220),
)
def test_the_result_never_exceeds_the_width_when_the_whole_columns_fit(
    specs: list[tuple[int, bool, bool]], width: int
) -> None:
    columns = [
        Column(f"c{i}", natural, whole=whole, drop_order=i if droppable else None)
        for i, (natural, whole, droppable) in enumerate(specs)
    ]
    widths = fit(columns, width)
    minimum = [
        c.natural if c.whole else min(c.natural, max(FLOOR, len(c.title)))
        for c in columns
        if c.drop_order is None
    ]
    if sum(minimum) + GAP * max(len(minimum) - 1, 0) <= width:
        assert _total(widths) <= width
        for column, got in zip(columns, widths, strict=True):
            if got is not None and column.whole:
                assert got == column.natural
