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
from paiws.core.i18n import N_, _, listing
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
        found.append(N_("Environments"))
    if row.description != request.description:
        found.append(N_("Description"))
    if request.display_name is not None and row.display_name != request.display_name:
        found.append(N_("Display Name"))
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
        self.report("validating", _("Checking the parameters"))
        validate_create(request)
        service.refuse_if_read_only(N_("create a workspace"))
        service.require_activation(region)
        self.report(
            "checking", _("Checking whether the name {name} is free").format(name=request.name)
        )
        check = service.name_check(region, request.name)
        if not check.available and check.existing_id:
            return self._finish(self._compare(check.existing_id))
        self.report("creating", _("Creating workspace {name}").format(name=request.name))
        notes: tuple[str, ...] = ()
        seen: WorkspaceDetail | None = None
        try:
            workspace_id = service.send_create(region, request)
        except NameAlreadyExists:
            self.report("rechecking", _("The name was taken meanwhile; comparing with it"))
            return self._finish(self._recheck(None))
        except (NetworkError, ServerError) as error:
            self.report("rechecking", _("The create call failed; checking whether it was created"))
            outcome = self._recheck(error)
            if outcome.kind != "exists_same" or outcome.workspace_id is None:
                return self._finish(outcome)
            workspace_id, seen = outcome.workspace_id, outcome.detail
            notes = (
                _("the server reported an error on create; found it on re-check.")
                if isinstance(error, ServerError)
                else _("connection dropped; found it on re-check."),
            )
        if not wait:
            return self._finish(
                CreateOutcome(
                    kind="created",
                    workspace_id=workspace_id,
                    notes=notes,
                    detail=seen,
                    final_status=seen.workspace.status if seen else None,
                    message=_("Workspace {name} ({id}) is being created.").format(
                        name=request.name, id=workspace_id
                    ),
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
                error.hint = _(
                    "Nothing was found on re-check, so it was probably not created; try again."
                )
                raise error from None
            raise NameAlreadyExists(
                _("The name {name} was reported as taken, but no workspace has it now.").format(
                    name=self.request.name
                ),
                code="WorkspaceNameAlreadyExists",
                hint=_("Try again in a moment."),
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
                message=_(
                    "Workspace {name} already exists with the same configuration (ID {id}); "
                    "nothing was created."
                ).format(name=name, id=existing_id),
            )
        return CreateOutcome(
            kind="name_taken",
            workspace_id=existing_id,
            detail=detail,
            differences=differ,
            final_status=status,
            message=_(
                "The name {name} is already taken by workspace {id} with a different "
                "configuration ({fields} differ); choose another name."
            ).format(name=name, id=existing_id, fields=listing(_(field) for field in differ)),
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
                    notes=(*notes, _("Could not confirm its status: {error}").format(error=error)),
                    message=_(
                        "Workspace {name} ({id}) was created; its status could not be confirmed."
                    ).format(name=name, id=workspace_id),
                )
            seen, status = None, detail.workspace.status
            self.report(
                "polling",
                _("Status: {status}").format(status=status),
                status=status,
                workspace_id=workspace_id,
            )
            if status in ("ENABLED", "FAILURE") or service.clock() >= deadline:
                break
            service.sleep(min(service.poll_interval, max(0.0, deadline - service.clock())))
        if status == "ENABLED":
            message = _("Workspace {name} ({id}) was created and is ENABLED.")
        elif status == "FAILURE":
            message = _(
                "Workspace {name} ({id}) was created but its initialisation failed (Status "
                "FAILURE)."
            )
        else:
            message = _(
                "Workspace {name} ({id}) was created and is still {status} after {seconds} s; it "
                "should finish on its own."
            )
        message = message.format(
            name=name, id=workspace_id, status=status, seconds=f"{poll_timeout:g}"
        )
        return CreateOutcome(
            kind="created",
            workspace_id=workspace_id,
            message=message,
            final_status=status,
            detail=detail,
            notes=notes,
        )
