"""R3 in the TUI: the activation check comes first; a region that is not activated shows the
gate (purchase link or ask-your-administrator) and gets no workspace call."""

from __future__ import annotations

import pytest

from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.activation_panel import ActivationPanel
from paiws.screens.help import HelpScreen
from tests.support import SIZE, make_app, screen_text, settle, wait_until

PURCHASE_URL = "https://common-buy.aliyun.com/?commodityCode=learn_pai_public_cn"


async def test_purchasable_region_shows_the_link_and_sends_no_workspace_call(
    emulator: Emulator, service: WorkspaceService, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(service, region="cn-beijing")
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "PAI is not activated in cn-beijing" in text
        assert PURCHASE_URL in text
        assert "PAI: not activated" in text
        assert isinstance(app.focused, ActivationPanel)
        await pilot.press("y")
        assert app.clipboard == PURCHASE_URL
        await pilot.press("enter")
        await pilot.press("b")
        assert opened == [PURCHASE_URL, PURCHASE_URL]
        # Table keys are blocked while the gate is up.
        await pilot.press("i", "l", "s", "slash")
        await settle(pilot)
        assert emulator.operations() == ["ListProducts"]


async def test_recheck_after_activation_opens_the_table(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-beijing")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert emulator.operations() == ["ListProducts", "ListProducts"]
        assert "PAI is not activated" in screen_text(app)
        emulator.set_activation("cn-beijing", purchased=True)
        await pilot.press("r")
        await settle(pilot)
        assert emulator.operations() == ["ListProducts"] * 3 + ["ListWorkspaces"]
        assert "PAI: activated" in screen_text(app)
        assert "No workspaces in cn-beijing yet" in screen_text(app)


async def test_no_permission_region_says_who_can_activate(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="ap-southeast-1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "primary account administrator" in text
        assert "pai:CreateOrder" in text
        panel = app.screen.query_one(ActivationPanel)
        assert panel.purchase_url is None
        await pilot.press("enter", "y", "i", "l")
        await settle(pilot)
        assert app.clipboard == ""
        assert emulator.operations() == ["ListProducts"]


async def test_checking_state_is_visible_while_the_check_runs(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.inject_fault("ListProducts", "latency", latency=0.6)
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        checking = "Checking PAI activation in cn-hangzhou"
        await wait_until(pilot, lambda: checking in screen_text(app))
        assert "PAI: checking" in screen_text(app)
        await pilot.press("question_mark")  # the UI answers keys while the check runs
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert "Loaded 64 of 64" in screen_text(app)


async def test_a_failed_check_explains_and_retries(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.inject_fault("ListProducts", "http503", times=None)
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Could not check PAI activation" in text
        assert "Press r to retry" in text
        assert "ListWorkspaces" not in emulator.operations()
        emulator.clear_faults()
        await pilot.press("r")
        await settle(pilot)
        assert emulator.operations()[-2:] == ["ListProducts", "ListWorkspaces"]
        assert "Loaded 64 of 64" in screen_text(app)
