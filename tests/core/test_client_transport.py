"""The API client: wire details, error mapping, retries (R11) and transport policy (R10)."""

from __future__ import annotations

import json
import time
import traceback
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from paiws import __version__
from paiws.core.client import WorkspaceClient
from paiws.core.credentials import static_credentials
from paiws.core.endpoint import parse_endpoint
from paiws.core.errors import (
    AuthFailed,
    InvalidInput,
    InvalidParameter,
    MalformedResponse,
    NetworkError,
    NotFound,
    PaiwsError,
    PermissionDenied,
    RequestTimeout,
    ServerError,
    Throttled,
)
from paiws.core.factory import build_service, emulator_service
from paiws.core.options import Options
from paiws.core.retry import FAST_RETRY
from paiws.core.service import WorkspaceService
from paiws.core.views import ListQuery
from paiws.emulator import Emulator
from tests.core.core_support import REGION, Scripted

CANARY = "canary-raw-body-5f3a"


def client_for(url: str, token: str | None = None) -> WorkspaceClient:
    return WorkspaceClient(
        static_credentials("paiws-demo", "paiws-demo-secret", token),
        endpoint=parse_endpoint(url),
        retry=FAST_RETRY,
    )


def assert_no_raw(error: BaseException) -> None:
    """Nothing of the body in the message, the hint, the repr, a chained exception, or the
    locals of any frame left in the traceback (Textual prints tracebacks with locals)."""
    assert error.__cause__ is None and error.__suppress_context__
    texts = [str(error), repr(error), getattr(error, "hint", "")]
    for frame, _ in traceback.walk_tb(error.__traceback__):
        if "/tui/" in frame.f_code.co_filename:  # our frames, not the test's own
            texts.extend(repr(value) for value in frame.f_locals.values())
    assert not [t for t in texts if CANARY in t]


# -- wire details (scripted server) -----------------------------------------------------------


def test_request_headers_query_and_body_follow_the_wire_facts(scripted: Scripted) -> None:
    scripted.reply_json(200, {"RequestId": "r", "WorkspaceId": "123"})
    client = client_for(scripted.url, token="sts-token-value")
    client.create_workspace(
        "ap-southeast-1",
        name="my_ws",
        description="d",
        env_types=("dev", "prod"),
        display_name="My",
    )
    sent = scripted.requests[0]
    headers = {k.lower(): v for k, v in sent["headers"].items()}
    assert sent["method"] == "POST"
    assert urlsplit(sent["path"]).path == "/api/v1/workspaces"
    assert parse_qs(urlsplit(sent["path"]).query) == {"RegionId": ["ap-southeast-1"]}
    assert headers["x-acs-region-id"] == "ap-southeast-1"
    assert headers["x-acs-version"] == "2021-02-04"
    assert headers["x-acs-signature-method"] == "HMAC-SHA1"
    assert headers["x-acs-security-token"] == "sts-token-value"
    assert headers["authorization"].startswith("acs paiws-demo:")
    assert headers["content-type"].startswith("application/json")
    assert "content-md5" in headers and "date" in headers
    assert f"paiws/{__version__}" in headers["user-agent"]
    assert json.loads(sent["body"]) == {
        "WorkspaceName": "my_ws",
        "Description": "d",
        "EnvTypes": ["dev", "prod"],
        "DisplayName": "My",
    }


def test_path_parameters_and_verbose_flag(scripted: Scripted) -> None:
    client = client_for(scripted.url)
    client.get_workspace(REGION, "4242", verbose=True)
    client.get_workspace(REGION, "4242")
    first, second = (urlsplit(r["path"]) for r in scripted.requests)
    assert first.path == second.path == "/api/v1/workspaces/4242"
    assert parse_qs(first.query) == {"Verbose": ["true"], "RegionId": [REGION]}
    assert parse_qs(second.query) == {"RegionId": [REGION]}


