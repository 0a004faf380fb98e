"""R3 before any workspace call: the activation check of the chosen region, and what is shown
until it passes. Idle (no region yet) → checking → the activation panel (not activated) or an
explanation (the check itself failed) → ``Opened``, after which the screen shows its content.

The check's answer is cached by the service for the run; the status bar learns it through
``ActivationChanged`` (the App owns the session).
"""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import ContentSwitcher, LoadingIndicator, Static

from paiws.core.api import N_, ActivationState, _
from paiws.screens.browse.activation_panel import ActivationPanel
from paiws.screens.errors import error_body, report_error
from paiws.screens.host import host_of
from paiws.screens.messages import ActivationChanged, ActivationChecked, CallFailed

GateState = Literal["idle", "checking", "gate", "failed", "open"]


class RegionGate(ContentSwitcher):
    """Switches between its own panels and the screen's content (a child with id ``content``)."""

    class Opened(Message):
        """PAI is activated in ``region``: the content may call the API now."""

        def __init__(self, region: str) -> None:
            super().__init__()
            self.region_id = region

    def __init__(self, *, content_id: str, id: str | None = None) -> None:
        super().__init__(initial="idle", id=id)
        self.content_id = content_id
        self.state: GateState = "idle"
        self.region_id: str | None = None
        self._gen = 0

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Choose a region to start: press g.")), id="idle", classes="panel")
        with Vertical(id="checking", classes="panel"):
            yield Static("", id="checking-text")
            yield LoadingIndicator()
        yield ActivationPanel(id="gate", classes="panel")
        yield Static("", id="failed", classes="panel")

    def enter(self, region: str) -> None:
        """A region was chosen: its cached answer, or a check."""
        self.region_id = region
        cached = host_of(self).service.cached_activation(region)
        if cached is not None:
            self._apply(cached)
        else:
            self.check(recheck=False)

    def check(self, *, recheck: bool) -> None:
        region = self.region_id
        if region is None:
            return
        self._gen += 1
        self.post_message(ActivationChanged(region, "checking"))
        self.query_one("#checking-text", Static).update(
            Text(_("Checking PAI activation in {region}…").format(region=region), style="bold")
        )
        self._switch("checking")
        self._check(self._gen, region, recheck)

    @work(thread=True, exclusive=True, exit_on_error=False, group="activation")
    def _check(self, gen: int, region: str, recheck: bool) -> None:
        try:
            state = host_of(self).service.activation(region, recheck=recheck)
        except Exception as error:  # every failure becomes a message the UI explains
            self.post_message(CallFailed(gen, N_("check PAI activation"), error))
            return
        self.post_message(ActivationChecked(gen, state))

    def on_activation_checked(self, message: ActivationChecked) -> None:
        message.stop()
        if message.gen == self._gen and message.state.region == self.region_id:
            self._apply(message.state)

    def on_call_failed(self, message: CallFailed) -> None:
        message.stop()
        if message.gen != self._gen or self.region_id is None:
            return
        self.post_message(ActivationChanged(self.region_id, "unknown"))
        body = error_body(message.error, purpose=message.purpose)
        body.append("\n\n" + _("Press r to retry, g to choose another region."))
        self.query_one("#failed", Static).update(body)
        self._switch("failed")
        report_error(self, message.error, purpose=message.purpose)

    def _apply(self, state: ActivationState) -> None:
        self.post_message(ActivationChanged(state.region, state.status))
        if state.activated:
            self._switch("open")
            self.post_message(self.Opened(state.region))
        else:
            self.query_one("#gate", ActivationPanel).show_state(state)
            self._switch("gate")

    @on(ActivationPanel.RecheckRequested)
    def _recheck(self, event: ActivationPanel.RecheckRequested) -> None:
        event.stop()
        self.check(recheck=True)

    def _switch(self, state: GateState) -> None:
        self.state = state
        self.current = self.content_id if state == "open" else state
        if state == "gate":
            self.query_one("#gate", ActivationPanel).focus()
        elif state != "open":  # nothing to act on while checking or after a failed check
            self.screen.set_focus(None)
        self.screen.refresh_bindings()
