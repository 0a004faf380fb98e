"""Textual-free presentation of view models, shared by the CLI printers and the TUI.

Keys and column titles are the natural-language names of SPEC §4 / R8, never the API's names
for sensitive fields. Records for machines (JSON, CSV) keep times in ISO 8601 UTC and lists as
lists; cells and fields for people show times readably and join lists. A field the server sent
with the wrong type reads ``unreadable`` everywhere (R16), and a record lists such fields under
``Unreadable Fields``. Values are already masked and terminal-safe (see `mapping`); callers
still hand them to widgets as ``rich.text.Text`` so Rich markup is never interpreted.
"""

from __future__ import annotations

from collections.abc import Sequence

from paiws.core.i18n import N_, _, ngettext
from paiws.core.item_reader import UNREADABLE
from paiws.core.masking import NOT_AVAILABLE
from paiws.core.views import OwnerInfo, WorkspaceRow

# Every key of a workspace record, in output order (SPEC §4). The keys of JSON and CSV are these
# English words in every language; people's tables and fields show them translated.
WORKSPACE_KEYS: tuple[str, ...] = (
    N_("Workspace ID"),
    N_("Name"),
    N_("Display Name"),
    N_("Description"),
    N_("Status"),
    N_("Environments"),
    N_("Created"),
    N_("Modified"),
    N_("Creator ID"),
    N_("Administrators"),
    N_("Resource Group"),
    N_("Default"),
)
TABLE_COLUMNS: tuple[str, ...] = (
    N_("Name"),
    N_("ID"),
    N_("Display Name"),
    N_("Status"),
    N_("Environments"),
    N_("Created"),
    N_("Modified"),
    N_("Creator ID"),
    N_("Administrators"),
    N_("Resource Group"),
    N_("Default"),
)
UNREADABLE_KEY = N_("Unreadable Fields")
UNREADABLE_MARK = " (!)"  # after the name of an item with unreadable fields, in tables (R16)

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
    return _("Standard (dev + prod)") if "dev" in envs else _("Simple (prod)")


def display_time(iso: str) -> str:
    """``2023-02-01T03:00:00Z`` -> ``2023-02-01 03:00:00 UTC``; anything else as it is."""
    if len(iso) == 20 and iso[10] == "T" and iso.endswith("Z"):
        return f"{iso[:10]} {iso[11:19]} UTC"
    return iso


def _joined(values: Sequence[str]) -> str:
    return ", ".join(values) if values else NOT_AVAILABLE


def workspace_record(
    row: WorkspaceRow,
    owner: OwnerInfo | None = None,
    *,
    include_owner: bool = False,
    include_admins: bool = True,
) -> dict[str, object]:
    """One workspace for JSON/CSV (keys exactly as in SPEC §4).

    ``Owner``/``Owner ID`` (and ``get``'s ``Administrators``) appear only when owner detail was
    asked for (R6); they are ``N/A`` when the server sent no owner block.
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
    if not include_admins:
        del record["Administrators"]
    if include_owner:
        record[N_("Owner")] = owner.username if owner else NOT_AVAILABLE
        record[N_("Owner ID")] = owner.user_id if owner else NOT_AVAILABLE
    unreadable = [key for key in row.unreadable if key in record]
    for key in unreadable:
        record[key] = UNREADABLE  # whatever the field's usual type (R16)
    if row.unreadable:
        record[UNREADABLE_KEY] = list(row.unreadable)
    return record


def _cell(row: WorkspaceRow, key: str, value: str) -> str:
    return UNREADABLE if key in row.unreadable else value


def row_cells(row: WorkspaceRow) -> tuple[str, ...]:
    """Table cells in ``TABLE_COLUMNS`` order, for people."""
    return (
        row.name + UNREADABLE_MARK if row.unreadable else row.name,
        row.workspace_id,
        row.display_name,
        row.status,
        _cell(row, "Environments", _joined(row.environments)),
        display_time(row.created),
        display_time(row.modified),
        row.creator_id,
        _cell(row, "Administrators", _joined(row.administrators)),
        row.resource_group,
        _cell(row, "Default", yes_no(row.is_default)),
    )


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def unreadable_note(items: int, what: str = "workspace") -> str:
    """The sentence that counts items with unreadable fields (CLI stderr, TUI status line)."""
    if what == "member":
        sentence = ngettext(
            "{n} member had fields paiws cannot read; they read 'unreadable' and are marked{mark}.",
            "{n} members had fields paiws cannot read; they read 'unreadable' and are "
            "marked{mark}.",
            items,
        )
    elif what == "user":
        sentence = ngettext(
            "{n} user had fields paiws cannot read; they read 'unreadable' and are marked{mark}.",
            "{n} users had fields paiws cannot read; they read 'unreadable' and are marked{mark}.",
            items,
        )
    else:
        sentence = ngettext(
            "{n} workspace had fields paiws cannot read; they read 'unreadable' and are "
            "marked{mark}.",
            "{n} workspaces had fields paiws cannot read; they read 'unreadable' and are "
            "marked{mark}.",
            items,
        )
    return sentence.format(n=items, mark=UNREADABLE_MARK)


def workspace_fields(
    row: WorkspaceRow,
    owner: OwnerInfo | None = None,
    *,
    include_owner: bool = False,
    include_admins: bool = True,
) -> list[tuple[str, str]]:
    """One workspace for people (the detail screen, `get --format text`): translated labels,
    readable times, joined lists, the mode next to the environments."""
    record = workspace_record(
        row, owner, include_owner=include_owner, include_admins=include_admins
    )
    record.pop(UNREADABLE_KEY, None)
    fields: list[tuple[str, str]] = []
    for key, value in record.items():
        if isinstance(value, bool):
            text = yes_no(value)
        elif isinstance(value, list):
            text = _joined(value)
        elif key in ("Created", "Modified"):
            text = display_time(str(value))
        else:
            text = str(value)
        fields.append((_(key), text))
        if key == "Environments":
            mode = UNREADABLE if key in row.unreadable else mode_label(row.environments)
            fields.append((_("Mode"), mode))
    return fields
