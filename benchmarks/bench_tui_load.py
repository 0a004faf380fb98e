"""The workspace table under load: first rows, full load, key latency while loading, peak RSS.

The TUI runs as users run it (``python -m paiws --endpoint URL --region R`` with the demo key pair
in the environment), headless at 160x50 in its own process through probe.py; the emulator runs
in this process with ``generate(region, n)`` workspaces, so the TUI process holds only what the
TUI itself needs (as with a real, remote API) and the server does not compete for its GIL.

Measured from the moment the activation check (ListProducts) returned in the TUI process:

* first rows: the first painted frame that shows table rows (target <= 1 s, SPEC §6);
* full load: the first painted frame with all n rows loaded (no target; reported);
* key latency while loading: keys pressed every 150 ms while rows stream in (down, ?, escape),
  from the moment the key reaches the app to the first painted frame that shows its effect
  (the cursor moved, the help screen open/closed); median and worst per run;
* peak RSS of the whole TUI process after the full load (``ru_maxrss``; target < 200 MB).

A second, shorter table (45 workspaces, the demo's size) gives the everyday first-rows time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from _bench import REGION, Result, bench_env, cli, median, run_probe, spread, temp_home

FIRST_ROWS_TARGET = 1.0
RSS_TARGET_MB = 200.0
KEY_TARGET = 0.25  # seconds: keys should feel immediate while the rest loads


def load_once(rows: int, env: dict[str, str], base_url: str) -> dict[str, Any]:
    _, data = run_probe(
        "load", "paiws", env, rows=rows, paiws_args=("--endpoint", base_url, "--region", REGION)
    )
    start = float(data["activation_done"])
    keys = [k["latency"] for k in data["keys"]]
    return {
        "first": float(data["first_rows"]) - start,
        "full": float(data["all_rows"]) - start,
        "keys": keys,
        "named": [(k["key"], k["latency"]) for k in data["keys"]],
        "rss_mb": float(data["maxrss_kb"]) / 1024,
    }


def by_key(runs: list[list[tuple[str, float | None]]]) -> str:
    """'down 45 ms, first ? 600 ms, ...': which keys are slow, over all runs."""
    groups: dict[str, list[float]] = {}
    for named in runs:
        seen: set[str] = set()
        for key, latency in named:
            label = {"question_mark": "?"}.get(key, key)
            label = label if label in seen or label != "?" else "first ?"
            seen.add({"first ?": "?"}.get(label, label))
            groups.setdefault(label, []).append(float("inf") if latency is None else latency)
    return ", ".join(f"{label} {median(values) * 1000:.0f} ms" for label, values in groups.items())


def measure(repeats: int) -> list[Result]:
    from paiws.emulator import Emulator

    results: list[Result] = []
    for rows in (45, 10_000):
        runs: list[dict[str, Any]] = []
        with temp_home() as tmp, Emulator(data="empty") as emu:
            emu.generate(REGION, rows)
            env = bench_env(Path(tmp))
            load_once(rows, env, emu.base_url)  # warm-up: page cache, .pyc files
            for _ in range(repeats):
                emu.clear_log()
                runs.append(load_once(rows, env, emu.base_url))
            pages = sum(1 for e in emu.request_log if e.operation == "ListWorkspaces")
        first = [r["first"] for r in runs]
        results.append(
            Result(
                f"first rows after activation, {rows:,} workspaces",
                median(first),
                "s",
                target=f"<= {FIRST_ROWS_TARGET:g} s",
                passed=median(first) <= FIRST_ROWS_TARGET,
                detail=spread(first),
                samples=first,
            )
        )
        if rows < 1000:
            continue
        full = [r["full"] for r in runs]
        results.append(
            Result(
                f"full load, {rows:,} workspaces",
                median(full),
                "s",
                detail=f"{spread(full)}; {pages} ListWorkspaces in the last run",
                samples=full,
            )
        )
        typical = [median([k for k in r["keys"] if k is not None] or [float("inf")]) for r in runs]
        worst = [
            max((k if k is not None else float("inf")) for k in r["keys"])
            if r["keys"]
            else float("nan")
            for r in runs
        ]
        pressed = [len(r["keys"]) for r in runs]
        results.append(
            Result(
                "key latency while loading (median per run)",
                median(typical) * 1000,
                "ms",
                target=f"<= {KEY_TARGET * 1000:.0f} ms",
                passed=median(typical) <= KEY_TARGET,
                detail=f"keys pressed while loading per run: {pressed}",
                samples=[t * 1000 for t in typical],
            )
        )
        results.append(
            Result(
                "key latency while loading (worst per run)",
                median(worst) * 1000,
                "ms",
                detail=f"per run: {', '.join(f'{w * 1000:.0f}' for w in worst)} ms",
                samples=[w * 1000 for w in worst],
            )
        )
        results.append(
            Result(
                "  by key (median over runs)", None, "", detail=by_key([r["named"] for r in runs])
            )
        )
        rss = [r["rss_mb"] for r in runs]
        results.append(
            Result(
                f"peak RSS of the TUI process, {rows:,} workspaces",
                max(rss),
                "MB",
                target=f"< {RSS_TARGET_MB:g} MB",
                passed=max(rss) < RSS_TARGET_MB,
                detail=f"max over runs; {spread(rss)}",
                samples=rss,
            )
        )
    return results


if __name__ == "__main__":
    cli(measure, default_repeats=5)
