"""Stale responses never overwrite newer ones: an answer to an older question (another filter,
another region) that arrives late is dropped, whatever order the answers come back in."""

from __future__ import annotations

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
from tests.support import SIZE, make_app, screen_text, settle, wait_until

SLOW = 1.5


def shown_names(app: object) -> list[str]:
    grid = table(app).grid  # type: ignore[arg-type]
    return [grid.get_row_at(i)[0].plain for i in range(grid.row_count)]


async def test_a_late_page_for_an_old_filter_is_dropped(
    emu: Emulator, service: WorkspaceService
) -> None:
    for index in range(3):
        emu.add_workspace(REGION, WorkspaceName=f"alpha_{index}")
        emu.add_workspace(REGION, WorkspaceName=f"beta_{index}")
    recorder = Recording(service)
    app = make_app(recorder, REGION)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot,
            lambda: table(app).mode == "browser" and not table(app).busy,
            what="the first load",
        )
        name_filter = table(app).query_one("#name-filter", Input)

        # The answer for "alpha" is slow...
        emu.inject_fault("ListWorkspaces", "latency", times=1, latency=SLOW)
        await pilot.press("slash", *"alpha")
        await wait_until(
            pilot,
            lambda: any(q.name == "alpha" for _, q in recorder.listings),
            what="the alpha request in flight",
        )
        # ...and before it arrives the user changes the filter to "beta".
        name_filter.value = "beta"
        await wait_until(
            pilot,
            lambda: bool(shown_names(app)) and all("beta" in n for n in shown_names(app)),
            what="the beta rows",
        )

        # Now the late "alpha" answer arrives; it must not replace the "beta" rows.
        await wait_until(
            pilot,
            lambda: any(q.name == "alpha" for _, q in recorder.answered),
            timeout=SLOW + 5,
            what="the late alpha answer",
        )
        await settle(pilot)
        order = [q.name for _, q in recorder.answered]
        assert order.index("beta") < order.index("alpha"), "alpha was not late: nothing proved"
        assert sorted(shown_names(app)) == ["beta_0", "beta_1", "beta_2"]
        assert "name contains 'beta'" in screen_text(app)


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
