"""Create outcomes that need the emulator to misbehave: the name race, dropped connections,
permission errors, a failed initialisation, the bounded wait, and leaving while it polls."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from paiws.core.factory import emulator_service
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.create.progress import CreateProgressPanel
from paiws.screens.create.wizard import CreateWizard
from paiws.screens.widgets.confirm_modal import ConfirmModal
from tests.functional.wizard_support import (
    CHECK,
    REGION,
    create_from_review,
    creates,
    fill_to_review,
    open_wizard,
)
from tests.support import SIZE, make_app, screen_text, settle, text_of, wait_until


def named(emulator: Emulator, name: str) -> list[str]:
    return [w["WorkspaceId"] for w in emulator.workspaces(REGION) if w["WorkspaceName"] == name]


def add_after_second_check(emulator: Emulator, **fields: object) -> threading.Thread:
    """Someone else creates the workspace between our check and our create (a race)."""

    def run() -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if emulator.operations().count(CHECK) >= 1:
                emulator.add_workspace(REGION, **fields)
                return
            time.sleep(0.005)

    return threading.Thread(target=run, daemon=True)


async def test_the_name_race_goes_through_the_same_comparison(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await fill_to_review(pilot, name="racy_ws")
        emulator.clear_log()
        # CreateWorkspace waits a little, and meanwhile the same workspace appears.
        emulator.inject_fault("CreateWorkspace", "latency", latency=0.4)
        racer = add_after_second_check(
            emulator, WorkspaceName="racy_ws", Description="Team sandbox", EnvTypes=["prod"]
        )
        racer.start()
        await create_from_review(pilot)
        racer.join(5)
        assert emulator.operations() == [CHECK, "CreateWorkspace", CHECK, "GetWorkspace"]
        assert "Already exists with the same configuration" in text_of(app, "#outcome-title")
        assert len(named(emulator, "racy_ws")) == 1


async def test_a_connection_dropped_after_create_finds_the_one_workspace(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await fill_to_review(pilot, name="dropped_ws")
        emulator.clear_log()
        emulator.inject_fault("CreateWorkspace", "drop_after")
        await create_from_review(pilot)
        ops = emulator.operations()
        assert creates(ops) == 1  # never retried blindly
        assert ops[:3] == [CHECK, "CreateWorkspace", CHECK]
        ids = named(emulator, "dropped_ws")
        assert len(ids) == 1
        assert "Workspace created" in text_of(app, "#outcome-title")
        body = text_of(app, "#outcome-body")
        assert ids[0] in body
        assert "found it on re-check" in body


async def test_a_connection_dropped_before_create_is_rechecked_and_can_be_checked_again(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await fill_to_review(pilot, name="unsure_ws")
        emulator.clear_log()
        emulator.inject_fault("CreateWorkspace", "drop_before")
        await create_from_review(pilot)
        assert emulator.operations() == [CHECK, "CreateWorkspace", CHECK]
        assert "Could not confirm the result" in text_of(app, "#outcome-title")
        body = text_of(app, "#outcome-body")
        assert "Nothing was found on re-check" in body
        assert "did not retry CreateWorkspace" in body
        await pilot.press("enter")  # "Check again": check first, then create
        await settle(pilot, rounds=5)
        assert "Workspace created" in text_of(app, "#outcome-title")
        assert emulator.operations()[3:5] == [CHECK, "CreateWorkspace"]
        assert len(named(emulator, "unsure_ws")) == 1


@pytest.fixture
def limited_service(emulator: Emulator) -> Iterator[WorkspaceService]:
    emulator.add_key(
        "limited-key", "limited-secret", denied_actions=("paiworkspace:CreateWorkspace",)
    )
    svc = emulator_service(
        emulator.base_url, access_key_id="limited-key", access_key_secret="limited-secret"
    )
    try:
        yield svc
    finally:
        svc.close()


async def test_a_permission_error_names_the_action_and_offers_the_policy(
    emulator: Emulator, limited_service: WorkspaceService
) -> None:
    app = make_app(limited_service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await fill_to_review(pilot, name="denied_ws")
        await create_from_review(pilot)
        assert "Permission denied" in text_of(app, "#outcome-title")
        body = text_of(app, "#outcome-body")
        assert "CreateWorkspace" in body
        assert "paiworkspace:CreateWorkspace" in body  # the policy, ready to copy
        await pilot.press("y")
        assert app.clipboard is not None and "paiworkspace:CreateWorkspace" in app.clipboard
        await pilot.press("enter")  # "Back to review": the app keeps working
        await settle(pilot)
        assert "This is exactly what will be sent" in screen_text(app)
        assert named(emulator, "denied_ws") == []


async def test_a_failed_initialisation_is_reported(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.set_create_outcome("FAILURE")
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await fill_to_review(pilot, name="broken_ws")
        await create_from_review(pilot)
        assert "initialisation failed" in text_of(app, "#outcome-title")
        assert "FAILURE" in text_of(app, "#outcome-body")


@pytest.fixture
def slow_emulator() -> Iterator[Emulator]:
    """New workspaces stay INITIALIZING for a long time."""
    emu = Emulator(data="demo", create_delay=60)
    emu.start(host="127.0.0.1", port=0)
    try:
        yield emu
    finally:
        emu.stop()


async def test_the_wait_for_enabled_is_bounded(
    slow_emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CreateWizard, "POLL_TIMEOUT", 0.3)
    service = emulator_service(slow_emulator.base_url)
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await fill_to_review(pilot, name="slow_ws")
        await create_from_review(pilot)
        await settle(pilot)  # the create worker ends when its bounded wait gives up
        assert "still initialising" in text_of(app, "#outcome-title")
        assert "INITIALIZING" in text_of(app, "#outcome-body")
    service.close()


async def test_leaving_while_it_polls_asks_then_shows_the_new_row_and_stops_polling(
    slow_emulator: Emulator,
) -> None:
    service = emulator_service(slow_emulator.base_url)
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await fill_to_review(pilot, name="watch_ws")
        await pilot.press("enter")  # Create
        panel = app.screen.query_one(CreateProgressPanel)
        await wait_until(pilot, lambda: panel.workspace_id is not None, what="the new ID")
        new_id = panel.workspace_id
        await wait_until(pilot, lambda: "INITIALIZING" in text_of(app, "#progress-lines"))
        await pilot.press("g")  # no region change while a create is being watched
        await pilot.pause()
        assert isinstance(app.screen, CreateWizard)
        # No settle() here: it would wait for the create worker, which is still polling.
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal), what="the question")
        await pilot.click("#confirm-yes")
        # Leaving cancels the create worker, so settling ends: the polling has stopped.
        await settle(pilot)
        table = app.screen
        assert isinstance(table, WorkspaceTableScreen)
        assert table.grid.selected is not None
        assert table.grid.selected.workspace_id == new_id
        polls = slow_emulator.operations().count("GetWorkspace")
        await settle(pilot)
        assert slow_emulator.operations().count("GetWorkspace") == polls  # polling stopped
    service.close()
