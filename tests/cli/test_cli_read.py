"""Read commands against the emulator: output formats, exit codes and request sequences."""

from __future__ import annotations

import csv
import io
import json

import pytest

from paiws.emulator import Emulator
from tests.cli.cli_support import (
    ADMIN_ONLY_REGION,
    ID_ALPHA,
    ID_BETA,
    ID_GAMMA,
    PURCHASABLE_REGION,
    REGION,
    Runner,
    assert_no_canary,
)

RECORD_KEYS = [
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
API_SENSITIVE_KEYS = ("Creator", "UserId", "UserName", "UserKp", "AdminNames")


def _list_ops(emu: Emulator) -> list[str]:
    return [op.split(":")[0] for op in emu.operations()]


def test_regions_needs_no_credentials_or_region(run_cli: Runner, isolated_env: object) -> None:
    result = run_cli("regions")
    assert result.code == 0
    assert "cn-hangzhou" in result.out and "China (Hangzhou)" in result.out
    data = json.loads(run_cli("regions", "--format", "json").out)
    assert {"Region ID": "ap-southeast-1", "Name": "Singapore", "Common": True} in data
    assert len(data) == 16


def test_activation_activated_region(paiws: Runner, emu: Emulator) -> None:
    result = paiws("activation", "--region", REGION)
    assert result.code == 0 and "activated" in result.out
    assert emu.operations() == ["ListProducts"]


def test_activation_purchasable_region_shows_the_purchase_url(paiws: Runner) -> None:
    result = paiws("activation", "--region", PURCHASABLE_REGION)
    assert result.code == 3
    assert "not activated" in result.out and "https://" in result.out
    data = json.loads(paiws("activation", "--region", PURCHASABLE_REGION, "--format", "json").out)
    assert data["Activated"] is False and data["Purchase URL"].startswith("https://")


def test_activation_without_purchase_permission_points_to_the_administrator(
    paiws: Runner,
) -> None:
    result = paiws("activation", "--region", ADMIN_ONLY_REGION)
    assert result.code == 3
    assert "administrator" in result.out and "pai:CreateOrder" in result.out


@pytest.mark.parametrize("region", [PURCHASABLE_REGION, ADMIN_ONLY_REGION])
def test_workspace_commands_stop_at_activation_with_exit_3(
    paiws: Runner, emu: Emulator, region: str
) -> None:
    for argv in (["list"], ["get", ID_ALPHA], ["limits"]):
        emu.clear_log()
        result = paiws(*argv, "--region", region)
        assert result.code == 3, result
        assert emu.operations() == ["ListProducts"]  # R3: nothing after a failed check
        assert "not activated" in result.err.lower()


def test_list_table_is_readable_without_colour_codes(paiws: Runner, emu: Emulator) -> None:
    result = paiws("list", "--region", REGION)
    assert result.code == 0
    assert _list_ops(emu) == ["ListProducts", "ListWorkspaces"]
    for expected in (
        "alpha_ws",
        "beta_ws",
        "gamma_ws",
        ID_ALPHA,
        "FROZEN",
        "****1234",
        "Creator ID",
        "Administrators",
    ):
        assert expected in result.out
    assert "\x1b" not in result.out  # not a terminal: no colour, no escapes
    assert "Workspaces 1-3 of 3" in result.out
    assert_no_canary(result.text)


def test_list_json_has_total_and_natural_language_records(paiws: Runner) -> None:
    result = paiws("list", "--region", REGION, "--format", "json")
    data = json.loads(result.out)
    assert data["Total"] == 3 and "Missing" not in data
    first = data["Workspaces"][0]
    assert list(first) == RECORD_KEYS
    assert first["Workspace ID"] == ID_ALPHA
    assert first["Creator ID"] == "****1234"
    assert first["Administrators"] == ["c***@example.com", "c***"]
    assert first["Environments"] == ["dev", "prod"] and first["Default"] is False
    for key in API_SENSITIVE_KEYS:
        assert f'"{key}"' not in result.out
    assert_no_canary(result.text)


def test_list_csv_header_is_the_record_keys_and_lists_use_semicolons(paiws: Runner) -> None:
    result = paiws("list", "--region", REGION, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0] == [*RECORD_KEYS, "Unreadable Fields"]  # R16's marker column, empty here
    assert len(rows) == 4
    alpha = dict(zip(rows[0], rows[1], strict=True))
    assert alpha["Environments"] == "dev;prod"
    assert alpha["Administrators"] == "c***@example.com;c***"
    assert_no_canary(result.text)


def test_hostile_description_is_printed_literally(paiws: Runner) -> None:
    table = paiws("list", "--region", REGION, "--format", "csv").out
    assert "[bold red]markup[/]" in table and "\x1b" not in table
    text = paiws("get", ID_BETA, "--region", REGION).out
    assert "[bold red]markup[/]" in text and "\x1b" not in text


def test_list_filters_sort_and_paging_reach_the_api(paiws: Runner, emu: Emulator) -> None:
    result = paiws("list", "--region", REGION, "--status", "FROZEN", "--format", "json")
    assert [w["Name"] for w in json.loads(result.out)["Workspaces"]] == ["gamma_ws"]
    result = paiws("list", "--region", REGION, "--name", "beta", "--format", "json")
    assert [w["Name"] for w in json.loads(result.out)["Workspaces"]] == ["beta_ws"]
    emu.clear_log()
    result = paiws(
        "list",
        "--region",
        REGION,
        "--sort-by",
        "GmtModifiedTime",
        "--order",
        "DESC",
        "--page",
        "2",
        "--page-size",
        "1",
        "--format",
        "json",
    )
    data = json.loads(result.out)
    assert data["Total"] == 3 and [w["Workspace ID"] for w in data["Workspaces"]] == [ID_BETA]
    query = emu.request_log[-1].query
    assert (query["SortBy"], query["Order"], query["PageNumber"], query["PageSize"]) == (
        "GmtModifiedTime",
        "DESC",
        "2",
        "1",
    )


def test_list_past_the_last_page_says_how_many_there_are(paiws: Runner) -> None:
    result = paiws("list", "--region", REGION, "--page", "9")
    assert result.code == 0
    assert result.out == f"No workspaces on page 9: {REGION} has 3 (1 page of 20).\n"
    data = json.loads(paiws("list", "--region", REGION, "--page", "9", "--format", "json").out)
    assert data == {"Total": 3, "Workspaces": []}


def test_list_all_streams_every_page(paiws: Runner, emu: Emulator) -> None:
    emu.generate(REGION, 230)
    emu.clear_log()
    result = paiws("list", "--region", REGION, "--all", "--format", "json")
    data = json.loads(result.out)
    assert data["Total"] == 233 and len(data["Workspaces"]) == 233
    assert len({w["Workspace ID"] for w in data["Workspaces"]}) == 233
    assert _list_ops(emu) == ["ListProducts"] + ["ListWorkspaces"] * 3
    csv_rows = paiws("list", "--region", REGION, "--all", "--format", "csv").out.splitlines()
    assert len(csv_rows) == 234


def test_list_ids_several_is_one_batch_call(paiws: Runner, emu: Emulator) -> None:
    result = paiws(
        "list", "--region", REGION, "--ids", f"{ID_ALPHA},{ID_GAMMA},999999", "--format", "json"
    )
    assert result.code == 0
    data = json.loads(result.out)
    assert [w["Workspace ID"] for w in data["Workspaces"]] == [ID_ALPHA, ID_GAMMA]
    assert data["Missing"] == ["999999"] and data["Total"] == 2
    assert _list_ops(emu) == ["ListProducts", "ListWorkspaces"]  # R5: no follow-up calls
    assert emu.request_log[-1].query["WorkspaceIds"] == f"{ID_ALPHA},{ID_GAMMA},999999"


def test_list_ids_table_reports_missing_ids_after_the_table(paiws: Runner) -> None:
    result = paiws("list", "--region", REGION, "--ids", f"{ID_BETA},424242")
    assert result.code == 0
    assert "beta_ws" in result.out
    assert result.out.rstrip().endswith("Workspace 424242 does not exist")


def test_list_ids_csv_keeps_stdout_parseable(paiws: Runner) -> None:
    result = paiws("list", "--region", REGION, "--ids", f"{ID_BETA},424242", "--format", "csv")
    assert len(list(csv.reader(io.StringIO(result.out)))) == 2
    assert "Workspace 424242 does not exist" in result.err


def test_list_ids_none_found_exits_4(paiws: Runner, emu: Emulator) -> None:
    result = paiws("list", "--region", REGION, "--ids", "424242,525252", "--format", "json")
    assert result.code == 4
    assert json.loads(result.out)["Missing"] == ["424242", "525252"]
    assert _list_ops(emu) == ["ListProducts", "ListWorkspaces"]


def test_list_ids_single_id_uses_get_workspace(paiws: Runner, emu: Emulator) -> None:
    result = paiws("list", "--region", REGION, "--ids", ID_GAMMA, "--format", "json")
    assert result.code == 0
    assert [w["Name"] for w in json.loads(result.out)["Workspaces"]] == ["gamma_ws"]
    assert emu.operations() == ["ListProducts", "GetWorkspace"]
    emu.clear_log()
    result = paiws("list", "--region", REGION, "--ids", "424242")
    assert result.code == 4 and "Workspace 424242 does not exist" in result.out
    assert emu.operations() == ["ListProducts", "GetWorkspace"]


def test_get_text_uses_natural_language_keys(paiws: Runner, emu: Emulator) -> None:
    result = paiws("get", ID_ALPHA, "--region", REGION)
    assert result.code == 0
    assert emu.operations() == ["ListProducts", "GetWorkspace"]
    assert emu.request_log[-1].query.get("Verbose") in (None, "false")
    lines = result.out.splitlines()
    assert lines[0].split(":", 1) == ["Workspace ID", f" {ID_ALPHA}"] or lines[0].startswith(
        "Workspace ID:"
    )
    for key in ("Name:", "Status:", "Environments:", "Creator ID:"):
        assert any(line.startswith(key) for line in lines), key
    # R6, SPEC §4: administrators, like the owner, only with --owner
    assert "Owner" not in result.out and "Administrators" not in result.out
    for key in API_SENSITIVE_KEYS:
        assert f"{key}:" not in result.out
    assert_no_canary(result.text)


def test_get_owner_json_adds_masked_owner(paiws: Runner, emu: Emulator) -> None:
    result = paiws("get", ID_ALPHA, "--region", REGION, "--owner", "--format", "json")
    assert result.code == 0
    assert emu.operations() == ["ListProducts", "GetWorkspace"]
    assert emu.request_log[-1].query.get("Verbose") == "true"  # R6: only on request
    data = json.loads(result.out)
    assert list(data) == [*RECORD_KEYS, "Owner", "Owner ID"]
    assert (data["Owner"], data["Owner ID"]) == ("c***", "****1234")
    assert_no_canary(result.text)
    text = paiws("get", ID_ALPHA, "--region", REGION, "--owner").out
    assert "Owner:" in text and "Owner ID:" in text
    assert_no_canary(text)


def test_get_unknown_id_exits_4_without_fallback(paiws: Runner, emu: Emulator) -> None:
    result = paiws("get", "424242", "--region", REGION)
    assert result.code == 4
    assert "Workspace 424242 does not exist" in result.err
    assert emu.operations() == ["ListProducts", "GetWorkspace"]  # R7: no ListWorkspaces search


def test_limits_table_and_json(paiws: Runner, emu: Emulator) -> None:
    result = paiws("limits", "--region", REGION)
    assert result.code == 0 and "DLC_share" in result.out
    assert emu.operations() == ["ListProducts", "ListWorkspaces:GetResourceLimits"]
    data = json.loads(paiws("limits", "--region", REGION, "--format", "json").out)
    assert data == {
        "Region": REGION,
        "Limits": {"PAI_share": 10, "DLC_share": 7, "MaxCompute_share": 5},
    }
