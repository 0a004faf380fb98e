"""The members screens in Simplified Chinese (issue #16): key hints, titles, status and the add
form's refusals in Chinese, lines measured in cells; the same requests as in English (none for
a refused step)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import SelectionList

from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from tests.functional.members_support import (
    LI_NA,
    REGION,
    WS,
    WS_NAME,
    add_form,
    next_step,
    open_members,
    pick,
    search_people,
)
from tests.support import SIZE, SMALL, make_app, notifications, says, screen_text, settle


async def test_in_chinese_the_members_screen_shows_chinese_hints_headers_and_status(
    service: WorkspaceService, chinese: None
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SMALL) as pilot:
        await open_members(pilot)
        text = screen_text(app)
        lines = text.splitlines()
        footer = lines[-1]
        for hint in ("角色", "添加", "移除", "搜索", "刷新", "返回"):
            assert hint in footer, hint
        assert "Add" not in footer and "Remove" not in footer
        assert says(text, "Members of {name}  (ID {id})", name=WS_NAME, id=WS)
        assert "成员（ID 100002）" in text
        assert "名称" in text and "用户 ID" in text
        assert says(text, "Loaded {loaded} of {total}", loaded=2, total=2)
        assert "全部成员" in text
        assert all(cell_len(line) <= SMALL[0] for line in lines)
        await pilot.press("slash", *"zzz_nobody")
        await settle(pilot)
        assert "没有成员的名称包含 'zzz_nobody'" in screen_text(app)


async def test_in_chinese_the_add_form_refuses_a_step_with_a_chinese_sentence(
    emulator: Emulator, service: WorkspaceService, chinese: None
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert "1 人员" in screen_text(app)  # the stepper
        emulator.clear_log()
        await next_step(pilot)  # nobody picked
        text = screen_text(app)
        assert says(text, "Pick at least one person (space picks, space again unpicks).")
        assert "请至少选择一个人" in text
        assert add_form(app).query_one("#people-search").has_focus
        assert emulator.request_log == []
        await search_people(pilot, "eve@")
        assert "1 人与 'eve@' 匹配。按空格选择；按 tab 继续。" in screen_text(app)
        await pick(pilot, 0)
        await next_step(pilot)
        emulator.clear_log()
        await next_step(pilot)  # no role
        assert "请至少选择一个角色。" in screen_text(app)
        assert emulator.request_log == []


async def test_in_chinese_a_role_change_is_confirmed_in_chinese(
    service: WorkspaceService, chinese: None
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_members(pilot)
        screen.grid.move_cursor(row=1)
        selected = screen.grid.selected
        assert selected is not None and selected.user_id.endswith(LI_NA[-4:])  # li.na
        await pilot.press("enter")
        await settle(pilot)
        assert "的角色" in screen_text(app)  # "Roles of {who}"
        assert "核对更改" in screen_text(app)  # the button
        picker = app.screen.query_one("#roles-picker", SelectionList)
        picker.focus()
        picker.highlighted = 5
        await pilot.press("space")  # Visitor on
        await settle(pilot)
        await pilot.press("ctrl+s")  # review
        await settle(pilot)
        assert says(
            screen_text(app),
            "Confirm: Apply sends exactly these changes, then reads the member back.",
        )
        await pilot.press("ctrl+s")  # apply
        await settle(pilot)
        assert "角色已更改" in notifications(app)
        assert says(notifications(app), "{who} now has: {roles}.")
