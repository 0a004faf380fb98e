"""The AIWorkSpace 2021-02-04 API client: the only code above the wire that sees raw JSON.

One method per operation of SPEC §3; each builds its parameters and calls ``_call``, so a new
operation is one ``OPERATIONS`` entry and one small method. Underneath, each request is

* checked locally first (region, IDs in the path: invalid input never reaches the network);
* signed by ``paiws.core.signing`` (aliyun-python-sdk-core's ROA signer, its sending unused),
  with a signer built per request from freshly fetched credentials (refreshed STS credentials
  apply) and ``RegionId``/``x-acs-region-id`` from the caller's region (R2);
* sent by ``paiws.core.transport`` (urllib3 2.x: SNI and verification on, proxies per R10,
  whole-response deadline, size cap);
* decoded by ``paiws.core.wire_json`` (every string encodable) or, for an error status, turned
  into a typed error by ``paiws.core.api_errors`` from sanitised server text only; every error
  is raised ``from None`` with the traceback cut, so no frame's locals (signed headers, raw
  bytes) can be printed (R9; Textual prints tracebacks with locals);
* retried by ``paiws.core.retry`` when it is a GET (R11); the SDK's retries are not involved.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from paiws.core.credentials import CredentialSource, ResolvedCredentials
from paiws.core.endpoint import Endpoint, LazyEndpoint, regional_endpoint
from paiws.core.errors import (
    InvalidInput,
    MalformedResponse,
    NetworkError,
    PaiwsError,
    trim,
)
from paiws.core.i18n import _
from paiws.core.raw import Raw
from paiws.core.retry import RetryPolicy
from paiws.core.timeouts import Timeouts
from paiws.core.validation import (
    BATCH_IDS_MAX,
    check_region,
    check_workspace_id,
    require,
    user_id_problem,
)

if TYPE_CHECKING:
    from paiws.core.server_text import CredentialScrubber
    from paiws.core.transport import Transport

MAX_BATCH_IDS = BATCH_IDS_MAX
_MEMBERS = "/api/v1/workspaces/[WorkspaceId]/members"
_ROLE = "/api/v1/workspaces/[WorkspaceId]/members/[MemberId]/roles/[RoleName]"
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
    "ListMembers": ("GET", _MEMBERS, "paiworkspace:ListMembers"),
    "CreateMember": ("POST", _MEMBERS, "paiworkspace:CreateMember"),
    "DeleteMembers": ("DELETE", _MEMBERS, "paiworkspace:DeleteMembers"),
    "AddMemberRole": ("POST", _ROLE, "paiworkspace:AddMemberRole"),
    "RemoveMemberRole": ("DELETE", _ROLE, "paiworkspace:RemoveMemberRole"),
    "ListWorkspaceUsers": (
        "GET",
        "/api/v1/workspaces/[WorkspaceId]/users",
        "paiworkspace:ListWorkspaceUsers",
    ),
}
# Parameters that name a person (R8): never echoed back from a server message, see _scrubber.
_PEOPLE_PARAMS = ("UserId", "MemberIds", "MemberId")


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
        self._wire: Transport | None = None
        self._agent = ""
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
                _("At most {n} workspace IDs can be looked up at once.").format(n=MAX_BATCH_IDS),
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

    # -- members (SPEC §3 members table) ---------------------------------------------------

    def list_members(
        self,
        region: str,
        workspace_id: str,
        *,
        page_number: int | None = None,
        page_size: int | None = None,
        name: str | None = None,
        roles: tuple[str, ...] = (),
        user_id: str | None = None,
    ) -> Raw:
        query = {
            "PageNumber": None if page_number is None else str(page_number),
            "PageSize": None if page_size is None else str(page_size),
            "MemberName": name,
            "Roles": ",".join(roles) or None,
            "UserId": None if user_id is None else check_user_id(user_id),
        }
        return self._call(region, "ListMembers", workspace_id=workspace_id, query=query)

    def create_members(
        self, region: str, workspace_id: str, members: tuple[tuple[str, tuple[str, ...]], ...]
    ) -> Raw:
        """One CreateMember call: ``Members[] {UserId, Roles[]}`` (never retried: a POST)."""
        body = {
            "Members": [
                {"UserId": check_user_id(user_id), "Roles": list(roles)}
                for user_id, roles in members
            ]
        }
        return self._call(region, "CreateMember", workspace_id=workspace_id, body=body)

    def delete_members(self, region: str, workspace_id: str, member_ids: tuple[str, ...]) -> Raw:
        ids = ",".join(check_path_value("MemberId", mid) for mid in member_ids)
        return self._call(
            region, "DeleteMembers", workspace_id=workspace_id, query={"MemberIds": ids}
        )

    def add_member_role(self, region: str, workspace_id: str, member_id: str, role: str) -> Raw:
        return self._call(
            region,
            "AddMemberRole",
            workspace_id=workspace_id,
            path_params={"MemberId": member_id, "RoleName": role},
        )

    def remove_member_role(self, region: str, workspace_id: str, member_id: str, role: str) -> Raw:
        return self._call(
            region,
            "RemoveMemberRole",
            workspace_id=workspace_id,
            path_params={"MemberId": member_id, "RoleName": role},
        )

    def list_workspace_users(self, region: str, workspace_id: str, *, name: str) -> Raw:
        return self._call(
            region, "ListWorkspaceUsers", workspace_id=workspace_id, query={"UserName": name}
        )

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
        path_params: Mapping[str, str] | None = None,
    ) -> Raw:
        """Check, then send ``operation`` (retrying a GET). ``workspace_id`` fills
        ``[WorkspaceId]`` and makes a 404 a ``NotFound``; ``path_params`` fill the pattern's
        other ``[Name]`` slots, checked like IDs (the signer puts them into the path as is)."""
        region = check_region(region)
        path = {key: check_path_value(key, value) for key, value in (path_params or {}).items()}
        if workspace_id is not None:
            path["WorkspaceId"] = check_workspace_id(workspace_id)
        method = OPERATIONS[operation][0]
        params = {k: v for k, v in (query or {}).items() if v is not None}

        def attempt() -> Raw:
            return self._send(region, operation, params, body, path)

        return self.retry.call(method, attempt)

    def _send(
        self,
        region: str,
        operation: str,
        params: dict[str, str],
        body: Mapping[str, Any] | None,
        path: dict[str, str],
    ) -> Raw:
        try:
            return self._exchange(region, operation, params, body, path)
        except PaiwsError as error:
            # Cut the traceback: frames below hold signed headers and raw bytes in their
            # locals, and Textual prints tracebacks with locals (R9).
            raise error.with_traceback(None) from None

    def _exchange(
        self,
        region: str,
        operation: str,
        params: dict[str, str],
        body: Mapping[str, Any] | None,
        path: dict[str, str],
    ) -> Raw:
        # The wire modules are imported at the first request: the TUI's start-up needs none.
        from paiws.core.api_errors import error_for
        from paiws.core.signing import sign

        credentials = self.credentials.get()  # per request: refreshed STS credentials apply
        transport, agent = self._transport()
        endpoint = self.endpoint_for(region)
        method, uri_pattern, action = OPERATIONS[operation]
        try:
            request = sign(
                credentials,
                method=method,
                uri_pattern=uri_pattern,
                action=operation,
                domain=endpoint.netloc,
                region=region,
                query=params,
                path_params=path,
                body=body,
                agent=agent,
            )
        except UnicodeEncodeError:
            raise InvalidInput(
                _("The text contains characters that cannot be sent (invalid Unicode)."),
                code="InvalidText",
            ) from None
        except Exception as exc:  # the SDK's ClientException: a request it could not compose
            code = exc.get_error_code() if hasattr(exc, "get_error_code") else type(exc).__name__
            raise NetworkError(
                _("The {operation} request could not be composed ({code}).").format(
                    operation=operation, code=trim(str(code), 60)
                ),
                code="ClientError",
            ) from None
        status, content = transport.send(endpoint, request, operation)
        if 200 <= status < 300:
            return _decode_success(operation, content)
        people = _people_values(params, path, body)
        raise error_for(
            operation,
            action,
            status,
            content,
            path.get("WorkspaceId"),
            _scrubber(credentials, people),
        )

    def _transport(self) -> tuple[Transport, str]:
        """The transport, made on first use: importing urllib3 and the SDK waits until then."""
        with self._lock:
            if self._wire is None:
                from paiws.core.sdk_safety import neutralise_sdk, quiet_urllib3_for_our_requests
                from paiws.core.signing import user_agent
                from paiws.core.transport import Transport

                neutralise_sdk()
                quiet_urllib3_for_our_requests()
                self._wire = Transport(self.timeouts)
                self._agent = user_agent()
            return self._wire, self._agent

    def close(self) -> None:
        with self._lock:
            if self._wire is not None:
                self._wire.close()
                self._wire = None


def check_path_value(name: str, value: str) -> str:
    """A value for a ``[Name]`` slot of a path pattern: the ID rule (safe characters only)."""
    try:
        return check_workspace_id(value)
    except InvalidInput:
        raise InvalidInput(
            _(
                "{name} starts with a letter or digit and may contain only letters, digits, "
                "'-', '_' and '.' (at most 64)."
            ).format(name=name),
            code=f"Invalid{name}",
        ) from None


def _people_values(
    params: Mapping[str, str], path: Mapping[str, str], body: Mapping[str, Any] | None
) -> list[str]:
    """The user and member IDs a request carries: a server message that echoes one (``User
    <id> is already a member``) must not show it whole (R8), whatever its shape."""
    values = [v for key in _PEOPLE_PARAMS for v in (params.get(key), path.get(key)) if v]
    values = [piece for value in values for piece in value.split(",")]
    members = body.get("Members") if body else None
    if isinstance(members, list):
        values.extend(str(m.get("UserId")) for m in members if isinstance(m, dict))
    return values


def _scrubber(credentials: ResolvedCredentials, people: list[str]) -> CredentialScrubber:
    from paiws.core.server_text import CredentialScrubber

    return CredentialScrubber(
        (
            credentials.access_key_id,
            credentials.access_key_secret,
            credentials.security_token,
            *people,
        )
    )


def _decode_success(operation: str, content: bytes) -> Raw:
    from paiws.core.wire_json import decode_json

    try:
        data = decode_json(content)
    except (ValueError, RecursionError):
        raise MalformedResponse(
            _("The server's reply to {operation} is not JSON.").format(operation=operation),
            code="MalformedResponse",
            hint=_("The endpoint may not be an AIWorkSpace API; check --endpoint and retry."),
        ) from None
    if not isinstance(data, dict):
        raise MalformedResponse(
            _("The server's reply to {operation} is not a JSON object.").format(
                operation=operation
            ),
            code="MalformedResponse",
        )
    return Raw(data, operation)


def check_user_id(user_id: str) -> str:
    require(user_id_problem(user_id), "InvalidUserId")
    return user_id.strip()
