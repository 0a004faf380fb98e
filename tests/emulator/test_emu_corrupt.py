"""Wrongly typed fields on demand (SPEC R16): caller-chosen canaries in chosen items only."""

from __future__ import annotations

from alibabacloud_aiworkspace20210204 import models
from alibabacloud_aiworkspace20210204.client import Client

from paiws.emulator import OMIT, Emulator
from tests.emulator.emu_clients import Roa

WS = "100002"
OWNER_ID = "2053718264950002"


def test_workspace_fields_are_served_with_the_wrong_types(roa: Roa, emulator: Emulator) -> None:
    emulator.corrupt_fields(
        "cn-hangzhou",
        "100003",
        {"EnvTypes": "canary-env", "AdminNames": "canary-admin", "Creator": 12345},
    )
    emulator.corrupt_fields("cn-hangzhou", "100003", {"Owner": {"UserId": ["nested"]}})
    items = roa.list(PageSize="5")["Workspaces"]
    bad, good = items[2], items[1]
    assert bad["WorkspaceId"] == "100003"
    assert (bad["EnvTypes"], bad["AdminNames"], bad["Creator"]) == (
        "canary-env",
        "canary-admin",
        12345,
    )
    assert isinstance(good["EnvTypes"], list) and isinstance(good["Creator"], str)
    detail = roa.get("100003", Verbose="true")
    assert detail["EnvTypes"] == "canary-env" and detail["Owner"] == {"UserId": ["nested"]}
    # The stored data is unchanged: everything keeps working.
    assert emulator.workspaces("cn-hangzhou")[2]["EnvTypes"] == ["prod"]
    assert roa.list(WorkspaceName="vision_eval_02")["Workspaces"][0]["EnvTypes"] == "canary-env"


def test_only_the_named_region_is_affected(roa: Roa, emulator: Emulator) -> None:
    emulator.corrupt_fields("cn-shanghai", "100001", {"WorkspaceName": 7})
    assert roa.get("100001")["WorkspaceName"] == "demo_default"


def test_member_fields_and_omitted_keys(roa: Roa, emulator: Emulator) -> None:
    emulator.corrupt_fields(
        "cn-hangzhou",
        WS,
        {"Roles": "PAI.WorkspaceOwner", "DisplayName": {"x": "canary"}, "AccountName": OMIT},
        user_id=OWNER_ID,
    )
    owner, other = roa.call("GET", f"/api/v1/workspaces/{WS}/members")["Members"]
    assert owner["Roles"] == "PAI.WorkspaceOwner" and owner["DisplayName"] == {"x": "canary"}
    assert "AccountName" not in owner
    assert isinstance(other["Roles"], list)
    single = roa.call("GET", f"/api/v1/workspaces/{WS}/member", query={"UserId": OWNER_ID})
    assert single["Roles"] == "PAI.WorkspaceOwner"
    # Another workspace's item for the same person is untouched.
    elsewhere = roa.call("GET", "/api/v1/workspaces/100006/members", query={"UserId": OWNER_ID})[
        "Members"
    ]
    assert elsewhere and all(isinstance(m["Roles"], list) for m in elsewhere)


def test_workspace_user_items(roa: Roa, emulator: Emulator) -> None:
    user = roa.call("GET", f"/api/v1/workspaces/{WS}/users", query={"UserName": "heidi"})
    user_id = user["Users"][0]["UserId"]
    emulator.corrupt_fields("cn-hangzhou", WS, {"UserName": ["canary"]}, user_id=user_id)
    again = roa.call("GET", f"/api/v1/workspaces/{WS}/users", query={"UserName": "heidi"})
    assert again["Users"][0] == {"UserId": user_id, "UserName": ["canary"]}


def test_the_official_client_reads_what_it_is_given(tea: Client, emulator: Emulator) -> None:
    emulator.corrupt_fields("cn-hangzhou", WS, {"AccountType": 5}, user_id=OWNER_ID)
    members = tea.list_members(WS, models.ListMembersRequest()).body.members
    assert members[0].account_type == 5  # the SDK does not check types: the client must


def test_clear_corruption(roa: Roa, emulator: Emulator) -> None:
    emulator.corrupt_fields("cn-hangzhou", "100001", {"IsDefault": "yes"})
    emulator.clear_corruption()
    assert roa.get("100001")["IsDefault"] is True
