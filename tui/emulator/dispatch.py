"""From a received request to the response to send: routing, region, authentication,
authorisation, faults, the operation itself and the request log. No socket code here."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote

from paiws.emulator import errors
from paiws.emulator.auth import KeyRing, SignedRequest, authenticate, authorize
from paiws.emulator.faults import GATEWAY_ERROR_HTML, PORTAL_HTML, Fault, FaultBook, malformed
from paiws.emulator.operations import Call, Operations
from paiws.emulator.requestlog import NO_RESPONSE, LoggedRequest, RequestLog

JSON_TYPE = "application/json;charset=utf-8"
HTML_TYPE = "text/html;charset=utf-8"
UNKNOWN_OPERATION = "Unknown"

_WORKSPACE_PATH = re.compile(r"/api/v1/workspaces/([^/]+)")


@dataclass(frozen=True)
class Incoming:
    method: str
    raw_path: str  # without the query, percent-encoded as sent
    raw_query: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass(frozen=True)
class Outgoing:
    status: int  # NO_RESPONSE (0): close the connection without answering
    body: bytes = b""
    content_type: str = JSON_TYPE
    request_id: str = ""


def route(method: str, raw_path: str) -> tuple[str, str | None] | None:
    """(operation, workspace id) for a method and path, or None for an unknown API."""
    if raw_path == "/api/v1/products":
        return ("ListProducts", None) if method == "GET" else None
    if raw_path == "/api/v1/workspaces":
        return {"GET": ("ListWorkspaces", None), "POST": ("CreateWorkspace", None)}.get(method)
    match = _WORKSPACE_PATH.fullmatch(raw_path)
    if match:
        operation = {
            "GET": "GetWorkspace",
            "PUT": "UpdateWorkspace",
            "DELETE": "DeleteWorkspace",
        }.get(method)
        return (operation, unquote(match.group(1))) if operation else None
    return None


def _json(status: int, body: Any, request_id: str) -> Outgoing:
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Outgoing(status, data, JSON_TYPE, request_id)


class Dispatcher:
    def __init__(
        self,
        *,
        operations: Operations,
        keys: KeyRing,
        faults: FaultBook,
        log: RequestLog,
        fallback_region: str,
        sleep: Callable[[float], object],
    ) -> None:
        self.operations = operations
        self.keys = keys
        self.faults = faults
        self.log = log
        self.fallback_region = fallback_region
        self._sleep = sleep

    def process(self, request: Incoming) -> Outgoing:
        request_id = str(uuid.uuid4()).upper()
        query = dict(parse_qsl(request.raw_query, keep_blank_values=True))
        signed = SignedRequest(
            request.method, request.raw_path, query, request.headers, request.body
        )
        region = signed.header("x-acs-region-id") or query.get("RegionId") or self.fallback_region
        host_id = f"aiworkspace.{region}.aliyuncs.com"
        found = route(request.method, request.raw_path)
        operation = found[0] if found else UNKNOWN_OPERATION
        logged_name = operation
        if operation == "ListWorkspaces" and query.get("Option"):
            logged_name = f"{operation}:{query['Option']}"

        def finish(outgoing: Outgoing) -> Outgoing:
            self.log.append(
                LoggedRequest(
                    logged_name, request.method, request.raw_path, query, region, outgoing.status
                )
            )
            return outgoing

        try:
            if found is None:
                raise errors.unknown_api(request.method, unquote(request.raw_path))
            key = authenticate(self.keys, signed)
            authorize(key, operation)
            fault = self.faults.take(logged_name, operation)
            if fault is not None:
                early = self._before(fault, request_id)
                if early is not None:
                    return finish(early)
            call = Call(operation, region, query, request.body, found[1], key)
            body: dict[str, Any] = {"RequestId": request_id, **self.operations.run(call)}
            if fault is not None and fault.kind == "drop_after":
                return finish(Outgoing(NO_RESPONSE))
            if fault is not None and fault.kind == "malformed":
                return finish(_json(200, malformed(body), request_id))
            return finish(_json(200, body, request_id))
        except errors.ApiError as error:
            return finish(_json(error.status, error.body(request_id, host_id), request_id))
        except Exception:  # a bug in the emulator: answer like the service, never echo data
            internal = errors.internal_error()
            return finish(_json(internal.status, internal.body(request_id, host_id), request_id))

    def _before(self, fault: Fault, request_id: str) -> Outgoing | None:
        """Apply the part of a fault that happens before the operation runs."""
        if fault.latency > 0:
            self._sleep(fault.latency)
        if fault.kind == "http500":
            raise errors.internal_error()
        if fault.kind == "http503":
            raise errors.unavailable()
        if fault.kind == "throttle":
            raise errors.throttled()
        if fault.kind == "non_json":
            return Outgoing(502, GATEWAY_ERROR_HTML.encode(), HTML_TYPE, request_id)
        if fault.kind == "non_json_200":
            return Outgoing(200, PORTAL_HTML.encode(), HTML_TYPE, request_id)
        if fault.kind == "drop_before":
            return Outgoing(NO_RESPONSE)
        return None
