"""Child-process harness: runs a Textual app headless and reports when it became usable.

Run by the benchmarks, never by hand (but it works by hand too)::

    python benchmarks/probe.py startup --out F paiws -- --endpoint URL
    python benchmarks/probe.py startup --out F minimal
    python benchmarks/probe.py load --out F --rows N paiws -- --endpoint URL --region R

How it works, without touching the product: before anything else runs, ``App.run`` is wrapped so
that every app started in this process runs headless at a fixed size, and ``App._display`` (the
call that hands a finished frame to the terminal driver) is wrapped to look at the app each time
a frame is painted. The paiws target is then started exactly like ``python -m paiws`` (through
``runpy``), so argument parsing, lazy imports, credential lookup and app construction all count.

Every timestamp is ``time.monotonic()``, which is the same clock in the parent and the child on
Linux, so the parent can subtract the moment it launched the process.

* ``startup``: ready = the first painted frame in which an ``Input`` has focus (for paiws: on
  the region picker). Writes ``{"ready": t, "modules": [...]}`` and exits the app.
* ``load``: the TUI loads a region of ``--rows`` workspaces. Records when the activation check
  returned (``WorkspaceService.activation``), the first painted frame with table rows, the
  first painted frame with every row, the latency of keys pressed while rows stream in (from
  sending the key to the first painted frame that shows its effect), and the peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import runpy
import sys
import time
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input

SIZE = (160, 50)
HEAVY_PREFIXES = (
    "aliyunsdkcore",
    "alibabacloud_credentials",
    "requests",
    "urllib3",
    "paiws.emulator",
    "aiohttp",
)
# Keys pressed while the table streams in: (key, character, what must be visible afterwards).
KEY_SCRIPT: tuple[tuple[str, str | None, str], ...] = (
    ("down", None, "cursor_moved"),
    ("down", None, "cursor_moved"),
    ("question_mark", "?", "help_open"),
    ("escape", None, "help_closed"),
    ("down", None, "cursor_moved"),
    ("question_mark", "?", "help_open"),
    ("escape", None, "help_closed"),
    ("down", None, "cursor_moved"),
)
KEY_PAUSE = 0.15  # seconds between keys: a quick human
KEY_TIMEOUT = 30.0


def heavy_modules() -> list[str]:
    """Which of the heavy packages are loaded (what startup should not pay for)."""
    return sorted(
        {
            prefix
            for prefix in HEAVY_PREFIXES
            for name in sys.modules
            if name == prefix or name.startswith(prefix + ".")
        }
    )


class MinimalApp(App[None]):
    """The baseline: an App with one Input, nothing else."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="type here")


