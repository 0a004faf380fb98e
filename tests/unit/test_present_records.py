"""Presentation for the CLI and TUI: §4 keys, table columns, styles, modes."""

from __future__ import annotations

import json

from paiws.core.present import (
    STATUS_STYLES,
    TABLE_COLUMNS,
    mode_label,
    row_cells,
    workspace_record,
)
from paiws.core.validation import STATUSES
from paiws.core.views import OwnerInfo, WorkspaceRow

ROW = WorkspaceRow(
    workspace_id="123456",
    name="demo_ws",
    display_name="Demo",
    description="[b]literal[/b]",
    status="ENABLED",
    environments=("dev", "prod"),
    created="2024-03-01 08:30:00 UTC",
    modified="2024-03-02 09:00:00 UTC",
    creator_id="****0001",
    administrators=("a***@example.com", "b***"),
    resource_group="rg-abc",
    is_default=True,
    extra_info=(("TenantId", "****0003"),),
)
OWNER = OwnerInfo(username="c***", display_name="C***", user_id="****0002")

SECTION_4_KEYS = [
    "Workspace ID",
    "Name",
    "Display Name",
    "Description",
    "Status",
    "Environments",
    "Created",
    "Modified",
    "Creator ID",
    "Administrators",
    "Resource Group",
    "Default",
]
API_NAMES = {
    "Creator",
    "UserId",
    "UserName",
    "UserKp",
    "AdminNames",
    "DisplayName",
    "Owner.DisplayName",
    "ExtraInfos",
    "TenantId",
}


def test_record_has_exactly_the_section_4_keys_in_order() -> None:
    record = workspace_record(ROW)
    assert list(record) == SECTION_4_KEYS
    assert record["Environments"] == ["dev", "prod"]
    assert record["Administrators"] == ["a***@example.com", "b***"]
    assert record["Default"] is True
    assert record["Creator ID"] == "****0001"
    assert record["Description"] == "[b]literal[/b]"


def test_record_with_owner_adds_owner_and_owner_id() -> None:
    record = workspace_record(ROW, OWNER, include_owner=True)
    assert list(record) == [*SECTION_4_KEYS, "Owner", "Owner ID"]
    assert record["Owner"] == "c***" and record["Owner ID"] == "****0002"


def test_owner_is_left_out_unless_asked_for() -> None:
    assert "Owner" not in workspace_record(ROW, OWNER)


def test_owner_requested_but_not_sent_is_na() -> None:
    record = workspace_record(ROW, None, include_owner=True)
    assert record["Owner"] == "N/A" and record["Owner ID"] == "N/A"


def test_records_never_use_api_names_for_sensitive_fields_and_are_json_ready() -> None:
    record = workspace_record(ROW, OWNER, include_owner=True)
    assert not API_NAMES & set(record)
    assert "TenantId" not in json.dumps(record)  # Extra Info is not part of the record
    assert json.loads(json.dumps(record)) == record


def test_row_cells_follow_table_columns() -> None:
    cells = row_cells(ROW)
    assert len(cells) == len(TABLE_COLUMNS)
    by_column = dict(zip(TABLE_COLUMNS, cells, strict=True))
    assert by_column["Name"] == "demo_ws" and by_column["ID"] == "123456"
    assert by_column["Environments"] == "dev, prod"
    assert by_column["Administrators"] == "a***@example.com, b***"
    assert by_column["Default"] == "yes"
    assert all(isinstance(c, str) for c in cells)


def test_row_cells_show_na_for_no_administrators() -> None:
    from dataclasses import replace

    cells = dict(
        zip(
            TABLE_COLUMNS, row_cells(replace(ROW, administrators=(), is_default=False)), strict=True
        )
    )
    assert cells["Administrators"] == "N/A" and cells["Default"] == "no"


def test_every_status_has_a_style() -> None:
    assert set(STATUS_STYLES) == set(STATUSES)
    assert STATUS_STYLES["ENABLED"] == "green" and STATUS_STYLES["FAILURE"] == "red"


def test_mode_labels() -> None:
    assert mode_label(("dev", "prod")) == "Standard (dev + prod)"
    assert mode_label(["prod"]) == "Simple (prod)"
