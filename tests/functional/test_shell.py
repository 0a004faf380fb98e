"""App shell: region picker (R2), activation-first ordering (R3), global keys, help, palette,
quitting, no-credentials and crash handling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from paiws.core import recent_regions as config
from paiws.core.factory import build_service, emulator_service
from paiws.core.options import Options
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.detail import DetailScreen
from paiws.screens.help import HelpScreen
from paiws.screens.region_picker import RegionPickerScreen
from tests.support import SIZE, make_app, plain, screen_text, settle, wait_until


async def test_nothing_is_sent_before_a_region_is_chosen(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RegionPickerScreen)
        await pilot.press("s", "h", "a", "n", "g")
        await settle(pilot)
        assert emulator.operations() == []
        assert app.session.region is None
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.region == "cn-shanghai"
        assert emulator.operations() == ["ListProducts", "ListWorkspaces"]
        assert {entry.region for entry in emulator.request_log} == {"cn-shanghai"}


async def test_region_flag_skips_the_picker_and_checks_activation_first(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceTableScreen)
        log = emulator.request_log
        assert [e.operation for e in log] == ["ListProducts", "ListWorkspaces"]
        assert log[0].query["ProductCodes"] == "PAI_share"
        assert log[1].query["PageSize"] == "100"
        assert app.screen.grid.row_count == 64
        assert "Loaded 64 of 64" in screen_text(app)


async def test_picker_shows_recent_and_profile_regions_as_hints_only(
    service: WorkspaceService, emulator: Emulator
) -> None:
    config.remember_region("cn-shanghai")
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Recent: cn-shanghai" in text
        # The cursor starts on the first common region, not on the recent one.
        picker = app.screen
        assert isinstance(picker, RegionPickerScreen)
        highlighted = picker.query_one("#region-list", OptionList).highlighted_option
        assert highlighted is not None and highlighted.id == "cn-hangzhou"
        assert app.session.region is None
        assert emulator.operations() == []


async def test_picker_lists_every_region_with_names_and_common_ones_first(
    service: WorkspaceService,
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for region_id, name in (
            ("cn-hangzhou", "China (Hangzhou)"),
            ("eu-central-1", "Germany"),
            ("ap-southeast-5", "Indonesia (Jakarta)"),
        ):
            assert region_id in text and name in text
        assert text.index("ap-southeast-1") < text.index("cn-wulanchabu")
        await pilot.press(*"zzz")
        await settle(pilot)
        assert "No region matches 'zzz'" in screen_text(app)


async def test_choosing_a_region_remembers_it_as_a_hint(service: WorkspaceService) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.session.region == "cn-shanghai"
    assert config.recent_regions()[0] == "cn-shanghai"


async def test_g_changes_region_from_the_detail_and_escape_returns(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, RegionPickerScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("g")
        await pilot.press(*"shanghai", "enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceTableScreen)
        assert app.session.region == "cn-shanghai"
        assert app.screen.grid.row_count == 5
        assert emulator.operations() == ["ListProducts", "ListWorkspaces"] * 2


async def test_activation_is_cached_per_region(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for region in ("shanghai", "hangzhou"):
            await pilot.press("g", *region, "enter")
            await settle(pilot)
        assert emulator.operations().count("ListProducts") == 2  # hangzhou and shanghai once


async def test_q_quits_from_the_top_screen_and_goes_back_elsewhere(
    service: WorkspaceService,
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("q")
        assert isinstance(app.screen, WorkspaceTableScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_q_on_the_first_picker_quits_but_types_into_a_filter(
    service: WorkspaceService,
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u", "l", "a", "n", "q")
        await settle(pilot)
        assert app.is_running
        assert "cn-wulanchabu" in screen_text(app)
        await pilot.press("escape")  # clears the filter
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_q_quits_from_anywhere(service: WorkspaceService) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_help_lists_the_keys_of_every_screen(service: WorkspaceService) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = app.screen.query(".help-section").results(Static)
        help_text = "\n".join(plain(static) for static in sections)
        for title in (
            "Workspace table  (this screen)",
            "Everywhere",
            "Region picker",
            "Workspace detail",
            "ID lookup",
            "Resource limits",
            "Permission error",
            "Activation banner",
        ):
            assert title in help_text
        for description in (
            "Filter the loaded rows on every column; Enter asks the server by name",
            "Pick a status to list (server-side)",
            "Sort by the column to the left",
            "Toggle ascending / descending",
            "Copy the selected workspace ID",
            "Open the selected workspace in the PAI console",
            "The selected workspace as masked JSON",
            "Show/hide owner & administrators",
            "Change region",
            "Open the command palette",
            "Copy policy",
        ):
            assert description in help_text
        await pilot.press("escape")
        assert isinstance(app.screen, WorkspaceTableScreen)


async def test_palette_offers_and_runs_the_current_screens_actions(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"refresh")
        hit = "Refresh (keeps filter, sort and cursor; resumes auto refresh)"
        await wait_until(pilot, lambda: hit in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert emulator.operations() == ["ListWorkspaces"]
        await pilot.press("ctrl+p")
        await pilot.press(*"limits")
        await wait_until(pilot, lambda: "resource limits" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert emulator.operations()[-1] == "ListWorkspaces:GetResourceLimits"


@pytest.mark.parametrize("theme_key", ["toggle theme"])
async def test_palette_toggles_the_theme(service: WorkspaceService, theme_key: str) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.theme
        await pilot.press("ctrl+p", *theme_key)
        await wait_until(pilot, lambda: "Toggle theme" in screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme != before


async def test_status_bar_shows_source_region_activation_and_badges(emulator: Emulator) -> None:
    service = emulator_service(emulator.base_url, read_only=True, is_demo=True)
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        top = screen_text(app).splitlines()[0]
        for part in ("demo · AK", "region cn-hangzhou", "PAI: activated", "READ-ONLY", "DEMO"):
            assert part in top
        assert "paiws-demo" not in top  # the key id is never shown
    service.close()


async def test_profile_region_is_a_hint_and_never_chosen(
    emulator: Emulator, isolated_home: Path
) -> None:
    aliyun = isolated_home / ".aliyun"
    aliyun.mkdir()
    (aliyun / "config.json").write_text(
        json.dumps(
            {
                "current": "default",
                "profiles": [
                    {
                        "name": "default",
                        "mode": "AK",
                        "access_key_id": "paiws-demo",
                        "access_key_secret": "paiws-demo-secret",
                        "region_id": "cn-beijing",
                    }
                ],
            }
        )
    )
    service = build_service(Options(endpoint=emulator.base_url))
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RegionPickerScreen)
        assert "Profile region: cn-beijing" in screen_text(app)
        await pilot.press("enter")  # the first region of the list, not the profile's
        await settle(pilot)
        assert app.session.region == "cn-hangzhou"
        assert {entry.region for entry in emulator.request_log} == {"cn-hangzhou"}
    service.close()


async def test_escape_sequences_from_the_cli_config_never_reach_the_terminal(
    emulator: Emulator, isolated_home: Path
) -> None:
    """Issue #15 item 7: a profile name or region_id holding OSC/CSI sequences (window title,
    colours, an OSC 52 clipboard write) is shown cleaned, like API text."""
    osc_title, sgr, osc52 = "\x1b]0;pwned\x07", "\x1b[41m", "\x1b]52;c;cGF5bG9hZA==\x07"
    name = f"work{osc_title}{sgr}x"
    aliyun = isolated_home / ".aliyun"
    aliyun.mkdir()
    (aliyun / "config.json").write_text(
        json.dumps(
            {
                "current": name,
                "profiles": [
                    {
                        "name": name,
                        "mode": "AK",
                        "access_key_id": "paiws-demo",
                        "access_key_secret": "paiws-demo-secret",
                        "region_id": f"cn-beijing{osc52}",
                    }
                ],
            }
        )
    )
    service = build_service(Options(endpoint=emulator.base_url))
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "profile workx" in shown and "Profile region: cn-beijing" in shown
        assert "\x1b" not in shown and "pwned" not in shown and "]52;" not in shown
        assert "cGF5bG9hZA" not in shown
    service.close()
