"""The public, in-process face of the emulator: lifecycle, request log, keys and tokens,
faults, latency and field corruption. Data helpers (workspaces, users, members) come from the
``seeding.DataControls`` mixin."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from paiws.emulator import datafile
from paiws.emulator.auth import KeyRing, make_key
from paiws.emulator.corrupt import CorruptionBook
from paiws.emulator.dispatch import Books, Dispatcher
from paiws.emulator.faults import FaultBook, LatencyBook
from paiws.emulator.operations import Operations
from paiws.emulator.requestlog import InFlightGauge, LoggedRequest, RequestLog
from paiws.emulator.seeding import DataControls
from paiws.emulator.server import EmulatorHTTPServer, loopback_address
from paiws.emulator.store import Store

DEMO_CREATE_DELAY = 2.0  # seconds a new workspace stays INITIALIZING in the demo
DEFAULT_FALLBACK_REGION = "cn-hangzhou"


class Emulator(DataControls):
    """A faithful local AIWorkSpace 2021-02-04 server.

    ``data`` is ``"demo"`` (assets/demo-data.json), ``"empty"``, a JSON file path or a dict in
    the same format (see ``paiws.emulator.datafile``). Regions not in the data are activated
    and empty. ``create_delay`` is how long a new workspace stays INITIALIZING.
    ``fallback_region`` answers requests that name no region (the official SDK pointed at a
    loopback endpoint sends none); ``None`` refuses them with 400 ``MissingRegionId``.
    ``latency`` delays every answer by that many seconds (see ``set_latency``).
    """

    def __init__(
        self,
        data: str | Path | Mapping[str, Any] = "demo",
        create_delay: float = 0.0,
        fallback_region: str | None = DEFAULT_FALLBACK_REGION,
        latency: float = 0.0,
    ) -> None:
        self._store = Store(datafile.load(data))
        self._keys = KeyRing()
        self._faults = FaultBook()
        self._latency = LatencyBook()
        self._corruption = CorruptionBook()
        self._log = RequestLog()
        self._in_flight = InFlightGauge()
        self._operations = Operations(self._store, create_delay=max(0.0, float(create_delay)))
        self._stopping = threading.Event()
        if latency:
            self.set_latency(latency)
        self._dispatcher = Dispatcher(
            operations=self._operations,
            books=Books(
                self._keys,
                self._faults,
                self._latency,
                self._corruption,
                self._log,
                self._in_flight,
            ),
            fallback_region=fallback_region or None,
            # Latency and timeouts wait on this event so stop() never waits for a sleeper.
            sleep=self._stopping.wait,
        )
        self._server: EmulatorHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # Lifecycle ---------------------------------------------------------------------------

    def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Bind to a loopback address (ValueError otherwise), serve in a daemon thread and
        return the base URL, e.g. ``http://127.0.0.1:8123``."""
        if self._server is not None:
            raise RuntimeError("The emulator is already running.")
        loopback_address(host)  # refuse before anything is bound
        if not 0 <= port <= 65535:
            raise ValueError(f"Port {port} is out of range (0-65535).")
        self._stopping.clear()
        server = EmulatorHTTPServer(host, port, self._dispatcher)
        thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.01},  # stop() waits at most this long
            name="paiws-emulator",
            daemon=True,
        )
        thread.start()
        self._server, self._thread = server, thread
        return server.base_url

    def stop(self) -> None:
        """Stop serving and close every connection; safe to call twice."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.close_connections()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("The emulator is not running: call start() first.")
        return self._server.base_url

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def fallback_region(self) -> str | None:
        return self._dispatcher.fallback_region

    def __enter__(self) -> Emulator:
        if self._server is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # Request log -------------------------------------------------------------------------

    @property
    def request_log(self) -> list[LoggedRequest]:
        return self._log.entries()

    def clear_log(self) -> None:
        self._log.clear()

    @property
    def in_flight_peak(self) -> int:
        """The most requests answered at the same time since the start (or the last
        ``reset_in_flight_peak``), latency included: a client's concurrency, seen by the server."""
        return self._in_flight.peak

    def reset_in_flight_peak(self) -> None:
        self._in_flight.reset()

    def operations(self) -> list[str]:
        """Logged operation names in order, e.g. ``["ListProducts", "GetWorkspace"]``."""
        return [entry.operation for entry in self._log.entries()]

    # Keys and STS tokens -----------------------------------------------------------------

    def add_key(
        self,
        key_id: str,
        secret: str,
        *,
        sts_token: str | None = None,
        token_expired: bool = False,
        denied_actions: Iterable[str] = (),
    ) -> None:
        """Register (or replace) a key. ``denied_actions`` take operation names
        (``GetWorkspace``) or RAM actions (``paiworkspace:GetWorkspace``); calls needing them
        get 403 Forbidden.RAM."""
        self._keys.add(
            make_key(
                key_id,
                secret,
                sts_token=sts_token,
                token_expired=token_expired,
                denied_actions=denied_actions,
            )
        )

    def expire_security_token(self, token: str) -> None:
        """From now on, requests signed with this STS token get 400
        ``InvalidSecurityToken.Expired``; a key added later with a new token works.
        ValueError when no registered key carries the token."""
        if self._keys.expire_token(token) == 0:
            raise ValueError("No registered key carries that security token.")

    def expire_tokens(self) -> int:
        """Expire every registered STS token; returns how many keys carried one."""
        return self._keys.expire_token(None)

    # Faults and latency ------------------------------------------------------------------

    def inject_fault(
        self,
        operation: str,
        kind: str,
        *,
        times: int | None = 1,
        latency: float = 0.0,
        region: str | None = None,
    ) -> None:
        """Arm a fault (kinds: ``paiws.emulator.faults``) for ``operation`` (an operation
        name, ``ListWorkspaces:<Option>`` or ``*``) in ``region`` (None: every region) for the
        next ``times`` matching requests (None: until cleared)."""
        self._faults.add(operation, kind, times=times, latency=latency, region=region)

    def clear_faults(self, region: str | None = None) -> None:
        """Disarm every fault, or only those armed for one region."""
        self._faults.clear(region)

    def set_latency(
        self, seconds: float, *, region: str | None = None, operation: str | None = None
    ) -> None:
        """Delay every matching answer by ``seconds`` until changed (0 turns it off for that
        scope). The most specific setting wins: region+operation, region, operation, all."""
        self._latency.set(seconds, region=region, operation=operation)

    def clear_latency(self) -> None:
        self._latency.clear()

    # Wrongly typed fields (SPEC R16) -------------------------------------------------------

    def corrupt_fields(
        self,
        region: str,
        workspace_id: str,
        fields: Mapping[str, Any],
        *,
        user_id: str | None = None,
    ) -> None:
        """Serve these wire keys with these values (``paiws.emulator.OMIT`` drops a key) in
        every item about the workspace (ListWorkspaces items, GetWorkspace) or, with
        ``user_id``, about that person in the workspace's member and user answers. The
        stored data is unchanged. See ``paiws.emulator.corrupt``."""
        self._corruption.set(region, workspace_id, fields, user_id)

    def clear_corruption(self) -> None:
        self._corruption.clear()
