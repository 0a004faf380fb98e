"""Fault injection and latency for tests: per operation and per region, thread-safe.

Fault kinds (applied after authentication, so a rejected request consumes nothing):

* ``latency``       sleep ``latency`` seconds, then answer normally (every kind sleeps first).
* ``http500``       500 InternalError, nothing applied.
* ``http503``       503 ServiceUnavailable, nothing applied.
* ``throttle``      400 Throttling.User, nothing applied.
* ``throttle_plain`` 400 Throttling, nothing applied.
* ``forbidden``     403 Forbidden.RAM naming the operation's RAM action, nothing applied.
* ``non_json``      502 with an HTML body (a gateway error page), nothing applied.
* ``non_json_200``  200 with an HTML body (a captive portal), nothing applied.
* ``drop_before``   close the connection without a response, nothing applied.
* ``timeout``       hold the connection ``latency`` seconds (60 when 0) without answering, then
                    close it: a client's read timeout fires first. Nothing applied.
* ``drop_after``    apply the operation, then close the connection without a response.
* ``malformed``     apply the operation, then answer 200 JSON whose values have wrong types.

A fault matches an operation name (``ListWorkspaces:<Option>`` for one Option, ``*`` for all)
and optionally one region; the first armed fault that matches wins and counts down.

Latency (``LatencyBook``) is different: it is not consumed, it applies to every request of the
matching region/operation, before authentication (it stands for the network), and the most
specific setting wins: (region, operation) > (region, any) > (any, operation) > (any, any).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from paiws.emulator.routes import OPERATIONS

FAULT_KINDS = (
    "latency",
    "http500",
    "http503",
    "throttle",
    "throttle_plain",
    "forbidden",
    "non_json",
    "non_json_200",
    "drop_before",
    "timeout",
    "drop_after",
    "malformed",
)
TIMEOUT_HOLD = 60.0  # seconds a ``timeout`` fault holds the connection by default

GATEWAY_ERROR_HTML = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n"
    "</body>\r\n</html>\r\n"
)
PORTAL_HTML = (
    "<!DOCTYPE html><html><head><title>Network login</title></head><body>"
    "<h1>Please sign in to continue</h1><form method=post><input name=user></form>"
    "</body></html>"
)


def check_operation(operation: str) -> None:
    base = operation.split(":", 1)[0]
    if operation != "*" and base not in OPERATIONS:
        raise ValueError(
            f"Unknown operation {operation!r}: use one of {', '.join(OPERATIONS)} or '*'."
        )


@dataclass
class Fault:
    operation: str  # "*", "ListWorkspaces" or "ListWorkspaces:<Option>", ...
    kind: str
    remaining: int | None  # None: until cleared
    latency: float
    region: str | None = None  # None: every region


class FaultBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(
        self,
        operation: str,
        kind: str,
        *,
        times: int | None,
        latency: float,
        region: str | None = None,
    ) -> None:
        check_operation(operation)
        if kind not in FAULT_KINDS:
            raise ValueError(f"Unknown fault kind {kind!r}: use one of {', '.join(FAULT_KINDS)}.")
        if latency < 0:
            raise ValueError("Fault latency must not be negative.")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None: until cleared).")
        with self._lock:
            self._faults.append(Fault(operation, kind, times, latency, region))

    def clear(self, region: str | None = None) -> None:
        """Disarm every fault, or only those armed for ``region``."""
        with self._lock:
            if region is None:
                self._faults.clear()
            else:
                self._faults = [f for f in self._faults if f.region != region]

    def take(self, logged_name: str, operation: str, region: str) -> Fault | None:
        """The first armed fault matching this request, counted down (first injected wins)."""
        with self._lock:
            for fault in self._faults:
                if fault.operation not in ("*", operation, logged_name):
                    continue
                if fault.region is not None and fault.region != region:
                    continue
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                return fault
            return None


class LatencyBook:
    """Standing latency per (region, operation); ``None`` in a key means any."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._delays: dict[tuple[str | None, str | None], float] = {}

    def set(self, seconds: float, *, region: str | None, operation: str | None) -> None:
        if seconds < 0:
            raise ValueError("Latency must not be negative.")
        if operation is not None:
            check_operation(operation)
        with self._lock:
            self._delays[(region, None if operation == "*" else operation)] = seconds

    def clear(self) -> None:
        with self._lock:
            self._delays.clear()

    def delay(self, region: str, operation: str) -> float:
        with self._lock:
            for key in ((region, operation), (region, None), (None, operation), (None, None)):
                if key in self._delays:
                    return self._delays[key]
            return 0.0


_ITEM_LISTS = ("Workspaces", "Members", "Users")


def _wrong_type(value: Any) -> Any:
    """The same data in a type a client does not expect (values stay in, for leak tests)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return {"value": value}
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return {"items": value}
    if isinstance(value, dict):
        return [value]
    return "null"


def malformed(body: dict[str, Any]) -> Any:
    """A 200 body with the right keys and wrong types; lists of items (``Workspaces``,
    ``Members``, ``Users``) stay lists of objects whose every field has the wrong type, so
    per-field validation is exercised too."""
    if set(body) <= {"RequestId"}:
        return [body]  # nothing to mangle: a list where an object belongs
    out: dict[str, Any] = {}
    for key, value in body.items():
        if key == "RequestId":
            out[key] = value
        elif key in _ITEM_LISTS and isinstance(value, list):
            out[key] = [
                {k: _wrong_type(v) for k, v in item.items()} if isinstance(item, dict) else item
                for item in value
            ]
        else:
            out[key] = _wrong_type(value)
    return out
