"""Fault injection: each kind as a client sees it, counting down, matching and clearing."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from typing import Any

import pytest
from aliyunsdkcore.acs_exception.exceptions import ClientException, ServerException

from paiws.emulator import Emulator
from tests.emulator.emu_clients import Roa

NEW: dict[str, Any] = {"WorkspaceName": "fault_ws", "Description": "d", "EnvTypes": ["prod"]}


def _names(emulator: Emulator) -> set[str]:
    return {w["WorkspaceName"] for w in emulator.workspaces("cn-hangzhou")}


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [
        ("http500", 500, "InternalError"),
        ("http503", 503, "ServiceUnavailable"),
        ("throttle", 400, "Throttling.User"),
    ],
)
def test_error_faults_answer_once_then_recover(
    roa: Roa, emulator: Emulator, kind: str, status: int, code: str
) -> None:
    emulator.inject_fault("GetWorkspace", kind)
    with pytest.raises(ServerException) as caught:
        roa.get("100001")
    assert (caught.value.get_http_status(), caught.value.get_error_code()) == (status, code)
    assert roa.get("100001")["WorkspaceId"] == "100001"


def test_error_faults_do_not_apply_the_change(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("CreateWorkspace", "http503")
    with pytest.raises(ServerException):
        roa.create(**NEW)
    assert "fault_ws" not in _names(emulator)


def test_non_json_gateway_error(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("ListWorkspaces", "non_json")
    with pytest.raises(ServerException) as caught:
        roa.list()
    assert caught.value.get_http_status() == 502
    assert "502 Bad Gateway" in caught.value.get_error_msg()  # the SDK keeps the raw body


def test_non_json_with_status_200(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("ListProducts", "non_json_200")
    with pytest.raises(json.JSONDecodeError):
        roa.products()


def test_drop_before_applies_nothing(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("CreateWorkspace", "drop_before")
    with pytest.raises(ClientException) as caught:
        roa.create(**NEW)
    assert caught.value.get_error_code() == "SDK.HttpError"
    assert "fault_ws" not in _names(emulator)
    assert emulator.request_log[-1].status == 0


def test_drop_after_applies_the_change(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("CreateWorkspace", "drop_after")
    with pytest.raises(ClientException):
        roa.create(**NEW)
    assert "fault_ws" in _names(emulator)
    check = roa.list(Option="CheckWorkspaceExists", WorkspaceName="fault_ws")
    assert check["TotalCount"] == 1


def test_malformed_list_has_wrong_types(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("ListWorkspaces", "malformed")
    body = roa.list(PageSize="2")
    assert isinstance(body["RequestId"], str)
    assert not isinstance(body["TotalCount"], int)
    assert isinstance(body["Workspaces"], list) and len(body["Workspaces"]) == 2
    item = body["Workspaces"][0]
    assert isinstance(item["WorkspaceId"], list) and not isinstance(item["EnvTypes"], list)
    assert not isinstance(item["IsDefault"], bool)


def test_malformed_create_still_creates(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("CreateWorkspace", "malformed")
    body = roa.create(**NEW)
    assert not isinstance(body["WorkspaceId"], str)
    assert "fault_ws" in _names(emulator)


def test_malformed_empty_answer_is_a_list(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("DeleteWorkspace", "malformed")
    body = roa.call("DELETE", "/api/v1/workspaces/100002")
    assert isinstance(body, list)


def test_latency_delays_the_answer(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("GetWorkspace", "latency", latency=0.3)
    started = time.monotonic()
    roa.get("100001")
    assert time.monotonic() - started >= 0.3


def test_times_counts_down_and_none_means_until_cleared(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("GetWorkspace", "http500", times=2)
    for _ in range(2):
        with pytest.raises(ServerException):
            roa.get("100001")
    roa.get("100001")
    emulator.inject_fault("*", "http503", times=None)
    for _ in range(3):
        with pytest.raises(ServerException):
            roa.products()
    emulator.clear_faults()
    roa.products()


def test_option_specific_fault(roa: Roa, emulator: Emulator) -> None:
    emulator.inject_fault("ListWorkspaces:CheckWorkspaceExists", "throttle")
    roa.list()  # a plain listing does not match
    with pytest.raises(ServerException) as caught:
        roa.list(Option="CheckWorkspaceExists", WorkspaceName="x_y")
    assert caught.value.get_error_code() == "Throttling.User"


def test_rejected_requests_do_not_consume_faults(emulator: Emulator, roa: Roa) -> None:
    emulator.inject_fault("GetWorkspace", "http500")
    bad = Roa(emulator.base_url, "paiws-demo", "wrong-secret")
    with pytest.raises(ServerException) as caught:
        bad.get("100001")
    assert caught.value.get_error_code() == "SignatureDoesNotMatch"
    with pytest.raises(ServerException) as caught:
        roa.get("100001")
    assert caught.value.get_error_code() == "InternalError"


@pytest.mark.parametrize(("operation", "kind"), [("GetWorkspace", "explode"), ("Nope", "http500")])
def test_bad_fault_arguments_are_refused(emulator: Emulator, operation: str, kind: str) -> None:
    with pytest.raises(ValueError):
        emulator.inject_fault(operation, kind)


def test_stop_does_not_wait_for_a_sleeping_handler() -> None:
    emulator = Emulator(data="empty")
    client = Roa(emulator.start(), "paiws-demo", "paiws-demo-secret")
    emulator.inject_fault("ListProducts", "latency", latency=30)

    def call() -> None:
        with contextlib.suppress(Exception):
            client.products()

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    emulator.stop()
    assert time.monotonic() - started < 3
    thread.join(timeout=5)
