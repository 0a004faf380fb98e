"""The region picker's overview (R15, `ctrl+o`), sorting (`ctrl+s`), recent regions, find by
name in every region (`ctrl+f`) and the palette's region and workspace hits, driven with Pilot
against the demo emulator."""

from __future__ import annotations

from collections import Counter
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList

from paiws.app import PaiwsApp
from paiws.core import recent_regions as config
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.detail import DetailScreen
from paiws.screens.find_workspace import FindScreen
from paiws.screens.region_picker import RegionPickerScreen
from tests.support import SIZE, SMALL, make_app, screen_text, settle, text_of, wait_until


def picker(app: PaiwsApp) -> RegionPickerScreen:
    screen = app.screen
    assert isinstance(screen, RegionPickerScreen)
    return screen


def option_ids(app: PaiwsApp) -> list[str]:
    options = picker(app).query_one("#region-list", OptionList)
    return [str(options.get_option_at_index(i).id) for i in range(options.option_count)]


def highlighted(app: PaiwsApp) -> str | None:
    option = picker(app).query_one("#region-list", OptionList).highlighted_option
    return option.id if option is not None else None


def line_of(app: PaiwsApp, region: str) -> str:
    return next(line for line in screen_text(app).splitlines() if f"│ {region} " in line)


async def scan(pilot: Pilot[Any]) -> None:
    await pilot.press("ctrl+o")
    await settle(pilot)


