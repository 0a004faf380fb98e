"""AuthFailed from any call: say clearly that the credentials were rejected, and how to fix it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from paiws.core.api import CREDENTIALS_STEPS, PaiwsError
from paiws.screens.widgets.key_hints import KeyHints

FIX = "\n".join(
    (
        "Check the AccessKey pair (or the STS token and its expiry) outside the app:",
        *(f"  • {step}" for step in CREDENTIALS_STEPS),
        "then start paiws again. Press q to quit, escape to go back.",
    )
)


class CredentialsRejectedScreen(ModalScreen[None]):
    HELP_TITLE: ClassVar[str] = "Credentials rejected"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="rejected.quit"),
        Binding("escape", "close", "Back", id="rejected.back"),
    ]

    def __init__(self, error: PaiwsError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="rejected-panel", classes="panel"):
            yield Static(Text("Credentials rejected", style="bold"), classes="panel-title")
            code = f" ({self.error.code})" if self.error.code else ""
            yield Static(
                Text(f"The server did not accept your credentials{code}.\n{self.error}\n\n{FIX}")
            )
        yield KeyHints()

    def action_close(self) -> None:
        self.dismiss()
