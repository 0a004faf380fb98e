"""Every stored snapshot (tests/**/__snapshots__) is scanned: no canary, no raw sensitive
value of the demo data the snapshot tests use (only the R8 masks), no escape character."""

from __future__ import annotations

from pathlib import Path

import pytest

from paiws.core.regions import all_regions
from paiws.emulator import Emulator
from paiws.emulator.data import DEMO_USERS, TENANT_ID
from tests.leaks.leak_canaries import assert_no_canary
from tests.leaks.leak_support import REPO

SNAPSHOTS = sorted(p for p in (REPO / "tests").glob("**/__snapshots__/**/*") if p.is_file())


def demo_sensitive_values() -> set[str]:
    """Creator, Owner.*, AdminNames and ExtraInfos values of the demo data set."""
    values: set[str] = {TENANT_ID}
    for user in DEMO_USERS:
        values.update(user.values())
    emulator = Emulator(data="demo")
    for region in all_regions():
        for workspace in emulator.workspaces(region.id):
            values.add(str(workspace.get("Creator") or ""))
            values.update(str(v) for v in (workspace.get("Owner") or {}).values())
            values.update(str(v) for v in workspace.get("AdminNames") or [])
            values.update(str(v) for v in (workspace.get("ExtraInfos") or {}).values())
    return {v for v in values if len(v) > 4}  # 4 characters or fewer could be coincidence


DEMO_VALUES = demo_sensitive_values()


def demo_leaks(text: str) -> list[str]:
    """Demo values shown whole, or a name shown with more than its first character."""
    found = [v for v in DEMO_VALUES if v in text]
    found += [
        v for v in DEMO_VALUES if "@" not in v and not v[:5].isdigit() and f"{v[:2]}***" in text
    ]
    return found


def test_the_demo_data_has_sensitive_values_to_look_for() -> None:
    assert len(DEMO_VALUES) >= 10
    assert demo_leaks("owner alice@example.com") and not demo_leaks("owner a***@example.com")


@pytest.mark.skipif(not SNAPSHOTS, reason="no snapshots stored yet")
@pytest.mark.parametrize("path", SNAPSHOTS, ids=[str(p.relative_to(REPO)) for p in SNAPSHOTS])
def test_a_stored_snapshot_shows_only_masked_values(path: Path) -> None:
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    assert b"\x1b" not in data, "an escape character in a snapshot"
    assert_no_canary(text, where=f"the snapshot {path.name}")
    leaked = demo_leaks(text)
    assert not leaked, f"{path.name} shows {len(leaked)} raw demo value(s)"
