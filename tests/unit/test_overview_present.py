"""The overview's and find's pure parts: exit codes of a scan, the status bar, the records of
SPEC §4, the summaries and the input rules (--regions, the name to find)."""

from __future__ import annotations

import pytest

from paiws.core.errors import InvalidInput
from paiws.core.overview import mix_of, scan_exit_code, state_word
from paiws.core.overview_present import (
    BAR_WIDTH,
    bar_cells,
    bar_text,
    find_summary,
    found_record,
    overview_record,
    overview_summary,
    region_error_record,
)
from paiws.core.present import workspace_record
from paiws.core.validation import check_search, parse_regions
from paiws.core.views import (
    ActivationState,
    Region,
    RegionMatches,
    RegionOverview,
    RegionState,
    StatusMix,
)
from tests.snapshots.wizard_fake import sample_row

HZ = Region("cn-hangzhou", "China (Hangzhou)", common=True)
SH = Region("cn-shanghai", "China (Shanghai)", common=True)
KNOWN = ["cn-hangzhou", "cn-shanghai", "eu-central-1"]


def row(state: RegionState, exit_code: int | None = None, region: Region = HZ) -> RegionOverview:
    return RegionOverview(
        region, "done", state, error="x" if exit_code else None, error_exit=exit_code
    )


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ([row("activated"), row("error", 7, SH)], 0),  # some regions errored: still 0
        ([row("not activated"), row("error", 5, SH)], 0),  # not activated is an answer
        ([row("error", 5), row("error", 5, SH)], 5),
        ([row("error", 6), row("error", 6, SH)], 6),
        ([row("error", 7), row("error", 7, SH)], 7),
        ([row("error", 5), row("error", 6, SH)], 7),  # mixed kinds
        ([row("error", 1), row("error", 1, SH)], 1),
        ([], 0),
    ],
)
def test_a_scan_exits_0_unless_every_region_failed(rows: list[RegionOverview], code: int) -> None:
    assert scan_exit_code(rows) == code


def test_activation_in_the_overviews_words() -> None:
    assert state_word(ActivationState("r", "activated")) == "activated"
    assert state_word(ActivationState("r", "purchasable")) == "not activated"
    assert state_word(ActivationState("r", "no_permission")) == "no permission"


def test_statuses_are_sorted_into_the_bars_parts() -> None:
    statuses = ["ENABLED"] * 3 + ["INITIALIZING", "UPDATING", "FAILURE", "FROZEN", "DISABLED"]
    rows = [sample_row(workspace_id=str(i), status=s) for i, s in enumerate([*statuses, "odd"])]
    assert mix_of(rows) == StatusMix(enabled=3, transition=2, attention=3, other=1)


@pytest.mark.parametrize(
    ("mix", "cells"),
    [
        (StatusMix(10, 0, 0), (10, 0, 0, 0)),
        (StatusMix(5, 0, 5), (5, 0, 5, 0)),
        (StatusMix(9999, 0, 1), (9, 0, 1, 0)),  # one in 10,000 still shows
        (StatusMix(1, 1, 1, 1), (3, 2, 3, 2)),
        (StatusMix(0, 0, 0), (0, 0, 0, 0)),
    ],
)
def test_the_bar_is_proportional_and_shows_every_part_that_is_not_empty(
    mix: StatusMix, cells: tuple[int, ...]
) -> None:
    got = bar_cells(mix)
    assert sum(got) == (BAR_WIDTH if mix.total else 0)
    assert got[2] >= (1 if mix.attention else 0)
    if mix != StatusMix(1, 1, 1, 1):
        assert got == cells
    assert all(
        c >= 1
        for c, part in zip(
            got, (mix.enabled, mix.transition, mix.attention, mix.other), strict=True
        )
        if part
    )


def test_the_bar_text_reads_without_colour() -> None:
    assert bar_text(StatusMix(5, 0, 5)) == "▒" * 5 + "█" * 5
    assert bar_text(None) == ""


def test_overview_record_has_exactly_the_keys_of_spec_4() -> None:
    done = RegionOverview(HZ, "done", "activated", 64, 6, StatusMix(54, 4, 6), calls=2)
    assert overview_record(done) == {
        "Region": "cn-hangzhou",
        "Name": "China (Hangzhou)",
        "Activation": "activated",
        "Workspaces": 64,
        "Needs Attention": 6,
        "Error": None,
    }
    failed = RegionOverview(SH, "done", "error", error="It failed.", error_exit=7)
    assert overview_record(failed)["Workspaces"] is None
    assert overview_record(failed)["Error"] == "It failed."


def test_found_records_are_the_list_records_with_their_region_first() -> None:
    workspace = sample_row()
    matches = RegionMatches(SH, "done", "activated", rows=(workspace,), total=1)
    record = found_record(matches, workspace)
    assert next(iter(record)) == "Region" and record["Region"] == "cn-shanghai"
    assert {k: v for k, v in record.items() if k != "Region"} == workspace_record(workspace)
    failed = RegionMatches(HZ, "done", "error", error="Timed out.", error_exit=7)
    assert region_error_record(failed) == {
        "Region": "cn-hangzhou",
        "Name": "China (Hangzhou)",
        "Error": "Timed out.",
    }


def test_summaries_count_what_the_rows_say() -> None:
    rows = [
        RegionOverview(HZ, "done", "activated", 64, 6, StatusMix(54, 4, 6)),
        RegionOverview(SH, "done", "error", error="x", error_exit=7),
    ]
    assert overview_summary(rows) == (
        "2 regions: 1 activated with 64 workspaces (6 need attention), 1 failed."
    )
    answers = [
        RegionMatches(HZ, "done", "activated", rows=(sample_row(),), total=1),
        RegionMatches(SH, "done", "no permission"),
    ]
    assert find_summary("team", answers) == (
        "1 workspace matches 'team' in 1 of 1 region where PAI is activated."
    )


def test_regions_must_be_known_and_are_kept_in_order_once() -> None:
    assert parse_regions("eu-central-1, cn-hangzhou,eu-central-1", KNOWN) == (
        "eu-central-1",
        "cn-hangzhou",
    )
    with pytest.raises(InvalidInput, match="Did you mean cn-hangzhou") as refused:
        parse_regions("cn-hangzou", KNOWN)
    assert "--endpoint" not in refused.value.hint
    with pytest.raises(InvalidInput):
        parse_regions(" , ", KNOWN)


@pytest.mark.parametrize("text", ["", "   ", "x" * 65, "a\x1bb"])
def test_the_name_to_find_must_say_something(text: str) -> None:
    with pytest.raises(InvalidInput):
        check_search(text)


def test_the_name_to_find_is_trimmed() -> None:
    assert check_search("  recsys ") == "recsys"
