"""Serving from the command line (`paiws emulator`); tui/cli.py parses the flags."""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

from paiws.emulator.auth import DEMO_ACCESS_KEY_ID
from paiws.emulator.emulator import DEMO_CREATE_DELAY, Emulator

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def fallback_from_cli(value: str | None) -> str | None:
    """``--fallback-region``: a region ID, or ``none`` (any case) / empty for no fallback."""
    if value is None or not value.strip() or value.strip().lower() == "none":
        return None
    return value.strip()


def serve_forever_cli(
    host: str,
    port: int,
    data: str,
    create_delay: float | None,
    fallback_region: str | None,
    latency: float = 0.0,
) -> int:
    """Print the base URL as the first stdout line (flushed, so a parent process can read
    it), then serve until Ctrl+C or SIGTERM. ``fallback_region`` ``"none"`` (any case) refuses
    requests that name no region. Returns the process exit code: 2 for a refused host or
    unusable data file, 1 when the port cannot be bound."""
    fallback = fallback_from_cli(fallback_region)
    try:
        if latency < 0:
            raise ValueError("The latency must be 0 or more seconds.")
        emulator = Emulator(
            data=data,
            create_delay=DEMO_CREATE_DELAY if create_delay is None else create_delay,
            fallback_region=fallback,
            latency=latency,
        )
        base_url = emulator.start(host=host, port=port)
    except ValueError as exc:
        print(f"paiws emulator: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"paiws emulator: cannot listen on {host}:{port}: {exc.strerror}.", file=sys.stderr)
        return EXIT_ERROR
    stop = threading.Event()
    previous = None
    if threading.current_thread() is threading.main_thread():
        # Installed before the URL is printed: a parent that reads the URL and sends SIGTERM
        # at once must get a clean stop, not the default handler's abrupt exit.

        def on_sigterm(signum: int, frame: FrameType | None) -> None:
            stop.set()

        previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        print(base_url, flush=True)
        regionless = (
            f"requests without a region are answered as {fallback}"
            if fallback
            else "requests without a region are refused (MissingRegionId)"
        )
        print(
            f"AIWorkSpace emulator serving {data} data at {base_url} (public demo AccessKey ID "
            f"{DEMO_ACCESS_KEY_ID}; {regionless}); press Ctrl+C to stop.",
            file=sys.stderr,
            flush=True,
        )
        # Short waits keep the main thread responsive to Ctrl+C on every platform.
        while not stop.wait(0.25):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return EXIT_OK
