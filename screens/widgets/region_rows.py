"""The region picker's lines: a region's ID and name, its tag (common / recent) and, once the
overview has scanned it (R15), its activation, workspace count, needs-attention count and a
small stacked bar of its statuses. Columns are dropped by priority when the list is narrow;
the region ID and the activation state always stay.

Everything is built as ``rich.text.Text`` (region names come from the catalogue, counts are
numbers, error sentences are shown elsewhere), so nothing is parsed as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from rich.text import Text

from paiws.core.api import BAR_PARTS, BAR_WIDTH, Region, RegionOverview, bar_cells, count_text

Tag = Literal["", "common", "recent"]
SortKey = Literal["catalogue", "workspaces", "attention"]

ID_WIDTH = 16
TAG_WIDTH = 6
STATE_WIDTH = 13
WORKSPACES_WIDTH = 11
ATTENTION_WIDTH = 10
NAME_MIN = 12
NAME_MAX = 24
GAP = 2
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
STILL = "…"  # the spinner's place when animations are off (tests, snapshots)

STATE_STYLES = {
    "activated": "green",
    "not activated": "yellow",
    "no permission": "yellow",
    "error": "bold red",
}


@dataclass(frozen=True)
class Layout:
    """Which columns fit, and how wide the name is (0: no name column)."""

    scanned: bool
    name: int = NAME_MAX
    tag: bool = True
    bar: bool = True
    attention: bool = True
    workspaces: bool = True


def layout_for(width: int, *, scanned: bool) -> Layout:
    """The widest layout that fits ``width`` cells. Dropped first: the tag, then the name
    shrinks and goes, then the bar, the attention count and the workspace count."""
    if not scanned:
        room = width - ID_WIDTH - GAP - TAG_WIDTH
        return Layout(False, name=max(0, min(NAME_MAX, room)) if room >= NAME_MIN else 0)
    layout = Layout(True)
    for drop in ("tag", "name", "bar", "attention", "workspaces"):
        need = _width(layout)
        if need <= width:
            break
        if drop == "name":
            room = layout.name - (need - width)
            layout = replace(layout, name=room if room >= NAME_MIN else 0)
        else:
            layout = replace(layout, **{drop: False})
    return layout


def _width(layout: Layout) -> int:
    width = ID_WIDTH + (layout.name + GAP if layout.name else 0)
    width += TAG_WIDTH + GAP if layout.tag else 0
    width += STATE_WIDTH
    width += GAP + WORKSPACES_WIDTH if layout.workspaces else 0
    width += GAP + ATTENTION_WIDTH if layout.attention else 0
    width += GAP + BAR_WIDTH if layout.bar else 0
    return width


def _cell(text: Text | str, width: int, *, right: bool = False) -> Text:
    cell = text if isinstance(text, Text) else Text(text)
    cell.truncate(width, overflow="ellipsis")
    pad = width - cell.cell_len
    if right:
        return Text(" " * pad) + cell
    cell.pad_right(pad)
    return cell


def bar(row: RegionOverview) -> Text:
    text = Text()
    if row.mix is None:
        return text
    for (_, glyph, style), cells in zip(BAR_PARTS, bar_cells(row.mix), strict=True):
        text.append(glyph * cells, style=style)
    return text


def region_line(
    region: Region,
    layout: Layout,
    *,
    tag: Tag = "",
    row: RegionOverview | None = None,
    scanning: bool = False,
    spinner: str = STILL,
) -> Text:
    """One region's line in the picker's list."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append_text(_cell(Text(region.id, style="bold"), ID_WIDTH))
    if layout.name:
        line.append_text(_cell(region.name, layout.name + GAP))
    if layout.tag:
        line.append_text(_cell(Text(tag, style="dim"), TAG_WIDTH + GAP))
    if not layout.scanned:
        return line
    waiting = scanning and (row is None or row.stage != "done")
    if row is None or row.state is None:
        state = Text(f"{spinner} checking", style="italic") if waiting else Text("")
    else:
        state = Text(row.state, style=STATE_STYLES.get(row.state, ""))
    line.append_text(_cell(state, STATE_WIDTH))
    counting = waiting and row is not None and row.state == "activated"
    if layout.workspaces:
        value = spinner if counting else _count(row, "workspaces")
        line.append_text(Text(" " * GAP) + _cell(value, WORKSPACES_WIDTH, right=True))
    if layout.attention:
        attention = _count(row, "needs_attention")
        style = "bold red" if row is not None and (row.needs_attention or 0) > 0 else ""
        cell = Text(spinner if counting else attention, style=style)
        line.append_text(Text(" " * GAP) + _cell(cell, ATTENTION_WIDTH, right=True))
    if layout.bar and row is not None:
        line.append_text(Text(" " * GAP) + bar(row))
    return line


