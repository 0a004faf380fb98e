"""The members screen (`m` in the detail) against the demo emulator: streaming 1,218 members
with keys answering, server-side name search, and the exact requests behind each."""

from __future__ import annotations

import time

from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.detail import DetailScreen
from tests.functional.members_support import BIG, REGION, WS, calls, members_screen, open_members
from tests.support import SIZE, fill, make_app, screen_text, send_key, settle, wait_until


async def test_m_in_the_detail_opens_the_members_masked_with_roles_in_words(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot, WS)
        screen = members_screen(app)
        text = screen_text(app)
        assert "Members of nlp_train_01" in text
        assert "b***" in text and "****0002" in text and "Owner" in text
        assert "Algorithm developer, MaxCompute developer" in text
        assert "RAM user" in text and "l***@demo-corp.onaliyun.com" in text
        assert "bob.demo" not in text and "2053718264950002" not in text
        assert screen.grid.row_count == 2
        assert "Loaded 2 of 2" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
    assert [c for c in calls(emulator) if c[0] == "ListMembers"] == [("ListMembers", "page 1")]


async def test_a_thousand_members_stream_in_while_keys_keep_answering(
    emulator: Emulator, service: WorkspaceService
) -> None:
    emulator.set_latency(0.3, operation="ListMembers")
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.grid.move_to(BIG)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m")
        screen = members_screen(app)
        await wait_until(pilot, lambda: screen.grid.row_count > 0, what="the first page")
        assert screen.busy and screen.grid.row_count < 1218  # the rest is on its way
        loaded = screen.grid.row_count
        started = time.monotonic()
        send_key(app, "end")
        # At least to the last row loaded when the key was sent: more may arrive meanwhile.
        await wait_until(
            pilot, lambda: screen.grid.cursor_row >= loaded - 1, what="end to move the cursor"
        )
        assert time.monotonic() - started < 1.0
        await wait_until(pilot, lambda: screen.grid.row_count == 1218, timeout=30, what="all")
        await settle(pilot)
        assert "Loaded 1218 of 1218" in screen_text(app)
    pages = [c for c in calls(emulator) if c[0] == "ListMembers"]
    assert sorted(pages) == sorted(("ListMembers", f"page {n}") for n in range(1, 14))


async def test_slash_searches_names_on_the_server_and_escape_clears_it(
    emulator: Emulator, service: WorkspaceService
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot, BIG)
        emulator.clear_log()
        await pilot.press("slash")
        await pilot.press(*"wang")  # typed key by key: one request after the pause
        await settle(pilot)
        screen = members_screen(app)
        assert calls(emulator) == [("ListMembers", "MemberName=wang")]
        rows = screen.grid.rows
        assert rows and len(rows) < 100
        text = screen_text(app)
        assert "name contains 'wang'" in text  # what was typed may be echoed
        await pilot.press("enter")  # closes the field, keeps the search
        await pilot.press("escape")  # clears the search
        await settle(pilot)
        assert screen.query_state.name is None
        assert screen.grid.row_count == 1218
        await fill(pilot, "#member-search", "nobody-has-this-name")
        await settle(pilot)
        assert "No member's name contains 'nobody-has-this-name'" in screen_text(app)


async def test_a_refused_listing_explains_the_action_and_keeps_the_app(
    emulator: Emulator,
) -> None:
    from paiws.core.factory import emulator_service
    from paiws.screens.permission_error import PermissionErrorScreen

    emulator.add_key("nolist", "nolist-secret", denied_actions=("ListMembers",))
    service = emulator_service(
        emulator.base_url, access_key_id="nolist", access_key_secret="nolist-secret"
    )
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.grid.move_to(WS)  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, PermissionErrorScreen)
        text = screen_text(app)
        assert "paiworkspace:ListMembers" in text and "ListWorkspaceUsers" in text
        await pilot.press("escape")
        await settle(pilot)
        assert "Could not load the members" in screen_text(app)
    service.close()
