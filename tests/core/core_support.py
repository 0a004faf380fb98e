"""Constants and helpers shared by the core tests (imported as a plain module: tests/ has no
packages, so this name is unique to tests/core)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

REGION = "cn-hangzhou"
OTHER_REGION = "cn-shanghai"
CREDENTIAL_ENV = (
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
    "ALIBABA_CLOUD_PROFILE",
    "ALIBABA_CLOUD_CREDENTIALS_FILE",
    "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
    "ALIBABA_CLOUD_ROLE_ARN",
    "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
    "ALIBABA_CLOUD_CREDENTIALS_URI",
    "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
    "ALIYUN_ACCESS_KEY_ID",
    "ALIYUN_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_CA_BUNDLE",
    "PAIWS_ENDPOINT",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "http_proxy",
    "https_proxy",
    "NO_PROXY",
    "no_proxy",
    "DEBUG",
)


@dataclass
class Scripted:
    """Answers every request with ``status``/``body``/``headers``; records what it received."""

    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    requests: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""

    def reply_json(self, status: int, payload: dict[str, Any]) -> None:
        self.status, self.body = status, json.dumps(payload).encode()
