"""R1: no usable credentials. Explain calmly how to configure them outside the app, show what
was looked for, and offer the demo. Never asks for a key."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from paiws.core.api import CREDENTIALS_STEPS, _
from paiws.screens.base import PaiwsScreen
from paiws.screens.messages import StartDemo

HOW_TO = "\n".join(
    (
        "paiws uses the same credentials as the aliyun CLI. Configure them outside the app:",
        "",
        *(f"  • {_(step)}" for step in CREDENTIALS_STEPS),
        "",
        "then start paiws again. It never asks for a key in the UI and never shows one.",
    )
)
DEMO = (
    "Just looking? Press d for the demo: a local emulator with demo data, no account needed "
    "(next time: paiws --demo)."
)
DEMO_EXIT = "Start the demo with:  paiws --demo"


class NoCredentialsScreen(PaiwsScreen[None]):
    HELP_TITLE: ClassVar[str] = "No credentials"
    HINTS = ("nocreds.demo", "screen.quit")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "d", "demo", "Demo", tooltip="Start the demo (no account needed)", id="nocreds.demo"
        ),
    ]

    def compose_body(self) -> ComposeResult:
        status = self.host.credentials
        with VerticalScroll(id="no-credentials"), Vertical(classes="panel"):
            yield Static(
                Text("No Alibaba Cloud credentials found", style="bold"), classes="panel-title"
            )
            if status.problem:
                yield Static(Text(status.problem), classes="dim")
            yield Static(Text(DEMO, style="bold"), id="demo-hint")
            yield Static(Text(HOW_TO), id="how-to")
            if status.looked_in:
                looked = Text("Looked in:\n", style="bold")
                for place in status.looked_in:
                    looked.append(f"  • {place}\n", style="not bold")
                yield Static(looked, id="looked-in")
            yield Static(Text("Press d to start the demo, q to quit."), classes="dim")

    def action_demo(self) -> None:
        # The App switches to the demo's service (or, if it cannot, exits with the command).
        self.post_message(StartDemo())
