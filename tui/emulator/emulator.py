"""The public, in-process face of the emulator (see the team brief, "Emulator Python API")."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from paiws.core.validation import STATUSES
from paiws.emulator import data as data_module
from paiws.emulator.auth import KeyRing, make_key
from paiws.emulator.dispatch import Dispatcher
from paiws.emulator.faults import FaultBook
from paiws.emulator.operations import Operations
from paiws.emulator.requestlog import LoggedRequest, RequestLog
from paiws.emulator.server import EmulatorHTTPServer, loopback_address
from paiws.emulator.store import Store

DEMO_CREATE_DELAY = 2.0  # seconds a new workspace stays INITIALIZING in the demo


class Emulator:
    """A faithful local AIWorkSpace 2021-02-04 server.

    ``data`` is ``"demo"`` (assets/demo-data.json), ``"empty"``, a JSON file path or a dict in
    the same format (see ``paiws.emulator.data``). Regions not in the data are activated and
    empty. ``create_delay`` is how long a new workspace stays INITIALIZING;
    ``fallback_region`` serves clients that put the region only in the host name.
    """

    def __init__(
        self,
        data: str | Path | Mapping[str, Any] = "demo",
        create_delay: float = 0.0,
        fallback_region: str = "cn-hangzhou",
    ) -> None:
        self._store = Store(data_module.load(data))
        self._keys = KeyRing()
        self._faults = FaultBook()
        self._log = RequestLog()
        self._operations = Operations(self._store, create_delay=max(0.0, float(create_delay)))
        self._stopping = threading.Event()
        self._dispatcher = Dispatcher(
            operations=self._operations,
            keys=self._keys,
            faults=self._faults,
            log=self._log,
            fallback_region=fallback_region,
            # Latency faults wait on this event so stop() never waits for a sleeping handler.
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

    def operations(self) -> list[str]:
        """Logged operation names in order, e.g. ``["ListProducts", "GetWorkspace"]``."""
        return [entry.operation for entry in self._log.entries()]

    # Keys --------------------------------------------------------------------------------

    def add_key(
        self,
        key_id: str,
        secret: str,
        *,
        sts_token: str | None = None,
        token_expired: bool = False,
        denied_actions: Iterable[str] = (),
    ) -> None:
        """Register a key. ``denied_actions`` take operation names (``GetWorkspace``) or RAM
        actions (``paiworkspace:GetWorkspace``); calls needing them get 403 Forbidden.RAM."""
        self._keys.add(
            make_key(
                key_id,
                secret,
                sts_token=sts_token,
                token_expired=token_expired,
                denied_actions=denied_actions,
            )
        )

    # Data --------------------------------------------------------------------------------

    def set_activation(
        self,
        region: str,
        *,
        purchased: bool,
        can_purchase: bool = True,
        purchase_url: str | None = None,
    ) -> None:
        self._store.set_activation(
            region, purchased=purchased, can_purchase=can_purchase, purchase_url=purchase_url
        )

    def set_create_outcome(self, status: str) -> None:
        """The status new workspaces reach after the creation delay (ENABLED by default;
        FAILURE lets tests exercise a failed creation)."""
        if status not in STATUSES:
            raise ValueError(f"Unknown status {status!r}.")
        self._operations.create_outcome = status

    def generate(self, region: str, n: int, *, activated: bool = True) -> list[str]:
        """Add n synthetic workspaces (names ``gen_<id>``) to a region; returns their ids."""
        if n < 0:
            raise ValueError("n must not be negative.")
        with self._store.lock:
            if not activated:
                self._store.set_activation(
                    region, purchased=False, can_purchase=True, purchase_url=None
                )
            else:
                region_state = self._store.region(region)
                region_state.purchased = True
            first = self._store.new_ids(n)
            records = data_module.synthetic_workspaces(first, n)
            self._store.add_many(region, records)
        return [str(first + i) for i in range(n)]

    def add_workspace(self, region: str, **fields: Any) -> str:
        """Add one workspace as-is (no validation: hostile values are welcome) and return its
        id. Missing fields get defaults; ``Owner``/``ResourceGroupId`` as in GetWorkspace."""
        with self._store.lock:
            workspace_id = str(fields.get("WorkspaceId") or self._store.new_ids(1))
            name = str(fields.get("WorkspaceName") or f"ws_{workspace_id}")
            record = data_module.new_workspace(
                workspace_id,
                name=name,
                display_name=name,
                description=f"Workspace {name}",
                env_types=["prod"],
                owner=data_module.DEMO_USERS[0],
                status="ENABLED",
                created=data_module.now_iso(),
            )
            record.update(fields)
            record["WorkspaceId"], record["WorkspaceName"] = workspace_id, name
            return self._store.add(region, record)

    def workspaces(self, region: str) -> list[dict[str, Any]]:
        """Copies of a region's workspaces in creation order (GetWorkspace Verbose shape)."""
        with self._store.lock:
            view = self._store.sorted_view(region, "GmtCreateTime")
            return [copy.deepcopy(w.record) for w in view]

    # Faults ------------------------------------------------------------------------------

    def inject_fault(
        self, operation: str, kind: str, *, times: int | None = 1, latency: float = 0.0
    ) -> None:
        """Arm a fault for ``operation`` (an operation name, ``ListWorkspaces:<Option>`` or
        ``*``) for the next ``times`` matching requests (None: until clear_faults())."""
        self._faults.add(operation, kind, times=times, latency=latency)

    def clear_faults(self) -> None:
        self._faults.clear()