async def test_nothing_is_sent_until_ctrl_o_then_every_row_fills_in(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert emulator.operations() == []
        assert "Workspaces" not in screen_text(app)
        await scan(pilot)
        text = screen_text(app)
        assert "Workspaces" in text and "Attention" in text and "Statuses" in text
        hangzhou = line_of(app, "cn-hangzhou")
        assert "activated" in hangzhou and " 64 " in hangzhou and " 6 " in hangzhou
        assert "▒" in hangzhou and "█" in hangzhou  # the bar: enabled ... needs attention
        assert "not activated" in line_of(app, "cn-beijing")
        assert "no permission" in line_of(app, "ap-southeast-1")
        assert "16 regions: 14 activated with 82 workspaces" in text
        ops = Counter(emulator.operations())
        assert ops == {"ListProducts": 16, "ListWorkspaces": 14}
        assert app.session.region is None  # scanning chooses nothing (R2)


async def test_rows_fill_in_as_answers_arrive_with_a_slow_region_still_waiting(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.set_latency(1.5, region="cn-hangzhou", operation="ListWorkspaces")
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await wait_until(
            pilot,
            lambda: (
                "6 of 16 answered" not in screen_text(app)
                and "15 of 16 answered" in screen_text(app)
            ),
            what="every region but one",
        )
        waiting = line_of(app, "cn-hangzhou")
        assert "activated" in waiting and " 64 " not in waiting  # activation known, counting
        assert " 5 " in line_of(app, "cn-shanghai")
        await wait_until(pilot, lambda: " 64 " in line_of(app, "cn-hangzhou"), what="the count")
        assert "16 regions:" in screen_text(app)


async def test_enter_chooses_the_highlighted_region_during_a_scan(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.set_latency(0.3)
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o", "down", "enter")
        await settle(pilot)
        assert app.session.region == "cn-shanghai"
        assert isinstance(app.screen, WorkspaceTableScreen)


async def test_an_errored_region_says_error_and_the_detail_line_says_why(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.inject_fault("ListWorkspaces", "forbidden", times=None, region="eu-central-1")
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await scan(pilot)
        assert "error" in line_of(app, "eu-central-1")
        await pilot.press(*"frankfurt")
        await settle(pilot)
        detail = text_of(app, "#picker-detail")
        assert "eu-central-1" in detail and "paiworkspace:ListWorkspaces" in detail
        assert "1 failed" in detail


async def test_ctrl_s_sorts_by_workspaces_then_by_attention_and_letters_still_filter(
    service: WorkspaceService,
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")  # nothing to sort before a scan: the key does nothing
        await settle(pilot)
        assert option_ids(app)[0] == "cn-hangzhou"
        await scan(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert option_ids(app)[:5] == [
            "cn-hangzhou",
            "cn-wulanchabu",
            "cn-shanghai",
            "ap-northeast-1",
            "eu-central-1",
        ]
        assert "Workspaces▼" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert option_ids(app)[:3] == ["cn-hangzhou", "cn-wulanchabu", "eu-central-1"]
        assert "Attention▼" in screen_text(app)
        await pilot.press(*"cn-")
        await settle(pilot)
        assert all(rid.startswith("cn-") for rid in option_ids(app))
        assert option_ids(app)[:2] == ["cn-hangzhou", "cn-wulanchabu"]
        await pilot.press("ctrl+s")  # back to the catalogue
        await settle(pilot)
        assert option_ids(app)[:2] == ["cn-hangzhou", "cn-shanghai"]


async def test_ctrl_o_again_rescans_and_a_reopened_picker_shows_the_last_scan_without_asking(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await scan(pilot)
        await scan(pilot)
        assert Counter(emulator.operations()) == {"ListProducts": 32, "ListWorkspaces": 28}
        await pilot.press("enter")  # cn-hangzhou: activation and the first page are cached?
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("g")
        await settle(pilot)
        assert " 64 " in line_of(app, "cn-hangzhou")  # the run's scan, shown again
        assert emulator.operations() == []


async def test_the_scan_never_has_more_than_four_requests_in_flight(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.set_latency(0.05)
    emulator.reset_in_flight_peak()
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await scan(pilot)
        assert "16 regions:" in screen_text(app)
    assert emulator.in_flight_peak == 4


async def test_recent_regions_come_first_and_are_chosen_with_enter_but_never_preselected(
    service: WorkspaceService, emulator: Emulator
) -> None:
    config.remember_region("cn-wulanchabu")
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ids = option_ids(app)
        assert ids[0] == "recent:cn-wulanchabu" and "cn-wulanchabu" in ids
        assert highlighted(app) == "cn-hangzhou"  # R2: no guess
        assert "recent" in screen_text(app) and "common = the five most used" in screen_text(app)
        await pilot.press("up", "enter")
        await settle(pilot)
        assert app.session.region == "cn-wulanchabu"
        assert emulator.request_log[0].region == "cn-wulanchabu"


async def test_the_picker_scan_fits_a_small_terminal(service: WorkspaceService) -> None:
    app = make_app(service)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await scan(pilot)
        line = line_of(app, "ap-southeast-1")
        assert "no permission" in line  # the region ID and its state always stay
        assert all(len(row) <= SMALL[0] for row in screen_text(app).splitlines())
        assert "cn-hangzhou: 64 workspaces" in screen_text(app)


# -- find by name in every region -------------------------------------------------------------


async def test_ctrl_f_on_the_picker_finds_by_name_in_every_region_and_opens_in_its_region(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, FindScreen)
        await pilot.press(*"recsys", "enter")
        await settle(pilot)
        table = app.screen.query_one("#find-results", DataTable)
        regions = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert regions == ["cn-hangzhou"] * 5 + ["cn-wulanchabu", "ap-northeast-1", "eu-central-1"]
        assert "8 workspaces match 'recsys' in 4 of 14 regions" in screen_text(app)
        assert "cn-beijing" in screen_text(app)  # not searched: not activated
        searches = [e for e in emulator.request_log if e.operation == "ListWorkspaces"]
        assert {e.query["WorkspaceName"] for e in searches} == {"recsys"}
        await pilot.press("down", "down", "down", "down", "down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert app.session.region == "cn-wulanchabu"
        assert "recsys_wlcb_batch" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceTableScreen)
        assert app.screen.grid.row_count == 6


async def test_ctrl_f_on_the_table_opens_the_find_screen_and_errors_stay_per_region(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.inject_fault("ListWorkspaces", "http500", times=None, region="ap-northeast-1")
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, FindScreen)
        await pilot.press(*"jp_", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "ap-northeast-1: The service failed with HTTP 500" in text
        assert "0 workspaces match 'jp_'" in text and "1 region could not be searched" in text
        await pilot.press("ctrl+f")
        await pilot.press("ctrl+u", *"gdpr", "enter")
        await settle(pilot)
        assert "1 workspace matches 'gdpr'" in screen_text(app)


async def test_an_empty_name_is_refused_before_sending(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", "space", "enter")
        await settle(pilot)
        assert "Give some text to look for" in screen_text(app)
        assert emulator.operations() == []


# -- the command palette ---------------------------------------------------------------------


async def palette(pilot: Pilot[Any], query: str, hit: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await wait_until(pilot, lambda: hit in screen_text(pilot.app), what=f"the hit {hit!r}")


async def test_the_palette_chooses_a_region_by_id_or_name(service: WorkspaceService) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette(pilot, "ulanqab", "Region cn-wulanchabu")
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.region == "cn-wulanchabu"
        await palette(pilot, "ap-northeast-1", "Region ap-northeast-1")
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.region == "ap-northeast-1"
        assert isinstance(app.screen, WorkspaceTableScreen) and app.screen.grid.row_count == 4


async def test_the_palette_opens_a_loaded_workspace_by_name(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-wulanchabu")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await palette(pilot, "wlcb_legacy", "Open wlcb_legacy_gpu")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.workspace_id == "300005"
        assert emulator.operations() == []  # the loaded row is shown, nothing asked


async def test_the_palette_finds_a_name_in_every_region(service: WorkspaceService) -> None:
    app = make_app(service, region="cn-shanghai")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette(pilot, "recsys", "Find workspaces named like 'recsys' in every region")
        for _ in range(3):
            if "Find workspaces named like" in screen_text(app).splitlines()[2]:
                break
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FindScreen)
        assert "8 workspaces match 'recsys'" in screen_text(app)


async def test_waiting_rows_spin_while_the_scan_is_in_flight() -> None:
    import threading

    from paiws.app import PaiwsApp as App
    from paiws.screens.widgets.region_rows import SPINNER
    from tests.snapshots.wizard_fake import FakeService

    hold = threading.Event()
    app = App(FakeService(scan_hold=hold), cursor_blink=False)  # animations on, as users run it
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+o")

            def frame() -> str:
                return line_of(app, "us-east-1").split("checking")[0].split()[-1]

            await wait_until(pilot, lambda: frame() in SPINNER, what="a spinner")
            first = frame()
            await wait_until(pilot, lambda: frame() != first, what="the next frame")
            assert "Scanning every region… 0 of 16 answered" in screen_text(app)
    finally:
        hold.set()
