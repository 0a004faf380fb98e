"""Where are my workspaces? The multi-region overview and find by name (R15).

Both run every region's calls in order on a task of their own, behind one gate of
``MAX_IN_FLIGHT`` calls for the whole scan (`scan.py`): first the activation check (R3, the
service's cache for the run), then workspace calls only where PAI is activated. A failure stays
in its region's row as one sentence (`explain`); the other regions complete.

Counts are exact with the fewest calls, per activated region:

* one ``ListWorkspaces PageSize=100``: ``TotalCount``, and when every workspace fits on that
  page (up to 100), every status from its items. **1 call** (+1 ListProducts).
* a larger region: the same page for the total, then ``PageSize=1 Status=S`` for FAILURE,
  FROZEN and DISABLED (needs attention) and for INITIALIZING and UPDATING (the bar's "in
  transition"); ENABLED is the rest. **6 calls** (+1 ListProducts).

A region where PAI is not activated costs its ListProducts only, and nothing at all once the
run's activation cache knows it. Overview rows are cached for the run (``rescan`` asks again,
activation included); find asks every time (names change).
"""

from __future__ import annotations

import threading
from collections import Counter as Tally
from collections.abc import Callable, Iterator, Sequence

from paiws.core.error_report import explain
from paiws.core.exit_codes import ExitCode
from paiws.core.paging import MAX_PAGES, STREAM_PAGE_SIZE, stream_pages
from paiws.core.regions import all_regions
from paiws.core.scan import MAX_IN_FLIGHT, Counter, Gate, Scan, ScanStopped
from paiws.core.validation import check_search, parse_regions
from paiws.core.views import (
    ActivationState,
    ListQuery,
    Region,
    RegionMatches,
    RegionOverview,
    RegionState,
    StatusMix,
    WorkspacePage,
    WorkspaceRow,
)

ATTENTION: tuple[str, ...] = ("FAILURE", "FROZEN", "DISABLED")
TRANSITION: tuple[str, ...] = ("INITIALIZING", "UPDATING")
ENABLED = "ENABLED"
COUNT_PAGE = STREAM_PAGE_SIZE  # the API's largest page: a region of up to 100 in one call

CheckActivation = Callable[[str, bool], ActivationState]
CachedActivation = Callable[[str], ActivationState | None]
FetchPage = Callable[[str, ListQuery, int, int], WorkspacePage]
Stopped = Callable[[], bool]


def state_word(state: ActivationState) -> RegionState:
    """R3's answer in the overview's words (SPEC §4): false/false is "no permission"."""
    if state.activated:
        return "activated"
    return "not activated" if state.status == "purchasable" else "no permission"


def mix_of(rows: Sequence[WorkspaceRow]) -> StatusMix:
    statuses = Tally(row.status for row in rows)
    enabled = statuses[ENABLED]
    transition = sum(statuses[s] for s in TRANSITION)
    attention = sum(statuses[s] for s in ATTENTION)
    return StatusMix(enabled, transition, attention, len(rows) - enabled - transition - attention)


def select_regions(regions: Sequence[str] | None) -> tuple[Region, ...]:
    """Every PAI region in catalogue order, or the given ones (known regions only) in order."""
    catalogue = all_regions()
    if regions is None:
        return catalogue
    by_id = {region.id: region for region in catalogue}
    return tuple(by_id[rid] for rid in parse_regions(regions, list(by_id)))


def scan_exit_code(rows: Sequence[RegionOverview] | Sequence[RegionMatches]) -> int:
    """SPEC §4: 0 when the scan finished, even with errors in some regions; when every region
    failed, the code of that kind of error if it is the same everywhere, else 7."""
    failed = [row.error_exit for row in rows if row.state == "error"]
    if not rows or len(failed) < len(rows):
        return ExitCode.OK
    kinds = set(failed)
    if len(kinds) == 1 and None not in kinds:
        return int(failed[0] or ExitCode.ERROR)
    return ExitCode.NETWORK


