"""Run something once input has been quiet for a moment: typing or repeated keys send one request.

One home for debouncing (the table's filter and keys, the wizard's name check, member search).
Every debouncer knows whether it is waiting, so tests wait for that instead of sleeping.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import ClassVar

from textual.message_pump import MessagePump
from textual.timer import Timer


class Debouncer:
    _live: ClassVar[weakref.WeakSet[Debouncer]] = weakref.WeakSet()

    def __init__(self, owner: MessagePump, callback: Callable[[], object]) -> None:
        self._owner = owner
        self._callback = callback
        self._timer: Timer | None = None
        Debouncer._live.add(self)

    def call_later(self, delay: float) -> None:
        """(Re)start the wait; ``delay`` 0 runs at once (Textual timers cannot be 0 s long)."""
        self.cancel()
        if delay <= 0:
            self._callback()
        else:
            self._timer = self._owner.set_timer(delay, self._fire, name="paiws-debounce")

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _fire(self) -> None:
        self._timer = None
        self._callback()

    @property
    def pending(self) -> bool:
        timer = self._timer
        task = timer._task if timer is not None else None
        return task is not None and not task.done()

    @classmethod
    def any_pending(cls) -> bool:
        """Whether any debouncer of any running app is still waiting (for tests)."""
        return any(debouncer.pending for debouncer in list(cls._live))
