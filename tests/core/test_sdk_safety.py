"""R9/R10: the SDK's own leaks are neutralised, and HTTPS verifies certificates."""

from __future__ import annotations

import datetime
import ipaddress
import logging
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from paiws.core.errors import NetworkError, ServerError
from paiws.core.factory import emulator_service
from paiws.core.sdk_safety import neutralise_sdk
from paiws.core.views import ListQuery
from paiws.emulator import Emulator
from tests.core.core_support import REGION

TOKEN = "canary-sts-token-8d1c"
SECRET = "canary-secret-2b7e"


def test_debug_sdk_and_root_debug_logging_print_no_headers_token_or_body(
    emu: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("DEBUG", "sdk")
    emu.add_key("canary-key-id", SECRET, sts_token=TOKEN)
    root = logging.getLogger()
    handler = logging.StreamHandler()  # what `logging.basicConfig(level=DEBUG)` would add
    root.addHandler(handler)
    monkeypatch.setattr(root, "level", logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    try:
        service = emulator_service(
            emu.base_url,
            access_key_id="canary-key-id",
            access_key_secret=SECRET,
            security_token=TOKEN,
        )
        wid = emu.workspaces(REGION)[0]["WorkspaceId"]
        service.list_workspaces(REGION, ListQuery())
        service.get_workspace(REGION, wid, verbose=True)
        emu.inject_fault("ListWorkspaces", "non_json", times=None)  # the SDK logs these bodies
        with pytest.raises(ServerError):
            service.list_workspaces(REGION, ListQuery())
        emu.clear_faults()
        emu.inject_fault("GetWorkspace", "non_json_200")
        with pytest.raises(Exception):  # noqa: B017  (any error; what matters is the output)
            service.get_workspace(REGION, wid)
    finally:
        root.removeHandler(handler)
    out, err = capfd.readouterr()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for text in (out, err, logged):
        for secret in (
            "Authorization",
            "authorization",
            "x-acs-security-token",
            TOKEN,
            SECRET,
            "Bad Gateway",
            "Response-body",
            "ServerResponseBody",
            "WorkspaceName",
            "UserId",
            "canary-key-id:",
        ):
            assert secret not in text
    assert not [r for r in caplog.records if r.name.startswith(("aliyunsdkcore", "credentials"))]


def test_sdk_loggers_stay_silent_even_when_someone_sets_them_to_debug(
    capfd: pytest.CaptureFixture[str],
) -> None:
    neutralise_sdk()
    from aliyunsdkcore.http import http_response

    http_response.HttpResponse.do_http_debug(None, None, None)  # the DEBUG=sdk dump is a no-op
    logging.getLogger("aliyunsdkcore.client").warning("Response:%s", "raw-body-canary")
    logging.getLogger("credentials").warning("cached value canary")
    assert "canary" not in "".join(capfd.readouterr())


# -- HTTPS with a local, self-signed certificate ------------------------------------------------


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = (
                b'{"RequestId": "r", "Products": [{"ProductCode": "PAI_share", '
                b'"IsPurchased": true, "HasPermissionToPurchase": true}]}'
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    ).start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", cert_file
    finally:
        server.shutdown()
        server.server_close()


def test_untrusted_certificate_is_refused_with_a_clear_message(
    clean_env: Path, https_server: tuple[str, Path]
) -> None:
    url, _ = https_server
    service = emulator_service(url)
    with pytest.raises(NetworkError) as raised:
        service.activation(REGION)
    assert raised.value.code == "SSLError"
    assert "could not be verified" in str(raised.value)
    assert "ALIBABA_CLOUD_CA_BUNDLE" in raised.value.hint


def test_certificate_trusted_through_the_ca_bundle_variable_is_accepted(
    clean_env: Path, https_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, cert_file = https_server
    monkeypatch.setenv("ALIBABA_CLOUD_CA_BUNDLE", str(cert_file))
    assert emulator_service(url).activation(REGION).activated
