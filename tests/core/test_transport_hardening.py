"""The transport after the adversarial review (issue #15 items 1, 5, 10): what plain HTTP may
reach and where it connects, the whole-response deadline, the size cap after decompression,
and TLS through urllib3 2.x (SNI, verification, ALIBABA_CLOUD_CA_BUNDLE, proxies, redirects)."""

from __future__ import annotations

import gzip
import socket
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from paiws import __version__
from paiws.core.client import WorkspaceClient
from paiws.core.credentials import static_credentials
from paiws.core.endpoint import Endpoint, is_loopback_host, loopback_addresses, parse_endpoint
from paiws.core.errors import (
    InvalidInput,
    NetworkError,
    PaiwsError,
    RequestTimeout,
    ResponseTooLarge,
)
from paiws.core.factory import build_service
from paiws.core.options import Options
from paiws.core.retry import NO_RETRY
from paiws.core.timeouts import Timeouts
from paiws.core.transport import MAX_RESPONSE_BYTES
from tests.core.core_support import REGION, Scripted
from tests.core.wire_servers import (
    API_NAME,
    JSON_OK,
    Pki,
    RawServer,
    answer,
    make_pki,
    read_request,
)


def client_for(url: str | Endpoint, *, read: float = 5.0, connect: float = 5.0) -> WorkspaceClient:
    endpoint = url if isinstance(url, Endpoint) else parse_endpoint(url)
    return WorkspaceClient(
        static_credentials("paiws-demo", "paiws-demo-secret"),
        endpoint=endpoint,
        timeouts=Timeouts(connect=connect, read=read),
        retry=NO_RETRY,
    )


