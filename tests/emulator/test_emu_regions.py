"""Several regions at once: the demo's regions, per-region faults and latency, and requests
that name no region (answered as the fallback region and marked, or refused)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import urllib.request
from urllib.error import HTTPError

import pytest
from alibabacloud_aiworkspace20210204 import models
from alibabacloud_tea_openapi.exceptions import ClientException
from aliyunsdkcore.acs_exception.exceptions import ClientException as RoaClientException
from aliyunsdkcore.acs_exception.exceptions import ServerException
from darabonba.runtime import RuntimeOptions

from paiws.emulator import Emulator, serve_forever_cli
from paiws.emulator.run import fallback_from_cli
from tests.emulator.emu_clients import Roa, tea_client

ACTIVE = {
    "cn-hangzhou": 64,
    "cn-shanghai": 5,
    "cn-shenzhen": 0,
    "cn-wulanchabu": 6,
    "ap-northeast-1": 4,
    "eu-central-1": 3,
}


def test_demo_regions_answer_their_own_data(roa: Roa) -> None:
    for region, count in ACTIVE.items():
        assert roa.list(region)["TotalCount"] == count, region
    attention = {
        region: sum(
            roa.list(region, Status=status)["TotalCount"]
            for status in ("FAILURE", "FROZEN", "DISABLED")
        )
        for region in ("cn-wulanchabu", "ap-northeast-1", "eu-central-1")
    }
    assert attention == {"cn-wulanchabu": 3, "ap-northeast-1": 1, "eu-central-1": 2}
    found = {r: roa.list(r, WorkspaceName="recsys")["TotalCount"] for r in ACTIVE}
    assert sum(1 for count in found.values() if count) >= 3  # find-by-name across regions


def test_a_failing_region_leaves_the_others_answering(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("*", "http503", times=None, region="cn-shanghai")
    with pytest.raises(ServerException) as caught:
        roa.products("cn-shanghai", ProductCodes="PAI_share")
    assert caught.value.get_http_status() == 503
    with pytest.raises(ServerException):
        roa.list("cn-shanghai")
    assert roa.products("cn-hangzhou", ProductCodes="PAI_share")["Products"]
    assert roa.list("eu-central-1")["TotalCount"] == 3
    emulator.clear_faults(region="cn-shanghai")
    assert roa.list("cn-shanghai")["TotalCount"] == 5


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [
        ("http500", 500, "InternalError"),
        ("throttle_plain", 400, "Throttling"),
        ("forbidden", 403, "Forbidden.RAM"),
    ],
)
def test_region_faults_of_each_kind(
    roa: Roa, emulator: Emulator, kind: str, status: int, code: str
) -> None:
    emulator.inject_fault("ListProducts", kind, times=None, region="ap-northeast-1")
    for _ in range(2):
        with pytest.raises(ServerException) as caught:
            roa.products("ap-northeast-1")
        assert (caught.value.get_http_status(), caught.value.get_error_code()) == (status, code)
    roa.products("eu-central-1")
    roa.list("ap-northeast-1")  # another operation in the region still answers


def test_clear_faults_of_one_region_keeps_the_others(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("*", "http500", times=None, region="cn-shanghai")
    emulator.inject_fault("*", "http500", times=None, region="eu-central-1")
    emulator.clear_faults(region="cn-shanghai")
    roa.list("cn-shanghai")
    with pytest.raises(ServerException):
        roa.list("eu-central-1")


def test_a_region_can_time_out(emulator: Emulator) -> None:
    emulator.inject_fault("*", "timeout", times=None, latency=2.0, region="cn-shanghai")
    slow = Roa(emulator.base_url, "paiws-demo", "paiws-demo-secret", read_timeout=1)
    started = time.monotonic()
    with pytest.raises(RoaClientException) as caught:
        slow.list("cn-shanghai")
    assert "timed out" in str(caught.value).lower() or caught.value.get_error_code()
    assert 0.9 <= time.monotonic() - started < 3
    assert slow.list("cn-hangzhou")["TotalCount"] == 64


def test_drop_in_one_region(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("*", "drop_before", region="eu-central-1")
    with pytest.raises(RoaClientException):
        roa.list("eu-central-1")
    assert emulator.request_log[-1].status == 0
    assert roa.list("eu-central-1")["TotalCount"] == 3  # counted down


def test_latency_per_region_and_for_every_call(roa: Roa, emulator: Emulator) -> None:
    roa.list("cn-hangzhou")  # connect first: only the answers are timed
    emulator.set_latency(0.3, region="cn-shanghai")
    started = time.monotonic()
    roa.list("cn-shanghai")
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    roa.list("cn-hangzhou")
    assert time.monotonic() - started < 0.3
    emulator.set_latency(0.1)  # every call
    emulator.set_latency(0.0, region="cn-hangzhou", operation="ListWorkspaces")  # but this one
    for region, minimum in (("eu-central-1", 0.1), ("cn-shanghai", 0.3)):
        started = time.monotonic()
        roa.list(region)
        assert time.monotonic() - started >= minimum
    started = time.monotonic()
    roa.list("cn-hangzhou")
    assert time.monotonic() - started < 0.1
    emulator.clear_latency()


def test_latency_lets_regions_answer_in_parallel() -> None:
    with Emulator(data="demo", latency=0.3) as emulator:
        roa = Roa(emulator.base_url, "paiws-demo", "paiws-demo-secret")
        regions = list(ACTIVE)[:4]
        for region in regions:
            roa.client(region)  # build the clients before timing
        started = time.monotonic()
        threads = [threading.Thread(target=roa.products, args=(r,)) for r in regions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=5)
        elapsed = time.monotonic() - started
    assert 0.3 <= elapsed < 0.3 * len(regions)


def test_bad_region_arguments_are_refused(emulator: Emulator) -> None:
    with pytest.raises(ValueError):
        emulator.set_latency(-1)
    with pytest.raises(ValueError):
        emulator.set_latency(0.1, operation="Nope")
    with pytest.raises(ValueError):
        emulator.inject_fault("ListMembers", "http500", times=0)


# Requests that name no region --------------------------------------------------------------


def test_a_request_without_region_is_answered_as_the_fallback_and_marked(
    emulator: Emulator,
) -> None:
    tea = tea_client(emulator.base_url)
    assert tea.list_workspaces(models.ListWorkspacesRequest()).body.total_count == 64
    entry = emulator.request_log[-1]
    assert (entry.region, entry.region_fallback) == ("cn-hangzhou", True)
    assert "RegionId" not in entry.query
    named = tea.list_workspaces_with_options(
        models.ListWorkspacesRequest(), {"x-acs-region-id": "cn-shanghai"}, RuntimeOptions()
    )
    assert named.body.total_count == 5
    assert (emulator.request_log[-1].region, emulator.request_log[-1].region_fallback) == (
        "cn-shanghai",
        False,
    )


def test_roa_requests_always_name_their_region(roa: Roa, emulator: Emulator) -> None:
    roa.list("eu-central-1")
    roa.call("GET", "/api/v1/workspaces/100001/members")
    assert [e.region_fallback for e in emulator.request_log] == [False, False]


def test_without_a_fallback_a_regionless_request_is_refused() -> None:
    with Emulator(data="demo", fallback_region=None) as emulator:
        assert emulator.fallback_region is None
        tea = tea_client(emulator.base_url)
        with pytest.raises(ClientException) as caught:
            tea.list_members("100001", models.ListMembersRequest())
        assert (caught.value.status_code, caught.value.code) == (400, "MissingRegionId")
        assert "x-acs-region-id" in caught.value.message
        entry = emulator.request_log[-1]
        assert (entry.operation, entry.region, entry.region_fallback, entry.status) == (
            "ListMembers",
            "",
            True,
            400,
        )
        answered = tea.list_members_with_options(
            "100001",
            models.ListMembersRequest(),
            {"x-acs-region-id": "cn-hangzhou"},
            RuntimeOptions(),
        )
        assert answered.body.total_count == 1218


def test_refusal_comes_before_authentication() -> None:
    with Emulator(data="empty", fallback_region=None) as emulator:
        with pytest.raises(HTTPError) as caught:
            urllib.request.urlopen(emulator.base_url + "/api/v1/workspaces", timeout=5)
        body = json.loads(caught.value.read())
        assert (body["Code"], body["HostId"]) == ("MissingRegionId", "aiworkspace.aliyuncs.com")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("none", None), ("NONE", None), ("None", None), ("", None), (" cn-beijing ", "cn-beijing")],
)
def test_cli_fallback_values(value: str, expected: str | None) -> None:
    assert fallback_from_cli(value) == expected


def test_cli_helper_without_fallback_refuses_regionless_requests() -> None:
    code = (
        "from paiws.emulator import serve_forever_cli; import sys; "
        "sys.exit(serve_forever_cli('127.0.0.1', 0, 'empty', None, 'None'))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        with pytest.raises(HTTPError) as caught:
            urllib.request.urlopen(url + "/api/v1/products", timeout=5)
        assert json.loads(caught.value.read())["Code"] == "MissingRegionId"
    finally:
        process.terminate()
        process.wait(timeout=10)
        assert process.stderr is not None
        assert "refused (MissingRegionId)" in process.stderr.read()


def test_cli_helper_refuses_negative_latency(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve_forever_cli("127.0.0.1", 0, "empty", None, "none", latency=-1) == 2
    assert "latency" in capsys.readouterr().err
