"""Resource limits of the region (`l`): ListWorkspaces Option=GetResourceLimits."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from paiws.core.api import N_, _, ngettext
from paiws.screens.base import PaiwsScreen
from paiws.screens.errors import error_body, report_error
from paiws.screens.messages import CallFailed, LimitsLoaded


class LimitsScreen(PaiwsScreen[None]):
    HELP_TITLE: ClassVar[str] = N_("Resource limits")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", N_("Refresh"), id="limits.refresh"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._gen = 0
        self.busy = False

    def compose_body(self) -> ComposeResult:
        with Vertical(id="limits"):
            yield Static("", id="limits-title", classes="panel-title")
            yield Static("", id="limits-status")
            yield DataTable[Text](id="limits-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#limits-title", Static).update(
            Text(_("Resource limits in {region}").format(region=self.chosen_region), style="bold")
        )
        table = self.query_one("#limits-table", DataTable)
        table.add_column(Text(_("Resource")), key="resource")
        table.add_column(Text(_("Limit")), key="limit")
        self.action_refresh()

    def action_refresh(self) -> None:
        self._gen += 1
        self.busy = True
        self.query_one("#limits-status", Static).update(Text(_("Loading…"), style="italic"))
        self._load(self._gen, self.chosen_region)

    @work(thread=True, exclusive=True, exit_on_error=False, group="limits")
    def _load(self, gen: int, region: str) -> None:
        try:
            limits = self.service.resource_limits(region)
        except Exception as error:  # every failure becomes a message the UI explains
            self.post_message(CallFailed(gen, N_("load the resource limits"), error))
            return
        self.post_message(LimitsLoaded(gen, limits))

    def on_limits_loaded(self, message: LimitsLoaded) -> None:
        if message.gen != self._gen:
            return
        self.busy = False
        table: DataTable[Text] = self.query_one("#limits-table", DataTable)
        table.clear()
        for name, count in message.limits.items:
            table.add_row(Text(name), Text(str(count), justify="right"))
        count = len(message.limits.items)
        status = (
            ngettext("{n} limit.", "{n} limits.", count).format(n=count)
            if count
            else _("The server reported no resource limits for this region.")
        )
        self.query_one("#limits-status", Static).update(Text(status, style="dim"))
        table.focus()

    def on_call_failed(self, message: CallFailed) -> None:
        if message.gen != self._gen:
            return
        self.busy = False
        body = error_body(message.error, purpose=message.purpose)
        body.append("\n" + _("Press r to retry."))
        body.stylize("red")
        self.query_one("#limits-status", Static).update(body)
        report_error(self, message.error, purpose=message.purpose)
