"""`paiws members list|users|add|roles|remove` against the emulator: SPEC §4's JSON keys and
exit codes, R14's request sequences, masking (R8) and refusals before anything is sent."""

from __future__ import annotations

import csv
import io
import json

import pytest

from paiws.emulator import Emulator
from tests.cli.cli_support import ID_ALPHA, ID_BETA, REGION, Runner, assert_no_canary

MEMBER_KEYS = [
    "Member ID",
    "User ID",
    "Name",
    "Display Name",
    "Account",
    "Account Type",
    "Roles",
    "Added",
]
NEW_A, NEW_B = "2700000000000011", "2700000000000022"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def people(emu: Emulator) -> Emulator:
    """Two pool users who can be added, one a RAM role with an e-mail-like account."""
    emu.add_user(NEW_A, UserName="newcomer.a", DisplayName="Newcomer A")
    emu.add_user(
        NEW_B,
        UserName="robot@example.com",
        DisplayName="Robot",
        AccountName="robot@example.com",
        AccountType="6",
    )
    emu.clear_log()
    return emu


def ops(emu: Emulator) -> list[str]:
    return [e.operation for e in emu.request_log]


def test_members_list_json_has_the_spec_keys_masked_values_and_words(
    paiws: Runner, emu: Emulator
) -> None:
    result = paiws("members", "list", ID_ALPHA, "--region", REGION, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert list(data) == ["Total", "Members"] and data["Total"] == 1
    (owner,) = data["Members"]
    assert list(owner) == MEMBER_KEYS
    assert owner["User ID"] == "****1234" and owner["Member ID"] == "****1234"
    assert owner["Name"] == "c***" and owner["Display Name"] == "C***"
    assert owner["Account"] == "c***@demo-corp.onaliyun.com"
    assert owner["Account Type"] == "RAM user"
    assert owner["Roles"] == ["PAI.WorkspaceOwner"]
    assert owner["Added"] == "2024-01-01T08:30:00Z"
    assert_no_canary(result.text)
    assert ops(emu) == ["ListProducts", "ListMembers"]
    assert emu.request_log[1].query["PageSize"] == "100"


def test_members_list_table_and_csv(paiws: Runner, people: Emulator) -> None:
    people.add_member(REGION, ID_ALPHA, NEW_B, ["PAI.AlgoDeveloper", "PAI.WorkspaceGuest"])
    table = paiws("members", "list", ID_ALPHA, "--region", REGION, "--wide")
    assert table.code == 0
    assert "Algorithm developer, Visitor" in table.out and "RAM role" in table.out
    assert "r***@example.com" in table.out and "Owner" in table.out
    rows = list(
        csv.reader(
            io.StringIO(
                paiws("members", "list", ID_ALPHA, "--region", REGION, "--format", "csv").out
            )
        )
    )
    assert rows[0] == [*MEMBER_KEYS, "Unreadable Fields"]
    assert rows[2][6] == "PAI.AlgoDeveloper;PAI.WorkspaceGuest"
    assert_no_canary(table.text)


def test_members_list_filters_by_name_and_role_on_the_server(paiws: Runner, emu: Emulator) -> None:
    result = paiws(
        "members",
        "list",
        ID_ALPHA,
        "--region",
        REGION,
        "--name",
        " alice ",
        "--role",
        "WORKSPACEOWNER",
    )
    assert result.code == 0
    query = emu.request_log[-1].query
    assert query["MemberName"] == "alice" and query["Roles"] == "PAI.WorkspaceOwner"


@pytest.mark.parametrize(
    "argv",
    [
        ("--role", "boss"),
        ("--name", "   "),
        ("--role", ""),
    ],
)
def test_members_list_refuses_bad_filters_before_sending(
    paiws: Runner, emu: Emulator, argv: tuple[str, ...]
) -> None:
    result = paiws("members", "list", ID_ALPHA, "--region", REGION, *argv)
    assert result.code == 2 and emu.request_log == []


def test_members_list_of_a_missing_workspace_is_exit_4(paiws: Runner) -> None:
    result = paiws("members", "list", "999999", "--region", REGION)
    assert result.code == 4 and "999999 does not exist" in result.err


def test_members_list_where_pai_is_not_activated_is_exit_3(paiws: Runner, emu: Emulator) -> None:
    result = paiws("members", "list", ID_ALPHA, "--region", "cn-beijing")
    assert result.code == 3
    assert ops(emu) == ["ListProducts"]


def test_members_users_json(paiws: Runner, people: Emulator) -> None:
    result = paiws(
        "members", "users", ID_ALPHA, "--region", REGION, "--name", "robot", "--format", "json"
    )
    assert result.code == 0
    assert json.loads(result.out) == {"Users": [{"User ID": "****0022", "Name": "r***"}]}
    assert [(e.operation, e.query.get("UserName")) for e in people.request_log] == [
        ("ListProducts", None),
        ("ListWorkspaceUsers", "robot"),
    ]
    table = paiws("members", "users", ID_ALPHA, "--region", REGION, "--name", "zzz-nobody")
    assert table.code == 0 and "Nobody who could be added matches 'zzz-nobody'" in table.out


def test_members_users_needs_a_name(paiws: Runner, emu: Emulator) -> None:
    assert paiws("members", "users", ID_ALPHA, "--region", REGION).code == 2
    assert paiws("members", "users", ID_ALPHA, "--region", REGION, "--name", " ").code == 2
    assert emu.request_log == []


def test_members_add_json_results_and_the_exact_requests(paiws: Runner, people: Emulator) -> None:
    result = paiws(
        "members", "add", ID_ALPHA, "--region", REGION,
        "--user", f"{NEW_A},{NEW_B}", "--role", "algodeveloper,PAI.WORKSPACEGUEST",
        "--yes", "--format", "json",
    )  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data == {
        "Results": [
            {
                "User ID": "****0011",
                "Outcome": "added",
                "Roles": ["PAI.AlgoDeveloper", "PAI.WorkspaceGuest"],
                "Error": None,
            },
            {
                "User ID": "****0022",
                "Outcome": "added",
                "Roles": ["PAI.AlgoDeveloper", "PAI.WorkspaceGuest"],
                "Error": None,
            },
        ]
    }
    assert ops(people) == [
        "ListProducts",
        "ListMembers",
        "ListMembers",
        "CreateMember",
        "ListMembers",
        "ListMembers",
    ]
    again = paiws(
        "members", "add", ID_ALPHA, "--region", REGION, "--user", NEW_A,
        "--role", "AlgoDeveloper", "--yes",
    )  # fmt: skip
    assert again.code == 0
    line = "n*** (****0011): already a member with Algorithm developer, Visitor; nothing sent"
    assert line in again.out
    assert ops(people)[6:] == ["ListProducts", "ListMembers"]


def test_members_add_exit_code_is_the_first_failures(paiws: Runner, people: Emulator) -> None:
    result = paiws(
        "members", "add", ID_ALPHA, "--region", REGION, "--user", f"{NEW_A},8888888888888888",
        "--role", "AlgoDeveloper", "--yes", "--format", "json",
    )  # fmt: skip
    assert result.code == 4  # the unknown user: not found; CreateMember is all-or-nothing
    results = json.loads(result.out)["Results"]
    assert [r["Outcome"] for r in results] == ["failed", "failed"]
    assert all(r["Error"] for r in results)
    assert "8888888888888888" not in result.text


def test_members_add_permission_denied_prints_the_members_policy(
    run_cli: Runner, people: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    people.add_key("nocreate", "nocreate-secret", denied_actions=("CreateMember",))
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "nocreate")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "nocreate-secret")
    result = run_cli(
        "members", "add", ID_ALPHA, "--region", REGION, "--user", NEW_A, "--role",
        "AlgoDeveloper", "--yes", "--endpoint", people.base_url,
    )  # fmt: skip
    assert result.code == 5
    assert "****0011: failed: Permission denied" in result.out
    assert "paiworkspace:CreateMember" in result.err and '"Statement"' in result.err


