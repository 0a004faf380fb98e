"""A one-line progress indicator for multi-step forms: done ✓, current ●, still to come ○."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class Stepper(Widget):
    """Shows where the user is in a form. Colours come from component classes (themeable)."""

    COMPONENT_CLASSES = {"stepper--done", "stepper--current", "stepper--todo", "stepper--warn"}

    DEFAULT_CSS = """
    Stepper {
        height: 1;
        width: 1fr;
    }
    Stepper > .stepper--done { color: $success; }
    Stepper > .stepper--current { color: $accent; text-style: bold reverse; }
    Stepper > .stepper--todo { color: $text-muted; }
    Stepper > .stepper--warn { color: $warning; text-style: bold; }
    """

    current: reactive[int] = reactive(0)
    # Steps whose answer has a known problem (e.g. a taken name): "!" instead of "✓".
    warned: reactive[frozenset[int]] = reactive(frozenset())

    def __init__(self, steps: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._steps = tuple(steps)

    @property
    def steps(self) -> tuple[str, ...]:
        return self._steps

    def render(self) -> Text:
        done = self.get_component_rich_style("stepper--done")
        here = self.get_component_rich_style("stepper--current")
        todo = self.get_component_rich_style("stepper--todo")
        warn = self.get_component_rich_style("stepper--warn")
        line = Text()
        for index, label in enumerate(self._steps):
            if index:
                line.append(" → ", style=todo)
            if index < self.current and index in self.warned:
                line.append(f"! {label}", style=warn)
            elif index < self.current:
                line.append(f"✓ {label}", style=done)
            elif index == self.current:
                line.append(f" {index + 1} {label} ", style=here)
            else:
                line.append(f"{index + 1} {label}", style=todo)
        return line
