"""What every dialog that changes a workspace shares (edit, delete, member changes): the
read-only refusal instead of a form, one worker outcome (done or failed), the explanation of a
failure in place, and `y` to copy the RAM policy after a permission error (R12)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from paiws.core.api import N_, WorkspaceRow, _, explain
from paiws.paths import asset_path
from paiws.screens.base import PaiwsModal
from paiws.screens.errors import COPY_KEY, error_body, read_only_reason
from paiws.screens.widgets.feedback import show_feedback
from paiws.screens.widgets.fit import fit_scroll
from paiws.screens.widgets.wording import headed

ResultT = TypeVar("ResultT")
AnswerT = TypeVar("AnswerT")


class ChangeDialog(PaiwsModal[ResultT]):
    CSS_PATH = [asset_path("wizard.tcss")]  # read when the first dialog is shown
    ACTION: ClassVar[str] = N_("change a workspace")  # for the read-only sentence
    FEEDBACK: ClassVar[str] = "#dialog-feedback"  # the line that explains state and failures

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            COPY_KEY,
            "copy_policy",
            N_("Copy policy"),
            tooltip=N_("Copy the RAM policy after a permission error"),
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
        self._layouts_pending = 0  # feedback shown, not yet fitted and scrolled into view

    @property
    def layout_pending(self) -> bool:
        """A feedback line is still being fitted and scrolled into view (tests wait on it)."""
        return self._layouts_pending > 0

    @property
    def blocked(self) -> str | None:
        """Why the form is not offered at all (read-only mode), or None."""
        return read_only_reason(self.ACTION) if self.session.read_only else None

    @staticmethod
    def title_line(template: str, row: WorkspaceRow) -> Static:
        """The dialog's title line: ``template`` (translated) with the workspace's name in
        bold and its ID, e.g. "Edit workspace **name**  (ID 123)"."""
        name = Text(row.name, style="bold")
        return Static(
            headed(template, "name", name, style="", id=row.workspace_id), id="dialog-title"
        )

    def on_resize(self) -> None:
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """The form scrolls between the title and the buttons when the screen is short."""
        scrolls = self.query("#dialog-scroll").results(VerticalScroll)
        scroll = next(scrolls, None)
        if scroll is not None:
            fit_scroll(self, self.query_one("#wizard-box"), scroll)

    def post_outcome(self, call: Callable[[], AnswerT], done: Callable[[AnswerT], Message]) -> None:
        """In a worker: run ``call`` and post ``done`` with its answer, or `Failed` with its
        error; every failure is explained in the dialog, never a crash."""
        try:
            answer = call()
        except Exception as error:
            self.post_message(self.Failed(error))
            return
        self.post_message(done(answer))

    def feedback(self, text: Text, kind: str) -> None:
        widget = self.query_one(self.FEEDBACK, Static)
        show_feedback(widget, text, kind)
        self._layouts_pending += 1
        self.call_after_refresh(self._fit_and_show, widget)

    def _fit_and_show(self, widget: Static) -> None:
        self.fit_to_screen()
        self.call_after_refresh(self._show, widget)

    def _show(self, widget: Static) -> None:
        widget.scroll_visible(animate=False)
        self._layouts_pending -= 1

    def show_failure(self, error: BaseException, *, purpose: str) -> None:
        """Explain ``error`` in the feedback line; remember its RAM policy for `y`. ``purpose``
        is marked for the catalogue (``N_``) and shown translated."""
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
            self.notify(_("RAM policy copied to the clipboard."), title=_("Copied"))
