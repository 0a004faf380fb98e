"""A long session whose STS token expires (issue #14 item 4): the TUI says so and how to renew,
keeps what is on screen, and carries on after `r` once new credentials are in the CLI profile;
credentials from the environment can only be replaced by a restart. The CLI exits 6 with one
sentence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paiws.cli import main
from paiws.core.factory import build_service
from paiws.core.options import Options
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.credentials_rejected import CredentialsRejectedScreen
from tests.support import SIZE, make_app, screen_text, settle, wait_until

REGION = "cn-shanghai"
KEY, SECRET = "STS.expiring-key", "expiring-secret"
OLD_TOKEN, NEW_TOKEN = "token-before-expiry-0001", "token-after-renewal-0002"


def write_profile(home: Path, token: str) -> None:
    aliyun = home / ".aliyun"
    aliyun.mkdir(exist_ok=True)
    profile = {
        "name": "work",
        "mode": "StsToken",
        "access_key_id": KEY,
        "access_key_secret": SECRET,
        "sts_token": token,
    }
    (aliyun / "config.json").write_text(json.dumps({"current": "work", "profiles": [profile]}))


async def test_an_expired_token_from_the_cli_profile_is_renewed_in_place(
    emulator: Emulator, isolated_home: Path
) -> None:
    emulator.add_key(KEY, SECRET, sts_token=OLD_TOKEN)
    write_profile(isolated_home, OLD_TOKEN)
    service = build_service(Options(endpoint=emulator.base_url))
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen
        assert isinstance(table, WorkspaceTableScreen) and table.grid.loaded == 5

        emulator.expire_security_token(OLD_TOKEN)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, CredentialsRejectedScreen)
        shown = screen_text(app)
        assert "Credentials expired" in shown and "press r" in shown
        assert table.grid.loaded == 5  # what was on screen stays

        await pilot.press("r")  # nothing new yet: still rejected, explained in place
        await settle(pilot)
        assert isinstance(app.screen, CredentialsRejectedScreen)

        emulator.add_key(KEY, SECRET, sts_token=NEW_TOKEN)
        write_profile(isolated_home, NEW_TOKEN)
        await pilot.press("r")
        await wait_until(pilot, lambda: app.screen is table, what="the panel to close")
        await settle(pilot)
        assert table.grid.loaded == 5 and not table.busy
        assert emulator.request_log[-1].operation == "ListWorkspaces"
    service.close()


async def test_an_expired_token_from_the_environment_says_restart(
    emulator: Emulator, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    emulator.add_key(KEY, SECRET, sts_token=OLD_TOKEN)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
    monkeypatch.setenv("ALIBABA_CLOUD_SECURITY_TOKEN", OLD_TOKEN)
    service = build_service(Options(endpoint=emulator.base_url))
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.expire_security_token(OLD_TOKEN)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, CredentialsRejectedScreen)
        shown = screen_text(app)
        assert "environment variables" in shown and "start paiws" in shown
        assert not app.screen.check_action("renew", ())
    service.close()


def test_the_cli_exits_6_with_one_sentence(
    emulator: Emulator,
    isolated_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    emulator.add_key(KEY, SECRET, sts_token=OLD_TOKEN)
    emulator.expire_security_token(OLD_TOKEN)
    write_profile(isolated_home, OLD_TOKEN)
    code = main(["list", "--region", REGION, "--endpoint", emulator.base_url])
    err = capsys.readouterr().err
    assert code == 6
    assert err.startswith("paiws: The credentials were rejected") and OLD_TOKEN not in err
