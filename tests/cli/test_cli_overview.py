"""`paiws overview` and `paiws find` (SPEC §4, R15) against the canary emulator: the JSON shapes
exactly, exit codes (0 even with errored regions; the kind's code when every region failed),
`--regions`, the table, and progress only on a terminal."""

from __future__ import annotations

import io
import json
import re
import sys
from collections import Counter

import pytest

from paiws.core.regions import all_regions
from paiws.emulator import Emulator
from tests.cli.cli_support import (
    ADMIN_ONLY_REGION,
    ID_ALPHA,
    PURCHASABLE_REGION,
    REGION,
    Runner,
    assert_no_canary,
)
from tests.cli.test_cli_read import RECORD_KEYS

ALL = [region.id for region in all_regions()]
OVERVIEW_KEYS = ["Region", "Name", "Activation", "Workspaces", "Needs Attention", "Error"]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _json(text: str) -> dict[str, object]:
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


# -- overview ---------------------------------------------------------------------------------


def test_overview_json_has_every_region_in_catalogue_order_with_the_keys_of_spec_4(
    paiws: Runner, emu: Emulator
) -> None:
    result = paiws("overview", "--format", "json")
    assert result.code == 0, result.err
    data = _json(result.out)
    assert list(data) == ["Regions"]
    regions = data["Regions"]
    assert isinstance(regions, list)
    assert [r["Region"] for r in regions] == ALL
    assert all(list(r) == OVERVIEW_KEYS for r in regions)
    by_id = {r["Region"]: r for r in regions}
    assert by_id[REGION] == {
        "Region": REGION,
        "Name": "China (Hangzhou)",
        "Activation": "activated",
        "Workspaces": 3,
        "Needs Attention": 1,  # gamma_ws is FROZEN
        "Error": None,
    }
    assert by_id[PURCHASABLE_REGION]["Activation"] == "not activated"
    assert by_id[ADMIN_ONLY_REGION]["Activation"] == "no permission"
    for region in (PURCHASABLE_REGION, ADMIN_ONLY_REGION):
        assert by_id[region]["Workspaces"] is None and by_id[region]["Needs Attention"] is None
    assert by_id["us-west-1"]["Workspaces"] == 0
    ops = Counter(emu.operations())
    assert ops == {"ListProducts": 16, "ListWorkspaces": 14}
    assert result.err == ""  # no progress: stderr is not a terminal
    assert_no_canary(result.text)


def test_overview_keeps_an_errored_region_in_its_row_and_exits_0(
    paiws: Runner, emu: Emulator
) -> None:
    emu.inject_fault("ListWorkspaces", "forbidden", times=None, region=REGION)
    result = paiws("overview", "--format", "json")
    assert result.code == 0
    row = next(r for r in _json(result.out)["Regions"] if r["Region"] == REGION)  # type: ignore[attr-defined]
    assert row["Activation"] == "error"
    assert row["Workspaces"] is None and row["Needs Attention"] is None
    assert "paiworkspace:ListWorkspaces" in row["Error"] and row["Error"].endswith(".")
    assert "\n" not in row["Error"]


def test_overview_regions_restricts_the_scan_in_the_given_order(
    paiws: Runner, emu: Emulator
) -> None:
    result = paiws("overview", "--regions", "us-east-1,cn-hangzhou", "--format", "json")
    assert result.code == 0
    assert [r["Region"] for r in _json(result.out)["Regions"]] == ["us-east-1", REGION]  # type: ignore[attr-defined]
    assert {e.region for e in emu.request_log} == {"us-east-1", REGION}


@pytest.mark.parametrize("command", [("overview",), ("find", "alpha")])
def test_an_unknown_region_is_refused_with_a_suggestion_and_nothing_is_sent(
    paiws: Runner, emu: Emulator, command: tuple[str, ...]
) -> None:
    result = paiws(*command, "--regions", "cn-shanghai,cn-hangzou")
    assert result.code == 2
    assert "Did you mean cn-hangzhou?" in result.err
    assert emu.request_log == []


@pytest.mark.parametrize(
    ("faults", "code"),
    [
        ({"*": "forbidden"}, 5),
        ({"*": "http500"}, 1),
        ({"ListProducts": "drop_before"}, 7),
        ({"cn-": "forbidden", "other": "drop_before"}, 7),  # mixed kinds
    ],
)
def test_when_every_region_fails_the_exit_code_is_that_kind_or_7_when_mixed(
    paiws: Runner, emu: Emulator, faults: dict[str, str], code: int
) -> None:
    for key, kind in faults.items():
        if key in ("*", "ListProducts"):
            emu.inject_fault("ListProducts", kind, times=None)
        else:
            for region in ALL:
                if region.startswith("cn-") == (key == "cn-"):
                    emu.inject_fault("ListProducts", kind, times=None, region=region)
    for command in (("overview", "--format", "json"), ("find", "alpha", "--format", "json")):
        result = paiws(*command)
        assert result.code == code, (command, result.err)
        assert "no region could be read" in result.err


def test_overview_without_credentials_says_so_once(run_cli: Runner, isolated_env: object) -> None:
    result = run_cli("overview", "--endpoint", "http://127.0.0.1:9")
    assert result.code == 6
    assert result.err.count("aliyun configure") == 1


