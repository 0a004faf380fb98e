"""Helpers for the fault tests (a plain module: the name is unique under tests/)."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from paiws.app import PaiwsApp
from paiws.core.interface import DataService
from paiws.emulator import Emulator
from paiws.screens.workspace_table import WorkspaceTableScreen
from textual import events
from textual.pilot import Pilot

REGION = "cn-shanghai"
OTHER_REGION = "cn-beijing"
ROWS = 45
SIZE = (120, 36)
# The policy of paiws.core.retry: three tries for a transient failure of a GET.
ATTEMPTS = 3
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


def make_app(service: DataService, region: str | None = REGION) -> PaiwsApp:
    app = PaiwsApp(service, region=region, cursor_blink=False)
    app.animation_level = "none"
    return app


def table(app: PaiwsApp) -> WorkspaceTableScreen:
    main = app.main_screen
    assert main is not None
    return main


def screen_text(app: PaiwsApp) -> str:
    """What the terminal shows now (the top screen, modals included), as plain lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def notifications(app: PaiwsApp) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


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


def send_key(app: PaiwsApp, key: str, character: str | None = None) -> None:
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
        send_key(pilot.app, character)  # type: ignore[arg-type]
        await asyncio.sleep(gap)


def list_calls(emu: Emulator) -> list[dict[str, str]]:
    """Query dicts of the plain ListWorkspaces calls (no Option), in order."""
    return [entry.query for entry in emu.request_log if entry.operation == "ListWorkspaces"]


def count(emu: Emulator, operation: str) -> int:
    return sum(1 for entry in emu.request_log if entry.operation == operation)


def wait_for_log(emu: Emulator, operation: str, expected: int, timeout: float = 10.0) -> int:
    """The emulator logs a request when it has answered it (after any injected latency):
    wait until ``expected`` calls are logged, or the timeout; return the count."""
    deadline = time.monotonic() + timeout
    while count(emu, operation) < expected and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.1)  # and a moment more, so an unexpected extra call would show
    return count(emu, operation)


@contextmanager
def unresponsive_port() -> Iterator[int]:
    """A loopback port whose TCP handshake never completes, so connecting times out.

    A listening socket with a backlog of 0 that never accepts: once its queue is full, the
    kernel drops further SYNs and a client's connect() waits until its connect timeout. The
    queue is filled by a few connections of our own made here, non-blocking.
    """
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers: list[socket.socket] = []
    try:
        for _ in range(8):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            with suppress(BlockingIOError):
                filler.connect(("127.0.0.1", port))
            fillers.append(filler)
        yield port
    finally:
        for filler in fillers:
            filler.close()
        server.close()


def closed_port() -> int:
    """A loopback port nothing listens on (connection refused at once)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = int(probe.getsockname()[1])
    probe.close()
    return port


class Recording:
    """A DataService that remembers which listings were asked for (region, query), at the
    moment they were asked: the emulator logs a request only once it has answered it."""

    def __init__(self, service: DataService) -> None:
        self._service = service
        self.listings: list[tuple[str, Any]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)

    def iter_workspaces(self, region: str, query: Any, **kwargs: Any) -> Iterator[Any]:
        self.listings.append((region, query))
        return self._service.iter_workspaces(region, query, **kwargs)
