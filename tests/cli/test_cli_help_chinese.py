"""`--help` and argparse's own sentences in Chinese (issue #16): every subcommand's help comes
from the catalogue, fits an 80-column terminal by display cells, and English stays as it was."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paiws.output.wrap import cell_width, wrap_cells
from tests.cli.cli_support import Runner

SUBCOMMANDS = (
    (),
    ("regions",),
    ("activation",),
    ("list",),
    ("get",),
    ("limits",),
    ("overview",),
    ("find",),
    ("create",),
    ("update",),
    ("delete",),
    ("members",),
    ("members", "list"),
    ("members", "users"),
    ("members", "add"),
    ("members", "roles"),
    ("members", "remove"),
    ("emulator",),
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def eighty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.parametrize("words", SUBCOMMANDS, ids=lambda w: " ".join(w) or "paiws")
def test_every_help_is_chinese_and_fits_80_cells(
    run_cli: Runner, eighty: None, words: tuple[str, ...]
) -> None:
    result = run_cli("--lang", "zh-CN", *words, "--help")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("用法：paiws")
    assert "显示此帮助信息并退出" in result.out and "全局选项" in result.out
    too_wide = [line for line in lines if cell_width(line) > 80]
    assert not too_wide
    # every option with a help text explains itself in Chinese
    for line in lines:
        described = re.match(r"\s{2}(-\S.*?|\w+)\s{2,}(\S.*)$", line)
        if described:
            assert _CJK.search(described.group(2)), line


def test_usage_lines_line_up_under_the_chinese_prefix(run_cli: Runner, eighty: None) -> None:
    lines = run_cli("--lang", "zh-CN", "--help").out.splitlines()
    first_bracket = cell_width(lines[0][: lines[0].index("[")])
    assert cell_width(lines[1]) - cell_width(lines[1].lstrip()) == first_bracket


def test_english_help_is_unchanged(run_cli: Runner, eighty: None) -> None:
    result = run_cli("--help")
    assert result.out.startswith("usage: paiws [-h] [--region ID]")
    assert "show this help message and exit" in result.out
    assert not _CJK.search(result.out)
    lines = result.out.splitlines()
    assert lines[1].startswith(" " * len("usage: paiws ") + "[")


def test_argparse_errors_speak_chinese(run_cli: Runner) -> None:
    result = run_cli("--lang", "zh-CN", "list", "--bogus")
    assert result.code == 2
    assert result.err == "paiws: 无法识别的参数：--bogus\n运行 'paiws --help' 查看用法。\n"
    missing = run_cli("--lang", "zh-CN", "delete", "123")
    assert missing.code == 2 and "缺少以下必需参数：--confirm-name" in missing.err
    choice = run_cli("--lang", "zh-CN", "list", "--format", "xml")
    assert choice.code == 2 and "无效的选择" in choice.err and "'xml'" in choice.err
    timeout = run_cli("--lang", "zh-CN", "list", "--read-timeout", "soon")
    assert timeout.code == 2 and "'soon' 不是秒数" in timeout.err


def test_english_errors_are_unchanged(run_cli: Runner) -> None:
    result = run_cli("list", "--bogus")
    assert result.err == "paiws: unrecognized arguments: --bogus\nRun 'paiws --help' for usage.\n"


_TEXT = st.lists(
    st.one_of(
        st.text(alphabet="abcdefghij-_.", min_size=1, max_size=12),
        st.tuples(
            st.text(alphabet="工作空间地域凭证成员角色（", min_size=1, max_size=10),
            st.text(alphabet="，。、）：", max_size=2),
        ).map("".join),
    ),
    max_size=20,
).map(" ".join)


@given(_TEXT, st.integers(min_value=8, max_value=100))
def test_wrapping_keeps_every_character_and_fits_the_width(text: str, width: int) -> None:
    lines = wrap_cells(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:  # only an unbreakable run wider than the width may overrun
        assert cell_width(line) <= width or (" " not in line and not _CJK.search(line))
    # closing punctuation stays with the character before it
    assert all(not line.startswith(("，", "。", "、", "）", "：")) for line in lines)
