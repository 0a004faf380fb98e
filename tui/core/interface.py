"""The one interface screens and commands talk to. It hands out masked view models only.

`paiws.core.service.WorkspaceService` implements it; tests build it against the emulator.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from paiws.core.member_views import (
    AddMembersOutcome,
    AddMembersRequest,
    AddProgress,
    MemberPage,
    MemberQuery,
    Person,
    RemovalOutcome,
    RemovalPlan,
    RoleChangeOutcome,
    RoleChangePlan,
    UserSearch,
)
from paiws.core.views import (
    ActivationState,
    CreateOutcome,
    CreateProgress,
    CreateRequest,
    CredentialStatus,
    ListQuery,
    LookupResult,
    NameCheck,
    Region,
    RegionMatches,
    RegionOverview,
    ResourceLimits,
    WorkspaceDetail,
    WorkspacePage,
)


class DataService(Protocol):
    read_only: bool
    is_demo: bool

    def close(self) -> None: ...

    def credential_status(self) -> CredentialStatus: ...
    def refresh_credentials(self) -> CredentialStatus: ...
    def regions(self) -> tuple[Region, ...]: ...
    def console_url(self, region: str, workspace_id: str | None = None) -> str:
        """The PAI console for ``region``, or ``workspace_id``'s page in it (SPEC §3)."""
        ...

    def ram_policy(self) -> str: ...

    def activation(self, region: str, *, recheck: bool = False) -> ActivationState: ...
    def cached_activation(self, region: str) -> ActivationState | None: ...

    def list_workspaces(self, region: str, query: ListQuery) -> WorkspacePage: ...
    def iter_workspaces(
        self,
        region: str,
        query: ListQuery,
        *,
        concurrency: int = 4,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[WorkspacePage]: ...
    def get_workspace(
        self, region: str, workspace_id: str, *, verbose: bool = False
    ) -> WorkspaceDetail: ...
    def overview(
        self,
        regions: Sequence[str] | None = None,
        *,
        rescan: bool = False,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[RegionOverview]: ...
    def cached_overview(self) -> tuple[RegionOverview, ...]: ...
    def find_workspaces(
        self,
        name: str,
        regions: Sequence[str] | None = None,
        *,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[RegionMatches]: ...
    def lookup(self, region: str, ids: Sequence[str], *, verbose: bool = False) -> LookupResult: ...
    def resource_limits(self, region: str) -> ResourceLimits: ...

    def check_name(self, region: str, name: str) -> NameCheck: ...
    def create_workspace(
        self,
        region: str,
        request: CreateRequest,
        *,
        wait: bool = True,
        on_progress: Callable[[CreateProgress], None] | None = None,
        poll_timeout: float = 120.0,
    ) -> CreateOutcome: ...
    def update_workspace(
        self,
        region: str,
        workspace_id: str,
        *,
        display_name: str | None = None,
        description: str | None = None,
    ) -> WorkspaceDetail: ...
    def delete_workspace(self, region: str, workspace_id: str, *, confirm_name: str) -> None: ...

    # -- members (R14) ---------------------------------------------------------------------
    def list_members(self, region: str, workspace_id: str, query: MemberQuery) -> MemberPage: ...
    def iter_members(
        self,
        region: str,
        workspace_id: str,
        query: MemberQuery,
        *,
        concurrency: int = 4,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[MemberPage]: ...
    def search_users(self, region: str, workspace_id: str, name: str) -> UserSearch: ...
    def people(self, user_ids: Sequence[str]) -> tuple[Person, ...]: ...
    def add_members(
        self,
        region: str,
        workspace_id: str,
        request: AddMembersRequest,
        *,
        on_progress: Callable[[AddProgress], None] | None = None,
        english_errors: bool = False,
    ) -> AddMembersOutcome: ...
    def plan_role_change(
        self,
        region: str,
        workspace_id: str,
        person: Person,
        *,
        add: Sequence[str] = (),
        remove: Sequence[str] = (),
    ) -> RoleChangePlan: ...
    def change_roles(
        self, region: str, workspace_id: str, plan: RoleChangePlan
    ) -> RoleChangeOutcome: ...
    def plan_removal(
        self,
        region: str,
        workspace_id: str,
        people: Sequence[Person],
        *,
        workspace_name: str | None = None,
    ) -> RemovalPlan: ...
    def remove_members(
        self, region: str, workspace_id: str, plan: RemovalPlan, *, confirm_name: str
    ) -> RemovalOutcome: ...
