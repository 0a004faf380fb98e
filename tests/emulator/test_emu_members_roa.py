"""Members through aliyun-python-sdk-core (ROA v1, HMAC-SHA1): every operation, paging,
filters, the owner rules and every member error."""

from __future__ import annotations

from typing import Any

import pytest
from aliyunsdkcore.acs_exception.exceptions import ServerException

from paiws.emulator import Emulator
from tests.emulator.emu_clients import Roa

WS = "100002"  # cn-hangzhou: owner bob.demo + li.na
BASE = f"/api/v1/workspaces/{WS}"
OWNER_ID = "2053718264950002"
OWNER_MEMBER = f"{WS}-{OWNER_ID}"
MEMBER_KEYS = {
    "MemberId",
    "UserId",
    "MemberName",
    "DisplayName",
    "AccountName",
    "AccountType",
    "Roles",
    "GmtCreateTime",
}


def _error(call: Any, *args: Any, **kwargs: Any) -> ServerException:
    with pytest.raises(ServerException) as caught:
        call(*args, **kwargs)
    return caught.value


def _code(error: ServerException) -> tuple[int, str]:
    return error.get_http_status(), error.get_error_code()


def _addable(emulator: Emulator, workspace_id: str = WS) -> list[str]:
    taken = {m["UserId"] for m in emulator.members("cn-hangzhou", workspace_id)}
    return [u["UserId"] for u in emulator.users() if u["UserId"] not in taken]


def _create(roa: Roa, *members: tuple[str, list[str]], ws: str = WS) -> dict[str, Any]:
    body = {"Members": [{"UserId": uid, "Roles": roles} for uid, roles in members]}
    result: dict[str, Any] = roa.call("POST", f"/api/v1/workspaces/{ws}/members", body=body)
    return result


# Reads ------------------------------------------------------------------------------------


def test_list_members_items_and_default_page(roa: Roa) -> None:
    body = roa.call("GET", "/api/v1/workspaces/100001/members")
    assert body["TotalCount"] == 1218 and len(body["Members"]) == 20
    owner = body["Members"][0]
    assert set(owner) == MEMBER_KEYS
    assert owner["Roles"] == ["PAI.WorkspaceOwner"] and owner["AccountType"] == "1"
    assert owner["MemberId"] == f"100001-{owner['UserId']}"


def test_list_members_pages_through_a_thousand(roa: Roa) -> None:
    seen: list[str] = []
    for page in range(1, 14):
        body = roa.call(
            "GET",
            "/api/v1/workspaces/100001/members",
            query={"PageNumber": str(page), "PageSize": "100"},
        )
        seen += [m["MemberId"] for m in body["Members"]]
    assert len(seen) == len(set(seen)) == 1218
    past = roa.call("GET", "/api/v1/workspaces/100001/members", query={"PageNumber": "99"})
    assert past["Members"] == [] and past["TotalCount"] == 1218


@pytest.mark.parametrize(
    "query", [{"PageSize": "0"}, {"PageSize": "101"}, {"PageNumber": "0"}, {"PageSize": "x"}]
)
def test_list_members_bad_paging_is_invalid(roa: Roa, query: dict[str, str]) -> None:
    assert _code(_error(roa.call, "GET", f"{BASE}/members", query=query)) == (
        400,
        "InvalidParameter",
    )


def test_list_members_role_filter_matches_any_listed_role(roa: Roa) -> None:
    both = roa.call(
        "GET",
        "/api/v1/workspaces/100001/members",
        query={"Roles": "PAI.WorkspaceOwner,PAI.WorkspaceAdmin", "PageSize": "100"},
    )
    assert [m["MemberName"] for m in both["Members"]] == ["alice@example.com", "bob.demo"]
    guests = roa.call(
        "GET", "/api/v1/workspaces/100001/members", query={"Roles": "PAI.WorkspaceGuest"}
    )
    assert guests["TotalCount"] > 100
    assert all("PAI.WorkspaceGuest" in m["Roles"] for m in guests["Members"])


@pytest.mark.parametrize("roles", ["pai.workspaceadmin", "PAI.Nobody", "WorkspaceAdmin"])
def test_list_members_unknown_role_is_invalid(roa: Roa, roles: str) -> None:
    error = _error(roa.call, "GET", f"{BASE}/members", query={"Roles": roles})
    assert _code(error) == (400, "InvalidParameter")


def test_list_members_name_is_fuzzy_and_user_id_exact(roa: Roa) -> None:
    fuzzy = roa.call("GET", f"{BASE}/members", query={"MemberName": "BOB"})
    assert [m["MemberName"] for m in fuzzy["Members"]] == ["bob.demo"]
    cjk = roa.call("GET", f"{BASE}/members", query={"MemberName": "李"})
    assert [m["DisplayName"] for m in cjk["Members"]] == ["李娜"]
    exact = roa.call("GET", f"{BASE}/members", query={"UserId": OWNER_ID[:-1]})
    assert exact["TotalCount"] == 0


