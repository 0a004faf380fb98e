"""A translated sentence with styled parts (screens/widgets/sentence.py): the translation may
reorder the parts, each keeps its style, and nothing is read as markup."""

from __future__ import annotations

from rich.text import Text

from paiws.screens.widgets.sentence import sentence


def _styled(text: Text) -> list[tuple[str, str]]:
    return [(text.plain[span.start : span.end], str(span.style)) for span in text.spans]


def test_parts_keep_their_style_in_any_order() -> None:
    action = Text("paiworkspace:ListWorkspaces", style="bold")
    english = sentence("Your credentials may not call {action} ({why}).", action=action, why="x")
    chinese = sentence("您的凭证无权调用 {action}（{why}）。", action=action, why="x")
    assert english.plain == "Your credentials may not call paiworkspace:ListWorkspaces (x)."
    assert chinese.plain == "您的凭证无权调用 paiworkspace:ListWorkspaces（x）。"
    assert _styled(english) == _styled(chinese) == [("paiworkspace:ListWorkspaces", "bold")]


def test_values_are_text_not_markup() -> None:
    text = sentence("{region}: {name}", region="cn-hangzhou", name="[bold]x[/]")
    assert text.plain == "cn-hangzhou: [bold]x[/]" and text.spans == []
