"""Helpers for the fault tests (a plain module: the name is unique under tests/)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from paiws.app import PaiwsApp
from paiws.core.interface import DataService
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from tests.support import (  # noqa: F401  (re-exported for this suite)
    CREDENTIAL_ENV,
    count,
    make_app,
    notifications,
    screen_text,
    send_key,
    type_slowly,
    wait_until,
)

REGION = "cn-shanghai"
OTHER_REGION = "cn-beijing"
ROWS = 45
SIZE = (120, 36)
ServiceFactory = Callable[..., WorkspaceService]
# The policy of paiws.core.retry: three tries for a transient failure of a GET.
ATTEMPTS = 3


def table(app: PaiwsApp) -> WorkspaceTableScreen:
    main = app.main_screen
    assert main is not None
    return main


def list_calls(emu: Emulator) -> list[dict[str, str]]:
    """Query dicts of the plain ListWorkspaces calls (no Option), in order."""
    return [entry.query for entry in emu.request_log if entry.operation == "ListWorkspaces"]


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
        self.answered: list[tuple[str, Any]] = []  # (region, query) of every page received

    def __getattr__(self, name: str) -> Any:
        return getattr(self._service, name)

    def iter_workspaces(self, region: str, query: Any, **kwargs: Any) -> Iterator[Any]:
        self.listings.append((region, query))
        for page in self._service.iter_workspaces(region, query, **kwargs):
            self.answered.append((region, query))
            yield page
