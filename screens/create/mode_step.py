"""Step 3 of the create wizard: simple mode (prod) or standard mode (dev + prod)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import RadioButton, RadioSet, Static

from paiws.core.api import N_, _, validation


class ModeChoice(RadioSet):
    """A RadioSet where Enter picks the highlighted mode and moves on (Space only picks)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", N_("Choose and continue"), show=False),
    ]

    class Chosen(Message):
        """Enter was pressed on a mode."""

    def action_choose(self) -> None:
        self.action_toggle_button()
        self.post_message(self.Chosen())


class ModeStep(Vertical):
    """Simple (prod) or standard (dev + prod), with a line each on what that means."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")

    def compose(self) -> ComposeResult:
        yield Static(_("Mode"), classes="field-title")
        yield Static(
            _("How many environments the workspace has. ↑/↓ to move, Enter to choose."),
            classes="field-help",
        )
        with ModeChoice(id="mode-set"):
            yield RadioButton(_("Simple — prod"), value=True, id="mode-simple")
            yield RadioButton(_("Standard — dev + prod"), id="mode-standard")
        yield Static(
            _(
                "Simple: one production environment; jobs and models run directly in prod. "
                "Quickest for individuals and trials."
            ),
            classes="field-help",
        )
        yield Static(
            _(
                "Standard: a development and a production environment; build in dev, publish "
                "to prod after review. Suited to teams."
            ),
            classes="field-help",
        )

    @property
    def radio_set(self) -> ModeChoice:
        return self.query_one("#mode-set", ModeChoice)

    @property
    def environments(self) -> tuple[str, ...]:
        return (
            validation.STANDARD_ENVS
            if self.radio_set.pressed_index == 1
            else validation.SIMPLE_ENVS
        )

    @property
    def is_default(self) -> bool:
        return self.environments == validation.SIMPLE_ENVS
