"""Typed messages: thread workers post answers back to their screen, and screens tell the App
what happened (the App owns the session; screens never write its state).

Every worker message carries the generation (`gen`) of the request that produced it: a screen
bumps its generation whenever the question changes (region, filter, sort, another ID), so an
answer to an older question is recognised and dropped instead of overwriting newer data.
Payloads are masked view models only (R8/R9).
"""

from __future__ import annotations

from typing import Literal

from textual.message import Message

from paiws.core.api import (
    ActivationState,
    CredentialStatus,
    LookupResult,
    RegionMatches,
    RegionOverview,
    ResourceLimits,
    WorkspaceDetail,
    WorkspacePage,
    WorkspaceRow,
)
from paiws.screens.session import Badge


class WorkerMessage(Message):
    def __init__(self, gen: int) -> None:
        super().__init__()
        self.gen = gen


class ActivationChecked(WorkerMessage):
    def __init__(self, gen: int, state: ActivationState) -> None:
        super().__init__(gen)
        self.state = state


class PageLoaded(WorkerMessage):
    """One page of workspaces; `first` marks the page that replaces the previous contents."""

    def __init__(self, gen: int, page: WorkspacePage, *, first: bool) -> None:
        super().__init__(gen)
        self.page = page
        self.first = first


class PagesDone(WorkerMessage):
    """Every page of the current query has been delivered."""


class DetailLoaded(WorkerMessage):
    def __init__(self, gen: int, detail: WorkspaceDetail) -> None:
        super().__init__(gen)
        self.detail = detail


class LookupDone(WorkerMessage):
    def __init__(self, gen: int, result: LookupResult) -> None:
        super().__init__(gen)
        self.result = result


class LimitsLoaded(WorkerMessage):
    def __init__(self, gen: int, limits: ResourceLimits) -> None:
        super().__init__(gen)
        self.limits = limits


class RegionScanned(WorkerMessage):
    """An overview answer for one region (R15): its activation, then its counts."""

    def __init__(self, gen: int, row: RegionOverview) -> None:
        super().__init__(gen)
        self.row = row


class ScanDone(WorkerMessage):
    """Every region of the overview (or of a find) has answered."""


class RegionSearched(WorkerMessage):
    """Find by name: one region's matches (or why there are none)."""

    def __init__(self, gen: int, matches: RegionMatches) -> None:
        super().__init__(gen)
        self.matches = matches


class CallFailed(WorkerMessage):
    """A service call raised. `purpose` names what was being done, for the error text.

    The exception object travels to the UI thread but is only ever shown through
    `screens.errors.describe()` (PaiwsError text, or the bare type name for anything else).
    """

    def __init__(self, gen: int, purpose: str, error: BaseException) -> None:
        super().__init__(gen)
        self.purpose = purpose
        self.error = error


# -- screens -> App: what happened, so the App can update the session it owns ----------------


class RegionChosen(Message):
    """The user pressed Enter on a region (R2)."""

    def __init__(self, region: str) -> None:
        super().__init__()
        self.region = region


class ActivationChanged(Message):
    """What is known about PAI in ``region`` now (R3), for the status bar."""

    def __init__(self, region: str, badge: Badge) -> None:
        super().__init__()
        self.region = region
        self.badge = badge


class VerboseChanged(Message):
    """The user switched owner & administrators on or off (R6: sticky for the run)."""

    def __init__(self, show_owner: bool) -> None:
        super().__init__()
        self.show_owner = show_owner


Change = Literal["created", "updated", "deleted"]


class WorkspaceChanged(Message):
    """A workspace was created, updated or deleted: lists showing it are stale."""

    def __init__(self, workspace_id: str | None, change: Change) -> None:
        super().__init__()
        self.workspace_id = workspace_id
        self.change = change


class OpenWorkspace(Message):
    """Open this workspace's detail in its region (found in another region, or from the
    palette): the region becomes the chosen one (R2: the user picked the workspace)."""

    def __init__(self, region: str, row: WorkspaceRow) -> None:
        super().__init__()
        self.region = region
        self.row = row


class SearchPage(WorkerMessage):
    """A page of the server's answer to "names containing the filter text" (Enter in `/`)."""

    def __init__(self, gen: int, page: WorkspacePage) -> None:
        super().__init__(gen)
        self.page = page


class SearchDone(WorkerMessage):
    """The server search has delivered every page."""


class RowsRefreshed(WorkerMessage):
    """A live refresh of rows in transition answered (R5: one ID → GetWorkspace, several →
    one batch ListWorkspaces)."""

    def __init__(self, gen: int, result: LookupResult) -> None:
        super().__init__(gen)
        self.result = result


class RefreshFailed(WorkerMessage):
    """A live refresh failed: the rows ``ids`` may be stale now."""

    def __init__(self, gen: int, ids: tuple[str, ...], error: BaseException) -> None:
        super().__init__(gen)
        self.ids = ids
        self.error = error


class StartDemo(Message):
    """The user asked for the demo (no credentials): the App switches to it if it can."""


class CredentialsRenewed(Message):
    """Credentials were read again and work (e.g. after an STS token expired)."""

    def __init__(self, status: CredentialStatus) -> None:
        super().__init__()
        self.status = status
