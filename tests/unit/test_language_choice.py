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


def test_english_inside_the_block_on_this_thread_only(chinese: None) -> None:
    import threading

    assert i18n._("Name") == "名称"
    seen: list[str] = []
    with i18n.english():
        assert i18n._("Name") == "Name"
        worker = threading.Thread(target=lambda: seen.append(i18n._("Name")))
        worker.start()
        worker.join()
    assert seen == ["名称"]  # another thread keeps the interface language
    assert i18n._("Name") == "名称"


def test_a_document_is_translated_paragraph_by_paragraph(chinese: None) -> None:
    from paiws.paths import read_asset

    help_text = read_asset("help.md")
    translated = i18n.translated_document(help_text)
    assert len(i18n.paragraphs(translated)) == len(i18n.paragraphs(help_text))
    assert all(  # every paragraph reads Chinese
        any("\u4e00" <= char <= "\u9fff" for char in block) for block in i18n.paragraphs(translated)
    )
    assert translated.startswith("# paiws")
    with i18n.english():
        assert i18n.translated_document(help_text) == help_text  # English is the file itself


def test_sentences_need_no_blank_after_a_chinese_full_stop() -> None:
    from paiws.core.i18n import sentences

    assert sentences("Refusing to delete.", "Start without --read-only.") == (
        "Refusing to delete. Start without --read-only."
    )
    assert (
        sentences("拒绝删除。", "请不带 --read-only 启动。")
        == "拒绝删除。请不带 --read-only 启动。"
    )
    assert sentences("未知地域 cn-hangzou：PAI 不在该地域提供。", "", "是否想用 cn-hangzhou？") == (
        "未知地域 cn-hangzou：PAI 不在该地域提供。是否想用 cn-hangzhou？"
    )
