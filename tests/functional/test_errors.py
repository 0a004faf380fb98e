"""Failures stay calm: permission panel with the RAM policy (R12), rejected credentials, retryable
network/throttling notifications, no credentials (R1), and crashes without tracebacks (R9)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from paiws.app import crash_line
from paiws.core.factory import build_service, emulator_service
from paiws.core.options import Options
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.credentials_rejected import CredentialsRejectedScreen
from paiws.screens.no_credentials import NoCredentialsScreen
from paiws.screens.permission_error import PermissionErrorScreen
from paiws.screens.region_picker import RegionPickerScreen
from tests.support import SIZE, make_app, screen_text, settle


@pytest.fixture
def limited(emulator: Emulator) -> Iterator[WorkspaceService]:
    """Credentials whose RAM policy lacks ListWorkspaces."""
    emulator.add_key("limited-key", "limited-secret", denied_actions=["ListWorkspaces"])
    svc = emulator_service(
        emulator.base_url, access_key_id="limited-key", access_key_secret="limited-secret"
    )
    yield svc
    svc.close()


async def test_permission_error_shows_the_action_and_the_policy_and_the_app_keeps_working(
    emulator: Emulator, limited: WorkspaceService
) -> None:
    app = make_app(limited, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PermissionErrorScreen)
        text = screen_text(app)
        assert "Permission denied" in text
        assert "ListWorkspaces" in text
        assert '"paiworkspace:ListWorkspaces"' in text
        await pilot.press("y")  # the one copy key, as in every dialog
        assert "paiworkspace:ListWorkspaces" in (app.clipboard or "")
        assert '"Version": "1"' in (app.clipboard or "")
        await pilot.press("escape")
        assert isinstance(app.screen, WorkspaceTableScreen)
        # Still usable: look up an ID (GetWorkspace is allowed for this key).
        emulator.clear_log()
        await pilot.press("i", *"100002", "enter")
        await settle(pilot)
        assert emulator.operations() == ["GetWorkspace"]
        assert "nlp_train_01" in screen_text(app)


async def test_rejected_credentials_get_a_clear_screen(emulator: Emulator) -> None:
    service = emulator_service(emulator.base_url, access_key_secret="not-the-secret")
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CredentialsRejectedScreen)
        text = " ".join(screen_text(app).split())
        assert "Credentials rejected" in text
        assert "aliyun configure" in text
        assert "not-the-secret" not in text
        assert emulator.operations() == ["ListProducts"]
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    service.close()


async def test_throttling_notifies_with_a_retry_and_r_retries(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.inject_fault("ListWorkspaces", "throttle", times=None)
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = list(app._notifications)
        assert notes and notes[-1].title == "Throttled"
        assert "Press r to retry." in notes[-1].message
        assert "Press r to retry" in screen_text(app)
        emulator.clear_faults()
        await pilot.press("r")
        await settle(pilot)
        assert "Loaded 64 of 64" in screen_text(app)


async def test_network_error_in_the_detail_is_a_notification(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.inject_fault("GetWorkspace", "http503", times=None)
        await pilot.press("enter", "r")
        await settle(pilot)
        notes = list(app._notifications)
        assert notes and "Could not load the workspace." in notes[-1].message
        emulator.clear_faults()
        await pilot.press("r")
        await settle(pilot)
        assert "demo_default" in screen_text(app)


async def test_malformed_response_does_not_crash(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.inject_fault("ListWorkspaces", "malformed", times=None)
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.is_running
        assert "Press r to retry" in screen_text(app)


async def test_no_credentials_explains_how_to_configure_and_offers_the_demo(
    emulator: Emulator,
) -> None:
    service = build_service(Options(endpoint=emulator.base_url))
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NoCredentialsScreen)
        text = " ".join(screen_text(app).split())
        for part in (
            "aliyun configure",
            "ALIBABA_CLOUD_ACCESS_KEY_ID",
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            "paiws --demo",
            "Looked in",
            "~/.aliyun/config.json",
        ):
            assert part in text
        await pilot.press("g")  # no region picker without credentials
        assert isinstance(app.screen, NoCredentialsScreen)
        await pilot.press("d")
        await pilot.pause()
    assert not app.is_running
    assert emulator.operations() == []
    service.close()


def test_a_crash_prints_one_line_without_the_message_and_exits_1(
    service: WorkspaceService, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(service)
    canary = "canary-secret-value-1234"

    def boom() -> None:
        leaked = {"Creator": canary}  # a local holding raw data, as in a real crash
        raise KeyError(f"{leaked}")

    async def crash(pilot: object) -> None:
        app.call_later(boom)

    app.run(headless=True, size=SIZE, auto_pilot=crash)
    captured = capsys.readouterr()
    assert app.return_code == 1
    assert canary not in captured.err + captured.out
    assert "KeyError" in captured.err
    assert "Traceback" not in captured.err


def test_crash_line_names_only_the_type() -> None:
    line = crash_line(ValueError("secret"))
    assert "ValueError" in line and "secret" not in line


async def test_d_without_credentials_starts_the_demo_in_the_app(emulator: Emulator) -> None:
    service = build_service(Options(endpoint=emulator.base_url))
    demo = emulator_service(emulator.base_url, is_demo=True)
    app = make_app(service, demo=lambda: demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NoCredentialsScreen)
        assert "Press d to start the demo" in " ".join(screen_text(app).split())
        await pilot.press("d")
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, RegionPickerScreen)
        assert app.service is demo and app.session.demo
        assert "DEMO" in screen_text(app).splitlines()[0]
        assert emulator.operations() == []  # R2: still nothing before a region is chosen
        await pilot.press("enter")  # the first region of the picker
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceTableScreen)
        assert app.screen.grid.loaded > 0
    service.close()
    demo.close()
