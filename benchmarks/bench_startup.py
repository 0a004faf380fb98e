"""Startup: process launch -> an interactive region picker, against a minimal Textual app.

Both are measured the same way in the same run (see probe.py): a fresh ``python`` process runs
the app headless at 160x50 and reports the first painted frame in which a text input has focus.
For paiws that is the region picker's filter, reached through the real entry point
(``python -m paiws``) in two configurations:

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
    from paiws.emulator import Emulator

    names = ("minimal", "endpoint", "demo")
    wall: dict[str, list[float]] = {name: [] for name in names}
    setup: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
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
                    wall[name].append(float(data["ready"]) - launched)
                    setup[name].append(float(data["run_called"]) - launched)
                    cpu[name].append(float(data["cpu"]))
                modules[name] = list(data.get("modules", []))
        assert not emu.request_log, "the region picker must not send any request"
    base = median(wall["minimal"])
    results = [
        Result(
            "startup: minimal Textual app (1 Input)",
            base,
            "s",
            detail=f"{spread(wall['minimal'])}; before App.run {median(setup['minimal']):.3f} s",
            samples=wall["minimal"],
        ),
    ]
    for name in ("endpoint", "demo"):
        value = median(wall[name])
        ratio = value / base
        paired = median([p / m for p, m in zip(wall[name], wall["minimal"], strict=True)])
        cpu_ratio = median(cpu[name]) / median(cpu["minimal"])
        heavy = ", ".join(modules[name]) or "none"
        results.append(
            Result(
                f"startup: paiws --{name} to region picker",
                value,
                "s",
                detail=f"{spread(wall[name])}; before App.run {median(setup[name]):.3f} s",
                samples=wall[name],
            )
        )
        results.append(
            Result(
                f"startup ratio: paiws --{name} / minimal",
                ratio,
                "x",
                target=f"<= {TARGET_RATIO}x",
                passed=ratio <= TARGET_RATIO,
                detail=f"paired per round {paired:.2f}x; CPU time {cpu_ratio:.2f}x; "
                f"heavy modules at the picker: {heavy}",
            )
        )
    return results


if __name__ == "__main__":
    cli(measure, default_repeats=11)