class RegionScanner:
    """The overview (cached per run) and find by name, for `WorkspaceService`."""

    def __init__(
        self,
        check: CheckActivation,
        cached: CachedActivation,
        fetch: FetchPage,
        *,
        in_flight: int = MAX_IN_FLIGHT,
    ) -> None:
        self._check = check
        self._cached = cached
        self._fetch = fetch
        self.in_flight = in_flight
        self._rows: dict[str, RegionOverview] = {}
        self._lock = threading.Lock()

    # -- the overview ----------------------------------------------------------------------

    def cached(self) -> tuple[RegionOverview, ...]:
        """The final rows of earlier scans in this run, in catalogue order."""
        with self._lock:
            rows = dict(self._rows)
        return tuple(rows[r.id] for r in all_regions() if r.id in rows)

    def overview(
        self,
        regions: Sequence[str] | None = None,
        *,
        rescan: bool = False,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[RegionOverview]:
        selected = select_regions(regions)
        with self._lock:
            known = (
                {} if rescan else {r.id: self._rows[r.id] for r in selected if r.id in self._rows}
            )
        for region in selected:
            if region.id in known:
                yield known[region.id]

        def work(region: Region, emit: Callable[[RegionOverview], None], stopped: Stopped) -> None:
            row = self._overview_of(region, gate, emit, stopped, rescan=rescan)
            if row is not None:
                with self._lock:
                    self._rows[region.id] = row
                emit(row)

        scan = Scan(work, cancelled=cancelled)
        gate = Gate(self.in_flight, scan.stopped)
        yield from scan.run([region for region in selected if region.id not in known])

    def _overview_of(
        self,
        region: Region,
        gate: Gate,
        emit: Callable[[RegionOverview], None],
        stopped: Stopped,
        *,
        rescan: bool,
    ) -> RegionOverview | None:
        calls = 0
        try:
            if stopped():
                return None
            calls += 1 if rescan or self._cached(region.id) is None else 0
            state = gate.call(lambda: self._check(region.id, rescan))
            if not state.activated:
                return RegionOverview(region, "done", state_word(state), calls=calls)
            emit(RegionOverview(region, "counting", "activated", calls=calls))
            if stopped():
                return None
            calls += 1
            first = gate.call(lambda: self._fetch(region.id, ListQuery(), 1, COUNT_PAGE))
            if first.total <= COUNT_PAGE and first.count >= first.total:
                mix = mix_of(first.rows)  # every workspace is on this page
                total = mix.total
            else:
                counts: dict[str, int] = {}
                for status in ATTENTION + TRANSITION:
                    if stopped():
                        return None
                    calls += 1
                    counts[status] = self._status_count(region.id, status, gate)
                transition = sum(counts[s] for s in TRANSITION)
                attention = sum(counts[s] for s in ATTENTION)
                total = first.total
                mix = StatusMix(max(0, total - transition - attention), transition, attention)
            return RegionOverview(
                region,
                "done",
                "activated",
                workspaces=total,
                needs_attention=mix.attention,
                mix=mix,
                calls=calls,
            )
        except ScanStopped:
            return None
        except Exception as error:  # the region's row says why; the scan goes on
            report = explain(error)
            return RegionOverview(
                region,
                "done",
                "error",
                error=report.sentence,
                error_exit=int(report.exit_code),
                calls=calls,
            )

    def _status_count(self, region: str, status: str, gate: Gate) -> int:
        page = gate.call(lambda: self._fetch(region, ListQuery(status=status), 1, 1))
        return page.total

    # -- find by name --------------------------------------------------------------------

    def find(
        self,
        name: str,
        regions: Sequence[str] | None = None,
        *,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[RegionMatches]:
        query = ListQuery(name=check_search(name))
        selected = select_regions(regions)

        def work(region: Region, emit: Callable[[RegionMatches], None], stopped: Stopped) -> None:
            found = self._matches_in(region, query, gate, stopped)
            if found is not None:
                emit(found)

        scan = Scan(work, cancelled=cancelled)
        gate = Gate(self.in_flight, scan.stopped)
        yield from scan.run(selected)

    def _matches_in(
        self, region: Region, query: ListQuery, gate: Gate, stopped: Stopped
    ) -> RegionMatches | None:
        calls = Counter()
        try:
            if stopped():
                return None
            calls.add(0 if self._cached(region.id) is not None else 1)
            state = gate.call(lambda: self._check(region.id, False))
            if not state.activated:
                return RegionMatches(region, "done", state_word(state), calls=calls.value)

            def page(number: int) -> WorkspacePage:
                calls.add()
                return gate.call(lambda: self._fetch(region.id, query, number, STREAM_PAGE_SIZE))

            rows: dict[str, WorkspaceRow] = {}
            total = pages = 0
            for found in stream_pages(page, concurrency=self.in_flight, cancelled=stopped):
                pages += 1
                total = found.total
                for row in found.rows:
                    rows.setdefault(row.workspace_id, row)
            if stopped():
                return None
            truncated = pages >= MAX_PAGES and len(rows) < total
            return RegionMatches(
                region,
                "done",
                "activated",
                rows=tuple(rows.values()),
                total=total if truncated else len(rows),
                truncated=truncated,
                calls=calls.value,
            )
        except ScanStopped:
            return None
        except Exception as error:  # the region's row says why; the search goes on
            report = explain(error)
            return RegionMatches(
                region,
                "done",
                "error",
                error=report.sentence,
                error_exit=int(report.exit_code),
                calls=calls.value,
            )
