"""`paiws overview` and `paiws find` across the 16 PAI regions with 100 ms of latency on every
call, against a bare CLI start measured in the same run (SPEC §6, issue 13).

The emulator runs in this process with the demo data (14 regions where PAI is activated, 2
where it is not) and ``latency=0.1``: every answer waits 100 ms, as a distant API would.
Measured, interleaved, per round, each in a fresh process with the demo key pair:

* **bare start** baselines: ``python -m paiws --version`` (argument parsing only) and
  ``python -m paiws regions`` (a subcommand that loads the command machinery and prints the
  catalogue, no request);
* **overview**: ``python -m paiws overview --format json --endpoint URL``; the emulator's
  request log gives the calls per region and its gauge the most requests in flight at once;
* **find**: ``python -m paiws find recsys --format json --endpoint URL``.

And once, in this process: the same calls as the overview sent **one region at a time** (each
region's ListProducts, then its ListWorkspaces, through the service's client), which is what
a tool that scans region by region costs.

Target: overview and find done within 1 s of a bare start (their time minus the bare start's).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from _bench import ROOT, Result, bench_env, cli, median, spread, temp_home

LATENCY = 0.1
TARGET = 1.0  # seconds after a bare start


def run_cli(env: dict[str, str], *argv: str) -> tuple[float, dict[str, Any] | None]:
    """Wall time of ``python -m paiws ARGV`` in a fresh process, and its JSON output if any."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "paiws", *argv],
        env=env,
        capture_output=True,
        check=False,
        cwd=str(ROOT),
        timeout=120,
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(f"paiws {argv[0]} failed: {completed.stderr.decode()[-400:]}")
    out = completed.stdout.decode()
    return elapsed, json.loads(out) if out.lstrip().startswith("{") else None


def one_region_at_a_time(base_url: str) -> float:
    """The overview's calls, region after region, with nothing in parallel."""
    from paiws.core import mapping
    from paiws.core.factory import emulator_service
    from paiws.core.regions import all_regions

    service = emulator_service(base_url)
    client = service.client
    client.list_products("cn-hangzhou")  # warm the SDK, as the CLI's first call does
    start = time.perf_counter()
    for region in all_regions():
        state = mapping.activation(client.list_products(region.id), region=region.id)
        if state.activated:
            client.list_workspaces(region.id, page_number=1, page_size=100)
    elapsed = time.perf_counter() - start
    service.close()
    return elapsed


def measure(repeats: int) -> list[Result]:
    from paiws.emulator import Emulator

    times: dict[str, list[float]] = {"version": [], "regions": [], "overview": [], "find": []}
    calls: list[dict[str, int]] = []
    peaks: list[int] = []
    found: list[int] = []
    with temp_home() as tmp, Emulator(data="demo", latency=LATENCY) as emu:
        env = bench_env(Path(tmp))
        url = emu.base_url
        commands = {
            "version": ("--version",),
            "regions": ("regions",),
            "overview": ("overview", "--format", "json", "--endpoint", url),
            "find": ("find", "recsys", "--format", "json", "--endpoint", url),
        }
        for argv in commands.values():  # warm-up round (disk caches, .pyc), discarded
            run_cli(env, *argv)
        for _ in range(repeats):
            for name, argv in commands.items():
                emu.clear_log()
                emu.reset_in_flight_peak()
                seconds, data = run_cli(env, *argv)
                times[name].append(seconds)
                if name == "overview" and data is not None:
                    per_region = Counter(entry.region for entry in emu.request_log)
                    calls.append(dict(per_region))
                    peaks.append(emu.in_flight_peak)
                    assert len(data["Regions"]) == 16
                if name == "find" and data is not None:
                    found.append(int(data["Total"]))
                    peaks.append(emu.in_flight_peak)
        sequential = one_region_at_a_time(url)
    bare = {name: median(times[name]) for name in ("version", "regions")}
    results = [
        Result(
            "bare start: paiws --version",
            bare["version"],
            "s",
            detail=spread(times["version"]),
            samples=times["version"],
        ),
        Result(
            "bare start: paiws regions",
            bare["regions"],
            "s",
            detail=spread(times["regions"]),
            samples=times["regions"],
        ),
    ]
    for name, what in (("overview", "overview, 16 regions"), ("find", "find recsys, 16 regions")):
        value = median(times[name])
        after_regions = value - bare["regions"]
        after_version = value - bare["version"]
        results.append(
            Result(
                f"{what}, 100 ms per call",
                value,
                "s",
                detail=spread(times[name]),
                samples=times[name],
            )
        )
        results.append(
            Result(
                f"  {name}: time after a bare start (paiws regions)",
                after_regions,
                "s",
                target=f"<= {TARGET:g} s",
                passed=after_regions <= TARGET,
                detail=f"after `paiws --version`: {after_version:.3f} s",
            )
        )
    worst = calls[-1] if calls else {}
    listed = ", ".join(f"{region} {count}" for region, count in sorted(worst.items()))
    results += [
        Result(
            "  overview: calls per region (last run)",
            float(sum(worst.values())),
            "calls",
            target="2 activated, 1 not",
            passed=bool(calls)
            and all(set(run.values()) <= {1, 2} and sum(run.values()) == 30 for run in calls),
            detail=listed,
        ),
        Result(
            "  most requests in flight (overview and find)",
            float(max(peaks, default=0)),
            "requests",
            target="<= 4",
            passed=bool(peaks) and max(peaks) <= 4,
            detail=f"per run {peaks}; find found {sorted(set(found))} workspaces",
        ),
        Result(
            "  baseline: the overview's 30 calls one region at a time (in-process)",
            sequential,
            "s",
            detail="what scanning region by region costs at 100 ms per call",
        ),
    ]
    return results


if __name__ == "__main__":
    cli(measure, default_repeats=5)
