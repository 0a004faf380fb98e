"""The adversarial review's transport items end to end through the CLI: a `localhost.` endpoint
is refused before anything is sent (issue #15 item 1), a lone surrogate in valid JSON prints in
every format (item 3), and a RAM denial shows neither the user ID, the e-mail address nor the
AccessDeniedDetail principal (issue #14 item 5)."""

from __future__ import annotations

import json
import socket

import pytest

from tests.leaks.hostile_bodies import item, listing
from tests.leaks.leak_canaries import REGION, assert_no_canary
from tests.leaks.leak_support import PLAIN_HTTP_REFUSED, CliRunner, HostileServer, Reply
from tests.support import says

pytestmark = pytest.mark.usefixtures("canary_creds")


@pytest.mark.parametrize("host", ["localhost.", "LOCALHOST.", "127.0.0.1."])
@pytest.mark.parametrize("how", ["flag", "environment"])
def test_a_trailing_dot_localhost_endpoint_is_refused_before_resolving_or_connecting(
    cli: CliRunner, monkeypatch: pytest.MonkeyPatch, host: str, how: str
) -> None:
    touched: list[object] = []
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(*args: object, **kwargs: object) -> object:
        touched.append(args[0])
        return real_getaddrinfo(*args, **kwargs)  # type: ignore[arg-type]

    def connect(self: socket.socket, address: object) -> None:
        touched.append(address)
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    with HostileServer() as server:
        endpoint = server.base_url.replace("127.0.0.1", host)
        if how == "flag":
            result = cli("list", "--region", REGION, "--endpoint", endpoint)
        else:
            monkeypatch.setenv("PAIWS_ENDPOINT", endpoint)
            result = cli("list", "--region", REGION)
    assert result.code == 2, result.err
    assert says(result.err, PLAIN_HTTP_REFUSED)
    assert touched == [] and server.seen == []


SURROGATE_LISTING = json.dumps(
    listing(item(WorkspaceName="ws\ud800x", DisplayName="d\udfff", AdminNames=["\udc00a@b.cn"]))
).encode()  # ensure_ascii: the surrogates travel as valid \\uXXXX escapes


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_a_lone_surrogate_in_valid_json_prints_as_a_replacement_character(
    cli: CliRunner, fmt: str
) -> None:
    with HostileServer() as server:
        server.script["ListWorkspaces"] = Reply(200, SURROGATE_LISTING)
        result = cli("list", "--region", REGION, "--endpoint", server.base_url, "--format", fmt)
    assert result.code == 0, result.err
    assert "ws\ufffdx" in result.out
    result.text.encode("utf-8")
    assert_no_canary(result.text)


def test_a_ram_denial_shows_no_user_id_e_mail_or_principal_detail(cli: CliRunner) -> None:
    denial = {
        "RequestId": "R-D",
        "Code": "Forbidden.RAM",
        "Message": "User 1095312831785714 (zhang.san@corp.example) is not authorized to operate "
        "on the specified resource.",
        "AccessDeniedDetail": {
            "AuthPrincipalOwnerId": "1095312831785714",
            "AuthPrincipalDisplayName": "principal-display-name",
            "EncodedDiagnosticMessage": "encoded-diagnostic",
        },
    }
    with HostileServer() as server:
        server.script["ListWorkspaces"] = Reply(403, denial)
        result = cli("list", "--region", REGION, "--endpoint", server.base_url)
    assert result.code == 5, result.err
    assert "****5714" in result.err and "z***@corp.example" in result.err
    for raw in ("1095312831785714", "zhang.san", "principal-display-name", "encoded-diagnostic"):
        assert raw not in result.text
    assert_no_canary(result.text)
