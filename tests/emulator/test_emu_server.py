"""Lifecycle, the loopback-only rule and the command-line helper."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.error import URLError

import pytest

from paiws.emulator import Emulator, serve_forever_cli


@pytest.mark.parametrize("host", ["0.0.0.0", "10.1.2.3", "::", "192.168.1.10", "example.com", ""])
def test_non_loopback_hosts_are_refused_before_binding(
    monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    def no_socket(*args: object, **kwargs: object) -> socket.socket:
        raise AssertionError("a socket was created for a refused host")

    monkeypatch.setattr(socket, "socket", no_socket)
    emulator = Emulator(data="empty")
    with pytest.raises(ValueError, match="loopback"):
        emulator.start(host=host, port=0)
    assert not emulator.running


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "127.0.0.2"])
def test_loopback_hosts_are_accepted(host: str) -> None:
    emulator = Emulator(data="empty")
    try:
        url = emulator.start(host=host, port=0)
    finally:
        emulator.stop()
    assert url.startswith("http://127.0.0.")


def test_ipv6_loopback() -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    emulator = Emulator(data="empty")
    try:
        url = emulator.start(host="::1", port=0)
    except OSError:
        pytest.skip("::1 cannot be bound here")
    emulator.stop()
    assert url.startswith("http://[::1]:")


def test_lifecycle_and_context_manager() -> None:
    emulator = Emulator(data="empty")
    with pytest.raises(RuntimeError):
        _ = emulator.base_url
    with emulator as running:
        url = running.base_url
        assert url == running.base_url and running.running
        with pytest.raises(RuntimeError):
            running.start()
    assert not emulator.running
    emulator.stop()  # twice is fine
    with pytest.raises(URLError):
        urllib.request.urlopen(url + "/api/v1/products", timeout=2)


def test_cli_helper_refuses_a_public_host(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve_forever_cli("0.0.0.0", 0, "demo", None, "cn-hangzhou") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "loopback" in captured.err


def test_cli_helper_refuses_an_unreadable_data_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.json"
    assert serve_forever_cli("127.0.0.1", 0, str(missing), 0.0, "cn-hangzhou") == 2
    assert "Cannot read emulator data file" in capsys.readouterr().err


_SERVE = (
    "from paiws.emulator import serve_forever_cli; import sys; "
    "sys.exit(serve_forever_cli('127.0.0.1', 0, 'demo', None, 'cn-hangzhou'))"
)


def _serve() -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _SERVE], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        code = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return code, process.stderr.read() if process.stderr else ""


def test_cli_helper_prints_the_url_first_then_serves_until_sigterm() -> None:
    process = _serve()
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:")
    with pytest.raises(urllib.error.HTTPError) as caught:  # unsigned: a JSON 400
        urllib.request.urlopen(url + "/api/v1/products", timeout=5)
    assert caught.value.code == 400
    process.send_signal(signal.SIGTERM)
    code, stderr = _finish(process)
    assert code == 0
    assert "paiws-demo" in stderr and "paiws-demo-secret" not in stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_cli_helper_stops_cleanly_on_a_signal_right_after_the_url(sig: signal.Signals) -> None:
    process = _serve()
    assert process.stdout is not None
    assert process.stdout.readline().startswith("http://")
    process.send_signal(sig)
    assert _finish(process)[0] == 0


def test_the_emulator_imports_nothing_from_the_client_side() -> None:
    probe = (
        "import sys; from paiws.emulator import Emulator; Emulator(data='demo'); "
        "print(sorted(m for m in sys.modules if m.startswith('paiws.') "
        "and not m.startswith(('paiws.emulator', 'paiws.assets'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert out.strip() == "[]"
