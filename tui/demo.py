"""`paiws --demo`: an ordinary service whose emulator (with demo data) starts at the first API call.

Used by the TUI and by the subcommands (`paiws --demo list ...`). Until a region is chosen the
TUI needs no API at all, so the picker appears without waiting for the emulator (SPEC §6,
docs/performance.md). The demo key pair is the emulator's public constant, not a secret; the
emulator binds a loopback port only and stops when the service is closed.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from paiws.core.factory import emulator_service
from paiws.core.options import Options
from paiws.core.service import WorkspaceService

if TYPE_CHECKING:
    from paiws.emulator import Emulator

# A new workspace stays INITIALIZING this long (seconds), so the create wizard's progress is
# visible in a demo without making anyone wait.
DEMO_CREATE_DELAY = 2.0
# The emulator's public demo pair (paiws.emulator.DEMO_ACCESS_KEY_*), repeated here so that
# building the service does not import the emulator.
DEMO_KEY_ID, DEMO_KEY_SECRET = "paiws-demo", "paiws-demo-secret"


class DemoLauncher:
    """Starts the demo emulator once, on first use, from any thread; stops it on close."""

    def __init__(self, create_delay: float = DEMO_CREATE_DELAY) -> None:
        self._create_delay = create_delay
        self._emulator: Emulator | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<DemoLauncher started={self._emulator is not None}>"

    def base_url(self) -> str:
        with self._lock:
            if self._emulator is None:
                from paiws.emulator import Emulator  # here: `paiws --help` must not pay for it

                emulator = Emulator(data="demo", create_delay=self._create_delay)
                emulator.start(host="127.0.0.1", port=0)
                self._emulator = emulator
            return self._emulator.base_url

    def stop(self) -> None:
        with self._lock:
            emulator, self._emulator = self._emulator, None
        if emulator is not None:
            emulator.stop()


def demo_service(options: Options, *, create_delay: float = DEMO_CREATE_DELAY) -> WorkspaceService:
    """The demo's service: real retry backoff and a 1 s create poll, like the cloud."""
    launcher = DemoLauncher(create_delay)
    service = emulator_service(
        launcher.base_url,
        access_key_id=DEMO_KEY_ID,
        access_key_secret=DEMO_KEY_SECRET,
        read_only=options.read_only,
        is_demo=True,
        fast=False,
        connect_timeout=options.connect_timeout,
        read_timeout=options.read_timeout,
    )
    service.closing(launcher.stop)
    return service
