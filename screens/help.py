"""The help screen: every key, per screen, built from the screens' own BINDINGS (so the help
can never disagree with what the keys do). The section of the screen it was opened from
comes first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Markdown, Static

from paiws.core.api import translated_document
from paiws.paths import read_asset
from paiws.screens.base import PaiwsScreen

Section = tuple[str, Sequence[type[DOMNode]]]


def own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings paiws itself declares for `cls` (Textual's generic focus/copy keys are
    left out), with a subclass replacing its bases' bindings for the same key, as Textual does."""
    by_key: dict[str, list[Binding]] = {}
    for base in reversed(cls.__mro__):
        if not base.__module__.startswith("paiws") or "BINDINGS" not in base.__dict__:
            continue
        for key, key_bindings in BindingsMap(base.__dict__["BINDINGS"]).key_to_bindings.items():
            by_key[key] = key_bindings
    return [binding for key_bindings in by_key.values() for binding in key_bindings]


def section_keys(classes: Sequence[type[DOMNode]]) -> list[tuple[Binding, str]]:
    """(binding, description) per key of the given classes, same key merged: "Refresh / Retry"."""
    merged: dict[str, tuple[Binding, list[str]]] = {}
    for cls in classes:
        for binding in own_bindings(cls):
            description = binding.tooltip or binding.description
            if not description or binding.system:
                continue
            _, descriptions = merged.setdefault(binding.key, (binding, []))
            if description not in descriptions:
                descriptions.append(description)
    return [(binding, " / ".join(descriptions)) for binding, descriptions in merged.values()]


class HelpScreen(PaiwsScreen[None]):
    HELP_TITLE: ClassVar[str] = "Help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Close", id="help.close"),
        Binding("q", "back", "Close", show=False, id="help.q_close"),
        Binding("question_mark", "back", "Close", show=False, id="help.toggle"),
    ]

    def __init__(self, origin: type[DOMNode], sections: Sequence[Section] = ()) -> None:
        super().__init__()
        self.origin = origin
        self.sections = list(sections)

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            if self.session.read_only:
                yield Static(
                    Text.assemble(
                        ("Read-only mode is on (--read-only). ", "bold"),
                        "Creating (n), editing (e), deleting (ctrl+d) and member changes are "
                        "refused; start paiws without --read-only to make changes.",
                    ),
                    id="help-read-only",
                )
            yield Markdown(translated_document(read_asset("help.md")), id="help-intro")
            for title, classes in self._ordered():
                yield Static(self._table(title, classes), classes="help-section")

    def _ordered(self) -> list[Section]:
        first = [s for s in self.sections if self.origin in s[1]]
        return first + [s for s in self.sections if s not in first]

    def _table(self, title: str, classes: Sequence[type[DOMNode]]) -> Table:
        here = self.origin in classes
        heading = Text(title + ("  (this screen)" if here else ""), style="bold")
        table = Table(
            title=heading,
            title_justify="left",
            show_header=False,
            box=None,
            padding=(0, 2),
            expand=False,
        )
        table.add_column(style="bold", min_width=10, no_wrap=True)
        table.add_column()
        for binding, description in section_keys(classes):
            table.add_row(Text(self.app.get_key_display(binding)), Text(description))
        return table
