"""Authentication (both signing schemes, STS) and RAM authorisation, seen through both clients."""

from __future__ import annotations

import json
import re
import urllib.request
from urllib.error import HTTPError

import pytest
from alibabacloud_aiworkspace20210204 import models
from alibabacloud_aiworkspace20210204.client import Client as TeaClient
from alibabacloud_tea_openapi.exceptions import ClientException
from aliyunsdkcore.acs_exception.exceptions import ServerException

from paiws.emulator import DEMO_ACCESS_KEY_ID, Emulator
from tests.emulator.emu_clients import Roa, RoaFactory, TeaFactory


def _roa_error(make_roa: RoaFactory, *args: str, call: str = "get") -> ServerException:
    client = make_roa(*args)
    with pytest.raises(ServerException) as caught:
        if call == "get":
            client.get("100001")
        else:
            client.products(ProductCodes="PAI_share")
    return caught.value


def _tea_error(make_tea: TeaFactory, **kwargs: str) -> ClientException:
    client = make_tea(**kwargs)
    with pytest.raises(ClientException) as caught:
        client.get_workspace("100001", models.GetWorkspaceRequest())
    return caught.value


def test_wrong_secret_is_rejected_by_roa(make_roa: RoaFactory) -> None:
    error = _roa_error(make_roa, DEMO_ACCESS_KEY_ID, "not-the-secret")
    assert (error.get_http_status(), error.get_error_code()) == (400, "SignatureDoesNotMatch")
    assert ":" in error.get_error_msg()
    assert "not-the-secret" not in error.get_error_msg()


def test_wrong_secret_is_rejected_by_acs3(make_tea: TeaFactory) -> None:
    error = _tea_error(make_tea, secret="not-the-secret")
    assert (error.status_code, error.code) == (400, "SignatureDoesNotMatch")


def test_unknown_key_is_not_found_by_both(make_roa: RoaFactory, make_tea: TeaFactory) -> None:
    roa = _roa_error(make_roa, "nobody", "whatever")
    assert (roa.get_http_status(), roa.get_error_code()) == (404, "InvalidAccessKeyId.NotFound")
    tea = _tea_error(make_tea, key_id="nobody", secret="whatever")
    assert (tea.status_code, tea.code) == (404, "InvalidAccessKeyId.NotFound")


def test_sts_token_is_accepted_by_both(
    emulator: Emulator, make_roa: RoaFactory, make_tea: TeaFactory
) -> None:
    emulator.add_key("STS.demo", "sts-secret", sts_token="sts-token-123")
    assert make_roa("STS.demo", "sts-secret", "sts-token-123").get("100001")["WorkspaceId"]
    tea = make_tea(key_id="STS.demo", secret="sts-secret", token="sts-token-123")
    assert tea.get_workspace("100001", models.GetWorkspaceRequest()).body.workspace_id


def test_expired_token_is_rejected_by_both(
    emulator: Emulator, make_roa: RoaFactory, make_tea: TeaFactory
) -> None:
    emulator.add_key("STS.old", "sts-secret", sts_token="sts-token-old", token_expired=True)
    roa = _roa_error(make_roa, "STS.old", "sts-secret", "sts-token-old")
    assert (roa.get_http_status(), roa.get_error_code()) == (400, "InvalidSecurityToken.Expired")
    tea = _tea_error(make_tea, key_id="STS.old", secret="sts-secret", token="sts-token-old")
    assert tea.code == "InvalidSecurityToken.Expired"


@pytest.mark.parametrize("token", [None, "some-other-token"])
def test_missing_or_unknown_token_is_rejected(
    emulator: Emulator, make_roa: RoaFactory, token: str | None
) -> None:
    emulator.add_key("STS.k", "sts-secret", sts_token="sts-token-k")
    args = ("STS.k", "sts-secret") if token is None else ("STS.k", "sts-secret", token)
    assert _roa_error(make_roa, *args).get_error_code() == "InvalidSecurityToken.Expired"


