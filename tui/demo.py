"""`paiws --demo`: the embedded AIWorkSpace emulator with demo data, and a service bound to it.

Used by the TUI (`paiws --demo`) and by the subcommands (`paiws --demo list ...`). The demo
key pair is the emulator's public constant, not a secret; the service is marked `is_demo` so
screens can say so. The emulator binds a loopback port only and stops with the session.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.interface import DataService
    from tui.emulator import Emulator

# A new workspace stays INITIALIZING this long (seconds), so the create wizard's progress is
# visible in a demo without making anyone wait. Same value as tui.emulator.DEMO_CREATE_DELAY,
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
    from tui.core.factory import emulator_service
    from tui.emulator import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, Emulator

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
