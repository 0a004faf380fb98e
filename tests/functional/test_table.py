"""The workspace table: streaming pages, server-side filter/sort with the right queries,
refresh keeping state, empty state, stale answers dropped, copy and console keys."""

from __future__ import annotations

import pytest

from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.widgets.debounce import Debouncer
from tests.functional.tui_support import workspace_queries
from tests.support import SIZE, make_app, screen_text, settle, wait_until


def table(app: object) -> WorkspaceTableScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, WorkspaceTableScreen)
    return screen


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


async def test_name_filter_is_server_side_and_debounced(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("slash", *"nlp_train")
        await settle(pilot)
        queries = workspace_queries(emulator)
        assert len(queries) <= 2
        assert queries[-1]["WorkspaceName"] == "nlp_train"
        screen = table(app)
        names = [screen.grid.get_row_at(i)[0].plain for i in range(screen.grid.row_count)]
        assert names and all("nlp_train" in name for name in names)
        await pilot.press("enter")  # closes the filter input, keeps the filter
        assert screen.grid.has_focus
        assert "name contains 'nlp_train'" in screen_text(app)


async def test_status_filter_sort_and_order_send_the_right_queries(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("s")
        await settle(pilot)
        assert workspace_queries(emulator)[-1]["Status"] == "ENABLED"
        await pilot.press("s")
        await settle(pilot)
        assert workspace_queries(emulator)[-1]["Status"] == "INITIALIZING"
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
        # Escape clears the filters and keeps the sort.
        await pilot.press("escape")
        await settle(pilot)
        last = workspace_queries(emulator)[-1]
        assert "Status" not in last and last["Order"] == "DESC"


async def test_quick_key_presses_send_one_request(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("s", "s", "s")
        await settle(pilot)
        assert [q["Status"] for q in workspace_queries(emulator)] == ["FAILURE"]


async def test_refresh_keeps_filter_sort_and_cursor(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("O")
        await settle(pilot)
        await pilot.press("down", "down", "down")
        screen = table(app)
        selected = screen.grid.selected
        assert selected is not None
        emulator.clear_log()
        await pilot.press("r")
        await settle(pilot)
        assert [q["Order"] for q in workspace_queries(emulator)] == ["DESC"]
        assert screen.grid.selected == selected
        assert screen.grid.cursor_row == 3


async def test_empty_region_says_what_to_do(emulator: Emulator, service: WorkspaceService) -> None:
    app = make_app(service, region="cn-shenzhen")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "No workspaces in cn-shenzhen yet" in text
        assert "press n to create one" in text


async def test_filter_without_matches_says_how_to_clear_it(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzz", "enter")
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "No workspaces match these filters" in text
        assert "escape to clear all filters" in text


async def test_a_slow_stale_answer_never_overwrites_a_newer_one(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.inject_fault("ListWorkspaces", "latency", latency=0.8)
        await pilot.press("s")  # ENABLED: slow
        await wait_until(pilot, lambda: table(app).busy and not Debouncer.any_pending())
        await pilot.press("slash", *"speech", "enter")  # a newer question, answered fast
        await wait_until(pilot, lambda: emulator.operations().count("ListWorkspaces") >= 2)
        await settle(pilot)
        screen = table(app)
        rows = [screen.grid.get_row_at(i) for i in range(screen.grid.row_count)]
        assert rows and all("speech" in row[0].plain for row in rows)
        assert all(row[3].plain == "ENABLED" for row in rows)


async def test_y_copies_the_selected_id_and_b_opens_the_console(
    emulator: Emulator, service: WorkspaceService, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(service, region="cn-hangzhou")
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "y", "b")
        assert app.clipboard == "100002"
        assert opened == [service.console_url("cn-hangzhou")]
        assert "regionId=cn-hangzhou" in opened[0]


async def test_api_strings_are_shown_literally(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=(200, 36)) as pilot:
        await settle(pilot)
        assert "[b]Markup[/b] is text" in screen_text(app)
