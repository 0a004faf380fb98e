"""The footer (issue #12): the keys that work now, most important first, as many as fit, `?`
always last; redrawn whole, so nothing is left behind after a filter or a resize."""

from __future__ import annotations

import re

from paiws.core.service import WorkspaceService
from tests.support import SIZE, SMALL, make_app, screen_text, settle

HINT = r"\S+ [^\s].*?"


def footer(app: object) -> str:
    return screen_text(app).splitlines()[-1]  # type: ignore[arg-type]


async def test_the_footer_fits_most_important_first_and_ends_with_help(
    service: WorkspaceService,
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        line = footer(app).rstrip()
        assert line.startswith(" ⏎ Open  / Filter  s Status")
        assert line.endswith("? Help")
        assert len(line) <= SMALL[0]
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        wide = footer(app).rstrip()
        assert wide.endswith("? Help") and len(wide) > len(line)  # more keys fit
        assert "b Console" in wide and "v JSON" in wide


async def test_nothing_is_left_behind_after_a_filter_or_a_resize(
    service: WorkspaceService,
) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = footer(app)
        await pilot.press("slash", *"nlp")
        await settle(pilot)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert footer(app) == before
        for size in (SMALL, (60, 20), (200, 50), SIZE):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            line = footer(app)
            assert len(line) == size[0]
            # Hints separated by two blanks, then only blanks: no stray characters.
            assert re.fullmatch(rf" ({HINT})(  {HINT})*\s*", line), line
            assert line.rstrip().endswith("? Help")
        assert footer(app) == before


async def test_a_click_on_a_hint_presses_its_key(service: WorkspaceService) -> None:
    app = make_app(service, region="cn-hangzhou")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = footer(app)
        await pilot.click(offset=(line.index("? Help") + 1, SIZE[1] - 1))
        await settle(pilot)
        assert "keys and how things work" in screen_text(app)