def test_overview_table_in_a_pipe_has_no_bar_and_lists_errors_and_a_summary(
    paiws: Runner, emu: Emulator
) -> None:
    emu.inject_fault("ListWorkspaces", "http503", times=None, region="eu-central-1")
    result = paiws("overview")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["Region", "Name", "PAI", "Workspaces", "Needs", "Attention"]
    assert "Statuses" not in result.out and "█" not in result.out
    assert any(line.startswith("eu-central-1: The service failed with HTTP 503") for line in lines)
    assert lines[-1].startswith("16 regions: 13 activated with 3 workspaces (1 needs attention)")
    assert "\x1b" not in result.text


def test_on_a_terminal_the_table_draws_the_bar_and_stderr_shows_progress(
    paiws: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    out, err = _Tty(), _Tty()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert paiws("overview").code == 0
    text = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue())
    assert "Statuses" in text and "▒▒▒▒▒▒▒█" in text  # 2 ENABLED, 1 FROZEN: 7 + 3 cells
    assert "█ needs attention" in text
    assert "Scanning regions 16 of 16" in err.getvalue()
    assert err.getvalue().endswith("\r\x1b[2K")  # the progress line is erased at the end


def test_overview_json_on_a_terminal_is_still_plain_json(
    paiws: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, err = _Tty(), _Tty()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert paiws("overview", "--format", "json").code == 0
    assert [r["Region"] for r in json.loads(out.getvalue())["Regions"]] == ALL
    assert "Scanning regions" in err.getvalue()


# -- find ---------------------------------------------------------------------------------------


def test_find_json_has_region_then_the_list_keys_and_regions_with_errors(
    paiws: Runner, emu: Emulator
) -> None:
    emu.add_workspace("us-east-1", WorkspaceName="alpha_us", Status="FAILURE")
    emu.inject_fault("ListWorkspaces", "http500", times=None, region="eu-central-1")
    result = paiws("find", "alpha", "--format", "json")
    assert result.code == 0, result.err
    data = _json(result.out)
    assert list(data) == ["Total", "Workspaces", "Regions With Errors"]
    assert data["Total"] == 2
    workspaces = data["Workspaces"]
    assert isinstance(workspaces, list)
    assert [(w["Region"], w["Name"]) for w in workspaces] == [
        (REGION, "alpha_ws"),
        ("us-east-1", "alpha_us"),
    ]
    assert all(list(w) == ["Region", *RECORD_KEYS] for w in workspaces)
    assert workspaces[0]["Creator ID"] == "****1234"
    errors = data["Regions With Errors"]
    assert isinstance(errors, list) and len(errors) == 1
    assert errors[0]["Region"] == "eu-central-1" and errors[0]["Name"] == "Germany (Frankfurt)"
    assert errors[0]["Error"].startswith("The service failed with HTTP 500")
    searched = [e for e in emu.request_log if e.operation == "ListWorkspaces"]
    assert {e.query["WorkspaceName"] for e in searched} == {"alpha"}
    assert {e.region for e in searched} == set(ALL) - {PURCHASABLE_REGION, ADMIN_ONLY_REGION}
    assert_no_canary(result.text)


def test_find_without_a_match_exits_0_with_total_0(paiws: Runner) -> None:
    result = paiws("find", "nothing_like_it", "--format", "json")
    assert result.code == 0
    assert _json(result.out) == {"Total": 0, "Workspaces": [], "Regions With Errors": []}
    table = paiws("find", "nothing_like_it")
    assert table.code == 0
    assert "0 workspaces match 'nothing_like_it' in 0 of 14 regions" in table.out


def test_find_table_lists_region_and_masked_columns(paiws: Runner) -> None:
    result = paiws("find", "_ws", "--regions", f"{REGION},{PURCHASABLE_REGION}")
    assert result.code == 0
    header = result.out.splitlines()[0].split()
    assert header[:3] == ["Region", "Name", "ID"]
    assert result.out.count(f"{REGION} ") >= 3
    assert f"Not searched (PAI is not activated): {PURCHASABLE_REGION}." in result.out
    assert "3 workspaces match '_ws' in 1 of 1 region where PAI is activated." in result.out
    assert_no_canary(result.text)


def test_find_needs_a_name(paiws: Runner, emu: Emulator) -> None:
    result = paiws("find", "  ")
    assert result.code == 2 and "Give some text" in result.err
    assert emu.request_log == []


def test_find_degrades_per_field_and_says_how_many_items_are_affected(
    paiws: Runner, emu: Emulator
) -> None:
    emu.corrupt_fields(REGION, ID_ALPHA, {"DisplayName": 5})
    result = paiws("find", "alpha", "--format", "json")
    assert result.code == 0
    workspaces = _json(result.out)["Workspaces"]
    assert isinstance(workspaces, list) and len(workspaces) == 1
    found = workspaces[0]
    assert found["Display Name"] == "unreadable"
    assert found["Unreadable Fields"] == ["Display Name"]
    assert "1 workspace had fields paiws cannot read" in result.err


def test_overview_still_counts_a_workspace_whose_status_cannot_be_read(
    paiws: Runner, emu: Emulator
) -> None:
    emu.corrupt_fields(REGION, ID_ALPHA, {"Status": ["ENABLED"]})
    result = paiws("overview", "--regions", REGION, "--format", "json")
    regions = _json(result.out)["Regions"]
    assert isinstance(regions, list) and len(regions) == 1
    row = regions[0]
    assert (row["Workspaces"], row["Needs Attention"]) == (3, 1)
