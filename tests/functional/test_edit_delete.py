"""Edit (`e`) and delete (`ctrl+d`, R13) from the detail view and from the table, against the
emulator; read-only mode answers those keys with a sentence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input

from paiws.core.factory import emulator_service
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.delete_workspace import DeleteWorkspace
from paiws.screens.detail import DetailScreen
from paiws.screens.edit_workspace import EditWorkspace
from paiws.screens.widgets.confirm_modal import ConfirmModal
from tests.functional.wizard_support import REGION, answer
from tests.support import SIZE, make_app, notifications, screen_text, settle, text_of

TARGET_ID, TARGET_NAME = "100002", "nlp_train_01"


async def open_detail(pilot: Pilot[Any], workspace_id: str = TARGET_ID) -> DetailScreen:
    await settle(pilot)
    table = pilot.app.screen
    assert isinstance(table, WorkspaceTableScreen)
    assert table.grid.move_to(workspace_id)
    await pilot.press("enter")
    await settle(pilot)
    detail = pilot.app.screen
    assert isinstance(detail, DetailScreen)
    return detail


def record(emulator: Emulator, workspace_id: str = TARGET_ID) -> dict[str, Any] | None:
    return next((w for w in emulator.workspaces(REGION) if w["WorkspaceId"] == workspace_id), None)


async def test_edit_sends_only_what_changed_and_refreshes_the_detail(
    emulator: Emulator, service: WorkspaceService
) -> None:
    before = record(emulator)
    assert before is not None
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditWorkspace)
        assert app.focused is not None and app.focused.id == "edit-display"
        await answer(pilot, "#edit-description", "Retrained weekly")
        assert "Save sends the new description" in text_of(app, "#edit-feedback")
        emulator.clear_log()
        await pilot.press("ctrl+s")
        await settle(pilot)
        ops = emulator.operations()
        assert ops[:2] == ["UpdateWorkspace", "GetWorkspace"]
        assert set(ops[2:]) <= {"ListWorkspaces"}  # the table behind refreshes its stale row
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        assert "Retrained weekly" in text_of(app, "#detail-fields")
    after = record(emulator)
    assert after is not None
    assert after["Description"] == "Retrained weekly"
    assert after["DisplayName"] == before["DisplayName"]


async def test_edit_refuses_empty_or_unchanged_answers_without_a_request(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot)
        await pilot.press("e")
        await settle(pilot)
        emulator.clear_log()
        assert "Nothing changed yet" in text_of(app, "#edit-feedback")
        assert app.screen.query_one("#edit-save", Button).disabled
        await pilot.press("ctrl+s")
        await answer(pilot, "#edit-description", "   ")
        assert "Description is required" in text_of(app, "#edit-feedback")
        await pilot.press("ctrl+s")
        await answer(pilot, "#edit-description", "fine")
        await answer(pilot, "#edit-display", "")
        assert "display name cannot be blank" in text_of(app, "#edit-feedback")
        await pilot.press("enter")
        await settle(pilot)
        assert emulator.operations() == []
        # Escape with typed changes asks first.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert emulator.operations() == []


async def test_delete_needs_the_exact_name_then_the_row_leaves_the_table(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, DeleteWorkspace)
        text = screen_text(app)
        assert "This cannot be undone" in text
        assert "everything inside it" in text
        emulator.clear_log()
        delete = app.screen.query_one("#delete-go", Button)
        for attempt in ("nlp_train_0", "NLP_TRAIN_01", " nlp_train_01"):
            await answer(pilot, "#delete-confirm", attempt)
            assert delete.disabled, attempt
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, DeleteWorkspace)
        assert emulator.operations() == []
        await answer(pilot, "#delete-confirm", "")
        await pilot.press(*TARGET_NAME)
        assert not delete.disabled
        await pilot.press("enter")
        await settle(pilot, rounds=5)
        assert emulator.operations()[:2] == ["GetWorkspace", "DeleteWorkspace"]
        assert emulator.operations().count("DeleteWorkspace") == 1
        table = app.screen
        assert isinstance(table, WorkspaceTableScreen)
        assert table.grid.row_for(TARGET_ID) is None
    assert record(emulator) is None


async def test_read_only_offers_neither_edit_nor_delete(emulator: Emulator) -> None:
    service = emulator_service(emulator.base_url, read_only=True)
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Edit" not in footer and "Delete" not in footer
        await pilot.press("e")
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        said = notifications(app)
        assert "Refusing to update a workspace: paiws is in read-only mode" in said
        assert "Refusing to delete a workspace" in said
        assert "Start paiws without --read-only to make changes." in said
        # Even when pushed directly, both refuse and explain.
        app.push_screen(DeleteWorkspace(app.screen.row))  # type: ignore[arg-type]
        await settle(pilot)
        assert "read-only mode" in screen_text(app)
        assert not app.screen.query(Input)
        await pilot.press("escape")
        app.push_screen(EditWorkspace(app.screen.row))  # type: ignore[arg-type]
        await settle(pilot)
        assert "read-only mode" in screen_text(app)
        assert not app.screen.query(Input)
    assert "DeleteWorkspace" not in emulator.operations()
    assert "UpdateWorkspace" not in emulator.operations()
    assert record(emulator) is not None
    service.close()


@pytest.fixture
def no_delete_service(emulator: Emulator) -> Iterator[WorkspaceService]:
    emulator.add_key(
        "nodelete-key", "nodelete-secret", denied_actions=("paiworkspace:DeleteWorkspace",)
    )
    svc = emulator_service(
        emulator.base_url, access_key_id="nodelete-key", access_key_secret="nodelete-secret"
    )
    try:
        yield svc
    finally:
        svc.close()


async def test_a_refused_delete_shows_the_action_and_policy_and_keeps_the_workspace(
    emulator: Emulator, no_delete_service: WorkspaceService
) -> None:
    app = make_app(no_delete_service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        await answer(pilot, "#delete-confirm", TARGET_NAME)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DeleteWorkspace)
        feedback = text_of(app, "#delete-feedback")
        assert "Permission denied" in feedback
        assert "paiworkspace:DeleteWorkspace" in feedback
        await pilot.press("y")
        assert app.clipboard is not None and "paiworkspace:DeleteWorkspace" in app.clipboard
    assert record(emulator) is not None


async def test_read_only_table_keys_explain_instead_of_doing_nothing(emulator: Emulator) -> None:
    service = emulator_service(emulator.base_url, read_only=True)
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "New" not in footer and "Edit" not in footer and "Delete" not in footer
        for key, action in (("n", "create"), ("e", "update"), ("ctrl+d", "delete")):
            app.clear_notifications()
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, WorkspaceTableScreen)
            said = notifications(app)
            assert f"Refusing to {action} a workspace: paiws is in read-only mode" in said
            assert "without --read-only" in said
        await pilot.press("question_mark")
        await settle(pilot)
        help_text = " ".join(screen_text(app).split())
        assert "Read-only mode is on (--read-only)" in help_text
        assert "Creating (n), editing (e), deleting (ctrl+d) and member changes" in help_text
    assert emulator.operations().count("ListWorkspaces") == 1
    service.close()


async def test_e_edits_the_selected_row_from_the_table(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen
        assert isinstance(table, WorkspaceTableScreen)
        assert table.grid.move_to(TARGET_ID)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, EditWorkspace)
        await answer(pilot, "#edit-display", "Renamed from the table")
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=5)
        assert table.is_current
        selected = table.grid.selected
        assert selected is not None and selected.workspace_id == TARGET_ID
        assert selected.display_name == "Renamed from the table"


async def test_deleting_from_the_table_keeps_the_cursor_where_it_was(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen
        assert isinstance(table, WorkspaceTableScreen)
        table.grid.move_cursor(row=5)
        doomed = table.grid.selected
        below = table.grid.shown_rows()[6]
        assert doomed is not None
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, DeleteWorkspace)
        await answer(pilot, "#delete-confirm", doomed.name)
        await pilot.press("enter")
        await settle(pilot, rounds=5)
        assert table.is_current
        assert table.grid.row_for(doomed.workspace_id) is None
        assert table.grid.cursor_row == 5
        assert table.grid.selected == below


async def test_deleting_the_default_workspace_says_so(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen
        assert isinstance(table, WorkspaceTableScreen)
        default = table.grid.selected
        assert default is not None and default.is_default
        await pilot.press("ctrl+d")
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert f"This is the default workspace of {REGION} (IsDefault)" in text
        await pilot.press("escape")
        await settle(pilot)
        assert table.grid.move_to(TARGET_ID)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert "default workspace" not in " ".join(screen_text(app).split())
    assert "DeleteWorkspace" not in emulator.operations()
