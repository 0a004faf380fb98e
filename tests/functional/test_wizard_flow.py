"""The create wizard against the emulator, driven from the workspace table with `n` (R4).

Every test asserts the request log: what was sent, in which order, and how often.
"""

from __future__ import annotations

from textual.widgets import Input

from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.create.wizard import CreateWizard
from paiws.screens.widgets.confirm_modal import ConfirmModal
from tests.functional.wizard_support import (
    CHECK,
    REGION,
    answer,
    create_from_review,
    creates,
    fill_to_review,
    open_wizard,
    pause_typing,
    type_into,
    value_of,
)
from tests.support import SIZE, make_app, screen_text, settle, text_of, wait_until

INVALID_NAMES = {
    "123workspace": "must start with a letter",
    "_myworkspace": "must start with a letter",
    "my-workspace": "only letters, digits and underscores",
    "ab": "at least 3 characters",
    "averylongworkspacename123": "at most 23 characters",
    "my workspace": "only letters, digits and underscores",
    "test@ws!": "only letters, digits and underscores",
}


async def test_invalid_names_name_the_rule_and_send_nothing(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        emulator.clear_log()
        for name, rule in INVALID_NAMES.items():
            await pilot.press("ctrl+u")
            await type_into(pilot, name)
            await pause_typing(pilot)
            assert rule in text_of(app, "#name-feedback"), name
            await pilot.press("enter")  # Next refuses: still on the name step
            await settle(pilot)
            assert app.focused is not None and app.focused.id == "name-input"
        assert emulator.operations() == []


async def test_a_pause_in_typing_sends_exactly_one_availability_check(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "name-input"
        text = screen_text(app)
        assert "New workspace in cn-hangzhou · China (Hangzhou)" in text
        assert "starts with a letter" in text  # one line of help per field
        emulator.clear_log()
        await type_into(pilot, "fresh_team_ws")
        await pause_typing(pilot)
        assert emulator.operations() == [CHECK]
        assert emulator.request_log[0].query["WorkspaceName"] == "fresh_team_ws"
        assert "Available in cn-hangzhou" in text_of(app, "#name-feedback")
        # Typing on and pausing again: one more check for the new name, none for the old one.
        await type_into(pilot, "2")
        await pause_typing(pilot)
        assert emulator.operations() == [CHECK, CHECK]
        # An invalid edit cancels the pending check: nothing is sent for it.
        await type_into(pilot, "-")
        await pause_typing(pilot)
        assert emulator.operations() == [CHECK, CHECK]


async def test_a_taken_name_shows_the_existing_id(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await type_into(pilot, "nlp_train_01")
        await pause_typing(pilot)
        feedback = text_of(app, "#name-feedback")
        assert "Taken: workspace ID 100002 already has this name" in feedback
        assert "✓" not in feedback
        # Moving on anyway (R4 compares after the review): the stepper never shows it as done.
        await pilot.press("enter")
        await settle(pilot)
        assert "! Name" in screen_text(app) and "✓ Name" not in screen_text(app)


async def test_creating_with_a_free_name_checks_creates_once_then_polls(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await fill_to_review(
            pilot, name="brand_new_ws", description="Onboarding sandbox", standard=True
        )
        review = text_of(app, "#review-table")
        for expected in (
            "WorkspaceName    brand_new_ws",
            "Onboarding sandbox",
            '["dev", "prod"]',
            "standard mode",
            "not sent",
        ):
            assert expected in review
        emulator.clear_log()
        await create_from_review(pilot)
        ops = emulator.operations()
        assert ops[:2] == [CHECK, "CreateWorkspace"]
        assert set(ops[2:]) == {"GetWorkspace"} and ops[2:]
        assert "Workspace created" in text_of(app, "#outcome-title")
        created = [w for w in emulator.workspaces(REGION) if w["WorkspaceName"] == "brand_new_ws"]
        assert len(created) == 1
        new_id = created[0]["WorkspaceId"]
        assert created[0]["EnvTypes"] == ["dev", "prod"]
        assert created[0]["Description"] == "Onboarding sandbox"
        assert new_id in text_of(app, "#outcome-body")
        assert "ENABLED" in text_of(app, "#outcome-body")
        await pilot.press("y")
        assert app.clipboard == new_id
        await pilot.press("enter")  # "Open in table"
        await settle(pilot, rounds=5)
        table = app.screen
        assert isinstance(table, WorkspaceTableScreen)
        selected = table.grid.selected
        assert selected is not None and selected.workspace_id == new_id


async def test_display_name_and_resource_group_are_sent_as_reviewed(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await fill_to_review(
            pilot, name="grouped_ws", display_name="Grouped", resource_group="rg-acfm123"
        )
        review = text_of(app, "#review-table")
        assert "Grouped" in review and "rg-acfm123" in review
        assert "cannot be changed later" in review
        await create_from_review(pilot)
        record = next(w for w in emulator.workspaces(REGION) if w["WorkspaceName"] == "grouped_ws")
        assert record["DisplayName"] == "Grouped"
        assert record["ResourceGroupId"] == "rg-acfm123"


async def test_a_malformed_resource_group_is_refused_locally(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await type_into(pilot, "rg_test_ws")
        await pause_typing(pilot)
        await pilot.press("enter", *"Sandbox", "enter", "enter", "tab", *"my group", "enter")
        await settle(pilot)
        assert "rg- followed by letters and digits" in text_of(app, "#options-feedback")
        assert app.focused is not None and app.focused.id == "display-input"
        assert creates(emulator.operations()) == 0


async def test_description_is_required_capped_at_80_and_kept_on_back(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await type_into(pilot, "desc_ws")
        await pause_typing(pilot)
        await pilot.press("enter", "enter")  # Next with an empty description
        assert "Description is required" in text_of(app, "#description-feedback")
        assert app.focused is not None and app.focused.id == "description-input"
        await type_into(pilot, "x" * 85)
        assert len(value_of(app, "#description-input")) == 80
        assert text_of(app, "#description-counter").strip() == "80/80"
        # Back keeps the answers; going back and forth sends no new availability check.
        await pilot.press("enter", "ctrl+b", "ctrl+b")
        assert app.focused is not None and app.focused.id == "name-input"
        assert value_of(app, "#name-input") == "desc_ws"
        await pilot.press("enter")
        assert len(value_of(app, "#description-input")) == 80
        assert emulator.operations().count(CHECK) == 1


async def test_an_existing_workspace_with_the_same_configuration_is_not_created_again(
    emulator: Emulator, service: WorkspaceService
) -> None:
    existing = emulator.add_workspace(
        REGION, WorkspaceName="same_ws", Description="Team sandbox", EnvTypes=["prod"]
    )
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await fill_to_review(pilot, name="same_ws")
        emulator.clear_log()
        await create_from_review(pilot)
        assert emulator.operations() == [CHECK, "GetWorkspace"]
        assert "Already exists with the same configuration" in text_of(app, "#outcome-title")
        assert existing in text_of(app, "#outcome-body")
        await pilot.press("enter")
        await settle(pilot, rounds=5)
        table = app.screen
        assert isinstance(table, WorkspaceTableScreen)
        assert table.grid.selected is not None
        assert table.grid.selected.workspace_id == existing


async def test_a_name_taken_with_another_configuration_goes_back_to_the_name_keeping_answers(
    emulator: Emulator, service: WorkspaceService
) -> None:
    existing = emulator.add_workspace(
        REGION, WorkspaceName="clash_ws", Description="Someone else's", EnvTypes=["prod"]
    )
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await fill_to_review(pilot, name="clash_ws", description="Mine", standard=True)
        emulator.clear_log()
        await create_from_review(pilot)
        assert creates(emulator.operations()) == 0
        assert "Name taken" in text_of(app, "#outcome-title")
        body = text_of(app, "#outcome-body")
        assert "Environments" in body and "Description" in body and existing in body
        await pilot.press("enter")  # "Choose another name"
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "name-input"
        assert value_of(app, "#description-input") == "Mine"
        assert "Taken: workspace ID" in text_of(app, "#name-feedback")
        await pilot.press("ctrl+u")
        await type_into(pilot, "clash_ws_2")
        await pause_typing(pilot)
        await pilot.press("enter", "enter", "enter", "enter")
        await settle(pilot)
        review = text_of(app, "#review-table")
        assert "clash_ws_2" in review and "Mine" in review and '["dev", "prod"]' in review


async def test_escape_asks_before_discarding_answers(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await pilot.press("escape")  # nothing typed yet: closes at once
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceTableScreen)
        await open_wizard(pilot)
        await type_into(pilot, "half_done")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert value_of(app, "#name-input") == "half_done"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceTableScreen)
        assert creates(emulator.operations()) == 0


async def test_read_only_mode_has_no_create(emulator: Emulator) -> None:
    from paiws.core.factory import emulator_service

    service = emulator_service(emulator.base_url, read_only=True)
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceTableScreen)
        # Even when pushed directly, the wizard refuses and explains.
        app.push_screen(CreateWizard())
        await settle(pilot)
        assert "read-only mode" in screen_text(app)
        assert not app.screen.query("#name-input")
    service.close()


async def test_a_region_without_pai_blocks_create_with_the_reason(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-beijing")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceTableScreen)
        assert "PAI is not activated in cn-beijing" in screen_text(app)
        assert "CreateWorkspace" not in emulator.operations()


async def test_the_command_palette_offers_the_wizard(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_into(pilot, "create a workspace")
        await wait_until(pilot, lambda: "Create a workspace (guided)" in screen_text(app))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CreateWizard)


async def test_moving_on_before_the_pause_skips_the_check_until_the_name_is_shown_again(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        emulator.clear_log()
        await answer(pilot, "#name-input", "quick_ws")
        await pilot.press("enter")  # well within the debounce
        await pause_typing(pilot)
        assert app.focused is not None and app.focused.id == "description-input"
        assert emulator.operations() == []  # the create checks the name anyway
        await pilot.press("ctrl+b")
        await pause_typing(pilot)
        assert emulator.operations() == [CHECK]
        assert "Available in cn-hangzhou" in text_of(app, "#name-feedback")
