"""The request log records every request, in order, including rejected ones."""

from __future__ import annotations

import pytest
from alibabacloud_aiworkspace20210204 import models
from aliyunsdkcore.acs_exception.exceptions import ServerException

from paiws.emulator import Emulator, LoggedRequest
from tests.emulator.emu_clients import Roa, tea_client


def test_a_create_workflow_is_logged_in_order(roa: Roa, emulator: Emulator) -> None:
    roa.products(ProductCodes="PAI_share", Verbose="true")
    roa.list(Option="CheckWorkspaceExists", WorkspaceName="logged_ws")
    workspace_id = roa.create(WorkspaceName="logged_ws", Description="d", EnvTypes=["prod"])[
        "WorkspaceId"
    ]
    roa.get(workspace_id)
    assert emulator.operations() == [
        "ListProducts",
        "ListWorkspaces:CheckWorkspaceExists",
        "CreateWorkspace",
        "GetWorkspace",
    ]


def test_entries_carry_method_path_query_region_and_status(roa: Roa, emulator: Emulator) -> None:
    roa.list("cn-shanghai", PageSize="5", WorkspaceName="名字")
    assert emulator.request_log == [
        LoggedRequest(
            operation="ListWorkspaces",
            method="GET",
            path="/api/v1/workspaces",
            query={"PageSize": "5", "WorkspaceName": "名字", "RegionId": "cn-shanghai"},
            region="cn-shanghai",
            status=200,
        )
    ]


def test_rejected_requests_are_logged_with_their_status(emulator: Emulator) -> None:
    bad = Roa(emulator.base_url, "unknown-key", "x")
    with pytest.raises(ServerException):
        bad.get("100001")
    entry = emulator.request_log[-1]
    assert (entry.operation, entry.method, entry.status) == ("GetWorkspace", "GET", 404)
    assert entry.path == "/api/v1/workspaces/100001"


def test_clear_log(roa: Roa, emulator: Emulator) -> None:
    roa.products()
    emulator.clear_log()
    assert emulator.request_log == [] and emulator.operations() == []


def test_official_client_without_region_header_uses_the_fallback_region() -> None:
    with Emulator(data="demo", fallback_region="cn-shanghai") as emulator:
        tea = tea_client(emulator.base_url, region="cn-shanghai")
        body = tea.list_workspaces(models.ListWorkspacesRequest()).body
        assert body.total_count == 5
        entry = emulator.request_log[-1]
        assert entry.region == "cn-shanghai" and "RegionId" not in entry.query


def test_the_in_flight_gauge_counts_requests_answered_at_the_same_time() -> None:
    import threading

    from paiws.emulator.requestlog import InFlightGauge

    gauge = InFlightGauge()
    entered = threading.Barrier(3)

    def request() -> None:
        gauge.enter()
        entered.wait()
        gauge.leave()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    entered.wait()
    for thread in threads:
        thread.join()
    assert (gauge.peak, gauge.now) == (2, 0)
    gauge.reset()
    assert gauge.peak == 0
