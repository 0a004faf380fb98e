"""The workspace table: streaming pages, the local filter (and the server for the rest), the
status picker, server and local sorts, refresh keeping state, empty states, stale answers
dropped, and the keys that act on the selected row."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from textual.app import App

from paiws.core.api import ListQuery, WorkspacePage, workspace_record
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.status_picker import StatusPicker
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.record_view import RecordScreen
from paiws.screens.widgets.debounce import Debouncer
from tests.functional.tui_support import workspace_queries
from tests.support import SIZE, SMALL, make_app, screen_text, settle, text_of, wait_until


def table(app: object) -> WorkspaceTableScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, WorkspaceTableScreen)
    return screen


def shown(app: object, column: int = 0) -> list[str]:
    grid = table(app).grid
    return [grid.get_row_at(i)[column].plain for i in range(grid.row_count)]


def status_line(app: App[Any]) -> str:
    return " ".join(text_of(app, "#load-status").split())


async def test_all_pages_stream_in_with_page_size_100(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.generate("cn-guangzhou", 250)
    app = make_app(service, region="cn-guangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        queries = workspace_queries(emulator)
        assert sorted(q["PageNumber"] for q in queries) == ["1", "2", "3"]
        assert {q["PageSize"] for q in queries} == {"100"}
        assert table(app).grid.row_count == 250
        assert "Loaded 250 of 250" in screen_text(app)


# -- `/`: the loaded rows, on every column, as you type --------------------------------------


async def test_typing_filters_the_loaded_rows_on_every_column_without_a_request(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("slash", *"自然")  # part of a Display Name (CJK)
        await settle(pilot)
        display_names = shown(app, 2)
        assert display_names and all("自然" in name for name in display_names)
        assert "6 match '自然'" in status_line(app)
        # The ID column, and several words at once (every word must match somewhere).
        table(app).name_filter.value = "10000 initializing"
        await settle(pilot)
        assert shown(app, 1) == ["100006"]
        assert emulator.operations() == []  # filtering the loaded rows sends nothing
        await pilot.press("enter")  # closes the filter, keeps it; everything is loaded
        await settle(pilot)
        assert table(app).grid.has_focus
        assert shown(app, 1) == ["100006"]
        assert emulator.operations() == []


async def test_the_filter_ignores_case_and_full_width_letters(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"\uff2e\uff2c\uff30_TRAIN")  # full-width N L P
        await settle(pilot)
        names = shown(app)
        assert names and all(name.startswith("nlp_train") for name in names)


class HeldAfterFirstPage:
    """The real service, except that the table's main listing stops after its first page until
    released: the state "not every row is loaded yet", for as long as a test needs it."""

    def __init__(self, service: WorkspaceService) -> None:
        self._service = service
        self.release = threading.Event()
        self.searches: list[ListQuery] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)

    def iter_workspaces(
        self, region: str, query: ListQuery, **kwargs: Any
    ) -> Iterator[WorkspacePage]:
        if query.name:
            self.searches.append(query)
            yield from self._service.iter_workspaces(region, query, **kwargs)
            return
        for number, page in enumerate(self._service.iter_workspaces(region, query, **kwargs)):
            if number == 1:
                self.release.wait(20)
            yield page


async def test_enter_asks_the_server_by_name_for_rows_not_loaded_yet(
    emulator: Emulator, service: WorkspaceService
) -> None:
    names = emulator.generate("cn-guangzhou", 250)
    target = f"gen_{names[-1]}"  # on the third page: not loaded while the listing is held
    held = HeldAfterFirstPage(service)
    app = make_app(held, region="cn-guangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: table(app).grid.loaded == 100, what="the first page")
        await pilot.press("slash", *target)
        await pilot.pause()
        assert table(app).grid.row_count == 0
        assert "filtering 100 loaded of 250: Enter asks the server" in status_line(app)
        emulator.clear_log()
        await pilot.press("enter")
        await wait_until(pilot, lambda: table(app).searching is None, what="the server search")
        searches = [q for q in workspace_queries(emulator) if "WorkspaceName" in q]
        assert [q["WorkspaceName"] for q in searches] == [target]
        assert shown(app) == [target]  # its row joined the filtered ones
        held.release.set()
        await settle(pilot)
        assert table(app).grid.loaded == 250 and shown(app) == [target]


async def test_enter_with_every_row_loaded_asks_nothing(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("slash", *"zzz", "enter")
        await settle(pilot)
        assert emulator.operations() == []
        text = " ".join(screen_text(app).split())
        assert "No loaded workspace matches 'zzz'" in text
        assert "Every workspace of this list is loaded" in text
        assert "escape to clear the filters" in text
        await pilot.press("escape")
        await settle(pilot)
        assert table(app).grid.row_count == 64


# -- `s`: the status picker; `o` / `O`: the server's sort --------------------------------------


async def test_s_opens_a_status_picker_and_the_choice_is_sent(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatusPicker)
        picker = " ".join(screen_text(app).split())
        assert "All statuses 64 loaded" in picker and "INITIALIZING 2 loaded" in picker
        await pilot.press("down", "down", "enter")  # All, ENABLED, INITIALIZING
        await settle(pilot)
        assert workspace_queries(emulator)[-1]["Status"] == "INITIALIZING"
        assert set(shown(app, 3)) == {"INITIALIZING"}
        await pilot.press("o")
        await settle(pilot)
        last = workspace_queries(emulator)[-1]
        assert (last["SortBy"], last["Status"]) == ("GmtModifiedTime", "INITIALIZING")
        await pilot.press("O")
        await settle(pilot)
        last = workspace_queries(emulator)[-1]
        assert (last["SortBy"], last["Order"]) == ("GmtModifiedTime", "DESC")
        assert "status INITIALIZING" in screen_text(app)
        assert "sorted by modified, newest first" in screen_text(app)
        assert "Modified ▼" in screen_text(app)
        # Escape clears the filters and keeps the sort.
        await pilot.press("escape")
        await settle(pilot)
        last = workspace_queries(emulator)[-1]
        assert "Status" not in last and last["Order"] == "DESC"


async def test_escape_on_the_status_picker_changes_nothing(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("s", "escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceTableScreen)
        assert emulator.operations() == []


async def test_quick_key_presses_send_one_request(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("o", "o", "o")
        await settle(pilot)
        assert [q["SortBy"] for q in workspace_queries(emulator)] == ["GmtModifiedTime"]


# -- any column: the loaded rows, saying so -----------------------------------------------------


async def test_sorting_by_another_column_sorts_the_loaded_rows_and_says_so(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("less_than_sign")  # from Created to the column on its left
        await settle(pilot)
        names = shown(app, 2)  # Display Name
        assert names == sorted(names, key=lambda n: n.casefold())
        assert "Display Name ▲" in screen_text(app)
        assert "sorted by Display Name ▲ (loaded rows)" in status_line(app)
        await pilot.press("O")
        await settle(pilot)
        assert shown(app, 2)[0] == max(names, key=lambda n: n.casefold())
        assert "Display Name ▼" in screen_text(app)
        assert emulator.operations() == []  # nothing asked of the server
        await pilot.press("greater_than_sign")  # back to Created: the server's order again
        await settle(pilot)
        assert [(q["SortBy"], q["Order"]) for q in workspace_queries(emulator)] == [
            ("GmtCreateTime", "DESC")
        ]
        assert "sorted by created, newest first" in status_line(app)


async def test_a_click_on_a_header_sorts_by_that_column(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        grid = table(app).grid
        status = next(p for p in grid.columns.placed if p.column.title == "Status")
        await pilot.click("#grid", offset=(status.x + 2, 0))
        await settle(pilot)
        statuses = shown(app, 3)
        assert statuses == sorted(statuses)
        assert "Status ▲" in screen_text(app)
        await pilot.click("#grid", offset=(status.x + 2, 0))  # again: the other way round
        await settle(pilot)
        assert shown(app, 3) == sorted(statuses, reverse=True)


# -- columns that adapt ---------------------------------------------------------------------------


async def test_at_80_columns_name_and_status_are_whole_and_pinned(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("s", "down", "down", "enter")  # INITIALIZING: the longest status
        await settle(pilot)
        lines = screen_text(app).splitlines()
        header = lines[1]
        assert header.split()[:3] == ["Name", "Status", "ID"]
        assert "INITIALIZING" in lines[2]  # whole, not INITI…
        assert header.rstrip().endswith("\u203a")  # more columns to the right
        await pilot.press("right", "right")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert lines[1].split()[:2] == ["Name", "Status"]  # pinned
        assert "\u2039Created" in lines[1]  # more columns to the left
        assert "INITIALIZING" in lines[2]


async def test_at_200_columns_no_column_runs_past_the_edge(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        grid = table(app).grid
        layout = grid.columns
        assert layout.width <= grid.scrollable_content_region.width
        header = screen_text(app).splitlines()[1]
        for placed in layout.placed:
            assert placed.column.title in header  # every column shown is whole in the header


async def test_long_text_is_cut_with_an_ellipsis(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.add_workspace("cn-guangzhou", WorkspaceName="long_one", DisplayName="x" * 70)
    app = make_app(service, region="cn-guangzhou")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        row = screen_text(app).splitlines()[2]
        assert "long_one" in row and "x…" in row and "x" * 70 not in row


# -- moving and acting on the selected row --------------------------------------------------


async def test_vim_keys_and_home_end_move_the_cursor(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        grid = table(app).grid
        await pilot.press("j", "j", "k")
        assert grid.cursor_row == 1
        await pilot.press("G")
        assert grid.cursor_row == 63
        await pilot.press("home")
        assert grid.cursor_row == 0
        await pilot.press("end")
        assert grid.cursor_row == 63


async def test_refresh_keeps_filter_sort_and_cursor(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        await pilot.press("slash", *"train", "enter")
        await pilot.press("down", "down", "down")
        screen = table(app)
        selected = screen.grid.selected
        assert selected is not None
        emulator.clear_log()
        await pilot.press("r")
        await settle(pilot)
        assert [q["Order"] for q in workspace_queries(emulator)] == ["DESC"]
        assert screen.grid.filter_text == "train"
        assert screen.grid.selected == selected
        assert screen.grid.cursor_row == 3


async def test_empty_region_says_what_to_do(
    emulator: Emulator, service: WorkspaceService, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(service, region="cn-shenzhen")
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "No workspaces in cn-shenzhen yet" in text
        assert "press n to create one" in text
        await pilot.press("b")  # no row to open: the region's console
        assert opened == ["https://pai.console.aliyun.com/?regionId=cn-shenzhen"]


async def test_a_slow_stale_answer_never_overwrites_a_newer_one(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.inject_fault("ListWorkspaces", "latency", latency=0.8)
        await pilot.press("s", "down", "enter")  # ENABLED: slow
        await wait_until(pilot, lambda: table(app).busy and not Debouncer.any_pending())
        emulator.clear_faults()
        await pilot.press("s", "down", "down", "enter")  # from ENABLED to FAILURE: fast
        await wait_until(pilot, lambda: emulator.operations().count("ListWorkspaces") >= 2)
        await settle(pilot)
        statuses = shown(app, 3)
        assert statuses and set(statuses) == {"FAILURE"}


async def test_y_copies_the_selected_id_and_b_opens_its_console_page(
    emulator: Emulator, service: WorkspaceService, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(service, region="cn-hangzhou")
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "y", "b")
        assert app.clipboard == "100002"
        assert opened == [
            "https://pai.console.aliyun.com/?regionId=cn-hangzhou&workspaceId=100002"
            "#/workspace/overview"
        ]


async def test_v_shows_the_masked_json_of_get_and_y_copies_it(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("down")
        row = table(app).grid.selected
        assert row is not None
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        record = workspace_record(row, include_admins=False)  # `get` without --owner (R6)
        assert json.loads(app.screen.text) == record
        assert '"Workspace ID": "100002"' in screen_text(app)
        await pilot.press("y")
        assert app.clipboard is not None and json.loads(app.clipboard) == record
        await pilot.press("end")  # scrolls to the end of the record
        await settle(pilot)
        assert '"Default": false' in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, WorkspaceTableScreen)


async def test_api_strings_are_shown_literally(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=(200, 36)) as pilot:
        await settle(pilot)
        assert "[b]Markup[/b] is text" in screen_text(app)
