"""The official alibabacloud-aiworkspace20210204 client (ACS3-HMAC-SHA256) against the emulator.

It sends booleans as ``True`` and puts the region only in the host name, so these calls rely
on the emulator's fallback region unless a test passes ``x-acs-region-id`` itself.
"""

from __future__ import annotations

import pytest
from alibabacloud_aiworkspace20210204 import models
from alibabacloud_aiworkspace20210204.client import Client
from alibabacloud_tea_openapi.exceptions import ClientException
from darabonba.runtime import RuntimeOptions

from paiws.emulator import Emulator


def test_list_products(tea: Client) -> None:
    body = tea.list_products(
        models.ListProductsRequest(product_codes="PAI_share", verbose=True)
    ).body
    assert body.products[0].product_code == "PAI_share"
    assert body.products[0].is_purchased is True
    assert body.products[0].purchase_url
    assert body.request_id


def test_region_header_selects_the_region(tea: Client) -> None:
    request = models.ListProductsRequest(product_codes="PAI_share", verbose=True)
    response = tea.list_products_with_options(
        request, {"x-acs-region-id": "cn-beijing"}, RuntimeOptions()
    )
    product = response.body.products[0]
    assert (product.is_purchased, product.has_permission_to_purchase) == (False, True)


def test_list_paging_and_filters(tea: Client) -> None:
    page = tea.list_workspaces(
        models.ListWorkspacesRequest(page_number=2, page_size=30, verbose=True)
    ).body
    assert page.total_count == 64 and len(page.workspaces) == 30
    assert page.workspaces[0].workspace_id == "100031"
    filtered = tea.list_workspaces(
        models.ListWorkspacesRequest(status="DISABLED", sort_by="GmtModifiedTime", order="DESC")
    ).body
    assert filtered.total_count == 2
    assert {w.status for w in filtered.workspaces} == {"DISABLED"}
    named = tea.list_workspaces(
        models.ListWorkspacesRequest(workspace_name="vision", page_size=100)
    ).body
    assert named.total_count > 0
    assert all("vision" in w.workspace_name for w in named.workspaces)


def test_list_items_parse_lower_case_resource_group(tea: Client) -> None:
    item = tea.list_workspaces(models.ListWorkspacesRequest(page_size=1)).body.workspaces[0]
    assert item.resource_group_id == "rg-acfmdemo0000"  # read from "resourceGroupId"


def test_batch_ids_limits_and_check_exists(tea: Client) -> None:
    batch = tea.list_workspaces(
        models.ListWorkspacesRequest(workspace_ids="100010,100011,777777")
    ).body
    assert sorted(w.workspace_id for w in batch.workspaces) == ["100010", "100011"]
    limits = tea.list_workspaces(models.ListWorkspacesRequest(option="GetResourceLimits")).body
    assert limits.resource_limits["PAI_share"] == 100
    exists = tea.list_workspaces(
        models.ListWorkspacesRequest(option="CheckWorkspaceExists", workspace_name="demo_default")
    ).body
    assert exists.total_count == 1 and exists.workspaces[0].workspace_id == "100001"


def test_get_basic_and_verbose(tea: Client) -> None:
    basic = tea.get_workspace("100001", models.GetWorkspaceRequest()).body
    assert basic.owner is None and basic.resource_group_id == "rg-acfmdemo0000"
    assert basic.admin_names is None  # AdminNames only with Verbose=true
    verbose = tea.get_workspace("100001", models.GetWorkspaceRequest(verbose=True)).body
    assert verbose.owner.user_id == "1469205837410001"
    assert verbose.owner.user_kp and verbose.owner.user_name and verbose.owner.display_name
    assert verbose.admin_names == ["alice@example.com", "bob.demo"]


def test_get_unknown_is_404(tea: Client) -> None:
    with pytest.raises(ClientException) as caught:
        tea.get_workspace("424242", models.GetWorkspaceRequest())
    assert caught.value.status_code == 404
    assert caught.value.code == "100400027"


def test_create_update_delete(tea: Client, emulator: Emulator) -> None:
    created = tea.create_workspace(
        models.CreateWorkspaceRequest(
            workspace_name="tea_made",
            description="Via the official SDK",
            env_types=["prod"],
            display_name="官方 SDK",
        )
    ).body
    detail = tea.get_workspace(created.workspace_id, models.GetWorkspaceRequest()).body
    assert (detail.workspace_name, detail.status, detail.env_types) == (
        "tea_made",
        "ENABLED",
        ["prod"],
    )
    tea.update_workspace(
        created.workspace_id,
        models.UpdateWorkspaceRequest(description="Updated", display_name="Renamed"),
    )
    assert (
        tea.get_workspace(created.workspace_id, models.GetWorkspaceRequest()).body.description
        == "Updated"
    )
    tea.delete_workspace(created.workspace_id, models.DeleteWorkspaceRequest())
    assert created.workspace_id not in {
        w["WorkspaceId"] for w in emulator.workspaces("cn-hangzhou")
    }


def test_duplicate_create(tea: Client) -> None:
    with pytest.raises(ClientException) as caught:
        tea.create_workspace(
            models.CreateWorkspaceRequest(
                workspace_name="demo_default", description="d", env_types=["prod"]
            )
        )
    assert caught.value.code == "WorkspaceNameAlreadyExists"


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
    ],
)
def test_bad_names(tea: Client, name: str) -> None:
    with pytest.raises(ClientException) as caught:
        tea.create_workspace(
            models.CreateWorkspaceRequest(workspace_name=name, description="d", env_types=["prod"])
        )
    assert (caught.value.status_code, caught.value.code) == (400, "InvalidParameter")


def test_lower_case_enum_is_rejected(tea: Client) -> None:
    with pytest.raises(ClientException) as caught:
        tea.list_workspaces(models.ListWorkspacesRequest(status="enabled"))
    assert caught.value.code == "InvalidParameter"