def test_signature_mismatch_without_colon_is_auth_failed_not_a_crash(scripted: Scripted) -> None:
    # The SDK's own handler does message.split(':')[1] and raises IndexError here.
    scripted.reply_json(400, {"Code": "SignatureDoesNotMatch", "Message": "bad signature"})
    with pytest.raises(AuthFailed) as raised:
        client_for(scripted.url).list_products(REGION)
    assert raised.value.exit_code == 6 and "SignatureDoesNotMatch" in str(raised.value)


@pytest.mark.parametrize(
    ("status", "code", "kind"),
    [
        (404, "InvalidAccessKeyId.NotFound", AuthFailed),
        (400, "InvalidSecurityToken.Expired", AuthFailed),
        (403, "Forbidden.RAM", PermissionDenied),
        (403, "NoPermission", PermissionDenied),
        (400, "InvalidParameter", InvalidParameter),
        (400, "Throttling.User", Throttled),
        (500, "InternalError", ServerError),
        (409, "SomethingElse", PaiwsError),
    ],
)
def test_error_codes_map_to_typed_errors(
    scripted: Scripted, status: int, code: str, kind: type[PaiwsError]
) -> None:
    scripted.reply_json(
        status, {"Code": code, "Message": f"Text\x1b[31m  {'long ' * 80}", "RequestId": "req-1"}
    )
    with pytest.raises(kind) as raised:
        client_for(scripted.url).list_workspaces(REGION)
    error = raised.value
    assert type(error) is kind and error.code == code and error.request_id == "req-1"
    assert "\x1b" not in str(error) and len(str(error)) < 320  # trimmed, control chars gone


def test_permission_error_on_get_names_the_ram_action(scripted: Scripted) -> None:
    scripted.reply_json(403, {"Code": "Forbidden.RAM", "Message": "User not authorized"})
    with pytest.raises(PermissionDenied) as raised:
        client_for(scripted.url).get_workspace(REGION, "77")
    assert raised.value.action == "paiworkspace:GetWorkspace"
    assert "pai:ListProducts" in raised.value.policy


def test_404_without_a_body_is_not_found_for_a_workspace(scripted: Scripted) -> None:
    scripted.status, scripted.body = 404, b""
    with pytest.raises(NotFound):
        client_for(scripted.url).get_workspace(REGION, "77")


@pytest.mark.parametrize("status", [200, 500, 502])
def test_non_json_bodies_never_reach_messages_or_tracebacks(
    scripted: Scripted, status: int
) -> None:
    scripted.status = status
    scripted.body = f"<html>{CANARY} Owner alice</html>".encode()
    scripted.headers = {"Content-Type": "text/html"}
    with pytest.raises(MalformedResponse if status == 200 else ServerError) as raised:
        client_for(scripted.url).list_products(REGION)
    assert_no_raw(raised.value)


def test_json_that_is_not_an_object_is_malformed(scripted: Scripted) -> None:
    scripted.body = json.dumps([CANARY]).encode()
    with pytest.raises(MalformedResponse) as raised:
        client_for(scripted.url).list_products(REGION)
    assert_no_raw(raised.value)


def test_error_message_from_json_keeps_code_and_message_only(scripted: Scripted) -> None:
    scripted.reply_json(
        500,
        {"Code": "InternalError", "Message": "try later", "Recommend": CANARY, "HostId": CANARY},
    )
    with pytest.raises(ServerError) as raised:
        client_for(scripted.url).list_products(REGION)
    assert "InternalError: try later" in str(raised.value)
    assert_no_raw(raised.value)


def test_workspace_ids_with_unsafe_characters_are_refused(scripted: Scripted) -> None:
    client = client_for(scripted.url)
    for bad in ("../products", "1?x=2", "a b", "", "1" * 65):
        with pytest.raises(InvalidInput):
            client.get_workspace(REGION, bad)
    assert scripted.requests == []


# -- retries (R11) ------------------------------------------------------------------------------


def test_gets_are_retried_after_a_503_then_succeed(
    service: WorkspaceService, emu: Emulator
) -> None:
    emu.inject_fault("ListWorkspaces", "http503")
    assert service.list_workspaces(REGION, ListQuery()).total == 45
    assert [(e.operation, e.status) for e in emu.request_log] == [
        ("ListProducts", 200),
        ("ListWorkspaces", 503),
        ("ListWorkspaces", 200),
    ]


