"""`members list --all` never trusts a huge TotalCount either (SPEC §4): 1,000 pages at most,
``"Truncated": true``, a sentence on stderr, exit 1."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

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


def _member(n: int) -> dict[str, object]:
    return {
        "MemberId": f"100001-27{n:014d}",
        "UserId": f"27{n:014d}",
        "MemberName": f"person{n}",
        "DisplayName": f"Person {n}",
        "AccountName": f"person{n}@example.com",
        "AccountType": "5",
        "Roles": ["PAI.AlgoDeveloper"],
        "GmtCreateTime": "2024-05-01T00:00:00.000Z",
    }


@pytest.fixture
def endless() -> Iterator[HostileServer]:
    """Every ListMembers page is full and claims a trillion members."""
    page = {"RequestId": "R", "TotalCount": HUGE, "Members": [_member(n) for n in range(100)]}
    with HostileServer() as server:
        server.script["ListMembers"] = Reply(200, page)
        yield server


def test_members_list_all_stops_after_1000_pages_says_so_and_exits_1(
    endless: HostileServer, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "paiws-demo")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "paiws-demo-secret")
    result = cli(
        "members", "list", "100001", "--all", "--format", "json",
        "--region", "cn-hangzhou", "--endpoint", endless.base_url,
    )  # fmt: skip
    assert result.code == 1
    data = json.loads(result.out)
    assert data["Truncated"] is True and data["Total"] == HUGE
    assert len(data["Members"]) == 100_000
    assert "stopped after 1000 pages" in result.err and "--name or --role" in result.err
    calls = [seen.operation for seen in endless.seen]
    assert calls.count("ListMembers") == 1000
    assert "Loading pages" not in result.err  # progress only on a terminal
