"""aliyun-python-sdk-core (ROA v1, HMAC-SHA1) against the emulator: every operation."""

from __future__ import annotations

from typing import Any

import pytest
from aliyunsdkcore.acs_exception.exceptions import ServerException

from paiws.emulator import Emulator
from tests.emulator.emu_clients import Roa


def test_list_products_reports_activation_per_region(roa: Roa) -> None:
    hangzhou = roa.products(ProductCodes="PAI_share", Verbose="true")["Products"]
    assert hangzhou == [
        {
            "ProductCode": "PAI_share",
            "ProductId": "learn_pai_public",
            "IsPurchased": True,
            "HasPermissionToPurchase": True,
            "PurchaseUrl": "https://common-buy.aliyun.com/?commodityCode=learn_pai_public_cn",
        }
    ]
    beijing = roa.products("cn-beijing", ProductCodes="PAI_share", Verbose="true")["Products"][0]
    assert (beijing["IsPurchased"], beijing["HasPermissionToPurchase"]) == (False, True)
    assert beijing["PurchaseUrl"].startswith("https://common-buy.aliyun.com/")
    singapore = roa.products("ap-southeast-1", ProductCodes="PAI_share")["Products"][0]
    assert (singapore["IsPurchased"], singapore["HasPermissionToPurchase"]) == (False, False)
    assert "PurchaseUrl" not in singapore  # only with Verbose


def test_list_products_services(roa: Roa) -> None:
    body = roa.products(ProductCodes="PAI_share,DLC_share", ServiceCodes="OSS", Verbose="true")
    assert [p["ProductCode"] for p in body["Products"]] == ["PAI_share", "DLC_share"]
    assert body["Services"][0]["ServiceCode"] == "OSS"
    assert body["Services"][0]["IsOpen"] is True
    assert body["RequestId"]


def test_list_pages_through_the_demo_region(roa: Roa) -> None:
    first = roa.list(PageNumber="1", PageSize="25")
    third = roa.list(PageNumber="3", PageSize="25")
    assert first["TotalCount"] == 64
    assert len(first["Workspaces"]) == 25 and len(third["Workspaces"]) == 14
    times = [w["GmtCreateTime"] for w in first["Workspaces"]]
    assert times == sorted(times)
    item = first["Workspaces"][1]
    assert item["resourceGroupId"].startswith("rg-") and "ResourceGroupId" not in item
    assert set(item) >= {
        "WorkspaceId",
        "WorkspaceName",
        "DisplayName",
        "Description",
        "Creator",
        "Status",
        "GmtCreateTime",
        "GmtModifiedTime",
        "EnvTypes",
        "AdminNames",
        "IsDefault",
        "ExtraInfos",
    }
    assert "Owner" not in item


def test_list_default_page_size_is_20(roa: Roa) -> None:
    assert len(roa.list()["Workspaces"]) == 20


def test_list_sorts_descending_by_modified_time(roa: Roa) -> None:
    body = roa.list(SortBy="GmtModifiedTime", Order="DESC", PageSize="100")
    times = [w["GmtModifiedTime"] for w in body["Workspaces"]]
    assert times == sorted(times, reverse=True)


def test_list_filters_by_name_status_and_resource_group(roa: Roa) -> None:
    by_name = roa.list(WorkspaceName="RECSYS", PageSize="100")["Workspaces"]
    assert by_name and all("recsys" in w["WorkspaceName"] for w in by_name)
    frozen = roa.list(Status="FROZEN")
    assert frozen["TotalCount"] == 2
    assert {w["Status"] for w in frozen["Workspaces"]} == {"FROZEN"}
    group = roa.list(ResourceGroupId="rg-acfmdemo0001", PageSize="100")["Workspaces"]
    assert group and {w["resourceGroupId"] for w in group} == {"rg-acfmdemo0001"}


