"""Every call slow (the issue's latency of 3 s): the UI still answers keys at
once while the loading indicators show: help opens and closes, the picker opens, quit works.

"At once" is checked without a stopwatch: each key's effect must be visible while the slow
request is still unanswered (the emulator logs a request only once it has answered it).
"""

from __future__ import annotations

import asyncio
import time

from textual.widgets import LoadingIndicator

from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.help import HelpScreen
from paiws.screens.region_picker import RegionPickerScreen
from tests.faults.faults_support import REGION, table
from tests.support import SIZE, count, make_app, screen_text, send_key, wait_until

LATENCY = 3.0  # the tests end long before: stopping the emulator ends slow answers


async def test_keys_are_answered_while_the_activation_check_is_slow(
    emu: Emulator, service: WorkspaceService
) -> None:
    emu.inject_fault("*", "latency", times=None, latency=LATENCY)
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: table(app).mode == "checking", what="the check")
        assert "Checking PAI activation" in screen_text(app)
        assert table(app).query_one(LoadingIndicator).display

        send_key(app, "question_mark", "?")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        send_key(app, "escape")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, WorkspaceTableScreen),
            what="back on the table screen",
        )
        send_key(app, "g")
        await wait_until(
            pilot, lambda: isinstance(app.screen, RegionPickerScreen), what="the region picker"
        )
        send_key(app, "escape")
        await wait_until(
            pilot, lambda: isinstance(app.screen, WorkspaceTableScreen), what="back from the picker"
        )

        assert count(emu, "ListProducts") == 0, "the keys waited for the slow request"
        assert table(app).mode == "checking"


async def test_keys_are_answered_and_quit_works_while_the_table_is_slow(
    emu: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot,
            lambda: table(app).mode == "browser" and not table(app).busy,
            what="the first load",
        )
        # From here every call takes LATENCY seconds; a refresh puts one in flight.
        emu.inject_fault("*", "latency", times=None, latency=LATENCY)
        refreshes = count(emu, "ListWorkspaces")
        table(app).action_refresh()
        await wait_until(
            pilot,
            lambda: "Loading workspaces" in screen_text(app) or table(app).busy,
            what="the loading state",
        )

        send_key(app, "question_mark", "?")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        send_key(app, "escape")
        await wait_until(
            pilot, lambda: isinstance(app.screen, WorkspaceTableScreen), what="back on the table"
        )
        assert table(app).busy, "the reload finished: the test did not test anything"

        send_key(app, "q")
        deadline = time.monotonic() + LATENCY / 2
        while app.is_running and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        assert not app.is_running, "quit did not end the app while the request was slow"
        assert count(emu, "ListWorkspaces") == refreshes, "quit waited for the slow request"
    assert app.return_code in (0, None)
