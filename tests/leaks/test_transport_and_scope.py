"""R10 and scope: plain HTTP only to loopback (refused before any connection otherwise),
certificates verified (ALIBABA_CLOUD_CA_BUNDLE honoured), dead proxies never used for
loopback, and the emulator never binds a non-loopback address."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from paiws.emulator import Emulator
from tests.leaks.hostile_bodies import item, listing
from tests.leaks.leak_canaries import REGION, assert_no_canary
from tests.leaks.leak_support import (
    PLAIN_HTTP_REFUSED,
    CliRunner,
    HostileServer,
    Reply,
    Sandbox,
    child_env,
    run_paiws,
    self_signed_certificate,
    server_tls,
)
from tests.support import says

pytestmark = pytest.mark.usefixtures("canary_creds")


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every outgoing connection attempt made through the socket module."""
    attempts: list[object] = []
    real_connect = socket.socket.connect
    real_create = socket.create_connection

    def connect(self: socket.socket, address: object) -> None:
        attempts.append(address)
        real_connect(self, address)  # type: ignore[arg-type]

    def create_connection(address: object, *args: object, **kwargs: object) -> socket.socket:
        attempts.append(address)
        return real_create(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return attempts


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://10.255.255.1",
        "http://10.255.255.1:8123",
        "http://aiworkspace.cn-hangzhou.aliyuncs.com",
        "http://example.com",
        "http://[fe80::1]:80",
        "http://127.0.0.1.example.com",
    ],
)
@pytest.mark.parametrize("how", ["flag", "environment"])
def test_plain_http_to_a_non_loopback_endpoint_is_refused_before_connecting(
    cli: CliRunner,
    connections: list[object],
    monkeypatch: pytest.MonkeyPatch,
    endpoint: str,
    how: str,
) -> None:
    if how == "flag":
        result = cli("list", "--region", REGION, "--endpoint", endpoint)
    else:
        monkeypatch.setenv("PAIWS_ENDPOINT", endpoint)
        result = cli("get", "200001", "--region", REGION)
    assert result.code == 2, result.err
    assert says(result.err, PLAIN_HTTP_REFUSED)
    assert connections == []


@pytest.fixture
def tls_files(tmp_path: Path) -> tuple[Path, Path]:
    return self_signed_certificate(tmp_path / "tls")


@pytest.fixture
def https_api(tls_files: tuple[Path, Path]) -> Iterator[HostileServer]:
    """An HTTPS endpoint on 127.0.0.1 with a self-signed certificate, serving canary data."""
    with HostileServer(tls=server_tls(*tls_files)) as server:
        server.script["ListWorkspaces"] = Reply(200, listing(item()))
        yield server


def test_an_untrusted_certificate_is_refused_with_a_clear_message(
    cli: CliRunner, https_api: HostileServer
) -> None:
    result = cli("list", "--region", REGION, "--endpoint", https_api.base_url)
    assert result.code == 7, result.err
    assert says(result.err, "The TLS certificate of {host} could not be verified.")
    assert "ALIBABA_CLOUD_CA_BUNDLE" in result.err
    assert result.out == ""
    assert_no_canary(result.text)
    assert https_api.seen == []  # the handshake failed: not one request was read


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_certificate_trusted_through_the_ca_bundle_is_accepted_even_behind_a_dead_proxy(
    cli: CliRunner,
    https_api: HostileServer,
    tls_files: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    host: str,
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_CA_BUNDLE", str(tls_files[0]))
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    endpoint = https_api.base_url.replace("127.0.0.1", host)
    result = cli("list", "--region", REGION, "--endpoint", endpoint, "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["Workspaces"][0]["Creator ID"] == "****0005"
    assert_no_canary(result.text)
    assert https_api.operations() == ["ListProducts", "ListWorkspaces"]


def test_a_dead_proxy_is_never_used_for_the_loopback_emulator(
    cli: CliRunner, emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    result = cli("get", "200001", "--owner", "--region", REGION, "--endpoint", emu.base_url)
    assert result.code == 0, result.err
    assert_no_canary(result.text)


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "10.0.0.1", "192.168.1.10", "example.com", "127.0.0.1.nip.io", ""]
)
def test_the_emulator_never_binds_a_non_loopback_address(
    host: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    binds: list[object] = []
    real_bind = socket.socket.bind

    def bind(self: socket.socket, address: object) -> None:
        binds.append(address)
        real_bind(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "bind", bind)
    with pytest.raises(ValueError, match="loopback"):
        Emulator(data="empty").start(host=host, port=0)
    assert binds == []


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_the_emulator_command_refuses_a_public_host(sandbox: Sandbox, host: str) -> None:
    # A process with a timeout: if the refusal ever broke, the emulator would serve forever.
    result = run_paiws(
        ["emulator", "--host", host, "--port", "0"], child_env(sandbox), cwd=sandbox.cwd, timeout=20
    )
    assert result.code == 2
    assert b"loopback" in result.err and result.out == b""


def test_the_tui_with_a_plain_http_public_endpoint_exits_2_before_starting(
    cli: CliRunner, connections: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_start(*args: object, **kwargs: object) -> int:
        raise AssertionError("the TUI started with a refused endpoint")

    monkeypatch.setattr("paiws.app.run", must_not_start)
    result = cli("--region", REGION, "--endpoint", "http://10.255.255.1")
    assert result.code == 2 and "https" in result.err
    assert connections == []


def test_the_emulator_binds_loopback_by_default() -> None:
    with Emulator(data="empty") as emulator:
        assert emulator.base_url.startswith("http://127.0.0.1:")