@pytest.mark.parametrize(
    ("kind", "error"),
    [("throttle", Throttled), ("http500", ServerError), ("drop_before", NetworkError)],
)
def test_gets_give_up_after_three_attempts(
    service: WorkspaceService, emu: Emulator, kind: str, error: type[PaiwsError]
) -> None:
    emu.inject_fault("GetWorkspace", kind, times=None)
    with pytest.raises(error):
        service.get_workspace(REGION, "100001")
    assert emu.operations() == ["ListProducts"] + ["GetWorkspace"] * 3


def test_writes_are_never_retried(service: WorkspaceService, emu: Emulator) -> None:
    wid = emu.workspaces(REGION)[0]["WorkspaceId"]
    emu.inject_fault("UpdateWorkspace", "http503", times=None)
    with pytest.raises(ServerError):
        service.update_workspace(REGION, wid, description="x")
    assert emu.operations() == ["ListProducts", "UpdateWorkspace"]


def test_read_timeout_says_which_timeout_and_how_to_raise_it(emu: Emulator) -> None:
    service = emulator_service(emu.base_url, read_timeout=0.2)
    service.activation(REGION)
    emu.inject_fault("GetWorkspace", "latency", latency=1.0, times=None)
    with pytest.raises(RequestTimeout) as raised:
        service.get_workspace(REGION, "100001")
    error = raised.value
    assert error.which == "read" and error.seconds == 0.2 and error.exit_code == 7
    assert "read timeout" in str(error) and "--read-timeout" in error.hint
    deadline = time.monotonic() + 5  # the emulator logs a request when its handler finishes
    while emu.operations().count("GetWorkspace") < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert emu.operations() == ["ListProducts"] + ["GetWorkspace"] * 3


def test_wrong_types_degrade_per_field_and_a_non_json_body_fails_the_call(
    service: WorkspaceService, emu: Emulator
) -> None:
    emu.inject_fault("GetWorkspace", "malformed")
    detail = service.get_workspace(REGION, "100001")  # R16: every field unreadable, no failure
    assert "Name" in detail.workspace.unreadable and detail.workspace.name == "unreadable"
    emu.inject_fault("ListWorkspaces", "non_json_200")
    with pytest.raises(MalformedResponse):
        service.list_workspaces(REGION, ListQuery())


# -- transport policy (R10) -----------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint",
    ["http://example.com", "http://10.0.0.1:8080", "http://aiworkspace.cn-hangzhou.aliyuncs.com"],
)
def test_plain_http_to_a_non_loopback_endpoint_is_refused_before_any_request(
    clean_env: Path, endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InvalidInput) as raised:
        build_service(Options(endpoint=endpoint))
    assert raised.value.code == "InsecureEndpoint" and raised.value.exit_code == 2
    monkeypatch.setenv("PAIWS_ENDPOINT", endpoint)
    with pytest.raises(InvalidInput):
        build_service(Options())


def test_default_endpoint_is_https_regional_and_vpc_on_request(clean_env: Path) -> None:
    public = build_service(Options()).client.endpoint_for("eu-central-1")
    vpc = build_service(Options(vpc=True)).client.endpoint_for("eu-central-1")
    assert public.url == "https://aiworkspace.eu-central-1.aliyuncs.com"
    assert vpc.url == "https://aiworkspace-vpc.eu-central-1.aliyuncs.com"
    bare = build_service(Options(endpoint="aiworkspace.example.net:8443")).client
    assert bare.endpoint_for(REGION).url == "https://aiworkspace.example.net:8443"


def test_a_dead_proxy_does_not_affect_loopback_endpoints(
    service: WorkspaceService, emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # discard port: nothing listens
    assert service.list_workspaces(REGION, ListQuery()).total == 45


def test_endpoint_taken_from_the_environment(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAIWS_ENDPOINT", emu.base_url)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "paiws-demo")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "paiws-demo-secret")
    service = build_service(Options())
    assert service.credential_status().source == "environment"
    assert service.activation(REGION).activated
    assert emu.operations() == ["ListProducts"]
