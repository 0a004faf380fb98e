"""Authentication and authorisation, as the real gateway does them.

Two signing schemes are verified, each recomputed exactly as its client library computes it:

* ROA v1 ``HMAC-SHA1`` (aliyun-python-sdk-core, ``roa_signature_composer``): the string to sign is
  ``METHOD\\nAccept\\nContent-MD5\\nContent-Type\\nDate\\n`` + sorted lower-cased ``x-acs-*``
  headers as ``name:value\\n`` + the *unencoded* path + ``?`` + the query sorted by key as raw
  ``k=v`` joined by ``&``.
* ``ACS3-HMAC-SHA256`` (alibabacloud-tea-openapi ``Utils.get_authorization``): the hex SHA-256
  of a canonical request (method, path as sent, sorted percent-encoded query, the signed headers,
  the hex SHA-256 of the body) is signed with HMAC-SHA256.

Then STS (``x-acs-security-token``) and the key's RAM policy (denied actions) are checked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import quote, unquote

from paiws.emulator import errors
from paiws.emulator.people import user_for_key

DEMO_ACCESS_KEY_ID = "paiws-demo"
DEMO_ACCESS_KEY_SECRET = "paiws-demo-secret"  # public on purpose: the demo needs no account

ACS3_ALGORITHM = "ACS3-HMAC-SHA256"

# RAM action each operation needs (SPEC R12); `denied_actions` may name either form.
OPERATION_ACTIONS: dict[str, str] = {
    "ListProducts": "pai:ListProducts",
    "ListWorkspaces": "paiworkspace:ListWorkspaces",
    "GetWorkspace": "paiworkspace:GetWorkspace",
    "CreateWorkspace": "paiworkspace:CreateWorkspace",
    "UpdateWorkspace": "paiworkspace:UpdateWorkspace",
    "DeleteWorkspace": "paiworkspace:DeleteWorkspace",
    "ListMembers": "paiworkspace:ListMembers",
    "GetMember": "paiworkspace:GetMember",
    "CreateMember": "paiworkspace:CreateMember",
    "DeleteMembers": "paiworkspace:DeleteMembers",
    "AddMemberRole": "paiworkspace:AddMemberRole",
    "RemoveMemberRole": "paiworkspace:RemoveMemberRole",
    "ListWorkspaceUsers": "paiworkspace:ListWorkspaceUsers",
}


def ram_action(name: str) -> str:
    """``GetWorkspace`` -> ``paiworkspace:GetWorkspace``; RAM action names pass unchanged."""
    return OPERATION_ACTIONS.get(name, name)


@dataclass(frozen=True)
class AccessKey:
    key_id: str
    secret: str
    sts_token: str | None = None
    token_expired: bool = False
    denied: frozenset[str] = frozenset()

    @property
    def owner(self) -> dict[str, str]:
        """The fake user this key belongs to (Creator/Owner of what it creates)."""
        return user_for_key(self.key_id)


class KeyRing:
    """Registered keys; thread-safe because tests add keys while the server runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: dict[str, AccessKey] = {}
        self.add(AccessKey(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET))

    def add(self, key: AccessKey) -> None:
        with self._lock:
            self._keys[key.key_id] = key

    def get(self, key_id: str) -> AccessKey | None:
        with self._lock:
            return self._keys.get(key_id)

    def expire_token(self, token: str | None) -> int:
        """Expire one STS token (every key that carries it), or every token when ``token``
        is None; returns how many keys were affected."""
        with self._lock:
            hits = [
                key
                for key in self._keys.values()
                if key.sts_token is not None and token in (None, key.sts_token)
            ]
            for key in hits:
                self._keys[key.key_id] = replace(key, token_expired=True)
            return len(hits)


@dataclass(frozen=True)
class SignedRequest:
    """What a signature covers, as received on the wire."""

    method: str
    raw_path: str  # percent-encoded as sent, without the query
    query: dict[str, str]  # decoded; the last value wins, as in the clients' dicts
    headers: tuple[tuple[str, str], ...]  # every header line, in order
    body: bytes

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        found = None
        for key, value in self.headers:
            if key.lower() == wanted:
                found = value
        return found

    def header_values(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]


