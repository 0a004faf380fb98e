"""Driving the Textual app for the leak suite: an observer that records what every visited
screen shows, every clipboard write, every opened URL and every notification."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from textual.app import App

from tests.leaks.leak_canaries import assert_no_canary
from tests.leaks.leak_support import svg_text, widget_text

SIZE = (100, 28)


@dataclass
class Observer:
    """Everything the user could see or take away from a session."""

    screens: list[tuple[str, str]] = field(default_factory=list)  # (label, text)
    clipboard: list[str] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def look(self, app: App[Any], label: str) -> str:
        """Record the current screen: the screenshot, every widget's content, the
        notifications; and check it at once (so a failure names the step)."""
        shown = svg_text(app.export_screenshot())
        assert "\x1b" not in shown, f"an escape character is drawn on {label}"
        text = shown + "\n" + widget_text(app)
        self.screens.append((label, text))
        assert_no_canary(text, where=f"the screen '{label}' ({type(app.screen).__name__})")
        return text

    def check(self) -> None:
        for what, items in (
            ("clipboard", self.clipboard),
            ("opened URL", self.opened),
            ("notification", self.notices),
        ):
            for item in items:
                assert "\x1b" not in item, f"an escape sequence in a {what}"
                assert_no_canary(item, where=f"a {what}")


def watch(monkeypatch: pytest.MonkeyPatch) -> Observer:
    """An Observer hooked into every App: clipboard writes and opened URLs are recorded
    (never performed), notifications recorded and shown."""
    seen = Observer()
    original_notify = App.notify

    def copy_to_clipboard(self: App[Any], text: str) -> None:
        seen.clipboard.append(text)

    def open_url(self: App[Any], url: str, *, new_tab: bool = True) -> None:
        seen.opened.append(url)  # never a real browser in tests

    def notify(self: App[Any], message: str, *args: Any, **kwargs: Any) -> None:
        seen.notices.append(f"{kwargs.get('title', '')} {message}")
        original_notify(self, message, *args, **kwargs)

    monkeypatch.setattr(App, "copy_to_clipboard", copy_to_clipboard)
    monkeypatch.setattr(App, "open_url", open_url)
    monkeypatch.setattr(App, "notify", notify)
    return seen
