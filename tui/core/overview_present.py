"""Textual-free presentation of the overview and of find by name (R15), shared by the CLI
printers and the TUI: the JSON records of SPEC §4, the status bar's cells and the sentences
that sum a scan up. Values are already masked and terminal-safe (view models).

The JSON records are machine output: English in every language (an ``Error`` sentence is built
in English by the scan itself, see ``paiws.core.scan``). Everything else here is for people and
comes from the catalogue: the activation words, the bar's legend and the summaries."""

from __future__ import annotations

from collections.abc import Sequence

from paiws.core.i18n import N_, _, clauses, ngettext
from paiws.core.present import workspace_record
from paiws.core.views import RegionMatches, RegionOverview, RegionState, StatusMix, WorkspaceRow

OVERVIEW_KEYS: tuple[str, ...] = (
    "Region",
    "Name",
    "Activation",
    "Workspaces",
    "Needs Attention",
    "Error",
)

# R3's answer per region in people's words (the JSON keeps the English word, SPEC §4).
STATE_WORDS: dict[RegionState, str] = {
    "activated": N_("activated"),
    "not activated": N_("not activated"),
    "no permission": N_("no permission"),
    "error": N_("error"),
}

# The stacked bar, left to right: (part, glyph, style). Glyphs differ as well as colours, so
# the bar reads without colour too; the heaviest glyph is the trouble. Parts are translated
# where they are shown (`bar_legend`).
BAR_PARTS: tuple[tuple[str, str, str], ...] = (
    (N_("enabled"), "▒", "green"),
    (N_("in transition"), "▓", "yellow"),
    (N_("needs attention"), "█", "red"),
    (N_("other"), "░", "dim"),
)
BAR_WIDTH = 10
GLYPH_STYLES: dict[str, str] = {glyph: style for _part, glyph, style in BAR_PARTS}


def state_text(state: RegionState | None) -> str:
    """A region's activation for people ("-" while unknown)."""
    return _(STATE_WORDS[state]) if state is not None else "-"


def bar_legend() -> str:
    """What the bar's glyphs mean: "▒ enabled  ▓ in transition  █ needs attention"."""
    return "  ".join(f"{glyph} {_(part)}" for part, glyph, _style in BAR_PARTS[:3])


def overview_record(row: RegionOverview) -> dict[str, object]:
    """One region for `paiws overview --format json` (keys exactly as in SPEC §4)."""
    return {
        "Region": row.region.id,
        "Name": row.region.name,
        "Activation": row.state,
        "Workspaces": row.workspaces,
        "Needs Attention": row.needs_attention,
        "Error": row.error,
    }


def found_record(matches: RegionMatches, row: WorkspaceRow) -> dict[str, object]:
    """One workspace found by name: its region, then the keys of `paiws list`."""
    return {"Region": matches.region.id, **workspace_record(row)}


def region_error_record(matches: RegionMatches) -> dict[str, object]:
    """A region whose search failed, for `paiws find`'s ``Regions With Errors``."""
    return {"Region": matches.region.id, "Name": matches.region.name, "Error": matches.error}


def bar_cells(mix: StatusMix, width: int = BAR_WIDTH) -> tuple[int, ...]:
    """Cells per part of ``BAR_PARTS`` for a bar of ``width``: proportional (largest
    remainder), and at least one cell for every part that is not empty, so one workspace that
    needs attention among thousands still shows."""
    parts = (mix.enabled, mix.transition, mix.attention, mix.other)
    total = sum(parts)
    if total <= 0 or width <= 0:
        return (0,) * len(parts)
    exact = [part * width / total for part in parts]
    cells = [max(int(share), 1 if part else 0) for share, part in zip(exact, parts, strict=True)]
    while sum(cells) < width:
        grow = max(range(len(parts)), key=lambda i: (exact[i] - cells[i], parts[i]))
        cells[grow] += 1
    while sum(cells) > width:
        shrinkable = [i for i in range(len(parts)) if cells[i] > 1]
        if not shrinkable:
            break
        cells[max(shrinkable, key=lambda i: cells[i] - exact[i])] -= 1
    return tuple(cells)


def bar_text(mix: StatusMix | None, width: int = BAR_WIDTH) -> str:
    """The bar as glyphs ("" without counts); colour it with ``GLYPH_STYLES``."""
    if mix is None:
        return ""
    return "".join(
        glyph * cells
        for (_part, glyph, _style), cells in zip(BAR_PARTS, bar_cells(mix, width), strict=True)
    )


def count_text(value: int | None) -> str:
    return "-" if value is None else str(value)


def overview_summary(rows: Sequence[RegionOverview]) -> str:
    """E.g. "16 regions: 12 activated with 82 workspaces (12 need attention), 1 not activated,
    1 no permission, 2 failed."""
    done = [row for row in rows if row.stage == "done"]
    activated = [row for row in done if row.state == "activated"]
    workspaces = sum(row.workspaces or 0 for row in activated)
    attention = sum(row.needs_attention or 0 for row in activated)
    counted = ngettext("{n} workspace", "{n} workspaces", workspaces).format(n=workspaces)
    if attention:
        first = _("{activated} activated with {workspaces} ({attention})").format(
            activated=len(activated), workspaces=counted, attention=attention_text(attention)
        )
    else:
        first = _("{activated} activated with {workspaces}").format(
            activated=len(activated), workspaces=counted
        )
    parts = [first]
    for state, words in (
        ("not activated", N_("{n} not activated")),
        ("no permission", N_("{n} no permission")),
        ("error", N_("{n} failed")),
    ):
        number = sum(1 for row in done if row.state == state)
        if number:
            parts.append(_(words).format(n=number))
    return _("{regions}: {parts}.").format(regions=regions_text(len(rows)), parts=clauses(parts))


def find_summary(name: str, answers: Sequence[RegionMatches]) -> str:
    """E.g. "7 workspaces match 'recsys' in 4 of 14 regions where PAI is activated."."""
    activated = [a for a in answers if a.state == "activated"]
    total = sum(a.total for a in activated)
    where = sum(1 for a in activated if a.total)
    found = ngettext(
        "{n} workspace matches {name} in {where} of {regions} where PAI is activated",
        "{n} workspaces match {name} in {where} of {regions} where PAI is activated",
        total,
    ).format(n=total, name=repr(name), where=where, regions=regions_text(len(activated)))
    failed = sum(1 for a in answers if a.state == "error")
    if failed:
        unsearched = ngettext(
            "{n} region could not be searched", "{n} regions could not be searched", failed
        ).format(n=failed)
        # i18n: a summary, then the regions that failed
        return _("{found}; {failed}.").format(found=found, failed=unsearched)
    # i18n: one sentence, ended
    return _("{sentence}.").format(sentence=found)


def regions_text(number: int) -> str:
    return ngettext("{n} region", "{n} regions", number).format(n=number)


def attention_text(number: int) -> str:
    return ngettext("{n} needs attention", "{n} need attention", number).format(n=number)
