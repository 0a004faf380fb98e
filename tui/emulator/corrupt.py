"""Wrongly typed fields on demand (SPEC R16): per-item overrides applied to response bodies.

``Emulator.corrupt_fields(region, workspace_id, {"EnvTypes": "canary"})`` makes every item
about that workspace (ListWorkspaces items, the GetWorkspace body) carry exactly those wire
keys and values; with ``user_id=...`` it targets that person's items in the workspace's
ListMembers / GetMember / CreateMember answers and in its ListWorkspaceUsers answer. A value
replaces the field (or adds it); ``OMIT`` removes it. The stored data never changes, so every
operation keeps working; only what goes over the wire differs. Overrides are matched on the
item's real IDs, before they are applied.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any, Final


class _Omit:
    def __repr__(self) -> str:
        return "OMIT"


OMIT: Final = _Omit()  # as a value: leave the key out of the item

_Key = tuple[str, str, str | None]  # (region, workspace id, user id or None)
_ITEM_LISTS = {
    "ListWorkspaces": "Workspaces",
    "ListMembers": "Members",
    "CreateMember": "Members",
    "ListWorkspaceUsers": "Users",
}
_MEMBER_BODIES = ("GetMember",)


class CorruptionBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._overrides: dict[_Key, dict[str, Any]] = {}

    def set(
        self, region: str, workspace_id: str, fields: Mapping[str, Any], user_id: str | None
    ) -> None:
        if not fields:
            raise ValueError("Name at least one field to corrupt.")
        with self._lock:
            self._overrides.setdefault((region, workspace_id, user_id), {}).update(fields)

    def clear(self) -> None:
        with self._lock:
            self._overrides.clear()

    def apply(
        self, operation: str, region: str, path: Mapping[str, str], body: dict[str, Any]
    ) -> dict[str, Any]:
        """``body`` with the overrides that concern it (the same object when none do)."""
        with self._lock:
            if not self._overrides:
                return body
            overrides = dict(self._overrides)
        workspace_id = path.get("WorkspaceId", "")
        list_key = _ITEM_LISTS.get(operation)
        if list_key is not None and isinstance(body.get(list_key), list):
            by_workspace = operation == "ListWorkspaces"
            items = []
            for item in body[list_key]:
                if not isinstance(item, dict):
                    items.append(item)
                else:
                    key: _Key = (
                        (region, str(item.get("WorkspaceId")), None)
                        if by_workspace
                        else (region, workspace_id, str(item.get("UserId")))
                    )
                    items.append(_patched(item, overrides.get(key)))
            return {**body, list_key: items}
        if operation == "GetWorkspace":
            return _patched(body, overrides.get((region, workspace_id, None)))
        if operation in _MEMBER_BODIES:
            return _patched(body, overrides.get((region, workspace_id, str(body.get("UserId")))))
        return body


def _patched(item: dict[str, Any], fields: Mapping[str, Any] | None) -> dict[str, Any]:
    if not fields:
        return item
    out = dict(item)
    for key, value in fields.items():
        if value is OMIT:
            out.pop(key, None)
        else:
            out[key] = value
    return out
