"""`paiws --demo`: the embedded AIWorkSpace emulator with demo data, and a service bound to it.

Used by the TUI (`paiws --demo`) and by the subcommands (`paiws --demo list ...`). The demo
key pair is the emulator's public constant, not a secret; the service is marked `is_demo` so
screens can say so. The emulator binds a loopback port only and stops with the session.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from paiws.core.interface import DataService
    from paiws.core.views import (
        ActivationState,
        CreateOutcome,
        CreateProgress,
        CreateRequest,
        CredentialStatus,
        ListQuery,
        LookupResult,
        NameCheck,
        Region,
        ResourceLimits,
        WorkspaceDetail,
        WorkspacePage,
    )
    from paiws.emulator import Emulator

# A new workspace stays INITIALIZING this long (seconds), so the create wizard's progress is
# visible in a demo without making anyone wait. Same value as paiws.emulator.DEMO_CREATE_DELAY,
# repeated here so importing this module stays cheap.
DEMO_CREATE_DELAY = 2.0


class DemoSession:
    """A running demo emulator and the service that talks to it."""

    def __init__(self, emulator: Emulator, service: DataService, base_url: str) -> None:
        self.emulator = emulator
        self.service = service
        self.base_url = base_url
        self._stopped = False

    def stop(self) -> None:
        if not self._stopped:
            self._stopped = True
            self.emulator.stop()

    def __enter__(self) -> DemoSession:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_demo(
    *,
    read_only: bool = False,
    create_delay: float = DEMO_CREATE_DELAY,
    connect_timeout: float | None = None,
    read_timeout: float | None = None,
) -> DemoSession:
    """Start the emulator in-process on a free loopback port and return a bound service."""
    # Imported here: `paiws --help` must not pay for the emulator or the SDK.
    from paiws.core.factory import emulator_service
    from paiws.emulator import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, Emulator

    emulator = Emulator(data="demo", create_delay=create_delay)
    base_url = emulator.start(host="127.0.0.1", port=0)
    try:
        service = emulator_service(
            base_url,
            access_key_id=DEMO_ACCESS_KEY_ID,
            access_key_secret=DEMO_ACCESS_KEY_SECRET,
            read_only=read_only,
            is_demo=True,
            fast=False,  # real retry backoff and a 1 s create poll, like the cloud
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
        )
    except BaseException:
        emulator.stop()
        raise
    return DemoSession(emulator, service, base_url)


class LazyDemoService:
    """The demo's DataService for the TUI: the emulator starts at the first API call.

    Until a region is chosen the TUI only shows the credential source, the region catalogue
    and hints, none of which needs the emulator; importing and starting it first made
    `paiws --demo` reach the region picker later than the 1.5x budget of SPEC §6 allows
    (docs/performance.md). Every other call starts the demo (once, thread-safe) and is
    handed to its service.
    """

    is_demo = True

    def __init__(self, start: Callable[[], DemoSession], *, read_only: bool) -> None:
        from paiws.core.credentials import static_credentials

        self._start = start
        self._session: DemoSession | None = None
        self._lock = threading.Lock()
        self.read_only = read_only
        self._verbose = False
        # The demo service's own status (source "demo", access key mode); the demo key pair
        # is the emulator's public constant, not a secret.
        self._status = static_credentials("paiws-demo", "paiws-demo-secret", source="demo").status()

    def __repr__(self) -> str:
        return f"<LazyDemoService started={self._session is not None}>"

    def _service(self) -> DataService:
        with self._lock:
            if self._session is None:
                self._session = self._start()
                self._session.service.verbose = self._verbose
            return self._session.service

    def close(self) -> None:
        """Close the service and stop the emulator, if the demo was started."""
        with self._lock:
            session, self._session = self._session, None
        if session is not None:
            close = getattr(session.service, "close", None)
            try:
                if callable(close):
                    close()
            finally:
                session.stop()

    @property
    def verbose(self) -> bool:
        session = self._session
        return session.service.verbose if session is not None else self._verbose

    @verbose.setter
    def verbose(self, value: bool) -> None:
        self._verbose = value
        if self._session is not None:
            self._session.service.verbose = value

    # -- answered without the emulator ---------------------------------------------------

    def credential_status(self) -> CredentialStatus:
        return self._status

    def regions(self) -> tuple[Region, ...]:
        from paiws.core.regions import all_regions

        return all_regions()

    def console_url(self, region: str) -> str:
        from paiws.core.regions import console_url

        return console_url(region)

    def ram_policy(self) -> str:
        from paiws.paths import read_asset

        return read_asset("ram-policy.json")

    def cached_activation(self, region: str) -> ActivationState | None:
        session = self._session
        return session.service.cached_activation(region) if session is not None else None

    # -- the API: the demo starts at the first of these ----------------------------------

    def activation(self, region: str, *, recheck: bool = False) -> ActivationState:
        return self._service().activation(region, recheck=recheck)

    def list_workspaces(self, region: str, query: ListQuery) -> WorkspacePage:
        return self._service().list_workspaces(region, query)

    def iter_workspaces(
        self,
        region: str,
        query: ListQuery,
        *,
        concurrency: int = 4,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[WorkspacePage]:
        return self._service().iter_workspaces(
            region, query, concurrency=concurrency, cancelled=cancelled
        )

    def get_workspace(
        self, region: str, workspace_id: str, *, verbose: bool | None = None
    ) -> WorkspaceDetail:
        return self._service().get_workspace(region, workspace_id, verbose=verbose)

    def lookup(self, region: str, ids: Sequence[str]) -> LookupResult:
        return self._service().lookup(region, ids)

    def resource_limits(self, region: str) -> ResourceLimits:
        return self._service().resource_limits(region)

    def check_name(self, region: str, name: str) -> NameCheck:
        return self._service().check_name(region, name)

    def create_workspace(
        self,
        region: str,
        request: CreateRequest,
        *,
        wait: bool = True,
        on_progress: Callable[[CreateProgress], None] | None = None,
        poll_timeout: float = 120.0,
    ) -> CreateOutcome:
        return self._service().create_workspace(
            region, request, wait=wait, on_progress=on_progress, poll_timeout=poll_timeout
        )

    def update_workspace(
        self,
        region: str,
        workspace_id: str,
        *,
        display_name: str | None = None,
        description: str | None = None,
    ) -> WorkspaceDetail:
        return self._service().update_workspace(
            region, workspace_id, display_name=display_name, description=description
        )

    def delete_workspace(self, region: str, workspace_id: str, *, confirm_name: str) -> None:
        self._service().delete_workspace(region, workspace_id, confirm_name=confirm_name)
