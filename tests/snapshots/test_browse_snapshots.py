"""Snapshots of the browse screens against the demo emulator: at 120x36 and 80x24 (the `size`
fixture), no cursor blink, no animations, live refresh off and its clock still ("updated 0s
ago"), workers finished before the shot (except the deliberate in-flight states)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from textual.pilot import Pilot

from paiws.app import PaiwsApp
from paiws.core.factory import build_service, emulator_service
from paiws.core.interface import DataService
from paiws.core.options import Options
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.session import LiveRefresh
from tests.support import make_app, screen_text, settle, wait_until

Snap = Callable[..., bool]
Size = tuple[int, int]


def app_for(
    service: DataService, region: str | None = None, live: LiveRefresh | None = None
) -> PaiwsApp:
    return make_app(service, region, live_refresh=live)


def steps(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """run_before: settle, press keys (one group per settle), settle again."""

    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for group in keys:
            await pilot.press(*group.split(" ")) if " " in group else await pilot.press(group)
            await settle(pilot)  # waits for debounced keys too

    return run


@pytest.fixture
def service(emulator: Emulator) -> Iterator[WorkspaceService]:
    svc = emulator_service(emulator.base_url)
    yield svc
    svc.close()


def test_no_credentials(snap_compare: Snap, emulator: Emulator, size: Size) -> None:
    service = build_service(Options(endpoint=emulator.base_url))
    assert snap_compare(app_for(service), terminal_size=size, run_before=steps())


def test_region_picker(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(app_for(service), terminal_size=size, run_before=steps())


def test_region_picker_filtered(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(app_for(service), terminal_size=size, run_before=steps("c n - s h"))


def test_checking_activation(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Size
) -> None:
    emulator.inject_fault("ListProducts", "latency", latency=3.0)

    async def run(pilot: Pilot[Any]) -> None:
        await wait_until(pilot, lambda: "Checking PAI activation" in screen_text(pilot.app))

    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=size, run_before=run)


def test_table_loading(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Size
) -> None:
    emulator.inject_fault("ListWorkspaces", "latency", latency=3.0)

    async def run(pilot: Pilot[Any]) -> None:
        for _ in range(50):  # until the activation check is done and the list is in flight
            await pilot.pause(0.05)
            if (
                "ListProducts" in emulator.operations()
                and isinstance(pilot.app, PaiwsApp)
                and pilot.app.session.activation == "activated"
            ):
                break
        await pilot.pause()

    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=size, run_before=run)


def test_table_loaded(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("down down")
    )


def test_table_scrolled_sideways(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    """Name and Status stay; the markers say more columns are left and right."""
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("right right")
    )


def test_table_empty(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(app_for(service, "cn-shenzhen"), terminal_size=size, run_before=steps())


def test_table_filtered(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    """A local filter on a Display Name (CJK), a status from the picker, newest first."""
    assert snap_compare(
        app_for(service, "cn-hangzhou"),
        terminal_size=size,
        run_before=steps("slash 自 然 enter", "s", "down enter", "O"),
    )


def test_table_filter_typing(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("slash t e a m")
    )


def test_table_filter_no_match(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("slash z z z enter")
    )


def test_table_sorted_by_a_loaded_column(
    snap_compare: Snap, service: WorkspaceService, size: Size
) -> None:
    """`<` from Created: Display Name ▲ on the loaded rows, said in the status line."""
    assert snap_compare(
        app_for(service, "cn-hangzhou"),
        terminal_size=size,
        run_before=steps("less_than_sign", "home"),
    )


def test_status_picker(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("s"))


def test_table_rows_marked_stale(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Size
) -> None:
    """A live refresh failed: the rows in transition on screen are marked `~`."""
    live = LiveRefresh(interval=0.05, max_interval=0.05, clock=lambda: 0.0)

    async def run(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, PaiwsApp)
        await wait_until(pilot, lambda: app.main_screen is not None and app.main_screen.quiet)
        emulator.inject_fault("*", "non_json_200", times=None)  # GetWorkspace too (one row)
        main = app.main_screen
        assert main is not None
        await wait_until(pilot, lambda: bool(main.grid.marked), what="stale rows")
        await pilot.pause()

    assert snap_compare(app_for(service, "cn-hangzhou", live), terminal_size=size, run_before=run)


def test_table_auto_refresh_paused(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Size
) -> None:
    now = [0.0]
    live = LiveRefresh(interval=0.05, max_interval=0.05, pause_after=60, clock=lambda: now[0])

    async def run(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, PaiwsApp)
        await wait_until(pilot, lambda: app.main_screen is not None and app.main_screen.quiet)
        main = app.main_screen
        assert main is not None
        await wait_until(pilot, lambda: main.live.streak_started is not None)
        now[0] = 90.0
        await wait_until(pilot, lambda: main.live.paused, what="the pause")
        await settle(pilot)

    assert snap_compare(app_for(service, "cn-hangzhou", live), terminal_size=size, run_before=run)


def test_activation_purchasable(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(app_for(service, "cn-beijing"), terminal_size=size, run_before=steps())


def test_activation_no_permission(
    snap_compare: Snap, service: WorkspaceService, size: Size
) -> None:
    assert snap_compare(app_for(service, "ap-southeast-1"), terminal_size=size, run_before=steps())


def test_detail_basic(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("enter")
    )


def test_detail_with_owner(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("down enter", "w")
    )


def test_workspace_json(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("down", "v")
    )


def test_detail_not_found(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"),
        terminal_size=size,
        run_before=steps("i", "9 9 9 9 9 9 enter"),
    )


def test_lookup_empty(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    """The placeholder shows IDs shaped like the region's."""
    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("i"))


