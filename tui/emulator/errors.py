"""API errors as the real AIWorkSpace gateway reports them.

Every error becomes the JSON body ``{RequestId, HostId, Code, Message, Recommend}`` (403s add
``AccessDeniedDetail``). The HTTP statuses and codes follow SPEC §3 and the API reference;
where both are silent the choice is written next to the constructor below (and summed up in
the package docstring).
"""

from __future__ import annotations

from typing import Any

NOT_FOUND_CODE = "100400027"  # GetWorkspace reference / SPEC R7
OWNER_DELETE_CODE = "100600017"  # DeleteMembers reference example


class ApiError(Exception):
    """Raised anywhere in request handling; the server turns it into an error response."""

    def __init__(
        self, status: int, code: str, message: str, *, extra: dict[str, Any] | None = None
    ) -> None:
        super().__init__(f"{status} {code}")
        self.status = status
        self.code = code
        self.message = message
        self.extra: dict[str, Any] = dict(extra or {})

    def body(self, request_id: str, host_id: str) -> dict[str, Any]:
        body: dict[str, Any] = {
            "RequestId": request_id,
            "HostId": host_id,
            "Code": self.code,
            "Message": self.message,
            "Recommend": (
                "https://api.aliyun.com/troubleshoot?q="
                f"{self.code}&product=AIWorkSpace&requestId={request_id}"
            ),
        }
        body.update(self.extra)
        return body


def invalid_parameter(message: str) -> ApiError:
    return ApiError(400, "InvalidParameter", message)


def workspace_not_found(workspace_id: str) -> ApiError:
    return ApiError(404, NOT_FOUND_CODE, f"Workspace not exists: {workspace_id}")


def name_taken(name: str) -> ApiError:
    return ApiError(
        400, "WorkspaceNameAlreadyExists", f"Workspace name {name} already exists in this region."
    )


def not_activated(region: str) -> ApiError:
    # The SPEC does not name this error (clients must check ListProducts first, R3). We answer
    # 400 rather than 403 so that it is never mistaken for a RAM permission problem.
    return ApiError(
        400,
        "ServiceNotActivated",
        f"PAI is not activated in region {region}: activate it before using workspaces.",
    )


def unknown_api(method: str, path: str) -> ApiError:
    return ApiError(404, "InvalidApi.NotFound", f"Specified api is not found: {method} {path}")


def unknown_access_key() -> ApiError:
    # The real service answers 404 for an AccessKey ID it does not know.
    return ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")


def bad_signature() -> ApiError:
    # aliyun-python-sdk-core splits this Message on ':' (IndexError without one). The real
    # service echoes its string to sign after the colon; we do not, because that string
    # contains the x-acs-security-token header and must not end up in client logs.
    return ApiError(
        400,
        "SignatureDoesNotMatch",
        "Specified signature is not matched with our calculation: "
        "check the AccessKey secret and how the request is signed.",
    )


def incomplete_signature(detail: str) -> ApiError:
    return ApiError(
        400,
        "IncompleteSignature",
        f"The request signature does not conform to Aliyun standards: {detail}",
    )


def content_md5_mismatch() -> ApiError:
    return ApiError(400, "ContentMD5NotMatched", "Specified content md5 is not matched: body.")


def token_expired() -> ApiError:
    return ApiError(
        400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired or unknown."
    )


def forbidden(action: str, principal: str) -> ApiError:
    return ApiError(
        403,
        "Forbidden.RAM",
        f"User not authorized to operate on the specified resource: {action} is not allowed.",
        extra={
            "AccessDeniedDetail": {
                "AuthAction": action,
                "AuthPrincipalType": "SubUser",
                "AuthPrincipalDisplayName": principal,
                "AuthPrincipalOwnerId": "1469205837410001",
                "PolicyType": "AccountLevelIdentityBasedPolicy",
                "NoPermissionType": "ImplicitDeny",
                "EncodedDiagnosticMessage": "ZGVtby1kaWFnbm9zdGlj",
            }
        },
    )


def throttled() -> ApiError:
    return ApiError(400, "Throttling.User", "Request was denied due to user flow control.")


def throttled_plain() -> ApiError:
    return ApiError(400, "Throttling", "Request was denied due to request throttling.")


def missing_region() -> ApiError:
    # The emulator's choice (fallback_region=None): real endpoints carry the region in the
    # host name, so the real service never has to ask for it.
    return ApiError(
        400,
        "MissingRegionId",
        "The request names no region: send the x-acs-region-id header (or the RegionId "
        "query parameter).",
    )


# Members (the API reference lists no member errors; codes are the emulator's choice unless
# marked as sourced) -----------------------------------------------------------------------


def member_not_found(member: str, workspace_id: str) -> ApiError:
    return ApiError(
        404, "MemberNotFound", f"Member {member} not exists in workspace {workspace_id}."
    )


def member_exists(user_id: str, workspace_id: str) -> ApiError:
    return ApiError(
        400,
        "MemberAlreadyExists",
        f"User {user_id} is already a member of workspace {workspace_id}.",
    )


def user_not_found(user_id: str) -> ApiError:
    # 400, not 404: the resource addressed (the workspace) exists; a body value is wrong.
    return ApiError(
        400, "UserNotFound", f"User {user_id} is not a user of this account and cannot be added."
    )


def owner_not_deletable() -> ApiError:
    # Code and message from the DeleteMembers reference example; the status is our choice.
    return ApiError(400, OWNER_DELETE_CODE, "Owner not allowed to delete")


def owner_role_fixed() -> ApiError:
    return ApiError(
        400,
        "CannotModifyOwnerRole",
        "The role PAI.WorkspaceOwner cannot be granted or removed: a workspace has exactly one "
        "owner.",
    )


def last_role() -> ApiError:
    return ApiError(
        400,
        "MemberRoleRequired",
        "A member keeps at least one role: remove the member with DeleteMembers instead.",
    )


def internal_error() -> ApiError:
    return ApiError(
        500, "InternalError", "The request processing has failed due to some unknown error."
    )


def unavailable() -> ApiError:
    return ApiError(
        503,
        "ServiceUnavailable",
        "The request has failed due to a temporary failure of the server.",
    )
