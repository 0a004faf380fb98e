"""Routing: (method, path) to an operation name and its path parameters; the Call handed to
the operations. Paths and methods are those of the official SDK's ``client.py``."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

from paiws.emulator.auth import AccessKey

# (method, path pattern) -> operation; `{Name}` is one percent-encoded path segment.
ROUTES: dict[tuple[str, str], str] = {
    ("GET", "/api/v1/products"): "ListProducts",
    ("GET", "/api/v1/workspaces"): "ListWorkspaces",
    ("POST", "/api/v1/workspaces"): "CreateWorkspace",
    ("GET", "/api/v1/workspaces/{WorkspaceId}"): "GetWorkspace",
    ("PUT", "/api/v1/workspaces/{WorkspaceId}"): "UpdateWorkspace",
    ("DELETE", "/api/v1/workspaces/{WorkspaceId}"): "DeleteWorkspace",
    ("GET", "/api/v1/workspaces/{WorkspaceId}/members"): "ListMembers",
    ("POST", "/api/v1/workspaces/{WorkspaceId}/members"): "CreateMember",
    ("DELETE", "/api/v1/workspaces/{WorkspaceId}/members"): "DeleteMembers",
    ("GET", "/api/v1/workspaces/{WorkspaceId}/member"): "GetMember",
    ("POST", "/api/v1/workspaces/{WorkspaceId}/members/{MemberId}/roles/{RoleName}"): (
        "AddMemberRole"
    ),
    ("DELETE", "/api/v1/workspaces/{WorkspaceId}/members/{MemberId}/roles/{RoleName}"): (
        "RemoveMemberRole"
    ),
    ("GET", "/api/v1/workspaces/{WorkspaceId}/users"): "ListWorkspaceUsers",
}
OPERATIONS: tuple[str, ...] = tuple(dict.fromkeys(ROUTES.values()))
_PATTERNS = [
    (method, pattern.split("/"), operation) for (method, pattern), operation in ROUTES.items()
]


def route(method: str, raw_path: str) -> tuple[str, dict[str, str]] | None:
    """(operation, decoded path parameters) for a request, or None for an unknown API.

    Each segment is decoded on its own, so an encoded ``/`` inside an ID stays in the ID."""
    segments = raw_path.split("/")
    for route_method, pattern, operation in _PATTERNS:
        if route_method != method or len(pattern) != len(segments):
            continue
        found: dict[str, str] = {}
        for expected, actual in zip(pattern, segments, strict=True):
            if expected.startswith("{"):
                if not actual:
                    break
                found[expected[1:-1]] = unquote(actual)
            elif expected != actual:
                break
        else:
            return operation, found
    return None


@dataclass(frozen=True)
class Call:
    """One authenticated request, as the operations see it."""

    operation: str
    region: str
    query: dict[str, str]
    body: bytes
    caller: AccessKey
    path_params: dict[str, str] = field(default_factory=dict)

    @property
    def workspace_id(self) -> str | None:
        return self.path_params.get("WorkspaceId")
