"""The in-process request log: tests assert exact call sequences with it."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

# Status recorded when the emulator closed the connection without answering (fault injection).
NO_RESPONSE = 0


@dataclass(frozen=True)
class LoggedRequest:
    """One request as the emulator saw it, including rejected ones.

    ``operation`` is the API operation name (``ListWorkspaces`` with an ``Option`` parameter is
    ``ListWorkspaces:<Option>``; an unknown route is ``Unknown``); ``status`` is the HTTP status
    sent, or 0 when the connection was dropped without a response.
    """

    operation: str
    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    region: str = ""
    status: int = NO_RESPONSE


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
