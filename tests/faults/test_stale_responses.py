"""Stale responses never overwrite newer ones: an answer to an older question (another filter,
another region) that arrives late is dropped, whatever order the answers come back in."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from textual.widgets import Input

from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from tests.faults.faults_support import (
    OTHER_REGION,
    REGION,
    Recording,
    table,
    wait_for_log,
)
from tests.support import SIZE, make_app, screen_text, wait_until

SLOW = 1.5


def shown_names(app: object) -> list[str]:
    grid = table(app).grid  # type: ignore[arg-type]
    return [grid.get_row_at(i)[0].plain for i in range(grid.row_count)]


class HeldListing(Recording):
    """Records listings like ``Recording``; the table's main listing (no name) stops after its
    first page until released, so the table is "not everything loaded" for the whole test."""

    def __init__(self, service: WorkspaceService) -> None:
        super().__init__(service)
        self.release = threading.Event()

    def iter_workspaces(self, region: str, query: Any, **kwargs: Any) -> Iterator[Any]:
        for number, page in enumerate(super().iter_workspaces(region, query, **kwargs)):
            if number == 1 and not query.name:
                self.release.wait(20)
            yield page


async def test_a_late_server_search_for_an_old_filter_is_dropped(
    emu: Emulator, service: WorkspaceService
) -> None:
    emu.generate(REGION, 100)  # two pages: the second one is held back
    alpha = [emu.add_workspace(REGION, WorkspaceName=f"alpha_{index}") for index in range(3)]
    for index in range(3):
        emu.add_workspace(REGION, WorkspaceName=f"beta_{index}")
    recorder = HeldListing(service)
    app = make_app(recorder, REGION)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot, lambda: table(app).grid.loaded == 100, what="the first page (then held)"
        )
        wait_for_log(emu, "ListWorkspaces", 2)  # both pages fetched; the second one is held
        name_filter = table(app).query_one("#name-filter", Input)

        # The server's answer for "alpha" is slow...
        emu.inject_fault("ListWorkspaces", "latency", times=1, latency=SLOW)
        await pilot.press("slash", *"alpha", "enter")
        await wait_until(
            pilot,
            lambda: any(q.name == "alpha" for _, q in recorder.listings),
            what="the alpha search in flight",
        )
        # ...and before it arrives the user filters for "beta" and asks the server.
        await pilot.press("slash")
        name_filter.value = "beta"
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: sorted(shown_names(app)) == ["beta_0", "beta_1", "beta_2"],
            what="the beta rows",
        )

        # Now the late "alpha" answer arrives; its rows must not join.
        await wait_until(
            pilot,
            lambda: any(q.name == "alpha" for _, q in recorder.answered),
            timeout=SLOW + 5,
            what="the late alpha answer",
        )
        for _ in range(5):  # not settle(): it would wait for the held listing too
            await pilot.pause(0.05)
        order = [q.name for _, q in recorder.answered if q.name]
        assert order.index("beta") < order.index("alpha"), "alpha was not late: nothing proved"
        assert sorted(shown_names(app)) == ["beta_0", "beta_1", "beta_2"]
        assert all(table(app).grid.row_for(workspace_id) is None for workspace_id in alpha)
        assert "3 match 'beta'" in screen_text(app)
        recorder.release.set()


async def test_a_late_page_for_the_previous_region_is_dropped(
    emu: Emulator, service: WorkspaceService
) -> None:
    emu.generate(OTHER_REGION, 7)
    other_ids = {str(w["WorkspaceId"]) for w in emu.workspaces(OTHER_REGION)}
    # The first list of REGION is slow; OTHER_REGION answers at once.
    emu.inject_fault("ListWorkspaces", "latency", times=1, latency=SLOW)
    app = make_app(service, REGION)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot, lambda: table(app).mode == "browser" and table(app).busy, what="REGION loading"
        )
        await pilot.press("g", *OTHER_REGION, "enter")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, WorkspaceTableScreen)
                and not table(app).busy
                and table(app).grid.loaded == 7
            ),
            what="the other region's rows",
        )

        wait_for_log(emu, "ListWorkspaces", 2, timeout=SLOW + 2)  # the late answer arrived
        for _ in range(5):
            await pilot.pause(0.05)
        regions = [e.region for e in emu.request_log if e.operation == "ListWorkspaces"]
        assert REGION in regions, "the slow request was never answered: nothing was tested"
        grid = table(app).grid
        assert grid.loaded == 7
        assert {grid.get_row_at(i)[1].plain for i in range(grid.row_count)} == other_ids
        assert f"region {OTHER_REGION}" in screen_text(app)
