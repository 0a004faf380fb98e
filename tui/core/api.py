"""The core's public face for the TUI: the service interface, the masked view models, errors and
their explanations, the input rules and the display helpers. Screens import the core only from
here (an import-linter contract in pyproject.toml holds them to it), never the client, the
mapping or anything else that touches raw API data.
"""

from __future__ import annotations

from paiws.core import validation
from paiws.core.error_report import (
    CREDENTIALS_STEPS,
    DEMO_ADVICE,
    UNEXPECTED_LINK,
    ErrorReport,
    explain,
    policy_summary,
)
from paiws.core.errors import (
    AuthFailed,
    CredentialsMissing,
    InvalidInput,
    NetworkError,
    NotActivated,
    NotFound,
    PaiwsError,
    PermissionDenied,
    ReadOnlyMode,
    ServerError,
    Throttled,
)
from paiws.core.i18n import N_, _, ngettext, translated_document
from paiws.core.interface import DataService
from paiws.core.item_reader import UNREADABLE
from paiws.core.masking import NOT_AVAILABLE
from paiws.core.overview_present import (
    BAR_PARTS,
    BAR_WIDTH,
    attention_text,
    bar_cells,
    count_text,
    find_summary,
    overview_summary,
    state_text,
)
from paiws.core.present import (
    STATUS_STYLES,
    TABLE_COLUMNS,
    display_time,
    mode_label,
    row_cells,
    unreadable_note,
    workspace_fields,
    workspace_record,
)
from paiws.core.recent_regions import recent_regions, remember_region
from paiws.core.regions import region_label, region_title
from paiws.core.views import (
    ActivationState,
    CreateOutcome,
    CreatePhase,
    CreateProgress,
    CreateRequest,
    CredentialStatus,
    ListQuery,
    LookupResult,
    NameCheck,
    OwnerInfo,
    Region,
    RegionMatches,
    RegionOverview,
    ResourceLimits,
    StatusMix,
    WorkspaceDetail,
    WorkspacePage,
    WorkspaceRow,
)

__all__ = [
    "BAR_PARTS",
    "BAR_WIDTH",
    "CREDENTIALS_STEPS",
    "DEMO_ADVICE",
    "NOT_AVAILABLE",
    "N_",
    "STATUS_STYLES",
    "TABLE_COLUMNS",
    "UNEXPECTED_LINK",
    "UNREADABLE",
    "ActivationState",
    "AuthFailed",
    "CreateOutcome",
    "CreatePhase",
    "CreateProgress",
    "CreateRequest",
    "CredentialStatus",
    "CredentialsMissing",
    "DataService",
    "ErrorReport",
    "InvalidInput",
    "ListQuery",
    "LookupResult",
    "NameCheck",
    "NetworkError",
    "NotActivated",
    "NotFound",
    "OwnerInfo",
    "PaiwsError",
    "PermissionDenied",
    "ReadOnlyMode",
    "Region",
    "RegionMatches",
    "RegionOverview",
    "ResourceLimits",
    "ServerError",
    "StatusMix",
    "Throttled",
    "WorkspaceDetail",
    "WorkspacePage",
    "WorkspaceRow",
    "_",
    "attention_text",
    "bar_cells",
    "count_text",
    "display_time",
    "explain",
    "find_summary",
    "mode_label",
    "ngettext",
    "overview_summary",
    "policy_summary",
    "recent_regions",
    "region_label",
    "region_title",
    "remember_region",
    "row_cells",
    "state_text",
    "translated_document",
    "unreadable_note",
    "validation",
    "workspace_fields",
    "workspace_record",
]