def test_get_member(roa: Roa) -> None:
    body = roa.call("GET", f"{BASE}/member", query={"MemberId": OWNER_MEMBER})
    assert set(body) == (MEMBER_KEYS - {"AccountName"}) | {"RequestId"}
    assert body["UserId"] == OWNER_ID
    assert roa.call("GET", f"{BASE}/member", query={"UserId": OWNER_ID})["MemberId"] == (
        OWNER_MEMBER
    )


@pytest.mark.parametrize(
    "query", [{}, {"UserId": OWNER_ID, "MemberId": OWNER_MEMBER}, {"UserId": ""}]
)
def test_get_member_needs_exactly_one_id(roa: Roa, query: dict[str, str]) -> None:
    error = _error(roa.call, "GET", f"{BASE}/member", query=query)
    assert _code(error) == (400, "InvalidParameter")


@pytest.mark.parametrize("query", [{"UserId": "1234567890123456"}, {"MemberId": f"{WS}-1"}])
def test_get_unknown_member_is_404(roa: Roa, query: dict[str, str]) -> None:
    assert _code(_error(roa.call, "GET", f"{BASE}/member", query=query)) == (
        404,
        "MemberNotFound",
    )


def test_workspace_users_are_those_not_yet_members(roa: Roa, emulator: Emulator) -> None:
    body = roa.call("GET", f"{BASE}/users")
    assert body["TotalCount"] == len(emulator.users()) - 2
    assert len(body["Users"]) == 100  # no paging: capped, TotalCount counts every match
    assert all(set(u) == {"UserId", "UserName"} for u in body["Users"])
    assert OWNER_ID not in {u["UserId"] for u in body["Users"]}
    named = roa.call("GET", f"{BASE}/users", query={"UserName": "Heidi"})
    assert [u["UserName"] for u in named["Users"]] == ["heidi.weber@example.de"]
    big = roa.call("GET", "/api/v1/workspaces/100001/users")
    assert big["TotalCount"] == len(emulator.users()) - 1218


# Writes -------------------------------------------------------------------------------------


def test_create_member_is_listed_with_its_roles(roa: Roa, emulator: Emulator) -> None:
    user_id = _addable(emulator)[0]
    created = _create(roa, (user_id, ["PAI.WorkspaceGuest", "PAI.AlgoDeveloper"]))
    assert created["Members"] == [
        {
            "MemberId": f"{WS}-{user_id}",
            "UserId": user_id,
            "DisplayName": created["Members"][0]["DisplayName"],
            "Roles": ["PAI.AlgoDeveloper", "PAI.WorkspaceGuest"],
        }
    ]
    listed = roa.call("GET", f"{BASE}/members", query={"UserId": user_id})["Members"][0]
    assert listed["Roles"] == ["PAI.AlgoDeveloper", "PAI.WorkspaceGuest"]
    assert listed["GmtCreateTime"].endswith("Z")
    assert user_id not in {u["UserId"] for u in roa.call("GET", f"{BASE}/users")["Users"]}


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"Members": []},
        {"Members": "x"},
        {"Members": [{"UserId": "", "Roles": ["PAI.AlgoDeveloper"]}]},
        {"Members": [{"UserId": "2000000000000000", "Roles": []}]},
        {"Members": [{"UserId": "2000000000000000", "Roles": "PAI.AlgoDeveloper"}]},
        {"Members": [{"UserId": "2000000000000000", "Roles": ["pai.algodeveloper"]}]},
        ["not", "an", "object"],
    ],
)
def test_bad_create_member_bodies_are_invalid(roa: Roa, body: Any) -> None:
    error = _error(roa.call, "POST", f"{BASE}/members", body=body)
    assert _code(error) == (400, "InvalidParameter")


def test_create_member_errors_add_nobody(roa: Roa, emulator: Emulator) -> None:
    free = _addable(emulator)[0]
    before = emulator.members("cn-hangzhou", WS)
    cases = [
        ((free, ["PAI.AlgoDeveloper"]), (OWNER_ID, ["PAI.AlgoDeveloper"]), "MemberAlreadyExists"),
        (
            (free, ["PAI.AlgoDeveloper"]),
            ("2999999999999999", ["PAI.AlgoDeveloper"]),
            "UserNotFound",
        ),
        ((free, ["PAI.WorkspaceOwner"]), (free, ["PAI.WorkspaceOwner"]), "CannotModifyOwnerRole"),
        ((free, ["PAI.AlgoDeveloper"]), (free, ["PAI.WorkspaceGuest"]), "InvalidParameter"),
    ]
    for first, second, code in cases:
        members = (first,) if first == second else (first, second)
        assert _code(_error(_create, roa, *members)) == (400, code)
    assert emulator.members("cn-hangzhou", WS) == before


