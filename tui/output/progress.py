"""Progress of long work on stderr (`list --all`, `members list --all`, `overview`, `find`):
"pages 3 of 10", "regions 5 of 16". Only on a terminal: nothing of it reaches a pipe, a file or
JSON output, and the line is erased when the work is done."""

from __future__ import annotations

from typing import TextIO

from paiws.core.i18n import _
from paiws.output.render import clean, is_tty


class Progress:
    def __init__(self, stream: TextIO, what: str) -> None:
        self._stream = stream
        self._what = what
        self._shown = False
        self._on = is_tty(stream)

    def update(self, done: int, total: int | None = None) -> None:
        if not self._on:
            return
        count = (
            _("{done} of {total}").format(done=done, total=total)
            if total is not None
            else str(done)
        )
        self._stream.write(f"\r\x1b[2K{clean(self._what)} {count}…")
        self._stream.flush()
        self._shown = True

    def done(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[2K")
            self._stream.flush()
            self._shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.done()
