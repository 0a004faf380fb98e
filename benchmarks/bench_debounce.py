"""The filter while typing: 10 characters at human speed send no request (issue #7 allowed
<= 2 when the filter was server-side and debounced; since issue #12 it filters the loaded rows).

In-process (Pilot, headless, 120x36) against the emulator with 45 workspaces: after the table
has loaded, ``/`` opens the filter and ``gen_100002`` is typed one key every 80 ms, each key
handed to the app the way the terminal driver does (without waiting for the app to go idle).
Counted: the ListWorkspaces requests sent from the first key until the filtered table is
shown (the emulator's request log). Timed: from the last key to the first painted frame
showing only matching rows (no debounce any more: the rows are filtered as the key arrives).

The same count is an exact test in tests/faults/test_budgets.py; bench_browse.py measures the
filter over 10,000 loaded rows.
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

from _bench import REGION, Result, cli, median, spread, temp_home

os.environ.setdefault("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")  # offline, always

FILTER = "gen_100002"
KEY_GAP = 0.08
MAX_REQUESTS = 2


async def one_run(base_url: str, emu: Any) -> tuple[int, float]:
    from textual import events

    from paiws.app import PaiwsApp
    from paiws.core.factory import emulator_service
    from paiws.screens.session import LiveRefresh

    service = emulator_service(base_url)
    app = PaiwsApp(service, region=REGION, cursor_blink=False, live_refresh=LiveRefresh.off())
    app.animation_level = "none"
    shown: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.main_screen
        assert main is not None
        while main.mode != "browser" or main.busy:
            await asyncio.sleep(0.01)
        original_display = app._display

        def display(screen: Any, update: Any) -> None:
            original_display(screen, update)
            grid = main.grid
            if (
                grid.filter_text == FILTER
                and not main.busy
                and grid.row_count
                and all(FILTER in grid.get_row_at(i)[0].plain for i in range(grid.row_count))
            ):
                shown.append(time.monotonic())

        app._display = display  # type: ignore[method-assign,assignment]
        before = sum(1 for e in emu.request_log if e.operation == "ListWorkspaces")
        await pilot.press("slash")
        last_key = 0.0
        for index, character in enumerate(FILTER):
            if index:
                await asyncio.sleep(KEY_GAP)
            event = events.Key(character, character)
            event.set_sender(app)
            assert app._driver is not None
            app._driver.send_message(event)
            last_key = time.monotonic()
        deadline = last_key + 10
        while not shown and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.5)  # anything sent late would show in the count
        sent = sum(1 for e in emu.request_log if e.operation == "ListWorkspaces") - before
    service.close()
    return sent, (shown[0] - last_key) if shown else float("inf")


def measure(repeats: int) -> list[Result]:
    from paiws.emulator import Emulator

    counts: list[int] = []
    delays: list[float] = []
    with temp_home() as tmp, Emulator(data="empty") as emu:
        os.environ.update(HOME=tmp, XDG_STATE_HOME=os.path.join(tmp, "state"))
        emu.generate(REGION, 45)
        for _ in range(repeats):
            sent, delay = asyncio.run(one_run(emu.base_url, emu))
            counts.append(sent)
            delays.append(delay)
    worst = max(counts)
    return [
        Result(
            "filter: ListWorkspaces per 10-char filter typed at 80 ms/key",
            float(worst),
            "requests",
            target=f"<= {MAX_REQUESTS}",
            passed=worst <= MAX_REQUESTS,
            detail=f"worst of {repeats} runs; per run {counts}",
        ),
        Result(
            "  last key -> filtered rows on screen",
            median(delays) * 1000,
            "ms",
            detail=f"the loaded rows, filtered as the key arrives; {spread(delays)} (s)",
        ),
    ]


if __name__ == "__main__":
    cli(measure, default_repeats=5)
