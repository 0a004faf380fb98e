"""Helpers shared by every suite: building and driving the app, reading the screen, waiting on
conditions (never on fixed sleeps) and reading the emulator's request log.

Suite-specific helpers live next to their tests (``tests/<suite>/*_support.py``) and build on
these.
"""

from __future__ import annotations

import asyncio
import io
import re
import time
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.text import Text
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from paiws.app import PaiwsApp
from paiws.core.i18n import _ as translated
from paiws.core.interface import DataService
from paiws.emulator import Emulator
from paiws.screens.session import LiveRefresh
from paiws.screens.widgets.debounce import Debouncer

# Everything that could leak the developer's own account or configuration into a test.
CREDENTIAL_ENV = (
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABA_CLOUD_PROFILE",
    "ALIBABA_CLOUD_CREDENTIALS_FILE",
    "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
    "ALIBABA_CLOUD_ROLE_ARN",
    "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
    "ALIBABA_CLOUD_CREDENTIALS_URI",
    "PAIWS_ENDPOINT",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "http_proxy",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
    "DEBUG",
)
SIZE = (120, 36)
SMALL = (80, 24)


def make_app(
    service: DataService,
    region: str | None = None,
    *,
    live_refresh: LiveRefresh | None = None,
    demo: Callable[[], DataService] | None = None,
) -> PaiwsApp:
    """The app as tests and snapshots run it: no cursor blink, no animations, and no live
    refresh unless a test asks for it (request logs stay exact; "updated 0s ago")."""
    app = PaiwsApp(
        service,
        region=region,
        cursor_blink=False,
        live_refresh=live_refresh or LiveRefresh.off(),
        demo=demo,
    )
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Let debounced input fire, workers finish and their messages be handled (a worker may
    start another): conditions, not a guess at how long that takes."""
    for _ in range(rounds):
        await pilot.pause()
        await wait_until(pilot, lambda: not Debouncer.any_pending(), what="debounced input")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(
    pilot: Pilot[Any],
    condition: Callable[[], bool],
    *,
    timeout: float = 10.0,
    what: str = "condition",
) -> None:
    """Let the app run until ``condition()`` holds (checked every 20 ms)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        await pilot.pause(0.02)


def wait_for(condition: Callable[[], bool], *, timeout: float = 10.0, what: str = "it") -> None:
    """Block (outside an app) until ``condition()`` holds, checked every 10 ms."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.01)


async def fill(pilot: Pilot[Any], selector: str, value: str) -> None:
    """Put a whole answer into an input at once (one Input.Changed), like a paste."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = value
    field.cursor_position = len(value)
    await pilot.pause()


def send_key(app: App[Any], key: str, character: str | None = None) -> None:
    """Hand a key to the app the way the terminal driver does, without waiting for the app to
    become idle (``pilot.press`` waits; a key test under load must not)."""
    if character is None and len(key) == 1:
        character = key
    event = events.Key(key, character)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def type_slowly(pilot: Pilot[Any], text: str, gap: float) -> None:
    """Type ``text`` one key every ``gap`` seconds (human speed), without waiting for idle."""
    for character in text:
        send_key(pilot.app, character)
        await asyncio.sleep(gap)


# -- reading what is shown ---------------------------------------------------------------------


def plain(static: Static) -> str:
    """Plain text of a Static's content (a Text or any Rich renderable such as a Table)."""
    content = static.content
    if isinstance(content, Text):
        return content.plain
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as capture:
        console.print(content)
    return capture.get()


def text_of(app: App[Any], selector: str) -> str:
    """Plain text of a Static on the current screen."""
    return plain(app.screen.query_one(selector, Static))


def screen_text(app: App[Any]) -> str:
    """What the terminal shows for the current screen (modals included), as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def _squeezed(text: str) -> str:
    # Line breaks, padding and box-drawing borders are layout, not words.
    return "".join(ch for ch in text if not ch.isspace() and not "\u2500" <= ch <= "\u259f")


def says(text: str, message: str, **values: object) -> bool:
    """``text`` contains ``message`` in the interface language, however the screen wrapped it:
    assertions that hold in English and in Chinese. Placeholders named in ``values`` are filled
    in; any other ``{placeholder}`` matches whatever stands there."""
    sentence = translated(message)
    for name, value in values.items():
        sentence = sentence.replace("{" + name + "}", str(value))
    pattern = ".*?".join(re.escape(_squeezed(part)) for part in re.split(r"\{[a-z_]+\}", sentence))
    return re.search(pattern, _squeezed(text), flags=re.DOTALL) is not None


def notifications(app: App[Any]) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


# -- the emulator's request log ----------------------------------------------------------------


def count(emu: Emulator, operation: str) -> int:
    return sum(1 for entry in emu.request_log if entry.operation == operation)


def list_calls(emu: Emulator) -> list[dict[str, str]]:
    """Query dicts of every ListWorkspaces call, in order."""
    return [entry.query for entry in emu.request_log if entry.operation == "ListWorkspaces"]
