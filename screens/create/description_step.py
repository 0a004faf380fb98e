"""Step 2 of the create wizard: the required description, with a live n/80 counter."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from paiws.core.api import _, validation
from paiws.screens.widgets.feedback import show_feedback
from paiws.screens.widgets.inputs import Field


class DescriptionStep(Vertical):
    """Required description with a live `n/80` counter; the Input cannot take more."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")
        self._touched = False

    def compose(self) -> ComposeResult:
        yield Static(_("Description"), classes="field-title")
        yield Static(
            _(
                "What this workspace is for, so colleagues recognise it. "
                "Required, at most {max} characters."
            ).format(max=validation.DESCRIPTION_MAX),
            classes="field-help",
        )
        yield Field(
            placeholder=_("e.g. Recommendation models for the shop team"),
            max_length=validation.DESCRIPTION_MAX,
            id="description-input",
        )
        yield Static(f"0/{validation.DESCRIPTION_MAX}", id="description-counter")
        yield Static(id="description-feedback", classes="feedback")

    @property
    def input(self) -> Input:
        return self.query_one("#description-input", Input)

    @property
    def value(self) -> str:
        # Surrounding blanks carry no meaning; what is reviewed is what is sent.
        return self.input.value.strip()

    @property
    def problem(self) -> str | None:
        return validation.description_problem(self.value)

    def reveal_problem(self) -> None:
        self._touched = True
        self._refreshshow_feedback()

    @on(Input.Changed, "#description-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._touched = self._touched or bool(event.value)
        self._refreshshow_feedback()

    def _refreshshow_feedback(self) -> None:
        length = len(self.input.value)
        counter = self.query_one("#description-counter", Static)
        counter.update(f"{length}/{validation.DESCRIPTION_MAX}")
        counter.set_class(length >= validation.DESCRIPTION_MAX, "-full")
        widget = self.query_one("#description-feedback", Static)
        problem = self.problem
        if problem and self._touched:
            show_feedback(widget, f"✗ {problem}", "bad")
        elif length >= validation.DESCRIPTION_MAX:
            limit = _("The limit is {max} characters.").format(max=validation.DESCRIPTION_MAX)
            show_feedback(widget, limit, "warn")
        else:
            show_feedback(widget, "", "muted")
