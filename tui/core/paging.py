"""Every page of a listing, in order, fetched a few at a time ahead of the consumer.

Page 1 comes first and gives TotalCount; the rest are fetched ``concurrency`` at a time, at most
that many ahead of whoever consumes them. A short page is the end whatever TotalCount claims,
and no listing goes past ``MAX_PAGES`` (SPEC §4): a lying or huge total must not make us fetch
pages without end.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol, TypeVar

from paiws.core import i18n

STREAM_PAGE_SIZE = 100  # the API's largest page: fewest calls
MAX_PAGES = 1000


class Page(Protocol):
    @property
    def total(self) -> int: ...
    @property
    def count(self) -> int: ...


PageT = TypeVar("PageT", bound=Page)


def stream_pages(
    fetch: Callable[[int], PageT],
    *,
    page_size: int = STREAM_PAGE_SIZE,
    concurrency: int = 4,
    cancelled: Callable[[], bool] | None = None,
    max_pages: int = MAX_PAGES,
) -> Iterator[PageT]:
    """``fetch(number)`` for pages 1, 2, …: yields them in order."""
    stop = cancelled or (lambda: False)
    if stop():
        return
    first = fetch(1)
    yield first
    pages = min(math.ceil(first.total / page_size), max_pages)
    if pages <= 1 or first.count < page_size or stop():
        return
    width = max(1, concurrency)
    fetch = i18n.carried(fetch)  # the pool's threads speak the consumer's language
    pool = ThreadPoolExecutor(max_workers=width, thread_name_prefix="paiws-pages")
    pending: deque[Future[PageT]] = deque()
    upcoming = iter(range(2, pages + 1))
    try:
        for number in upcoming:
            pending.append(pool.submit(fetch, number))
            if len(pending) >= width:
                break
        while pending:
            page = pending.popleft().result()
            if stop():
                return
            yield page
            if page.count < page_size:
                return
            number = next(upcoming, 0)
            if number:
                pending.append(pool.submit(fetch, number))
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
