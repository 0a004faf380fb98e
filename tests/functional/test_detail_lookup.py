"""Detail (R6 owner on request, sticky; R7 404 is an answer), ID lookup (R5) and limits."""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input

from paiws.core.api import workspace_record
from paiws.core.service import WorkspaceService
from paiws.core.validation import parse_workspace_ids
from paiws.emulator import Emulator
from paiws.screens.detail import DetailScreen
from paiws.screens.id_lookup import IdLookupScreen
from paiws.screens.limits import LimitsScreen
from paiws.screens.messages import VerboseChanged
from paiws.screens.record_view import RecordScreen
from tests.support import SIZE, make_app, screen_text, settle


def gets(emu: Emulator) -> list[dict[str, str]]:
    return [e.query for e in emu.request_log if e.operation == "GetWorkspace"]


async def test_enter_opens_every_field_without_another_request(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        text = screen_text(app)
        for label in (
            "Workspace ID",
            "Name",
            "Display Name",
            "Description",
            "Status",
            "Environments",
            "Mode",
            "Created",
            "Modified",
            "Creator ID",
            "Administrators",
            "Resource Group",
            "Default",
            "Extra info",
        ):
            assert label in text
        assert "100002" in text and "****0002" in text
        assert "Owner ID" not in text
        assert emulator.operations() == []
        await pilot.press("y")
        assert app.clipboard == "100002"


async def test_w_fetches_the_owner_once_with_verbose_and_it_sticks(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("down", "enter", "w")
        await settle(pilot)
        assert [q.get("Verbose") for q in gets(emulator)] == ["true"]
        text = screen_text(app)
        assert "Owner ID" in text and "****0002" in text
        # Hiding and showing again needs no new request.
        await pilot.press("w")
        await settle(pilot)
        assert "Owner ID" not in screen_text(app)
        await pilot.press("w")
        await settle(pilot)
        assert "Owner ID" in screen_text(app)
        assert len(gets(emulator)) == 1
        # Another ID looked up later keeps the owner choice (R6).
        await pilot.press("escape", "escape")
        await pilot.press("i", *"100005", "enter")
        await settle(pilot)
        assert [q.get("Verbose") for q in gets(emulator)] == ["true", "true"]
        assert "Owner ID" in screen_text(app)
        # And so does opening a row from the table.
        await pilot.press("escape", "escape", "down", "enter")
        await settle(pilot)
        assert [q.get("Verbose") for q in gets(emulator)] == ["true"] * 3


async def test_single_id_lookup_is_one_get_workspace(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("i")
        assert isinstance(app.screen, IdLookupScreen)
        await pilot.press(*" 100003 ,", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert emulator.operations() == ["GetWorkspace"]
        assert gets(emulator)[0].get("Verbose", "false") == "false"
        assert "vision_eval_02" in screen_text(app)


async def test_404_is_an_answer_with_an_input_for_another_id(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("i", *"999999", "enter")
        await settle(pilot)
        assert "Workspace 999999 does not exist" in screen_text(app)
        assert emulator.operations() == ["GetWorkspace"]  # no fallback search (R7)
        await pilot.press(*"100004", "enter")
        await settle(pilot)
        assert emulator.operations() == ["GetWorkspace", "GetWorkspace"]
        assert "speech_prod_03" in screen_text(app)


async def test_404_keeps_the_owner_choice_for_the_next_id(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.post_message(VerboseChanged(True))  # the user asked for owner detail before
        await pilot.press("i", *"999999", "enter")
        await settle(pilot)
        await pilot.press(*"100004", "enter")
        await settle(pilot)
        assert [q.get("Verbose") for q in gets(emulator)] == ["true", "true"]
        assert "Owner ID" in screen_text(app)


async def test_several_ids_are_one_batch_call_and_missing_ones_are_listed(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("i", *"100002, 100003 999998,100002", "enter")
        await settle(pilot)
        log = emulator.request_log
        assert [e.operation for e in log] == ["ListWorkspaces"]
        assert log[0].query["WorkspaceIds"] == "100002,100003,999998"
        text = screen_text(app)
        assert "Found 2 of 3" in text
        assert "Does not exist in this region" in text and "999998" in text
        assert isinstance(app.screen, IdLookupScreen)
        await pilot.press("down", "enter")  # a result row opens its detail, no request
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert emulator.operations() == ["ListWorkspaces"]


async def test_empty_lookup_sends_nothing(emulator: Emulator, service: WorkspaceService) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("i", *" , ", "enter")
        await settle(pilot)
        assert "Give at least one workspace ID" in screen_text(app)
        assert emulator.operations() == []


def test_ids_are_split_on_commas_and_spaces_without_duplicates() -> None:
    assert parse_workspace_ids(" a, b  c;a\n d ") == ("a", "b", "c", "d")


async def test_limits_show_the_regions_resource_limits(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LimitsScreen)
        assert emulator.operations() == ["ListWorkspaces:GetResourceLimits"]
        text = screen_text(app)
        assert "Resource limits in cn-hangzhou" in text
        assert "PAI_share" in text and "100" in text
        await pilot.press("r")
        await settle(pilot)
        assert emulator.operations() == ["ListWorkspaces:GetResourceLimits"] * 2


async def test_an_impossible_id_is_rejected_before_sending(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("i", *"ws/../x", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IdLookupScreen)  # the token is named where it was typed
        assert "'ws/../x' is not a workspace ID" in screen_text(app)
        assert emulator.operations() == []
        await pilot.press(*["backspace"] * 7, *"100002", "enter")
        await settle(pilot)
        assert "nlp_train_01" in screen_text(app)


async def test_lookup_placeholder_shows_ids_shaped_like_the_regions(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert app.screen.query_one("#ids", Input).placeholder.startswith("e.g. 100001, 100002")


async def test_lookup_r_retries_instead_of_typing_and_new_questions_clear_old_answers(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("i", *"100002,100003", "enter")
        await settle(pilot)
        assert "Found 2 of 2" in screen_text(app)
        emulator.inject_fault("ListWorkspaces", "non_json_200", times=1)  # not retried
        await pilot.press("slash", "ctrl+u", *"100004,100005", "enter")
        await settle(pilot)
        assert "Could not look up the IDs" in screen_text(app)
        assert "nlp_train_01" not in screen_text(app)  # the old answer is gone
        emulator.clear_log()
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one("#ids", Input).value == "100004,100005"  # nothing typed
        assert [e.query["WorkspaceIds"] for e in emulator.request_log] == ["100004,100005"]
        assert "Found 2 of 2" in screen_text(app)


async def test_lookup_names_the_invalid_token_and_sends_nothing(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        emulator.clear_log()
        await pilot.press("i", *"100002, nope#1", "enter")
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "'nope#1' is not a workspace ID" in text and "Nothing was sent." in text
        assert emulator.operations() == []


async def test_b_and_v_in_the_detail_open_its_console_page_and_its_json_with_the_owner(
    emulator: Emulator, service: WorkspaceService, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(service, region="ap-northeast-1")
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, DetailScreen) and detail.row is not None
        workspace_id = detail.row.workspace_id
        await pilot.press("b")
        assert opened == [
            "https://pai.console.alibabacloud.com/?regionId=ap-northeast-1"
            f"&workspaceId={workspace_id}#/workspace/overview"
        ]
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, RecordScreen)
        assert detail.detail is not None
        record = workspace_record(detail.detail.workspace, detail.detail.owner, include_owner=True)
        assert json.loads(app.screen.text) == record
        assert "Owner ID" in screen_text(app) and "--owner" in screen_text(app)
