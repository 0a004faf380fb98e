"""Streamed pages go into a table a step at a time: the first page at once, then at most
``rows_per_step`` rows per frame, so the table repaints and keys are handled while the rest
arrives. Handled as they arrived, pages kept the screen's message queue busy, so it did not
repaint until everything had loaded (first rows and key presses showed late)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from textual.message_pump import MessagePump
from textual.timer import Timer

ROWS_PER_STEP = 200
STEP_PAUSE = 1 / 60


class FeedItem(Protocol):
    gen: int


ItemT = TypeVar("ItemT", bound=FeedItem)


class PageFeed(Generic[ItemT]):
    """Items (pages, the end of the stream, a failure) in arrival order; ``apply`` handles one
    and returns how many rows it added. Items of an older generation are dropped."""

    def __init__(
        self,
        owner: MessagePump,
        apply: Callable[[ItemT], int],
        current_gen: Callable[[], int],
        *,
        rows_per_step: int = ROWS_PER_STEP,
    ) -> None:
        self._owner = owner
        self._apply = apply
        self._current_gen = current_gen
        self._rows_per_step = rows_per_step
        self._backlog: deque[ItemT] = deque()
        self._timer: Timer | None = None

    def push(self, item: ItemT) -> None:
        if item.gen != self._current_gen():
            return
        self._backlog.append(item)
        if self._timer is None:
            self._step()

    def clear(self) -> None:
        self._backlog.clear()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    @property
    def idle(self) -> bool:
        return not self._backlog and self._timer is None

    def _step(self) -> None:
        self._timer = None
        added = 0
        while self._backlog and added < self._rows_per_step:
            item = self._backlog.popleft()
            if item.gen == self._current_gen():
                added += self._apply(item)
        if added or self._backlog:  # a pause after every step, even if nothing waits yet
            self._timer = self._owner.set_timer(STEP_PAUSE, self._step)
