"""Two real clients pointed at the in-process emulator.

* ``roa``: aliyun-python-sdk-core ``AcsClient`` + ``CommonRequest`` (ROA v1 HMAC-SHA1).
* ``tea``: the official ``alibabacloud_aiworkspace20210204`` client (ACS3-HMAC-SHA256).

Both read ``HTTP(S)_PROXY`` and ignore ``NO_PROXY``: conftest.py removes proxy variables.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from alibabacloud_aiworkspace20210204.client import Client as TeaClient
from alibabacloud_tea_openapi.models import Config
from aliyunsdkcore.auth.credentials import StsTokenCredential
from aliyunsdkcore.client import AcsClient
from aliyunsdkcore.request import CommonRequest

from paiws.emulator import DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET

REGION = "cn-hangzhou"


class Roa:
    """Calls through aliyun-python-sdk-core exactly as an application would."""

    def __init__(
        self,
        base_url: str,
        key_id: str,
        secret: str,
        token: str | None = None,
        read_timeout: float = 5,
    ):
        self.domain = base_url.removeprefix("http://")
        self.key_id, self.secret, self.token = key_id, secret, token
        self.read_timeout = read_timeout
        self._clients: dict[str, AcsClient] = {}

    def client(self, region: str) -> AcsClient:
        if region not in self._clients:
            self._clients[region] = self._new_client(region)
        return self._clients[region]

    def _new_client(self, region: str) -> AcsClient:
        if self.token is not None:
            credential = StsTokenCredential(self.key_id, self.secret, self.token)
            return AcsClient(
                region_id=region,
                credential=credential,
                auto_retry=False,
                connect_timeout=2,
                timeout=self.read_timeout,
            )
        return AcsClient(
            self.key_id,
            self.secret,
            region,
            auto_retry=False,
            connect_timeout=2,
            timeout=self.read_timeout,
        )

    def call(
        self,
        method: str,
        path: str,
        *,
        query: dict[str, str] | None = None,
        body: Any = None,
        region: str = REGION,
    ) -> dict[str, Any]:
        request = CommonRequest()
        request.set_method(method)
        request.set_uri_pattern(path)
        request.set_version("2021-02-04")
        request.set_domain(self.domain)
        request.set_protocol_type("http")
        request.set_accept_format("JSON")
        for key, value in (query or {}).items():
            request.add_query_param(key, value)
        if body is not None:
            request.set_content(json.dumps(body).encode("utf-8"))
            request.set_content_type("application/json")
        raw = self.client(region).do_action_with_exception(request)
        answer: dict[str, Any] = json.loads(raw)
        return answer

    def list(self, region: str = REGION, **query: str) -> dict[str, Any]:
        return self.call("GET", "/api/v1/workspaces", query=query, region=region)

    def get(self, workspace_id: str, region: str = REGION, **query: str) -> dict[str, Any]:
        return self.call("GET", f"/api/v1/workspaces/{workspace_id}", query=query, region=region)

    def create(self, region: str = REGION, **body: Any) -> dict[str, Any]:
        return self.call("POST", "/api/v1/workspaces", body=body, region=region)

    def products(self, region: str = REGION, **query: str) -> dict[str, Any]:
        return self.call("GET", "/api/v1/products", query=query, region=region)


def tea_client(
    base_url: str,
    key_id: str = DEMO_ACCESS_KEY_ID,
    secret: str = DEMO_ACCESS_KEY_SECRET,
    token: str | None = None,
    region: str = REGION,
) -> TeaClient:
    """The official SDK; endpoint host:port + protocol http is how it is pointed at us."""
    config = Config(
        access_key_id=key_id,
        access_key_secret=secret,
        security_token=token,
        endpoint=base_url.removeprefix("http://"),
        protocol="http",
        region_id=region,
        connect_timeout=2000,
        read_timeout=5000,
    )
    return TeaClient(config)


RoaFactory = Callable[..., Roa]
TeaFactory = Callable[..., TeaClient]
