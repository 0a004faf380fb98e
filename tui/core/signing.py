"""Compose and sign one ROA request with aliyun-python-sdk-core, without its sending (R10, §7).

The SDK is kept for what it does well, the AIWorkSpace 2021-02-04 signature (HMAC-SHA1 over the
string to sign of SPEC §3), and nothing else: its sending path (vendored requests 2.18.3 /
urllib3 1.24.3) sends no SNI on Python 3.12+, ignores ``NO_PROXY``, logs bodies and defaults to
plain HTTP. This module repeats what ``AcsClient._implementation_of_do_action`` and
``AcsClient._make_http_response`` (aliyunsdkcore 2.16) do to a request before it is sent:

* ``Accept-Encoding: identity`` is added (``_implementation_of_do_action``);
* ``CommonRequest.trans_to_acs_request()`` builds the inner ``RoaRequest``, which shares the
  header dict with the ``CommonRequest``;
* ``signer.sign(region, request)`` returns the signed headers (``Date``, ``Accept``,
  ``x-acs-signature-*``, ``x-acs-version``, ``Content-MD5`` with a body, ``x-acs-security-token``
  for STS, ``Authorization``) and the path + percent-encoded query; both are merged like the SDK
  merges them;
* ``User-Agent`` and ``x-sdk-client`` are set, the body is the request's content.

The signer is built per request from freshly fetched credentials (refreshed STS credentials
apply), so ``AcsClient`` and its ``cn-hangzhou`` default region are never involved. ``RegionId``
and ``x-acs-region-id`` are always set from the caller's region (R2): the SDK adds them from
its own region only when ``RegionId`` is missing.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from paiws import APP_NAME, __version__
from paiws.core.credentials import ResolvedCredentials

API_VERSION = "2021-02-04"


@dataclass(frozen=True)
class SignedRequest:
    """What goes on the wire. ``target`` is the path and query exactly as signed. The headers
    hold ``Authorization`` and possibly the STS token: never printed (repr is redacted)."""

    method: str
    target: str
    headers: Mapping[str, str] = field(repr=False)
    body: bytes | None = field(default=None, repr=False)


def user_agent() -> str:
    """Names this application first, then the pieces that shape the request."""
    import urllib3

    core = __import__("aliyunsdkcore").__version__
    return (
        f"{APP_NAME}/{__version__} (Python {platform.python_version()}; "
        f"urllib3 {getattr(urllib3, '__version__', '?')}; aliyun-python-sdk-core {core})"
    )


def sign(
    credentials: ResolvedCredentials,
    *,
    method: str,
    uri_pattern: str,
    action: str,
    domain: str,
    region: str,
    query: Mapping[str, str],
    path_params: Mapping[str, str],
    body: Mapping[str, Any] | None,
    agent: str,
) -> SignedRequest:
    """The signed request for one ROA call. ``path_params`` must already be checked: the SDK
    puts them into the path unescaped."""
    from aliyunsdkcore.request import CommonRequest

    request = CommonRequest()
    request.set_domain(domain)  # trans_to_acs_request needs a domain or a product code
    request.set_version(API_VERSION)
    request.set_action_name(action)
    request.set_uri_pattern(uri_pattern)
    request.set_method(method)
    request.set_accept_format("JSON")
    for key, value in path_params.items():
        request.add_path_param(key, value)
    for key, value in query.items():
        request.add_query_param(key, value)
    request.add_query_param("RegionId", region)
    request.add_header("x-acs-region-id", region)
    content: bytes | None = None
    if body is not None:
        content = json.dumps(body, ensure_ascii=False).encode("utf-8")
        request.set_content(content)
        request.set_content_type("application/json")
    request.add_header("Accept-Encoding", "identity")
    request.trans_to_acs_request()
    headers = request.get_headers()  # the same dict the inner RoaRequest signs and extends
    signed_headers, target = _signer(credentials).sign(region, request)
    headers.update(signed_headers)
    headers["User-Agent"] = agent
    headers["x-sdk-client"] = "python/2.0.0"
    return SignedRequest(
        method=method,
        target=str(target),
        headers={str(k): str(v) for k, v in headers.items()},
        body=content,
    )


def _signer(credentials: ResolvedCredentials) -> Any:
    from aliyunsdkcore.auth.credentials import AccessKeyCredential, StsTokenCredential
    from aliyunsdkcore.auth.signers.access_key_signer import AccessKeySigner
    from aliyunsdkcore.auth.signers.sts_token_signer import StsTokenSigner

    if credentials.security_token:
        return StsTokenSigner(
            StsTokenCredential(
                credentials.access_key_id, credentials.access_key_secret, credentials.security_token
            )
        )
    return AccessKeySigner(
        AccessKeyCredential(credentials.access_key_id, credentials.access_key_secret)
    )
