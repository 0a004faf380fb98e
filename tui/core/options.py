"""The global options of SPEC §4, as one value shared by the TUI and every subcommand."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """The global options of SPEC §4, shared by the TUI and every subcommand."""

    region: str | None = None
    profile: str | None = None
    endpoint: str | None = None
    connect_timeout: float | None = None
    read_timeout: float | None = None
    demo: bool = False
    read_only: bool = False
    vpc: bool = False
