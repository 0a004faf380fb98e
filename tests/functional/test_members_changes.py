"""Role changes (`enter`) and removal (`ctrl+d`) in the members table, against the emulator:
one confirmation listing the changes, the owner protected, the last administrator warned about,
the workspace name typed before DeleteMembers, and the exact requests."""

from __future__ import annotations

from textual.widgets import Button, SelectionList

from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.members.members_screen import MembersScreen
from paiws.screens.members.remove_dialog import RemoveMembers
from paiws.screens.members.roles_dialog import RolesDialog
from tests.functional.members_support import (
    LI_NA,
    OWNER,
    REGION,
    WS,
    WS_NAME,
    ZHAO,
    calls,
    members_screen,
    open_members,
)
from tests.support import SIZE, fill, make_app, screen_text, settle, text_of


async def select(pilot: object, screen: MembersScreen, user_suffix: str) -> None:
    for index, row in enumerate(screen.grid.rows):
        if row.user_id.endswith(user_suffix):
            screen.grid.move_cursor(row=index)
            return
    raise AssertionError(f"no member ****{user_suffix}")


async def test_enter_changes_roles_with_one_confirmation_listing_the_changes(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_members(pilot)
        await select(pilot, screen, LI_NA[-4:])
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RolesDialog)
        picker = dialog.query_one("#roles-picker", SelectionList)
        assert set(picker.selected) == {"PAI.AlgoDeveloper", "PAI.MaxComputeDeveloper"}
        assert dialog.query_one("#roles-go", Button).disabled  # no change yet
        emulator.clear_log()
        picker.highlighted = 3  # MaxCompute developer: untick
        await pilot.press("space")
        picker.highlighted = 5  # Visitor: tick
        await pilot.press("space")
        await pilot.pause()
        changes = text_of(app, "#roles-changes")
        assert "+ Visitor (PAI.WorkspaceGuest)" in changes
        assert "- MaxCompute developer (PAI.MaxComputeDeveloper)" in changes
        assert emulator.request_log == []  # ticking sends nothing
        await pilot.click("#roles-go")  # Review: checks the member on the server
        await settle(pilot)
        assert calls(emulator) == [("ListMembers", LI_NA)]
        assert "Apply sends exactly these changes" in screen_text(app)
        assert str(dialog.query_one("#roles-go", Button).label) == "Apply changes"
        await pilot.click("#roles-go")
        await settle(pilot)
        assert calls(emulator)[:4] == [
            ("ListMembers", LI_NA),
            ("AddMemberRole", "PAI.WorkspaceGuest"),
            ("RemoveMemberRole", "PAI.MaxComputeDeveloper"),
            ("ListMembers", LI_NA),
        ]
        assert isinstance(app.screen, MembersScreen)  # reloaded behind the dialog
        await settle(pilot)
        row = next(r for r in screen.grid.rows if r.user_id.endswith(LI_NA[-4:]))
        assert row.roles == ("PAI.AlgoDeveloper", "PAI.WorkspaceGuest")


async def test_taking_the_last_administrator_away_is_warned_about_in_the_dialog(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.add_member(REGION, WS, ZHAO, ["PAI.WorkspaceAdmin", "PAI.AlgoDeveloper"])
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_members(pilot)
        await select(pilot, screen, ZHAO[-4:])
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RolesDialog)
        picker = dialog.query_one("#roles-picker", SelectionList)
        picker.highlighted = 4  # Administrator: untick
        await pilot.press("space")
        emulator.clear_log()
        await pilot.press("ctrl+s")  # Review
        await settle(pilot)
        assert calls(emulator) == [
            ("ListMembers", ZHAO),
            ("ListMembers", "Roles=PAI.WorkspaceAdmin"),
        ]
        assert "removes the last administrator" in screen_text(app)
        await pilot.press("ctrl+s")  # Apply: allowed
        await settle(pilot)
        assert ("RemoveMemberRole", "PAI.WorkspaceAdmin") in calls(emulator)


async def test_a_member_keeps_at_least_one_role(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_members(pilot)
        await select(pilot, screen, LI_NA[-4:])
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        picker = dialog.query_one("#roles-picker", SelectionList)
        for index in (0, 3):
            picker.highlighted = index
            await pilot.press("space")
        await pilot.pause()
        assert "A member keeps at least one role" in screen_text(app)
        assert dialog.query_one("#roles-go", Button).disabled
        emulator.clear_log()
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert emulator.request_log == []


async def test_ctrl_d_removes_after_the_check_and_the_typed_name(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_members(pilot)
        await select(pilot, screen, LI_NA[-4:])
        emulator.clear_log()
        await pilot.press("ctrl+d")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RemoveMembers)
        assert calls(emulator) == [("ListMembers", LI_NA)]  # the name is known: no GetWorkspace
        assert "✓ Checked: they are a member" in screen_text(app)
        go = dialog.query_one("#remove-go", Button)
        for attempt in ("nlp_train_0", "NLP_TRAIN_01", " nlp_train_01"):
            await fill(pilot, "#remove-confirm", attempt)
            assert go.disabled, attempt
            await pilot.press("enter")
            await settle(pilot)
        assert "DeleteMembers" not in emulator.operations()
        await fill(pilot, "#remove-confirm", WS_NAME)
        assert not go.disabled
        await pilot.press("enter")
        await settle(pilot)
        assert calls(emulator)[:2] == [("ListMembers", LI_NA), ("DeleteMembers", f"{WS}-{LI_NA}")]
        screen = members_screen(app)
        await settle(pilot)
        assert screen.grid.row_count == 1
    assert [m["UserId"] for m in emulator.members(REGION, WS)] == [OWNER]


async def test_the_owner_cannot_be_removed_and_nothing_is_sent(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_members(pilot)
        await select(pilot, screen, OWNER[-4:])
        emulator.clear_log()
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, RemoveMembers)
        assert "the owner cannot be removed" in screen_text(app)
        assert not app.screen.query("Input")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MembersScreen)
    assert emulator.request_log == []


async def test_removing_the_last_administrator_warns_in_the_dialog_and_is_allowed(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.add_member(REGION, WS, ZHAO, ["PAI.WorkspaceAdmin"])
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_members(pilot)
        await select(pilot, screen, ZHAO[-4:])
        emulator.clear_log()
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert calls(emulator) == [
            ("ListMembers", ZHAO),
            ("ListMembers", "Roles=PAI.WorkspaceAdmin"),
        ]
        assert "last administrator" in screen_text(app)
        await fill(pilot, "#remove-confirm", WS_NAME)
        await pilot.press("enter")
        await settle(pilot)
        assert ("DeleteMembers", f"{WS}-{ZHAO}") in calls(emulator)
