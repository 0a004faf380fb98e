"""The data service: rules R2-R13 on top of the API client. Only masked view models leave it.

Every method takes the region explicitly (R2). The first workspace call in a region runs the
activation check (R3) and the answer is cached for the run; workspace operations in a region
that is not activated raise :class:`NotActivated` without another request.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from paiws.core import mapping, regions
from paiws.core.client import MAX_BATCH_IDS, WorkspaceClient, check_workspace_id
from paiws.core.create_flow import CreateFlow, ProgressCallback, check_display_name, invalid
from paiws.core.credentials import CredentialSource
from paiws.core.errors import (
    NotActivated,
    NotFound,
    ReadOnlyMode,
)
from paiws.core.validation import (
    ORDERS,
    SORT_FIELDS,
    STATUSES,
    description_problem,
    name_problem,
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
    ResourceLimits,
    WorkspaceDetail,
    WorkspacePage,
)
from paiws.paths import read_asset

STREAM_PAGE_SIZE = 100
MAX_PAGE_SIZE = 100


def validate_query(query: ListQuery) -> None:
    if query.status is not None and query.status not in STATUSES:
        raise invalid(f"Status must be one of {', '.join(STATUSES)}.")
    if query.sort_by not in SORT_FIELDS:
        raise invalid(f"Sort field must be one of {', '.join(SORT_FIELDS)}.")
    if query.order not in ORDERS:
        raise invalid("Order must be ASC or DESC.")
    if query.page < 1:
        raise invalid("Page numbers start at 1.")
    if not 1 <= query.page_size <= MAX_PAGE_SIZE:
        raise invalid(f"Page size must be between 1 and {MAX_PAGE_SIZE}.")


def unique_ids(ids: Sequence[str]) -> tuple[str, ...]:
    """Trimmed, blanks dropped, duplicates dropped, order kept."""
    return tuple(dict.fromkeys(i.strip() for i in ids if i.strip()))


class WorkspaceService:
    """Implements :class:`paiws.core.interface.DataService`."""

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
        self.verbose = False  # R6: sticky once the user asked for owner/administrator detail
        self.poll_interval = poll_interval
        self.sleep = sleep  # injectable: tests and the demo poll without waiting
        self.clock = clock
        self._activation: dict[str, ActivationState] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def __repr__(self) -> str:
        return f"<WorkspaceService read_only={self.read_only} demo={self.is_demo}>"

    @property
    def credentials(self) -> CredentialSource:
        return self.client.credentials

    def close(self) -> None:
        self.client.close()

    # -- static information ----------------------------------------------------------------

    def credential_status(self) -> CredentialStatus:
        return self.client.credentials.status()

    def regions(self) -> tuple[Region, ...]:
        return regions.all_regions()

    def console_url(self, region: str) -> str:
        return regions.console_url(region)

    def ram_policy(self) -> str:
        return read_asset("ram-policy.json")

    # -- R3 activation -----------------------------------------------------------------------

    def activation(self, region: str, *, recheck: bool = False) -> ActivationState:
        with self._region_lock(region):  # concurrent first calls make one request, not several
            state = self._activation.get(region)
            if state is None or recheck:
                state = mapping.activation(self.client.list_products(region), region=region)
                self._activation[region] = state
            return state

    def cached_activation(self, region: str) -> ActivationState | None:
        return self._activation.get(region)

    def _region_lock(self, region: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(region, threading.Lock())

    def require_activation(self, region: str) -> None:
        state = self.activation(region)
        if state.activated:
            return
        if state.status == "purchasable":
            raise NotActivated(
                f"PAI is not activated in {region}. Activate it on the purchase page, then "
                "re-check.",
                region=region,
                purchase_url=state.purchase_url,
                can_purchase=True,
                hint="Open the purchase page, activate PAI, then re-check.",
            )
        raise NotActivated(
            f"PAI is not activated in {region}, and these credentials cannot activate it.",
            region=region,
            purchase_url=None,
            can_purchase=False,
            hint="Ask the primary account administrator to activate PAI (it needs the primary "
            "account or the pai:CreateOrder permission), then re-check.",
        )

    # -- reads -------------------------------------------------------------------------------

    def list_workspaces(self, region: str, query: ListQuery) -> WorkspacePage:
        validate_query(query)
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
        """Every page (PageSize 100), in order. Page 1 comes first and gives TotalCount; the rest
        are fetched ``concurrency`` at a time, at most that many ahead of the consumer."""
        validate_query(query)
        stop = cancelled or (lambda: False)
        self.require_activation(region)
        if stop():
            return
        first = self._page(region, query, 1, STREAM_PAGE_SIZE)
        yield first
        pages = math.ceil(first.total / STREAM_PAGE_SIZE)
        # A short page is the end whatever TotalCount claims: a lying or shrinking total must
        # not make us fetch pages without end.
        if pages <= 1 or len(first.rows) < STREAM_PAGE_SIZE or stop():
            return
        pool = ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="paiws-pages")
        pending: deque[Future[WorkspacePage]] = deque()
        upcoming = iter(range(2, pages + 1))
        try:
            for number in upcoming:
                pending.append(pool.submit(self._page, region, query, number, STREAM_PAGE_SIZE))
                if len(pending) >= max(1, concurrency):
                    break
            while pending:
                page = pending.popleft().result()
                if stop():
                    return
                yield page
                if len(page.rows) < STREAM_PAGE_SIZE:
                    return
                number = next(upcoming, 0)
                if number:
                    pending.append(pool.submit(self._page, region, query, number, STREAM_PAGE_SIZE))
        finally:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=False, cancel_futures=True)

    def get_workspace(
        self, region: str, workspace_id: str, *, verbose: bool | None = None
    ) -> WorkspaceDetail:
        """R6: ``verbose=None`` uses the sticky choice; an explicit value becomes the choice."""
        workspace_id = check_workspace_id(workspace_id)
        if verbose is not None:
            self.verbose = verbose
        self.require_activation(region)
        return self.detail(region, workspace_id, verbose=self.verbose)

    def detail(self, region: str, workspace_id: str, *, verbose: bool) -> WorkspaceDetail:
        raw = self.client.get_workspace(region, workspace_id, verbose=verbose)
        return mapping.workspace_detail(raw, verbose=verbose)

    def lookup(self, region: str, ids: Sequence[str]) -> LookupResult:
        """R5: one ID -> GetWorkspace (404 -> missing, R7); several -> one batch call, final."""
        wanted = tuple(check_workspace_id(i) for i in unique_ids(ids))
        if not wanted:
            raise invalid("Give at least one workspace ID.")
        if len(wanted) > MAX_BATCH_IDS:
            raise invalid(f"At most {MAX_BATCH_IDS} workspace IDs can be looked up at once.")
        self.require_activation(region)
        if len(wanted) == 1:
            try:
                detail = self.detail(region, wanted[0], verbose=self.verbose)
            except NotFound:
                return LookupResult(requested=wanted, missing=wanted)
            return LookupResult(requested=wanted, found=(detail.workspace,), detail=detail)
        raw = self.client.list_workspaces(
            region, workspace_ids=wanted, page_number=1, page_size=MAX_PAGE_SIZE
        )
        return mapping.batch_lookup(raw, requested=wanted)

    def resource_limits(self, region: str) -> ResourceLimits:
        self.require_activation(region)
        raw = self.client.list_workspaces(region, option="GetResourceLimits")
        return mapping.resource_limits(raw, region=region)

    def check_name(self, region: str, name: str) -> NameCheck:
        problem = name_problem(name)
        if problem:
            raise invalid(problem)
        self.require_activation(region)
        return self.name_check(region, name)

    def name_check(self, region: str, name: str) -> NameCheck:
        raw = self.client.list_workspaces(region, option="CheckWorkspaceExists", name=name)
        return mapping.name_check(raw, name=name)

    # -- R4 create (the workflow lives in create_flow.py) ------------------------------------

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
        return CreateFlow(self, region, request, on_progress).run(
            wait=wait, poll_timeout=poll_timeout
        )

    # -- update / delete ---------------------------------------------------------------------

    def update_workspace(
        self,
        region: str,
        workspace_id: str,
        *,
        display_name: str | None = None,
        description: str | None = None,
    ) -> WorkspaceDetail:
        if display_name is None and description is None:
            raise invalid("Nothing to change: give a display name or a description.")
        if display_name is not None:
            check_display_name(display_name)
        if description is not None and (problem := description_problem(description)):
            raise invalid(problem)
        workspace_id = check_workspace_id(workspace_id)
        self.refuse_if_read_only("update a workspace")
        self.require_activation(region)
        self.client.update_workspace(
            region, workspace_id, display_name=display_name, description=description
        )
        return self.detail(region, workspace_id, verbose=self.verbose)

    def delete_workspace(self, region: str, workspace_id: str, *, confirm_name: str) -> None:
        """R13: irreversible, so the typed name must equal the workspace's actual name."""
        self.refuse_if_read_only("delete a workspace")
        workspace_id = check_workspace_id(workspace_id)
        if not confirm_name.strip():
            raise invalid("Type the workspace name to confirm the deletion.")
        self.require_activation(region)
        actual = self.detail(region, workspace_id, verbose=False).workspace.name
        if confirm_name != actual:
            raise invalid(
                "The confirmation does not match the workspace name; nothing was deleted.",
                code="ConfirmationMismatch",
            )
        self.client.delete_workspace(region, workspace_id)

    def refuse_if_read_only(self, action: str) -> None:
        if self.read_only:
            raise ReadOnlyMode(
                f"Refusing to {action}: paiws is in read-only mode.",
                code="ReadOnly",
                hint="Run without --read-only to make changes.",
            )
