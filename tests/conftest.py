"""Shared fixtures. Kept small on purpose: suites add their own in their directories."""

from __future__ import annotations

import os

# Must run before anything imports alibabacloud_credentials (it reads its environment once,
# at import): tests never probe the ECS metadata address 100.100.100.200.
os.environ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true"

from collections.abc import Iterator

import pytest

from tui.emulator import Emulator


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """The emulator with demo data on a free loopback port; new workspaces are ENABLED at once."""
    emu = Emulator(data="demo", create_delay=0)
    emu.start(host="127.0.0.1", port=0)
    try:
        yield emu
    finally:
        emu.stop()
