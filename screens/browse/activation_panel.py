"""R3: the activation gate shown instead of the table while PAI is not activated in a region.

Purchasable: the purchase link, `enter`/`b` open it, `y` copies it, `r` re-checks.
No permission: ask the primary account administrator (primary account or `pai:CreateOrder`).
While the gate is up, no workspace call is made.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from paiws.core.api import UNEXPECTED_LINK, ActivationState, _
from paiws.screens.host import host_of


class ActivationPanel(Static, can_focus=True):
    HELP_TITLE: ClassVar[str] = "Activation banner"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_purchase", "Open purchase page", id="activation.open"),
        Binding("b", "open_purchase", "Open purchase page", show=False, id="activation.open_b"),
        Binding("y", "copy_purchase", "Copy link", id="activation.copy"),
        Binding("r", "recheck", "Re-check", id="activation.recheck"),
    ]

    class RecheckRequested(Message):
        """The user asked to check activation again (after activating it elsewhere)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.state: ActivationState | None = None

    def show_state(self, state: ActivationState) -> None:
        self.state = state
        self.update(self._render_state(state))
        self.refresh_bindings()

    @property
    def purchase_url(self) -> str | None:
        """The purchase page, or the region's PAI console when the server's link was missing
        or not on a purchase host (links from the server are opened only there, R9)."""
        if self.state is None or self.state.status != "purchasable":
            return None
        return self.state.purchase_url or host_of(self).service.console_url(self.state.region)

    def _render_state(self, state: ActivationState) -> Text:
        text = Text()
        text.append(f"PAI is not activated in {state.region}\n\n", style="bold")
        if state.status == "purchasable":
            if state.purchase_url:
                text.append(
                    "Workspaces exist only after PAI is activated (purchased) in this region. "
                    "Your account may activate it on the purchase page:\n\n"
                )
            else:
                text.append(_(UNEXPECTED_LINK) + "\n\n")
            text.append(f"  {self.purchase_url}\n\n", style="bold underline")
            text.append(
                "Press enter or b to open the page, y to copy the link, and r to re-check "
                "once PAI is activated.\n"
            )
        else:
            text.append(
                "This account may not activate PAI here. Ask the primary account administrator "
                "to activate PAI in this region: activation needs the primary account or a RAM "
                "user with the pai:CreateOrder permission.\n\n"
            )
            text.append("Press r to re-check once it has been activated.\n")
        text.append(
            "\nWorkspace browsing and creation are blocked in this region until then. "
            "Press g to choose another region.",
            style="italic",
        )
        return text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_purchase", "copy_purchase"):
            return self.purchase_url is not None
        return self.state is not None

    def action_open_purchase(self) -> None:
        url = self.purchase_url
        if url:
            self.app.open_url(url)
            self.notify(f"Opening {url}", title="Purchase page", markup=False)

    def action_copy_purchase(self) -> None:
        url = self.purchase_url
        if url:
            self.app.copy_to_clipboard(url)
            self.notify("Purchase link copied to the clipboard.", title="Copied")

    def action_recheck(self) -> None:
        self.post_message(self.RecheckRequested())
