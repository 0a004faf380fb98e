"""Garbage collection during start-up.

Start-up allocates many objects (modules, classes, the dataclasses of the view models, the first
screen's widgets and strips) and frees almost none, so the collector's full passes over them are
wasted work: measured, they were about a quarter of the time to the region picker. The process
entry point turns collection off; when start-up is over (a subcommand is about to run, or the
TUI has painted its first screen) everything allocated so far is frozen (never scanned again)
and collection is on again for the rest of the run. In-process callers of ``cli.main`` (tests)
never turn it off, so :func:`done` leaves them alone.
"""

from __future__ import annotations

import gc


def begin() -> None:
    gc.disable()


def done() -> None:
    """Start-up is over: freeze what it allocated and collect normally from now on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
