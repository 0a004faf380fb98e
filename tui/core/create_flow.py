"""R4, the create workflow: validate -> check-then-act -> create -> verify.

The caller (wizard or CLI) has already shown every parameter for confirmation. From here:

1. validate locally (invalid input never reaches the network), refuse in read-only mode,
   require activation (R3);
2. ``ListWorkspaces Option=CheckWorkspaceExists WorkspaceName=<name>``; taken -> GetWorkspace on
   ``Workspaces[0].WorkspaceId`` and compare environments, description (and display name when
   given): "exists, same configuration" or "name taken" with the differing fields;
3. CreateWorkspace, never retried (it has no client token). ``WorkspaceNameAlreadyExists`` (a
   race) goes through the same comparison. After an ambiguous failure (connection dropped,
   timeout, 5xx) the existence check runs again: found with our configuration -> created, with
   a note; otherwise the original error is reported;
4. poll GetWorkspace until ENABLED, stop on FAILURE, give up politely after ``poll_timeout``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from paiws.core.errors import NameAlreadyExists, NetworkError, PaiwsError, ServerError
from paiws.core.i18n import N_
from paiws.core.validation import (
    description_problem,
    display_name_problem,
    env_problem,
    name_problem,
    require,
    resource_group_problem,
)
from paiws.core.views import (
    CreateOutcome,
    CreatePhase,
    CreateProgress,
    CreateRequest,
    NameCheck,
    WorkspaceDetail,
)

ProgressCallback = Callable[[CreateProgress], None]


class CreateBackend(Protocol):
    """What the flow needs from the service: the guards and one call per request it makes."""

    poll_interval: float

    def clock(self) -> float: ...
    def sleep(self, seconds: float) -> None: ...
    def refuse_if_read_only(self, action: str) -> None: ...
    def require_activation(self, region: str) -> None: ...
    def name_check(self, region: str, name: str) -> NameCheck: ...
    def detail(self, region: str, workspace_id: str, *, verbose: bool) -> WorkspaceDetail: ...
    def send_create(self, region: str, request: CreateRequest) -> str: ...


def validate_create(request: CreateRequest) -> None:
    """Every R4 rule, before anything is sent."""
    require(name_problem(request.name))
    require(description_problem(request.description))
    require(env_problem(request.environments))
    if request.display_name is not None:
        require(display_name_problem(request.display_name))
    if request.resource_group_id is not None:
        require(resource_group_problem(request.resource_group_id))


def differences(request: CreateRequest, existing: WorkspaceDetail) -> tuple[str, ...]:
    """The natural-language names of the fields where ``existing`` differs from ``request``."""
    row = existing.workspace
    found = []
    if sorted(row.environments) != sorted(request.environments):
        found.append("Environments")
    if row.description != request.description:
        found.append("Description")
    if request.display_name is not None and row.display_name != request.display_name:
        found.append("Display Name")
    return tuple(found)


class CreateFlow:
    """One create attempt; uses the service's request methods so every call is accounted for."""

    def __init__(
        self,
        service: CreateBackend,
        region: str,
        request: CreateRequest,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self.service, self.region, self.request = service, region, request
        self._on_progress = on_progress
        self._started = service.clock()

    def report(
        self,
        phase: CreatePhase,
        message: str,
        status: str | None = None,
        workspace_id: str | None = None,
    ) -> None:
        if self._on_progress is not None:
            self._on_progress(
                CreateProgress(
                    phase=phase,
                    message=message,
                    status=status,
                    workspace_id=workspace_id,
                    elapsed=self.service.clock() - self._started,
                )
            )

    def run(self, *, wait: bool, poll_timeout: float) -> CreateOutcome:
        service, region, request = self.service, self.region, self.request
        self.report("validating", "Checking the parameters")
        validate_create(request)
        service.refuse_if_read_only(N_("create a workspace"))
        service.require_activation(region)
        self.report("checking", f"Checking whether the name {request.name} is free")
        check = service.name_check(region, request.name)
        if not check.available and check.existing_id:
            return self._finish(self._compare(check.existing_id))
        self.report("creating", f"Creating workspace {request.name}")
        notes: tuple[str, ...] = ()
        seen: WorkspaceDetail | None = None
        try:
            workspace_id = service.send_create(region, request)
        except NameAlreadyExists:
            self.report("rechecking", "The name was taken meanwhile; comparing with it")
            return self._finish(self._recheck(None))
        except (NetworkError, ServerError) as error:
            self.report("rechecking", "The create call failed; checking whether it was created")
            outcome = self._recheck(error)
            if outcome.kind != "exists_same" or outcome.workspace_id is None:
                return self._finish(outcome)
            workspace_id, seen = outcome.workspace_id, outcome.detail
            cause = (
                "the server reported an error on create"
                if isinstance(error, ServerError)
                else "connection dropped"
            )
            notes = (f"{cause}; found it on re-check.",)
        if not wait:
            return self._finish(
                CreateOutcome(
                    kind="created",
                    workspace_id=workspace_id,
                    notes=notes,
                    detail=seen,
                    final_status=seen.workspace.status if seen else None,
                    message=f"Workspace {request.name} ({workspace_id}) is being created.",
                )
            )
        return self._finish(self._poll(workspace_id, notes, poll_timeout, seen))

    def _finish(self, outcome: CreateOutcome) -> CreateOutcome:
        self.report(
            "done", outcome.message, status=outcome.final_status, workspace_id=outcome.workspace_id
        )
        return outcome

    def _recheck(self, error: PaiwsError | None) -> CreateOutcome:
        """After a race or an ambiguous failure: is there a workspace with our name now?"""
        try:
            check = self.service.name_check(self.region, self.request.name)
        except PaiwsError:
            if error is not None:
                raise error from None  # the create failure is the one the user must see
            raise
        if check.available or not check.existing_id:
            if error is not None:
                error.hint = (
                    "Nothing was found on re-check, so it was probably not created; try again."
                )
                raise error from None
            raise NameAlreadyExists(
                f"The name {self.request.name} was reported as taken, but no workspace has it now.",
                code="WorkspaceNameAlreadyExists",
                hint="Try again in a moment.",
            )
        return self._compare(check.existing_id)

    def _compare(self, existing_id: str) -> CreateOutcome:
        detail = self.service.detail(self.region, existing_id, verbose=False)
        name, status = self.request.name, detail.workspace.status
        differ = differences(self.request, detail)
        if not differ:
            return CreateOutcome(
                kind="exists_same",
                workspace_id=existing_id,
                detail=detail,
                final_status=status,
                message=f"Workspace {name} already exists with the same configuration "
                f"(ID {existing_id}); nothing was created.",
            )
        return CreateOutcome(
            kind="name_taken",
            workspace_id=existing_id,
            detail=detail,
            differences=differ,
            final_status=status,
            message=f"The name {name} is already taken by workspace {existing_id} with a "
            f"different configuration ({', '.join(differ)} differ); choose another name.",
        )

    def _poll(
        self,
        workspace_id: str,
        notes: tuple[str, ...],
        poll_timeout: float,
        seen: WorkspaceDetail | None,
    ) -> CreateOutcome:
        """GetWorkspace until ENABLED; stop on FAILURE; give up politely after poll_timeout.
        ``seen``: a detail fetched moments ago (re-check path), used as the first poll."""
        service, name = self.service, self.request.name
        deadline = service.clock() + poll_timeout
        detail: WorkspaceDetail | None = None
        status: str | None = None
        while True:
            try:
                detail = seen or service.detail(self.region, workspace_id, verbose=False)
            except PaiwsError as error:  # reads were already retried: report, don't fail
                return CreateOutcome(
                    kind="created",
                    workspace_id=workspace_id,
                    final_status=status,
                    detail=detail,
                    notes=(*notes, f"Could not confirm its status: {error}"),
                    message=f"Workspace {name} ({workspace_id}) was created; its status could "
                    "not be confirmed.",
                )
            seen, status = None, detail.workspace.status
            self.report("polling", f"Status: {status}", status=status, workspace_id=workspace_id)
            if status in ("ENABLED", "FAILURE") or service.clock() >= deadline:
                break
            service.sleep(min(service.poll_interval, max(0.0, deadline - service.clock())))
        if status == "ENABLED":
            message = f"Workspace {name} ({workspace_id}) was created and is ENABLED."
        elif status == "FAILURE":
            message = (
                f"Workspace {name} ({workspace_id}) was created but its initialisation "
                "failed (Status FAILURE)."
            )
        else:
            message = (
                f"Workspace {name} ({workspace_id}) was created and is still {status} "
                f"after {poll_timeout:g} s; it should finish on its own."
            )
        return CreateOutcome(
            kind="created",
            workspace_id=workspace_id,
            message=message,
            final_status=status,
            detail=detail,
            notes=notes,
        )
