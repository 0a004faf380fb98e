"""Run every benchmark and print one summary table (and the machine it ran on).

    python benchmarks/run_all.py              # the full run (about 5-10 minutes)
    python benchmarks/run_all.py --quick      # fewer repeats, for a smoke check
    python benchmarks/run_all.py --markdown   # the table as Markdown, for docs/performance.md

Each benchmark runs in a fresh Python process (``bench_*.py --json``), so one's imports,
threads and memory never affect another's numbers. Plain Python, no extra services: the
emulator is started by each benchmark on a free loopback port.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable

from _bench import BENCH_DIR, ROOT, Result, machine, print_table

# (script, repeats for a full run, repeats with --quick)
BENCHMARKS: tuple[tuple[str, int, int], ...] = (
    ("bench_startup.py", 11, 3),
    ("bench_tui_load.py", 5, 1),
    ("bench_cli_all.py", 5, 1),
    ("bench_debounce.py", 5, 2),
    ("bench_overview.py", 5, 2),
    ("bench_browse.py", 5, 2),
    ("bench_members.py", 3, 1),
)


def run(script: str, repeats: int) -> list[Result]:
    completed = subprocess.run(
        [sys.executable, str(BENCH_DIR / script), "--repeats", str(repeats), "--json"],
        capture_output=True,
        text=True,
        cwd=str(ROOT),
        check=False,
        timeout=3600,
    )
    if completed.returncode != 0:
        return [
            Result(
                f"{script}: failed to run",
                None,
                "",
                passed=False,
                detail=completed.stderr.strip().splitlines()[-1:][0]
                if completed.stderr.strip()
                else f"exit {completed.returncode}",
            )
        ]
    return [Result(**item) for item in json.loads(completed.stdout)]


def markdown(results: list[Result], out: Callable[[str], None]) -> None:
    out("| Benchmark | Median | Target | Result | Detail |")
    out("|---|---|---|---|---|")
    for r in results:
        cells = (r.name.strip(), r.shown(), r.target or "-", r.verdict, r.detail)
        out("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (smoke check)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    info = machine()
    started = time.monotonic()
    results: list[Result] = []
    for script, full, quick in BENCHMARKS:
        print(f"running {script} ...", file=sys.stderr, flush=True)
        results.extend(run(script, quick if args.quick else full))
    info["run time"] = f"{time.monotonic() - started:.0f} s"
    info["load average at end"] = machine()["load average at start"]
    for key, value in info.items():
        print(f"{key}: {value}")
    print()
    (markdown if args.markdown else print_table)(results, print)
    failed = [r for r in results if r.passed is False]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
