"""A long session: refreshing the table 200 times does not make the process grow beyond noise.

What is alive after 20 refreshes is compared with what is alive after 200: memory blocks held
by the interpreter (``sys.getallocatedblocks``, every Python allocation, traced or not) and
objects tracked by the garbage collector. A leak of even one row's worth of objects per refresh
(rows, strips, timers, workers, messages kept per load) would exceed the budgets; between two
runs the counts move by a few thousand blocks at most.

(tracemalloc gives the same answer in bytes, but tracing every allocation of 180 refreshes
made this test take half a minute; block counts cost nothing.)
"""

from __future__ import annotations

import asyncio
import gc
import sys

from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from tests.faults.faults_support import table
from tests.support import SIZE, make_app, wait_until

WARM_UP = 20
REFRESHES = 200
BLOCK_BUDGET = 30_000  # about 2-3 MB of small objects, ~170 blocks per refresh
OBJECT_BUDGET = 5_000  # gc-tracked objects, ~28 per refresh
SMALL_REGION = "cn-shenzhen"  # a dozen rows: the test is about what each refresh leaves behind


async def test_two_hundred_refreshes_do_not_grow_memory(
    emu: Emulator, service: WorkspaceService
) -> None:
    emu.generate(SMALL_REGION, 12)
    app = make_app(service, region=SMALL_REGION)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot,
            lambda: table(app).mode == "browser" and not table(app).busy,
            what="the first load",
        )
        screen = table(app)
        done = asyncio.Event()
        pages_done = screen._pages_done

        def signal_done() -> None:  # the screen's own end-of-load step, then a signal
            pages_done()
            done.set()

        screen._pages_done = signal_done  # type: ignore[method-assign]

        async def refresh(times: int) -> tuple[int, int]:
            for _ in range(times):
                done.clear()
                screen.action_refresh()
                await asyncio.wait_for(done.wait(), timeout=10)
            await app.workers.wait_for_complete()
            await pilot.pause()
            gc.collect()
            return sys.getallocatedblocks(), len(gc.get_objects())

        blocks_warm, objects_warm = await refresh(WARM_UP)
        workers_warm = len(app.workers)
        blocks_end, objects_end = await refresh(REFRESHES - WARM_UP)

        assert screen.grid.loaded == 12
        assert len(app.workers) <= workers_warm
        assert blocks_end - blocks_warm < BLOCK_BUDGET, (blocks_warm, blocks_end)
        assert objects_end - objects_warm < OBJECT_BUDGET, (objects_warm, objects_end)
