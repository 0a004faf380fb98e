"""Printers for `paiws overview` and `paiws find`: one row per region (or per workspace found),
as a table or the JSON of SPEC §4. The status bar column is drawn on a terminal only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from paiws.core import overview_present as shown
from paiws.core import present
from paiws.core.views import RegionMatches, RegionOverview
from paiws.output.render import clean, is_tty, print_table, write_json

OVERVIEW_COLUMNS = ("Region", "Name", "PAI", "Workspaces", "Needs Attention")
BAR_COLUMN = "Statuses"
FIND_COLUMNS = ("Region", *present.TABLE_COLUMNS)
# Least useful first when a terminal is too narrow; Region, Name, ID and Status always stay.
_FIND_DROP_FIRST = (
    "Modified",
    "Resource Group",
    "Default",
    "Display Name",
    "Administrators",
    "Environments",
    "Creator ID",
    "Created",
)


def print_overview(rows: Sequence[RegionOverview], fmt: str, stream: TextIO) -> None:
    if fmt == "json":
        write_json({"Regions": [shown.overview_record(row) for row in rows]}, stream)
        return
    bar = is_tty(stream)
    columns = (*OVERVIEW_COLUMNS, BAR_COLUMN) if bar else OVERVIEW_COLUMNS
    cells = []
    for row in rows:
        line = [
            row.region.id,
            row.region.name,
            row.state or "-",
            shown.count_text(row.workspaces),
            shown.count_text(row.needs_attention),
        ]
        if bar:
            line.append(shown.bar_text(row.mix))
        cells.append(line)
    print_table(
        stream,
        columns,
        cells,
        styles={"PAI": {"activated": "green", "error": "red"}},
        whole=("Region", "PAI", BAR_COLUMN),
        droppable=(BAR_COLUMN, "Name"),
        glyph_styles={BAR_COLUMN: shown.GLYPH_STYLES},
    )
    if bar:
        stream.write(f"{BAR_COLUMN}: {shown.BAR_LEGEND}\n")
    _region_errors(rows, stream)
    stream.write(shown.overview_summary(rows) + "\n")


def print_found(
    name: str,
    answers: Sequence[RegionMatches],
    fmt: str,
    stream: TextIO,
    *,
    err: TextIO | None = None,
    wide: bool = False,
) -> None:
    found = [(a, row) for a in answers for row in a.rows]
    unreadable = sum(1 for _, row in found if row.unreadable)
    if unreadable and err is not None:
        err.write(f"paiws: {present.unreadable_note(unreadable)}\n")
    if fmt == "json":
        write_json(
            {
                "Total": sum(a.total for a in answers if a.state == "activated"),
                "Workspaces": [shown.found_record(a, row) for a, row in found],
                "Regions With Errors": [
                    shown.region_error_record(a) for a in answers if a.state == "error"
                ],
            },
            stream,
        )
        return
    if found:
        print_table(
            stream,
            FIND_COLUMNS,
            ((a.region.id, *present.row_cells(row)) for a, row in found),
            styles={"Status": present.STATUS_STYLES},
            whole=("Region", "Name", "Status"),
            droppable=_FIND_DROP_FIRST,
            wide=wide,
        )
    for answer in answers:
        if answer.truncated:
            stream.write(
                f"{clean(answer.region.id)}: stopped after the page limit; {answer.total} match "
                "there. Narrow the name.\n"
            )
    _region_errors(answers, stream)
    skipped = [a.region.id for a in answers if a.state in ("not activated", "no permission")]
    if skipped:
        stream.write(f"Not searched (PAI is not activated): {', '.join(skipped)}.\n")
    stream.write(shown.find_summary(name, answers) + "\n")


def _region_errors(
    rows: Sequence[RegionOverview] | Sequence[RegionMatches], stream: TextIO
) -> None:
    for row in rows:
        if row.state == "error":
            stream.write(f"{clean(row.region.id)}: {clean(row.error or 'failed')}\n")
