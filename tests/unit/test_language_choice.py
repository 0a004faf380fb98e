"""Which language the interface speaks (issue #16): --lang, then PAIWS_LANG, then the locale."""

from __future__ import annotations

import pytest

from paiws.core import i18n


@pytest.mark.parametrize(
    ("flag", "environ", "chosen"),
    [
        ("zh-CN", {"PAIWS_LANG": "en", "LANG": "en_US.UTF-8"}, "zh-CN"),
        (None, {"PAIWS_LANG": "zh-cn", "LANG": "en_US.UTF-8"}, "zh-CN"),
        (None, {"LANG": "zh_CN.UTF-8"}, "zh-CN"),
        (None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh-CN"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, {}, "en"),
        ("en", {"LANG": "zh_CN.UTF-8"}, "en"),
    ],
)
def test_the_flag_then_paiws_lang_then_the_locale(
    flag: str | None, environ: dict[str, str], chosen: str
) -> None:
    assert i18n.choose(flag, environ) == chosen


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["--lang", "zh-CN", "list"], "zh-CN"),
        (["list", "--lang=en"], "en"),
        (["list", "--region", "cn-hangzhou"], None),
    ],
)
def test_the_flag_is_found_before_argparse_runs(argv: list[str], flag: str | None) -> None:
    assert i18n.flag_in(argv) == flag
