"""The workspace table, the detail and the JSON view in Chinese (issue #16): headers, footer and
status line from the catalogue, columns lined up by display width (a Chinese character takes
two cells), the local filter and sort on Chinese text, statuses that keep their codes, and
the JSON view in English keys and values whatever the language."""

from __future__ import annotations

import pytest
from rich.cells import cell_len, set_cell_size
from rich.text import Text

from paiws.core.api import STATUS_STYLES, TABLE_COLUMNS, _, status_text
from paiws.core.service import WorkspaceService
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.detail import DetailScreen, detail_table
from paiws.screens.record_view import RecordScreen
from paiws.screens.widgets.columns import heading
from paiws.screens.widgets.workspace_grid import char_at
from tests.functional.test_table import shown, status_line, table
from tests.snapshots.wizard_fake import sample_row
from tests.support import SIZE, SMALL, make_app, says, screen_text, settle

pytestmark = pytest.mark.usefixtures("chinese")


async def test_filter_sort_and_detail_read_chinese(service: WorkspaceService) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert "名称" in lines[1] and "状态" in lines[1]  # the headers
        footer = lines[-1]
        assert says(footer, "Filter") and says(footer, "Sort") and says(footer, "New")
        assert cell_len(footer.rstrip()) <= SMALL[0]

        await pilot.press("slash", *"自然")  # part of Chinese display names
        await settle(pilot)
        names = shown(app, TABLE_COLUMNS.index("Display Name"))
        assert names and all("自然" in name for name in names)
        assert says(status_line(app), "{n} match {words}", n=len(names), words="'自然'")
        await pilot.press("enter")  # keeps the filter, back on the table
        await settle(pilot)

        await pilot.press("less_than_sign")  # from Created to the column on its left
        await settle(pilot)
        column = heading("Display Name")
        assert column == "显示名称"
        sentence = "sorted by {column} {arrow} (loaded rows)"
        assert says(status_line(app), sentence, column=column, arrow="▲")
        sorted_names = shown(app, TABLE_COLUMNS.index("Display Name"))
        assert sorted_names == sorted(sorted_names, key=lambda n: int(n[-2:]))

        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, DetailScreen) and detail.row is not None
        text = screen_text(app)
        assert says(text, "Display Name") and says(text, "Environments")
        assert status_text(detail.row.status) in text  # ENABLED（已启用）: the code stays
        assert detail.row.status in status_text(detail.row.status)
        assert says(
            text,
            "Press w to show the owner (fetches the workspace with Verbose; "
            "stays on for this session).",
        )

        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        assert f'"Status": "{detail.row.status}"' in app.screen.text  # machine output
        assert '"Display Name"' in app.screen.text and "显示名称" not in app.screen.text
        assert says(screen_text(app), "Workspace {name} as JSON", name=detail.row.name)


async def test_headers_and_cells_line_up_by_display_width(service: WorkspaceService) -> None:
    """Every column's title and every cell under it start in the same terminal cell, with
    Chinese headers and Chinese display names in the rows (cut ones end with …)."""
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        grid = table(app).grid
        lines = screen_text(app).splitlines()
        header, rows = lines[1], lines[2 : 2 + len(grid.visible_rows())]
        assert any("自然" in row for row in rows)
        for placed in grid.columns.placed:
            start = placed.x + 1  # after the cell's left padding
            title = heading(placed.column.title)
            assert header[char_at(header, start) :].startswith(title), title
            for index, row in enumerate(rows):
                cell = grid.get_row_at(index)[placed.column.index].plain
                if cell_len(cell) > placed.width:  # cut: what fits, then …
                    cell = set_cell_size(cell, placed.width - 1) + "…"
                assert row[char_at(row, start) :].startswith(cell), (title, row)


async def test_the_sideways_marker_sits_by_cells_in_a_chinese_header(
    service: WorkspaceService,
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("right")
        await settle(pilot)
        grid = table(app).grid
        header = screen_text(app).splitlines()[1]
        first = next(p for p in grid.columns.placed if not p.column.pinned)
        assert cell_len(header[: header.index("\u2039")]) == first.x
        title = heading(first.column.title)
        assert cell_len(header[: header.index(title)]) == first.x + 1


def test_the_detail_finds_the_status_by_its_key_whatever_its_label() -> None:
    row = sample_row(status="FAILURE")
    grid = detail_table(row, None, verbose=False)
    labels = [cell.plain for cell in grid.columns[0].cells if isinstance(cell, Text)]
    values = [cell for cell in grid.columns[1].cells if isinstance(cell, Text)]
    status = values[labels.index(_("Status"))]
    assert labels[0] == "工作空间 ID" and _("Status") == "状态"
    assert status.plain == "FAILURE（失败）"
    assert any(str(span.style) == STATUS_STYLES["FAILURE"] for span in status.spans)


async def test_the_status_picker_shows_codes_with_their_words(service: WorkspaceService) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        text = screen_text(app)
        assert says(text, "Show workspaces with status")
        for code in ("ENABLED", "INITIALIZING", "FAILURE", "DISABLED", "FROZEN", "UPDATING"):
            assert status_text(code) in text and code in status_text(code)
        await pilot.press("down", "enter")  # ENABLED
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceTableScreen)
        assert says(status_line(app), "status {status}", status="ENABLED")