@pytest.fixture
def resolver(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every host name looked up; API_NAME resolves to 127.0.0.1 (tests stay on loopback)."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(str(host))
        return real("127.0.0.1" if host == API_NAME else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


# -- item 1: plain HTTP only to a literal loopback address or exactly `localhost` ---------------


@pytest.mark.parametrize(
    "host", ["localhost.", "LOCALHOST.", "localhost..", "127.0.0.1.", "::ffff:127.0.0.1", "::1%lo"]
)
def test_names_that_a_resolver_may_answer_are_not_loopback(host: str) -> None:
    assert not is_loopback_host(host) and loopback_addresses(host) == ()


@pytest.mark.parametrize(
    ("host", "addresses"),
    [
        ("localhost", ("127.0.0.1", "::1")),
        ("LocalHost", ("127.0.0.1", "::1")),
        ("127.0.0.1", ("127.0.0.1",)),
        ("127.8.9.10", ("127.8.9.10",)),
        ("::1", ("::1",)),
        ("[::1]", ("::1",)),
    ],
)
def test_loopback_hosts_map_to_literal_addresses(host: str, addresses: tuple[str, ...]) -> None:
    assert loopback_addresses(host) == addresses


@pytest.mark.parametrize("name", ["localhost.", "LOCALHOST.", "127.0.0.1."])
def test_http_to_localhost_with_a_trailing_dot_is_refused_before_anything_is_sent(
    clean_env: Path, scripted: Scripted, resolver: list[str], name: str
) -> None:
    port = scripted.url.rsplit(":", 1)[1]
    with pytest.raises(InvalidInput) as raised:
        build_service(Options(endpoint=f"http://{name}:{port}"))
    assert raised.value.code == "InsecureEndpoint" and raised.value.exit_code == 2
    assert scripted.requests == [] and resolver == []


def test_localhost_is_reached_at_127_0_0_1_without_asking_a_resolver(
    scripted: Scripted, resolver: list[str]
) -> None:
    port = scripted.url.rsplit(":", 1)[1]
    client_for(f"http://localhost:{port}").list_products(REGION)
    assert len(scripted.requests) == 1
    assert scripted.requests[0]["headers"]["Host"] == f"localhost:{port}"
    assert "localhost" not in resolver  # only the literal 127.0.0.1 was handed to getaddrinfo


def test_localhost_falls_back_to_ipv6_loopback_when_ipv4_is_refused() -> None:
    try:
        server = RawServer(lambda conn: conn.sendall(answer("200 OK", JSON_OK)), host="::1")
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    with server:
        client_for(f"http://localhost:{server.port}").list_products(REGION)
    assert server.connections == 1


# -- item 5: the read timeout bounds the whole response; the size is capped ----------------------


def trickle(head: bytes, body: bytes, every: float) -> Callable[[socket.socket], None]:
    def script(conn: socket.socket) -> None:
        read_request(conn)
        for part in (head, body):
            for byte in part:
                conn.sendall(bytes([byte]))
                time.sleep(every)

    return script


OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"


@pytest.mark.parametrize(
    ("head", "body"),
    [
        pytest.param(OK_HEAD + b"Content-Length: 400\r\n\r\n", b"{" + b" " * 399, id="body"),
        pytest.param(OK_HEAD + b"X-Slow: " + b"x" * 400 + b"\r\n\r\n", b"", id="headers"),
        pytest.param(
            OK_HEAD + b"Connection: close\r\n\r\n", b'{"a": "' + b"x" * 400, id="until-close"
        ),
    ],
)
def test_a_trickling_server_is_cut_off_at_the_read_deadline(head: bytes, body: bytes) -> None:
    with RawServer(trickle(head, body, every=0.02)) as server:
        client = client_for(server.url(), read=0.5)
        started = time.perf_counter()
        with pytest.raises(RequestTimeout) as raised:
            client.list_products(REGION)
        elapsed = time.perf_counter() - started
    assert raised.value.which == "read" and raised.value.seconds == 0.5
    assert "read timeout" in str(raised.value) and "--read-timeout" in raised.value.hint
    assert elapsed < 2.0, f"{elapsed:.2f} s"


def gzip_bomb(inflated: int) -> bytes:
    """A gzip body of many identical members: about 1 KB per MB once inflated."""
    member = gzip.compress(b"\0" * 2**20, compresslevel=9)
    return member * (inflated // 2**20)


def test_a_gzip_bomb_is_refused_without_inflating_it() -> None:
    bomb = gzip_bomb(1024 * 2**20)  # ~1 MB on the wire, 1 GB inflated
    assert len(bomb) < 2 * 2**20

    def script(conn: socket.socket) -> None:
        read_request(conn)
        conn.sendall(answer("200 OK", bomb, "Content-Encoding: gzip"))

    with RawServer(script) as server:
        client = client_for(server.url())
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLarge) as raised:
                client.list_workspaces(REGION)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert str(raised.value).startswith("The response to ListWorkspaces exceeded 8 MB;")
    assert raised.value.exit_code == 1
    assert peak < 4 * MAX_RESPONSE_BYTES, f"peak {peak / 2**20:.0f} MB"


def test_a_declared_length_over_the_cap_is_refused_before_reading() -> None:
    def script(conn: socket.socket) -> None:
        read_request(conn)
        conn.sendall(OK_HEAD + f"Content-Length: {MAX_RESPONSE_BYTES + 1}\r\n\r\n".encode())
        time.sleep(1)  # nothing more comes: reading would wait for the deadline

    with RawServer(script) as server:
        started = time.perf_counter()
        with pytest.raises(ResponseTooLarge):
            client_for(server.url(), read=5).list_products(REGION)
    assert time.perf_counter() - started < 1


def test_a_body_just_under_the_cap_is_accepted() -> None:
    body = b'{"RequestId": "' + b"x" * (MAX_RESPONSE_BYTES - 20) + b'"}'

    def script(conn: socket.socket) -> None:
        read_request(conn)
        conn.sendall(answer("200 OK", gzip.compress(body, 1), "Content-Encoding: gzip"))

    with RawServer(script) as server:
        assert len(client_for(server.url()).list_products(REGION)["RequestId"]) > 8_000_000


# -- item 10: urllib3 2.x with SNI, verification, CA bundle, proxies, no redirects ---------------


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    pytest.importorskip("cryptography")
    return make_pki(tmp_path_factory.mktemp("pki"))


def tls_api(pki: Pki, names: list[str | None]) -> RawServer:
    def script(conn: socket.socket) -> None:
        read_request(conn)
        conn.sendall(answer("200 OK", JSON_OK, "Content-Type: application/json"))

    return RawServer(script, tls=pki.server_context(names))


@pytest.mark.parametrize("name", ["localhost", API_NAME])
def test_https_sends_sni_and_trusts_the_ca_bundle_variable(
    clean_env: Path,
    pki: Pki,
    resolver: list[str],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_CA_BUNDLE", str(pki.ca_file))
    names: list[str | None] = []
    with tls_api(pki, names) as server:
        client_for(server.url(name)).list_products(REGION)
    assert names == [name]


def test_https_without_the_ca_bundle_refuses_the_certificate(
    clean_env: Path, pki: Pki, resolver: list[str]
) -> None:
    names: list[str | None] = []
    with tls_api(pki, names) as server, pytest.raises(NetworkError) as raised:
        client_for(server.url(API_NAME)).list_products(REGION)
    assert raised.value.code == "SSLError"
    assert "could not be verified" in str(raised.value)
    assert "ALIBABA_CLOUD_CA_BUNDLE" in raised.value.hint
    assert names == [API_NAME]  # SNI went out even though the certificate was refused


def test_a_trusted_certificate_for_another_name_is_refused(
    clean_env: Path, tmp_path: Path, resolver: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("cryptography")
    other = make_pki(tmp_path / "other", names=("other.example",))
    monkeypatch.setenv("ALIBABA_CLOUD_CA_BUNDLE", str(other.ca_file))
    with tls_api(other, []) as server, pytest.raises(NetworkError) as raised:
        client_for(server.url(API_NAME)).list_products(REGION)
    assert raised.value.code == "SSLError"


def test_an_unreadable_ca_bundle_is_a_clear_error(
    clean_env: Path, tmp_path: Path, resolver: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_CA_BUNDLE", str(tmp_path / "missing.pem"))
    with pytest.raises(NetworkError) as raised:
        client_for(f"https://{API_NAME}").list_products(REGION)
    assert "ALIBABA_CLOUD_CA_BUNDLE" in raised.value.hint and resolver == []


@pytest.fixture
def proxy() -> Iterator[RawServer]:
    """A proxy that refuses every CONNECT (and records it)."""

    def script(conn: socket.socket) -> None:
        server.heads.append(read_request(conn))
        conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")

    server = RawServer(script)
    with server:
        yield server


def test_https_proxy_is_used_for_the_cloud_and_no_proxy_is_honoured(
    clean_env: Path,
    pki: Pki,
    proxy: RawServer,
    resolver: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_CA_BUNDLE", str(pki.ca_file))
    monkeypatch.setenv("HTTPS_PROXY", proxy.url())
    with tls_api(pki, []) as server:
        endpoint = f"https://{API_NAME}:{server.port}"
        with pytest.raises(NetworkError) as raised:
            client_for(endpoint).list_products(REGION)
        assert raised.value.code == "ProxyError"
        assert proxy.heads[0].startswith(f"CONNECT {API_NAME}:{server.port} ".encode())
        monkeypatch.setenv("NO_PROXY", ".aliyuncs.com")
        client_for(endpoint).list_products(REGION)
    assert len(proxy.heads) == 1


def test_loopback_never_goes_through_a_proxy(
    scripted: Scripted, proxy: RawServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(variable, proxy.url())
    client_for(scripted.url).list_products(REGION)
    assert proxy.heads == [] and len(scripted.requests) == 1


def test_redirects_are_not_followed(scripted: Scripted) -> None:
    with RawServer(lambda conn: conn.sendall(answer("200 OK", JSON_OK))) as elsewhere:
        scripted.status, scripted.body = 302, b""
        scripted.headers = {"Location": elsewhere.url() + "/api/v1/products"}
        with pytest.raises(PaiwsError) as raised:
            client_for(scripted.url).list_products(REGION)
    assert "HTTP 302" in str(raised.value) and elsewhere.connections == 0


def test_one_connection_per_host_is_reused_and_the_user_agent_names_paiws() -> None:
    agents: list[bytes] = []

    def keep_alive(conn: socket.socket) -> None:
        while head := read_request(conn):
            agents.extend(
                line for line in head.split(b"\r\n") if line.lower().startswith(b"user-agent:")
            )
            conn.sendall(answer("200 OK", JSON_OK))

    with RawServer(keep_alive) as server:
        client = client_for(server.url())
        for _ in range(3):
            client.list_products(REGION)
        client.close()
    assert server.connections == 1 and len(agents) == 3
    assert agents[0].startswith(f"User-Agent: paiws/{__version__} (Python ".encode())


def test_urllib3_records_about_our_requests_are_dropped_and_others_kept(
    scripted: Scripted, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    client_for(scripted.url).list_workspaces(REGION, name="user-1095312831785714")
    logging.getLogger("urllib3.connectionpool").debug("someone else's request")
    texts = [r.getMessage() for r in caplog.records if r.name.startswith("urllib3")]
    assert texts == ["someone else's request"]
