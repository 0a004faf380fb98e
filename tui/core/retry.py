"""Retries for idempotent reads only (R11).

The SDK's own retry is switched off (it would also retry writes). Here a GET is retried on
throttling, 5xx and network failures with capped exponential backoff and *full* jitter
(``sleep = uniform(0, min(cap, base * 2**attempt))``), which spreads many clients apart after a
shared outage. Throttling uses a longer base: the server asked us to slow down. POST, PUT and
DELETE are never retried: CreateWorkspace has no client token, so a blind retry could create a
second workspace (R4); the service re-checks instead.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from paiws.core.errors import NetworkError, PaiwsError, ServerError, Throttled

T = TypeVar("T")
IDEMPOTENT_METHODS = frozenset({"GET"})


def is_retryable(error: PaiwsError) -> bool:
    """Transient failures: throttling, 5xx, connection problems and timeouts."""
    return isinstance(error, Throttled | ServerError | NetworkError)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3  # total tries, including the first
    base: float = 0.5
    cap: float = 8.0
    throttle_base: float = 2.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    jitter: Callable[[], float] = field(default=random.random, compare=False)

    def delay(self, retry: int, error: PaiwsError) -> float:
        """Seconds to wait before retry number ``retry`` (0-based)."""
        base = self.throttle_base if isinstance(error, Throttled) else self.base
        ceiling: float = min(self.cap, base * (2**retry))
        return float(self.jitter()) * ceiling

    def call(self, method: str, operation: Callable[[], T]) -> T:
        """Run ``operation``; retry only an idempotent ``method`` after a transient error."""
        retries = self.attempts - 1 if method.upper() in IDEMPOTENT_METHODS else 0
        for retry in range(retries + 1):
            try:
                return operation()
            except PaiwsError as error:
                if retry >= retries or not is_retryable(error):
                    raise
                self.sleep(self.delay(retry, error))
        raise AssertionError("unreachable")  # the loop always returns or raises


NO_RETRY = RetryPolicy(attempts=1)
FAST_RETRY = RetryPolicy(base=0.01, cap=0.05, throttle_base=0.02)  # emulator / demo / tests
