"""Wrapping by terminal cells for the CLI: Chinese takes two cells a character and needs no
spaces to break, so ``textwrap`` (which counts characters and breaks at spaces) overruns the
terminal. Where a line may break is ``paiws.core.cjk``'s rule, as in the TUI."""

from __future__ import annotations

import functools
import re

from paiws.core.cjk import WORD, cell_width


@functools.cache
def _pieces() -> re.Pattern[str]:
    return re.compile(rf"{WORD}\s*|\s+")


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` (whitespace collapsed) as lines of at most ``width`` cells; a single piece
    longer than the width gets a line of its own rather than being cut."""
    lines: list[str] = []
    line = ""
    for piece in _pieces().findall(" ".join(text.split())):
        if line and cell_width((line + piece).rstrip()) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


__all__ = ["cell_width", "wrap_cells"]