def authenticate(keys: KeyRing, request: SignedRequest) -> AccessKey:
    """Return the caller's key or raise the ApiError the real service would send."""
    authorization = request.header("Authorization")
    if not authorization:
        raise errors.incomplete_signature("the Authorization header is missing.")
    if authorization.startswith("acs "):
        key_id, _, signature = authorization[4:].strip().rpartition(":")
        key = _known_key(keys, key_id)
        expected = _roa_signature(request, key.secret)
    elif authorization.startswith(ACS3_ALGORITHM + " "):
        fields = _acs3_fields(authorization[len(ACS3_ALGORITHM) + 1 :])
        key = _known_key(keys, fields.get("Credential", ""))
        signed_headers = fields.get("SignedHeaders", "")
        signature = fields.get("Signature", "")
        expected = _acs3_signature(request, key.secret, signed_headers.split(";"))
    else:
        raise errors.incomplete_signature("the Authorization scheme is not supported.")
    if not hmac.compare_digest(signature.encode(), expected.encode()):
        raise errors.bad_signature()
    _check_content_md5(request)
    _check_token(key, request.header("x-acs-security-token"))
    return key


def authorize(key: AccessKey, operation: str) -> None:
    action = ram_action(operation)
    if action in key.denied:
        raise errors.forbidden(action, principal=f"{key.owner['UserName']}")


def _known_key(keys: KeyRing, key_id: str) -> AccessKey:
    if not key_id:
        raise errors.incomplete_signature("the AccessKey ID is missing.")
    key = keys.get(key_id)
    if key is None:
        raise errors.unknown_access_key()
    return key


def _check_token(key: AccessKey, token: str | None) -> None:
    # An STS key needs its own token; a token the emulator never issued is "unknown", which the
    # real service reports as expired too.
    if key.sts_token is None:
        if token:
            raise errors.token_expired()
        return
    if token is None or not hmac.compare_digest(token.encode(), key.sts_token.encode()):
        raise errors.token_expired()
    if key.token_expired:
        raise errors.token_expired()


def _check_content_md5(request: SignedRequest) -> None:
    sent = request.header("Content-MD5")
    if sent is None:
        return
    actual = base64.standard_b64encode(hashlib.md5(request.body).digest()).decode()
    if sent != actual:
        raise errors.content_md5_mismatch()


# ROA v1 (aliyun-python-sdk-core) -------------------------------------------------------------


def roa_string_to_sign(request: SignedRequest) -> str:
    parts = [request.method]
    for name in ("Accept", "Content-MD5", "Content-Type", "Date"):
        parts.append(request.header(name) or "")
    text = "\n".join(parts) + "\n"
    acs_headers: dict[str, str] = {}
    for name, value in request.headers:
        if name.lower().startswith("x-acs-"):
            acs_headers[name.lower()] = value
    for name in sorted(acs_headers):
        text += f"{name}:{acs_headers[name]}\n"
    # The SDK signs the path with its parameters substituted but before URL-encoding.
    text += unquote(request.raw_path)
    if request.query:
        text += "?" + "&".join(f"{k}={v}" for k, v in sorted(request.query.items()))
    return text


def _roa_signature(request: SignedRequest, secret: str) -> str:
    digest = hmac.new(
        secret.encode("utf-8"), roa_string_to_sign(request).encode("utf-8"), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode().strip()


# ACS3-HMAC-SHA256 (alibabacloud-tea-openapi) -------------------------------------------------


def _acs3_fields(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in text.split(","):
        name, sep, value = part.strip().partition("=")
        if sep:
            fields[name] = value
    return fields


def acs3_canonical_request(request: SignedRequest, signed_headers: Iterable[str]) -> str:
    # The client lists the headers it signed sorted and lower-cased; use them as listed.
    names = [name.lower() for name in signed_headers if name]
    canonical_headers = ""
    for name in names:
        values = sorted(v.strip() for v in request.header_values(name))
        canonical_headers += f"{name}:{','.join(values)}\n"
    query = "&".join(
        f"{k}={quote(v, safe='~', encoding='utf-8')}" for k, v in sorted(request.query.items())
    )
    # The payload hash is recomputed from the body: a tampered x-acs-content-sha256 header (it
    # is a signed header) or body then fails the comparison.
    payload = hashlib.sha256(request.body).hexdigest()
    return "\n".join(
        [
            request.method,
            request.raw_path or "/",
            query,
            canonical_headers,
            ";".join(names),
            payload,
        ]
    )


def _acs3_signature(request: SignedRequest, secret: str, signed_headers: list[str]) -> str:
    canonical = acs3_canonical_request(request, signed_headers)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    string_to_sign = f"{ACS3_ALGORITHM}\n{digest}"
    key = secret.encode("utf-8")
    return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def make_key(
    key_id: str,
    secret: str,
    *,
    sts_token: str | None = None,
    token_expired: bool = False,
    denied_actions: Iterable[str] = (),
) -> AccessKey:
    return AccessKey(
        key_id=key_id,
        secret=secret,
        sts_token=sts_token,
        token_expired=token_expired,
        denied=frozenset(ram_action(a) for a in denied_actions),
    )
