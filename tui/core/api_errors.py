"""An AIWorkSpace error response (status + JSON body) as a typed ``PaiwsError`` (R7, R9, R12).

Only ``Code``, ``Message`` and ``RequestId`` are read, each through ``server_text.untrusted``
with the request's credentials as secrets; ``Recommend``, ``HostId`` and ``AccessDeniedDetail``
(the denied principal's owner ID, display name and diagnostics) are never looked at. The code is
classified on its raw value (bounded), but only its sanitised form is kept. Credential errors
never show the server's text at all: a fixed sentence per kind, because their messages echo the
string to sign, the AccessKey ID or the token.
"""

from __future__ import annotations

import re

from paiws.core.errors import (
    AuthFailed,
    InvalidParameter,
    MemberAlreadyExists,
    MemberNotFound,
    NameAlreadyExists,
    NotFound,
    PaiwsError,
    PermissionDenied,
    ServerError,
    Throttled,
    UserNotFound,
)
from paiws.core.i18n import N_, _
from paiws.core.policies import policy_for
from paiws.core.server_text import INPUT_BOUND, CredentialScrubber, untrusted
from paiws.core.wire_json import decode_json

NOT_FOUND_CODE = "100400027"
_KEY_ID = N_("the AccessKey ID is unknown or disabled")
_SIGNATURE = N_("the request signature did not match; the AccessKey secret is probably wrong")
_TOKEN = N_("the STS security token is invalid or has expired")
# (code prefix, fixed sentence); the first matching prefix wins, so longer prefixes come first.
AUTH_CODES: tuple[tuple[str, str], ...] = (
    ("SignatureDoesNotMatch", _SIGNATURE),
    ("IncompleteSignature", _SIGNATURE),
    ("InvalidAccessKeySecret", _SIGNATURE),
    ("InvalidAuthorization", _SIGNATURE),
    ("InvalidAccessKeyId", _KEY_ID),
    ("InvalidAccessKey", _KEY_ID),
    ("InvalidSecurityToken", _TOKEN),
    ("MissingSecurityToken", _TOKEN),
)
_WELL_FORMED_CODE = re.compile(r"[A-Za-z][A-Za-z0-9.]{0,63}")


def error_fields(content: bytes) -> tuple[str, object, object]:
    """(raw Code bounded, raw Message, raw RequestId) of an error body; nothing of a body that
    is not a JSON object. The raw values never leave this module unsanitised."""
    try:
        data = decode_json(content)
    except (ValueError, RecursionError):
        return "", None, None
    if not isinstance(data, dict):
        return "", None, None
    code = data.get("Code")
    raw_code = code.strip()[:INPUT_BOUND] if isinstance(code, str) else ""
    return raw_code, data.get("Message"), data.get("RequestId")


def _auth_error(raw_code: str, request_id: str | None) -> AuthFailed | None:
    for prefix, sentence in AUTH_CODES:
        if raw_code.startswith(prefix):
            shown = raw_code if _WELL_FORMED_CODE.fullmatch(raw_code) else prefix
            return AuthFailed(
                _("The credentials were rejected: {reason} ({code}).").format(
                    reason=_(sentence), code=shown
                ),
                code=shown,
                request_id=request_id,
                hint=_("Check the key, secret or token with `aliyun configure` and try again."),
            )
    return None


def error_for(
    operation: str,
    action: str,
    status: int,
    content: bytes,
    workspace_id: str | None,
    secrets: CredentialScrubber,
) -> PaiwsError:
    """The typed error for a non-2xx answer to ``operation`` (``action``: its RAM action)."""
    raw_code, raw_message, raw_request_id = error_fields(content)
    del content  # from here on nothing can reach the raw body
    request_id = untrusted(raw_request_id, secrets, limit=80) or None
    auth = _auth_error(raw_code, request_id)
    if auth is not None:
        return auth
    code = untrusted(raw_code, secrets, limit=80) or None
    message = untrusted(raw_message, secrets)
    shown = code or f"HTTP {status}"
    detail = f"{shown}: {message}" if message else shown
    member = _member_error(raw_code, detail, code, request_id, workspace_id)
    if member is not None:
        return member
    if workspace_id and (raw_code == NOT_FOUND_CODE or status == 404):
        return NotFound(workspace_id, request_id=request_id)
    if raw_code.startswith("Throttling"):
        return Throttled(
            _("The service is throttling requests ({detail}).").format(detail=detail),
            code=code,
            request_id=request_id,
            hint=_("Wait a moment and try again."),
        )
    if status == 403 or raw_code.startswith(("Forbidden", "NoPermission")):
        return PermissionDenied(
            _(
                "Permission denied: {action} is not allowed for these credentials ({detail})."
            ).format(action=action, detail=detail),
            action=action,
            policy=policy_for(action),
            code=code or "Forbidden",
            request_id=request_id,
        )
    if raw_code == "WorkspaceNameAlreadyExists":
        return NameAlreadyExists(
            _("The workspace name is already taken ({detail}).").format(detail=detail),
            code=code,
            request_id=request_id,
        )
    if raw_code.startswith("InvalidParameter"):
        return InvalidParameter(
            _("The service rejected a parameter ({detail}).").format(detail=detail),
            code=code,
            request_id=request_id,
        )
    if status >= 500:
        return ServerError(
            _("The service failed with HTTP {status} ({detail}).").format(
                status=status, detail=detail
            ),
            code=code or f"HTTP{status}",
            request_id=request_id,
            hint=_("This is usually temporary; try again shortly."),
        )
    return PaiwsError(
        _("{operation} failed with HTTP {status} ({detail}).").format(
            operation=operation, status=status, detail=detail
        ),
        code=code or f"HTTP{status}",
        request_id=request_id,
    )


def _member_error(
    raw_code: str,
    detail: str,
    code: str | None,
    request_id: str | None,
    workspace_id: str | None,
) -> PaiwsError | None:
    """The member calls' own codes (the emulator's choices, see paiws.emulator): a missing
    member is not a missing workspace, though both are 404 on a workspace path (exit 4)."""
    if raw_code == "MemberNotFound":
        return MemberNotFound(
            (
                _("That person is not a member of workspace {id} ({detail}).")
                if workspace_id
                else _("That person is not a member ({detail}).")
            ).format(id=workspace_id, detail=detail),
            code=code,
            request_id=request_id,
            hint=_("Refresh the member list; someone may have removed them meanwhile."),
        )
    if raw_code == "UserNotFound":
        return UserNotFound(
            _("The account has no such user to add ({detail}).").format(detail=detail),
            code=code,
            request_id=request_id,
            hint=_("Check the user ID; `paiws members users WS_ID --name TEXT` finds people."),
        )
    if raw_code == "MemberAlreadyExists":
        return MemberAlreadyExists(
            (
                _("That person is already a member of workspace {id} ({detail}).")
                if workspace_id
                else _("That person is already a member ({detail}).")
            ).format(id=workspace_id, detail=detail),
            code=code,
            request_id=request_id,
        )
    return None
