"""Chinese text wraps between characters (issue #16), English exactly as before."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import rich._wrap
from babel.messages.pofile import read_po
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from paiws.core.cjk import CLOSING
from paiws.paths import asset_path
from paiws.screens.widgets import line_breaks

RICH_WORDS = re.compile(r"\s*\S+\s*")  # Rich's own splitter


@pytest.fixture
def installed() -> Iterator[None]:
    before = rich._wrap.re_word
    rich._wrap.re_word = RICH_WORDS
    line_breaks.install()
    yield
    rich._wrap.re_word = before


def _catalogue() -> list[tuple[str, str]]:
    path = asset_path("locale") / "zh_CN" / "LC_MESSAGES" / "paiws.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        string = message.string
        chinese = string if isinstance(string, str) else string[0] if string else ""
        pairs.append((str(english), str(chinese)))
    return pairs


def lines(text: str, width: int) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(Text(text))
    return console.export_text().splitlines()


def test_english_breaks_where_it_did(installed: None) -> None:
    for english, _chinese in _catalogue():
        for width in (12, 30, 47, 74):
            rich._wrap.re_word = RICH_WORDS
            before = rich._wrap.divide_line(english, width)
            rich._wrap.re_word = line_breaks.PATTERN
            assert rich._wrap.divide_line(english, width) == before, (english, width)


def test_chinese_fills_each_line_and_never_starts_one_with_a_closing_mark(
    installed: None,
) -> None:
    text = (
        "✗ 3 到 23 个字符：以字母开头，其后为字母、数字或下划线。名称在地域内唯一，创建后不可更改。"
    )
    wrapped = lines(text, 30)
    assert wrapped[0].startswith("✗ 3 到 23 个字符")  # no gap after "23"
    assert all(cell_len(line) >= 27 for line in wrapped[:-1])  # lines are full
    assert "".join(line.replace(" ", "") for line in wrapped) == text.replace(" ", "")
    for line in wrapped[1:]:
        assert line[0] not in CLOSING


def test_every_chinese_message_fits_the_width_it_is_wrapped_to(installed: None) -> None:
    for _english, chinese in _catalogue():
        for width in (24, 40):
            for line in lines(chinese, width):
                assert cell_len(line) <= width, (chinese, line)


def test_installing_twice_or_on_another_rich_changes_nothing() -> None:
    before = rich._wrap.re_word
    try:
        rich._wrap.re_word = re.compile(r"\S+")  # not the splitter this was written for
        line_breaks.install()
        assert rich._wrap.re_word.pattern == r"\S+"
    finally:
        rich._wrap.re_word = before
