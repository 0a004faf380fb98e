"""A whole-response deadline for urllib3 connections (R10).

urllib3's read timeout is a per-``recv`` socket timeout: a server that trickles one byte a second
(in the status line, the headers or the body) never trips it. Here the read timeout becomes a
deadline: when a connection starts waiting for its response, a timer is armed, and when it
fires the socket is shut down, so the blocked read returns at once and the request fails. The
transport then reports a read timeout (``Deadline.expired``), whatever error the cut produced.

The deadline travels in a ``ContextVar`` because urllib3's pool calls ``getresponse`` itself;
the pool classes below only swap in connection classes that look it up.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from contextvars import ContextVar
from types import TracebackType
from typing import Any

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_CURRENT: ContextVar[Deadline | None] = ContextVar("paiws_response_deadline", default=None)


class Deadline:
    """``with Deadline(seconds):`` bounds every response read inside the block."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._timer: threading.Timer | None = None
        self._sock: Any = None
        self._lock = threading.Lock()
        self._token: Any = None

    def __enter__(self) -> Deadline:
        self._token = _CURRENT.set(self)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.cancel()
        _CURRENT.reset(self._token)

    def watch(self, sock: Any) -> None:
        """Arm the timer for ``sock`` (once: a retry inside urllib3 would not re-arm it)."""
        with self._lock:
            if self._timer is not None:
                return
            self._sock = sock
            self._timer = threading.Timer(self.seconds, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def cancel(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._sock = None

    def _fire(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
            if sock is None:
                return
            self.expired = True
        _shutdown(sock)


def _shutdown(sock: Any) -> None:
    """Shut the connection's TCP socket down; the blocked read then returns at once."""
    # TLS inside TLS (an https:// proxy) gives urllib3's SSLTransport: its .socket is the
    # socket underneath. The plain-socket shutdown is used for TLS sockets too, because
    # SSLSocket.shutdown would drop its SSL object under the reading thread's feet.
    while not isinstance(sock, socket.socket) and hasattr(sock, "socket"):
        sock = sock.socket
    # OSError: already closed (the read has ended anyway); TypeError: not a socket at all.
    with contextlib.suppress(OSError, TypeError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _WatchedResponse:
    """Mixin for urllib3 connections: arm the current deadline before waiting for a response."""

    sock: socket.socket | None

    def getresponse(self) -> Any:
        deadline = _CURRENT.get()
        if deadline is not None and self.sock is not None:
            deadline.watch(self.sock)
        return super().getresponse()  # type: ignore[misc]  # the urllib3 connection's


class DeadlineHTTPConnection(_WatchedResponse, HTTPConnection):
    pass


class DeadlineHTTPSConnection(_WatchedResponse, HTTPSConnection):
    pass


class DeadlineHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = DeadlineHTTPConnection


class DeadlineHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = DeadlineHTTPSConnection


POOL_CLASSES: dict[str, type[HTTPConnectionPool]] = {
    "http": DeadlineHTTPConnectionPool,
    "https": DeadlineHTTPSConnectionPool,
}