def test_members_add_without_a_terminal_or_yes_refuses_before_sending(
    paiws: Runner, people: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = paiws(
        "members", "add", ID_ALPHA, "--region", REGION, "--user", NEW_A, "--role", "WorkspaceGuest"
    )
    assert result.code == 2 and "--yes" in result.err
    assert people.request_log == []


def test_members_add_asks_on_a_terminal_showing_every_parameter(
    paiws: Runner, people: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    result = paiws(
        "members", "add", ID_ALPHA, "--region", REGION, "--user", NEW_A, "--role", "WorkspaceAdmin"
    )
    assert result.code == 1 and "Cancelled: nobody was added." in result.err
    assert "****0011" in result.err and "Administrator (PAI.WorkspaceAdmin)" in result.err
    assert "Manages members" in result.err  # the role's one-line explanation
    assert people.request_log == []
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    result = paiws(
        "members", "add", ID_ALPHA, "--region", REGION, "--user", NEW_A, "--role", "WorkspaceAdmin"
    )
    assert result.code == 0 and "n*** (****0011): added as Administrator" in result.out


@pytest.mark.parametrize(
    "argv",
    [
        ("--user", NEW_A, "--role", "WorkspaceOwner"),
        ("--user", NEW_A, "--role", "root"),
        ("--user", "", "--role", "AlgoDeveloper"),
        ("--user", "12 34;", "--role", ""),
        ("--user", "bad/id", "--role", "AlgoDeveloper"),
    ],
)
def test_members_add_invalid_input_is_exit_2_and_sends_nothing(
    paiws: Runner, people: Emulator, argv: tuple[str, ...]
) -> None:
    result = paiws("members", "add", ID_ALPHA, "--region", REGION, *argv, "--yes")
    assert result.code == 2, result.err
    assert people.request_log == []


def test_members_changes_are_refused_in_read_only_mode(paiws: Runner, people: Emulator) -> None:
    for argv in (
        ("add", ID_ALPHA, "--user", NEW_A, "--role", "AlgoDeveloper", "--yes"),
        ("roles", ID_ALPHA, NEW_A, "--add", "AlgoDeveloper", "--yes"),
        ("remove", ID_ALPHA, NEW_A, "--confirm-name", "alpha_ws"),
    ):
        result = paiws("--read-only", "members", *argv, "--region", REGION)
        assert result.code == 2 and "read-only mode" in result.err, argv
    assert people.request_log == []


def test_members_roles_adds_and_removes_only_what_changes(paiws: Runner, people: Emulator) -> None:
    people.add_member(REGION, ID_ALPHA, NEW_A, ["PAI.AlgoDeveloper", "PAI.WorkspaceGuest"])
    result = paiws(
        "members", "roles", ID_ALPHA, NEW_A, "--region", REGION,
        "--add", "algodeveloper,LabelManager", "--remove", "workspaceguest", "--yes",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "n*** (****0011): added Labeling administrator; removed Visitor" in result.out
    assert [(e.operation, e.path_params.get("RoleName")) for e in people.request_log] == [
        ("ListProducts", None),
        ("ListMembers", None),
        ("AddMemberRole", "PAI.LabelManager"),
        ("RemoveMemberRole", "PAI.WorkspaceGuest"),
        ("ListMembers", None),
    ]
    people.clear_log()
    same = paiws(
        "members", "roles", ID_ALPHA, NEW_A, "--region", REGION, "--add", "LabelManager", "--yes"
    )
    assert same.code == 0 and "nothing was sent" in same.out
    assert ops(people) == ["ListProducts", "ListMembers"]


def test_members_roles_of_a_non_member_is_exit_4(paiws: Runner, people: Emulator) -> None:
    result = paiws(
        "members", "roles", ID_ALPHA, NEW_A, "--region", REGION, "--add", "LabelManager", "--yes"
    )
    assert result.code == 4 and "****0011 is not a member" in result.err
    assert "2700000000000011" not in result.text


def test_members_roles_warns_before_removing_the_last_administrator(
    paiws: Runner, people: Emulator
) -> None:
    people.add_member(REGION, ID_ALPHA, NEW_A, ["PAI.WorkspaceAdmin", "PAI.AlgoDeveloper"])
    result = paiws(
        "members",
        "roles",
        ID_ALPHA,
        NEW_A,
        "--region",
        REGION,
        "--remove",
        "WorkspaceAdmin",
        "--yes",
    )
    assert result.code == 0
    assert "last administrator" in result.err
    assert "Roles now: Algorithm developer." in result.out


def test_members_roles_needs_a_change_and_no_owner_role(paiws: Runner, people: Emulator) -> None:
    assert paiws("members", "roles", ID_ALPHA, NEW_A, "--region", REGION, "--yes").code == 2
    owner = paiws(
        "members", "roles", ID_ALPHA, NEW_A, "--region", REGION, "--add", "WorkspaceOwner", "--yes"
    )
    assert owner.code == 2 and "never granted or removed" in owner.err
    both = paiws(
        "members",
        "roles",
        ID_ALPHA,
        NEW_A,
        "--region",
        REGION,
        "--add",
        "WorkspaceGuest",
        "--remove",
        "WorkspaceGuest",
        "--yes",
    )
    assert both.code == 2
    assert people.request_log == []


def test_members_remove_checks_then_deletes_once(paiws: Runner, people: Emulator) -> None:
    people.add_member(REGION, ID_ALPHA, NEW_A, ["PAI.AlgoDeveloper"])
    people.add_member(REGION, ID_ALPHA, NEW_B, ["PAI.WorkspaceGuest"])
    result = paiws(
        "members",
        "remove",
        ID_ALPHA,
        f"{NEW_A},{NEW_B}",
        "--region",
        REGION,
        "--confirm-name",
        "alpha_ws",
    )
    assert result.code == 0, result.err
    assert "Removed n*** (****0011) from workspace alpha_ws (100001)." in result.out
    assert ops(people) == [
        "ListProducts",
        "GetWorkspace",
        "ListMembers",
        "ListMembers",
        "DeleteMembers",
    ]
    assert people.request_log[-1].query["MemberIds"] == f"{ID_ALPHA}-{NEW_A},{ID_ALPHA}-{NEW_B}"
    assert "last administrator" not in result.err


def test_members_remove_guards(paiws: Runner, people: Emulator) -> None:
    people.add_member(REGION, ID_ALPHA, NEW_A, ["PAI.WorkspaceAdmin"])
    wrong = paiws(
        "members", "remove", ID_ALPHA, NEW_A, "--region", REGION, "--confirm-name", "ALPHA_WS"
    )
    assert wrong.code == 2 and "does not match" in wrong.err
    owner = paiws(
        "members",
        "remove",
        ID_ALPHA,
        "canary-uid-aa1234",
        "--region",
        REGION,
        "--confirm-name",
        "alpha_ws",
    )
    assert owner.code == 2 and "owner and cannot be removed" in owner.err
    assert_no_canary(owner.text)
    stranger = paiws(
        "members", "remove", ID_ALPHA, NEW_B, "--region", REGION, "--confirm-name", "alpha_ws"
    )
    assert stranger.code == 4 and "****0022 is not a member" in stranger.err
    assert "DeleteMembers" not in ops(people)
    last = paiws(
        "members", "remove", ID_ALPHA, NEW_A, "--region", REGION, "--confirm-name", "alpha_ws"
    )
    assert last.code == 0 and "last administrator" in last.err
    assert ops(people).count("DeleteMembers") == 1


def test_members_needs_an_action(run_cli: Runner) -> None:
    result = run_cli("members")
    assert result.code == 2 and "ACTION" in result.err


def test_other_workspace_members_are_separate(paiws: Runner, people: Emulator) -> None:
    people.add_member(REGION, ID_BETA, NEW_A, ["PAI.AlgoDeveloper"])
    data = json.loads(
        paiws("members", "list", ID_ALPHA, "--region", REGION, "--format", "json").out
    )
    assert [m["User ID"] for m in data["Members"]] == ["****1234"]
