"""Performance budgets that are counts, not times (so they can be exact tests):

* typing a 10-character filter at human speed sends no request (it filters the loaded rows);
* ``paiws list --all`` for 10,000 workspaces makes ceil(10000/100) ListWorkspaces calls and one
  ListProducts;
* reaching the region picker loads neither the SDK, the credentials library nor the emulator
  (they are what made start-up slow; see docs/performance.md).
"""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
import textwrap
from contextlib import redirect_stderr, redirect_stdout

import pytest
from textual.widgets import Input

from paiws.cli import main
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from tests.faults.faults_support import REGION, list_calls, table
from tests.support import SIZE, make_app, type_slowly, wait_until

FILTER = "gen_100002"  # 10 characters
KEY_GAP = 0.08  # seconds between keys: a quick typist
ALL_ROWS = 10_000


async def test_typing_a_ten_character_filter_sends_no_request(
    emu: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, REGION)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot,
            lambda: table(app).mode == "browser" and not table(app).busy,
            what="the first load",
        )
        before = len(list_calls(emu))
        await pilot.press("slash")
        await type_slowly(pilot, FILTER, KEY_GAP)
        name_filter = table(app).query_one("#name-filter", Input)
        assert name_filter.value == FILTER
        await wait_until(
            pilot, lambda: table(app).grid.filter_text == FILTER, what="the filtered rows"
        )
        # Every row is loaded: the filter runs on them, and Enter has nothing to ask.
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert list_calls(emu)[before:] == []
        names = [table(app).grid.get_row_at(i)[0].plain for i in range(table(app).grid.row_count)]
        assert names == [FILTER]


def test_cli_list_all_makes_one_call_per_hundred_rows(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "paiws-demo")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "paiws-demo-secret")
    region = "cn-wulanchabu"
    emu.generate(region, ALL_ROWS)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(
            ["list", "--all", "--format", "json", "--region", region, "--endpoint", emu.base_url]
        )
    assert code == 0, err.getvalue()
    data = json.loads(out.getvalue())
    assert data["Total"] == ALL_ROWS
    assert len({w["Workspace ID"] for w in data["Workspaces"]}) == ALL_ROWS
    operations = emu.operations()
    assert operations.count("ListProducts") == 1
    assert operations.count("ListWorkspaces") == math.ceil(ALL_ROWS / 100)
    assert {q["PageSize"] for q in list_calls(emu)} == {"100"}


PICKER_PROBE = textwrap.dedent("""
    import asyncio, sys
    from paiws.cli import main
    from textual.app import App

    HEAVY = ("aliyunsdkcore", "alibabacloud_credentials", "requests", "aiohttp",
             "paiws.emulator")
    original_run = App.run

    def run(app, *args, **kwargs):
        async def pilot(pilot):
            while type(app.screen).__name__ != "RegionPickerScreen":
                await asyncio.sleep(0.01)
            await pilot.pause()
            loaded = sorted({h for h in HEAVY for m in sys.modules
                             if m == h or m.startswith(h + ".")})
            sys.stderr.write("HEAVY=" + ",".join(loaded) + "\\n")
            if "--demo" in sys.argv:  # then choose the first region: the demo must start
                await pilot.press("enter")
                for _ in range(500):
                    main = app.main_screen
                    if main is not None and main.grid.loaded:
                        break
                    await asyncio.sleep(0.02)
                sys.stderr.write(f"ROWS={main.grid.loaded if main else 0}\\n")
            app.exit()
        return original_run(app, headless=True, size=(100, 30), auto_pilot=pilot)

    App.run = run
    raise SystemExit(main(sys.argv[1:]))
""")


def test_the_region_picker_needs_no_sdk_credentials_library_or_emulator(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "paiws-demo")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "paiws-demo-secret")
    completed = subprocess.run(
        [sys.executable, "-c", PICKER_PROBE, "--endpoint", emu.base_url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in completed.stderr.splitlines() if line.startswith("HEAVY=")]
    assert lines, completed.stderr[-2000:]
    assert lines[-1] == "HEAVY=", f"loaded before the picker: {lines[-1][6:]}"
    assert emu.request_log == [], "the picker sent a request before a region was chosen"


def test_demo_starts_its_emulator_at_the_first_region_choice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"):
        monkeypatch.delenv(name, raising=False)
    completed = subprocess.run(
        [sys.executable, "-c", PICKER_PROBE, "--demo"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    heavy = [line for line in completed.stderr.splitlines() if line.startswith("HEAVY=")]
    rows = [line for line in completed.stderr.splitlines() if line.startswith("ROWS=")]
    assert heavy and rows, completed.stderr[-2000:]
    assert heavy[-1] == "HEAVY=", f"loaded before the picker: {heavy[-1][6:]}"
    assert int(rows[-1][5:]) > 0, "choosing a region did not start the demo"
