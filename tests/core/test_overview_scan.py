"""Many regions at once (R15) against the demo emulator: activation first in every region,
workspace calls only where PAI is activated, at most 4 requests in flight (measured by the
server), exact counts with the fewest calls, one region's error kept in its row, answers
streamed as they arrive, the run's cache and the re-scan; find by name likewise."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Generator, Iterator

import pytest

from paiws.core.errors import InvalidInput
from paiws.core.factory import emulator_service
from paiws.core.overview import ATTENTION, TRANSITION
from paiws.core.regions import all_regions
from paiws.core.service import WorkspaceService
from paiws.core.views import RegionOverview
from paiws.emulator import Emulator, LoggedRequest

ALL = [region.id for region in all_regions()]
NOT_ACTIVATED = {"cn-beijing", "ap-southeast-1"}
ACTIVATED = [region for region in ALL if region not in NOT_ACTIVATED]
BIG = "cn-heyuan"  # activated and empty in the demo: filled with more than a page below


@pytest.fixture
def demo(clean_env: object) -> Iterator[Emulator]:
    emulator = Emulator(data="demo")
    emulator.start()
    try:
        yield emulator
    finally:
        emulator.stop()


@pytest.fixture
def svc(demo: Emulator) -> Iterator[WorkspaceService]:
    service = emulator_service(demo.base_url)
    try:
        yield service
    finally:
        service.close()


def final(rows: Iterator[RegionOverview]) -> dict[str, RegionOverview]:
    return {row.region.id: row for row in rows if row.stage == "done"}


def by_region(log: list[LoggedRequest]) -> dict[str, list[LoggedRequest]]:
    grouped: dict[str, list[LoggedRequest]] = {}
    for entry in log:
        grouped.setdefault(entry.region, []).append(entry)
    return grouped


def expected_counts(emu: Emulator, region: str) -> tuple[int, int]:
    statuses = Counter(w["Status"] for w in emu.workspaces(region))
    return sum(statuses.values()), sum(statuses[s] for s in ATTENTION)


# -- the overview -------------------------------------------------------------------------------


def test_every_region_is_checked_first_and_counted_only_where_pai_is_activated(
    svc: WorkspaceService, demo: Emulator
) -> None:
    rows = final(svc.overview())
    assert list(rows) != [] and set(rows) == set(ALL)
    grouped = by_region(demo.request_log)
    assert set(grouped) == set(ALL)
    for region, calls in grouped.items():
        assert calls[0].operation == "ListProducts", region
        workspace_calls = [c for c in calls if c.operation.startswith("ListWorkspaces")]
        if region in NOT_ACTIVATED:
            assert workspace_calls == [], region
        else:
            # One page of 100 answers every demo region (none has more than 100 workspaces).
            assert [c.query["PageSize"] for c in workspace_calls] == ["100"], region
            assert "Status" not in workspace_calls[0].query
    assert rows["cn-beijing"].state == "not activated"
    assert rows["ap-southeast-1"].state == "no permission"
    assert all(rows[r].calls == (1 if r in NOT_ACTIVATED else 2) for r in ALL)


def test_the_counts_are_exact(svc: WorkspaceService, demo: Emulator) -> None:
    rows = final(svc.overview())
    for region in ACTIVATED:
        row = rows[region]
        total, attention = expected_counts(demo, region)
        assert (row.state, row.workspaces, row.needs_attention) == ("activated", total, attention)
        assert row.mix is not None and row.mix.total == total and row.mix.attention == attention
    assert rows["cn-wulanchabu"].needs_attention == 3  # 2 FAILURE, 1 FROZEN
    for region in NOT_ACTIVATED:
        assert (rows[region].workspaces, rows[region].needs_attention, rows[region].mix) == (
            None,
            None,
            None,
        )


def test_never_more_than_four_requests_are_in_flight(svc: WorkspaceService, demo: Emulator) -> None:
    demo.set_latency(0.05)
    demo.reset_in_flight_peak()
    start = time.monotonic()
    final(svc.overview())
    elapsed = time.monotonic() - start
    assert demo.in_flight_peak == 4  # the bound, and used: regions are scanned in parallel
    # 30 calls, four at a time: about 8 x 50 ms, far below one region after another (1.5 s).
    assert elapsed < 1.2


def test_a_region_of_more_than_a_page_is_counted_per_status(
    svc: WorkspaceService, demo: Emulator
) -> None:
    demo.generate(BIG, 250)  # one in 25 is not ENABLED
    row = final(svc.overview([BIG]))[BIG]
    total, attention = expected_counts(demo, BIG)
    statuses = Counter(w["Status"] for w in demo.workspaces(BIG))
    assert (row.workspaces, row.needs_attention) == (total, attention) == (250, attention)
    assert row.mix is not None
    assert row.mix.transition == sum(statuses[s] for s in TRANSITION)
    assert row.mix.enabled == statuses["ENABLED"]
    calls = [e for e in demo.request_log if e.operation == "ListWorkspaces"]
    assert [c.query["PageSize"] for c in calls] == ["100"] + ["1"] * 5
    assert [c.query.get("Status") for c in calls[1:]] == [*ATTENTION, *TRANSITION]
    assert row.calls == 7  # ListProducts + the page + five statuses


def test_one_regions_failure_stays_in_its_row_and_the_rest_completes(
    demo: Emulator, clean_env: object
) -> None:
    demo.inject_fault("ListWorkspaces", "forbidden", times=None, region="eu-central-1")
    demo.inject_fault("ListProducts", "throttle", times=None, region="cn-shanghai")
    demo.inject_fault("ListProducts", "timeout", times=None, latency=2.0, region="us-west-1")
    service = emulator_service(demo.base_url, read_timeout=0.3)
    try:
        rows = final(service.overview())
    finally:
        service.close()
    failed = {r: row for r, row in rows.items() if row.state == "error"}
    assert set(failed) == {"eu-central-1", "cn-shanghai", "us-west-1"}
    for row in failed.values():
        assert row.error and row.workspaces is None and row.needs_attention is None
    assert "paiworkspace:ListWorkspaces" in str(failed["eu-central-1"].error)
    assert failed["eu-central-1"].error_exit == 5
    assert "throttling" in str(failed["cn-shanghai"].error)
    assert failed["us-west-1"].error_exit == 7
    # Throttling is retried (R11: three tries of a read), then the row says so.
    shanghai = [e.operation for e in demo.request_log if e.region == "cn-shanghai"]
    assert shanghai == ["ListProducts"] * 3
    assert rows["cn-hangzhou"].workspaces == 64
    assert all(rows[r].state != "error" for r in ALL if r not in failed)


def test_answers_stream_as_they_arrive_and_a_slow_region_holds_up_nobody(
    svc: WorkspaceService, demo: Emulator
) -> None:
    demo.set_latency(0.6, region="cn-hangzhou")
    order: list[tuple[str, str]] = []
    for row in svc.overview():
        order.append((row.region.id, row.stage))
    finals = [region for region, stage in order if stage == "done"]
    assert finals[-1] == "cn-hangzhou"
    assert len(finals) == len(ALL)
    # Each activated region says "activated, counting" before its final row.
    for region in ACTIVATED:
        assert order.index((region, "counting")) < order.index((region, "done"))


def test_rows_are_cached_for_the_run_and_a_rescan_asks_again(
    svc: WorkspaceService, demo: Emulator
) -> None:
    first = final(svc.overview())
    sent = len(demo.request_log)
    again = final(svc.overview())
    assert len(demo.request_log) == sent  # nothing new
    assert again == first
    assert [row.region.id for row in svc.cached_overview()] == ALL
    demo.add_workspace("cn-shenzhen", WorkspaceName="late_one", Status="FAILURE")
    rescanned = final(svc.overview(rescan=True))
    new = demo.request_log[sent:]
    assert Counter(e.operation for e in new) == {"ListProducts": 16, "ListWorkspaces": 14}
    assert rescanned["cn-shenzhen"].needs_attention == 1


def test_the_runs_activation_cache_is_used(svc: WorkspaceService, demo: Emulator) -> None:
    svc.activation("cn-hangzhou")
    svc.activation("cn-beijing")
    demo.clear_log()
    rows = final(svc.overview(["cn-hangzhou", "cn-beijing"]))
    assert demo.operations() == ["ListWorkspaces"]
    assert rows["cn-hangzhou"].calls == 1 and rows["cn-beijing"].calls == 0


def test_given_regions_only_in_their_order_and_unknown_ones_refused_before_sending(
    svc: WorkspaceService, demo: Emulator
) -> None:
    rows = [r for r in svc.overview(["eu-central-1", "cn-shanghai"]) if r.stage == "done"]
    assert {r.region.id for r in rows} == {"eu-central-1", "cn-shanghai"}
    assert {e.region for e in demo.request_log} == {"eu-central-1", "cn-shanghai"}
    demo.clear_log()
    with pytest.raises(InvalidInput, match="Did you mean cn-hangzhou"):
        list(svc.overview(["cn-shanghai", "cn-hangzou"]))
    assert demo.request_log == []


def test_a_consumer_that_stops_reading_stops_the_scan(
    svc: WorkspaceService, demo: Emulator
) -> None:
    demo.set_latency(0.05)
    scan = svc.overview()
    assert isinstance(scan, Generator)
    next(scan)
    scan.close()
    time.sleep(0.3)  # let calls already in flight end (nothing waits on them)
    sent = len(demo.request_log)
    assert sent <= 8  # the first calls only, never all 30
    time.sleep(0.2)
    assert len(demo.request_log) == sent


# -- find by name -----------------------------------------------------------------------------


def test_find_checks_activation_first_and_searches_activated_regions_only(
    svc: WorkspaceService, demo: Emulator
) -> None:
    answers = {a.region.id: a for a in svc.find_workspaces("recsys")}
    assert set(answers) == set(ALL)
    for region, calls in by_region(demo.request_log).items():
        assert calls[0].operation == "ListProducts"
        searches = [c for c in calls if c.operation == "ListWorkspaces"]
        if region in NOT_ACTIVATED:
            assert searches == []
            assert answers[region].state in ("not activated", "no permission")
        else:
            assert [c.query["WorkspaceName"] for c in searches] == ["recsys"]
    found = {(a.region.id, row.name) for a in answers.values() for row in a.rows}
    assert found == {("cn-hangzhou", f"recsys_exp_{n}") for n in (12, 24, 36, 48, 60)} | {
        ("cn-wulanchabu", "recsys_wlcb_batch"),
        ("ap-northeast-1", "jp_recsys_serving"),
        ("eu-central-1", "eu_recsys_gdpr"),
    }


def test_find_reads_every_page_and_stays_within_four_in_flight(
    svc: WorkspaceService, demo: Emulator
) -> None:
    demo.generate(BIG, 350)  # names gen_<id>: four pages of 100
    demo.set_latency(0.03)
    demo.reset_in_flight_peak()
    answers = {a.region.id: a for a in svc.find_workspaces("gen_")}
    assert demo.in_flight_peak <= 4
    assert len(answers[BIG].rows) == answers[BIG].total == 350
    pages = [
        e.query["PageNumber"]
        for e in demo.request_log
        if e.region == BIG and e.operation == "ListWorkspaces"
    ]
    assert sorted(pages) == ["1", "2", "3", "4"]
    assert answers[BIG].calls == 5


def test_find_keeps_a_regions_error_and_reports_the_others(
    svc: WorkspaceService, demo: Emulator
) -> None:
    demo.inject_fault("ListWorkspaces", "http500", times=None, region="ap-northeast-1")
    answers = {a.region.id: a for a in svc.find_workspaces("recsys")}
    failed = answers["ap-northeast-1"]
    assert failed.state == "error" and failed.rows == () and failed.error
    assert "HTTP 500" in failed.error
    assert len(answers["cn-hangzhou"].rows) == 5


def test_find_refuses_an_empty_name_before_sending(svc: WorkspaceService, demo: Emulator) -> None:
    with pytest.raises(InvalidInput):
        list(svc.find_workspaces("   "))
    assert demo.request_log == []
