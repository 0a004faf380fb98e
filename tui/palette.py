"""Command palette (`ctrl+p`): the actions of the current screen, taken from its active bindings.

Built from the same bindings as the footer and the help screen, so the palette offers exactly
what the keys do right now (e.g. no "Refresh" while the activation gate is up).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# Bindings that make no sense as palette entries (quitting is a system command already).
_SKIP_ACTIONS = frozenset(
    {"command_palette", "app.command_palette", "back", "quit", "quit_app", "app.quit"}
)


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
