"""Driving the Textual app for the leak suite: an observer that records what every visited
screen shows, every clipboard write, every opened URL and every notification."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from leak_canaries import assert_no_canary
from leak_support import svg_text, widget_text
from paiws.app import PaiwsApp
from textual.app import App
from textual.pilot import Pilot

SIZE = (100, 28)


def make_app(service: Any, region: str | None = None) -> PaiwsApp:
    app = PaiwsApp(service, region=region, cursor_blink=False)
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[Any], rounds: int = 2) -> None:
    """Let workers finish and their messages be handled (a worker may start another)."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def fill(pilot: Pilot[Any], selector: str, value: str) -> None:
    """Put a whole answer into an input at once (one Input.Changed), like a paste."""
    from textual.widgets import Input

    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = value
    field.cursor_position = len(value)
    await pilot.pause()


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
