"""The base every paiws screen builds on: status bar on top, footer below, common keys.

Common keys (SPEC §4): `escape` goes back, `q` quits from the top screen (and goes back
elsewhere), `?`/`g`/`ctrl+p`/`ctrl+q` are App-level. Screens add their own BINDINGS; the help
screen and the command palette are built from those same bindings (one source of truth).
"""

from __future__ import annotations

from typing import ClassVar, TypeVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from paiws.core.api import DataService
from paiws.screens.host import Host, host_of
from paiws.screens.session import Session
from paiws.screens.widgets.key_hints import KeyHints
from paiws.screens.widgets.status_bar import StatusBar

ResultT = TypeVar("ResultT")


class HostAccess:
    """The one way screens reach the data service and the App's session. A mixin listed after
    the Textual base class: Textual inherits CSS along the first DOMNode base only."""

    @property
    def host(self) -> Host:
        return host_of(cast(DOMNode, self))

    @property
    def service(self) -> DataService:
        return self.host.service

    @property
    def session(self) -> Session:
        return self.host.session

    @property
    def chosen_region(self) -> str:
        """The region chosen by the user. Screens that call the API only exist after a choice."""
        region = self.session.region
        if region is None:  # pragma: no cover - guarded by the screen flow
            raise RuntimeError("no region chosen")
        return region


class PaiwsScreen(Screen[ResultT], HostAccess):
    """A full screen with the shared status bar and footer."""

    HELP_TITLE: ClassVar[str] = ""
    # Widget classes whose BINDINGS belong to this screen's section of the help screen.
    HELP_WIDGETS: ClassVar[tuple[type[DOMNode], ...]] = ()
    # The footer's order: binding ids, most important first (the rest follow, `?` ends it).
    HINTS: ClassVar[tuple[str, ...]] = ()

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="screen.back"),
        Binding("q", "quit_app", "Quit", id="screen.quit"),
        Binding("q", "back", "Back", show=False, id="screen.q_back"),
    ]

    @property
    def is_root(self) -> bool:
        stack = self.app.screen_stack
        return bool(stack) and stack[0] is self

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status-bar")
        yield from self.compose_body()
        yield KeyHints()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def hint_visible(self, binding: Binding) -> bool:
        """Whether the footer offers ``binding`` (the key may still work: e.g. it explains
        why it cannot)."""
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit_app":
            return self.is_root
        if action == "back":
            return not self.is_root
        return True

    def action_back(self) -> None:
        if not self.is_root:
            self.dismiss()

    def action_quit_app(self) -> None:
        self.app.exit(0)


class PaiwsModal(ModalScreen[ResultT], HostAccess):
    """A dialog over the current screen, with the same access to the service and session."""

    HINTS: ClassVar[tuple[str, ...]] = ()

    def hint_visible(self, binding: Binding) -> bool:
        return True
