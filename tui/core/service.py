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

from tui.core import mapping, regions
from tui.core.client import WorkspaceClient, check_workspace_id
from tui.core.credentials import CredentialSource
from tui.core.errors import (
    InvalidInput,
    NameAlreadyExists,
    NetworkError,
    NotActivated,
    NotFound,
    PaiwsError,
    ReadOnlyMode,
    ServerError,
)
from tui.core.validation import (
    ORDERS,
    SORT_FIELDS,
    STATUSES,
    description_problem,
    env_problem,
    name_problem,
)
from tui.core.views import (
    ActivationState,
    CreateOutcome,
    CreatePhase,
    CreateProgress,
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
from tui.paths import read_asset

STREAM_PAGE_SIZE = 100
MAX_PAGE_SIZE = 100
DISPLAY_NAME_MAX = 80
ProgressCallback = Callable[[CreateProgress], None]


def _invalid(problem: str, code: str = "InvalidInput") -> InvalidInput:
    return InvalidInput(problem, code=code, hint="Nothing was sent.")


def validate_create(request: CreateRequest) -> None:
    """R4: every rule, before anything is sent."""
    for problem in (name_problem(request.name), description_problem(request.description),
                    env_problem(request.environments)):
        if problem:
            raise _invalid(problem)
    if request.display_name is not None:
        _check_display_name(request.display_name)
    if request.resource_group_id is not None and not request.resource_group_id.strip():
        raise _invalid("The resource group ID is empty; leave it out to use the default.")


def _check_display_name(value: str) -> None:
    if not value.strip():
        raise _invalid("The display name is empty; leave it out to use the name.")
    if len(value) > DISPLAY_NAME_MAX:
        raise _invalid(f"The display name must be at most {DISPLAY_NAME_MAX} characters.")


def validate_query(query: ListQuery) -> None:
    if query.status is not None and query.status not in STATUSES:
        raise _invalid(f"Status must be one of {', '.join(STATUSES)}.")
    if query.sort_by not in SORT_FIELDS:
        raise _invalid(f"Sort field must be one of {', '.join(SORT_FIELDS)}.")
    if query.order not in ORDERS:
        raise _invalid("Order must be ASC or DESC.")
    if query.page < 1:
        raise _invalid("Page numbers start at 1.")
    if not 1 <= query.page_size <= MAX_PAGE_SIZE:
        raise _invalid(f"Page size must be between 1 and {MAX_PAGE_SIZE}.")


def unique_ids(ids: Sequence[str]) -> tuple[str, ...]:
    """Trimmed, blanks dropped, duplicates dropped, order kept."""
    return tuple(dict.fromkeys(i.strip() for i in ids if i.strip()))


class WorkspaceService:
    """Implements :class:`tui.core.interface.DataService`."""

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
        self._sleep = sleep
        self._clock = clock
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

    def _require_activation(self, region: str) -> None:
        state = self.activation(region)
        if state.activated:
            return
        if state.status == "purchasable":
            raise NotActivated(
                f"PAI is not activated in {region}. Activate it on the purchase page, then "
                "re-check.", region=region, purchase_url=state.purchase_url, can_purchase=True,
                hint="Open the purchase page, activate PAI, then re-check.",
            )
        raise NotActivated(
            f"PAI is not activated in {region}, and these credentials cannot activate it.",
            region=region, purchase_url=None, can_purchase=False,
            hint="Ask the primary account administrator to activate PAI (it needs the primary "
                 "account or the pai:CreateOrder permission), then re-check.",
        )

    # -- reads -------------------------------------------------------------------------------

    def list_workspaces(self, region: str, query: ListQuery) -> WorkspacePage:
        validate_query(query)
        self._require_activation(region)
        return self._page(region, query, query.page, query.page_size)

    def _page(self, region: str, query: ListQuery, page: int, page_size: int) -> WorkspacePage:
        raw = self.client.list_workspaces(
            region, page_number=page, page_size=page_size, sort_by=query.sort_by,
            order=query.order, name=query.name or None, status=query.status,
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
        self._require_activation(region)
        if stop():
            return
        first = self._page(region, query, 1, STREAM_PAGE_SIZE)
        yield first
        pages = math.ceil(first.total / STREAM_PAGE_SIZE)
        if pages <= 1 or stop():
            return
        pool = ThreadPoolExecutor(max_workers=max(1, concurrency),
                                  thread_name_prefix="paiws-pages")
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
                number = next(upcoming, 0)
                if number:
                    pending.append(pool.submit(self._page, region, query, number,
                                               STREAM_PAGE_SIZE))
        finally:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=False, cancel_futures=True)

    def get_workspace(self, region: str, workspace_id: str, *,
                      verbose: bool | None = None) -> WorkspaceDetail:
        """R6: ``verbose=None`` uses the sticky choice; an explicit value becomes the choice."""
        workspace_id = check_workspace_id(workspace_id)
        if verbose is not None:
            self.verbose = verbose
        self._require_activation(region)
        return self._detail(region, workspace_id, verbose=self.verbose)

    def _detail(self, region: str, workspace_id: str, *, verbose: bool) -> WorkspaceDetail:
        raw = self.client.get_workspace(region, workspace_id, verbose=verbose)
        return mapping.workspace_detail(raw, verbose=verbose)

    def lookup(self, region: str, ids: Sequence[str]) -> LookupResult:
        """R5: one ID -> GetWorkspace (404 -> missing, R7); several -> one batch call, final."""
        wanted = tuple(check_workspace_id(i) for i in unique_ids(ids))
        if not wanted:
            raise _invalid("Give at least one workspace ID.")
        self._require_activation(region)
        if len(wanted) == 1:
            try:
                detail = self._detail(region, wanted[0], verbose=self.verbose)
            except NotFound:
                return LookupResult(requested=wanted, missing=wanted)
            return LookupResult(requested=wanted, found=(detail.workspace,), detail=detail)
        raw = self.client.list_workspaces(region, workspace_ids=wanted, page_number=1,
                                          page_size=MAX_PAGE_SIZE)
        return mapping.batch_lookup(raw, requested=wanted)

    def resource_limits(self, region: str) -> ResourceLimits:
        self._require_activation(region)
        raw = self.client.list_workspaces(region, option="GetResourceLimits")
        return mapping.resource_limits(raw, region=region)

    def check_name(self, region: str, name: str) -> NameCheck:
        problem = name_problem(name)
        if problem:
            raise _invalid(problem)
        self._require_activation(region)
        return self._check(region, name)

    def _check(self, region: str, name: str) -> NameCheck:
        raw = self.client.list_workspaces(region, option="CheckWorkspaceExists", name=name)
        return mapping.name_check(raw, name=name)

    # -- R4 create ---------------------------------------------------------------------------

    def create_workspace(
        self,
        region: str,
        request: CreateRequest,
        *,
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        poll_timeout: float = 120.0,
    ) -> CreateOutcome:
        started = self._clock()

        def report(phase: CreatePhase, message: str, status: str | None = None,
                   workspace_id: str | None = None) -> None:
            if on_progress is not None:
                on_progress(CreateProgress(phase=phase, message=message, status=status,
                                           elapsed=self._clock() - started,
                                           workspace_id=workspace_id))

        report("validating", "Checking the parameters")
        validate_create(request)
        self._refuse_if_read_only("create a workspace")
        self._require_activation(region)
        report("checking", f"Checking whether the name {request.name} is free")
        check = self._check(region, request.name)
        if not check.available and check.existing_id:
            return self._compare_existing(region, request, check.existing_id)
        report("creating", f"Creating workspace {request.name}")
        notes: tuple[str, ...] = ()
        try:
            workspace_id = mapping.created_workspace_id(self.client.create_workspace(
                region, name=request.name, description=request.description,
                env_types=request.environments, display_name=request.display_name,
                resource_group_id=request.resource_group_id,
            ))
        except NameAlreadyExists:
            # A race: someone created the name between our check and our create (R4).
            report("rechecking", "The name was taken meanwhile; comparing with the existing one")
            return self._compare_after_failure(region, request, None)
        except (NetworkError, ServerError) as error:
            # Ambiguous: the server may have created it. No blind retry (no client token).
            report("rechecking", "The create call failed; checking whether it was created")
            outcome = self._compare_after_failure(region, request, error)
            if outcome.kind != "exists_same" or outcome.workspace_id is None:
                return outcome
            workspace_id, seen = outcome.workspace_id, outcome.detail
            notes = (f"{_failure_kind(error)}; found it on re-check.",)
        else:
            seen = None
        if not wait:
            return CreateOutcome(kind="created", workspace_id=workspace_id, notes=notes,
                                 detail=seen, final_status=seen.workspace.status if seen else None,
                                 message=f"Workspace {request.name} ({workspace_id}) is being "
                                         "created.")
        return self._poll(region, request, workspace_id, notes, poll_timeout, report, seen)

    def _compare_after_failure(self, region: str, request: CreateRequest,
                               error: PaiwsError | None) -> CreateOutcome:
        try:
            check = self._check(region, request.name)
        except PaiwsError:
            if error is not None:
                raise error from None
            raise
        if check.available or not check.existing_id:
            if error is not None:
                error.hint = ("Nothing was found on re-check, so it was probably not created; "
                              "try again.")
                raise error from None
            raise NameAlreadyExists(
                f"The name {request.name} was reported as taken but no workspace has it now.",
                code="WorkspaceNameAlreadyExists", hint="Try again in a moment.",
            )
        return self._compare_existing(region, request, check.existing_id)

    def _compare_existing(self, region: str, request: CreateRequest,
                          existing_id: str) -> CreateOutcome:
        detail = self._detail(region, existing_id, verbose=False)
        row = detail.workspace
        differences = []
        if sorted(row.environments) != sorted(request.environments):
            differences.append("Environments")
        if row.description != request.description:
            differences.append("Description")
        if request.display_name is not None and row.display_name != request.display_name:
            differences.append("Display Name")
        if not differences:
            return CreateOutcome(
                kind="exists_same", workspace_id=existing_id, detail=detail,
                final_status=row.status,
                message=f"Workspace {request.name} already exists with the same configuration "
                        f"(ID {existing_id}); nothing was created.",
            )
        return CreateOutcome(
            kind="name_taken", workspace_id=existing_id, detail=detail,
            differences=tuple(differences), final_status=row.status,
            message=f"The name {request.name} is already taken by workspace {existing_id} with "
                    f"a different configuration ({', '.join(differences)} differ); choose "
                    "another name.",
        )

    def _poll(self, region: str, request: CreateRequest, workspace_id: str,
              notes: tuple[str, ...], poll_timeout: float, report: Callable[..., None],
              seen: WorkspaceDetail | None = None) -> CreateOutcome:
        """GetWorkspace until ENABLED; stop on FAILURE; give up politely after poll_timeout.
        ``seen``: a detail fetched moments ago (re-check path), used as the first poll."""
        deadline = self._clock() + poll_timeout
        detail: WorkspaceDetail | None = None
        status: str | None = None
        while True:
            try:
                detail, seen = seen or self._detail(region, workspace_id, verbose=False), None
            except PaiwsError as error:  # reads were already retried: report, don't fail
                return CreateOutcome(
                    kind="created", workspace_id=workspace_id, final_status=status,
                    detail=detail, notes=(*notes, f"Could not confirm its status: {error}"),
                    message=f"Workspace {request.name} ({workspace_id}) was created; its status "
                            "could not be confirmed.",
                )
            status = detail.workspace.status
            report("polling", f"Status: {status}", status=status, workspace_id=workspace_id)
            if status in ("ENABLED", "FAILURE") or self._clock() >= deadline:
                break
            self._sleep(min(self.poll_interval, max(0.0, deadline - self._clock())))
        report("done", f"Status: {status}", status=status, workspace_id=workspace_id)
        if status == "ENABLED":
            message = f"Workspace {request.name} ({workspace_id}) was created and is ENABLED."
        elif status == "FAILURE":
            message = (f"Workspace {request.name} ({workspace_id}) was created but its "
                       "initialisation failed (Status FAILURE).")
        else:
            message = (f"Workspace {request.name} ({workspace_id}) was created and is still "
                       f"{status} after {poll_timeout:g} s; it should finish on its own.")
        return CreateOutcome(kind="created", workspace_id=workspace_id, message=message,
                             final_status=status, detail=detail, notes=notes)

    # -- update / delete ---------------------------------------------------------------------

    def update_workspace(self, region: str, workspace_id: str, *,
                         display_name: str | None = None,
                         description: str | None = None) -> WorkspaceDetail:
        if display_name is None and description is None:
            raise _invalid("Nothing to change: give a display name or a description.")
        if display_name is not None:
            _check_display_name(display_name)
        if description is not None and (problem := description_problem(description)):
            raise _invalid(problem)
        workspace_id = check_workspace_id(workspace_id)
        self._refuse_if_read_only("update a workspace")
        self._require_activation(region)
        self.client.update_workspace(region, workspace_id, display_name=display_name,
                                     description=description)
        return self._detail(region, workspace_id, verbose=self.verbose)

    def delete_workspace(self, region: str, workspace_id: str, *, confirm_name: str) -> None:
        """R13: irreversible, so the typed name must equal the workspace's actual name."""
        self._refuse_if_read_only("delete a workspace")
        workspace_id = check_workspace_id(workspace_id)
        if not confirm_name.strip():
            raise _invalid("Type the workspace name to confirm the deletion.")
        self._require_activation(region)
        actual = self._detail(region, workspace_id, verbose=False).workspace.name
        if confirm_name != actual:
            raise _invalid("The confirmation does not match the workspace name; nothing was "
                           "deleted.", code="ConfirmationMismatch")
        self.client.delete_workspace(region, workspace_id)

    def _refuse_if_read_only(self, action: str) -> None:
        if self.read_only:
            raise ReadOnlyMode(f"Refusing to {action}: paiws is in read-only mode.",
                               code="ReadOnly", hint="Run without --read-only to make changes.")


def _failure_kind(error: PaiwsError) -> str:
    if isinstance(error, ServerError):
        return "the server reported an error on create"
    return "connection dropped"