def test_restricted_key_gets_forbidden_ram_naming_the_action(
    emulator: Emulator, make_roa: RoaFactory, make_tea: TeaFactory
) -> None:
    emulator.add_key(
        "limited", "limited-secret", denied_actions=["GetWorkspace", "pai:ListProducts"]
    )
    roa = _roa_error(make_roa, "limited", "limited-secret")
    assert (roa.get_http_status(), roa.get_error_code()) == (403, "Forbidden.RAM")
    assert "paiworkspace:GetWorkspace" in roa.get_error_msg()
    products = _roa_error(make_roa, "limited", "limited-secret", call="products")
    assert "pai:ListProducts" in products.get_error_msg()
    tea = _tea_error(make_tea, key_id="limited", secret="limited-secret")
    assert tea.code == "Forbidden.RAM"
    assert tea.access_denied_detail["AuthAction"] == "paiworkspace:GetWorkspace"
    # Everything the policy allows still works.
    assert make_roa("limited", "limited-secret").list()["TotalCount"] == 64


def test_created_workspace_belongs_to_the_callers_fake_user(
    emulator: Emulator, make_roa: RoaFactory
) -> None:
    emulator.add_key("other-key", "other-secret")
    client = make_roa("other-key", "other-secret")
    workspace_id = client.create(WorkspaceName="mine_ws", Description="d", EnvTypes=["prod"])[
        "WorkspaceId"
    ]
    owner = client.get(workspace_id, Verbose="true")["Owner"]
    assert re.fullmatch(r"2\d{15}", owner["UserId"])  # a RAM user of the account
    assert owner["UserId"] != "1469205837410001"  # not the demo key's owner


def test_unsigned_request_gets_a_json_error_body(emulator: Emulator) -> None:
    with pytest.raises(HTTPError) as caught:
        urllib.request.urlopen(emulator.base_url + "/api/v1/workspaces", timeout=5)
    error = caught.value
    assert error.code == 400
    assert error.headers["Content-Type"].startswith("application/json")
    body = json.loads(error.read())
    assert set(body) == {"RequestId", "HostId", "Code", "Message", "Recommend"}
    assert body["Code"] == "IncompleteSignature"
    assert body["HostId"] == "aiworkspace.cn-hangzhou.aliyuncs.com"
    assert error.headers["x-acs-request-id"] == body["RequestId"]


def test_unknown_route_is_a_404_json_error(emulator: Emulator) -> None:
    with pytest.raises(HTTPError) as caught:
        urllib.request.urlopen(
            emulator.base_url + "/api/v2/nothing?RegionId=cn-shanghai", timeout=5
        )
    assert caught.value.code == 404
    body = json.loads(caught.value.read())
    assert body["Code"] == "InvalidApi.NotFound"
    assert body["HostId"] == "aiworkspace.cn-shanghai.aliyuncs.com"
    assert emulator.request_log[-1].operation == "Unknown"


TRICKY = "a+b&c=d %/?~*'名字 ü"


def test_signatures_cover_tricky_query_values_in_both_schemes(
    roa: Roa, tea: TeaClient, emulator: Emulator
) -> None:
    assert roa.list(WorkspaceName=TRICKY)["TotalCount"] == 0
    body = tea.list_workspaces(models.ListWorkspacesRequest(workspace_name=TRICKY)).body
    assert body.total_count == 0
    assert [e.query["WorkspaceName"] for e in emulator.request_log] == [TRICKY, TRICKY]


def test_path_ids_are_signed_in_both_schemes(roa: Roa, tea: TeaClient) -> None:
    with pytest.raises(ServerException) as roa_error:
        roa.get("no such id")
    assert roa_error.value.get_error_code() == "100400027"
    with pytest.raises(ClientException) as tea_error:
        tea.get_workspace("no/such id~名", models.GetWorkspaceRequest())
    assert tea_error.value.code == "100400027"