def _count(row: RegionOverview | None, field: str) -> str:
    if row is None or row.stage != "done":
        return ""
    value: int | None = getattr(row, field)
    return count_text(value)


def header_line(layout: Layout, sort: SortKey, *, width: int = 0) -> Text:
    """Column titles above the list (only with a scan); the sorted column is marked; the bar's
    legend follows when ``width`` leaves room for it."""
    line = Text(no_wrap=True, overflow="ellipsis", style="bold")
    line.append_text(_cell("Region", ID_WIDTH))
    if layout.name:
        line.append_text(_cell("Name", layout.name + GAP))
    if layout.tag:
        line.append_text(_cell("", TAG_WIDTH + GAP))
    line.append_text(_cell("PAI", STATE_WIDTH))
    if layout.workspaces:
        title = "Workspaces" + ("▼" if sort == "workspaces" else "")
        line.append_text(Text(" " * GAP) + _cell(title, WORKSPACES_WIDTH, right=True))
    if layout.attention:
        title = "Attention" + ("▼" if sort == "attention" else "")
        line.append_text(Text(" " * GAP) + _cell(title, ATTENTION_WIDTH, right=True))
    if layout.bar:
        line.append_text(Text(" " * GAP) + _cell("Statuses", BAR_WIDTH))
        legend = Text.assemble(
            *((f"  {glyph} {part}", style) for part, glyph, style in BAR_PARTS[:3])
        )
        if line.cell_len + legend.cell_len <= width:
            line.append_text(legend)
    return line


def sort_key(sort: SortKey, row: RegionOverview | None, position: int) -> tuple[int, int, int]:
    """Largest first; regions without a count after those with one, in catalogue order."""
    if sort == "workspaces" and row is not None and row.workspaces is not None:
        return (0, -row.workspaces, position)
    if sort == "attention" and row is not None and row.needs_attention is not None:
        return (0, -row.needs_attention, position)
    return (1, 0, position)


def detail_text(region: Region, row: RegionOverview | None) -> Text:
    """What the scan says about the highlighted region, in a sentence."""
    if row is None or row.state is None:
        return Text("")
    where = region.id
    if row.state == "error":
        return Text.assemble((f"{where}: ", "bold"), (row.error or "the scan failed.", "red"))
    if row.state == "not activated":
        return Text(f"{where}: PAI is not activated; choose it to see how to activate it.")
    if row.state == "no permission":
        return Text(
            f"{where}: PAI is not activated, and these credentials cannot activate it "
            "(ask the primary account administrator)."
        )
    if row.stage != "done" or row.mix is None or row.workspaces is None:
        return Text(f"{where}: PAI is activated; counting workspaces…")
    mix = row.mix
    text = Text(f"{where}: {row.workspaces} workspace{'' if row.workspaces == 1 else 's'}")
    if row.workspaces:
        text.append(f" · {mix.enabled} enabled, {mix.transition} in transition, ")
        text.append(
            f"{mix.attention} need{'s' if mix.attention == 1 else ''} attention",
            style="bold red" if mix.attention else "",
        )
    return text
