"""Many regions at once (R15) on the canary data: `paiws overview` and `paiws find` in every
format, with errored regions (a 403 whose detail names the principal) and against hostile
endpoints; and the TUI's overview in the picker, its sorting, the find screen, the detail it
opens and the palette's region and workspace hits. Nothing may show more than R8 allows; files,
logs and the temp dir are scanned by the autouse fixtures."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.pilot import Pilot

from paiws.emulator import Emulator
from paiws.screens.detail import DetailScreen
from paiws.screens.find_workspace import FindScreen
from paiws.screens.region_picker import RegionPickerScreen
from tests.leaks.hostile_bodies import CASES, Case
from tests.leaks.leak_canaries import (
    CREATOR_ONE,
    MARKUP_NAME,
    OWNER_ONE,
    OWNER_TWO,
    REGION,
    _workspace,
    assert_no_canary,
)
from tests.leaks.leak_support import CliResult, CliRunner, HostileServer, RecordingService
from tests.leaks.leak_tui import SIZE, Observer
from tests.support import SMALL, make_app, screen_text, settle, wait_until

OTHER = "eu-central-1"  # a second region with canary workspaces
FORBIDDEN = "ap-northeast-1"  # its ListWorkspaces answers 403 with an AccessDeniedDetail
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def spread(emu: Emulator) -> Emulator:
    """The canary data in a second region as well, and one region that refuses."""
    emu.add_workspace(
        OTHER, **_workspace("500001", "canary_eu", OWNER_TWO, CREATOR_ONE, Status="FAILURE")
    )
    emu.add_workspace(OTHER, **_workspace("500002", MARKUP_NAME, OWNER_ONE, CREATOR_ONE))
    emu.inject_fault("ListWorkspaces", "forbidden", times=None, region=FORBIDDEN)
    return emu


@pytest.fixture
def paiws(spread: Emulator, cli: CliRunner, canary_creds: None) -> CliRunner:
    def run(*argv: str) -> CliResult:
        result = cli(*argv, "--endpoint", spread.base_url)
        assert "Traceback" not in result.text
        assert "\x1b" not in result.text, "an escape sequence reached the terminal"
        assert_no_canary(result.text, where=f"`paiws {' '.join(argv[:2])}` output")
        return result

    return run


@pytest.mark.parametrize(
    "argv",
    [
        ("overview",),
        ("overview", "--format", "json"),
        ("overview", "--regions", f"{REGION},{FORBIDDEN}", "--format", "json"),
        ("find", "canary"),
        ("find", "canary", "--format", "json"),
        ("find", "x", "--regions", f"{OTHER},{FORBIDDEN}"),
    ],
    ids=" ".join,
)
def test_overview_and_find_print_only_masked_values(
    paiws: CliRunner, argv: tuple[str, ...]
) -> None:
    result = paiws(*argv)
    assert result.code == 0, result.err
    assert FORBIDDEN in result.out  # the refused region is reported, by region only


def test_find_shows_the_masked_fields_it_found(paiws: CliRunner) -> None:
    import json

    data = json.loads(paiws("find", "canary", "--format", "json").out)
    regions = {w["Region"] for w in data["Workspaces"]}
    assert regions == {REGION, OTHER}
    assert {w["Creator ID"] for w in data["Workspaces"]} >= {CREATOR_ONE.shown_as}
    assert [e["Region"] for e in data["Regions With Errors"]] == [FORBIDDEN]
    assert not {"Creator", "UserId", "UserName", "UserKp", "AdminNames"} & set(
        data["Workspaces"][0]
    )


SCAN_CASES = [c for c in CASES if c.operation in ("ListWorkspaces", "ListProducts")]


@pytest.mark.parametrize("case", SCAN_CASES, ids=[c.name for c in SCAN_CASES])
def test_overview_and_find_on_a_hostile_endpoint_print_a_clear_error_or_masked_text(
    cli: CliRunner, canary_creds: None, case: Case
) -> None:
    with HostileServer() as hostile:
        hostile.script[case.operation] = case.reply
        for argv in (
            ("overview", "--format", "json"),
            ("overview",),
            ("find", "x", "--format", "json"),
            ("find", "x"),
        ):
            result = cli(
                *argv, "--regions", "cn-hangzhou,us-east-1", "--endpoint", hostile.base_url
            )
            where = f"`paiws {' '.join(argv)}` on {case.name!r}"
            assert 0 <= result.code <= 7, where
            assert "Traceback" not in result.text, where
            assert not CONTROLS.search(result.text.replace("\t", " ")), f"control chars: {where}"
            assert_no_canary(result.text, where=where)


# -- the TUI ----------------------------------------------------------------------------------


async def test_the_overview_find_and_palette_show_only_masked_values(
    spread: Emulator, service: RecordingService, observer: Observer
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, RegionPickerScreen)
        text = observer.look(app, "picker overview")
        assert "error" in text and "4 " in text
        await pilot.press(*"tokyo")
        await settle(pilot)
        refused = observer.look(app, "picker with the refused region highlighted")
        assert "paiworkspace:ListWorkspaces" in refused
        await pilot.press("escape", "ctrl+s", "ctrl+s")
        await settle(pilot)
        observer.look(app, "picker sorted")

        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, FindScreen)
        await pilot.press(*"canary", "enter")
        await settle(pilot)
        found = observer.look(app, "find results")
        assert "canary_eu" in found and "****0005" in found
        await pilot.press("ctrl+f", "ctrl+u", *"[bold", "enter")
        await settle(pilot)
        assert MARKUP_NAME in observer.look(app, "find results with markup names")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        observer.look(app, "detail opened from find")
        await pilot.press("w")
        await settle(pilot)
        observer.look(app, "detail opened from find, with owner")

        await palette(pilot, "canary")
        observer.look(app, "palette: workspaces and regions")
        await pilot.press("escape", "escape")
        await settle(pilot)
        await palette(pilot, "[bold")
        observer.look(app, "palette: a markup name")
        await pilot.press("enter")
        await settle(pilot)
        observer.look(app, "after the palette hit")
    observer.check()


async def palette(pilot: Pilot[Any], query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await wait_until(pilot, lambda: "every region" in screen_text(pilot.app), what="the hits")


async def test_the_overview_on_a_small_terminal_shows_only_masked_values(
    spread: Emulator, service: RecordingService, observer: Observer
) -> None:
    app = make_app(service)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        observer.look(app, "small picker overview")
        await pilot.press("ctrl+f", *"canary", "enter")
        await settle(pilot)
        observer.look(app, "small find results")
    observer.check()