class Probe:
    def __init__(self, mode: str, out: Path, rows: int) -> None:
        self.mode = mode
        self.out = out
        self.rows = rows
        self.data: dict[str, Any] = {"keys": []}
        self.done = False
        self.app: App[Any] | None = None
        self.activation_done: float | None = None
        self.pending_key: dict[str, Any] | None = None

    # -- hooks ---------------------------------------------------------------------------

    def install(self) -> None:
        probe = self
        original_run = App.run

        def run(app: App[Any], *args: Any, **kwargs: Any) -> Any:
            probe.data["run_called"] = time.monotonic()  # imports and set-up are done
            kwargs["headless"] = True
            kwargs["size"] = SIZE
            if probe.mode == "load":
                kwargs["auto_pilot"] = probe.press_keys
            probe.app = app
            original_display = app._display

            def display(screen: Any, update: Any) -> None:
                original_display(screen, update)
                probe.on_frame(app)

            app._display = display  # type: ignore[method-assign,assignment]
            return original_run(app, *args, **kwargs)

        App.run = run  # type: ignore[method-assign,assignment]
        if self.mode == "load":
            from paiws.core.service import WorkspaceService

            original_activation = WorkspaceService.activation

            def activation(service: Any, region: str, *, recheck: bool = False) -> Any:
                state = original_activation(service, region, recheck=recheck)
                if probe.activation_done is None:
                    probe.activation_done = time.monotonic()
                return state

            WorkspaceService.activation = activation  # type: ignore[method-assign,assignment]

    # -- per frame -----------------------------------------------------------------------

    def on_frame(self, app: App[Any]) -> None:
        if self.done:
            return
        now = time.monotonic()
        if self.mode == "startup":
            focused = app.focused
            on_picker = (
                isinstance(app, MinimalApp) or type(app.screen).__name__ == "RegionPickerScreen"
            )
            if isinstance(focused, Input) and on_picker:
                self.data.update(ready=now, modules=heavy_modules())
                self.finish(app)
            return
        grid = self.grid(app)
        if self.pending_key is not None and self.key_effect_visible(app, grid):
            key = self.pending_key
            self.pending_key = None
            self.data["keys"].append(
                {"key": key["key"], "latency": now - key["sent"], "loaded": key["loaded"]}
            )
        if grid is None:
            return
        if grid.row_count > 0 and "first_rows" not in self.data:
            self.data["first_rows"] = now
        if grid.row_count >= self.rows and "all_rows" not in self.data:
            self.data["all_rows"] = now

    def grid(self, app: App[Any]) -> Any:
        from paiws.screens.widgets.workspace_grid import WorkspaceGrid

        main = getattr(app, "main_screen", None)
        if main is None or not main.is_mounted:
            return None
        try:
            return main.query_one(WorkspaceGrid)
        except Exception:
            return None

    def key_effect_visible(self, app: App[Any], grid: Any) -> bool:
        assert self.pending_key is not None
        effect = self.pending_key["effect"]
        if effect == "cursor_moved":
            return grid is not None and grid.cursor_row > self.pending_key["cursor"]
        if effect == "help_open":
            return type(app.screen).__name__ == "HelpScreen"
        return type(app.screen).__name__ != "HelpScreen"

    # -- the load scenario ---------------------------------------------------------------

    async def press_keys(self, pilot: Any) -> None:
        app = pilot.app
        while "first_rows" not in self.data:
            await asyncio.sleep(0.01)
        for key, character, effect in KEY_SCRIPT:
            grid = self.grid(app)
            if grid is None or grid.row_count >= self.rows:
                break  # only keys pressed while rows still stream in count
            await asyncio.sleep(KEY_PAUSE)
            self.pending_key = {
                "key": key,
                "effect": effect,
                "sent": time.monotonic(),
                "cursor": grid.cursor_row,
                "loaded": grid.row_count,
            }
            event = events.Key(key, character)
            event.set_sender(app)
            app._driver.send_message(event)
            deadline = time.monotonic() + KEY_TIMEOUT
            while self.pending_key is not None and time.monotonic() < deadline:
                await asyncio.sleep(0.005)
            if self.pending_key is not None:
                self.data["keys"].append({"key": key, "latency": None, "loaded": None})
                self.pending_key = None
        while "all_rows" not in self.data:
            await asyncio.sleep(0.02)
        self.data["activation_done"] = self.activation_done
        self.data["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.finish(app)

    def finish(self, app: App[Any]) -> None:
        self.done = True
        self.out.write_text(json.dumps(self.data))
        app.exit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("startup", "load"))
    parser.add_argument("target", choices=("paiws", "minimal"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--rows", type=int, default=0)
    raw = sys.argv[1:]
    cut = raw.index("--") if "--" in raw else len(raw)
    args = parser.parse_args(raw[:cut])
    paiws_argv = raw[cut + 1 :]
    probe = Probe(args.mode, args.out, args.rows)
    probe.install()
    if args.target == "minimal":
        MinimalApp().run()
        return 0
    sys.argv = ["paiws", *paiws_argv]
    try:
        runpy.run_module("paiws", run_name="__main__", alter_sys=True)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
    raise SystemExit(main())