def test_lookup_with_missing_ids(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    keys = "1 0 0 0 0 2 comma space 1 0 0 0 0 3 space n o p e - 1 enter"
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("i", keys)
    )


def test_lookup_invalid_token(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    keys = "1 0 0 0 0 2 comma space n o p e number_sign 1 enter"
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("i", keys)
    )


def test_limits(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("l"))


def test_permission_error(snap_compare: Snap, emulator: Emulator, size: Size) -> None:
    emulator.add_key("limited-key", "limited-secret", denied_actions=["ListWorkspaces"])
    service = emulator_service(
        emulator.base_url, access_key_id="limited-key", access_key_secret="limited-secret"
    )
    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps())


def test_credentials_rejected(snap_compare: Snap, emulator: Emulator, size: Size) -> None:
    service = emulator_service(emulator.base_url, access_key_secret="not-the-secret")
    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps())


def test_help(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("question_mark")
    )


def test_help_in_read_only_mode(snap_compare: Snap, emulator: Emulator, size: Size) -> None:
    service = emulator_service(emulator.base_url, read_only=True)
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("question_mark")
    )


def test_read_only_refusal(snap_compare: Snap, emulator: Emulator, size: Size) -> None:
    """`n` in read-only mode: the sentence, and how to turn it off."""
    service = emulator_service(emulator.base_url, read_only=True)
    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("n"))


def test_delete_the_default_workspace(
    snap_compare: Snap, service: WorkspaceService, size: Size
) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=size, run_before=steps("ctrl+d")
    )


# -- in Chinese (issue #16): headers, footer, status line, detail labels and dialogs in
# double-width text, at both sizes; the same steps as the English shots above ---------------

CHINESE = pytest.mark.usefixtures("chinese")


@CHINESE
def test_table_loaded_in_chinese(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    """Chinese headers and display names line up with their columns; the footer fits."""
    test_table_loaded(snap_compare, service, size)


@CHINESE
def test_table_scrolled_sideways_in_chinese(
    snap_compare: Snap, service: WorkspaceService, size: Size
) -> None:
    """The "more on the left" marker sits in the blank left of the first scrolled header (by
    cells, not characters)."""
    test_table_scrolled_sideways(snap_compare, service, size)


@CHINESE
def test_table_filtered_in_chinese(
    snap_compare: Snap, service: WorkspaceService, size: Size
) -> None:
    test_table_filtered(snap_compare, service, size)


@CHINESE
def test_status_picker_in_chinese(
    snap_compare: Snap, service: WorkspaceService, size: Size
) -> None:
    """Each status code with its word beside it, the counts in one column."""
    test_status_picker(snap_compare, service, size)


@CHINESE
def test_activation_purchasable_in_chinese(
    snap_compare: Snap, service: WorkspaceService, size: Size
) -> None:
    test_activation_purchasable(snap_compare, service, size)


@CHINESE
def test_detail_with_owner_in_chinese(
    snap_compare: Snap, service: WorkspaceService, size: Size
) -> None:
    """Labels in one column whatever their width; the status keeps its code."""
    test_detail_with_owner(snap_compare, service, size)


@CHINESE
def test_delete_the_default_workspace_in_chinese(
    snap_compare: Snap, service: WorkspaceService, size: Size
) -> None:
    test_delete_the_default_workspace(snap_compare, service, size)


@CHINESE
def test_table_sorted_by_a_loaded_column_in_chinese(
    snap_compare: Snap, service: WorkspaceService, size: Size
) -> None:
    test_table_sorted_by_a_loaded_column(snap_compare, service, size)


@CHINESE
def test_help_in_chinese(snap_compare: Snap, service: WorkspaceService, size: Size) -> None:
    """The help's paragraphs and every screen's keys in Chinese; key column aligned."""
    test_help(snap_compare, service, size)
