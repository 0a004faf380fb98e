"""The credentials were rejected, or an STS token expired during a long session (R1).

A panel over the current screen, so what was shown stays. It says what happened and how to fix
it outside the app. Credentials from a CLI profile or the credentials file can be renewed while
paiws runs: `r` reads them again, checks them with one request and, when they work, closes the
panel and refreshes the screen below. Environment variables cannot change under a running
process, so for those it says to restart paiws with new ones.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from paiws.core.api import CREDENTIALS_STEPS, AuthFailed, CredentialStatus, PaiwsError, _
from paiws.screens.base import PaiwsModal
from paiws.screens.errors import error_body
from paiws.screens.messages import CredentialsRenewed
from paiws.screens.widgets.key_hints import KeyHints

FIX = "\n".join(
    (
        "Check the AccessKey pair (or the STS token and its expiry) outside the app:",
        *(f"  • {_(step)}" for step in CREDENTIALS_STEPS),
        "then start paiws again. Press q to quit, escape to go back.",
    )
)
RENEW = (
    "Put new credentials in {where} (for example with `aliyun configure`, or the tool that "
    "issues your STS tokens), then press r: paiws reads them again and carries on. "
    "Press escape to go back, q to quit."
)
RESTART = (
    "They come from environment variables, which a running paiws cannot read again: quit "
    "(q) and start paiws with new ALIBABA_CLOUD_* values."
)


class CredentialsRejectedScreen(PaiwsModal[None]):
    HELP_TITLE: ClassVar[str] = "Credentials rejected"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "renew", "Re-read", tooltip="Read the credentials again", id="rejected.renew"),
        Binding("q", "app.quit", "Quit", id="rejected.quit"),
        Binding("escape", "close", "Back", id="rejected.back"),
    ]

    class Renewed(Message):
        def __init__(self, status: CredentialStatus) -> None:
            super().__init__()
            self.status = status

    class StillRejected(Message):
        def __init__(self, error: BaseException) -> None:
            super().__init__()
            self.error = error

    def __init__(self, error: PaiwsError) -> None:
        super().__init__()
        self.error = error
        self._busy = False

    @property
    def expired(self) -> bool:
        return isinstance(self.error, AuthFailed) and self.error.expired

    @property
    def renewable(self) -> bool:
        """Whether new credentials can be picked up without a restart."""
        return self.expired and self.host.credentials.source not in ("environment", "demo")

    def compose(self) -> ComposeResult:
        title = "Credentials expired" if self.expired else "Credentials rejected"
        with Vertical(id="rejected-panel", classes="panel"):
            yield Static(Text(title, style="bold"), classes="panel-title")
            yield Static(self._explanation(), id="rejected-text")
            yield Static("", id="rejected-status")
        yield KeyHints()

    def _explanation(self) -> Text:
        status = self.host.credentials
        code = f" ({self.error.code})" if self.error.code else ""
        if not self.expired:
            return Text(f"The server did not accept your credentials{code}.\n{self.error}\n\n{FIX}")
        text = Text(f"Your STS token has expired{code}; what is on screen stays as it was.\n\n")
        if self.renewable:
            where = "the CLI profile" if status.profile else "the credentials file"
            text.append(RENEW.format(where=where))
        else:
            text.append(RESTART)
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "renew":
            return self.renewable and not self._busy
        return True

    def action_renew(self) -> None:
        if not self.renewable or self._busy:
            return
        self._busy = True
        self.query_one("#rejected-status", Static).update(Text("Reading them again…", "italic"))
        self.refresh_bindings()
        self._renew(self.session.region)

    @work(thread=True, exclusive=True, exit_on_error=False, group="renew")
    def _renew(self, region: str | None) -> None:
        try:
            status = self.service.refresh_credentials()
            if region is not None:  # one cheap request proves the new credentials work
                self.service.activation(region, recheck=True)
        except Exception as error:  # explained below, never raised
            self.post_message(self.StillRejected(error))
            return
        self.post_message(self.Renewed(status))

    def on_credentials_rejected_screen_renewed(self, message: Renewed) -> None:
        self._busy = False
        self.app.post_message(CredentialsRenewed(message.status))
        self.dismiss()

    def on_credentials_rejected_screen_still_rejected(self, message: StillRejected) -> None:
        self._busy = False
        body = error_body(message.error, purpose="use the credentials read again")
        self.query_one("#rejected-status", Static).update(body)
        self.refresh_bindings()

    def action_close(self) -> None:
        self.dismiss()
