"""Member dialogs on small terminals: below ``COMPACT_BELOW`` lines the box drops its blank
lines and list borders (``-compact`` in assets/members.tcss), so each step and its buttons fit
at 80x24. And what the dialogs that change one member (roles, removal) share."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.screen import Screen
from textual.widgets import Button

from paiws.core.api import MemberRow, _
from paiws.paths import asset_path
from paiws.screens.widgets.change_dialog import ChangeDialog

COMPACT_BELOW = 30


def fit_box(screen: Screen[Any]) -> bool:
    """Mark the dialog box compact when the terminal is short; returns whether it is."""
    compact = screen.size.height < COMPACT_BELOW
    for box in screen.query("#members-form-box"):
        box.set_class(compact, "-compact")
    return compact


class MemberDialog(ChangeDialog[bool]):
    """A dialog that changes one member: refused with the reason and only Cancel when it
    cannot be offered, compact on short terminals, and not left while the change is sent.
    Dismisses with whether the member may have changed."""

    CSS_PATH = [asset_path("wizard.tcss"), asset_path("members.tcss")]
    CANCEL: ClassVar[str]  # the Cancel button's id (without "#")
    BUSY_NOTICE: ClassVar[str]  # N_-marked: said when cancelled while the change is sent

    def __init__(self, workspace_id: str, row: MemberRow) -> None:
        super().__init__()
        self.workspace_id = workspace_id
        self.row = row
        self._region = ""  # the session's region when the dialog opens (set in compose)
        self._reason: str | None = None  # why the dialog is refused, set in compose
        self._touched = False  # a change failed midway: the member may have changed

    @property
    def sending(self) -> bool:
        """The change is being sent: leaving now would hide its result."""
        raise NotImplementedError

    def start(self) -> None:
        """Focus the form and start checking, once mounted (not called when refused)."""
        raise NotImplementedError

    def on_resize(self) -> None:
        fit_box(self)

    def on_mount(self) -> None:
        fit_box(self)
        if self._reason:
            self.query_one(f"#{self.CANCEL}", Button).focus()
        else:
            self.start()

    def action_cancel(self) -> None:
        if self.sending:
            self.notify(_(self.BUSY_NOTICE), severity="warning")
        else:
            self.dismiss(self._touched)

    @on(Button.Pressed)
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        # `@on` selectors are fixed when the class is made; the id is the subclass's.
        if event.button.id == self.CANCEL:
            self.action_cancel()
