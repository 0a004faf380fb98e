"""`--demo` with subcommands, and the leak check over every subcommand and format: no raw
sensitive value of the demo data (Creator, Owner.*, AdminNames, ExtraInfos) is ever printed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from paiws.emulator import Emulator
from tests.cli.cli_support import REGION, Runner

pytestmark = pytest.mark.usefixtures("isolated_env")


def _sensitive_values(workspace: dict[str, Any]) -> set[str]:
    values: set[str] = set()
    values.add(str(workspace.get("Creator") or ""))
    values.update(str(v) for v in (workspace.get("Owner") or {}).values())
    values.update(str(v) for v in workspace.get("AdminNames") or [])
    values.update(str(v) for v in (workspace.get("ExtraInfos") or {}).values())
    return {v for v in values if len(v) > 4}  # 4 characters or fewer could be coincidence


@pytest.fixture
def demo_emu() -> Iterator[Emulator]:
    emulator = Emulator(data="demo", create_delay=0.0)
    emulator.start()
    try:
        yield emulator
    finally:
        emulator.stop()


def _demo_regions(emu: Emulator) -> list[str]:
    from paiws.core.regions import all_regions

    return [r.id for r in all_regions() if emu.workspaces(r.id)]


def test_demo_flag_runs_a_subcommand_on_the_embedded_emulator(run_cli: Runner) -> None:
    result = run_cli("--demo", "list", "--region", REGION, "--format", "json")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["Total"] >= len(data["Workspaces"]) > 0
    first = data["Workspaces"][0]["Workspace ID"]
    detail = run_cli("get", first, "--region", REGION, "--demo", "--owner", "--format", "json")
    assert detail.code == 0 and json.loads(detail.out)["Owner ID"].startswith("****")


def test_demo_not_activated_regions_exit_3(run_cli: Runner) -> None:
    codes = {
        region: run_cli("--demo", "activation", "--region", region).code
        for region in ("cn-beijing", "ap-southeast-1")
    }
    assert codes == {"cn-beijing": 3, "ap-southeast-1": 3}


def test_demo_create_and_wait(run_cli: Runner) -> None:
    result = run_cli(
        "--demo",
        "create",
        "--region",
        REGION,
        "--name",
        "demo_new_ws",
        "--description",
        "made in a test",
        "--env",
        "prod",
        "--yes",
        "--wait",
        "--format",
        "json",
    )
    assert result.code == 0, result
    data = json.loads(result.out)
    assert (data["Outcome"], data["Status"]) == ("created", "ENABLED")


def test_no_subcommand_or_format_prints_a_raw_sensitive_value(
    run_cli: Runner, demo_emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "paiws-demo")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "paiws-demo-secret")
    endpoint = ("--endpoint", demo_emu.base_url)
    regions = _demo_regions(demo_emu)
    assert regions
    raw: set[str] = set()
    for region in regions:
        for workspace in demo_emu.workspaces(region):
            raw |= _sensitive_values(workspace)
    assert raw
    transcript: list[str] = []

    def run(*argv: str) -> None:
        result = run_cli(*argv, *endpoint)
        assert "Traceback" not in result.err
        transcript.append(result.out + result.err)

    for region in regions:
        ids = [w["WorkspaceId"] for w in demo_emu.workspaces(region)]
        for fmt in ("table", "json", "csv"):
            run("list", "--region", region, "--all", "--format", fmt)
            run(
                "list", "--region", region, "--ids", ",".join([*ids[:3], "404040"]), "--format", fmt
            )
        run("list", "--region", region, "--ids", ids[0])
        for workspace_id in ids[:5]:
            for fmt in ("text", "json"):
                run("get", workspace_id, "--region", region, "--owner", "--format", fmt)
                run("get", workspace_id, "--region", region, "--format", fmt)
        run("limits", "--region", region)
        run("activation", "--region", region)
        first = demo_emu.workspaces(region)[0]
        run(
            "create",
            "--region",
            region,
            "--name",
            first["WorkspaceName"],
            "--description",
            "different",
            "--env",
            "prod",
            "--yes",
        )
        run("update", ids[0], "--region", region, "--description", "updated in a test")
    everything = "\n".join(transcript)
    leaked = sorted(value for value in raw if value in everything)
    assert not leaked, f"{len(leaked)} raw sensitive value(s) printed"