def test_list_batch_ids_returns_only_existing_ones(roa: Roa) -> None:
    body = roa.list(WorkspaceIds="100002,999999,100005")
    assert sorted(w["WorkspaceId"] for w in body["Workspaces"]) == ["100002", "100005"]
    assert body["TotalCount"] == 2


def test_list_fields_id_returns_only_ids(roa: Roa) -> None:
    body = roa.list(Fields="Id", PageSize="3")
    assert body["Workspaces"] == [
        {"WorkspaceId": "100001"},
        {"WorkspaceId": "100002"},
        {"WorkspaceId": "100003"},
    ]


def test_resource_limits(roa: Roa) -> None:
    body = roa.list(Option="GetResourceLimits")
    assert body["ResourceLimits"] == {"PAI_share": 100, "DLC_share": 50, "MaxCompute_share": 20}


def test_check_exists_is_an_exact_match(roa: Roa) -> None:
    found = roa.list(Option="CheckWorkspaceExists", WorkspaceName="demo_default")
    assert found["TotalCount"] == 1
    assert found["Workspaces"][0]["WorkspaceId"] == "100001"
    partial = roa.list(Option="CheckWorkspaceExists", WorkspaceName="demo_defaul")
    assert partial == {"RequestId": partial["RequestId"], "TotalCount": 0, "Workspaces": []}


def test_get_basic_has_no_owner_and_capital_resource_group(roa: Roa) -> None:
    body = roa.get("100001")
    assert body["WorkspaceName"] == "demo_default" and body["IsDefault"] is True
    assert body["ResourceGroupId"] == "rg-acfmdemo0000"
    assert "Owner" not in body and "resourceGroupId" not in body
    assert body["ExtraInfos"] == {"TenantId": "1596283470330001"}
    assert "AdminNames" not in body  # only with Verbose=true (GetWorkspace reference)


@pytest.mark.parametrize("flag", ["true", "True"])
def test_get_verbose_has_owner_and_admins(roa: Roa, flag: str) -> None:
    body = roa.get("100001", Verbose=flag)
    assert set(body["Owner"]) == {"UserId", "UserKp", "UserName", "DisplayName"}
    assert body["AdminNames"] == ["alice@example.com", "bob.demo"]


def test_get_unknown_workspace_is_404(roa: Roa) -> None:
    with pytest.raises(ServerException) as caught:
        roa.get("424242")
    assert caught.value.get_http_status() == 404
    assert caught.value.get_error_code() == "100400027"
    assert caught.value.get_error_msg() == "Workspace not exists: 424242"
    assert caught.value.get_request_id()


def test_create_then_get_update_delete(roa: Roa, emulator: Emulator) -> None:
    created = roa.create(
        WorkspaceName="fresh_ws",
        Description="Made by a test",
        EnvTypes=["dev", "prod"],
        DisplayName="新的空间",
        ResourceGroupId="rg-test01",
    )
    workspace_id = created["WorkspaceId"]
    detail = roa.get(workspace_id, Verbose="true")
    assert detail["Status"] == "ENABLED"  # create_delay=0
    assert detail["DisplayName"] == "新的空间" and detail["EnvTypes"] == ["dev", "prod"]
    assert detail["ResourceGroupId"] == "rg-test01"
    assert detail["Creator"] == detail["Owner"]["UserId"] == "1469205837410001"
    roa.call(
        "PUT",
        f"/api/v1/workspaces/{workspace_id}",
        body={"Description": "Changed", "DisplayName": "Renamed"},
    )
    updated = roa.get(workspace_id)
    assert (updated["Description"], updated["DisplayName"]) == ("Changed", "Renamed")
    assert updated["GmtModifiedTime"] >= updated["GmtCreateTime"]
    roa.call("DELETE", f"/api/v1/workspaces/{workspace_id}")
    with pytest.raises(ServerException) as caught:
        roa.get(workspace_id)
    assert caught.value.get_error_code() == "100400027"
    assert all(w["WorkspaceId"] != workspace_id for w in emulator.workspaces("cn-hangzhou"))


