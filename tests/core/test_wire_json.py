"""Every API string is encodable once decoded (issue #15 item 3): a lone surrogate in valid
JSON becomes U+FFFD at the JSON boundary, in keys and values at any depth."""

from __future__ import annotations

import json

import pytest

from paiws.core.client import WorkspaceClient
from paiws.core.credentials import static_credentials
from paiws.core.endpoint import parse_endpoint
from paiws.core.errors import PaiwsError
from paiws.core.retry import NO_RETRY
from paiws.core.wire_json import decode_json
from tests.core.core_support import REGION, Scripted


def client_for(url: str) -> WorkspaceClient:
    credentials = static_credentials("k" * 10, "s" * 10)
    return WorkspaceClient(credentials, endpoint=parse_endpoint(url), retry=NO_RETRY)


def walk(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *walk(v))]
    if isinstance(value, list):
        return [s for item in value for s in walk(item)]
    return []


def test_lone_surrogates_become_replacement_characters_everywhere() -> None:
    body = (
        b'{"Workspaces": [{"WorkspaceName": "ws\\ud800x", "AdminNames": ["a\\udfffb", ["\\udc00"]],'
        b' "k\\ud801ey": {"deep": "\\uDBFF"}}], "Pair": "\\ud83d\\ude00", "Plain": "ok"}'
    )
    data = decode_json(body)
    item = data["Workspaces"][0]
    assert item["WorkspaceName"] == "ws\ufffdx"
    assert item["AdminNames"] == ["a\ufffdb", ["\ufffd"]]
    assert item["k\ufffdey"] == {"deep": "\ufffd"}
    assert data["Pair"] == "\U0001f600" and data["Plain"] == "ok"
    for text in walk(data):
        text.encode("utf-8")  # never raises


def test_a_deeply_nested_body_is_handled_without_recursion() -> None:
    depth = 900
    body = ("[" * depth + '"\\ud800"' + "]" * depth).encode()
    data = decode_json(body)
    for _ in range(depth):
        data = data[0]
    assert data == "\ufffd"


def test_utf16_bodies_are_fixed_too() -> None:
    assert decode_json('{"a": "\\ud800"}'.encode("utf-16")) == {"a": "\ufffd"}


def test_a_workspace_name_with_a_lone_surrogate_comes_out_of_the_client_encodable(
    scripted: Scripted,
) -> None:
    scripted.body = b'{"TotalCount": 1, "Workspaces": [{"WorkspaceName": "ws\\ud800x"}]}'
    client = client_for(scripted.url)
    raw = client.list_workspaces(REGION)
    name = raw["Workspaces"][0]["WorkspaceName"]
    assert name == "ws\ufffdx" and name.encode("utf-8") == "ws\ufffdx".encode()
    json.dumps(dict(raw), ensure_ascii=False).encode("utf-8")


def test_an_error_message_with_a_lone_surrogate_is_encodable(scripted: Scripted) -> None:
    scripted.reply_json(500, {"Code": "InternalError", "Message": "bad \ud800 thing"})
    client = client_for(scripted.url)
    with pytest.raises(PaiwsError) as raised:
        client.list_products(REGION)
    str(raised.value).encode("utf-8")
