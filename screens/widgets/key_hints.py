"""The footer: the keys that work right now, most important first, as many as fit on one line.

One line of text redrawn whole on every change (the bindings, the size), so nothing is left
behind after a filter or a resize (Textual's Footer, a row of widgets with the palette key
docked over it, overflowed at 120 columns and left stray characters). What does not fit is on
the help screen (`?`), which this footer always ends with. A screen orders its hints with
``HINTS`` (binding ids, most important first) and may hide some (``hint_visible``); a click on
a hint presses its key.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

HELP_ACTIONS = frozenset({"help", "app.help"})
PALETTE_ACTIONS = frozenset({"command_palette", "app.command_palette"})
GAP = "  "
DIM = Style(dim=True)


Hint = tuple[Binding, bool]  # the binding, and whether it is enabled


def ordered_hints(screen: Screen[object]) -> tuple[list[Hint], Hint | None, Hint | None]:
    """(the screen's hints by importance, the help hint, the palette hint)."""
    order: tuple[str, ...] = getattr(screen, "HINTS", ())
    visible = getattr(screen, "hint_visible", None)
    seen: set[str] = set()
    hints: list[Hint] = []
    help_hint: Hint | None = None
    palette: Hint | None = None
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.action in PALETTE_ACTIONS:
            palette = (binding, active.enabled)
            continue
        if binding.action in HELP_ACTIONS:
            help_hint = (binding, active.enabled)
            continue
        if not binding.show or binding.system or binding.action in seen:
            continue
        if visible is not None and not visible(binding):
            continue
        seen.add(binding.action)
        hints.append((binding, active.enabled))
    rank = {binding_id: position for position, binding_id in enumerate(order)}
    hints.sort(key=lambda hint: rank.get(hint[0].id or "", len(rank)))
    return hints, help_hint, palette


class KeyHints(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-hints--key", "key-hints--description"}
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-hints--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-hints--description {
            color: $footer-description-foreground;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each hint drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def _label(self, binding: Binding, description: str | None = None) -> tuple[str, str]:
        return self.app.get_key_display(binding), description or binding.description

    def render(self) -> Text:
        width = self.size.width
        hints, help_hint, palette = ordered_hints(self.screen)
        key_style = self.get_component_rich_style("key-hints--key")
        text_style = self.get_component_rich_style("key-hints--description")
        tail: list[Hint] = [h for h in (palette, help_hint) if h is not None]
        tail_width = sum(self._width(binding) for binding, _ in tail)
        chosen: list[Hint] = []
        used = 1  # the leading blank
        for hint in hints:
            needed = self._width(hint[0])
            if used + needed + tail_width > width:
                break
            chosen.append(hint)
            used += needed
        if palette is not None and used + tail_width > width:
            tail = [h for h in tail if h is not palette]  # the palette key goes first
        line = Text(" ", no_wrap=True, overflow="crop", end="")
        self._spans = []
        for binding, enabled in [*chosen, *tail]:
            key, description = self._label(binding)
            start = line.cell_len
            line.append(key, style=key_style if enabled else key_style + DIM)
            line.append(" " + description, style=text_style if enabled else text_style + DIM)
            self._spans.append((start, line.cell_len, binding.key))
            line.append(GAP)
        line.rstrip()
        return line

    def _width(self, binding: Binding) -> int:
        key, description = self._label(binding)
        return cell_len(key) + 1 + cell_len(description) + len(GAP)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key.split(",")[0])
                return


__all__ = ["KeyHints", "ordered_hints"]
