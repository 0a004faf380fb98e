"""Frozen, already-masked view models: the only data widgets and printers ever see (R8).

Nothing in here holds a raw sensitive value. They are built in one mapping step
(`paiws.core.mapping`) from API responses; UserKp never gets this far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from paiws.core.i18n import _
from paiws.core.masking import safe_text

_REGION_SHAPE = re.compile(r"[a-z]{2,}(-[a-z0-9]+)+")
ActivationStatus = Literal["activated", "purchasable", "no_permission"]
CreateOutcomeKind = Literal["created", "exists_same", "name_taken"]
CreatePhase = Literal["validating", "checking", "creating", "rechecking", "polling", "done"]


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    common: bool = False


@dataclass(frozen=True)
class CredentialStatus:
    """Which credential source is active. Never any key, secret or token material."""

    available: bool
    source: str  # e.g. "environment", "cli-profile", "ini-file", "ecs-ram-role", "demo"
    profile: str | None = None
    mode: str | None = None  # e.g. "AK", "StsToken", "RamRoleArn", "EcsRamRole"
    problem: str | None = None  # why nothing usable was found (no secrets in it)
    looked_in: tuple[str, ...] = ()  # places consulted, for the "no credentials" screen
    region_hint: str | None = None  # the profile's region_id: a hint only, never used (R2)

    def __post_init__(self) -> None:
        # Profile names, paths and the region hint come from local files and the environment:
        # the same sanitiser as API text, so no escape sequence reaches a terminal (R9).
        for name in ("source", "profile", "mode", "problem", "region_hint"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, safe_text(value, 200))
        object.__setattr__(self, "looked_in", tuple(safe_text(p, 300) for p in self.looked_in))
        hint = self.region_hint
        if hint is not None and not _REGION_SHAPE.fullmatch(hint):
            object.__setattr__(self, "region_hint", None)

    @property
    def label(self) -> str:
        if not self.available:
            return _("no credentials")
        parts = [self.source]
        if self.profile:
            parts.append(_("profile {name}").format(name=self.profile))
        if self.mode:
            parts.append(self.mode)
        return " · ".join(parts)


@dataclass(frozen=True)
class ActivationState:
    region: str
    status: ActivationStatus
    purchase_url: str | None = None

    @property
    def activated(self) -> bool:
        return self.status == "activated"


@dataclass(frozen=True)
class WorkspaceRow:
    """One workspace, masked. Used by the table, the batch lookup and the detail view."""

    workspace_id: str
    name: str
    display_name: str
    description: str
    status: str
    environments: tuple[str, ...]
    created: str  # ISO 8601 UTC (2023-02-01T03:00:00Z); `present` makes it readable
    modified: str
    creator_id: str  # masked: ****1234 or ****
    administrators: tuple[str, ...]  # masked: a***@example.com / a***
    resource_group: str
    is_default: bool
    extra_info: tuple[tuple[str, str], ...] = ()  # values masked like IDs
    # R16: the natural-language keys of fields the server sent with the wrong type; they read
    # "unreadable" in every output.
    unreadable: tuple[str, ...] = ()

    @property
    def mode(self) -> str:
        return "standard" if "dev" in self.environments else "simple"


@dataclass(frozen=True)
class OwnerInfo:
    username: str  # masked: a***
    display_name: str  # masked: a***
    user_id: str  # masked: ****1234
    unreadable: tuple[str, ...] = ()  # R16, as for WorkspaceRow


@dataclass(frozen=True)
class WorkspaceDetail:
    workspace: WorkspaceRow
    owner: OwnerInfo | None = None  # only when fetched with Verbose (R6)
    verbose: bool = False


@dataclass(frozen=True)
class ListQuery:
    name: str | None = None
    status: str | None = None
    sort_by: str = "GmtCreateTime"
    order: str = "ASC"
    page: int = 1
    page_size: int = 20
    resource_group_id: str | None = None


@dataclass(frozen=True)
class WorkspacePage:
    rows: tuple[WorkspaceRow, ...]
    total: int
    page: int
    page_size: int

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def unreadable_items(self) -> int:
        """R16: how many items had a field of the wrong type (the outputs say so)."""
        return sum(1 for row in self.rows if row.unreadable)


@dataclass(frozen=True)
class ResourceLimits:
    region: str
    items: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class LookupResult:
    """R5: one ID -> `detail` from GetWorkspace; several -> `found` from one batch call."""

    requested: tuple[str, ...]
    found: tuple[WorkspaceRow, ...] = ()
    missing: tuple[str, ...] = ()
    detail: WorkspaceDetail | None = None


@dataclass(frozen=True)
class NameCheck:
    name: str
    available: bool
    existing_id: str | None = None


@dataclass(frozen=True)
class CreateRequest:
    """Exactly what will be sent to CreateWorkspace (nothing here is sensitive)."""

    name: str
    description: str
    environments: tuple[str, ...]
    display_name: str | None = None
    resource_group_id: str | None = None

    @property
    def effective_display_name(self) -> str:
        return self.display_name or self.name

    @property
    def mode(self) -> str:
        return "standard" if "dev" in self.environments else "simple"


@dataclass(frozen=True)
class CreateProgress:
    phase: CreatePhase
    message: str
    status: str | None = None
    elapsed: float = 0.0
    workspace_id: str | None = None


@dataclass(frozen=True)
class CreateOutcome:
    kind: CreateOutcomeKind
    workspace_id: str | None
    message: str
    differences: tuple[str, ...] = ()  # field names that differ, for "name_taken"
    final_status: str | None = None  # ENABLED, FAILURE, or the last seen status on give-up
    detail: WorkspaceDetail | None = None
    notes: tuple[str, ...] = field(default=())  # e.g. "connection dropped; re-checked and found it"


# -- many regions at once: the overview and find by name (R15) ----------------------------------

ScanStage = Literal["waiting", "counting", "done"]
# The words of SPEC §4 (`paiws overview` JSON); "no permission" is R3's false/false case.
RegionState = Literal["activated", "not activated", "no permission", "error"]


@dataclass(frozen=True)
class StatusMix:
    """How a region's workspaces split, for the overview's stacked bar."""

    enabled: int = 0
    transition: int = 0  # INITIALIZING, UPDATING
    attention: int = 0  # FAILURE, FROZEN, DISABLED
    other: int = 0  # a status the API does not list (or one that could not be read)

    @property
    def total(self) -> int:
        return self.enabled + self.transition + self.attention + self.other


@dataclass(frozen=True)
class RegionOverview:
    """One region's row of the overview, as far as it is known (``stage``).

    ``waiting``: nothing answered yet; ``counting``: the activation check answered (``state``
    is known) and the workspace calls are under way; ``done``: final. ``workspaces`` and
    ``needs_attention`` are exact counts, None unless PAI is activated and they were counted;
    ``error`` is one sentence (no raw data) when any of the region's calls failed.
    """

    region: Region
    stage: ScanStage = "waiting"
    state: RegionState | None = None
    workspaces: int | None = None
    needs_attention: int | None = None
    mix: StatusMix | None = None
    error: str | None = None
    error_exit: int | None = None  # the exit code of the error's kind (SPEC §4)
    calls: int = 0  # API calls this region cost in this scan (0: answered from the cache)


@dataclass(frozen=True)
class RegionMatches:
    """Find by name in one region: every matching workspace (masked), or why there are none."""

    region: Region
    stage: ScanStage = "waiting"
    state: RegionState | None = None
    rows: tuple[WorkspaceRow, ...] = ()
    total: int = 0  # the server's count of matches
    truncated: bool = False  # stopped at the page cap before ``total``
    error: str | None = None
    error_exit: int | None = None
    calls: int = 0
