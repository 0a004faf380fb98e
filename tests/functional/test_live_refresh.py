"""Rows in transition refresh by themselves (issue #12): only those on screen, through R5 (one
ID → GetWorkspace, several → one batch ListWorkspaces in chunks of at most BATCH_IDS_MAX), one
request at a time, backing off, pausing after a bounded time; a failed refresh marks its rows
stale. Off in every other test (tests.support.make_app), so their request logs stay exact."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from paiws.core.api import CreateRequest, LookupResult, validation
from paiws.core.factory import emulator_service
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.session import LiveRefresh
from tests.support import SIZE, make_app, screen_text, settle, text_of, wait_until

REGION = "cn-hangzhou"  # demo: 100006 INITIALIZING and 100028 UPDATING on the first screen
ON_SCREEN = {"100006", "100028"}
FAST = LiveRefresh(interval=0.05, backoff=2.0, max_interval=0.2, pause_after=3600)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class CountingLookups:
    """The real service; counts lookups in flight at once (the screen allows one)."""

    def __init__(self, service: WorkspaceService) -> None:
        self._service = service
        self._lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0
        self.lookups: list[tuple[str, ...]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)

    def lookup(self, region: str, ids: Sequence[str], *, verbose: bool = False) -> LookupResult:
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            self.lookups.append(tuple(ids))
        try:
            return self._service.lookup(region, ids, verbose=verbose)
        finally:
            with self._lock:
                self.in_flight -= 1


def table(app: Any) -> WorkspaceTableScreen:
    screen = app.screen
    assert isinstance(screen, WorkspaceTableScreen)
    return screen


def batch_calls(emu: Emulator) -> list[set[str]]:
    return [
        set(entry.query["WorkspaceIds"].split(","))
        for entry in emu.request_log
        if entry.operation == "ListWorkspaces" and "WorkspaceIds" in entry.query
    ]


async def test_rows_in_transition_on_screen_are_refreshed_in_one_batch_call(
    emulator: Emulator, service: WorkspaceService
) -> None:
    counting = CountingLookups(service)
    emulator.inject_fault("ListWorkspaces", "latency", times=None, latency=0.1)
    app = make_app(counting, REGION, live_refresh=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(batch_calls(emulator)) >= 3, what="three refreshes")
        # Only the rows on screen that are INITIALIZING/UPDATING, in one call each time.
        assert all(ids == ON_SCREEN for ids in batch_calls(emulator))
        assert "GetWorkspace" not in emulator.operations()
        assert counting.most_in_flight == 1
        assert "updated" in text_of(app, "#load-status")


async def test_one_row_in_transition_is_refreshed_with_get_workspace(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.add_workspace("cn-guangzhou", WorkspaceName="settling", Status="UPDATING")
    emulator.add_workspace("cn-guangzhou", WorkspaceName="steady", Status="ENABLED")
    app = make_app(service, "cn-guangzhou", live_refresh=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: emulator.operations().count("GetWorkspace") >= 2)
        assert set(emulator.operations()) == {"ListProducts", "ListWorkspaces", "GetWorkspace"}
        assert emulator.operations().count("ListWorkspaces") == 1  # the table's own load


async def test_more_rows_in_transition_than_one_batch_are_sent_in_chunks(
    emulator: Emulator, service: WorkspaceService
) -> None:
    rows = validation.BATCH_IDS_MAX + 20
    for index in range(rows):
        emulator.add_workspace("cn-guangzhou", WorkspaceName=f"busy_{index}", Status="UPDATING")
    counting = CountingLookups(service)
    app = make_app(counting, "cn-guangzhou", live_refresh=FAST)
    async with app.run_test(size=(120, rows + 10)) as pilot:  # every row on screen
        await wait_until(pilot, lambda: len(counting.lookups) >= 2, what="a chunked refresh")
        first, second = counting.lookups[:2]
        assert (len(first), len(second)) == (validation.BATCH_IDS_MAX, 20)
        assert counting.most_in_flight == 1


async def test_a_workspace_that_finished_initializing_is_shown_enabled() -> None:
    emu = Emulator(data="empty", create_delay=1.5)  # new workspaces INITIALIZING for 1.5 s
    emu.start()
    live = emulator_service(emu.base_url)
    try:
        request = CreateRequest(name="fresh_ws", description="New", environments=("prod",))
        created = live.create_workspace("cn-guangzhou", request, wait=False)
        new = created.workspace_id
        assert new is not None
        app = make_app(live, "cn-guangzhou", live_refresh=FAST)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: table(app).grid.loaded == 1)
            row = table(app).grid.row_for(new)
            assert row is not None and row.status == "INITIALIZING"
            await wait_until(
                pilot,
                lambda: (r := table(app).grid.row_for(new)) is not None and r.status == "ENABLED",
                what="the row to turn ENABLED",
            )
            calls = emu.operations().count("GetWorkspace")
            await pilot.pause(0.5)  # nothing in transition on screen: no more requests
            assert emu.operations().count("GetWorkspace") == calls
    finally:
        live.close()
        emu.stop()


async def test_refreshing_backs_off_and_pauses_after_the_bound_until_r(
    emulator: Emulator, service: WorkspaceService
) -> None:
    clock = Clock()
    policy = LiveRefresh(interval=0.05, backoff=2.0, max_interval=0.4, pause_after=60, clock=clock)
    app = make_app(service, REGION, live_refresh=policy)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(batch_calls(emulator)) >= 3)
        live = table(app).live
        assert live.delay > policy.interval  # backed off
        assert live.delay <= policy.max_interval
        clock.now += 61  # watched for longer than the bound
        await wait_until(pilot, lambda: live.paused, what="the pause")
        said = " ".join(text_of(app, "#load-status").split())
        assert "auto refresh paused — r to refresh" in said
        assert "updated 1m ago" in said
        calls = len(batch_calls(emulator))
        await pilot.pause(0.5)
        assert len(batch_calls(emulator)) == calls  # paused: nothing more
        await pilot.press("r")
        await wait_until(pilot, lambda: len(batch_calls(emulator)) > calls, what="watching again")
        assert "paused" not in text_of(app, "#load-status")


async def test_a_failed_refresh_marks_its_rows_stale(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, REGION, live_refresh=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: table(app).grid.loaded == 64 and not table(app).busy)
        emulator.inject_fault("ListWorkspaces", "non_json_200", times=None)
        await wait_until(pilot, lambda: bool(table(app).grid.marked), what="stale rows")
        assert table(app).grid.marked == dict.fromkeys(ON_SCREEN, "~")
        said = " ".join(text_of(app, "#load-status").split())
        assert "refresh failed" in said and "rows marked ~ may be stale" in said
        lines = [line for line in screen_text(app).splitlines() if "fraud_team_05" in line]
        assert lines and lines[0].startswith("~")
        emulator.clear_faults()
        await wait_until(pilot, lambda: not table(app).grid.marked, what="fresh rows again")
        assert "refresh failed" not in text_of(app, "#load-status")


async def test_nothing_refreshes_by_itself_in_ordinary_tests(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        assert batch_calls(emulator) == []
        assert "updated 0s ago" in text_of(app, "#load-status")
