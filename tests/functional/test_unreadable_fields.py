"""R16 in the TUI: one oddly typed workspace leaves the region browsable — every row shows, the
odd one is marked and its wrongly typed fields read "unreadable", the status line counts such
rows, and the detail says which fields could not be read. Never a raw value."""

from __future__ import annotations

from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.detail import DetailScreen
from tests.support import SIZE, make_app, screen_text, settle, text_of

REGION = "cn-shanghai"
CANARY = "oddCNRYvalue93Kq"


async def test_one_odd_workspace_leaves_the_region_browsable(
    emulator: Emulator, service: WorkspaceService
) -> None:
    odd = emulator.workspaces(REGION)[0]["WorkspaceId"]
    emulator.corrupt_fields(
        REGION, odd, {"EnvTypes": CANARY, "AdminNames": CANARY, "Creator": 4815162342}
    )
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen
        assert isinstance(table, WorkspaceTableScreen)
        assert table.grid.loaded == 5  # every item, not "Loading stopped at 0"
        shown = screen_text(app)
        assert "(!)" in shown and "unreadable" in shown
        assert "1 workspace had fields paiws cannot read" in text_of(app, "#load-status")
        assert CANARY not in shown and "4815162342" not in shown

        assert table.grid.move_to(odd)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        detail = screen_text(app)
        assert "Environments" in detail and "unreadable" in detail
        assert "in a form paiws cannot read" not in detail  # only listed once owner detail is on
        await pilot.press("w")
        await settle(pilot)
        detail = screen_text(app)
        assert "in a form paiws cannot read" in detail and CANARY not in detail
