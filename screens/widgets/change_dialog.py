"""What every dialog that changes a workspace shares (edit, delete, member changes): the
read-only refusal instead of a form, one worker outcome (done or failed), the explanation of a
failure in place, and `y` to copy the RAM policy after a permission error (R12)."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from paiws.core.api import explain
from paiws.paths import asset_path
from paiws.screens.base import PaiwsModal
from paiws.screens.errors import COPY_KEY, error_body, read_only_reason
from paiws.screens.widgets.feedback import show_feedback
from paiws.screens.widgets.fit import fit_scroll

ResultT = TypeVar("ResultT")


class ChangeDialog(PaiwsModal[ResultT]):
    CSS_PATH = [asset_path("wizard.tcss")]  # read when the first dialog is shown
    ACTION: ClassVar[str] = "change a workspace"  # for the read-only sentence
    FEEDBACK: ClassVar[str] = "#dialog-feedback"  # the line that explains state and failures

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            COPY_KEY,
            "copy_policy",
            "Copy policy",
            tooltip="Copy the RAM policy after a permission error",
            id="dialog.copy",
        ),
    ]

    class Failed(Message):
        def __init__(self, error: Exception) -> None:
            super().__init__()
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self._policy: str | None = None

    @property
    def blocked(self) -> str | None:
        """Why the form is not offered at all (read-only mode), or None."""
        return read_only_reason(self.ACTION) if self.session.read_only else None

    def on_resize(self) -> None:
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """The form scrolls between the title and the buttons when the screen is short."""
        scrolls = self.query("#dialog-scroll").results(VerticalScroll)
        scroll = next(scrolls, None)
        if scroll is not None:
            fit_scroll(self, self.query_one("#wizard-box"), scroll)

    def feedback(self, text: Text, kind: str) -> None:
        widget = self.query_one(self.FEEDBACK, Static)
        show_feedback(widget, text, kind)
        self.call_after_refresh(self._fit_and_show, widget)

    def _fit_and_show(self, widget: Static) -> None:
        self.fit_to_screen()
        self.call_after_refresh(widget.scroll_visible, animate=False)

    def show_failure(self, error: BaseException, *, purpose: str) -> None:
        """Explain ``error`` in the feedback line; remember its RAM policy for `y`."""
        self._policy = explain(error).policy
        self.feedback(error_body(error, purpose=purpose), "bad")
        self.refresh_bindings()

    def forget_failure(self) -> None:
        self._policy = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy_policy":
            return self._policy is not None
        return True

    def action_copy_policy(self) -> None:
        if self._policy:
            self.app.copy_to_clipboard(self._policy)
            self.notify("RAM policy copied to the clipboard.", title="Copied")
