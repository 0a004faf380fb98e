"""The CLI in Chinese (issue #16): sentences, headers and field labels translated; JSON and CSV
keys and values, statuses and exit codes exactly as in English; columns aligned by display
width (a Chinese character takes two cells)."""

from __future__ import annotations

import json

from rich.cells import cell_len

from tests.cli.cli_support import ID_ALPHA, REGION, Runner, assert_no_canary


def _cells_before(line: str, text: str) -> int:
    return cell_len(line[: line.index(text)])


def test_machine_output_is_the_same_in_every_language(paiws: Runner) -> None:
    english = paiws("list", "--region", REGION, "--format", "json")
    chinese = paiws("list", "--region", REGION, "--format", "json", "--lang", "zh-CN")
    assert english.code == chinese.code == 0
    assert json.loads(chinese.out) == json.loads(english.out)
    csv_en = paiws("list", "--region", REGION, "--format", "csv")
    csv_zh = paiws("list", "--region", REGION, "--format", "csv", "--lang", "zh-CN")
    assert csv_zh.out == csv_en.out
    get_en = paiws("get", ID_ALPHA, "--region", REGION, "--format", "json", "--owner")
    get_zh = paiws(
        "get", ID_ALPHA, "--region", REGION, "--format", "json", "--owner", "--lang=zh-CN"
    )
    assert get_zh.out == get_en.out
    assert_no_canary(chinese.text + csv_zh.text + get_zh.text)


def test_people_read_chinese_with_aligned_columns(paiws: Runner) -> None:
    result = paiws("list", "--region", REGION, "--lang", "zh-CN", "--wide")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("名称") and "状态" in lines[0] and "创建者 ID" in lines[0]
    rows = [line for line in lines[2:] if line.startswith(("alpha", "beta", "gamma"))]
    assert len(rows) >= 3
    header = lines[0]
    for row in rows:  # the ID, status and default columns start where their titles do
        assert _cells_before(row, "1000") == _cells_before(header, "ID")
        status = "FROZEN" if row.startswith("gamma") else "ENABLED"
        assert _cells_before(row, status) == _cells_before(header, "状态")
        assert cell_len(row[: row.rindex("   ") + 3]) == _cells_before(header, "默认")
    assert "ENABLED" in result.out  # status codes stay copyable
    assert "的工作空间" in result.out  # the page footer
    assert_no_canary(result.text)


def test_fields_align_by_display_width(paiws: Runner) -> None:
    result = paiws("get", ID_ALPHA, "--region", REGION, "--lang", "zh-CN")
    assert result.code == 0
    lines = [line for line in result.out.splitlines() if ":" in line]
    assert lines[0].startswith("工作空间 ID:")
    # the values start in one display column, whatever the labels' widths
    value_columns = {
        cell_len(line[: len(line) - len(line.split(":", 1)[1].lstrip())]) for line in lines
    }
    assert len(value_columns) == 1, lines
    assert "模式:" in result.out and "标准（开发 + 生产）" in result.out


def test_errors_read_chinese_and_keep_their_exit_codes(paiws: Runner) -> None:
    missing = paiws("get", "999999", "--region", REGION, "--lang", "zh-CN")
    assert missing.code == 4
    assert "工作空间 999999 不存在。" in missing.err
    refused = paiws(
        "delete",
        ID_ALPHA,
        "--confirm-name",
        "alpha_ws",
        "--region",
        REGION,
        "--read-only",
        "--lang",
        "zh-CN",
    )
    assert refused.code == 2
    assert "拒绝删除工作空间：paiws 处于只读模式（--read-only）。" in refused.err


def test_english_is_back_for_the_next_command(paiws: Runner) -> None:
    paiws("get", "999999", "--region", REGION, "--lang", "zh-CN")
    again = paiws("get", "999999", "--region", REGION)
    assert "Workspace 999999 does not exist." in again.err
