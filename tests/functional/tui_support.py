"""Helpers for driving PaiwsApp with Pilot (a plain module: the name is unique under tests/)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from paiws.emulator import Emulator
from tests.support import settle

SIZE = (120, 36)


async def wait_debounce(pilot: Pilot[Any]) -> None:
    """Past the name filter's debounce, then settled."""
    await pilot.pause(0.4)
    await settle(pilot)


def workspace_queries(emu: Emulator) -> list[dict[str, str]]:
    """Query dicts of the plain ListWorkspaces calls (no Option), in order."""
    return [entry.query for entry in emu.request_log if entry.operation == "ListWorkspaces"]
