"""Shared fixtures. Kept small on purpose: suites add their own in their directories."""

from __future__ import annotations

import os

# Must run before anything imports alibabacloud_credentials (it reads its environment once,
# at import): tests never probe the ECS metadata address 100.100.100.200.
os.environ["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true"
# The suite reads English unless a test chooses otherwise (the machine's locale must not matter);
# child processes inherit it.
os.environ["PAIWS_LANG"] = "en"

import ipaddress
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from paiws.core import i18n
from paiws.emulator import Emulator


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """The emulator with demo data on a free loopback port; new workspaces are ENABLED at once."""
    emu = Emulator(data="demo", create_delay=0)
    emu.start(host="127.0.0.1", port=0)
    try:
        yield emu
    finally:
        emu.stop()


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _loopback_only(address: Any) -> None:
    """Safety net: the suite must never send a packet off this machine (tests are offline)."""
    if not isinstance(address, tuple):  # AF_UNIX paths and the like stay local
        return
    host = str(address[0])
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host.split("%")[0]).is_loopback:
            return
    except ValueError:
        pass
    raise ConnectionRefusedError(f"test suite blocked a non-loopback connection to {host}")


def _guarded_connect(self: socket.socket, address: Any) -> None:
    _loopback_only(address)
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    _loopback_only(address)
    return _real_connect_ex(self, address)


def pytest_configure(config: pytest.Config) -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign,assignment]


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that switches the language (``--lang zh-CN`` in-process, the ``chinese`` fixture)
    leaves the next test in English."""
    yield
    i18n.use("en")


@pytest.fixture
def chinese() -> Iterator[None]:
    """The interface in Simplified Chinese for one test."""
    i18n.use("zh-CN")
    yield
