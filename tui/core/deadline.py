"""A whole-response deadline for urllib3 connections (R10).

urllib3's read timeout is a per-``recv`` socket timeout: a server that trickles one byte a second
(in the status line, the headers or the body) never trips it. Here the read timeout becomes a
deadline: when a connection starts waiting for its response, the deadline is handed to a
watchdog thread, and when it passes the socket is shut down, so the blocked read returns at
once and the request fails. The transport then reports a read timeout (``Deadline.expired``),
whatever error the cut produced.

The deadline travels in a ``ContextVar`` because urllib3's pool calls ``getresponse`` itself;
the pool classes below only swap in connection classes that look it up.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
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
        self.finished = False  # cancelled or expired: the watchdog may forget it
        self._armed = False
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
        """Arm the deadline for ``sock`` (once: a retry inside urllib3 would not re-arm it)."""
        with self._lock:
            if self._armed or self.finished:
                return
            self._armed = True
            self._sock = sock
        _WATCHDOG.add(time.monotonic() + self.seconds, self)

    def cancel(self) -> None:
        with self._lock:
            self.finished = True
            self._sock = None

    def fire(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
            if self.finished or sock is None:
                return
            self.finished = self.expired = True
        _shutdown(sock)


class _Watchdog:
    """One daemon thread for every deadline of the process: starting a timer thread per
    request would cost more than a loopback request itself. Cancelled deadlines stay in the
    heap until they come up (or reach the top), which bounds it by the requests of one read
    timeout."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Deadline]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def add(self, when: float, deadline: Deadline) -> None:
        with self._cond:
            entry = (when, next(self._order), deadline)
            heapq.heappush(self._heap, entry)
            if self._thread is None or not self._thread.is_alive():  # first use, or a fork
                self._thread = threading.Thread(
                    target=self._run, name="paiws-deadlines", daemon=True
                )
                self._thread.start()
            elif self._heap[0] is entry:
                self._cond.notify()  # earlier than what the thread sleeps towards

    def _run(self) -> None:
        while True:
            due: list[Deadline] = []
            with self._cond:
                while not due:
                    now = time.monotonic()
                    while self._heap and (self._heap[0][2].finished or self._heap[0][0] <= now):
                        deadline = heapq.heappop(self._heap)[2]
                        if not deadline.finished:
                            due.append(deadline)
                    if not due:
                        self._cond.wait(self._heap[0][0] - now if self._heap else None)
            for deadline in due:
                deadline.fire()


_WATCHDOG = _Watchdog()


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
