"""The in-process request log: tests assert exact call sequences with it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

# Status recorded when the emulator closed the connection without answering (fault injection).
NO_RESPONSE = 0


@dataclass(frozen=True)
class LoggedRequest:
    """One request as the emulator saw it, including rejected ones.

    ``operation`` is the API operation name (``ListWorkspaces`` with an ``Option`` parameter is
    ``ListWorkspaces:<Option>``; an unknown route is ``Unknown``); ``status`` is the HTTP status
    sent, or 0 when the connection was dropped without a response.

    ``region`` is the region the request was answered as. ``region_fallback`` is True when the
    request named no region (no ``x-acs-region-id`` header, no ``RegionId`` query parameter):
    it was then answered as the emulator's fallback region, or refused with 400
    ``MissingRegionId`` (``region`` is then ``""``) when the emulator has none.
    ``path_params`` are the decoded IDs from the path (``WorkspaceId``, ``MemberId``,
    ``RoleName``); ``body`` is the decoded JSON body of a POST/PUT (None without one, or when
    it is not JSON), e.g. CreateMember's ``{"Members": [...]}``.
    """

    operation: str
    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    region: str = ""
    status: int = NO_RESPONSE
    region_fallback: bool = False
    path_params: dict[str, str] = field(default_factory=dict)
    body: Any = None


class RequestLog:
    """Append-only and thread-safe: handler threads write while a test thread reads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[LoggedRequest] = []

    def append(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class InFlightGauge:
    """How many requests the emulator is answering at once, and the most it has seen since the
    last reset: the server-side measure of a client's concurrency (R15: at most 4)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._now = 0
        self._peak = 0

    def enter(self) -> None:
        with self._lock:
            self._now += 1
            self._peak = max(self._peak, self._now)

    def leave(self) -> None:
        with self._lock:
            self._now -= 1

    @property
    def now(self) -> int:
        with self._lock:
            return self._now

    @property
    def peak(self) -> int:
        with self._lock:
            return self._peak

    def reset(self) -> None:
        with self._lock:
            self._peak = self._now
