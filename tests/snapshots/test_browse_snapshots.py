"""Snapshots of the browse screens against the demo emulator: fixed size, no cursor blink, no
animations, workers finished before the shot (except the deliberate in-flight states)."""

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
from tests.support import screen_text, settle, wait_until

SIZE = (120, 36)
Snap = Callable[..., bool]


def app_for(service: DataService, region: str | None = None) -> PaiwsApp:
    app = PaiwsApp(service, region=region, cursor_blink=False)
    app.animation_level = "none"
    return app


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


def test_no_credentials(snap_compare: Snap, emulator: Emulator) -> None:
    service = build_service(Options(endpoint=emulator.base_url))
    assert snap_compare(app_for(service), terminal_size=SIZE, run_before=steps())


def test_region_picker(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(app_for(service), terminal_size=SIZE, run_before=steps())


def test_region_picker_filtered(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(app_for(service), terminal_size=SIZE, run_before=steps("c n - s h"))


def test_checking_activation(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.inject_fault("ListProducts", "latency", latency=3.0)

    async def run(pilot: Pilot[Any]) -> None:
        await wait_until(pilot, lambda: "Checking PAI activation" in screen_text(pilot.app))

    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=SIZE, run_before=run)


def test_table_loading(snap_compare: Snap, emulator: Emulator, service: WorkspaceService) -> None:
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

    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=SIZE, run_before=run)


def test_table_loaded(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=SIZE, run_before=steps("down down")
    )


def test_table_empty(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(app_for(service, "cn-shenzhen"), terminal_size=SIZE, run_before=steps())


def test_table_filtered(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"),
        terminal_size=SIZE,
        run_before=steps("slash n l p enter", "s", "O"),
    )


def test_activation_purchasable(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(app_for(service, "cn-beijing"), terminal_size=SIZE, run_before=steps())


def test_activation_no_permission(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(app_for(service, "ap-southeast-1"), terminal_size=SIZE, run_before=steps())


def test_detail_basic(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=SIZE, run_before=steps("enter")
    )


def test_detail_with_owner(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=SIZE, run_before=steps("down enter", "w")
    )


def test_detail_not_found(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"),
        terminal_size=SIZE,
        run_before=steps("i", "9 9 9 9 9 9 enter"),
    )


def test_lookup_with_missing_ids(snap_compare: Snap, service: WorkspaceService) -> None:
    keys = "1 0 0 0 0 2 comma space 1 0 0 0 0 3 space n o p e - 1 enter"
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=SIZE, run_before=steps("i", keys)
    )


def test_limits(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=SIZE, run_before=steps("l"))


def test_permission_error(snap_compare: Snap, emulator: Emulator) -> None:
    emulator.add_key("limited-key", "limited-secret", denied_actions=["ListWorkspaces"])
    service = emulator_service(
        emulator.base_url, access_key_id="limited-key", access_key_secret="limited-secret"
    )
    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=SIZE, run_before=steps())


def test_credentials_rejected(snap_compare: Snap, emulator: Emulator) -> None:
    service = emulator_service(emulator.base_url, access_key_secret="not-the-secret")
    assert snap_compare(app_for(service, "cn-hangzhou"), terminal_size=SIZE, run_before=steps())


def test_help(snap_compare: Snap, service: WorkspaceService) -> None:
    assert snap_compare(
        app_for(service, "cn-hangzhou"), terminal_size=SIZE, run_before=steps("question_mark")
    )