def test_add_and_remove_roles(roa: Roa, emulator: Emulator) -> None:
    user_id = _addable(emulator)[0]
    _create(roa, (user_id, ["PAI.AlgoDeveloper"]))
    roles_path = f"{BASE}/members/{WS}-{user_id}/roles"
    assert set(roa.call("POST", f"{roles_path}/PAI.WorkspaceAdmin")) == {"RequestId"}
    roa.call("POST", f"{roles_path}/PAI.WorkspaceAdmin")  # already there: nothing changes
    roa.call("DELETE", f"{roles_path}/PAI.AlgoDeveloper")
    roa.call("DELETE", f"{roles_path}/PAI.AlgoOperator")  # not there: nothing changes
    member = roa.call("GET", f"{BASE}/member", query={"UserId": user_id})
    assert member["Roles"] == ["PAI.WorkspaceAdmin"]
    last = _error(roa.call, "DELETE", f"{roles_path}/PAI.WorkspaceAdmin")
    assert _code(last) == (400, "MemberRoleRequired")


@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_role_errors(roa: Roa, method: str) -> None:
    owner_roles = f"{BASE}/members/{OWNER_MEMBER}/roles"
    assert _code(_error(roa.call, method, f"{owner_roles}/PAI.WorkspaceOwner")) == (
        400,
        "CannotModifyOwnerRole",
    )
    assert _code(_error(roa.call, method, f"{owner_roles}/pai.workspaceadmin")) == (
        400,
        "InvalidParameter",
    )
    unknown = f"{BASE}/members/{WS}-2999999999999999/roles/PAI.AlgoDeveloper"
    assert _code(_error(roa.call, method, unknown)) == (404, "MemberNotFound")


def test_delete_members(roa: Roa, emulator: Emulator) -> None:
    first, second = _addable(emulator)[:2]
    _create(roa, (first, ["PAI.AlgoDeveloper"]), (second, ["PAI.WorkspaceGuest"]))
    ids = f"{WS}-{first},{WS}-{second}"
    assert set(roa.call("DELETE", f"{BASE}/members", query={"MemberIds": ids})) == {"RequestId"}
    assert [m["UserId"] for m in emulator.members("cn-hangzhou", WS)] == [
        OWNER_ID,
        "2929800698418221",
    ]


def test_delete_members_errors_remove_nobody(roa: Roa, emulator: Emulator) -> None:
    other = emulator.members("cn-hangzhou", WS)[1]["MemberId"]
    cases = [
        ({}, 400, "InvalidParameter"),
        ({"MemberIds": f"{other},{OWNER_MEMBER}"}, 400, "100600017"),
        ({"MemberIds": f"{other},{WS}-1"}, 404, "MemberNotFound"),
    ]
    for query, status, code in cases:
        error = _error(roa.call, "DELETE", f"{BASE}/members", query=query)
        assert _code(error) == (status, code)
    assert len(emulator.members("cn-hangzhou", WS)) == 2
    owner_error = _error(roa.call, "DELETE", f"{BASE}/members", query={"MemberIds": OWNER_MEMBER})
    assert owner_error.get_error_msg() == "Owner not allowed to delete"


# Workspace, activation, new workspaces ------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "query"),
    [
        ("GET", "/members", {}),
        ("GET", "/member", {"UserId": OWNER_ID}),
        ("DELETE", "/members", {"MemberIds": "1-2"}),
        ("POST", "/members/1-2/roles/PAI.AlgoDeveloper", {}),
        ("DELETE", "/members/1-2/roles/PAI.AlgoDeveloper", {}),
        ("GET", "/users", {}),
    ],
)
def test_unknown_workspace_and_not_activated(
    roa: Roa, method: str, path: str, query: dict[str, str]
) -> None:
    error = _error(roa.call, method, f"/api/v1/workspaces/424242{path}", query=query)
    assert _code(error) == (404, "100400027")
    assert error.get_error_msg() == "Workspace not exists: 424242"
    inactive = _error(roa.call, method, f"{BASE}{path}", query=query, region="cn-beijing")
    assert _code(inactive) == (400, "ServiceNotActivated")


def test_create_member_in_unknown_workspace(roa: Roa) -> None:
    error = _error(_create, roa, ("2000000000000000", ["PAI.AlgoDeveloper"]), ws="424242")
    assert _code(error) == (404, "100400027")


def test_a_new_workspace_has_its_creator_as_owner(roa: Roa) -> None:
    workspace_id = roa.create(WorkspaceName="team_ws", Description="d", EnvTypes=["prod"])[
        "WorkspaceId"
    ]
    members = roa.call("GET", f"/api/v1/workspaces/{workspace_id}/members")["Members"]
    assert [(m["UserId"], m["Roles"]) for m in members] == [
        ("1469205837410001", ["PAI.WorkspaceOwner"])
    ]
    assert members[0]["MemberId"] == f"{workspace_id}-1469205837410001"


def test_generated_workspaces_have_an_owner_member(roa: Roa, emulator: Emulator) -> None:
    [workspace_id] = emulator.generate("cn-guangzhou", 1)
    body = roa.call("GET", f"/api/v1/workspaces/{workspace_id}/members", region="cn-guangzhou")
    assert body["TotalCount"] == 1 and body["Members"][0]["Roles"] == ["PAI.WorkspaceOwner"]
