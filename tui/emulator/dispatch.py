"""From a received request to the response to send: routing, region, latency,
authentication, authorisation, faults, the operation, field corruption and the request log.
No socket code here."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

from paiws.emulator import errors
from paiws.emulator.auth import (
    AccessKey,
    KeyRing,
    SignedRequest,
    authenticate,
    authorize,
    ram_action,
)
from paiws.emulator.corrupt import CorruptionBook
from paiws.emulator.faults import (
    GATEWAY_ERROR_HTML,
    PORTAL_HTML,
    TIMEOUT_HOLD,
    Fault,
    FaultBook,
    LatencyBook,
    malformed,
)
from paiws.emulator.operations import Operations
from paiws.emulator.requestlog import NO_RESPONSE, InFlightGauge, LoggedRequest, RequestLog
from paiws.emulator.routes import Call, route

JSON_TYPE = "application/json;charset=utf-8"
HTML_TYPE = "text/html;charset=utf-8"
UNKNOWN_OPERATION = "Unknown"


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


def _json(status: int, body: Any, request_id: str) -> Outgoing:
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Outgoing(status, data, JSON_TYPE, request_id)


def _decoded_body(body: bytes) -> Any:
    if not body.strip():
        return None
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


@dataclass(frozen=True)
class Books:
    """The mutable test controls the dispatcher consults on every request."""

    keys: KeyRing
    faults: FaultBook
    latency: LatencyBook
    corruption: CorruptionBook
    log: RequestLog
    in_flight: InFlightGauge = field(default_factory=InFlightGauge)


class Dispatcher:
    def __init__(
        self,
        *,
        operations: Operations,
        books: Books,
        fallback_region: str | None,
        sleep: Callable[[float], object],
    ) -> None:
        self.operations = operations
        self.books = books
        self.fallback_region = fallback_region
        self._sleep = sleep

    def process(self, request: Incoming) -> Outgoing:
        """Answer one request; counted as in flight from arrival to answer (latency included)."""
        self.books.in_flight.enter()
        try:
            return self._process(request)
        finally:
            self.books.in_flight.leave()

    def _process(self, request: Incoming) -> Outgoing:
        request_id = str(uuid.uuid4()).upper()
        query = dict(parse_qsl(request.raw_query, keep_blank_values=True))
        signed = SignedRequest(
            request.method, request.raw_path, query, request.headers, request.body
        )
        named = signed.header("x-acs-region-id") or query.get("RegionId") or None
        region = named or self.fallback_region or ""
        host_id = f"aiworkspace.{region}.aliyuncs.com" if region else "aiworkspace.aliyuncs.com"
        found = route(request.method, request.raw_path)
        operation, path_params = found if found else (UNKNOWN_OPERATION, {})
        logged_name = operation
        if operation == "ListWorkspaces" and query.get("Option"):
            logged_name = f"{operation}:{query['Option']}"

        def finish(outgoing: Outgoing) -> Outgoing:
            self.books.log.append(
                LoggedRequest(
                    logged_name,
                    request.method,
                    request.raw_path,
                    query,
                    region,
                    outgoing.status,
                    region_fallback=named is None,
                    path_params=path_params,
                    body=_decoded_body(request.body),
                )
            )
            return outgoing

        try:
            if found is None:
                raise errors.unknown_api(request.method, unquote(request.raw_path))
            if not region:
                raise errors.missing_region()
            delay = self.books.latency.delay(region, operation)
            if delay > 0:
                self._sleep(delay)
            key = authenticate(self.books.keys, signed)
            authorize(key, operation)
            fault = self.books.faults.take(logged_name, operation, region)
            if fault is not None:
                early = self._before(fault, key, operation, request_id)
                if early is not None:
                    return finish(early)
            call = Call(operation, region, query, request.body, key, path_params)
            result = self.books.corruption.apply(
                operation, region, path_params, self.operations.run(call)
            )
            body: dict[str, Any] = {"RequestId": request_id, **result}
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

    def _before(
        self, fault: Fault, key: AccessKey, operation: str, request_id: str
    ) -> Outgoing | None:
        """Apply the part of a fault that happens before the operation runs."""
        if fault.kind == "timeout":
            self._sleep(fault.latency or TIMEOUT_HOLD)
            return Outgoing(NO_RESPONSE)
        if fault.latency > 0:
            self._sleep(fault.latency)
        if fault.kind == "http500":
            raise errors.internal_error()
        if fault.kind == "http503":
            raise errors.unavailable()
        if fault.kind == "throttle":
            raise errors.throttled()
        if fault.kind == "throttle_plain":
            raise errors.throttled_plain()
        if fault.kind == "forbidden":
            raise errors.forbidden(ram_action(operation), principal=key.owner["UserName"])
        if fault.kind == "non_json":
            return Outgoing(502, GATEWAY_ERROR_HTML.encode(), HTML_TYPE, request_id)
        if fault.kind == "non_json_200":
            return Outgoing(200, PORTAL_HTML.encode(), HTML_TYPE, request_id)
        if fault.kind == "drop_before":
            return Outgoing(NO_RESPONSE)
        return None
