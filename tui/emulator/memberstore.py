"""A workspace's members and the account's user pool (plain containers; the Store locks).

Member IDs are ``<WorkspaceId>-<UserId>``: the format of the DeleteMembers reference example
(``145883-21513926******88039``), so a member ID embeds the account UID and is unique per
workspace. A member record has exactly ListMembers' item fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

MEMBER_FIELDS = (
    "MemberId",
    "UserId",
    "MemberName",
    "DisplayName",
    "AccountName",
    "AccountType",
    "Roles",
    "GmtCreateTime",
)
USER_FIELDS = ("UserId", "UserName", "DisplayName", "AccountName", "AccountType")


def member_id(workspace_id: str, user_id: str) -> str:
    return f"{workspace_id}-{user_id}"


def member_record(
    workspace_id: str, user: Mapping[str, Any], roles: Iterable[str], created: str
) -> dict[str, Any]:
    """A member made from a pool user; values are kept as they are (hostile ones included)."""
    user_id = str(user.get("UserId"))
    return {
        "MemberId": member_id(workspace_id, user_id),
        "UserId": user.get("UserId"),
        "MemberName": user.get("UserName"),
        "DisplayName": user.get("DisplayName"),
        "AccountName": user.get("AccountName"),
        "AccountType": user.get("AccountType"),
        "Roles": list(roles),
        "GmtCreateTime": created,
    }


class MemberTable:
    """Members in the order they joined; looked up by user ID or member ID."""

    __slots__ = ("_by_user", "_user_of")

    def __init__(self) -> None:
        self._by_user: dict[str, dict[str, Any]] = {}
        self._user_of: dict[str, str] = {}

    def add(self, record: dict[str, Any]) -> None:
        user_id, mid = str(record.get("UserId")), str(record.get("MemberId"))
        if user_id in self._by_user:
            raise ValueError(f"User {user_id} is already a member.")
        self._by_user[user_id] = record
        self._user_of[mid] = user_id

    def remove(self, member: Mapping[str, Any]) -> None:
        user_id = str(member.get("UserId"))
        self._by_user.pop(user_id, None)
        self._user_of.pop(str(member.get("MemberId")), None)

    def by_user(self, user_id: str) -> dict[str, Any] | None:
        return self._by_user.get(user_id)

    def by_member_id(self, mid: str) -> dict[str, Any] | None:
        user_id = self._user_of.get(mid)
        return None if user_id is None else self._by_user.get(user_id)

    def records(self) -> list[dict[str, Any]]:
        return list(self._by_user.values())

    def user_ids(self) -> set[str]:
        return set(self._by_user)

    def __len__(self) -> int:
        return len(self._by_user)


class UserPool:
    """The account's users (RAM users, roles, the primary account), in a stable order."""

    __slots__ = ("_users",)

    def __init__(self, users: Iterable[Mapping[str, Any]] = ()) -> None:
        self._users: dict[str, dict[str, Any]] = {}
        for user in users:
            self.add(user)

    def add(self, user: Mapping[str, Any]) -> None:
        """Add or replace a user (keyed by ``UserId``)."""
        record = {key: user.get(key) for key in USER_FIELDS}
        self._users[str(record["UserId"])] = record

    def get(self, user_id: str) -> dict[str, Any] | None:
        return self._users.get(user_id)

    def records(self) -> list[dict[str, Any]]:
        return list(self._users.values())

    def __len__(self) -> int:
        return len(self._users)

    def __contains__(self, user_id: object) -> bool:
        return user_id in self._users
