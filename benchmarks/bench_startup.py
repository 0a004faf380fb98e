"""Startup: process launch -> an interactive region picker, against a minimal Textual app.

Both are measured the same way in the same run (see probe.py): a fresh ``python`` process runs
the app headless at 160x50 and reports the first painted frame in which a text input has focus.
For paiws that is the region picker's filter, reached through the real entry point
(``python -m tui``) in two configurations:

* ``--endpoint``: credentials from the environment (the demo key pair) and an emulator
  started by this script in its own process, i.e. what a user with configured credentials runs;
* ``--demo``: the embedded emulator started inside the paiws process.

The minimal app is an ``App`` with one ``Input``. Runs are interleaved (minimal, endpoint, demo,
minimal, ...) so that load from other processes on the machine hits all three alike; one warm-up
round is discarded. Target (SPEC §6): median paiws time <= 1.5x median minimal time.
"""

from __future__ import annotations

from pathlib import Path

from _bench import REGION, Result, bench_env, cli, median, run_probe, spread, temp_home

TARGET_RATIO = 1.5


def measure(repeats: int) -> list[Result]:
    from tui.emulator import Emulator

    times: dict[str, list[float]] = {"minimal": [], "endpoint": [], "demo": []}
    modules: dict[str, list[str]] = {}
    with temp_home() as tmp, Emulator(data="empty") as emu:
        emu.generate(REGION, 45)
        env = bench_env(Path(tmp))
        configs = {
            "minimal": ("minimal", ()),
            "endpoint": ("paiws", ("--endpoint", emu.base_url)),
            "demo": ("paiws", ("--demo",)),
        }
        for round_ in range(repeats + 1):
            for name, (target, argv) in configs.items():
                launched, data = run_probe("startup", target, env, paiws_args=argv)
                if round_ > 0:  # round 0 warms the page cache and writes .pyc files
                    times[name].append(float(data["ready"]) - launched)
                modules[name] = list(data.get("modules", []))
        assert not emu.request_log, "the region picker must not send any request"
    base = median(times["minimal"])
    results = [
        Result("startup: minimal Textual app (1 Input)", base, "s", detail=spread(times["minimal"]),
               samples=times["minimal"]),
    ]
    for name in ("endpoint", "demo"):
        value = median(times[name])
        ratio = value / base
        heavy = ", ".join(modules[name]) or "none"
        results.append(Result(f"startup: paiws --{name} to region picker", value, "s",
                              detail=spread(times[name]), samples=times[name]))
        results.append(Result(f"startup ratio: paiws --{name} / minimal", ratio, "x",
                              target=f"<= {TARGET_RATIO}x", passed=ratio <= TARGET_RATIO,
                              detail=f"heavy modules loaded at the picker: {heavy}"))
    return results


if __name__ == "__main__":
    cli(measure, default_repeats=7)
