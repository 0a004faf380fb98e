"""Fixtures for the emulator tests: both real clients, and no proxies (the SDKs read
HTTP(S)_PROXY and ignore NO_PROXY, so a loopback call could otherwise leave the machine)."""

from __future__ import annotations

import pytest
from alibabacloud_aiworkspace20210204.client import Client as TeaClient

from paiws.emulator import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, Emulator
from tests.emulator.emu_clients import REGION, Roa, RoaFactory, TeaFactory, tea_client


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def roa(emulator: Emulator) -> Roa:
    return Roa(emulator.base_url, DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET)


@pytest.fixture
def make_roa(emulator: Emulator) -> RoaFactory:
    def make(key_id: str, secret: str, token: str | None = None) -> Roa:
        return Roa(emulator.base_url, key_id, secret, token)

    return make


@pytest.fixture
def tea(emulator: Emulator) -> TeaClient:
    return tea_client(emulator.base_url)


@pytest.fixture
def make_tea(emulator: Emulator) -> TeaFactory:
    def make(
        key_id: str = DEMO_ACCESS_KEY_ID,
        secret: str = DEMO_ACCESS_KEY_SECRET,
        token: str | None = None,
        region: str = REGION,
    ) -> TeaClient:
        return tea_client(emulator.base_url, key_id, secret, token, region)

    return make
