"""The data service: rules R2-R16 on top of the API client. Only masked view models leave it.

Every method takes the region explicitly (R2) and checks its input with `paiws.core.validation`
before anything is sent (the CLI and the TUI check the same rules earlier, for feedback). The
first workspace call in a region runs the activation check (R3, `activation.py`); the create
workflow is `create_flow.py`; the members (R14) are `members.py`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence

from paiws.core import mapping, regions
from paiws.core.activation import ActivationCache
from paiws.core.client import WorkspaceClient
from paiws.core.create_flow import CreateFlow, ProgressCallback
from paiws.core.credentials import CredentialSource
from paiws.core.errors import NotFound, ReadOnlyMode
from paiws.core.i18n import N_, _
from paiws.core.members import MemberCalls
from paiws.core.overview import RegionScanner
from paiws.core.paging import STREAM_PAGE_SIZE, stream_pages
from paiws.core.people_book import PeopleBook
from paiws.core.validation import (
    BATCH_IDS_MAX,
    check_order,
    check_page,
    check_page_size,
    check_sort_field,
    check_status,
    check_workspace_id,
    description_problem,
    display_name_problem,
    invalid,
    name_problem,
    parse_workspace_ids,
    require,
)
from paiws.core.views import (
    ActivationState,
    CreateOutcome,
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
from paiws.paths import read_asset


def checked_query(query: ListQuery) -> ListQuery:
    """``query`` with its enums in the API's spelling; InvalidInput for anything else."""
    check_page(query.page)
    check_page_size(query.page_size)
    return ListQuery(
        name=query.name.strip() if query.name and query.name.strip() else None,
        status=check_status(query.status) if query.status is not None else None,
        sort_by=check_sort_field(query.sort_by),
        order=check_order(query.order),
        page=query.page,
        page_size=query.page_size,
        resource_group_id=query.resource_group_id,
    )


