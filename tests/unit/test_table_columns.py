"""The workspace table's columns adapt to the width (issue #12): Name and Status whole and
pinned, as many columns as fit, long text cut with `…` (never below its title), no column cut
by the edge; and the filter and sort keys the grid uses."""

from __future__ import annotations

import pytest

from paiws.core.api import TABLE_COLUMNS
from paiws.screens.widgets.columns import (
    CELL_PADDING,
    COLUMNS,
    EDGE,
    SCROLLABLE,
    fit,
    natural_widths,
)
from paiws.screens.widgets.workspace_grid import natural_key, searchable

# Content widths like the demo's (index = TABLE_COLUMNS): a 43-cell display name among them.
CONTENT = dict(
    zip(
        TABLE_COLUMNS,
        (19, 6, 43, 12, 9, 23, 23, 8, 26, 11, 3),
        strict=True,
    )
)
NATURAL = natural_widths([CONTENT[title] for title in TABLE_COLUMNS])


def titles(width: int, offset: int = 0) -> list[str]:
    return [placed.column.title for placed in fit(NATURAL, width, offset).placed]


def width_of(title: str, width: int, offset: int = 0) -> int:
    layout = fit(NATURAL, width, offset)
    return next(p.width for p in layout.placed if p.column.title == title)


def test_at_80_columns_name_status_id_and_a_cut_display_name() -> None:
    layout = fit(NATURAL, 78)  # 80 minus the scrollbar
    assert titles(78) == ["Name", "Status", "ID", "Display Name"]
    assert width_of("Name", 78) == 19 and width_of("Status", 78) == 12
    assert width_of("Display Name", 78) < CONTENT["Display Name"]  # cut with …
    assert layout.more_right and not layout.more_left


def test_at_120_columns_more_columns_before_longer_text() -> None:
    assert titles(118)[:6] == ["Name", "Status", "ID", "Display Name", "Created", "Modified"]


def test_at_200_columns_every_column_fits() -> None:
    layout = fit(NATURAL, 198)
    assert [p.column.title for p in layout.placed] == [c.title for c in COLUMNS]
    assert not layout.more_right and layout.width <= 198 - EDGE


@pytest.mark.parametrize("available", range(40, 260, 7))
def test_no_column_runs_past_the_edge_and_whole_columns_are_never_cut(available: int) -> None:
    layout = fit(NATURAL, available)
    assert layout.width <= max(available - EDGE, 2 * (19 + 12) + 4)  # only pinned may overflow
    for placed in layout.placed:
        if placed.column.whole:
            assert placed.width == NATURAL[placed.column.index]
        else:
            assert placed.width >= len(placed.column.title) + 2  # the title and its arrow
        assert placed.x + placed.width + 2 * CELL_PADDING <= max(layout.width, available)


def test_scrolling_sideways_keeps_name_and_status() -> None:
    layout = fit(NATURAL, 78, offset=2)
    assert [p.column.title for p in layout.placed][:3] == ["Name", "Status", "Created"]
    assert layout.more_left
    assert fit(NATURAL, 78, offset=99).offset == len(SCROLLABLE) - 1  # clamped


def test_a_click_finds_the_column_under_it() -> None:
    layout = fit(NATURAL, 118)
    status = next(p for p in layout.placed if p.column.title == "Status")
    assert layout.at(status.x + 1) == status.column
    assert layout.at(10_000) is None


def test_the_filter_compares_case_folded_nfkc_text() -> None:
    assert searchable("\uff2e\uff2c\uff30_Train") == "nlp_train"  # full-width letters
    assert "自然" in searchable("自然语言处理train01")


def test_sort_keys_compare_digit_runs_as_numbers() -> None:
    names = ["ws_10", "ws_9", "WS_1", "alpha"]
    assert sorted(names, key=natural_key) == ["alpha", "WS_1", "ws_9", "ws_10"]
    assert sorted(["100010", "99999"], key=natural_key) == ["99999", "100010"]
