"""A small yes/no question. The safe answer has the focus, so a stray Enter never destroys work.

The caller gives the question in the interface language (``_()`` at the call); the default
button labels come from the catalogue.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from paiws.core.api import N_, _


class ConfirmModal(ModalScreen[bool]):
    """Dismisses with True when the user confirms, False otherwise (Escape included)."""

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > #confirm-box {
        width: 64;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmModal #confirm-title { text-style: bold; margin-bottom: 1; }
    ConfirmModal #confirm-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    ConfirmModal #confirm-buttons Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", N_("Keep"), id="confirm.cancel"),
    ]

    def __init__(
        self,
        title: str,
        body: str | Text,
        *,
        confirm_label: str | None = None,
        cancel_label: str | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        self._body = body
        self._confirm_label = confirm_label or _("Discard")
        self._cancel_label = cancel_label or _("Keep editing")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Text(self._title), id="confirm-title")
            body = self._body if isinstance(self._body, Text) else Text(self._body)
            yield Static(body, id="confirm-body")
            with Horizontal(id="confirm-buttons"):
                yield Button(self._cancel_label, id="confirm-no", variant="primary")
                yield Button(self._confirm_label, id="confirm-yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)
