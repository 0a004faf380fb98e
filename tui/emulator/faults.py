"""Fault injection for tests: per operation, counted down, thread-safe.

Kinds (the server applies them after authentication, so a rejected request consumes nothing):

* ``latency``     sleep ``latency`` seconds, then answer normally (every kind sleeps first).
* ``http500``     500 InternalError, nothing applied.
* ``http503``     503 ServiceUnavailable, nothing applied.
* ``throttle``    400 Throttling.User, nothing applied.
* ``non_json``    502 with an HTML body (a gateway error page), nothing applied.
* ``non_json_200`` 200 with an HTML body (a captive portal), nothing applied.
* ``drop_before`` close the connection without a response, nothing applied.
* ``drop_after``  apply the operation, then close the connection without a response.
* ``malformed``   apply the operation, then answer 200 JSON whose values have wrong types.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

FAULT_KINDS = (
    "latency",
    "http500",
    "http503",
    "throttle",
    "non_json",
    "non_json_200",
    "drop_before",
    "drop_after",
    "malformed",
)
OPERATIONS = (
    "ListProducts",
    "ListWorkspaces",
    "GetWorkspace",
    "CreateWorkspace",
    "UpdateWorkspace",
    "DeleteWorkspace",
)

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


@dataclass
class Fault:
    operation: str  # "*", "ListWorkspaces" or "ListWorkspaces:<Option>", ...
    kind: str
    remaining: int | None  # None: until clear_faults()
    latency: float


class FaultBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, operation: str, kind: str, *, times: int | None, latency: float) -> None:
        base = operation.split(":", 1)[0]
        if operation != "*" and base not in OPERATIONS:
            raise ValueError(
                f"Unknown operation {operation!r}: use one of {', '.join(OPERATIONS)} or '*'."
            )
        if kind not in FAULT_KINDS:
            raise ValueError(f"Unknown fault kind {kind!r}: use one of {', '.join(FAULT_KINDS)}.")
        if latency < 0:
            raise ValueError("Fault latency must not be negative.")
        with self._lock:
            self._faults.append(Fault(operation, kind, times, latency))

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, logged_name: str, operation: str) -> Fault | None:
        """The first armed fault matching this request, counted down (first injected wins)."""
        with self._lock:
            for fault in self._faults:
                if fault.operation not in ("*", operation, logged_name):
                    continue
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                return fault
            return None


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
    """A 200 body with the right keys and wrong types; ``Workspaces`` stays a list of objects
    whose every field has the wrong type, so per-field validation is exercised too."""
    if set(body) <= {"RequestId"}:
        return [body]  # nothing to mangle: a list where an object belongs
    out: dict[str, Any] = {}
    for key, value in body.items():
        if key == "RequestId":
            out[key] = value
        elif key == "Workspaces" and isinstance(value, list):
            out[key] = [
                {k: _wrong_type(v) for k, v in item.items()} if isinstance(item, dict) else item
                for item in value
            ]
        else:
            out[key] = _wrong_type(value)
    return out
