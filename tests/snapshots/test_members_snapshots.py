"""Snapshots of the members table, every add-form step and outcome, and the roles and removal
dialogs, at 120x36 and 80x24, against the demo emulator (fixed data: no clock on screen)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import SelectionList

from paiws.app import PaiwsApp
from paiws.core.factory import emulator_service
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from tests.support import SIZE, SMALL, fill, screen_text, settle, wait_until

Snap = Callable[..., bool]
Steps = Callable[[Pilot[Any]], Awaitable[None]]
REGION = "cn-hangzhou"
WS, BIG = "100002", "100001"
ZHAO, EVE = "2611533416369727", "2480631874380059"
SIZES = pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x36", "80x24"])


@pytest.fixture
def service(emulator: Emulator) -> Iterator[WorkspaceService]:
    svc = emulator_service(emulator.base_url)
    yield svc
    svc.close()


def app_for(service: WorkspaceService) -> PaiwsApp:
    app = PaiwsApp(service, region=REGION, cursor_blink=False)
    app.animation_level = "none"
    return app


async def open_members(pilot: Pilot[Any], workspace_id: str = WS) -> None:
    await settle(pilot)
    pilot.app.screen.grid.move_to(workspace_id)  # type: ignore[attr-defined]
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)


async def tick(pilot: Pilot[Any], selector: str, *rows: int) -> None:
    picker = pilot.app.screen.query_one(selector, SelectionList)
    picker.focus()
    for row in rows:
        picker.highlighted = row
        await pilot.press("space")
    await pilot.pause()


async def to_people(pilot: Pilot[Any]) -> None:
    await open_members(pilot)
    await pilot.press("a")
    await settle(pilot)
    await fill(pilot, "#people-search", "zhao.m")
    await settle(pilot)
    await tick(pilot, "#people-results", 0, 2)


async def to_roles(pilot: Pilot[Any]) -> None:
    await to_people(pilot)
    await pilot.click("#add-next")
    await settle(pilot)
    await tick(pilot, "#add-role-picker", 0, 5)


async def to_review(pilot: Pilot[Any]) -> None:
    await to_roles(pilot)
    await pilot.click("#add-next")
    await settle(pilot)


async def add(pilot: Pilot[Any]) -> None:
    await to_review(pilot)
    await pilot.click("#add-next")
    await settle(pilot)


@SIZES
def test_members_table(snap_compare: Snap, service: WorkspaceService, size: Any) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await open_members(pilot, BIG)
        await pilot.press("down", "down")

    assert snap_compare(app_for(service), terminal_size=size, run_before=run)


@SIZES
def test_members_search(snap_compare: Snap, service: WorkspaceService, size: Any) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await open_members(pilot, BIG)
        await pilot.press("slash", *"wang")
        await settle(pilot)

    assert snap_compare(app_for(service), terminal_size=size, run_before=run)


@SIZES
def test_add_people(snap_compare: Snap, service: WorkspaceService, size: Any) -> None:
    assert snap_compare(app_for(service), terminal_size=size, run_before=to_people)


@SIZES
def test_add_roles(snap_compare: Snap, service: WorkspaceService, size: Any) -> None:
    assert snap_compare(app_for(service), terminal_size=size, run_before=to_roles)


@SIZES
def test_add_review(snap_compare: Snap, service: WorkspaceService, size: Any) -> None:
    assert snap_compare(app_for(service), terminal_size=size, run_before=to_review)


@SIZES
def test_add_in_progress(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Any
) -> None:
    emulator.inject_fault("CreateMember", "latency", latency=3.0)

    async def run(pilot: Pilot[Any]) -> None:
        await to_review(pilot)
        await pilot.click("#add-next")
        await wait_until(
            pilot,
            lambda: "● Adding new members" in screen_text(pilot.app),
            what="the create call in flight",
        )

    assert snap_compare(app_for(service), terminal_size=size, run_before=run)


@SIZES
def test_add_outcome_added(snap_compare: Snap, service: WorkspaceService, size: Any) -> None:
    assert snap_compare(app_for(service), terminal_size=size, run_before=add)


@SIZES
def test_add_outcome_mixed(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Any
) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await to_review(pilot)
        # Meanwhile someone else added one of them, with one of the two roles.
        emulator.add_member(REGION, WS, ZHAO, ["PAI.WorkspaceGuest"])
        await pilot.click("#add-next")
        await settle(pilot)

    assert snap_compare(app_for(service), terminal_size=size, run_before=run)


@SIZES
def test_add_outcome_permission_denied(snap_compare: Snap, emulator: Emulator, size: Any) -> None:
    emulator.add_key("nocreate", "nocreate-secret", denied_actions=("CreateMember",))
    service = emulator_service(
        emulator.base_url, access_key_id="nocreate", access_key_secret="nocreate-secret"
    )
    assert snap_compare(app_for(service), terminal_size=size, run_before=add)
    service.close()


@SIZES
def test_add_outcome_no_clear_answer(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Any
) -> None:
    emulator.inject_fault("CreateMember", "http503")
    assert snap_compare(app_for(service), terminal_size=size, run_before=add)


@SIZES
def test_add_blocked_in_read_only_mode(snap_compare: Snap, emulator: Emulator, size: Any) -> None:
    service = emulator_service(emulator.base_url, read_only=True)

    async def run(pilot: Pilot[Any]) -> None:
        await open_members(pilot)
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(app_for(service), terminal_size=size, run_before=run)
    service.close()


@SIZES
def test_roles_confirm_last_administrator(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Any
) -> None:
    emulator.add_member(REGION, WS, EVE, ["PAI.WorkspaceAdmin", "PAI.LabelManager"])

    async def run(pilot: Pilot[Any]) -> None:
        await open_members(pilot)
        await pilot.press("end", "enter")
        await settle(pilot)
        await tick(pilot, "#roles-picker", 4, 0)  # Administrator off, Algorithm developer on
        await pilot.press("ctrl+s")
        await settle(pilot)

    assert snap_compare(app_for(service), terminal_size=size, run_before=run)


@SIZES
def test_remove_last_administrator_typed(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Any
) -> None:
    emulator.add_member(REGION, WS, EVE, ["PAI.WorkspaceAdmin"])

    async def run(pilot: Pilot[Any]) -> None:
        await open_members(pilot)
        await pilot.press("end", "ctrl+d")
        await settle(pilot)
        await fill(pilot, "#remove-confirm", "nlp_train_01")
        await settle(pilot)

    assert snap_compare(app_for(service), terminal_size=size, run_before=run)


@SIZES
def test_remove_owner_refused(snap_compare: Snap, service: WorkspaceService, size: Any) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await open_members(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)

    assert snap_compare(app_for(service), terminal_size=size, run_before=run)
