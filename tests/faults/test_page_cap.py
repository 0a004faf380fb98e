"""`list --all` never trusts a huge TotalCount (SPEC §4, issue #15 item 5): it stops after 1,000
pages, says so on stderr, marks the JSON ``"Truncated": true`` and exits 1."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from tests.leaks.hostile_bodies import item, listing
from tests.leaks.leak_support import CliResult, CliRunner, HostileServer, Reply

HUGE = 10**12


@pytest.fixture
def cli(capfd: pytest.CaptureFixture[str]) -> CliRunner:
    from paiws.cli import main

    def run(*argv: str) -> CliResult:
        capfd.readouterr()
        code = main(list(argv))
        out, err = capfd.readouterr()
        return CliResult(code, out, err)

    return run


@pytest.fixture
def endless() -> Iterator[HostileServer]:
    """Every ListWorkspaces page is full and claims a trillion workspaces."""
    full_page = listing(*(item(WorkspaceId=f"{n}") for n in range(100_001, 100_101)), total=HUGE)
    with HostileServer() as server:
        server.script["ListWorkspaces"] = Reply(200, full_page)
        yield server


def test_list_all_stops_after_1000_pages_says_so_and_exits_1(
    endless: HostileServer,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "paiws-demo")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "paiws-demo-secret")
    result = cli(
        "list",
        "--all",
        "--format",
        "json",
        "--region",
        "cn-hangzhou",
        "--endpoint",
        endless.base_url,
    )
    assert result.code == 1
    data = json.loads(result.out)
    assert data["Truncated"] is True and data["Total"] == HUGE
    assert len(data["Workspaces"]) == 100_000
    assert "stopped after 1000 pages" in result.err
    calls = [seen.operation for seen in endless.seen]
    assert calls.count("ListWorkspaces") == 1000
