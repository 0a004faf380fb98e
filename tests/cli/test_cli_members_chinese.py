"""`paiws members …` in Chinese (issue #16): headers, role words, account types and sentences
translated, columns aligned by display width; JSON and CSV (keys, values, role codes, the
``Outcome`` words and the ``Error`` sentences of `members add`) byte-identical in every
language; exit codes unchanged."""

from __future__ import annotations

import io
import json

import pytest
from rich.cells import cell_len

from paiws.core import i18n
from paiws.core.members import MemberCalls
from paiws.emulator import Emulator
from tests.cli.cli_support import ID_ALPHA, REGION, Runner, assert_no_canary
from tests.support import says

NEW_A, NEW_B = "2700000000000011", "2700000000000022"
ZH = ("--lang", "zh-CN")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def people(emu: Emulator) -> Emulator:
    emu.add_user(NEW_A, UserName="newcomer.a", DisplayName="Newcomer A")
    emu.add_user(
        NEW_B,
        UserName="robot@example.com",
        DisplayName="Robot",
        AccountName="robot@example.com",
        AccountType="6",
    )
    emu.add_member(REGION, ID_ALPHA, NEW_B, ["PAI.AlgoDeveloper", "PAI.WorkspaceGuest"])
    emu.clear_log()
    return emu


def _cells_before(line: str, text: str) -> int:
    return cell_len(line[: line.index(text)])


def _in_chinese(text: str, message: str, **values: object) -> bool:
    """`says` in Chinese, whatever language the last command left behind."""
    before = i18n.language()
    i18n.use("zh-CN")
    try:
        return says(text, message, **values)
    finally:
        i18n.use(before)


def test_members_list_reads_chinese_with_columns_aligned_by_cells(
    paiws: Runner, people: Emulator
) -> None:
    result = paiws("members", "list", ID_ALPHA, "--region", REGION, "--wide", *ZH)
    assert result.code == 0, result.err
    header, rule, *rows = result.out.splitlines()
    assert header.startswith("名称") and set(rule) == {"─"}
    for title in ("显示名称", "账号类型", "角色", "加入时间", "用户 ID", "成员 ID"):
        assert title in header
    robot = next(row for row in rows if "****0022" in row)
    owner = next(row for row in rows if "****1234" in row)
    assert "算法开发者、访客" in robot and "RAM 角色" in robot  # role words, account type
    assert "所有者" in owner and "RAM 用户" in owner
    for row in (robot, owner):  # each column starts where its title does, in cells
        user_id = "****0022" if row is robot else "****1234"
        assert _cells_before(row, user_id) == _cells_before(header, "用户 ID")
    assert _cells_before(robot, "RAM 角色") == _cells_before(header, "账号类型")
    assert _cells_before(owner, "RAM 用户") == _cells_before(header, "账号类型")
    assert _cells_before(robot, "算法开发者") == _cells_before(header, "角色")
    assert "PAI." not in result.out  # people read words; codes are for JSON and CSV
    assert_no_canary(result.text)


def test_members_machine_output_is_the_same_in_every_language(
    paiws: Runner, people: Emulator
) -> None:
    for argv in (
        ("members", "list", ID_ALPHA, "--format", "json"),
        ("members", "list", ID_ALPHA, "--format", "csv"),
        ("members", "list", ID_ALPHA, "--all", "--format", "json"),
        ("members", "users", ID_ALPHA, "--name", "e", "--format", "json"),
    ):
        english = paiws(*argv, "--region", REGION)
        chinese = paiws(*argv, "--region", REGION, *ZH)
        assert english.code == chinese.code == 0, argv
        assert chinese.out == english.out, argv
    listed = json.loads(english.out)
    assert listed["Users"]
    members = json.loads(
        paiws("members", "list", ID_ALPHA, "--region", REGION, "--format", "json", *ZH).out
    )
    robot = next(m for m in members["Members"] if m["User ID"] == "****0022")
    assert robot["Account Type"] == "RAM role"
    assert robot["Roles"] == ["PAI.AlgoDeveloper", "PAI.WorkspaceGuest"]


