"""R12: a permission error names the failed action and offers the least-privilege RAM policy."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from paiws.core.api import N_, PermissionDenied, _
from paiws.screens.errors import COPY_KEY
from paiws.screens.widgets.key_hints import KeyHints
from paiws.screens.widgets.sentence import sentence


class PermissionErrorScreen(ModalScreen[None]):
    """A panel over the current screen; closing it leaves the app where it was."""

    HELP_TITLE: ClassVar[str] = N_("Permission error")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(COPY_KEY, "copy_policy", N_("Copy policy"), id="permission.copy"),
        Binding("escape", "close", N_("Close"), id="permission.close"),
        Binding("q", "close", N_("Close"), show=False, id="permission.q_close"),
    ]

    def __init__(self, error: PermissionDenied, *, purpose: str) -> None:
        """``purpose``: what failed, in the user's words, marked for the catalogue
        (``N_("load the workspaces")``); shown translated."""
        super().__init__()
        self.error = error
        self.purpose = purpose

    @property
    def policy(self) -> str:
        return self.error.policy

    def compose(self) -> ComposeResult:
        with Vertical(id="permission-panel", classes="panel"):
            yield Static(Text(_("Permission denied"), style="bold"), classes="panel-title")
            action = self.error.action or _("unknown action")
            message = sentence(
                _("Your credentials may not call {action} (needed to {purpose})."),
                action=Text(action, style="bold"),
                purpose=_(self.purpose),
            )
            message.append("\n" + str(self.error) + "\n\n")
            message.append(
                _(
                    "Attach this least-privilege RAM policy to the RAM user or role "
                    "({key} copies it), then close this panel (escape) and retry with r."
                ).format(key=COPY_KEY)
            )
            yield Static(message, id="permission-message")
            with VerticalScroll(id="permission-policy"):
                yield Static(Text(self.policy), id="policy-text")
        yield KeyHints()

    def action_copy_policy(self) -> None:
        self.app.copy_to_clipboard(self.policy)
        self.notify(_("RAM policy copied to the clipboard."), title=_("Copied"))

    def action_close(self) -> None:
        self.dismiss()