def test_create_defaults_display_name_to_the_name(roa: Roa) -> None:
    workspace_id = roa.create(WorkspaceName="plain_ws", Description="d", EnvTypes=["prod"])[
        "WorkspaceId"
    ]
    assert roa.get(workspace_id)["DisplayName"] == "plain_ws"


def test_duplicate_create_is_rejected(roa: Roa) -> None:
    with pytest.raises(ServerException) as caught:
        roa.create(WorkspaceName="demo_default", Description="again", EnvTypes=["prod"])
    assert caught.value.get_http_status() == 400
    assert caught.value.get_error_code() == "WorkspaceNameAlreadyExists"


@pytest.mark.parametrize(
    "name",
    [
        "123workspace",
        "_myworkspace",
        "my-workspace",
        "ab",
        "averylongworkspacename123",
        "my workspace",
        "test@ws!",
        "",
    ],
)
def test_bad_names_are_invalid_parameters(roa: Roa, emulator: Emulator, name: str) -> None:
    with pytest.raises(ServerException) as caught:
        roa.create(WorkspaceName=name, Description="d", EnvTypes=["prod"])
    assert caught.value.get_http_status() == 400
    assert caught.value.get_error_code() == "InvalidParameter"
    assert len(emulator.workspaces("cn-hangzhou")) == 64


@pytest.mark.parametrize("name", ["myworkspace", "my_workspace", "myWorkspace123", "abc"])
def test_good_names_are_created(roa: Roa, name: str) -> None:
    assert roa.create(WorkspaceName=name, Description="d", EnvTypes=["prod"])["WorkspaceId"]


@pytest.mark.parametrize(
    "body",
    [
        {"Description": "x" * 81, "EnvTypes": ["prod"]},
        {"Description": "", "EnvTypes": ["prod"]},
        {"Description": "d", "EnvTypes": ["dev"]},
        {"Description": "d", "EnvTypes": []},
        {"Description": "d", "EnvTypes": "prod"},
        {"Description": "d", "EnvTypes": ["prod"], "ResourceGroupId": "not a group"},
    ],
)
def test_bad_create_bodies_are_invalid_parameters(roa: Roa, body: dict[str, Any]) -> None:
    with pytest.raises(ServerException) as caught:
        roa.create(WorkspaceName="valid_name", **body)
    assert caught.value.get_error_code() == "InvalidParameter"


def test_create_accepts_envs_in_either_order(roa: Roa) -> None:
    workspace_id = roa.create(WorkspaceName="order_ws", Description="d", EnvTypes=["prod", "dev"])[
        "WorkspaceId"
    ]
    assert roa.get(workspace_id)["EnvTypes"] == ["dev", "prod"]


def test_update_rejects_a_long_description(roa: Roa) -> None:
    with pytest.raises(ServerException) as caught:
        roa.call("PUT", "/api/v1/workspaces/100001", body={"Description": "y" * 81})
    assert caught.value.get_error_code() == "InvalidParameter"


def test_update_and_delete_unknown_workspace_are_404(roa: Roa) -> None:
    for method, body in (("PUT", {"Description": "x"}), ("DELETE", None)):
        with pytest.raises(ServerException) as caught:
            roa.call(method, "/api/v1/workspaces/424242", body=body)
        assert caught.value.get_http_status() == 404
        assert caught.value.get_error_code() == "100400027"


def test_region_comes_from_the_request(roa: Roa) -> None:
    shanghai = roa.list("cn-shanghai")
    assert shanghai["TotalCount"] == 5
    assert roa.list("cn-shenzhen")["TotalCount"] == 0
    assert roa.list("eu-central-1")["TotalCount"] == 3
    assert roa.list("us-west-1")["TotalCount"] == 0  # not in the data: activated, empty


def test_workspace_calls_fail_where_pai_is_not_activated(roa: Roa) -> None:
    with pytest.raises(ServerException) as caught:
        roa.list("cn-beijing")
    assert caught.value.get_error_code() == "ServiceNotActivated"
