"""Helpers for the create wizard / edit / delete Pilot tests (a plain module, unique name)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from paiws.app import PaiwsApp
from paiws.screens.create.name_step import NAME_CHECK_DELAY
from paiws.screens.create.wizard import CreateWizard
from tests.support import screen_text, settle

REGION = "cn-hangzhou"
CHECK = "ListWorkspaces:CheckWorkspaceExists"


def wizard(app: PaiwsApp) -> CreateWizard:
    screen = app.screen
    assert isinstance(screen, CreateWizard), f"expected the wizard, got {type(screen).__name__}"
    return screen


async def open_wizard(pilot: Pilot[Any]) -> CreateWizard:
    """From the loaded workspace table: `n`."""
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    return wizard(pilot.app)  # type: ignore[arg-type]


async def type_into(pilot: Pilot[Any], text: str) -> None:
    """Key by key, as a person types (each key is one Input.Changed)."""
    await pilot.press(*text)


async def pause_typing(pilot: Pilot[Any]) -> None:
    """A pause longer than the availability-check debounce, then everything settled."""
    await pilot.pause(NAME_CHECK_DELAY + 0.2)
    await settle(pilot)


def value_of(app: PaiwsApp, selector: str) -> str:
    return app.screen.query_one(selector, Input).value


async def answer(pilot: Pilot[Any], selector: str, text: str) -> None:
    """Put a whole answer into an input at once (one Input.Changed), like a paste."""
    field = pilot.app.screen.query_one(selector, Input)
    field.value = text
    field.cursor_position = len(text)
    await pilot.pause()


async def fill_to_review(
    pilot: Pilot[Any],
    *,
    name: str,
    description: str = "Team sandbox",
    standard: bool = False,
    display_name: str = "",
    resource_group: str = "",
) -> None:
    """Answer every question and stop on the review step (nothing is created yet).

    Answers are pasted, not typed key by key: the keystroke behaviour has its own tests.
    """
    await answer(pilot, "#name-input", name)
    await pause_typing(pilot)
    await pilot.press("enter")
    await answer(pilot, "#description-input", description)
    await pilot.press("enter")
    if standard:
        await pilot.press("down")
    await pilot.press("enter")
    if display_name:
        await answer(pilot, "#display-input", display_name)
    if resource_group:
        await answer(pilot, "#rg-input", resource_group)
    await pilot.press("enter")
    await settle(pilot)
    assert "This is exactly what will be sent" in screen_text(pilot.app)


async def create_from_review(pilot: Pilot[Any]) -> None:
    await pilot.press("enter")  # the Create button has the focus on the review step
    await settle(pilot, rounds=5)


def creates(ops: list[str]) -> int:
    return ops.count("CreateWorkspace")