class WorkspaceService(MemberCalls):
    """Implements :class:`paiws.core.interface.DataService`; the member calls (R14) come from
    :class:`paiws.core.members.MemberCalls`."""

    def __init__(
        self,
        client: WorkspaceClient,
        *,
        read_only: bool = False,
        is_demo: bool = False,
        poll_interval: float = 2.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.read_only = read_only
        self.is_demo = is_demo
        self.poll_interval = poll_interval
        self.sleep = sleep  # injectable: tests and the demo poll without waiting
        self.clock = clock
        self._activation = ActivationCache(
            lambda region: mapping.activation(self.client.list_products(region), region=region)
        )
        self._scanner = RegionScanner(
            lambda region, recheck: self.activation(region, recheck=recheck),
            self.cached_activation,
            lambda region, query, page, size: self._page(region, checked_query(query), page, size),
        )
        self._closers: list[Callable[[], None]] = []
        self._book = PeopleBook()  # opaque keys for the people read so far (R8, members.py)

    def __repr__(self) -> str:
        return f"<WorkspaceService read_only={self.read_only} demo={self.is_demo}>"

    @property
    def credentials(self) -> CredentialSource:
        return self.client.credentials

    def closing(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` when the service is closed (e.g. stop the demo's emulator)."""
        self._closers.append(callback)

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            for callback in reversed(self._closers):
                callback()
            self._closers.clear()

    # -- static information ----------------------------------------------------------------

    def credential_status(self) -> CredentialStatus:
        return self.client.credentials.status()

    def refresh_credentials(self) -> CredentialStatus:
        """Look for credentials again (the CLI profile or the credentials file may hold new ones
        now, e.g. after an STS token expired); the next request uses what is found."""
        return self.client.credentials.status(refresh=True)

    def regions(self) -> tuple[Region, ...]:
        return regions.all_regions()

    def console_url(self, region: str, workspace_id: str | None = None) -> str:
        return regions.console_url(region, workspace_id)

    def ram_policy(self) -> str:
        return read_asset("ram-policy.json")

    # -- guards (R3, read-only) --------------------------------------------------------------

    def activation(self, region: str, *, recheck: bool = False) -> ActivationState:
        return self._activation.state(region, recheck=recheck)

    def cached_activation(self, region: str) -> ActivationState | None:
        return self._activation.cached(region)

    def require_activation(self, region: str) -> None:
        self._activation.require(region)

    def refuse_if_read_only(self, action: str) -> None:
        if self.read_only:
            raise ReadOnlyMode.refusing(action)

    # -- reads -------------------------------------------------------------------------------

    def list_workspaces(self, region: str, query: ListQuery) -> WorkspacePage:
        query = checked_query(query)
        self.require_activation(region)
        return self._page(region, query, query.page, query.page_size)

    def _page(self, region: str, query: ListQuery, page: int, page_size: int) -> WorkspacePage:
        raw = self.client.list_workspaces(
            region,
            page_number=page,
            page_size=page_size,
            sort_by=query.sort_by,
            order=query.order,
            name=query.name or None,
            status=query.status,
            resource_group_id=query.resource_group_id or None,
        )
        return mapping.workspace_page(raw, page=page, page_size=page_size)

    def iter_workspaces(
        self,
        region: str,
        query: ListQuery,
        *,
        concurrency: int = 4,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[WorkspacePage]:
        """Every page (PageSize 100), in order (see `paging.stream_pages`)."""
        query = checked_query(query)
        self.require_activation(region)
        return stream_pages(
            lambda number: self._page(region, query, number, STREAM_PAGE_SIZE),
            concurrency=concurrency,
            cancelled=cancelled,
        )

    # -- many regions at once (R15, `overview.py`) -------------------------------------------

    def overview(
        self,
        regions: Sequence[str] | None = None,
        *,
        rescan: bool = False,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[RegionOverview]:
        """Every PAI region (or ``regions``): activation and exact counts, streamed as each
        region answers (a ``counting`` row once its activation is known, then its final row).
        Final rows are cached for the run; ``rescan`` asks again, activation included."""
        return self._scanner.overview(regions, rescan=rescan, cancelled=cancelled)

    def cached_overview(self) -> tuple[RegionOverview, ...]:
        return self._scanner.cached()

    def find_workspaces(
        self,
        name: str,
        regions: Sequence[str] | None = None,
        *,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[RegionMatches]:
        """Workspaces whose name matches (the server's fuzzy filter), every page, in every
        region where PAI is activated (or in ``regions``); one answer per region as it arrives."""
        return self._scanner.find(name, regions, cancelled=cancelled)

    def get_workspace(
        self, region: str, workspace_id: str, *, verbose: bool = False
    ) -> WorkspaceDetail:
        """R6: ``verbose`` (owner and administrators) only when the user asked for it."""
        workspace_id = check_workspace_id(workspace_id)
        self.require_activation(region)
        return self.detail(region, workspace_id, verbose=verbose)

    def detail(self, region: str, workspace_id: str, *, verbose: bool) -> WorkspaceDetail:
        raw = self.client.get_workspace(region, workspace_id, verbose=verbose)
        return mapping.workspace_detail(raw, verbose=verbose)

    def lookup(self, region: str, ids: Sequence[str], *, verbose: bool = False) -> LookupResult:
        """R5: one ID -> GetWorkspace (404 -> missing, R7); several -> one batch call, final."""
        wanted = parse_workspace_ids(ids)
        self.require_activation(region)
        if len(wanted) == 1:
            try:
                detail = self.detail(region, wanted[0], verbose=verbose)
            except NotFound:
                return LookupResult(requested=wanted, missing=wanted)
            return LookupResult(requested=wanted, found=(detail.workspace,), detail=detail)
        raw = self.client.list_workspaces(
            region, workspace_ids=wanted, page_number=1, page_size=BATCH_IDS_MAX
        )
        return mapping.batch_lookup(raw, requested=wanted)

    def resource_limits(self, region: str) -> ResourceLimits:
        self.require_activation(region)
        raw = self.client.list_workspaces(region, option="GetResourceLimits")
        return mapping.resource_limits(raw, region=region)

    def check_name(self, region: str, name: str) -> NameCheck:
        require(name_problem(name))
        self.require_activation(region)
        return self.name_check(region, name)

    def name_check(self, region: str, name: str) -> NameCheck:
        raw = self.client.list_workspaces(region, option="CheckWorkspaceExists", name=name)
        return mapping.name_check(raw, name=name)

    # -- writes ------------------------------------------------------------------------------

    def create_workspace(
        self,
        region: str,
        request: CreateRequest,
        *,
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        poll_timeout: float = 120.0,
    ) -> CreateOutcome:
        """R4: validate -> (the caller has confirmed) -> check-then-act -> create -> poll."""
        flow = CreateFlow(self, region, request, on_progress)
        return flow.run(wait=wait, poll_timeout=poll_timeout)

    def send_create(self, region: str, request: CreateRequest) -> str:
        """One CreateWorkspace call (never retried: it has no client token); the new ID."""
        raw = self.client.create_workspace(
            region,
            name=request.name,
            description=request.description,
            env_types=request.environments,
            display_name=request.display_name,
            resource_group_id=request.resource_group_id,
        )
        return mapping.created_workspace_id(raw)

    def update_workspace(
        self,
        region: str,
        workspace_id: str,
        *,
        display_name: str | None = None,
        description: str | None = None,
    ) -> WorkspaceDetail:
        self.refuse_if_read_only(N_("update a workspace"))
        if display_name is None and description is None:
            raise invalid(_("Nothing to change: give a display name or a description."))
        if display_name is not None:
            require(display_name_problem(display_name))
        if description is not None:
            require(description_problem(description))
        workspace_id = check_workspace_id(workspace_id)
        self.require_activation(region)
        self.client.update_workspace(
            region, workspace_id, display_name=display_name, description=description
        )
        return self.detail(region, workspace_id, verbose=False)

    def delete_workspace(self, region: str, workspace_id: str, *, confirm_name: str) -> None:
        """R13: irreversible, so the typed name must equal the workspace's actual name."""
        self.refuse_if_read_only(N_("delete a workspace"))
        workspace_id = check_workspace_id(workspace_id)
        if not confirm_name.strip():
            raise invalid(_("Type the workspace name to confirm the deletion."))
        self.require_activation(region)
        actual = self.detail(region, workspace_id, verbose=False).workspace.name
        if confirm_name != actual:
            raise invalid(
                _("The confirmation does not match the workspace name; nothing was deleted."),
                code="ConfirmationMismatch",
            )
        self.client.delete_workspace(region, workspace_id)
