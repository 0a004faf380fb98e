"""Many regions at once (R15): one task per region, every API call through one gate.

Each region's calls run in order on a thread of their own (the activation check first, R3),
so one slow or failing region holds up nobody else; the gate lets at most ``MAX_IN_FLIGHT``
calls of the whole scan be in flight at a time, whichever regions they belong to. What the
tasks report is handed to the consumer as it arrives.

A call waits for the gate *before* it is sent and keeps its slot through the client's retries
(R11): a retried read is still the same call, so a throttled region slows the scan down rather
than adding requests.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Generic, TypeVar

MAX_IN_FLIGHT = 4  # SPEC R15
MAX_TASKS = 16  # threads per scan; the gate, not this, bounds the requests

T = TypeVar("T")
R = TypeVar("R")


class ScanStopped(Exception):
    """The scan was cancelled while a call waited for the gate: the call was not sent."""


class Gate:
    """At most ``limit`` calls at a time, across every task of one scan. A call that got its
    turn after the scan was stopped is not sent (:class:`ScanStopped`)."""

    def __init__(self, limit: int = MAX_IN_FLIGHT, stopped: Callable[[], bool] | None = None):
        self.limit = limit
        self._slots = threading.BoundedSemaphore(limit)
        self._stopped = stopped or (lambda: False)

    def call(self, function: Callable[[], T]) -> T:
        with self._slots:
            if self._stopped():
                raise ScanStopped
            return function()


class Counter:
    """A thread-safe count of calls (pages of one region may be fetched on several threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def add(self, amount: int = 1) -> None:
        with self._lock:
            self.value += amount


class _Finished:
    """Put on the queue when a task returns."""


_FINISHED = _Finished()


class Scan(Generic[R, T]):
    """Runs ``work(region, emit, stopped)`` for every region on threads and yields every value
    the tasks ``emit``, in the order they arrive. ``stopped()`` turns true once the consumer
    cancelled (``cancelled()``) or stopped reading; tasks check it before each call."""

    def __init__(
        self,
        work: Callable[[R, Callable[[T], None], Callable[[], bool]], None],
        *,
        cancelled: Callable[[], bool] | None = None,
        tasks: int = MAX_TASKS,
    ) -> None:
        self._work = work
        self._cancelled = cancelled or (lambda: False)
        self._tasks = tasks
        self._stop = threading.Event()

    def stopped(self) -> bool:
        return self._stop.is_set() or self._cancelled()

    def run(self, regions: Sequence[R]) -> Iterator[T]:
        if not regions or self.stopped():
            return
        answers: queue.SimpleQueue[T | _Finished] = queue.SimpleQueue()

        def task(region: R) -> None:
            try:
                self._work(region, answers.put, self.stopped)
            finally:
                answers.put(_FINISHED)

        pool = ThreadPoolExecutor(
            max_workers=max(1, min(len(regions), self._tasks)), thread_name_prefix="paiws-scan"
        )
        try:
            for region in regions:
                pool.submit(task, region)
            remaining = len(regions)
            while remaining:
                answer = answers.get()
                if isinstance(answer, _Finished):
                    remaining -= 1
                    continue
                yield answer
        finally:
            self._stop.set()  # a consumer that stops reading stops the calls not yet sent
            pool.shutdown(wait=False, cancel_futures=True)
