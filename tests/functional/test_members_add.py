"""The guided add-member form (`a`) against the demo emulator: every step, every outcome, and
the exact requests R14 allows (a check per person, one CreateMember for the new ones, only the
missing roles, a verifying read; nothing for invalid input or someone with every role)."""

from __future__ import annotations

import pytest

from paiws.core.factory import emulator_service
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.members.add_form import AddMembersForm
from paiws.screens.members.members_screen import MembersScreen
from paiws.screens.widgets.confirm_modal import ConfirmModal
from tests.functional.members_support import (
    EVE,
    LI_NA,
    REGION,
    WS,
    ZHAO,
    add_form,
    add_through_the_form,
    calls,
    members_screen,
    next_step,
    open_members,
    pick,
    pick_roles,
    search_people,
)
from tests.support import SIZE, make_app, screen_text, settle, text_of


async def test_adding_a_new_member_is_check_create_once_verify_then_the_table_shows_them(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = add_form(app)
        assert app.focused is not None and app.focused.id == "people-search"
        emulator.clear_log()
        await pilot.press(*"zhao.m")  # key by key: one search after the pause
        await settle(pilot)
        assert calls(emulator) == [("ListWorkspaceUsers", "UserName=zhao.m")]
        text = screen_text(app)
        assert "15 people match 'zhao.m'" in text  # told apart by their masked IDs
        assert "z***" in text and "****9727" in text and "zhao.min" not in text
        await pick(pilot, 0)
        assert "Picked (1): z*** (****9727)" in text_of(app, "#people-picked")
        await next_step(pilot)
        assert "Which roles" in screen_text(app)
        assert "Develops and trains models" in screen_text(app)  # a line per role
        await pick_roles(pilot, 0, 5)
        await next_step(pilot)
        review = screen_text(app)
        for shown in ("nlp_train_01 (ID 100002)", "cn-hangzhou", "z*** (****9727)"):
            assert shown in review
        assert "Algorithm developer (PAI.AlgoDeveloper)" in review
        assert "Visitor (PAI.WorkspaceGuest)" in review
        assert calls(emulator) == [("ListWorkspaceUsers", "UserName=zhao.m")]  # review: nothing
        emulator.clear_log()
        await next_step(pilot)  # Add members
        assert calls(emulator) == [
            ("ListMembers", ZHAO),
            ("CreateMember", ZHAO),
            ("ListMembers", ZHAO),
        ]
        outcome = screen_text(app)
        assert "✓ Done: everyone is in the workspace" in outcome
        assert "z*** (****9727)  added as Algorithm developer, Visitor" in outcome
        await pilot.press("enter")  # Close has the focus
        await settle(pilot)
        screen = members_screen(app)
        assert not isinstance(app.screen, AddMembersForm)
        assert screen.grid.row_count == 3  # reloaded: the new member is listed
    assert form.is_attached is False
    assert any(m["UserId"] == ZHAO for m in emulator.members(REGION, WS))


async def test_someone_added_meanwhile_with_every_role_gets_no_write_at_all(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        await pilot.press("a")
        await settle(pilot)
        await search_people(pilot, "eve@")
        await pick(pilot, 0)
        await next_step(pilot)
        await pick_roles(pilot, 0)
        await next_step(pilot)
        emulator.add_member(REGION, WS, EVE, ["PAI.AlgoDeveloper"])  # someone else was quicker
        emulator.clear_log()
        await next_step(pilot)
        assert calls(emulator) == [("ListMembers", EVE)]
        assert "e*** (****0059)  already a member with Algorithm developer; nothing sent" in (
            screen_text(app)
        )


async def test_a_member_lacking_roles_gets_only_those(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        await pilot.press("a")
        await settle(pilot)
        await search_people(pilot, "eve@")
        await pick(pilot, 0)
        await next_step(pilot)
        await pick_roles(pilot, 0, 2)  # Algorithm developer, Labeling administrator
        await next_step(pilot)
        emulator.add_member(REGION, WS, EVE, ["PAI.LabelManager"])
        emulator.clear_log()
        await next_step(pilot)
        assert calls(emulator) == [
            ("ListMembers", EVE),
            ("AddMemberRole", "PAI.AlgoDeveloper"),
            ("ListMembers", EVE),
        ]
        text = screen_text(app)
        assert "roles added: Algorithm developer; now Algorithm developer, Labeling" in text


async def test_several_people_mixed_outcomes_in_one_go(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        await pilot.press("a")
        await settle(pilot)
        await search_people(pilot, "zhao.m")
        await pick(pilot, 0)
        await search_people(pilot, "eve@")  # a new search keeps the earlier pick
        await pick(pilot, 0)
        assert "Picked (2): z*** (****9727), e*** (****0059)" in text_of(app, "#people-picked")
        await next_step(pilot)
        await pick_roles(pilot, 5)
        await next_step(pilot)
        emulator.add_member(REGION, WS, EVE, ["PAI.WorkspaceGuest"])
        emulator.clear_log()
        await next_step(pilot)
        assert calls(emulator) == [
            ("ListMembers", ZHAO),
            ("ListMembers", EVE),
            ("CreateMember", ZHAO),
            ("ListMembers", ZHAO),
        ]
        text = screen_text(app)
        assert "z*** (****9727)  added as Visitor" in text
        assert "e*** (****0059)  already a member with Visitor; nothing sent" in text


async def test_a_refused_create_shows_the_action_and_y_copies_the_members_policy(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    emulator.add_key("nocreate", "nocreate-secret", denied_actions=("CreateMember",))
    service = emulator_service(
        emulator.base_url, access_key_id="nocreate", access_key_secret="nocreate-secret"
    )
    copied: list[str] = []
    app = make_app(service, region=REGION)
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        form = await add_through_the_form(pilot, "zhao.m", (0,), (0,))
        text = screen_text(app)
        assert "✗ Nobody was added" in text
        assert "Permission denied" in text and "paiworkspace:CreateMember" in text
        assert "Failed action: paiworkspace:CreateMember" in text
        await pilot.press("y")
        await settle(pilot)
        assert copied and "paiworkspace:CreateMember" in copied[0]
        assert form.outcome_panel.state is not None and not form.outcome_panel.state.changed
    service.close()


async def test_an_ambiguous_failure_is_not_retried_and_check_again_rechecks_first(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        emulator.inject_fault("CreateMember", "http503")  # nothing applied, no clear answer
        emulator.clear_log()
        await add_through_the_form(pilot, "zhao.m", (0,), (0,))
        assert [c for c in calls(emulator) if c[0] != "ListWorkspaceUsers"] == [
            ("ListMembers", ZHAO),
            ("CreateMember", ZHAO),
            ("ListMembers", ZHAO),  # the re-check, not a second CreateMember
        ]
        text = screen_text(app)
        assert "z*** (****9727)  failed" in text and "Check again" in text
        assert "not retried" in text
        emulator.clear_log()
        await pilot.press("enter")  # Check again has the focus
        await settle(pilot)
        assert calls(emulator) == [
            ("ListMembers", ZHAO),
            ("CreateMember", ZHAO),
            ("ListMembers", ZHAO),
        ]
        assert "z*** (****9727)  added as Algorithm developer" in screen_text(app)


async def test_a_lost_answer_is_found_on_the_recheck(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        emulator.inject_fault("CreateMember", "drop_after")  # applied, then the line dropped
        emulator.clear_log()
        await add_through_the_form(pilot, "zhao.m", (0,), (0,))
        assert [c for c in calls(emulator) if c[0] != "ListWorkspaceUsers"] == [
            ("ListMembers", ZHAO),
            ("CreateMember", ZHAO),
            ("ListMembers", ZHAO),
        ]
        text = screen_text(app)
        assert "added as Algorithm developer" in text and "found them added" in text


async def test_invalid_input_never_reaches_the_network(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        await pilot.press("a")
        await settle(pilot)
        emulator.clear_log()
        await search_people(pilot, "   ")  # blank: no search
        await next_step(pilot)  # nobody picked
        assert "Pick at least one person" in screen_text(app)
        assert add_form(app).query_one("#people-search").has_focus
        await search_people(pilot, "x" * 65)  # too long for a name search
        assert "at most 64 characters" in screen_text(app)
        assert emulator.request_log == []
        await search_people(pilot, "eve@")
        await pick(pilot, 0)
        await next_step(pilot)
        emulator.clear_log()
        await next_step(pilot)  # no role
        assert "Pick at least one role." in screen_text(app)
        assert "WorkspaceOwner" not in screen_text(app)  # never offered
        await pilot.press("escape")  # picks were made: asks first
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert isinstance(app.screen, MembersScreen)
    assert emulator.request_log == []


async def test_read_only_mode_refuses_member_changes_with_a_sentence(emulator: Emulator) -> None:
    service = emulator_service(emulator.base_url, read_only=True)
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        emulator.clear_log()
        for key in ("a", "enter", "ctrl+d"):
            await pilot.press(key)
            await settle(pilot)
            text = screen_text(app)
            assert "paiws is in read-only mode (--read-only)" in text, key
            assert not app.screen.query("Input"), key
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, MembersScreen)
    assert emulator.request_log == []
    service.close()


async def test_the_wizard_leads_straight_into_the_form_for_the_new_workspace(
    emulator: Emulator, service: WorkspaceService
) -> None:
    from tests.functional.wizard_support import fill_to_review

    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill_to_review(pilot, name="onboard_ws")
        await pilot.press("enter")  # Create
        await settle(pilot, rounds=5)
        assert "Add members now" in screen_text(app)
        await pilot.click("#outcome-members")
        await settle(pilot)
        form = add_form(app)
        new_id = next(
            w["WorkspaceId"]
            for w in emulator.workspaces(REGION)
            if w["WorkspaceName"] == "onboard_ws"
        )
        assert form.workspace_id == new_id
        assert "Add people to onboard_ws" in screen_text(app)
        emulator.clear_log()
        await search_people(pilot, "zhao.m")
        await pick(pilot, 0)
        await next_step(pilot)
        await pick_roles(pilot, 4)  # Administrator
        await next_step(pilot)
        await next_step(pilot)
        assert [c for c in calls(emulator) if c[0] != "ListWorkspaceUsers"] == [
            ("ListMembers", ZHAO),
            ("CreateMember", ZHAO),
            ("ListMembers", ZHAO),
        ]
        assert emulator.request_log[0].path_params["WorkspaceId"] == new_id
        assert "added as Administrator" in screen_text(app)
    members = emulator.members(REGION, new_id)
    assert [m["Roles"] for m in members if m["UserId"] == ZHAO] == [["PAI.WorkspaceAdmin"]]
    assert LI_NA not in {m["UserId"] for m in members}
