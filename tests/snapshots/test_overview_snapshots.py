"""Snapshots of the overview (R15) in the region picker, its sorting, the find screen and the
palette's region and workspace hits, each at 120x36 and 80x24. The scan still in flight comes
from the scripted fake (timing-free); everything else from the demo emulator, whose counts are
fixed. Animations are off, so a waiting row shows a still glyph instead of a spinner frame."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from textual.pilot import Pilot

from paiws.core.factory import emulator_service
from paiws.core.regions import all_regions
from paiws.core.service import WorkspaceService
from paiws.core.views import RegionOverview, StatusMix
from paiws.emulator import Emulator
from tests.snapshots.test_browse_snapshots import app_for, steps
from tests.snapshots.wizard_fake import FakeService
from tests.support import SIZE, SMALL, screen_text, settle, wait_until

Snap = Callable[..., bool]
SIZES = pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x36", "80x24"])
REGIONS = {region.id: region for region in all_regions()}


@pytest.fixture
def service(emulator: Emulator) -> Iterator[WorkspaceService]:
    svc = emulator_service(emulator.base_url)
    yield svc
    svc.close()


def _partial_scan() -> tuple[RegionOverview, ...]:
    def done(region: str, total: int, attention: int, mix: StatusMix) -> RegionOverview:
        return RegionOverview(REGIONS[region], "done", "activated", total, attention, mix, calls=2)

    return (
        done("cn-shanghai", 5, 1, StatusMix(3, 1, 1)),
        RegionOverview(REGIONS["cn-beijing"], "done", "not activated", calls=1),
        done("cn-shenzhen", 0, 0, StatusMix()),
        RegionOverview(REGIONS["cn-hangzhou"], "counting", "activated", calls=1),
        done("cn-wulanchabu", 6, 3, StatusMix(3, 0, 3)),
    )


@SIZES
def test_picker_overview_waiting(snap_compare: Snap, size: tuple[int, int]) -> None:
    hold = threading.Event()
    fake = FakeService(overview_rows=_partial_scan(), scan_hold=hold)

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await wait_until(
            pilot,
            lambda: (
                "China (Ulanqab)" in screen_text(pilot.app)
                or "cn-wulanchabu   activated" in screen_text(pilot.app)
            ),
        )
        await wait_until(
            pilot,
            lambda: (
                "5 of 16 answered" in screen_text(pilot.app)
                or "4 of 16 answered" in screen_text(pilot.app)
            ),
        )
        await pilot.pause()

    try:
        assert snap_compare(app_for(fake), terminal_size=size, run_before=run)
    finally:
        hold.set()


@SIZES
def test_picker_overview_done_with_an_errored_region(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: tuple[int, int]
) -> None:
    emulator.inject_fault("ListWorkspaces", "http500", times=None, region="cn-shanghai")
    assert snap_compare(app_for(service), terminal_size=size, run_before=steps("ctrl+o", "down"))


@SIZES
def test_picker_overview_sorted_by_attention(
    snap_compare: Snap, service: WorkspaceService, size: tuple[int, int]
) -> None:
    assert snap_compare(
        app_for(service), terminal_size=size, run_before=steps("ctrl+o", "ctrl+s", "ctrl+s")
    )


@SIZES
def test_find_screen(snap_compare: Snap, service: WorkspaceService, size: tuple[int, int]) -> None:
    assert snap_compare(app_for(service), terminal_size=size, run_before=steps("ctrl+f"))


@SIZES
def test_find_results_with_an_errored_region(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: tuple[int, int]
) -> None:
    emulator.inject_fault("ListWorkspaces", "forbidden", times=None, region="eu-central-1")
    assert snap_compare(
        app_for(service, "cn-hangzhou"),
        terminal_size=size,
        run_before=steps("ctrl+f", "r e c s y s enter"),
    )


@SIZES
def test_palette_region_and_workspace_hits(
    snap_compare: Snap, service: WorkspaceService, size: tuple[int, int]
) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"wlcb")
        await wait_until(pilot, lambda: "Open wlcb_default" in screen_text(pilot.app))
        await settle(pilot)

    assert snap_compare(app_for(service, "cn-wulanchabu"), terminal_size=size, run_before=run)


@SIZES
def test_palette_region_hits(
    snap_compare: Snap, service: WorkspaceService, size: tuple[int, int]
) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"china")
        await wait_until(pilot, lambda: "Region cn-hangzhou" in screen_text(pilot.app))
        await settle(pilot)

    assert snap_compare(app_for(service), terminal_size=size, run_before=run)
