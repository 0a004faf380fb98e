"""The TUI on the canary data: every screen and state a user can reach, each one checked for
canaries as it is shown (screenshot text, every widget's content including scrolled-out rows,
notifications), plus clipboard writes, opened URLs, every service result and error, logs and
files (autouse fixtures)."""

from __future__ import annotations

from typing import Any

from leak_canaries import (
    EMPTY_REGION,
    ID_ONE,
    ID_TWO,
    MISSING_ID,
    NO_PERMISSION_REGION,
    PURCHASABLE_REGION,
    REGION,
)
from leak_support import RecordingService
from leak_tui import SIZE, Observer, fill, make_app, observer, settle
from textual.pilot import Pilot

from screens.detail import DetailScreen
from screens.help import HelpScreen
from screens.id_lookup import IdLookupScreen
from screens.limits import LimitsScreen
from screens.region_picker import RegionPickerScreen
from screens.widgets.confirm_modal import ConfirmModal
from screens.workspace_table import WorkspaceTableScreen
from tui.emulator import Emulator

__all__ = ["observer"]  # the fixture, re-exported for pytest


async def choose_region(pilot: Pilot[Any], region: str) -> None:
    assert isinstance(pilot.app.screen, RegionPickerScreen)
    await fill(pilot, "#region-filter", region)
    await pilot.press("enter")
    await settle(pilot)


async def test_browsing_every_read_screen_shows_only_masked_values(
    service: RecordingService, observer: Observer
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        observer.look(app, "region picker")
        await choose_region(pilot, REGION)
        assert isinstance(app.screen, WorkspaceTableScreen)
        table = observer.look(app, "workspace table")
        assert "****0005" in table and "a***@example.com" in table  # masked, but shown
        assert "[bold red]x[/]" in table  # markup literal
        await pilot.press("y", "b")  # copy the selected ID, open the console
        await settle(pilot)
        observer.look(app, "table after copy and console")

        await pilot.press("slash")
        await fill(pilot, "#name-filter", "canary")
        await pilot.pause(0.4)
        await settle(pilot)
        observer.look(app, "table filtered by name")
        await pilot.press("enter", "s", "o", "O")
        await pilot.pause(0.3)
        await settle(pilot)
        observer.look(app, "table with status filter and sort")
        await pilot.press("escape")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        observer.look(app, "detail")
        await pilot.press("w")
        await settle(pilot)
        owner = observer.look(app, "detail with owner")
        assert "Owner ID" in owner and "****000" in owner  # masked, but shown
        await pilot.press("y", "r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, IdLookupScreen)
        observer.look(app, "ID lookup")
        await fill(pilot, "#ids", f"{ID_ONE}, {ID_TWO} {MISSING_ID}")
        await pilot.press("enter")
        await settle(pilot)
        found = observer.look(app, "ID lookup with a missing ID")
        assert MISSING_ID in found
        await pilot.press("y", "enter")
        await settle(pilot)
        observer.look(app, "detail from the lookup (owner sticky)")
        await pilot.press("escape")
        await settle(pilot)
        await fill(pilot, "#ids", MISSING_ID)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        observer.look(app, "detail 404")
        await fill(pilot, "#other-id", ID_TWO)
        await pilot.press("enter")
        await settle(pilot)
        observer.look(app, "detail after another ID")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LimitsScreen)
        observer.look(app, "resource limits")
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        observer.look(app, "help")
        await pilot.press("escape", "ctrl+p")
        await settle(pilot)
        observer.look(app, "command palette")
        await pilot.press("l", "i", "m")
        await settle(pilot)
        observer.look(app, "command palette searching")
        await pilot.press("escape")
        await settle(pilot)

        for region in (PURCHASABLE_REGION, NO_PERMISSION_REGION, EMPTY_REGION):
            await pilot.press("g")
            await settle(pilot)
            await choose_region(pilot, region)
            observer.look(app, f"main screen in {region}")
            await pilot.press("y", "b", "n")  # copy/open the purchase link; try to create
            await settle(pilot)
            observer.look(app, f"main screen in {region} after keys")
    observer.check()
    assert observer.clipboard and observer.opened


async def run_wizard(pilot: Pilot[Any], observer: Observer, label: str, *, name: str,
                     description: str, standard: bool) -> str:
    """`n`, every step with a look, Create; returns the outcome screen's text."""
    from screens.create_wizard import CreateWizard
    from screens.wizard_steps import NAME_CHECK_DELAY

    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CreateWizard)
    await fill(pilot, "#name-input", name)
    await pilot.pause(NAME_CHECK_DELAY + 0.1)
    await settle(pilot)
    observer.look(pilot.app, f"wizard name ({label})")
    await pilot.press("enter")
    await fill(pilot, "#description-input", description)
    await pilot.press("enter")
    if standard:
        await pilot.press("down")
    await pilot.press("enter", "enter")
    await settle(pilot)
    observer.look(pilot.app, f"wizard review ({label})")
    await pilot.press("enter")
    await settle(pilot, rounds=4)
    outcome = observer.look(pilot.app, f"wizard outcome ({label})")
    await pilot.press("y", "escape")
    await settle(pilot)
    if isinstance(pilot.app.screen, ConfirmModal):  # "discard your answers?"
        observer.look(pilot.app, f"wizard discard question ({label})")
        await pilot.click("#confirm-yes")
        await settle(pilot)
    return outcome


async def test_create_edit_and_delete_show_only_masked_values(
    service: RecordingService, observer: Observer, emu: Emulator
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        outcomes = [
            await run_wizard(pilot, observer, "new name", name="tui_new_ws",
                             description="made in the TUI", standard=False),
            await run_wizard(pilot, observer, "same configuration", name="canary_one",
                             description="The canary_one workspace", standard=True),
            await run_wizard(pilot, observer, "name taken", name="canary_two",
                             description="something else", standard=True),
        ]
        assert "was created" in outcomes[0]
        assert "already exists with the same configuration" in outcomes[1]
        assert "already taken" in outcomes[2]
        assert emu.operations().count("CreateWorkspace") == 1
        assert isinstance(app.screen, WorkspaceTableScreen)

        await pilot.press("home", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        observer.look(app, "edit dialog")
        await fill(pilot, "#edit-display", "[b]edited[/b]")
        await fill(pilot, "#edit-description", "edited [/] in the TUI")
        await pilot.press("ctrl+s")
        await settle(pilot)
        observer.look(app, "detail after edit (owner shown)")
        await pilot.press("ctrl+d")
        await settle(pilot)
        observer.look(app, "delete dialog")
        await fill(pilot, "#delete-confirm", "not_the_name")
        observer.look(app, "delete dialog with a wrong name")
        await fill(pilot, "#delete-confirm", "canary_one")
        await pilot.press("enter")
        await settle(pilot, rounds=3)
        observer.look(app, "after delete")
        assert "DeleteWorkspace" in emu.operations()
    observer.check()
