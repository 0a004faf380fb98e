"""Credentials as the rest of paiws sees them (R1): a source that says where they come from
(:class:`CredentialStatus`, never any key material) and hands out :class:`ResolvedCredentials`
for one request, whose repr never shows a secret. The official chain is `credential_chain.py`;
fixed credentials (tests, the demo, whose key pair is public) are here."""

from __future__ import annotations

from typing import Any, Protocol

from paiws.core.views import CredentialStatus


class ResolvedCredentials:
    """One set of credentials for one request. Never rendered (R9)."""

    __slots__ = ("access_key_id", "access_key_secret", "security_token")

    def __init__(
        self, access_key_id: str, access_key_secret: str, security_token: str | None = None
    ) -> None:
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.security_token = security_token or None

    def __repr__(self) -> str:
        kind = "sts" if self.security_token else "access key"
        return f"<ResolvedCredentials {kind}, redacted>"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("credentials cannot be pickled")


class CredentialSource(Protocol):
    def status(self, *, refresh: bool = False) -> CredentialStatus: ...
    def get(self) -> ResolvedCredentials: ...


class StaticCredentials:
    """Fixed credentials: tests, ``--demo`` and the emulator (whose demo key is public)."""

    def __init__(
        self, key_id: str, secret: str, token: str | None = None, *, source: str = "static"
    ) -> None:
        self._creds = ResolvedCredentials(key_id, secret, token)
        self._status = CredentialStatus(
            available=True, source=source, mode="StsToken" if token else "AK"
        )

    def status(self, *, refresh: bool = False) -> CredentialStatus:
        return self._status

    def get(self) -> ResolvedCredentials:
        return self._creds

    def __repr__(self) -> str:
        return f"<StaticCredentials {self._status.source}, redacted>"


def static_credentials(
    key_id: str, secret: str, token: str | None = None, *, source: str = "static"
) -> StaticCredentials:
    return StaticCredentials(key_id, secret, token, source=source)
