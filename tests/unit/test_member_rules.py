"""The member input rules, the role catalogue and the member records, without any network."""

from __future__ import annotations

import json

import pytest

from paiws.core import roles
from paiws.core.errors import InvalidInput
from paiws.core.member_present import (
    MEMBER_KEYS,
    add_result_line,
    add_result_record,
    member_cells,
    member_record,
    user_record,
)
from paiws.core.member_views import AddResult, MemberRow, Person, UserRow
from paiws.core.policies import policy_for
from paiws.core.validation import check_role, name_search_problem, parse_roles, parse_user_ids

# SPEC §3: the English words of each role.
SPEC_WORDS = {
    "PAI.AlgoDeveloper": "Algorithm developer",
    "PAI.AlgoOperator": "Algorithm O&M engineer",
    "PAI.LabelManager": "Labeling administrator",
    "PAI.MaxComputeDeveloper": "MaxCompute developer",
    "PAI.WorkspaceAdmin": "Administrator",
    "PAI.WorkspaceGuest": "Visitor",
    "PAI.WorkspaceOwner": "Owner",
}


def test_the_catalogue_has_the_spec_roles_with_a_one_line_explanation_each() -> None:
    assert {role.code: role.words for role in roles.ROLES} == SPEC_WORDS
    for role in roles.ROLES:
        assert role.explanation and "\n" not in role.explanation
        assert len(role.explanation) <= 70, role.code  # one line beside the words at 120 cols
    assert roles.OWNER not in {role.code for role in roles.GRANTABLE}


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("PAI.AlgoDeveloper", "PAI.AlgoDeveloper"),
        ("algodeveloper", "PAI.AlgoDeveloper"),
        ("  WORKSPACEGUEST ", "PAI.WorkspaceGuest"),
        ("pai.workspaceadmin", "PAI.WorkspaceAdmin"),
        ("MaxComputeDeveloper", "PAI.MaxComputeDeveloper"),
    ],
)
def test_roles_are_accepted_as_code_or_short_form_in_any_case(typed: str, code: str) -> None:
    assert check_role(typed) == code


@pytest.mark.parametrize("typed", ["WorkspaceOwner", "PAI.WORKSPACEOWNER"])
def test_the_owner_role_is_never_granted_or_removed_here(typed: str) -> None:
    with pytest.raises(InvalidInput, match="never granted or removed"):
        check_role(typed)
    assert check_role(typed, grantable=False) == roles.OWNER  # listing by it is fine


@pytest.mark.parametrize("typed", ["admin", "guest", "PAI.", "", "AlgoDeveloper2"])
def test_unknown_roles_are_refused_with_the_choices(typed: str) -> None:
    with pytest.raises(InvalidInput, match="AlgoDeveloper"):
        check_role(typed)


def test_role_lists_are_deduplicated_in_catalogue_order_and_never_empty() -> None:
    assert parse_roles("workspaceguest, AlgoDeveloper;algodeveloper") == (
        "PAI.AlgoDeveloper",
        "PAI.WorkspaceGuest",
    )
    with pytest.raises(InvalidInput):
        parse_roles(" , ")


def test_user_ids_are_checked_deduplicated_and_never_echoed_whole() -> None:
    assert parse_user_ids("2000000000000001, 2000000000000002 2000000000000001") == (
        "2000000000000001",
        "2000000000000002",
    )
    with pytest.raises(InvalidInput) as caught:
        parse_user_ids("2000000000009999/x")
    assert "2000000000009999" not in str(caught.value) and "****99/x" in str(caught.value)
    with pytest.raises(InvalidInput):
        parse_user_ids(",,")
    with pytest.raises(InvalidInput):
        parse_user_ids([str(n) for n in range(1000, 1101)])


def test_name_searches_need_text_and_are_bounded() -> None:
    assert name_search_problem(" wang ") is None
    assert name_search_problem("  ")
    assert name_search_problem("x" * 65)


def _row(**changes: object) -> MemberRow:
    values: dict[str, object] = {
        "key": "p1",
        "member_id": "****0001",
        "user_id": "****0001",
        "name": "w***",
        "display_name": "王***",
        "account": "w***@example.com",
        "account_type": "RAM user",
        "roles": ("PAI.AlgoDeveloper", "PAI.WorkspaceGuest"),
        "added": "2024-05-01T08:30:00Z",
    }
    values.update(changes)
    return MemberRow(**values)  # type: ignore[arg-type]


def test_member_records_have_the_spec_keys_codes_and_iso_times() -> None:
    record = member_record(_row())
    assert list(record) == list(MEMBER_KEYS)
    assert record["Roles"] == ["PAI.AlgoDeveloper", "PAI.WorkspaceGuest"]
    assert record["Added"] == "2024-05-01T08:30:00Z"
    cells = member_cells(_row())
    assert "Algorithm developer, Visitor" in cells and "2024-05-01 08:30:00 UTC" in cells


def test_unreadable_member_fields_read_unreadable_whatever_their_type() -> None:
    record = member_record(_row(roles=(), unreadable=("Roles", "Name")))
    assert record["Roles"] == "unreadable" and record["Name"] == "unreadable"
    assert record["Unreadable Fields"] == ["Roles", "Name"]
    assert member_cells(_row(unreadable=("Roles",)))[0].endswith("(!)")
    user = user_record(UserRow("", "unreadable", "u***", unreadable=("User ID",)))
    assert user == {"User ID": "unreadable", "Name": "u***", "Unreadable Fields": ["User ID"]}


def test_add_results_as_json_and_as_a_line() -> None:
    person = Person("p1", "****0001", "w***")
    added = AddResult(person, "added", ("PAI.AlgoDeveloper",), granted=("PAI.AlgoDeveloper",))
    assert add_result_record(added) == {
        "User ID": "****0001",
        "Outcome": "added",
        "Roles": ["PAI.AlgoDeveloper"],
        "Error": None,
    }
    assert add_result_line(added) == "w*** (****0001): added as Algorithm developer"
    failed = AddResult(Person("p2", "****0002"), "failed", (), error="Denied.", exit_code=5)
    assert add_result_line(failed) == "****0002: failed: Denied."


def test_account_types_in_words() -> None:
    assert roles.account_type_words("1") == "Alibaba Cloud account"
    assert roles.account_type_words("5") == "RAM user"
    assert roles.account_type_words("6") == "RAM role"
    assert roles.account_type_words("9") == "unknown (9)"


def test_a_refused_member_action_gets_the_members_policy_with_every_member_action() -> None:
    members = json.loads(policy_for("paiworkspace:CreateMember"))
    actions = set(members["Statement"][0]["Action"])
    assert {
        "paiworkspace:ListMembers",
        "paiworkspace:CreateMember",
        "paiworkspace:DeleteMembers",
        "paiworkspace:AddMemberRole",
        "paiworkspace:RemoveMemberRole",
        "paiworkspace:ListWorkspaceUsers",
    } <= actions
    workspace = json.loads(policy_for("paiworkspace:GetWorkspace"))
    assert "paiworkspace:CreateMember" not in workspace["Statement"][0]["Action"]
