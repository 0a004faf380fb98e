"""Command palette (`ctrl+p`): the current screen's actions, the regions, the workspaces.

* Actions come from the screen's active bindings, the same ones the footer and the help screen
  show, so the palette offers exactly what the keys do right now (e.g. no "Refresh" while the
  activation gate is up).
* Regions by ID or name: choosing one is choosing the region (R2: the user picked it).
* Workspaces by name: the rows the table has loaded (an "open" hit each, opened in the
  region they belong to), and "find in every region" for the rest (R15, the find screen).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, Protocol

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from paiws.core.api import WorkspaceRow
from paiws.screens.messages import OpenWorkspace, RegionChosen

# Bindings that make no sense as palette entries (quitting is a system command already).
_SKIP_ACTIONS = frozenset(
    {"command_palette", "app.command_palette", "back", "quit", "quit_app", "app.quit"}
)
MAX_WORKSPACE_HITS = 20
YIELD_EVERY = 500  # rows searched between two pauses that let the UI answer keys


class ScreenActionsProvider(Provider):
    def _commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            # Only paiws's own bindings (they all carry an id): not Textual's focus/copy keys or
            # plain cursor movement.
            if not active.enabled or not binding.id or not binding.description or binding.system:
                continue
            name = binding.tooltip or binding.description
            if binding.action in _SKIP_ACTIONS or name in seen:
                continue
            seen.add(name)
            display = self.app.get_key_display(binding)
            run = partial(self.app.run_action, binding.action, active.node)
            yield name, f"key: {display}", run

    async def discover(self) -> Hits:
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)


def literal(matcher: Matcher, text: str) -> Content:
    """``text`` with the matched letters highlighted, never parsed as markup (a workspace name
    such as ``[bold]x[/]`` is shown as typed; `Matcher.highlight` would interpret it)."""
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    content = Content(text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _can_browse(app: Any) -> bool:
    """Regions and workspaces are offered once credentials are there (not on the screen that
    explains how to configure them)."""
    credentials = getattr(app, "credentials", None)
    return bool(getattr(credentials, "available", False))


class RegionsProvider(Provider):
    """``cn-hangzhou`` or ``Hangzhou``: choose that region."""

    async def search(self, query: str) -> Hits:
        if not _can_browse(self.app) or not query.strip():
            return
        matcher = self.matcher(query)
        service = getattr(self.app, "service", None)
        regions = service.regions() if service is not None else ()
        for region in regions:
            label = f"Region {region.id}  {region.name}"
            score = max(matcher.match(region.id), matcher.match(region.name))
            if score > 0:
                yield Hit(
                    score,
                    literal(matcher, label),
                    partial(self.app.post_message, RegionChosen(region.id)),
                    help="Choose this region",
                )


class _Grid(Protocol):
    row_count: int

    def get_row_at(self, index: int) -> list[Any]: ...
    def row_for(self, workspace_id: str) -> WorkspaceRow | None: ...


class WorkspacesProvider(Provider):
    """A workspace name: the loaded rows of the current region's table that match, and a
    search in every region."""

    async def search(self, query: str) -> Hits:
        text = query.strip()
        if not _can_browse(self.app) or not text:
            return
        matcher = self.matcher(text)
        region = getattr(getattr(self.app, "session", None), "region", None)
        grid = self._grid()
        hits = 0
        if region and grid is not None:
            for index in range(grid.row_count):
                if index and index % YIELD_EVERY == 0:
                    await asyncio.sleep(0)
                cells = grid.get_row_at(index)
                name, workspace_id = cells[0].plain, cells[1].plain
                score = matcher.match(name)
                if score <= 0:
                    continue
                row = grid.row_for(workspace_id)
                if row is None:
                    continue
                yield Hit(
                    score,
                    literal(matcher, f"Open {name}"),
                    partial(self.app.post_message, OpenWorkspace(region, row)),
                    help=escape(f"Workspace {workspace_id} in {region} · {row.status}"),
                )
                hits += 1
                if hits >= MAX_WORKSPACE_HITS:
                    break
        if len(text) >= 2:
            yield Hit(
                0.1,  # below every closer match
                Text(f"Find workspaces named like {text!r} in every region"),
                partial(self._find, text),
                help="Search every region where PAI is activated (key: ctrl+f)",
            )

    def _find(self, name: str) -> None:
        from paiws.screens.find_workspace import FindScreen  # the first use pays for it

        self.app.push_screen(FindScreen(name))

    def _grid(self) -> _Grid | None:
        main = getattr(self.app, "main_screen", None)
        if main is None or getattr(main, "mode", None) != "browser":
            return None
        grid: _Grid | None = getattr(main, "grid", None)
        return grid
