"""Step 4 of the create wizard: the optional display name and resource group (fixed forever)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from paiws.core.api import _, validation
from paiws.screens.widgets.feedback import show_feedback
from paiws.screens.widgets.inputs import Field


class OptionsStep(Vertical):
    """Optional display name (defaults to the name) and resource group (fixed forever)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")

    def compose(self) -> ComposeResult:
        yield Static(_("Display name (optional)"), classes="field-title")
        yield Static(
            _(
                "The friendly name shown in the PAI console, up to {max} characters. Leave "
                "empty to use the workspace name."
            ).format(max=validation.DISPLAY_NAME_MAX),
            classes="field-help",
        )
        yield Field(max_length=validation.DISPLAY_NAME_MAX, id="display-input")
        yield Static(_("Resource group ID (optional)"), classes="field-title")
        yield Static(
            _(
                "Groups the workspace for billing and access control, e.g. rg-acfmxyz123. "
                "Leave empty for the account's default resource group."
            ),
            classes="field-help",
        )
        yield Field(placeholder=_("default resource group"), id="rg-input")
        yield Static("⚠ " + _("The resource group cannot be changed later."), id="rg-note")
        yield Static(id="options-feedback", classes="feedback")

    def set_name(self, name: str) -> None:
        """The display name defaults to the workspace name; the placeholder says so."""
        placeholder = _("{name} (the workspace name)").format(name=name)
        self.query_one("#display-input", Input).placeholder = placeholder

    @property
    def display_name(self) -> str | None:
        return self.query_one("#display-input", Input).value.strip() or None

    @property
    def resource_group_id(self) -> str | None:
        return self.query_one("#rg-input", Input).value.strip() or None

    @property
    def problem(self) -> str | None:
        group = self.resource_group_id
        return validation.resource_group_problem(group) if group is not None else None

    def reveal_problem(self) -> None:
        problem = self.problem
        show_feedback(self.query_one("#options-feedback", Static), f"✗ {problem or ''}", "bad")

    @property
    def typed_anything(self) -> bool:
        return any(
            self.query_one(selector, Input).value for selector in ("#display-input", "#rg-input")
        )
