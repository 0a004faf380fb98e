"""Every member operation through the official alibabacloud-aiworkspace20210204 client
(ACS3-HMAC-SHA256), asserting the fields its models parse."""

from __future__ import annotations

import pytest
from alibabacloud_aiworkspace20210204 import models
from alibabacloud_aiworkspace20210204.client import Client
from alibabacloud_tea_openapi.exceptions import ClientException

from paiws.emulator import Emulator

WS = "100002"  # cn-hangzhou: owner bob.demo and one more member
OWNER_ID = "2053718264950002"


def _addable(emulator: Emulator, n: int = 2) -> list[str]:
    taken = {m["UserId"] for m in emulator.members("cn-hangzhou", WS)}
    return [u["UserId"] for u in emulator.users() if u["UserId"] not in taken][:n]


def test_list_members_parses_every_field(tea: Client) -> None:
    body = tea.list_members(WS, models.ListMembersRequest(page_size=10)).body
    assert body.request_id and body.total_count == 2
    owner = body.members[0]
    assert owner.member_id == f"{WS}-{OWNER_ID}" and owner.user_id == OWNER_ID
    assert (owner.member_name, owner.display_name) == ("bob.demo", "Bob Demo")
    assert owner.account_name == "bob.demo@demo-corp.onaliyun.com"
    assert owner.account_type == "5" and owner.roles == ["PAI.WorkspaceOwner"]
    assert owner.gmt_create_time == "2023-02-06T03:37:00.123Z"


def test_list_members_filters(tea: Client) -> None:
    big = tea.list_members("100001", models.ListMembersRequest(page_number=3, page_size=50)).body
    assert big.total_count == 1218 and len(big.members) == 50
    admins = tea.list_members("100001", models.ListMembersRequest(roles="PAI.WorkspaceAdmin")).body
    assert [m.member_name for m in admins.members] == ["bob.demo"]
    by_name = tea.list_members("100001", models.ListMembersRequest(member_name="王芳")).body
    assert "wang.fang" in [m.member_name for m in by_name.members]
    assert {m.display_name for m in by_name.members} == {"王芳"}
    by_user = tea.list_members(WS, models.ListMembersRequest(user_id=OWNER_ID)).body
    assert by_user.total_count == 1 and by_user.members[0].user_id == OWNER_ID


def test_get_member_by_user_or_member_id(tea: Client) -> None:
    by_user = tea.get_member(WS, models.GetMemberRequest(user_id=OWNER_ID)).body
    assert by_user.member_id == f"{WS}-{OWNER_ID}" and by_user.roles == ["PAI.WorkspaceOwner"]
    assert by_user.account_type == "5" and by_user.member_name == "bob.demo"
    assert by_user.request_id and by_user.gmt_create_time
    by_member = tea.get_member(WS, models.GetMemberRequest(member_id=by_user.member_id)).body
    assert by_member.user_id == OWNER_ID


def test_get_member_needs_exactly_one_id(tea: Client) -> None:
    for request in (
        models.GetMemberRequest(),
        models.GetMemberRequest(user_id=OWNER_ID, member_id=f"{WS}-{OWNER_ID}"),
    ):
        with pytest.raises(ClientException) as caught:
            tea.get_member(WS, request)
        assert (caught.value.status_code, caught.value.code) == (400, "InvalidParameter")


def test_create_member_then_roles_then_delete(tea: Client, emulator: Emulator) -> None:
    first, second = _addable(emulator)
    request = models.CreateMemberRequest(
        members=[
            models.CreateMemberRequestMembers(user_id=first, roles=["PAI.AlgoDeveloper"]),
            models.CreateMemberRequestMembers(
                user_id=second, roles=["PAI.WorkspaceGuest", "PAI.LabelManager"]
            ),
        ]
    )
    created = tea.create_member(WS, request).body
    assert created.request_id
    assert [(m.user_id, m.member_id, m.roles) for m in created.members] == [
        (first, f"{WS}-{first}", ["PAI.AlgoDeveloper"]),
        (second, f"{WS}-{second}", ["PAI.LabelManager", "PAI.WorkspaceGuest"]),
    ]
    assert all(m.display_name for m in created.members)
    member_id = created.members[0].member_id
    added = tea.add_member_role(WS, member_id, "PAI.WorkspaceAdmin", models.AddMemberRoleRequest())
    assert added.body.request_id
    removed = tea.remove_member_role(
        WS, member_id, "PAI.AlgoDeveloper", models.RemoveMemberRoleRequest()
    )
    assert removed.body.request_id
    assert tea.get_member(WS, models.GetMemberRequest(member_id=member_id)).body.roles == [
        "PAI.WorkspaceAdmin"
    ]
    deleted = tea.delete_members(
        WS, models.DeleteMembersRequest(member_ids=f"{member_id},{WS}-{second}")
    ).body
    assert deleted.request_id and deleted.code is None
    assert [m["UserId"] for m in emulator.members("cn-hangzhou", WS)][-1] != second
    assert len(emulator.members("cn-hangzhou", WS)) == 2


def test_list_workspace_users(tea: Client, emulator: Emulator) -> None:
    body = tea.list_workspace_users(WS, models.ListWorkspaceUsersRequest(user_name="li.na")).body
    assert "li.na" not in [u.user_name for u in body.users]  # already a member here
    body = tea.list_workspace_users(
        WS, models.ListWorkspaceUsersRequest(user_name="wang.fang")
    ).body
    assert body.request_id and body.total_count == len(body.users) > 1
    assert body.users[0].user_name == "wang.fang" and len(body.users[0].user_id) == 16
    by_id = tea.list_workspace_users(
        WS, models.ListWorkspaceUsersRequest(user_id=body.users[0].user_id)
    ).body
    assert [u.user_name for u in by_id.users] == ["wang.fang"]


def test_owner_cannot_be_removed(tea: Client) -> None:
    with pytest.raises(ClientException) as caught:
        tea.delete_members(WS, models.DeleteMembersRequest(member_ids=f"{WS}-{OWNER_ID}"))
    assert (caught.value.status_code, caught.value.code) == (400, "100600017")
    assert "Owner not allowed to delete" in caught.value.message


def test_unknown_workspace_is_404(tea: Client) -> None:
    with pytest.raises(ClientException) as caught:
        tea.list_members("424242", models.ListMembersRequest())
    assert (caught.value.status_code, caught.value.code) == (404, "100400027")
