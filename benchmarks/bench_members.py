"""A workspace of 1,218 members (issue #11: "1,000 members keep keys answering").

In-process (Pilot, headless, 120x36) against the demo emulator, whose workspace 100001 has 1,218
members (13 pages of ListMembers). Every ListMembers answer is held back ``LATENCY`` seconds, as
a remote API would, so the stream takes long enough to press keys during it. Live refresh off.

* ``m`` in the detail -> the first members on screen, and -> all 1,218 loaded and shown.
* while the members stream in: ``down`` pressed again and again, each timed from the key (handed
  to the app the way the terminal driver does) to the first painted frame with the cursor moved.
* baseline, same app and run: the same ``down`` once every member has loaded.

Bar (as for the workspace table, docs/performance.md): no key slower than 250 ms.
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

from _bench import Result, cli, median, spread, temp_home
from bench_browse import key_to_frame

os.environ.setdefault("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")  # offline, always

REGION, BIG = "cn-hangzhou", "100001"  # the demo data's big workspace
MEMBERS = 1218
LATENCY = 0.15
KEY_BAR_MS = 250.0


async def one_run(base_url: str) -> dict[str, Any]:
    from paiws.app import PaiwsApp
    from paiws.core.factory import emulator_service
    from paiws.screens.detail import DetailScreen
    from paiws.screens.members.members_screen import MembersScreen
    from paiws.screens.session import LiveRefresh

    service = emulator_service(base_url)
    app = PaiwsApp(service, region=REGION, cursor_blink=False, live_refresh=LiveRefresh.off())
    app.animation_level = "none"
    result: dict[str, Any] = {}
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.main_screen
        assert main is not None
        while main.mode != "browser" or main.busy:
            await asyncio.sleep(0.01)
        main.grid.move_to(BIG)
        await pilot.press("enter")
        while not isinstance(app.screen, DetailScreen) or app.screen.row is None:
            await asyncio.sleep(0.01)  # m answers once the detail holds its workspace
        await pilot.pause()

        def members() -> Any:
            return app.screen if isinstance(app.screen, MembersScreen) else None

        def first_rows() -> bool:
            screen = members()
            return screen is not None and screen.grid.row_count > 0

        result["first"] = await key_to_frame(app, "m", "m", first_rows)
        started = time.monotonic() - result["first"]
        screen = members()
        assert screen is not None, "m did not open the members"

        async def down() -> float:
            cursor: int = screen.grid.cursor_row
            return await key_to_frame(app, "down", None, lambda: screen.grid.cursor_row > cursor)

        during: list[float] = []
        while screen.busy or screen.grid.row_count < MEMBERS:
            during.append(await down())
        result["all"] = time.monotonic() - started
        result["during"] = during
        await pilot.pause()
        after: list[float] = []
        for _ in range(5):
            after.append(await down())
            await pilot.pause()
        result["after"] = after
        assert screen.grid.row_count == MEMBERS
    service.close()
    return result


def measure(repeats: int) -> list[Result]:
    from paiws.emulator import Emulator

    runs: list[dict[str, Any]] = []
    with temp_home() as tmp, Emulator(data="demo") as emu:
        os.environ.update(HOME=tmp, XDG_STATE_HOME=os.path.join(tmp, "state"))
        emu.set_latency(LATENCY, operation="ListMembers")
        asyncio.run(one_run(emu.base_url))  # warm-up: imports, page cache
        for _ in range(repeats):
            runs.append(asyncio.run(one_run(emu.base_url)))

    during = [ms * 1000 for run in runs for ms in run["during"]]
    medians = [median(run["during"]) * 1000 for run in runs]
    worst = max(during)
    after = median([ms * 1000 for run in runs for ms in run["after"]])
    first = [run["first"] * 1000 for run in runs]
    whole = [run["all"] for run in runs]
    return [
        Result(
            f"m -> first members on screen ({LATENCY * 1000:g} ms per ListMembers)",
            median(first),
            "ms",
            detail=spread(first) + " (ms)",
            samples=first,
        ),
        Result(
            f"m -> all {MEMBERS:,} members loaded and shown",
            median(whole),
            "s",
            detail=f"{spread(whole)}; 13 pages of 100, 4 in flight",
            samples=whole,
        ),
        Result(
            "down while members stream in -> cursor moved on screen",
            median(medians),
            "ms",
            target=f"worst < {KEY_BAR_MS:g} ms",
            passed=worst < KEY_BAR_MS,
            detail=f"{len(during)} keys in {len(runs)} runs; worst {worst:.0f} ms",
            samples=medians,
        ),
        Result("  baseline: the same key once all are loaded", after, "ms"),
        Result("  while streaming / baseline", median(medians) / after if after else None, "x"),
    ]


if __name__ == "__main__":
    cli(measure, default_repeats=3)
