"""`paiws overview` and `paiws find`: many regions at once (R15). Each region's answer is
printed in its row, whatever happened elsewhere; the exit code is 0 once the scan finished,
unless every region failed (SPEC §4).

With ``--format json`` the scan runs inside ``i18n.english()``: a failed region's sentence is a
JSON value, English in every language (the tables and stderr speak the interface language)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from paiws.commands.session import CommandSession
from paiws.core import i18n
from paiws.core.i18n import _
from paiws.core.overview import scan_exit_code, select_regions
from paiws.core.validation import check_search
from paiws.core.views import Region, RegionMatches, RegionOverview
from paiws.output import overview as overview_output
from paiws.output.progress import Progress
from paiws.output.render import APP, clean


def _regions(args: argparse.Namespace) -> tuple[Region, ...]:
    """The regions to scan, checked before anything is sent (unknown: exit 2, a suggestion)."""
    return select_regions(None if args.regions is None else args.regions.split(","))


T = TypeVar("T")


def _answers(args: argparse.Namespace, answers: Iterable[T]) -> Iterator[T]:
    """The scan's answers; made in English (their sentences included) when they are printed
    as JSON. Only the scan runs inside ``i18n.english()``, not the progress on stderr."""
    if args.format != "json":
        yield from answers
        return
    scan = iter(answers)
    while True:
        with i18n.english():
            answer = next(scan, None)
        if answer is None:
            return
        yield answer


def cmd_overview(args: argparse.Namespace, session: CommandSession) -> int:
    regions = _regions(args)
    service = session.service()
    service.credentials.get()  # no credentials: say so once (exit 6), not once per region
    rows: dict[str, RegionOverview] = {}
    with Progress(sys.stderr, _("Scanning regions")) as progress:
        for row in _answers(args, service.overview([r.id for r in regions])):
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
    with Progress(sys.stderr, _("Searching regions")) as progress:
        for answer in _answers(args, service.find_workspaces(name, [r.id for r in regions])):
            answers[answer.region.id] = answer
            progress.update(len(answers), len(regions))
    ordered = [answers[r.id] for r in regions if r.id in answers]
    overview_output.print_found(
        name, ordered, args.format, sys.stdout, err=sys.stderr, wide=args.wide
    )
    truncated = [a.region.id for a in ordered if a.truncated]
    if truncated:
        sys.stderr.write(
            f"{APP}: "
            + _("stopped at the page limit in {regions}; narrow the name.").format(
                regions=", ".join(truncated)
            )
            + "\n"
        )
    return _finish(ordered)


def _finish(rows: Sequence[RegionOverview] | Sequence[RegionMatches]) -> int:
    code = scan_exit_code(rows)
    if code:
        first = next((row.error for row in rows if row.error), None)
        failed = _("no region could be read.")
        sys.stderr.write(f"{APP}: {failed} {clean(first or '')}\n")
    return code
