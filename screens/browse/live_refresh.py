"""Rows in transition refresh by themselves: the workspace table's live status.

Every few seconds (the App's `LiveRefresh` policy) the table's rows that are on screen *and*
INITIALIZING or UPDATING are fetched again through the service's R5 lookup: one ID →
GetWorkspace, several → one batch ListWorkspaces ``WorkspaceIds=``, in chunks no larger than
the client's batch limit, one request at a time, and only while the table itself is quiet
(no page load, no server search) and on top. Each refresh that still finds rows in transition
waits longer (back-off); after ``pause_after`` seconds of watching it pauses until the user
refreshes (`r`). A failed refresh marks its rows stale (``~``) and says so in the status line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.timer import Timer
from textual.worker import get_current_worker

from paiws.core.api import LookupResult, WorkspaceRow, explain, validation
from paiws.screens.browse.table_query import TRANSITIONAL, age_text
from paiws.screens.messages import RefreshFailed, RowsRefreshed
from paiws.screens.session import LiveRefresh

if TYPE_CHECKING:
    from paiws.screens.browse.workspace_table import WorkspaceTableScreen

AGE_TICK = 1.0  # seconds between updates of "updated Ns ago"


def chunks(ids: tuple[str, ...], size: int) -> list[tuple[str, ...]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


class LiveRefresher:
    def __init__(self, table: WorkspaceTableScreen) -> None:
        self.table = table
        self.gen = 0
        self.in_flight = False
        self.paused = False
        self.failed: str | None = None  # why the last refresh failed (an error's title)
        self.streak_started: float | None = None  # when rows in transition were first seen
        self._delay: float | None = None
        self._timer: Timer | None = None

    @property
    def policy(self) -> LiveRefresh:
        return self.table.host.live_refresh

    def now(self) -> float:
        return self.policy.clock()

    @property
    def delay(self) -> float:
        return self.policy.interval if self._delay is None else self._delay

    # -- what the table tells it --------------------------------------------------------------

    def start_ticking(self) -> None:
        """Keep "updated Ns ago" current (only when the policy is on: tests see fixed text)."""
        if self.policy.enabled:
            self.table.set_interval(AGE_TICK, self._age_tick, name="paiws-age")

    def _age_tick(self) -> None:
        if self.table.updated_at is not None and self.table.is_current:
            self.table.refresh_status()

    def reset(self) -> None:
        """Another region: forget everything."""
        self.cancel()
        self.paused = False
        self.failed = None
        self.streak_started = None
        self._delay = None

    def cancel(self) -> None:
        """A reload started: a refresh in flight answers an older question now."""
        self.gen += 1
        self.in_flight = False
        self._stop_timer()

    def resume(self) -> None:
        """`r`: watch again from the start (after a pause, a failure or a long back-off)."""
        self.paused = False
        self.failed = None
        self.streak_started = None
        self._delay = None

    def rows_changed(self) -> None:
        """Other rows may be on screen now (loaded, filtered, sorted): look soon."""
        if self.policy.enabled and not self.paused and self._timer is None and not self.in_flight:
            self._arm(self.delay)

    # -- the watch ----------------------------------------------------------------------------

    def _arm(self, delay: float) -> None:
        self._stop_timer()
        self._timer = self.table.set_timer(delay, self._tick, name="paiws-live-refresh")

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def transitional_on_screen(self) -> tuple[str, ...]:
        grid = self.table.grid
        return tuple(row.workspace_id for row in grid.visible_rows() if row.status in TRANSITIONAL)

    def _tick(self) -> None:
        self._timer = None
        policy = self.policy
        table = self.table
        if not policy.enabled or self.paused or self.in_flight:
            return
        if not (table.is_current and table.quiet):
            self._arm(policy.interval)  # look again later
            return
        ids = self.transitional_on_screen()
        if not ids:
            # Nothing in transition on screen: no request; look again at the first pace.
            self.streak_started = None
            self._delay = None
            self._arm(policy.interval)
            return
        now = self.now()
        if self.streak_started is None:
            self.streak_started = now
        elif now - self.streak_started >= policy.pause_after:
            self.paused = True
            table.refresh_status()
            return
        self.in_flight = True
        table.run_worker(
            lambda: self._fetch(self.gen, table.chosen_region, ids),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="live-refresh",
        )

    def _fetch(self, gen: int, region: str, ids: tuple[str, ...]) -> None:
        """In a thread worker: one lookup per chunk, one after the other."""
        worker = get_current_worker()
        found: list[WorkspaceRow] = []
        missing: list[str] = []
        try:
            for chunk in chunks(ids, validation.BATCH_IDS_MAX):
                if worker.is_cancelled or gen != self.gen:
                    return
                result = self.table.service.lookup(region, chunk)
                found.extend(result.found)
                missing.extend(result.missing)
        except Exception as error:  # a failed refresh leaves the rows, marked stale
            self.table.post_message(RefreshFailed(gen, ids, error))
            return
        result = LookupResult(requested=ids, found=tuple(found), missing=tuple(missing))
        self.table.post_message(RowsRefreshed(gen, result))

    def answered(self, message: RowsRefreshed) -> None:
        if message.gen != self.gen:
            return
        self.in_flight = False
        self.failed = None
        self.table.rows_refreshed(message.result.found, message.result.missing)
        self._back_off()

    def failed_with(self, message: RefreshFailed) -> None:
        if message.gen != self.gen:
            return
        self.in_flight = False
        self.failed = explain(message.error).title
        self.table.rows_went_stale(message.ids)
        self._back_off()

    def _back_off(self) -> None:
        policy = self.policy
        self._delay = min(self.delay * policy.backoff, policy.max_interval)
        self._arm(self._delay)

    # -- what the status line says ------------------------------------------------------------

    def status_text(self) -> Text:
        text = Text()
        table = self.table
        if self.failed is not None:
            text.append(
                f"· refresh failed ({self.failed}): rows marked ~ may be stale, r refreshes ",
                style="bold yellow",
            )
        elif self.paused:
            text.append("· auto refresh paused — r to refresh ", style="yellow")
        if table.updated_at is not None:
            text.append(f"· updated {age_text(self.now() - table.updated_at)} ago ")
        return text
