"""Textual-free presentation of view models, shared by the CLI printers and the TUI.

Keys and column titles are the natural-language names of SPEC §4 / R8, never the API's names
for sensitive fields. Values are already masked and terminal-safe (see ``paiws.core.mapping``);
callers still hand them to widgets as ``rich.text.Text`` so Rich markup is never interpreted.
"""

from __future__ import annotations

from collections.abc import Sequence

from paiws.core.masking import NOT_AVAILABLE
from paiws.core.views import OwnerInfo, WorkspaceRow

TABLE_COLUMNS: tuple[str, ...] = (
    "Name",
    "ID",
    "Display Name",
    "Status",
    "Environments",
    "Created",
    "Modified",
    "Creator ID",
    "Administrators",
    "Resource Group",
    "Default",
)

STATUS_STYLES: dict[str, str] = {
    "ENABLED": "green",
    "INITIALIZING": "yellow",
    "UPDATING": "yellow",
    "FAILURE": "red",
    "DISABLED": "dim",
    "FROZEN": "blue",
}


def mode_label(envs: Sequence[str]) -> str:
    """R4 modes: ``dev`` + ``prod`` is standard, ``prod`` alone is simple."""
    return "Standard (dev + prod)" if "dev" in envs else "Simple (prod)"


def _joined(values: Sequence[str]) -> str:
    return ", ".join(values) if values else NOT_AVAILABLE


def workspace_record(
    row: WorkspaceRow, owner: OwnerInfo | None = None, include_owner: bool = False
) -> dict[str, object]:
    """One workspace as an ordered record for JSON/CSV/text output (keys exactly as in §4).

    ``Owner``/``Owner ID`` appear only with ``include_owner`` (``--owner``, R6); they are
    ``N/A`` when the server sent no owner block.
    """
    record: dict[str, object] = {
        "Workspace ID": row.workspace_id,
        "Name": row.name,
        "Display Name": row.display_name,
        "Description": row.description,
        "Status": row.status,
        "Environments": list(row.environments),
        "Created": row.created,
        "Modified": row.modified,
        "Creator ID": row.creator_id,
        "Administrators": list(row.administrators),
        "Resource Group": row.resource_group,
        "Default": row.is_default,
    }
    if include_owner:
        record["Owner"] = owner.username if owner else NOT_AVAILABLE
        record["Owner ID"] = owner.user_id if owner else NOT_AVAILABLE
    return record


def row_cells(row: WorkspaceRow) -> tuple[str, ...]:
    """Table cells in ``TABLE_COLUMNS`` order."""
    return (
        row.name,
        row.workspace_id,
        row.display_name,
        row.status,
        _joined(row.environments),
        row.created,
        row.modified,
        row.creator_id,
        _joined(row.administrators),
        row.resource_group,
        "yes" if row.is_default else "no",
    )
