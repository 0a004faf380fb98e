"""R16 in the CLI: one oddly typed workspace never makes a region unlistable. Its unreadable
fields read "unreadable" (never their value), the item lists them under "Unreadable Fields",
tables mark it, stderr counts such items, and the page still exits 0. Times in JSON and CSV are
ISO 8601 UTC; tables show them for people."""

from __future__ import annotations

import csv
import io
import json

import pytest

from paiws.emulator import Emulator
from tests.cli.cli_support import ID_ALPHA, ID_BETA, REGION, Runner, assert_no_canary

CANARY_NUMBER = 4815162342428657
CANARY_TEXT = "cnryCNRYodd77Qx"

ODD_FIELDS = {
    "EnvTypes": CANARY_TEXT,  # a string where a list belongs
    "AdminNames": CANARY_TEXT,
    "Creator": CANARY_NUMBER,  # a number where a string belongs
    "DisplayName": {"n": CANARY_TEXT},  # an object where a string belongs
}


@pytest.fixture
def odd(emu: Emulator) -> Emulator:
    emu.corrupt_fields(REGION, ID_ALPHA, ODD_FIELDS)
    return emu


def _no_raw(text: str) -> None:
    assert CANARY_TEXT not in text and str(CANARY_NUMBER)[:8] not in text
    assert_no_canary(text)


def test_json_keeps_every_item_and_names_the_unreadable_fields(
    paiws: Runner, odd: Emulator
) -> None:
    result = paiws("list", "--region", REGION, "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    by_id = {item["Workspace ID"]: item for item in data["Workspaces"]}
    alpha, beta = by_id[ID_ALPHA], by_id[ID_BETA]
    assert alpha["Unreadable Fields"] == [
        "Display Name",
        "Environments",
        "Creator ID",
        "Administrators",
    ]
    for key in alpha["Unreadable Fields"]:
        assert alpha[key] == "unreadable"  # whatever the field's usual type
    assert "Unreadable Fields" not in beta and isinstance(beta["Environments"], list)
    assert "1 workspace had fields paiws cannot read" in result.err
    _no_raw(result.text)


def test_table_and_csv_mark_the_item(paiws: Runner, odd: Emulator) -> None:
    table = paiws("list", "--region", REGION)
    assert table.code == 0 and "(!)" in table.out and "unreadable" in table.out
    rows = list(
        csv.DictReader(io.StringIO(paiws("list", "--region", REGION, "--format", "csv").out))
    )
    alpha = next(row for row in rows if row["Workspace ID"] == ID_ALPHA)
    assert alpha["Environments"] == "unreadable"
    assert alpha["Unreadable Fields"] == "Display Name;Environments;Creator ID;Administrators"
    _no_raw(table.text)


def test_get_degrades_per_field_too(paiws: Runner, odd: Emulator) -> None:
    result = paiws("get", ID_ALPHA, "--region", REGION, "--owner", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["Environments"] == "unreadable" and "Environments" in data["Unreadable Fields"]
    _no_raw(result.text)


def test_a_missing_field_is_na_not_unreadable(paiws: Runner, emu: Emulator) -> None:
    from paiws.emulator import OMIT

    emu.corrupt_fields(REGION, ID_ALPHA, {"DisplayName": OMIT, "Creator": None})
    data = json.loads(paiws("get", ID_ALPHA, "--region", REGION, "--format", "json").out)
    assert data["Display Name"] == "N/A" and data["Creator ID"] == "N/A"
    assert "Unreadable Fields" not in data


def test_json_and_csv_times_are_iso_and_tables_are_readable(paiws: Runner) -> None:
    data = json.loads(paiws("list", "--region", REGION, "--format", "json").out)
    created = data["Workspaces"][0]["Created"]
    assert len(created) == 20 and created[10] == "T" and created.endswith("Z")
    rows = list(
        csv.DictReader(io.StringIO(paiws("list", "--region", REGION, "--format", "csv").out))
    )
    assert rows[0]["Created"] == created
    table = paiws("list", "--region", REGION).out
    assert f"{created[:10]} {created[11:19]}" in table and created not in table


def test_get_shows_administrators_only_with_owner(paiws: Runner) -> None:
    plain = json.loads(paiws("get", ID_ALPHA, "--region", REGION, "--format", "json").out)
    assert "Administrators" not in plain and "Owner" not in plain
    owner = json.loads(
        paiws("get", ID_ALPHA, "--region", REGION, "--owner", "--format", "json").out
    )
    assert "Administrators" in owner and "Owner" in owner and "Owner ID" in owner
