"""R2: the user chooses the region. Type to filter, Enter to choose.

Recent regions are listed first (selectable, tagged ``recent``) and the profile's region is
shown as a hint; the cursor starts on the first common region, never on a region the app
guessed. Nothing is sent to the API from this screen until the user asks for the overview.

The overview (R15, `ctrl+o`): every region's activation, workspace count and needs-attention
count fill in as the answers arrive (a spinner per row while waiting), with a stacked bar of
its statuses; `ctrl+o` again re-scans, `ctrl+s` sorts by count. Letters belong to the filter,
so this screen's own keys are control keys. `ctrl+f` finds a workspace by name in every region.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from paiws.core.api import Region, RegionOverview, overview_summary, recent_regions
from paiws.screens.base import PaiwsScreen
from paiws.screens.errors import report_error
from paiws.screens.messages import CallFailed, RegionChosen, RegionScanned, ScanDone
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.region_rows import (
    SPINNER,
    STILL,
    Layout,
    SortKey,
    Tag,
    detail_text,
    header_line,
    layout_for,
    region_line,
    sort_key,
)

RECENT_PREFIX = "recent:"  # option IDs of the recent entries (the region is listed twice)
RECENT_SHOWN = 3
SORTS: tuple[SortKey, ...] = ("catalogue", "workspaces", "attention")
SORT_NAMES: dict[SortKey, str] = {
    "catalogue": "catalogue order",
    "workspaces": "workspace count",
    "attention": "needs attention",
}
SPIN_INTERVAL = 0.1
# What the list adds around a line: the border, the option padding and the scrollbar.
LIST_CHROME = 6


def matches(region: Region, needle: str) -> bool:
    needle = needle.strip().lower()
    return not needle or needle in region.id.lower() or needle in region.name.lower()


def region_of(option_id: str) -> str:
    return option_id.removeprefix(RECENT_PREFIX)


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
        Binding(
            "ctrl+o",
            "scan",
            "Overview",
            tooltip="Scan every region: activation and workspace counts (again: re-scan)",
            priority=True,
            id="picker.scan",
        ),
        Binding(
            "ctrl+s",
            "sort",
            "Sort",
            tooltip="Sort the scanned regions: workspace count, needs attention, catalogue",
            priority=True,
            id="picker.sort",
        ),
        Binding(
            "ctrl+f",
            "find",
            "Find",
            tooltip="Find a workspace by name in every region",
            priority=True,
            id="picker.find",
        ),
        Binding("escape", "clear_or_back", "Back", id="picker.back"),
        Binding("question_mark", "app.help", "Help", priority=True, id="picker.help"),
        Binding("q", "quit_or_back", "Quit", priority=True, id="picker.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._regions: tuple[Region, ...] = ()
        self._recent: list[Region] = []
        self._shown: list[tuple[str, Region, Tag]] = []  # (option id, region, tag)
        self._had_filter = False
        self._scan: dict[str, RegionOverview] = {}
        self._scanning = False
        self._scan_gen = 0
        self._sort: SortKey = "catalogue"
        self._layout = Layout(False)
        self._frame = 0
        self._spinner: Timer | None = None

    @property
    def is_root(self) -> bool:
        # The picker shown at start (no region yet) is where `q` quits from.
        return self.session.region is None

    @property
    def scanned(self) -> bool:
        return self._scanning or bool(self._scan)

    def compose_body(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(
                Text.assemble(
                    ("Choose a region", "bold"), "  Type to filter, ↑/↓ to move, Enter to choose."
                ),
                id="picker-title",
            )
            yield Static(
                Text(
                    "common = the five most used (first) · recent = chosen lately · "
                    "^o: all regions",
                    style="dim",
                ),
                id="picker-legend",
            )
            hints = Static(self._hints(), id="picker-hints")
            hints.display = bool(hints.content)
            yield hints
            yield RegionFilter(placeholder="Filter by region ID or name", id="region-filter")
            yield Static("", id="overview-header")
            yield OptionList(id="region-list")
            yield Static("", id="picker-detail")
            yield Static("", id="picker-empty")

    def on_mount(self) -> None:
        regions = self.service.regions()
        # The seed's common five first, each group in catalogue order.
        self._regions = tuple(sorted(regions, key=lambda r: not r.common))
        by_id = {r.id: r for r in regions}
        recent = [r for r in _recent_regions() if r != self.session.region]
        self._recent = [by_id[r] for r in recent if r in by_id][:RECENT_SHOWN]
        # An overview scanned earlier in this run is shown again (no request).
        self._scan = {row.region.id: row for row in self.service.cached_overview()}
        self._layout = self._fitting_layout()
        self._fill("")
        self.query_one("#region-filter", Input).focus()

    def _hints(self) -> Text:
        parts: list[str] = []
        recent = [r for r in _recent_regions() if r != self.session.region][:RECENT_SHOWN]
        if recent:
            parts.append("Recent: " + ", ".join(recent) + " (listed first)")
        hint = self.host.credentials.region_hint
        if hint:
            parts.append(f"Profile region: {hint}")
        if self.session.region:
            parts.append(f"Current: {self.session.region}")
        return Text(" · ".join(parts), style="italic")

    # -- the list -----------------------------------------------------------------------------

    def _entries(self, needle: str) -> list[tuple[str, Region, Tag] | None]:
        """Option id, region and tag per line; None is a separator. Recent regions come first
        unless the list is filtered or sorted (then every region is listed once)."""
        shown = [r for r in self._regions if matches(r, needle)]
        if self._sort != "catalogue":
            position = {r.id: i for i, r in enumerate(shown)}
            shown.sort(key=lambda r: sort_key(self._sort, self._scan.get(r.id), position[r.id]))
            return [(r.id, r, "common" if r.common else "") for r in shown]
        entries: list[tuple[str, Region, Tag] | None] = []
        if not needle.strip() and self._recent:
            entries += [(RECENT_PREFIX + r.id, r, "recent") for r in self._recent]
            entries.append(None)
        for index, region in enumerate(shown):
            if index and shown[index - 1].common and not region.common:
                entries.append(None)  # separator between common and other regions
            entries.append((region.id, region, "common" if region.common else ""))
        return entries

    def _fill(self, needle: str) -> None:
        option_list = self.query_one("#region-list", OptionList)
        highlighted = option_list.highlighted_option
        keep = highlighted.id if highlighted is not None else None
        entries = self._entries(needle)
        self._shown = [entry for entry in entries if entry is not None]
        option_list.set_options(
            None if entry is None else Option(self._line(entry[1], entry[2]), id=entry[0])
            for entry in entries
        )
        ids = [entry[0] for entry in self._shown]
        if keep in ids and (self._sort != "catalogue" or self.scanned):
            option_list.highlighted = option_list.get_option_index(str(keep))
        elif self._shown:
            # The first region of the catalogue, never a recent one (R2: no guess).
            first = next((i for i, e in enumerate(self._shown) if e[2] != "recent"), 0)
            option_list.highlighted = option_list.get_option_index(self._shown[first][0])
        empty = self.query_one("#picker-empty", Static)
        empty.update(Text(f"No region matches {needle.strip()!r}.") if not self._shown else "")
        empty.display = not self._shown
        self._show_header()
        self._show_detail()

    def _line(self, region: Region, tag: Tag) -> Text:
        spinner = SPINNER[self._frame % len(SPINNER)] if self._spinner is not None else STILL
        return region_line(
            region,
            self._layout,
            tag=tag,
            row=self._scan.get(region.id),
            scanning=self._scanning,
            spinner=spinner,
        )

    def _redraw(self, region_id: str | None = None) -> None:
        """New prompts for one region's lines (or every line), in place."""
        option_list = self.query_one("#region-list", OptionList)
        for option_id, region, tag in self._shown:
            if region_id is None or region.id == region_id:
                option_list.replace_option_prompt(option_id, self._line(region, tag))

    def _fitting_layout(self) -> Layout:
        width = self.query_one("#region-list", OptionList).size.width or self.size.width
        return layout_for(max(0, width - LIST_CHROME), scanned=self.scanned)

    def on_resize(self, event: events.Resize) -> None:
        layout = self._fitting_layout()
        if layout != self._layout:
            self._layout = layout
            self._redraw()
            self._show_header()

    def _show_header(self) -> None:
        header = self.query_one("#overview-header", Static)
        header.display = self.scanned
        if self.scanned:
            header.update(header_line(self._layout, self._sort, width=header.size.width - 4))

    def _show_detail(self) -> None:
        """The highlighted region's overview in words, and the scan's progress or summary."""
        detail = self.query_one("#picker-detail", Static)
        detail.display = self.scanned
        if not self.scanned:
            return
        rows = [self._scan[r.id] for r in self._regions if r.id in self._scan]
        done = sum(1 for row in rows if row.stage == "done")
        if self._scanning:
            status = Text(f"Scanning every region… {done} of {len(self._regions)} answered.")
        else:
            status = Text(overview_summary(rows))
        option = self.query_one("#region-list", OptionList).highlighted_option
        region = next(
            (r for r in self._regions if option and r.id == region_of(option.id or "")), None
        )
        if region is not None and region.id in self._scan:
            status = Text("\n").join((detail_text(region, self._scan[region.id]), status))
        detail.update(status)

    @on(OptionList.OptionHighlighted, "#region-list")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(Input.Changed, "#region-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)
        if bool(event.value) != self._had_filter:  # q/escape change meaning; footer follows
            self._had_filter = bool(event.value)
            self.refresh_bindings()

    @on(OptionList.OptionSelected, "#region-list")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(RegionChosen(region_of(event.option.id)))

    # -- the overview (R15) -------------------------------------------------------------------

    def action_scan(self) -> None:
        """Scan every region; again (once a scan is shown) to re-scan."""
        rescan = bool(self._scan) and not self._scanning
        if self._scanning:
            return
        self._scan_gen += 1
        self._scanning = True
        self._scan = {}
        self._layout = self._fitting_layout()
        if self.app.animation_level != "none":
            self._spinner = self.set_interval(SPIN_INTERVAL, self._spin)
        self._redraw()
        self._show_header()
        self._show_detail()
        self.refresh_bindings()
        self._run_scan(self._scan_gen, rescan)

    @work(thread=True, exclusive=True, exit_on_error=False, group="overview")
    def _run_scan(self, gen: int, rescan: bool) -> None:
        worker = get_current_worker()

        def stale() -> bool:
            return worker.is_cancelled or gen != self._scan_gen

        try:
            for row in self.service.overview(rescan=rescan, cancelled=stale):
                if stale():
                    return
                self.post_message(RegionScanned(gen, row))
        except Exception as error:  # every failure becomes a message the UI explains
            self.post_message(CallFailed(gen, "scan the regions", error))
            return
        self.post_message(ScanDone(gen))

    def on_region_scanned(self, message: RegionScanned) -> None:
        if message.gen != self._scan_gen:
            return
        self._scan[message.row.region.id] = message.row
        if self._sort != "catalogue" and message.row.stage == "done":
            self._fill(self.query_one("#region-filter", Input).value)
        else:
            self._redraw(message.row.region.id)
            self._show_detail()

    def on_scan_done(self, message: ScanDone) -> None:
        if message.gen == self._scan_gen:
            self._scan_finished()

    def on_call_failed(self, message: CallFailed) -> None:
        if message.gen == self._scan_gen:
            self._scan_finished()
            report_error(self, message.error, purpose=message.purpose, retry=False)

    def _scan_finished(self) -> None:
        self._scanning = False
        if self._spinner is not None:
            self._spinner.stop()
            self._spinner = None
        self._redraw()
        self._show_detail()
        self.refresh_bindings()

    def _spin(self) -> None:
        self._frame += 1
        option_list = self.query_one("#region-list", OptionList)
        for option_id, region, tag in self._shown:
            row = self._scan.get(region.id)
            if row is None or row.stage != "done":
                option_list.replace_option_prompt(option_id, self._line(region, tag))

    def action_sort(self) -> None:
        self._sort = SORTS[(SORTS.index(self._sort) + 1) % len(SORTS)]
        self._fill(self.query_one("#region-filter", Input).value)
        self.notify(f"Sorted by {SORT_NAMES[self._sort]}.", title="Regions", timeout=2)

    def action_find(self) -> None:
        from paiws.screens.find_workspace import FindScreen

        self.app.push_screen(FindScreen())

    # -- keys -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        filter_value = self.query_one("#region-filter", Input).value
        if action == "quit_or_back":
            # Let `q` type into a non-empty filter ("ulanqab").
            return not filter_value
        if action == "clear_or_back":
            return bool(filter_value) or not self.is_root
        if action == "sort":
            return self.scanned  # from the moment a scan starts (rows without counts go last)
        if action in ("scan", "find"):
            return self.host.credentials.available
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
            self.post_message(RegionChosen(region_of(option.id)))

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
