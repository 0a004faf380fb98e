"""Helpers for driving PaiwsApp with Pilot (a plain module: the name is unique under tests/)."""

from __future__ import annotations

import io
from typing import Any

from paiws.app import PaiwsApp
from paiws.core.interface import DataService
from paiws.emulator import Emulator
from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Static

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
    "DEBUG",
)
SIZE = (120, 36)


def make_app(service: DataService, region: str | None = None) -> PaiwsApp:
    """The app as tests and snapshots run it: no cursor blink, no animations."""
    app = PaiwsApp(service, region=region, cursor_blink=False)
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Let workers finish and their messages be handled (a worker may start another)."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_debounce(pilot: Pilot[Any]) -> None:
    """Past the name filter's debounce, then settled."""
    await pilot.pause(0.4)
    await settle(pilot)


def plain(static: Static) -> str:
    """Plain text of a Static's content (a Text or any Rich renderable such as a Table)."""
    content = static.content
    if isinstance(content, Text):
        return content.plain
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as capture:
        console.print(content)
    return capture.get()


def text_of(app: PaiwsApp, selector: str) -> str:
    """Plain text of a Static on the current screen."""
    return plain(app.screen.query_one(selector, Static))


def screen_text(app: PaiwsApp) -> str:
    """What the terminal shows for the current screen (modals included), as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def workspace_queries(emu: Emulator) -> list[dict[str, str]]:
    """Query dicts of the plain ListWorkspaces calls (no Option), in order."""
    return [entry.query for entry in emu.request_log if entry.operation == "ListWorkspaces"]
