"""Helpers for driving PaiwsApp with Pilot (a plain module: the name is unique under tests/)."""

from __future__ import annotations

from paiws.emulator import Emulator

SIZE = (120, 36)


def workspace_queries(emu: Emulator) -> list[dict[str, str]]:
    """Query dicts of the plain ListWorkspaces calls (no Option), in order."""
    return [entry.query for entry in emu.request_log if entry.operation == "ListWorkspaces"]
