"""A scripted, deterministic `DataService` for the wizard/edit/delete snapshots: the suite's one
test fake, held to the interface by mypy and by tests/unit/test_fake_service.py.

Snapshots must not depend on timing (elapsed seconds, emulator IDs), so these tests feed the
screens fixed view models; the behaviour against the real service and emulator is covered by
the Pilot tests in tests/functional/.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from paiws.core.errors import PaiwsError
from paiws.core.member_views import (
    AddMembersOutcome,
    AddMembersRequest,
    AddProgress,
    AddResult,
    MemberPage,
    MemberQuery,
    MemberRow,
    Person,
    RemovalOutcome,
    RemovalPlan,
    RoleChangeOutcome,
    RoleChangePlan,
    UserRow,
    UserSearch,
)
from paiws.core.regions import all_regions
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
    WorkspaceRow,
)

REGION = "cn-hangzhou"


def sample_row(**changes: object) -> WorkspaceRow:
    values: dict[str, object] = {
        "workspace_id": "123456",
        "name": "team_sandbox",
        "display_name": "Team sandbox",
        "description": "Experiments of the [bold]search[/] team",
        "status": "ENABLED",
        "environments": ("dev", "prod"),
        "created": "2024-05-01 08:30",
        "modified": "2024-05-02 09:00",
        "creator_id": "****1234",
        "administrators": ("a***@example.com",),
        "resource_group": "rg-acfm0001",
        "is_default": False,
    }
    values.update(changes)
    return WorkspaceRow(**values)  # type: ignore[arg-type]


def sample_member(**changes: object) -> MemberRow:
    values: dict[str, object] = {
        "key": "p1",
        "member_id": "****0001",
        "user_id": "****0001",
        "name": "w***",
        "display_name": "王***",
        "account": "w***@example.com",
        "account_type": "RAM user",
        "roles": ("PAI.AlgoDeveloper",),
        "added": "2024-05-01T08:30:00Z",
    }
    values.update(changes)
    return MemberRow(**values)  # type: ignore[arg-type]


@dataclass
class FakeService:
    """Answers from fixed values. `hold` keeps a create in flight: the last progress is
    repeated until the wizard's callback refuses (it raises once the wizard is closed)."""

    read_only: bool = False
    is_demo: bool = True
    activation_state: ActivationState | None = field(
        default_factory=lambda: ActivationState(REGION, "activated")
    )
    taken: dict[str, str] = field(default_factory=dict)  # name -> existing ID
    progress: tuple[CreateProgress, ...] = ()
    outcome: CreateOutcome | None = None
    error: PaiwsError | None = None
    hold: bool = False
    update_error: PaiwsError | None = None
    delete_error: PaiwsError | None = None
    # The overview and find: these answers, in order; with `scan_hold` unset the scan then
    # stays in flight (a snapshot of rows still waiting) until it is set or cancelled.
    overview_rows: tuple[RegionOverview, ...] = ()
    cached_rows: tuple[RegionOverview, ...] = ()
    matches: tuple[RegionMatches, ...] = ()
    scan_hold: threading.Event | None = None
    calls: list[str] = field(default_factory=list)

    def close(self) -> None:
        pass

    def credential_status(self) -> CredentialStatus:
        return CredentialStatus(available=True, source="demo", mode="AK")

    def refresh_credentials(self) -> CredentialStatus:
        return self.credential_status()

    def regions(self) -> tuple[Region, ...]:
        return all_regions()

    def console_url(self, region: str, workspace_id: str | None = None) -> str:
        page = f"&workspaceId={workspace_id}#/workspace/overview" if workspace_id else ""
        return f"https://pai.console.aliyun.com/?regionId={region}{page}"

    def ram_policy(self) -> str:
        return '{"Version": "1"}'

    def activation(self, region: str, *, recheck: bool = False) -> ActivationState:
        return self.activation_state or ActivationState(region, "activated")

    def cached_activation(self, region: str) -> ActivationState | None:
        return self.activation_state

    def list_workspaces(self, region: str, query: ListQuery) -> WorkspacePage:
        return WorkspacePage(rows=(sample_row(),), total=1, page=1, page_size=20)

    def iter_workspaces(
        self,
        region: str,
        query: ListQuery,
        *,
        concurrency: int = 4,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[WorkspacePage]:
        yield self.list_workspaces(region, query)

    def overview(
        self,
        regions: Sequence[str] | None = None,
        *,
        rescan: bool = False,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[RegionOverview]:
        self.calls.append("overview:rescan" if rescan else "overview")
        yield from self.overview_rows
        self._hold(cancelled)

    def cached_overview(self) -> tuple[RegionOverview, ...]:
        return self.cached_rows

    def find_workspaces(
        self,
        name: str,
        regions: Sequence[str] | None = None,
        *,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[RegionMatches]:
        self.calls.append(f"find:{name}")
        yield from self.matches
        self._hold(cancelled)

    def _hold(self, cancelled: Callable[[], bool] | None) -> None:
        deadline = time.monotonic() + 30
        while self.scan_hold is not None and not self.scan_hold.wait(0.02):
            if (cancelled is not None and cancelled()) or time.monotonic() > deadline:
                return

    def get_workspace(
        self, region: str, workspace_id: str, *, verbose: bool = False
    ) -> WorkspaceDetail:
        return WorkspaceDetail(workspace=sample_row(workspace_id=workspace_id))

    def lookup(self, region: str, ids: Sequence[str], *, verbose: bool = False) -> LookupResult:
        return LookupResult(requested=tuple(ids))

    def resource_limits(self, region: str) -> ResourceLimits:
        return ResourceLimits(region=region, items=())

    def check_name(self, region: str, name: str) -> NameCheck:
        self.calls.append(f"check_name:{name}")
        existing = self.taken.get(name)
        return NameCheck(name=name, available=existing is None, existing_id=existing)

    def create_workspace(
        self,
        region: str,
        request: CreateRequest,
        *,
        wait: bool = True,
        on_progress: Callable[[CreateProgress], None] | None = None,
        poll_timeout: float = 120.0,
    ) -> CreateOutcome:
        self.calls.append(f"create:{request.name}")
        for step in self.progress:
            if on_progress is not None:
                on_progress(step)
        deadline = time.monotonic() + 30
        while self.hold and on_progress is not None and time.monotonic() < deadline:
            time.sleep(0.05)
            on_progress(self.progress[-1])
        if self.error is not None:
            raise self.error
        assert self.outcome is not None
        return self.outcome

    def update_workspace(
        self,
        region: str,
        workspace_id: str,
        *,
        display_name: str | None = None,
        description: str | None = None,
    ) -> WorkspaceDetail:
        self.calls.append(f"update:{workspace_id}")
        if self.update_error is not None:
            raise self.update_error
        changes: dict[str, object] = {"workspace_id": workspace_id}
        if display_name is not None:
            changes["display_name"] = display_name
        if description is not None:
            changes["description"] = description
        return WorkspaceDetail(workspace=sample_row(**changes))

    def delete_workspace(self, region: str, workspace_id: str, *, confirm_name: str) -> None:
        self.calls.append(f"delete:{workspace_id}")
        if self.delete_error is not None:
            raise self.delete_error

    # -- members: fixed answers (the behaviour is tested against the emulator) ------------------

    def list_members(self, region: str, workspace_id: str, query: MemberQuery) -> MemberPage:
        return MemberPage(rows=(sample_member(),), total=1, page=1, page_size=query.page_size)

    def iter_members(
        self,
        region: str,
        workspace_id: str,
        query: MemberQuery,
        *,
        concurrency: int = 4,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[MemberPage]:
        yield self.list_members(region, workspace_id, query)

    def search_users(self, region: str, workspace_id: str, name: str) -> UserSearch:
        self.calls.append(f"search_users:{name}")
        user = UserRow(key="p2", user_id="****0002", name="z***")
        return UserSearch(name=name, users=(user,), total=1)

    def people(self, user_ids: Sequence[str]) -> tuple[Person, ...]:
        return tuple(Person(f"p{n}", "****" + uid[-4:]) for n, uid in enumerate(user_ids, 1))

    def add_members(
        self,
        region: str,
        workspace_id: str,
        request: AddMembersRequest,
        *,
        on_progress: Callable[[AddProgress], None] | None = None,
        english_errors: bool = False,
    ) -> AddMembersOutcome:
        self.calls.append(f"add_members:{workspace_id}")
        results = tuple(
            AddResult(person, "added", request.roles, granted=request.roles)
            for person in request.people
        )
        return AddMembersOutcome(workspace_id=workspace_id, results=results)

    def plan_role_change(
        self,
        region: str,
        workspace_id: str,
        person: Person,
        *,
        add: Sequence[str] = (),
        remove: Sequence[str] = (),
    ) -> RoleChangePlan:
        return RoleChangePlan(workspace_id, sample_member(), tuple(add), tuple(remove))

    def change_roles(
        self, region: str, workspace_id: str, plan: RoleChangePlan
    ) -> RoleChangeOutcome:
        self.calls.append(f"change_roles:{workspace_id}")
        return RoleChangeOutcome(plan, plan.add, plan.remove, plan.roles_after, verified=True)

    def plan_removal(
        self,
        region: str,
        workspace_id: str,
        people: Sequence[Person],
        *,
        workspace_name: str | None = None,
    ) -> RemovalPlan:
        name = workspace_name or "team_sandbox"
        return RemovalPlan(workspace_id, name, (sample_member(),))

    def remove_members(
        self, region: str, workspace_id: str, plan: RemovalPlan, *, confirm_name: str
    ) -> RemovalOutcome:
        self.calls.append(f"remove_members:{workspace_id}")
        return RemovalOutcome(workspace_id, tuple(m.person for m in plan.members))
