"""The AIWorkSpace 2021-02-04 API client: the only code that touches aliyunsdkcore or raw JSON.

aliyun-python-sdk-core ``AcsClient`` + ROA ``CommonRequest``, with the SDK's defaults corrected
(all verified in aliyunsdkcore 2.16 source, see SPEC §7):

* protocol: the SDK defaults to plain HTTP; we set https on every request (http only for
  loopback endpoints, R10), with certificate verification always on (``ALIBABA_CLOUD_CA_BUNDLE``
  honoured) in our session's ``send``;
* endpoint: the SDK has no AIWorkSpace entry, so the domain is set on every request;
* region: ROA signing adds ``RegionId`` and ``x-acs-region-id`` from the *client's* region only
  when ``RegionId`` is absent; we always add both ourselves, from the caller's region (R2), and
  create one ``AcsClient`` per chosen region, so the SDK's ``cn-hangzhou`` default is never used;
* credentials: a signer is built per request from the credential source, so refreshed STS
  credentials are picked up; the client's own signer is never used (``_implementation_of_do_action``
  takes a signer), which also keeps the SDK's ``ALIYUN_ACCESS_KEY_ID`` environment lookup out;
* errors: ``_get_server_exception`` is disabled: it logs non-JSON bodies, copies them into
  ``ServerException`` messages and crashes (IndexError) on a ``SignatureDoesNotMatch`` message
  without ``:``. We decode status and body ourselves and raise ``paiws.core.errors`` types built
  from code + trimmed message only, always ``from None`` and with the SDK frames cut off;
* proxies: the SDK reads ``HTTP(S)_PROXY`` and ignores ``NO_PROXY``; our session drops proxies
  for loopback hosts and for hosts ``NO_PROXY`` lists;
* retries: the SDK's are off (``auto_retry=False``); GETs are retried by ``paiws.core.retry``.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from typing import Any

from paiws import APP_NAME, __version__
from paiws.core.credentials import CredentialSource, ResolvedCredentials
from paiws.core.endpoint import Endpoint, LazyEndpoint, regional_endpoint
from paiws.core.errors import (
    AuthFailed,
    InvalidInput,
    InvalidParameter,
    MalformedResponse,
    NameAlreadyExists,
    NetworkError,
    NotFound,
    PaiwsError,
    PermissionDenied,
    ServerError,
    Throttled,
    trim,
)
from paiws.core.raw import Raw
from paiws.core.retry import RetryPolicy
from paiws.core.sdk_safety import make_acs_client
from paiws.core.timeouts import Timeouts
from paiws.core.validation import BATCH_IDS_MAX, check_region, check_workspace_id
from paiws.paths import read_asset

API_VERSION = "2021-02-04"
MAX_BATCH_IDS = BATCH_IDS_MAX
# operation -> (HTTP method, ROA path pattern, RAM action for permission errors)
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "ListProducts": ("GET", "/api/v1/products", "pai:ListProducts"),
    "ListWorkspaces": ("GET", "/api/v1/workspaces", "paiworkspace:ListWorkspaces"),
    "GetWorkspace": ("GET", "/api/v1/workspaces/[WorkspaceId]", "paiworkspace:GetWorkspace"),
    "CreateWorkspace": ("POST", "/api/v1/workspaces", "paiworkspace:CreateWorkspace"),
    "UpdateWorkspace": ("PUT", "/api/v1/workspaces/[WorkspaceId]", "paiworkspace:UpdateWorkspace"),
    "DeleteWorkspace": (
        "DELETE",
        "/api/v1/workspaces/[WorkspaceId]",
        "paiworkspace:DeleteWorkspace",
    ),
}
_AUTH_CODES = (
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidAccessKeySecret",
    "InvalidSecurityToken",
    "IncompleteSignature",
    "InvalidAccessKey",
)


def _flag(value: bool) -> str:
    return "true" if value else "false"


class WorkspaceClient:
    """One method per operation of SPEC §3; each returns the decoded JSON object as ``Raw``."""

    def __init__(
        self,
        credentials: CredentialSource,
        *,
        endpoint: Endpoint | LazyEndpoint | None = None,
        vpc: bool = False,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.credentials = credentials
        self.endpoint = endpoint  # None: the regional endpoint aiworkspace[-vpc].<region>...
        self.vpc = vpc
        self.timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self._clients: dict[str, Any] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        where = (
            repr(self.endpoint)
            if isinstance(self.endpoint, LazyEndpoint)
            else self.endpoint.url
            if self.endpoint
            else "regional endpoint"
        )
        return f"<WorkspaceClient {where}>"

    # -- operations ------------------------------------------------------------------------

    def list_products(self, region: str) -> Raw:
        return self._call(
            region, "ListProducts", query={"ProductCodes": "PAI_share", "Verbose": "true"}
        )

    def list_workspaces(
        self,
        region: str,
        *,
        page_number: int | None = None,
        page_size: int | None = None,
        sort_by: str | None = None,
        order: str | None = None,
        name: str | None = None,
        status: str | None = None,
        option: str | None = None,
        workspace_ids: tuple[str, ...] = (),
        resource_group_id: str | None = None,
        verbose: bool | None = None,
    ) -> Raw:
        if len(workspace_ids) > MAX_BATCH_IDS:
            raise InvalidInput(
                f"At most {MAX_BATCH_IDS} workspace IDs can be looked up at once.",
                code="TooManyIds",
            )
        query: dict[str, str | None] = {
            "PageNumber": None if page_number is None else str(page_number),
            "PageSize": None if page_size is None else str(page_size),
            "SortBy": sort_by,
            "Order": order,
            "WorkspaceName": name,
            "Status": status,
            "Option": option,
            "WorkspaceIds": ",".join(check_workspace_id(i) for i in workspace_ids) or None,
            "ResourceGroupId": resource_group_id,
            "Verbose": None if verbose is None else _flag(verbose),
        }
        return self._call(region, "ListWorkspaces", query=query)

    def get_workspace(self, region: str, workspace_id: str, *, verbose: bool = False) -> Raw:
        # R6: Verbose is sent only when owner detail was asked for, never "false" by habit.
        return self._call(
            region,
            "GetWorkspace",
            workspace_id=workspace_id,
            query={"Verbose": "true" if verbose else None},
        )

    def create_workspace(
        self,
        region: str,
        *,
        name: str,
        description: str,
        env_types: tuple[str, ...],
        display_name: str | None = None,
        resource_group_id: str | None = None,
    ) -> Raw:
        body: dict[str, Any] = {
            "WorkspaceName": name,
            "Description": description,
            "EnvTypes": list(env_types),
        }
        if display_name:
            body["DisplayName"] = display_name
        if resource_group_id:
            body["ResourceGroupId"] = resource_group_id
        return self._call(region, "CreateWorkspace", body=body)

    def update_workspace(
        self,
        region: str,
        workspace_id: str,
        *,
        display_name: str | None = None,
        description: str | None = None,
    ) -> Raw:
        body = {
            k: v
            for k, v in (("DisplayName", display_name), ("Description", description))
            if v is not None
        }
        return self._call(region, "UpdateWorkspace", workspace_id=workspace_id, body=body)

    def delete_workspace(self, region: str, workspace_id: str) -> Raw:
        return self._call(region, "DeleteWorkspace", workspace_id=workspace_id)

    # -- plumbing --------------------------------------------------------------------------

    def endpoint_for(self, region: str) -> Endpoint:
        if isinstance(self.endpoint, LazyEndpoint):
            return self.endpoint.get()
        return self.endpoint or regional_endpoint(region, vpc=self.vpc)

    def _call(
        self,
        region: str,
        operation: str,
        *,
        query: Mapping[str, str | None] | None = None,
        body: Mapping[str, Any] | None = None,
        workspace_id: str | None = None,
    ) -> Raw:
        region = check_region(region)
        if workspace_id is not None:
            workspace_id = check_workspace_id(workspace_id)
        method = OPERATIONS[operation][0]
        params = {k: v for k, v in (query or {}).items() if v is not None}

        def attempt() -> Raw:
            return self._send(region, operation, params, body, workspace_id)

        return self.retry.call(method, attempt)

    def _send(
        self,
        region: str,
        operation: str,
        params: dict[str, str],
        body: Mapping[str, Any] | None,
        workspace_id: str | None,
    ) -> Raw:
        try:
            return self._exchange(region, operation, params, body, workspace_id)
        except PaiwsError as error:
            # Cut the traceback: SDK frames below hold signed headers and raw bytes in their
            # locals, and Textual prints tracebacks with locals (R9).
            raise error.with_traceback(None) from None

    def _exchange(
        self,
        region: str,
        operation: str,
        params: dict[str, str],
        body: Mapping[str, Any] | None,
        workspace_id: str | None,
    ) -> Raw:
        credentials = self.credentials.get()  # per request: refreshed STS credentials apply
        endpoint = self.endpoint_for(region)
        request = _build_request(
            operation, endpoint, region, params, body, workspace_id, self.timeouts
        )
        acs = self._acs(region)
        # The private entry point is the only one that accepts a per-request signer; it returns
        # (status, headers, body, exception) and raises only for requests it cannot build.
        try:
            status, _headers, content, _ = acs._implementation_of_do_action(
                request, _signer(credentials)
            )
        except PaiwsError:
            raise
        except Exception as exc:  # the SDK's ClientException: a request it could not build/send
            code = exc.get_error_code() if hasattr(exc, "get_error_code") else type(exc).__name__
            raise NetworkError(
                f"The {operation} request could not be sent ({trim(str(code), 60)}).",
                code="ClientError",
            ) from None
        if 200 <= status < 300:
            return _decode_success(operation, content)
        raise _error_for(operation, status, content, workspace_id, secrets=_secrets_of(credentials))

    def _acs(self, region: str) -> Any:
        with self._lock:
            acs = self._clients.get(region)
            if acs is None:
                acs = make_acs_client(region, user_agent=(APP_NAME, __version__))
                self._clients[region] = acs
            return acs

    def close(self) -> None:
        with self._lock:
            for acs in self._clients.values():
                acs.session.close()
            self._clients.clear()


def _build_request(
    operation: str,
    endpoint: Endpoint,
    region: str,
    params: dict[str, str],
    body: Mapping[str, Any] | None,
    workspace_id: str | None,
    timeouts: Timeouts,
) -> Any:
    from aliyunsdkcore.http import protocol_type
    from aliyunsdkcore.request import CommonRequest

    method, uri_pattern, _action = OPERATIONS[operation]
    request = CommonRequest()
    request.set_domain(endpoint.netloc)
    # The SDK's default is plain http, and HttpResponse tests `protocol is PT.HTTPS` (identity,
    # not equality): pass its own constant, or an equal-but-distinct "https" means plain HTTP.
    https = endpoint.scheme == "https"
    request.set_protocol_type(protocol_type.HTTPS if https else protocol_type.HTTP)
    request.set_version(API_VERSION)
    request.set_action_name(operation)
    request.set_uri_pattern(uri_pattern)
    request.set_method(method)
    request.set_accept_format("JSON")
    if workspace_id is not None:
        request.add_path_param("WorkspaceId", workspace_id)
    for key, value in params.items():
        request.add_query_param(key, value)
    # Both explicit, from the caller's region: the SDK adds them from its own region only when
    # RegionId is missing (R2).
    request.add_query_param("RegionId", region)
    request.add_header("x-acs-region-id", region)
    if body is not None:
        request.set_content(json.dumps(body, ensure_ascii=False).encode("utf-8"))
        request.set_content_type("application/json")
    request.set_connect_timeout(timeouts.connect)
    request.set_read_timeout(timeouts.read)
    return request


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


# -- decoding ----------------------------------------------------------------------------------


def _decode_success(operation: str, content: bytes) -> Raw:
    try:
        data = json.loads(content)
    except (ValueError, RecursionError):
        raise MalformedResponse(
            f"The server's reply to {operation} is not JSON.",
            code="MalformedResponse",
            hint="The endpoint may not be an AIWorkSpace API; check --endpoint and retry.",
        ) from None
    if not isinstance(data, dict):
        raise MalformedResponse(
            f"The server's reply to {operation} is not a JSON object.", code="MalformedResponse"
        )
    return Raw(data, operation)


# The real gateway answers SignatureDoesNotMatch with "... server string to sign is:<it>", and
# the string to sign holds every x-acs-* header, the STS token included (R1, R9).
_ECHOED_STRING_TO_SIGN = re.compile(r"[\s.:,;]*(?:server\s+)?string\s*to\s*sign.*", re.I | re.S)
_REDACTED = "[redacted]"


def _secrets_of(credentials: ResolvedCredentials) -> tuple[str, ...]:
    values = (credentials.access_key_id, credentials.access_key_secret, credentials.security_token)
    return tuple(v for v in values if v and len(v) >= 4)


def _scrub(text: str, secrets: tuple[str, ...]) -> str:
    """A server string without an echoed string to sign or any of our credentials; done
    before trimming, so a cut can never leave part of a secret behind."""
    text = _ECHOED_STRING_TO_SIGN.sub("", text)
    for secret in secrets:
        text = text.replace(secret, _REDACTED)
    return text


def _error_fields(
    content: bytes, secrets: tuple[str, ...] = ()
) -> tuple[str | None, str, str | None]:
    """(Code, trimmed Message, RequestId) of an error body; nothing of a non-JSON body."""
    try:
        data = json.loads(content)
    except (ValueError, RecursionError):
        return None, "", None
    if not isinstance(data, dict):
        return None, "", None
    code, message, request_id = data.get("Code"), data.get("Message"), data.get("RequestId")
    return (
        trim(_scrub(code, secrets), 80) if isinstance(code, str) and code.strip() else None,
        trim(_scrub(message, secrets)) if isinstance(message, str) else "",
        trim(_scrub(request_id, secrets), 80) if isinstance(request_id, str) else None,
    )


def _error_for(
    operation: str,
    status: int,
    content: bytes,
    workspace_id: str | None,
    *,
    secrets: tuple[str, ...] = (),
) -> PaiwsError:
    code, message, request_id = _error_fields(content, secrets)
    del content  # from here on nothing can reach the raw body
    shown = code or f"HTTP {status}"
    detail = f"{shown}: {message}" if message else shown
    action = OPERATIONS[operation][2]
    if code and code.startswith(_AUTH_CODES):
        return AuthFailed(
            f"The credentials were rejected ({detail}).",
            code=code,
            request_id=request_id,
            hint="Check the key, secret or token with `aliyun configure` and try again.",
        )
    if workspace_id and (code == "100400027" or status == 404):
        return NotFound(workspace_id, request_id=request_id)
    if code and code.startswith("Throttling"):
        return Throttled(
            f"The service is throttling requests ({detail}).",
            code=code,
            request_id=request_id,
            hint="Wait a moment and try again.",
        )
    if status == 403 or (code and code.startswith(("Forbidden", "NoPermission"))):
        return PermissionDenied(
            f"Permission denied: {action} is not allowed for these credentials ({detail}).",
            action=action,
            policy=read_asset("ram-policy.json"),
            code=code or "Forbidden",
            request_id=request_id,
        )
    if code == "WorkspaceNameAlreadyExists":
        return NameAlreadyExists(
            f"The workspace name is already taken ({detail}).", code=code, request_id=request_id
        )
    if code and code.startswith("InvalidParameter"):
        return InvalidParameter(
            f"The service rejected a parameter ({detail}).", code=code, request_id=request_id
        )
    if status >= 500:
        return ServerError(
            f"The service failed with HTTP {status} ({detail}).",
            code=code or f"HTTP{status}",
            request_id=request_id,
            hint="This is usually temporary; try again shortly.",
        )
    return PaiwsError(
        f"{operation} failed with HTTP {status} ({detail}).",
        code=code or f"HTTP{status}",
        request_id=request_id,
    )
