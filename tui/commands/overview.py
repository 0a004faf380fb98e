"""`paiws overview` and `paiws find`: many regions at once (R15). Each region's answer is
printed in its row, whatever happened elsewhere; the exit code is 0 once the scan finished,
unless every region failed (SPEC §4)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from paiws.commands.session import CommandSession
from paiws.core.overview import scan_exit_code, select_regions
from paiws.core.validation import check_search
from paiws.core.views import Region, RegionMatches, RegionOverview
from paiws.output import overview as overview_output
from paiws.output.progress import Progress
from paiws.output.render import APP, clean


def _regions(args: argparse.Namespace) -> tuple[Region, ...]:
    """The regions to scan, checked before anything is sent (unknown: exit 2, a suggestion)."""
    return select_regions(None if args.regions is None else args.regions.split(","))


def cmd_overview(args: argparse.Namespace, session: CommandSession) -> int:
    regions = _regions(args)
    service = session.service()
    service.credentials.get()  # no credentials: say so once (exit 6), not once per region
    rows: dict[str, RegionOverview] = {}
    with Progress(sys.stderr, "Scanning regions") as progress:
        for row in service.overview([r.id for r in regions]):
            if row.stage == "done":
                rows[row.region.id] = row
                progress.update(len(rows), len(regions))
    ordered = [rows[r.id] for r in regions if r.id in rows]
    overview_output.print_overview(ordered, args.format, sys.stdout)
    return _finish(ordered)


def cmd_find(args: argparse.Namespace, session: CommandSession) -> int:
    name = check_search(args.name)
    regions = _regions(args)
    service = session.service()
    service.credentials.get()
    answers: dict[str, RegionMatches] = {}
    with Progress(sys.stderr, "Searching regions") as progress:
        for answer in service.find_workspaces(name, [r.id for r in regions]):
            answers[answer.region.id] = answer
            progress.update(len(answers), len(regions))
    ordered = [answers[r.id] for r in regions if r.id in answers]
    overview_output.print_found(
        name, ordered, args.format, sys.stdout, err=sys.stderr, wide=args.wide
    )
    truncated = [a.region.id for a in ordered if a.truncated]
    if truncated:
        sys.stderr.write(
            f"{APP}: stopped at the page limit in {', '.join(truncated)}; narrow the name.\n"
        )
    return _finish(ordered)


def _finish(rows: Sequence[RegionOverview] | Sequence[RegionMatches]) -> int:
    code = scan_exit_code(rows)
    if code:
        first = next((row.error for row in rows if row.error), None)
        sys.stderr.write(f"{APP}: no region could be read. {clean(first or '')}\n")
    return code
