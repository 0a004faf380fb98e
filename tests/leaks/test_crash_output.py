"""Crashes: an unhandled exception inside a screen handler, with raw canary data in its local
variables and even in its message. Textual's own handler prints a traceback *with locals*;
paiws must print one short sanitized line instead, exit non-zero, and show nothing else.
Checked under Pilot, in a headless subprocess and in a real pseudo-terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from paiws.app import CRASH_LINE
from paiws.core.i18n import _
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from tests.leaks.leak_canaries import (
    CREATOR_ONE,
    OWNER_ONE,
    REGION,
    SECRET,
    TENANT,
    TOKEN,
    assert_no_canary,
)
from tests.leaks.leak_support import (
    PYTHON,
    REPO,
    RecordingService,
    Sandbox,
    child_env,
    on_screen,
    run_in_terminal,
)
from tests.leaks.leak_tui import SIZE, Observer
from tests.support import make_app, settle


def crash_start() -> str:
    """The crash sentence's opening words in the interface language (children inherit it),
    without whitespace: a terminal may wrap Chinese between any two characters."""
    return "".join(_(CRASH_LINE).split("(")[0].split("（")[0].split())


LEAKS_DIR = Path(__file__).resolve().parent


def explode(self: Any) -> None:
    """A bug in a key handler while raw API data sits in its frame (and in the message)."""
    raw_response = {
        "Creator": CREATOR_ONE.value,
        "Owner": {k: v.value for k, v in OWNER_ONE.items()},
        "ExtraInfos": {"TenantId": TENANT.value},
    }
    credentials = (SECRET.value, TOKEN.value)
    raise RuntimeError(f"unexpected shape {raw_response} with {credentials}")


async def test_a_crash_in_a_screen_handler_prints_one_sanitized_line(
    service: RecordingService,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(WorkspaceTableScreen, "action_limits", explode)
    app = make_app(service, region=REGION)
    with pytest.raises(RuntimeError):  # Pilot re-raises the app's exception to the test
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("l")
            await pilot.pause()
    assert app.return_code == 1
    printed = "".join(str(r) for r in app._exit_renderables)
    out, err = capfd.readouterr()
    assert_no_canary(printed + out + err, where="the crash output")
    assert "Traceback" not in out + err


async def test_unexpected_errors_from_the_service_show_only_their_type(
    emu: Emulator,
    service: RecordingService,
    observer: Observer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not every failure is a PaiwsError: a library bug may raise with raw data in its
    message. Screens show the type only, and the app keeps running."""

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError(f"Creator={CREATOR_ONE.value} Owner={OWNER_ONE['UserName'].value}")

    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(service._inner, "iter_workspaces", broken)
        monkeypatch.setattr(service._inner, "get_workspace", broken)
        monkeypatch.setattr(service._inner, "resource_limits", broken)
        await pilot.press("r")
        await settle(pilot)
        assert "KeyError" in observer.look(app, "table after an unexpected error")
        await pilot.press("l")
        await settle(pilot)
        observer.look(app, "limits after an unexpected error")
        await pilot.press("escape", "i")
        await settle(pilot)
        from tests.support import fill

        await fill(pilot, "#ids", "200001")
        await pilot.press("enter")
        await settle(pilot)
        observer.look(app, "detail after an unexpected error")
        assert app.return_code in (None, 0)
    observer.check()
    service.errors.clear()  # the injected errors carry canaries by construction


CRASH_SCRIPT = """
import sys
sys.path.insert(0, {repo!r})
from paiws.core import i18n
i18n.use(i18n.choose())  # as the entry point does: PAIWS_LANG, inherited, picks the language
from tests.leaks.leak_canaries import REGION, canary_data
from tests.leaks.leak_canaries import add_canary_keys
from tests.leaks.leak_support import service_for
from tests.leaks.test_crash_output import explode
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.app import PaiwsApp
from paiws.emulator import Emulator

WorkspaceTableScreen.action_limits = explode
emulator = Emulator(data=canary_data())
add_canary_keys(emulator)
emulator.start()
app = PaiwsApp(service_for(emulator.base_url), region=REGION)

async def drive(pilot):
    await pilot.pause(0.5)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("l")
    await pilot.pause(0.5)

headless = sys.argv[1] == "headless"
app.run(headless=headless, auto_pilot=drive if headless else None, size=(100, 30))
emulator.stop()
sys.exit(app.return_code or 0)
"""


def crash_script() -> str:
    return CRASH_SCRIPT.format(repo=str(REPO))


def test_a_crash_in_a_headless_process_exits_1_with_a_short_sanitized_message(
    sandbox: Sandbox,
) -> None:
    env = child_env(sandbox, PYTHONPATH=f"{REPO}{os.pathsep}{LEAKS_DIR}")
    proc = subprocess.run(
        [PYTHON, "-c", crash_script(), "headless"],
        env=env,
        cwd=sandbox.cwd,
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output[-2000:]
    text = output.decode("utf-8", errors="replace")
    assert crash_start() in "".join(text.split())
    assert "Traceback" not in text and "raw_response" not in text
    assert_no_canary(text, where="the crash output of a headless process")


@pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminals as on Linux")
def test_a_crash_in_a_real_terminal_prints_no_traceback_or_data(sandbox: Sandbox) -> None:
    env = child_env(
        sandbox,
        PYTHONPATH=f"{REPO}{os.pathsep}{LEAKS_DIR}",
        TERM="xterm-256color",
        COLUMNS="100",
        LINES="30",
    )
    terminal = run_in_terminal(
        [PYTHON, "-c", crash_script(), "terminal"],
        env,
        cwd=sandbox.cwd,
        keys=[(on_screen("Loaded {loaded} of {total}"), b"l")],
    )
    text = terminal.output.decode("utf-8", errors="replace")
    assert terminal.sent == [b"l"], "the table never appeared"
    assert terminal.code == 1
    assert crash_start() in "".join(text.split())
    assert "Traceback" not in text
    assert_no_canary(text, where="the terminal output of a crash")
