"""Snapshots of the members table, every add-form step and outcome, and the roles and removal
dialogs, at 120x36 and 80x24, against the demo emulator (fixed data: no clock on screen); the
main ones again in Simplified Chinese (issue #16)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import SelectionList

from paiws.app import PaiwsApp
from paiws.core.factory import emulator_service
from paiws.core.i18n import _
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from tests.support import SIZE, SMALL, fill, settle, text_of, wait_until

Snap = Callable[..., bool]
Steps = Callable[[Pilot[Any]], Awaitable[None]]
REGION = "cn-hangzhou"
ADDED = "2024-03-05T06:07:08Z"  # a member added by a test: a fixed time, so no clock on screen
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
        adding = "● " + _("Adding new members (CreateMember, sent once)")
        await wait_until(
            pilot,
            lambda: adding in text_of(pilot.app, "#add-progress-lines"),
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
    emulator.add_member(
        REGION, WS, EVE, ["PAI.WorkspaceAdmin", "PAI.LabelManager"], GmtCreateTime=ADDED
    )

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
    emulator.add_member(REGION, WS, EVE, ["PAI.WorkspaceAdmin"], GmtCreateTime=ADDED)

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


# -- in Chinese (issue #16): double-width headers, stepper, buttons and footer at both sizes;
# the same steps as the English shots above. Words that come from the core (roles, account
# types) follow the core's catalogue. ---------------------------------------------------------

CHINESE = pytest.mark.usefixtures("chinese")


@CHINESE
@SIZES
def test_members_table_in_chinese(snap_compare: Snap, service: WorkspaceService, size: Any) -> None:
    """Chinese headers line up with their columns (measured in cells); the footer fits."""
    test_members_table(snap_compare, service, size)


@CHINESE
@SIZES
def test_members_search_in_chinese(
    snap_compare: Snap, service: WorkspaceService, size: Any
) -> None:
    test_members_search(snap_compare, service, size)


@CHINESE
@SIZES
def test_add_people_in_chinese(snap_compare: Snap, service: WorkspaceService, size: Any) -> None:
    """The stepper and the Back/Next buttons stay on screen at 80x24."""
    test_add_people(snap_compare, service, size)


@CHINESE
@SIZES
def test_add_roles_in_chinese(snap_compare: Snap, service: WorkspaceService, size: Any) -> None:
    """Explanations start in one column whatever the width of the roles' words."""
    test_add_roles(snap_compare, service, size)


@CHINESE
@SIZES
def test_add_review_in_chinese(snap_compare: Snap, service: WorkspaceService, size: Any) -> None:
    test_add_review(snap_compare, service, size)


@CHINESE
@SIZES
def test_add_in_progress_in_chinese(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Any
) -> None:
    test_add_in_progress(snap_compare, emulator, service, size)


@CHINESE
@SIZES
def test_add_outcome_mixed_in_chinese(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Any
) -> None:
    test_add_outcome_mixed(snap_compare, emulator, service, size)


@CHINESE
@SIZES
def test_roles_confirm_last_administrator_in_chinese(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Any
) -> None:
    test_roles_confirm_last_administrator(snap_compare, emulator, service, size)


@CHINESE
@SIZES
def test_remove_last_administrator_typed_in_chinese(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Any
) -> None:
    test_remove_last_administrator_typed(snap_compare, emulator, service, size)


@CHINESE
@SIZES
def test_remove_owner_refused_in_chinese(
    snap_compare: Snap, service: WorkspaceService, size: Any
) -> None:
    test_remove_owner_refused(snap_compare, service, size)


@CHINESE
@SIZES
def test_add_outcome_permission_denied_in_chinese(
    snap_compare: Snap, emulator: Emulator, size: Any
) -> None:
    """The failed action, the policy and three buttons (Back to review, Copy policy, Close)."""
    test_add_outcome_permission_denied(snap_compare, emulator, size)


@CHINESE
@SIZES
def test_add_outcome_no_clear_answer_in_chinese(
    snap_compare: Snap, emulator: Emulator, service: WorkspaceService, size: Any
) -> None:
    test_add_outcome_no_clear_answer(snap_compare, emulator, service, size)
