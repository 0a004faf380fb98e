"""R12: a permission error names the failed action and offers the least-privilege RAM policy."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from paiws.core.api import PermissionDenied
from paiws.screens.errors import COPY_KEY
from paiws.screens.widgets.key_hints import KeyHints


class PermissionErrorScreen(ModalScreen[None]):
    """A panel over the current screen; closing it leaves the app where it was."""

    HELP_TITLE: ClassVar[str] = "Permission error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(COPY_KEY, "copy_policy", "Copy policy", id="permission.copy"),
        Binding("escape", "close", "Close", id="permission.close"),
        Binding("q", "close", "Close", show=False, id="permission.q_close"),
    ]

    def __init__(self, error: PermissionDenied, *, purpose: str) -> None:
        super().__init__()
        self.error = error
        self.purpose = purpose

    @property
    def policy(self) -> str:
        return self.error.policy

    def compose(self) -> ComposeResult:
        with Vertical(id="permission-panel", classes="panel"):
            yield Static(Text("Permission denied", style="bold"), classes="panel-title")
            action = self.error.action or "unknown action"
            yield Static(
                Text.assemble(
                    "Your credentials may not call ",
                    (action, "bold"),
                    f" (needed to {self.purpose}).\n",
                    str(self.error),
                    "\n\nAttach this least-privilege RAM policy to the RAM user or role "
                    f"({COPY_KEY} copies it), then close this panel (escape) and retry with r.",
                ),
                id="permission-message",
            )
            with VerticalScroll(id="permission-policy"):
                yield Static(Text(self.policy), id="policy-text")
        yield KeyHints()

    def action_copy_policy(self) -> None:
        self.app.copy_to_clipboard(self.policy)
        self.notify("RAM policy copied to the clipboard.", title="Copied")

    def action_close(self) -> None:
        self.dismiss()
