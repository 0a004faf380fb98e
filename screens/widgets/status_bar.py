"""The one-line status bar at the top of every screen: who, where, and in which mode.

Shows the credential *source* label (never a key), the region, the PAI activation badge, and
READ-ONLY / DEMO badges. It reads the App's reactive state, so every screen stays in sync.
Words are in the interface language; the region is its ID (what every command takes).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from paiws import APP_NAME
from paiws.core.api import N_, _
from paiws.screens.host import host_of

BADGES: dict[str, tuple[str, str]] = {
    "checking": (N_("PAI: checking…"), "status-bar--checking"),
    "activated": (N_("PAI: activated"), "status-bar--ok"),
    "purchasable": (N_("PAI: not activated"), "status-bar--warn"),
    "no_permission": (N_("PAI: not activated"), "status-bar--warn"),
    "unknown": (N_("PAI: unknown"), "status-bar--warn"),
}


class StatusBar(Widget):
    COMPONENT_CLASSES = {
        "status-bar--app",
        "status-bar--dim",
        "status-bar--ok",
        "status-bar--warn",
        "status-bar--checking",
        "status-bar--badge",
    }

    def on_mount(self) -> None:
        self.watch(self.app, "session", self._changed, init=False)

    def _changed(self, _value: object) -> None:
        self.refresh()

    def render(self) -> Text:
        host = host_of(self)
        session = host.session

        def style(name: str) -> Style:
            return self.get_component_rich_style(name)

        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {APP_NAME} ", style=style("status-bar--app"))
        text.append("  ")
        # Source/profile/mode only: CredentialStatus holds no key material at all.
        text.append(host.credentials.label)
        text.append("  │  ", style=style("status-bar--dim"))
        if session.region:
            text.append(_("region") + " ", style=style("status-bar--dim"))
            text.append(session.region, style="bold")
        else:
            text.append(_("no region chosen"), style=style("status-bar--dim"))
        badge = BADGES.get(session.activation)
        if badge and session.region:
            text.append("  │  ", style=style("status-bar--dim"))
            text.append(_(badge[0]), style=style(badge[1]))
        if session.read_only:
            text.append("  ")
            text.append(" " + _("READ-ONLY") + " ", style=style("status-bar--badge"))
        if session.demo:
            text.append("  ")
            text.append(" " + _("DEMO") + " ", style=style("status-bar--badge"))
        return text
