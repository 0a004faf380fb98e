"""Finding and ordering 10,000 loaded workspaces (issue #12): the local filter and the column sort.

In-process (Pilot, headless, 120x36) against the emulator with 10,000 generated workspaces, after
every row has loaded (live refresh off, so nothing else runs):

* filter: ``/`` opens the filter and ``gen_10005`` is typed one key every 80 ms, each key handed
  to the app the way the terminal driver does; timed from the last key to the first painted
  frame showing the filtered rows (goal < 100 ms). No request is sent (counted).
* sort: ``<`` sorts by the Display Name column on the loaded rows; timed from the key to the
  first painted frame showing the sorted rows (goal < 200 ms; the first sort of a column also
  builds its 10,000 sort keys).
* baseline, same app and run: ``down`` (the cursor moves one row), key to painted frame. The
  ratios say what a filter or a sort costs next to the cheapest key.

The detail column also gives the grid's own work (filter / sort of the 10,000 rows without the
repaint), timed directly.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from typing import Any

from _bench import REGION, Result, cli, median, spread, temp_home

os.environ.setdefault("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")  # offline, always

ROWS = 10_000
FILTER = "gen_10005"
KEY_GAP = 0.08
FILTER_GOAL_MS = 100.0
SORT_GOAL_MS = 200.0
DISPLAY_NAME = 2  # TABLE_COLUMNS index


async def key_to_frame(
    app: Any, key: str, character: str | None, shown: Callable[[], bool]
) -> float:
    """Send ``key`` like the driver does; seconds until the first painted frame where
    ``shown()`` holds."""
    from textual import events

    frames: list[float] = []
    original = app._display

    def display(screen: Any, update: Any) -> None:
        original(screen, update)
        if not frames and shown():
            frames.append(time.monotonic())

    app._display = display
    try:
        event = events.Key(key, character)
        event.set_sender(app)
        sent = time.monotonic()
        app._driver.send_message(event)
        deadline = sent + 10
        while not frames and time.monotonic() < deadline:
            await asyncio.sleep(0.002)
    finally:
        app._display = original
    return frames[0] - sent if frames else float("inf")


async def one_run(base_url: str, emu: Any) -> dict[str, float]:
    from textual import events

    from paiws.app import PaiwsApp
    from paiws.core.factory import emulator_service
    from paiws.screens.session import LiveRefresh

    service = emulator_service(base_url)
    app = PaiwsApp(service, region=REGION, cursor_blink=False, live_refresh=LiveRefresh.off())
    app.animation_level = "none"
    result: dict[str, float] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.main_screen
        assert main is not None
        while main.mode != "browser" or main.busy or main.grid.loaded < ROWS:
            await asyncio.sleep(0.01)
        await pilot.pause()
        grid = main.grid

        # The baseline: the cheapest key there is.
        cursor = grid.cursor_row
        result["down"] = await key_to_frame(app, "down", None, lambda: grid.cursor_row > cursor)
        await pilot.pause()

        # The filter, typed at a human pace.
        before = sum(1 for e in emu.request_log if e.operation == "ListWorkspaces")
        await pilot.press("slash")
        for character in FILTER[:-1]:
            event = events.Key(character, character)
            event.set_sender(app)
            assert app._driver is not None
            app._driver.send_message(event)
            await asyncio.sleep(KEY_GAP)
        last = FILTER[-1]
        result["filter"] = await key_to_frame(app, last, last, lambda: grid.filter_text == FILTER)
        await asyncio.sleep(0.3)  # a request sent late would show in the count
        result["requests"] = (
            sum(1 for e in emu.request_log if e.operation == "ListWorkspaces") - before
        )
        result["matched"] = grid.row_count
        await pilot.press("escape", "escape")  # close the filter, clear it
        await pilot.pause()
        assert grid.row_count == ROWS

        # The column sort (Created is the server's; the column to its left is Display Name).
        result["sort"] = await key_to_frame(
            app, "less_than_sign", "<", lambda: grid.local_sort == (DISPLAY_NAME, False)
        )
        await pilot.pause()

        # The grid's own work, without the repaint.
        grid.set_local_sort(None)
        grid._sort_keys.clear()
        started = time.perf_counter()
        grid.set_local_sort(DISPLAY_NAME, False)
        result["sort_work"] = time.perf_counter() - started
        grid.set_local_sort(None)
        started = time.perf_counter()
        grid.set_filter(FILTER)
        result["filter_work"] = time.perf_counter() - started
        grid.set_filter("")
    service.close()
    return result


def measure(repeats: int) -> list[Result]:
    from paiws.emulator import Emulator

    runs: list[dict[str, float]] = []
    with temp_home() as tmp, Emulator(data="empty") as emu:
        os.environ.update(HOME=tmp, XDG_STATE_HOME=os.path.join(tmp, "state"))
        emu.generate(REGION, ROWS)
        asyncio.run(one_run(emu.base_url, emu))  # warm-up: imports, page cache
        for _ in range(repeats):
            runs.append(asyncio.run(one_run(emu.base_url, emu)))

    def ms(key: str) -> list[float]:
        return [run[key] * 1000 for run in runs]

    down, filtered, sorted_ = median(ms("down")), median(ms("filter")), median(ms("sort"))
    requests = max(int(run["requests"]) for run in runs)
    return [
        Result(
            f"local filter, {ROWS:,} loaded rows: last key -> filtered rows on screen",
            filtered,
            "ms",
            target=f"< {FILTER_GOAL_MS:g} ms",
            passed=filtered < FILTER_GOAL_MS,
            detail=(
                f"{spread(ms('filter'))} (ms); {int(runs[0]['matched'])} rows match "
                f"{FILTER!r}; the grid's filter alone {median(ms('filter_work')):.1f} ms; "
                f"ListWorkspaces sent while typing: {requests}"
            ),
            samples=ms("filter"),
        ),
        Result(
            f"column sort, {ROWS:,} loaded rows: key -> sorted rows on screen",
            sorted_,
            "ms",
            target=f"< {SORT_GOAL_MS:g} ms",
            passed=sorted_ < SORT_GOAL_MS,
            detail=(
                f"{spread(ms('sort'))} (ms); the grid's sort alone (keys built) "
                f"{median(ms('sort_work')):.1f} ms"
            ),
            samples=ms("sort"),
        ),
        Result(
            "  baseline: cursor down, same app and rows -> repainted",
            down,
            "ms",
            detail=spread(ms("down")) + " (ms)",
            samples=ms("down"),
        ),
        Result("  filter / baseline", filtered / down if down else None, "x"),
        Result("  sort / baseline", sorted_ / down if down else None, "x"),
    ]


if __name__ == "__main__":
    cli(measure, default_repeats=5)
