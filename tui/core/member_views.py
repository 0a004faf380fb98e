"""Frozen, already-masked view models of workspace members and the account's users (R8, R14).

People are acted on through an opaque ``key`` (``p12``): the service keeps the real user and
member IDs to itself (`people_book.py`), so a screen can pick someone from a list and ask for a
change without ever holding an ID beyond its masked form. A key carries no data; it means
something only to the service that handed it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from paiws.core.masking import NOT_AVAILABLE
from paiws.core.roles import ADMIN, OWNER

AddOutcomeKind = Literal["added", "roles added", "already a member", "failed"]
AddPhase = Literal["checking", "adding", "granting", "rechecking", "verifying", "done"]


@dataclass(frozen=True)
class Person:
    """Someone the service can act on, as a screen may show them."""

    key: str  # opaque; "" when the server's ID could not be read (then nothing can be done)
    user_id: str  # masked: ****0001
    name: str = NOT_AVAILABLE  # masked: w***

    @property
    def label(self) -> str:
        """Masked name and masked ID together: how two people are told apart (R14)."""
        return self.user_id if self.name == NOT_AVAILABLE else f"{self.name} ({self.user_id})"


@dataclass(frozen=True)
class MemberRow:
    """One member, masked (R8). Roles are codes; `roles.role_words` makes them readable."""

    key: str
    member_id: str  # masked: it embeds the account UID
    user_id: str  # masked
    name: str  # MemberName, masked
    display_name: str  # masked
    account: str  # AccountName, masked like an administrator (an e-mail keeps its domain)
    account_type: str  # in words: RAM user, RAM role, Alibaba Cloud account, unknown (N)
    roles: tuple[str, ...]
    added: str  # ISO 8601 UTC
    unreadable: tuple[str, ...] = ()  # R16: natural-language keys of wrongly typed fields

    @property
    def person(self) -> Person:
        return Person(self.key, self.user_id, self.name)

    @property
    def is_owner(self) -> bool:
        return OWNER in self.roles

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles


@dataclass(frozen=True)
class MemberQuery:
    name: str | None = None  # ListMembers MemberName (fuzzy, server-side)
    roles: tuple[str, ...] = ()  # codes; members with any of them
    page: int = 1
    page_size: int = 100


@dataclass(frozen=True)
class MemberPage:
    rows: tuple[MemberRow, ...]
    total: int
    page: int
    page_size: int

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def unreadable_items(self) -> int:
        return sum(1 for row in self.rows if row.unreadable)


@dataclass(frozen=True)
class UserRow:
    """A user of the account who can be added (ListWorkspaceUsers), masked."""

    key: str
    user_id: str
    name: str  # UserName, masked
    unreadable: tuple[str, ...] = ()

    @property
    def person(self) -> Person:
        return Person(self.key, self.user_id, self.name)


@dataclass(frozen=True)
class UserSearch:
    name: str  # what the user typed (may be echoed, R14)
    users: tuple[UserRow, ...]
    total: int  # every match the server counted; it answers at most 100

    @property
    def unreadable_items(self) -> int:
        return sum(1 for user in self.users if user.unreadable)


@dataclass(frozen=True)
class AddMembersRequest:
    """Exactly what will be asked for: these people, each with these roles (codes)."""

    people: tuple[Person, ...]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class AddProgress:
    phase: AddPhase
    message: str
    done: int = 0
    total: int = 0


@dataclass(frozen=True)
class AddResult:
    """What happened to one person (R14: added / roles added / already a member / failed)."""

    person: Person
    outcome: AddOutcomeKind
    roles: tuple[str, ...]  # their roles in the workspace as last read (codes); () if none
    granted: tuple[str, ...] = ()  # roles this run gave them
    error: str | None = None  # one sentence when it failed
    exit_code: int = 0
    action: str | None = None  # the refused RAM action (R12)
    policy: str | None = None
    ambiguous: bool = False  # the write may or may not have happened (re-check advised)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AddMembersOutcome:
    workspace_id: str
    results: tuple[AddResult, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def failed(self) -> tuple[AddResult, ...]:
        return tuple(r for r in self.results if r.outcome == "failed")

    @property
    def exit_code(self) -> int:
        """0 when nobody failed, else the exit code of the first failure (SPEC §4)."""
        return next((r.exit_code for r in self.results if r.outcome == "failed"), 0)

    @property
    def changed(self) -> bool:
        return any(r.outcome in ("added", "roles added") for r in self.results)


@dataclass(frozen=True)
class RoleChangePlan:
    """A role change checked against the member's current roles (ListMembers UserId)."""

    workspace_id: str
    member: MemberRow
    add: tuple[str, ...]  # roles to grant: only those missing
    remove: tuple[str, ...]  # roles to take away: only those held
    last_admin: bool = False  # removing PAI.WorkspaceAdmin leaves the workspace without one

    @property
    def nothing_to_do(self) -> bool:
        return not self.add and not self.remove

    @property
    def roles_after(self) -> tuple[str, ...]:
        kept = [r for r in self.member.roles if r not in self.remove]
        return (*kept, *(r for r in self.add if r not in kept))


@dataclass(frozen=True)
class RoleChangeOutcome:
    plan: RoleChangePlan
    added: tuple[str, ...]
    removed: tuple[str, ...]
    roles: tuple[str, ...]  # as verified afterwards (or as expected when not verifiable)
    verified: bool
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class RemovalPlan:
    """Who would be removed, checked (ListMembers UserId each); the owner never is."""

    workspace_id: str
    workspace_name: str
    members: tuple[MemberRow, ...]
    last_admin: bool = False  # the administrators among them are the workspace's last ones

    @property
    def owner(self) -> MemberRow | None:
        return next((m for m in self.members if m.is_owner), None)


@dataclass(frozen=True)
class RemovalOutcome:
    workspace_id: str
    removed: tuple[Person, ...]
