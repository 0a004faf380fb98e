"""Read workflows against the emulator, asserting the exact request sequence (R2, R3, R5-R7)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from paiws.core.errors import InvalidInput, NotActivated, NotFound
from paiws.core.interface import DataService
from paiws.core.service import WorkspaceService
from paiws.core.views import ListQuery, WorkspacePage
from paiws.emulator import Emulator
from tests.core.core_support import OTHER_REGION, REGION


def test_every_request_carries_the_chosen_region_in_header_and_query(
    service: WorkspaceService, emu: Emulator
) -> None:
    service.list_workspaces(REGION, ListQuery())
    service.list_workspaces(OTHER_REGION, ListQuery())
    log = emu.request_log
    assert [(e.operation, e.region, e.query["RegionId"]) for e in log] == [
        ("ListProducts", REGION, REGION),
        ("ListWorkspaces", REGION, REGION),
        ("ListProducts", OTHER_REGION, OTHER_REGION),
        ("ListWorkspaces", OTHER_REGION, OTHER_REGION),
    ]


def test_activation_check_runs_once_per_region_per_run(
    service: WorkspaceService, emu: Emulator
) -> None:
    first_id = emu.workspaces(REGION)[0]["WorkspaceId"]
    service.list_workspaces(REGION, ListQuery())
    service.get_workspace(REGION, first_id)
    service.resource_limits(REGION)
    service.check_name(REGION, "free_name")
    assert emu.operations() == [
        "ListProducts",
        "ListWorkspaces",
        "GetWorkspace",
        "ListWorkspaces:GetResourceLimits",
        "ListWorkspaces:CheckWorkspaceExists",
    ]
    assert emu.request_log[0].query == {
        "ProductCodes": "PAI_share",
        "Verbose": "true",
        "RegionId": REGION,
    }


def test_recheck_refreshes_the_cached_activation(service: WorkspaceService, emu: Emulator) -> None:
    emu.set_activation(
        OTHER_REGION,
        purchased=False,
        can_purchase=True,
        purchase_url="https://common-buy.aliyun.com/?commodityCode=pai",
    )
    assert service.activation(OTHER_REGION).status == "purchasable"
    emu.set_activation(OTHER_REGION, purchased=True)
    assert service.activation(OTHER_REGION).status == "purchasable"  # cached for the run
    assert service.activation(OTHER_REGION, recheck=True).activated
    assert emu.operations() == ["ListProducts", "ListProducts"]
    assert service.cached_activation(OTHER_REGION) is not None


def test_not_activated_region_sends_only_list_products_and_blocks(
    service: WorkspaceService, emu: Emulator
) -> None:
    url = "https://common-buy.aliyun.com/?commodityCode=pai"
    emu.set_activation(OTHER_REGION, purchased=False, can_purchase=True, purchase_url=url)
    with pytest.raises(NotActivated) as raised:
        service.list_workspaces(OTHER_REGION, ListQuery())
    assert raised.value.can_purchase and raised.value.purchase_url == url
    assert raised.value.exit_code == 3
    with pytest.raises(NotActivated):
        service.get_workspace(OTHER_REGION, "100001")
    assert emu.operations() == ["ListProducts"]


def test_not_activated_without_permission_points_to_the_administrator(
    service: WorkspaceService, emu: Emulator
) -> None:
    emu.set_activation(OTHER_REGION, purchased=False, can_purchase=False)
    with pytest.raises(NotActivated) as raised:
        service.resource_limits(OTHER_REGION)
    assert not raised.value.can_purchase and raised.value.purchase_url is None
    assert "administrator" in raised.value.hint and "pai:CreateOrder" in raised.value.hint
    assert emu.operations() == ["ListProducts"]


def test_list_sends_filters_sort_order_and_paging(service: WorkspaceService, emu: Emulator) -> None:
    query = ListQuery(
        name="gen", status="ENABLED", sort_by="GmtModifiedTime", order="DESC", page=2, page_size=10
    )
    page = service.list_workspaces(REGION, query)
    enabled = [w for w in emu.workspaces(REGION) if w["Status"] == "ENABLED"]
    assert (page.total, len(page.rows), page.page, page.page_size) == (len(enabled), 10, 2, 10)
    assert {row.status for row in page.rows} == {"ENABLED"}
    assert emu.request_log[-1].query == {
        "PageNumber": "2",
        "PageSize": "10",
        "SortBy": "GmtModifiedTime",
        "Order": "DESC",
        "WorkspaceName": "gen",
        "Status": "ENABLED",
        "RegionId": REGION,
    }


@pytest.mark.parametrize(
    "query",
    [
        ListQuery(status="ENABLE"),
        ListQuery(sort_by="Name"),
        ListQuery(order="up"),
        ListQuery(page=0),
        ListQuery(page_size=101),
        ListQuery(page_size=0),
    ],
)
def test_invalid_list_queries_send_nothing(
    service: WorkspaceService, emu: Emulator, query: ListQuery
) -> None:
    with pytest.raises(InvalidInput):
        service.list_workspaces(REGION, query)
    assert emu.operations() == []


@pytest.mark.parametrize("region", [None, "", "CN-HANGZHOU", "cn_hangzhou", "evil.com/x"])
def test_no_region_means_no_request(
    service: WorkspaceService, emu: Emulator, region: str | None
) -> None:
    with pytest.raises(InvalidInput):
        service.list_workspaces(region, ListQuery())  # type: ignore[arg-type]
    assert emu.operations() == []


def test_streaming_all_pages_uses_page_size_100_in_order(
    service: WorkspaceService, emu: Emulator
) -> None:
    emu.generate(REGION, 955)  # 1000 in total
    pages = list(service.iter_workspaces(REGION, ListQuery(page_size=20), concurrency=4))
    assert [p.page for p in pages] == list(range(1, 11))
    ids = [row.workspace_id for p in pages for row in p.rows]
    assert len(ids) == len(set(ids)) == 1000
    assert ids == sorted(ids)  # GmtCreateTime ASC == id order for generated data
    listed = [e for e in emu.request_log if e.operation == "ListWorkspaces"]
    assert len(listed) == 10
    assert {e.query["PageSize"] for e in listed} == {"100"}
    assert listed[0].query["PageNumber"] == "1"  # the first page first: it gives TotalCount


def test_streaming_stops_when_cancelled(service: WorkspaceService, emu: Emulator) -> None:
    emu.generate(REGION, 955)
    seen: list[WorkspacePage] = []
    for page in service.iter_workspaces(REGION, ListQuery(), cancelled=lambda: bool(seen)):
        seen.append(page)
    assert len(seen) == 1
    assert emu.operations() == ["ListProducts", "ListWorkspaces"]


def test_streaming_a_single_page_makes_one_list_call(
    service: WorkspaceService, emu: Emulator
) -> None:
    assert [len(p.rows) for p in service.iter_workspaces(REGION, ListQuery())] == [45]
    assert emu.operations() == ["ListProducts", "ListWorkspaces"]


def test_one_id_uses_get_workspace(service: WorkspaceService, emu: Emulator) -> None:
    wid = emu.workspaces(REGION)[3]["WorkspaceId"]
    result = service.lookup(REGION, [f"  {wid} "])
    assert result.detail is not None and result.detail.workspace.workspace_id == wid
    assert result.found == (result.detail.workspace,) and result.missing == ()
    assert emu.operations() == ["ListProducts", "GetWorkspace"]


def test_several_ids_use_one_batch_call_and_report_missing_ids(
    service: WorkspaceService, emu: Emulator
) -> None:
    a, b = (w["WorkspaceId"] for w in emu.workspaces(REGION)[:2])
    result = service.lookup(REGION, [b, "999999", a, b, ""])
    assert result.requested == (b, "999999", a)
    assert [row.workspace_id for row in result.found] == [b, a]
    assert result.missing == ("999999",)
    assert emu.operations() == ["ListProducts", "ListWorkspaces"]  # final: no follow-ups
    assert emu.request_log[-1].query["WorkspaceIds"] == f"{b},999999,{a}"


@pytest.mark.parametrize(
    "ids",
    [[], ["  "], ["a/b"], ["1", "x y"], ["a,b"], [".."], [".x"], [str(n) for n in range(101)]],
)
def test_lookup_of_invalid_ids_sends_nothing(
    service: WorkspaceService, emu: Emulator, ids: list[str]
) -> None:
    with pytest.raises(InvalidInput):
        service.lookup(REGION, ids)
    assert emu.operations() == []


def test_404_is_an_answer_without_fallback_search(service: WorkspaceService, emu: Emulator) -> None:
    with pytest.raises(NotFound) as raised:
        service.get_workspace(REGION, "999999")
    assert str(raised.value) == "Workspace 999999 does not exist."
    assert raised.value.exit_code == 4
    assert service.lookup(REGION, ["999998"]).missing == ("999998",)
    assert emu.operations() == ["ListProducts", "GetWorkspace", "GetWorkspace"]


def test_list_enums_are_accepted_in_any_case_and_sent_in_the_apis(
    service: WorkspaceService, emu: Emulator
) -> None:
    service.list_workspaces(
        REGION, ListQuery(status="enabled", sort_by="gmtmodifiedtime", order="desc")
    )
    sent = [e.query for e in emu.request_log if e.operation == "ListWorkspaces"][-1]
    assert (sent["Status"], sent["SortBy"], sent["Order"]) == (
        "ENABLED",
        "GmtModifiedTime",
        "DESC",
    )


def test_verbose_only_on_request(service: WorkspaceService, emu: Emulator) -> None:
    """R6: the caller says when (the TUI keeps the user's sticky choice, the CLI has --owner)."""
    a, b = (w["WorkspaceId"] for w in emu.workspaces(REGION)[:2])
    plain = service.get_workspace(REGION, a)
    assert plain.owner is None and not plain.verbose
    detail = service.get_workspace(REGION, a, verbose=True)
    assert detail.owner is not None and detail.verbose
    looked_up = service.lookup(REGION, [b], verbose=True).detail
    assert looked_up is not None and looked_up.owner is not None
    assert service.lookup(REGION, [b]).detail is not None
    verbose = [e.query.get("Verbose") for e in emu.request_log if e.operation == "GetWorkspace"]
    assert verbose == [None, "true", "true", None]


def test_resource_limits(service: WorkspaceService, emu: Emulator) -> None:
    limits = service.resource_limits(REGION)
    assert limits.region == REGION and limits.items
    assert all(isinstance(count, int) for _, count in limits.items)
    assert emu.operations() == ["ListProducts", "ListWorkspaces:GetResourceLimits"]


def test_check_name_is_exact_and_reports_the_existing_id(
    service: WorkspaceService, emu: Emulator
) -> None:
    existing = emu.workspaces(REGION)[0]
    taken = service.check_name(REGION, existing["WorkspaceName"])
    assert not taken.available and taken.existing_id == existing["WorkspaceId"]
    assert service.check_name(REGION, "nobody_has_this").available
    assert emu.request_log[-1].query["WorkspaceName"] == "nobody_has_this"
    with pytest.raises(InvalidInput):
        service.check_name(REGION, "1bad")
    assert emu.operations() == ["ListProducts"] + ["ListWorkspaces:CheckWorkspaceExists"] * 2


def test_streaming_concurrency_is_bounded(
    service: WorkspaceService, emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    emu.generate(REGION, 955)
    emu.inject_fault("ListWorkspaces", "latency", latency=0.05, times=None)
    active, peak, lock = 0, 0, threading.Lock()
    fetch = service._page

    def counting(*args: Any) -> WorkspacePage:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        try:
            return fetch(*args)
        finally:
            with lock:
                active -= 1

    monkeypatch.setattr(service, "_page", counting)
    pages = list(service.iter_workspaces(REGION, ListQuery(), concurrency=3))
    assert len(pages) == 10 and 1 < peak <= 3


def test_the_service_implements_the_data_service_protocol(service: WorkspaceService) -> None:
    implementation: DataService = service  # checked by mypy; the attributes at run time
    assert not implementation.read_only and not implementation.is_demo
    assert [r.id for r in implementation.regions()][:2] == ["cn-hangzhou", "cn-shanghai"]
    assert REGION in implementation.console_url(REGION)


def test_streaming_stops_at_the_first_short_page_whatever_total_count_claims(
    service: WorkspaceService, emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    emu.generate(OTHER_REGION, 250)
    fetch = service._page

    def lying_total(*args: Any) -> WorkspacePage:
        return dataclasses.replace(fetch(*args), total=10**9)

    monkeypatch.setattr(service, "_page", lying_total)
    rows = [len(p.rows) for p in service.iter_workspaces(OTHER_REGION, ListQuery(), concurrency=2)]
    assert rows == [100, 100, 50]
    # Page 3 is short; at most `concurrency` pages were already in flight beyond it.
    assert emu.operations().count("ListWorkspaces") <= 3 + 2
