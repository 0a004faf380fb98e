"""R2: the user chooses the region. Type to filter, Enter to choose.

Recent regions and the profile's region are shown as *hints* only; the cursor starts on the
first entry of the list (the common regions come first), never on a region the app guessed.
Nothing is sent to the API from this screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from paiws.core.api import Region, recent_regions
from paiws.screens.base import PaiwsScreen
from paiws.screens.messages import RegionChosen
from paiws.screens.widgets.inputs import Field

ID_WIDTH = 16


def region_prompt(region: Region) -> Text:
    text = Text(no_wrap=True)
    text.append(region.id.ljust(ID_WIDTH), style="bold")
    text.append(region.name)
    if region.common:
        text.append("  common", style="dim")
    return text


def matches(region: Region, needle: str) -> bool:
    needle = needle.strip().lower()
    return not needle or needle in region.id.lower() or needle in region.name.lower()


class RegionFilter(Field):
    """The type-to-filter input. It lets `?` through (no region ID or name contains it) and
    `q` while empty (no region starts with q; "ulanqab" still types), so help and quit work."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character == "?" or (character == "q" and not self.value):
            return False
        return super().check_consume_key(key, character)


class RegionPickerScreen(PaiwsScreen[None]):
    HELP_TITLE: ClassVar[str] = "Region picker"
    # The filter input has focus and would swallow these keys, hence priority (checked before
    # the input sees the key); see RegionFilter for which printable keys it lets through.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Choose", priority=True, id="picker.choose"),
        Binding("down", "move(1)", "Down", show=False, priority=True, id="picker.down"),
        Binding("up", "move(-1)", "Up", show=False, priority=True, id="picker.up"),
        Binding(
            "pagedown", "move(8)", "Page down", show=False, priority=True, id="picker.pagedown"
        ),
        Binding("pageup", "move(-8)", "Page up", show=False, priority=True, id="picker.pageup"),
        Binding("escape", "clear_or_back", "Back", id="picker.back"),
        Binding("question_mark", "app.help", "Help", priority=True, id="picker.help"),
        Binding("q", "quit_or_back", "Quit", priority=True, id="picker.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._regions: tuple[Region, ...] = ()
        self._shown: list[Region] = []
        self._had_filter = False

    @property
    def is_root(self) -> bool:
        # The picker shown at start (no region yet) is where `q` quits from.
        return self.session.region is None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Text("Choose a region", style="bold"), classes="panel-title")
            yield Static(
                Text(
                    "paiws never picks a region for you. Type to filter, ↑/↓ to move, "
                    "Enter to choose."
                ),
                classes="dim",
            )
            yield Static(self._hints(), id="picker-hints")
            yield RegionFilter(placeholder="Filter by region ID or name", id="region-filter")
            yield OptionList(id="region-list")
            yield Static("", id="picker-empty")

    def on_mount(self) -> None:
        regions = self.service.regions()
        # The seed's common five first, each group in catalogue order.
        self._regions = tuple(sorted(regions, key=lambda r: not r.common))
        self._fill("")
        self.query_one("#region-filter", Input).focus()

    def _hints(self) -> Text:
        parts: list[str] = []
        recent = [r for r in _recent_regions() if r != self.session.region][:3]
        if recent:
            parts.append("Recent: " + ", ".join(recent))
        hint = self.host.credentials.region_hint
        if hint:
            parts.append(f"Profile region: {hint}")
        if self.session.region:
            parts.append(f"Current: {self.session.region}")
        return Text(" · ".join(parts), style="italic")

    def _fill(self, needle: str) -> None:
        option_list = self.query_one("#region-list", OptionList)
        self._shown = [r for r in self._regions if matches(r, needle)]
        options: list[Option | None] = []
        for index, region in enumerate(self._shown):
            if index and self._shown[index - 1].common and not region.common:
                options.append(None)  # separator between common and other regions
            options.append(Option(region_prompt(region), id=region.id))
        option_list.set_options(options)
        if self._shown:
            option_list.highlighted = 0
        empty = self.query_one("#picker-empty", Static)
        empty.update(Text(f"No region matches {needle.strip()!r}.") if not self._shown else "")

    @on(Input.Changed, "#region-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)
        if bool(event.value) != self._had_filter:  # q/escape change meaning; footer follows
            self._had_filter = bool(event.value)
            self.refresh_bindings()

    @on(OptionList.OptionSelected, "#region-list")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(RegionChosen(event.option.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        filter_value = self.query_one("#region-filter", Input).value
        if action == "quit_or_back":
            # Let `q` type into a non-empty filter ("ulanqab").
            return not filter_value
        if action == "clear_or_back":
            return bool(filter_value) or not self.is_root
        return super().check_action(action, parameters)

    def action_move(self, delta: int) -> None:
        option_list = self.query_one("#region-list", OptionList)
        if option_list.option_count == 0:
            return
        if delta == 1:
            option_list.action_cursor_down()
        elif delta == -1:
            option_list.action_cursor_up()
        elif delta > 0:
            option_list.action_page_down()  # type: ignore[no-untyped-call]  # untyped in Textual
        else:
            option_list.action_page_up()  # type: ignore[no-untyped-call]  # untyped in Textual

    def action_choose(self) -> None:
        option = self.query_one("#region-list", OptionList).highlighted_option
        if option is not None and option.id:
            self.post_message(RegionChosen(option.id))

    def action_clear_or_back(self) -> None:
        filter_input = self.query_one("#region-filter", Input)
        if filter_input.value:
            filter_input.value = ""
        elif not self.is_root:
            self.dismiss()

    def action_quit_or_back(self) -> None:
        if self.is_root:
            self.app.exit(0)
        else:
            self.dismiss()


def _recent_regions() -> list[str]:

    try:
        return [r for r in recent_regions() if isinstance(r, str)]
    except OSError:  # an unreadable state file is not worth a crash; hints are optional
        return []