def test_members_add_json_is_english_in_every_language_including_its_errors(
    paiws: Runner, people: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CreateMember "accepted" but never applied: the verifying read does not list the person,
    # so the result is a failure whose sentence paiws itself writes.
    monkeypatch.setattr(MemberCalls, "send_create_members", lambda *args: None)
    add = ("members", "add", ID_ALPHA, "--region", REGION, "--role", "LabelManager", "--yes")
    chinese = paiws(*add, "--user", NEW_A, "--format", "json", *ZH)
    english = paiws(*add, "--user", NEW_A, "--format", "json")
    assert chinese.code == english.code == 1
    assert chinese.out == english.out
    (absent,) = json.loads(chinese.out)["Results"]
    assert list(absent) == ["User ID", "Outcome", "Roles", "Error"]
    assert absent["Outcome"] == "failed"
    assert absent["Error"] == (
        "The service accepted the change, but ****0011 is not listed as a member afterwards."
    )
    # the same failure, for people: in Chinese; the robot lacks the role and gets it
    text = paiws(*add, "--user", f"{NEW_A},{NEW_B}", *ZH)
    assert text.code == 1
    assert "****0011：失败：服务已接受修改，但之后 ****0011 未被列为成员。" in text.out
    granted = "r*** (****0022)：已添加角色（标注管理员）；现为算法开发者、标注管理员、访客"
    assert granted in text.out
    # the Outcome words stay English too
    again = paiws(*add, "--user", f"{NEW_A},{NEW_B}", "--format", "json", *ZH)
    outcomes = [r["Outcome"] for r in json.loads(again.out)["Results"]]
    assert outcomes == ["failed", "already a member"]


def test_members_add_refused_action_keeps_json_identical(
    run_cli: Runner, people: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    people.add_key("nocreate", "nocreate-secret", denied_actions=("CreateMember",))
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "nocreate")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "nocreate-secret")
    endpoint = ("--endpoint", people.base_url)
    argv = ("members", "add", ID_ALPHA, "--region", REGION, "--user", NEW_A, "--role",
            "AlgoDeveloper", "--yes", "--format", "json", *endpoint)  # fmt: skip
    english = run_cli(*argv)
    chinese = run_cli(*argv, *ZH)
    assert english.code == chinese.code == 5
    assert chinese.out == english.out
    assert json.loads(chinese.out)["Results"][0]["Outcome"] == "failed"
    # stderr is for people: the policy advice in Chinese, the policy itself as it is
    assert _in_chinese(
        chinese.err,
        "permission denied for {action}. Ask your administrator to attach this "
        "least-privilege RAM policy, then retry:",
        action="paiworkspace:CreateMember",
    )
    assert '"Statement"' in chinese.err


