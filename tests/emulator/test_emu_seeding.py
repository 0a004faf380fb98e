"""Users and members from data files and from the in-process helpers."""

from __future__ import annotations

from typing import Any

import pytest

from paiws.emulator import Emulator
from tests.emulator.emu_clients import Roa

OWNER = {
    "UserId": "1000000000000001",
    "UserKp": "1000000000000001",
    "UserName": "root@example.com",
    "DisplayName": "Root",
}
USERS = [
    {
        "UserId": "2000000000000002",
        "UserName": "li.lei",
        "DisplayName": "李雷",
        "AccountName": "li.lei@corp.onaliyun.com",
        "AccountType": "5",
    },
    {
        "UserId": "2000000000000003",
        "UserName": "han.meimei",
        "DisplayName": "韩梅梅",
        "AccountName": "han.meimei@corp.onaliyun.com",
        "AccountType": "5",
    },
]


def _data(**workspace: Any) -> dict[str, Any]:
    return {
        "users": USERS,
        "generated_users": 5,
        "regions": {
            "cn-shanghai": {
                "workspaces": [
                    {
                        "WorkspaceId": "7",
                        "WorkspaceName": "seeded",
                        "GmtCreateTime": "2024-01-05T08:30:00.000Z",
                        "Owner": OWNER,
                        **workspace,
                    }
                ]
            }
        },
    }


def test_members_from_a_data_file() -> None:
    emulator = Emulator(
        data=_data(
            members=[
                {"UserId": "2000000000000002", "Roles": ["PAI.WorkspaceAdmin"]},
                {"UserId": "9000000000000009", "Roles": ["PAI.WorkspaceGuest"], "MemberName": "x"},
            ],
            generated_members=3,
        )
    )
    members = emulator.members("cn-shanghai", "7")
    assert [m["UserId"] for m in members][:3] == [
        "1000000000000001",
        "2000000000000002",
        "9000000000000009",
    ]
    assert members[0]["Roles"] == ["PAI.WorkspaceOwner"]
    assert members[0]["AccountType"] == "5"  # the owner is not in the pool: a RAM user
    assert len(members) == 6 and members[3]["UserId"] == "2000000000000003"
    assert len(emulator.users()) == 7


@pytest.mark.parametrize(
    "workspace",
    [
        {"members": [{"UserId": "2000000000000002", "Roles": ["Admin"]}]},
        {"members": [{"UserId": "2000000000000002", "Roles": []}]},
        {"members": [{"UserId": "8000000000000008", "Roles": ["PAI.AlgoDeveloper"]}]},
        {"members": [{"Roles": ["PAI.AlgoDeveloper"]}]},
        {"members": "all"},
        {"generated_members": 99},
    ],
)
def test_bad_member_data_is_refused(workspace: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Emulator(data=_data(**workspace))


@pytest.mark.parametrize(
    "raw",
    [
        {"users": "x", "regions": {}},
        {"users": [{"UserId": 5}], "regions": {}},
        {"users": [{"UserId": "1"}, {"UserId": "1"}], "regions": {}},
        {"generated_users": -1, "regions": {}},
    ],
)
def test_bad_user_data_is_refused(raw: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Emulator(data=raw)


def test_empty_data_has_the_demo_owners_as_users() -> None:
    emulator = Emulator(data="empty")
    assert [u["UserName"] for u in emulator.users()] == [
        "alice@example.com",
        "bob.demo",
        "chen.ming@example.com",
        "dana",
    ]


def test_add_user_and_member_through_the_api(roa: Roa, emulator: Emulator) -> None:
    user_id = emulator.add_user(UserName="new.person", DisplayName="新人")
    assert len(user_id) == 16 and user_id.isdigit()
    listed = roa.call("GET", "/api/v1/workspaces/100002/users", query={"UserName": "新人"})
    assert listed["Users"] == [{"UserId": user_id, "UserName": "new.person"}]
    member_id = emulator.add_member("cn-hangzhou", "100002", user_id, ["PAI.WorkspaceGuest"])
    assert member_id == f"100002-{user_id}"
    got = roa.call("GET", "/api/v1/workspaces/100002/member", query={"MemberId": member_id})
    assert (got["DisplayName"], got["Roles"]) == ("新人", ["PAI.WorkspaceGuest"])


def test_add_member_takes_hostile_values(roa: Roa, emulator: Emulator) -> None:
    emulator.add_member(
        "cn-hangzhou", "100002", "x", ["[bold]"], DisplayName={"n": 1}, AccountType=None
    )
    member = roa.call("GET", "/api/v1/workspaces/100002/members", query={"UserId": "x"})
    assert member["Members"][0]["Roles"] == ["[bold]"]
    assert member["Members"][0]["DisplayName"] == {"n": 1}
    with pytest.raises(KeyError):
        emulator.add_member("cn-hangzhou", "424242", "x", ["PAI.AlgoDeveloper"])
    with pytest.raises(ValueError):
        emulator.add_member("cn-hangzhou", "100002", "x", ["PAI.AlgoDeveloper"])


def test_generate_members_for_paging(roa: Roa, emulator: Emulator) -> None:
    [workspace_id] = emulator.generate("cn-guangzhou", 1)
    added = emulator.generate_members("cn-guangzhou", workspace_id, 250)
    assert len(set(added)) == 250
    again = emulator.generate_members("cn-guangzhou", workspace_id, 2)
    assert not set(again) & set(added)
    body = roa.call(
        "GET",
        f"/api/v1/workspaces/{workspace_id}/members",
        query={"PageNumber": "3", "PageSize": "100"},
        region="cn-guangzhou",
    )
    assert body["TotalCount"] == 253 and len(body["Members"]) == 53
    assert all("PAI.WorkspaceOwner" not in m["Roles"] for m in body["Members"])
