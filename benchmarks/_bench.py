"""Shared helpers for the benchmark scripts: results, statistics, an isolated environment, the
machine description, and the emulator started the way every benchmark needs it.

Each benchmark script has a ``measure(repeats) -> list[Result]`` function and a ``main()`` that
prints its results; ``--json`` prints them as JSON for ``run_all.py``.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
PROBE = BENCH_DIR / "probe.py"
REGION = "cn-shanghai"
KEY_ID, KEY_SECRET = "paiws-demo", "paiws-demo-secret"  # the emulator's public demo pair


@dataclass
class Result:
    """One measured number. ``passed`` is None when the number has no target."""

    name: str
    value: float | None
    unit: str
    target: str = ""
    passed: bool | None = None
    detail: str = ""
    samples: list[float] = field(default_factory=list)

    def shown(self) -> str:
        if self.value is None:
            return "n/a"
        if self.unit == "s":
            return f"{self.value:.3f} s"
        if self.unit == "ms":
            return f"{self.value:.0f} ms"
        if self.unit == "x":
            return f"{self.value:.2f}x"
        if self.unit == "MB":
            return f"{self.value:.1f} MB"
        return f"{self.value:g} {self.unit}".strip()

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "-"}[self.passed]


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def spread(values: Sequence[float]) -> str:
    """'min..max over n runs' for a detail column."""
    if not values:
        return "no runs"
    return f"min {min(values):.3f}, max {max(values):.3f}, n={len(values)}"


def compile_sources() -> None:
    """Byte-compile paiws, as installing a wheel does: a checkout with PYTHONDONTWRITEBYTECODE
    set would otherwise compile every module at every start and measure the compiler."""
    import compileall

    for folder in ("tui", "screens"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)


def bench_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for a child paiws process: demo key pair, temporary HOME/XDG dirs, no
    proxies, no user profile, no ECS metadata lookup (tests and benchmarks stay offline), and
    byte code used as an installed package would (see `compile_sources`)."""
    compile_sources()
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("ALIBABA_CLOUD_", "ALICLOUD_", "PAIWS_", "TEXTUAL"))
        and name.lower() not in {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}
        and name not in ("DEBUG", "PYTHONDONTWRITEBYTECODE")
    }
    env.update(
        HOME=str(home),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        ALIBABA_CLOUD_ECS_METADATA_DISABLED="true",
        ALIBABA_CLOUD_CREDENTIALS_FILE=str(home / "no-credentials.ini"),
        ALIBABA_CLOUD_ACCESS_KEY_ID=KEY_ID,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET=KEY_SECRET,
        TERM="xterm-256color",
    )
    env.update(extra)
    return env


def temp_home() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="paiws-bench-")


def run_probe(
    mode: str,
    target: str,
    env: dict[str, str],
    *,
    paiws_args: Sequence[str] = (),
    rows: int = 0,
    timeout: float = 300.0,
) -> tuple[float, dict[str, Any]]:
    """Run benchmarks/probe.py in a fresh process; returns (monotonic launch time, its JSON)."""
    with tempfile.TemporaryDirectory(prefix="paiws-probe-") as tmp:
        out = Path(tmp) / "probe.json"
        command = [sys.executable, str(PROBE), mode, target, "--out", str(out), "--rows", str(rows)]
        if paiws_args:
            command += ["--", *paiws_args]
        cpu_before = _children_cpu()
        launched = time.monotonic()
        completed = subprocess.run(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
            check=False,
            cwd=str(ROOT),
        )
        cpu = _children_cpu() - cpu_before
        if not out.exists():
            tail = completed.stderr.decode(errors="replace")[-800:]
            raise RuntimeError(
                f"probe {mode} {target} wrote nothing (exit {completed.returncode}): {tail}"
            )
        data: dict[str, Any] = json.loads(out.read_text())
    data["cpu"] = cpu  # user + system CPU seconds of the whole child process
    return launched, data


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        import textual

        textual_version = textual.__version__
    except Exception:
        textual_version = "unknown"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "date": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram": ram,
        "python": platform.python_version(),
        "textual": textual_version,
        "os": f"{platform.system()} {platform.release()}",
        "load average at start": load,
    }


def print_table(results: Sequence[Result], out: Callable[[str], None] = print) -> None:
    rows = [("Benchmark", "Median", "Target", "Result", "Detail")]
    rows += [(r.name, r.shown(), r.target or "-", r.verdict, r.detail) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for index, row in enumerate(rows):
        out("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            out("  ".join("-" * w for w in widths))


def cli(measure: Callable[[int], list[Result]], default_repeats: int) -> None:
    """The common command line of a benchmark script."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=default_repeats)
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    args = parser.parse_args()
    results = measure(args.repeats)
    if args.json:
        print(json.dumps([asdict(r) for r in results]))
    else:
        print_table(results)