def test_members_add_confirmation_in_chinese(
    paiws: Runner, people: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    argv = ("members", "add", ID_ALPHA, "--region", REGION, "--user", NEW_A, "--role",
            "WorkspaceAdmin,WorkspaceGuest")  # fmt: skip
    result = paiws(*argv, *ZH)
    assert result.code == 1 and "已取消：未添加任何人。" in result.err
    assert f"添加到 {REGION} 的工作空间 {ID_ALPHA}：" in result.err
    assert "  管理员 (PAI.WorkspaceAdmin) - 管理成员、资源、设置和所有资产。" in result.err
    assert "  访客 (PAI.WorkspaceGuest) - 只能查看工作空间及其资产。" in result.err
    assert "添加这些人？ [y/N]" in result.err
    assert people.request_log == []
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    done = paiws(*argv, *ZH)
    assert done.code == 0 and "n*** (****0011)：已添加为管理员、访客" in done.out


def test_members_roles_and_remove_in_chinese(
    paiws: Runner, people: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    change = paiws(
        "members", "roles", ID_ALPHA, NEW_B, "--region", REGION,
        "--add", "LabelManager", "--remove", "WorkspaceGuest", *ZH,
    )  # fmt: skip
    assert change.code == 0, change.err
    plan = change.err.splitlines()
    assert plan[0] == f"r*** (****0022) 在工作空间 {ID_ALPHA} 中的角色："
    labels = [line for line in plan if line.startswith("  ")]
    assert [line.split()[0] for line in labels] == ["当前：", "添加", "移除", "之后："]
    # the roles start in one display column, whatever the labels' widths
    assert (
        len({cell_len(line) - cell_len(line[2:].split(" ", 1)[1].lstrip()) for line in labels}) == 1
    )
    assert "标注管理员 (PAI.LabelManager)" in change.err
    assert (
        "r*** (****0022)：已添加标注管理员；已移除访客。现有角色：算法开发者、标注管理员。"
        in change.out
    )

    same = paiws(
        "members", "roles", ID_ALPHA, NEW_B, "--region", REGION, "--add", "LabelManager",
        "--yes", *ZH,
    )  # fmt: skip
    assert same.code == 0 and "未发送任何请求" in same.out

    wrong = paiws(
        "members", "remove", ID_ALPHA, NEW_B, "--region", REGION, "--confirm-name", "nope", *ZH
    )
    assert wrong.code == 2
    assert "确认内容与工作空间名称不符；未移除任何人。" in wrong.err
    removed = paiws(
        "members", "remove", ID_ALPHA, NEW_B, "--region", REGION, "--confirm-name", "alpha_ws",
        *ZH,
    )  # fmt: skip
    assert removed.code == 0
    assert f"已从工作空间 alpha_ws（{ID_ALPHA}）中移除 r*** (****0022)。" in removed.out


def test_members_errors_read_chinese_and_keep_their_exit_codes(
    paiws: Runner, people: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    stranger = paiws(
        "members", "roles", ID_ALPHA, NEW_A, "--region", REGION, "--add", "LabelManager",
        "--yes", *ZH,
    )  # fmt: skip
    assert stranger.code == 4
    assert f"****0011 不是工作空间 {ID_ALPHA} 的成员；未做任何修改。" in stranger.err
    assert "请刷新成员列表。" in stranger.err
    owner = paiws(
        "members", "remove", ID_ALPHA, "canary-uid-aa1234", "--region", REGION,
        "--confirm-name", "alpha_ws", *ZH,
    )  # fmt: skip
    assert owner.code == 2 and "是工作空间所有者，不能移除；未移除任何人。" in owner.err
    assert_no_canary(owner.text)
    two = paiws("members", "roles", ID_ALPHA, f"{NEW_A},{NEW_B}", "--add", "LabelManager",
                "--region", REGION, "--yes", *ZH)  # fmt: skip
    assert two.code == 2 and "一次只修改一名成员" in two.err
    nothing = paiws("members", "roles", ID_ALPHA, NEW_B, "--region", REGION, "--yes", *ZH)
    assert nothing.code == 2
    assert "没有要修改的内容：请传入 --add ROLE 和/或 --remove ROLE。" in nothing.err
    people.clear_log()
    read_only = paiws(
        "--read-only", "members", "add", ID_ALPHA, "--user", NEW_A, "--role", "AlgoDeveloper",
        "--yes", "--region", REGION, *ZH,
    )  # fmt: skip
    assert read_only.code == 2
    assert "拒绝添加工作空间成员：paiws 处于只读模式（--read-only）。" in read_only.err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    no_terminal = paiws(
        "members", "add", ID_ALPHA, "--region", REGION, "--user", NEW_A, "--role",
        "WorkspaceGuest", *ZH,
    )  # fmt: skip
    assert no_terminal.code == 2
    assert (
        "未经确认，拒绝添加成员：标准输入不是终端。请传入 --yes 以非交互方式确认。"
        in no_terminal.err
    )
    assert people.request_log == []


def test_members_list_and_users_sentences_in_chinese(paiws: Runner, people: Emulator) -> None:
    nobody = paiws("members", "users", ID_ALPHA, "--region", REGION, "--name", "zzz-nobody", *ZH)
    assert nobody.code == 0 and "没有可添加的人匹配 'zzz-nobody'。" in nobody.out
    users = paiws("members", "users", ID_ALPHA, "--region", REGION, "--name", "e", *ZH)
    assert users.code == 0 and users.out.splitlines()[0].split() == ["名称", "用户", "ID"]
    filtered = paiws("members", "list", ID_ALPHA, "--region", REGION, "--name", "zzz", *ZH)
    assert filtered.code == 0
    assert f"工作空间 {ID_ALPHA} 中没有找到成员。" in filtered.out


def test_members_add_server_errors_stay_english_in_json(paiws: Runner, people: Emulator) -> None:
    """An unknown user: the server's refusal becomes the person's ``Error``, English in JSON
    (the same words people read, in Chinese, without --format json)."""
    argv = ("members", "add", ID_ALPHA, "--region", REGION, "--user", "8888888888888888",
            "--role", "AlgoDeveloper", "--yes")  # fmt: skip
    english = paiws(*argv, "--format", "json")
    chinese = paiws(*argv, "--format", "json", *ZH)
    assert english.code == chinese.code == 4
    assert chinese.out == english.out
    (result,) = json.loads(chinese.out)["Results"]
    assert result["Outcome"] == "failed" and result["Error"].isascii()
    text = paiws(*argv, *ZH)
    assert text.code == 4 and "****8888：失败：" in text.out
    assert "8888888888888888" not in english.text + chinese.text + text.text
