"""The role catalogue and the member presentation in Chinese (issue #16): words, explanations,
account types, cells and lines translated for people; records (JSON, CSV) and anything built
inside ``i18n.english()`` stay English."""

from __future__ import annotations

import pytest

from paiws.core import i18n, roles
from paiws.core.i18n import _
from paiws.core.member_present import (
    add_result_line,
    add_result_record,
    member_cells,
    member_record,
)
from paiws.core.member_views import AddResult, MemberRow, Person

ROW = MemberRow(
    key="p1",
    member_id="****0001",
    user_id="****0001",
    name="w***",
    display_name="王***",
    account="w***@example.com",
    account_type="RAM role",
    roles=("PAI.AlgoDeveloper", "PAI.WorkspaceGuest"),
    added="2024-05-01T08:30:00Z",
)


@pytest.mark.usefixtures("chinese")
def test_every_role_has_chinese_words_and_a_chinese_explanation() -> None:
    for role in roles.ROLES:
        words, explanation = roles.role_words(role.code), roles.role_explanation(role.code)
        assert words != role.words, role.code
        assert explanation != role.explanation and explanation.endswith("。"), role.code
        assert role.code.startswith("PAI.")  # the codes themselves are never translated
    assert roles.role_words("PAI.WorkspaceAdmin") == "管理员"
    assert roles.role_words("PAI.Unknown") == "PAI.Unknown"  # an unknown code as it is
    assert roles.role_explanation("PAI.Unknown") == ""
    assert roles.roles_in_words(["PAI.WorkspaceAdmin", "PAI.WorkspaceGuest"]) == "管理员、访客"
    assert roles.roles_in_words([]) == "无"


@pytest.mark.usefixtures("chinese")
def test_account_types_are_english_in_records_and_chinese_for_people() -> None:
    assert roles.account_type_words("6") == "RAM role"  # the record's value
    assert roles.account_type_text("RAM role") == "RAM 角色"
    assert roles.account_type_text("Alibaba Cloud account") == "阿里云账号"
    assert roles.account_type_text(roles.account_type_words("9")) == "未知（9）"
    assert roles.account_type_text("unreadable") == "unreadable"
    assert roles.account_type_text("N/A") == "N/A"


@pytest.mark.usefixtures("chinese")
def test_member_cells_are_chinese_and_records_english() -> None:
    cells = member_cells(ROW)
    assert "算法开发者、访客" in cells and "RAM 角色" in cells
    record = member_record(ROW)
    assert record["Account Type"] == "RAM role"
    assert record["Roles"] == ["PAI.AlgoDeveloper", "PAI.WorkspaceGuest"]


@pytest.mark.usefixtures("chinese")
def test_add_result_lines_are_chinese_and_records_keep_english_outcomes() -> None:
    person = Person("p1", "****0001", "w***")
    added = AddResult(person, "added", ("PAI.AlgoDeveloper",), granted=("PAI.AlgoDeveloper",))
    assert add_result_line(added) == "w*** (****0001)：已添加为算法开发者"
    assert add_result_record(added)["Outcome"] == "added"
    more = AddResult(person, "roles added", ROW.roles, granted=("PAI.WorkspaceGuest",))
    assert add_result_line(more) == "w*** (****0001)：已添加角色（访客）；现为算法开发者、访客"
    assert add_result_record(more)["Outcome"] == "roles added"
    already = AddResult(person, "already a member", ("PAI.WorkspaceGuest",))
    assert add_result_line(already) == "w*** (****0001)：已是成员，角色为访客；未发送任何请求"
    failed = AddResult(person, "failed", (), error=None, exit_code=1)
    assert add_result_line(failed) == "w*** (****0001)：失败：未知错误"


@pytest.mark.usefixtures("chinese")
def test_words_built_inside_english_stay_english() -> None:
    with i18n.english():
        assert roles.roles_in_words(["PAI.WorkspaceAdmin", "PAI.WorkspaceGuest"]) == (
            "Administrator, Visitor"
        )
        assert roles.role_explanation("PAI.WorkspaceGuest") == (
            "Can only view the workspace and its assets."
        )
    assert _("Visitor") == "访客"


def test_english_output_is_unchanged() -> None:
    assert roles.roles_in_words(["PAI.AlgoDeveloper", "PAI.MaxComputeDeveloper"]) == (
        "Algorithm developer, MaxCompute developer"
    )
    assert roles.roles_in_words(()) == "none"
    assert roles.account_type_text("unknown (9)") == "unknown (9)"
    assert "RAM role" in member_cells(ROW)
