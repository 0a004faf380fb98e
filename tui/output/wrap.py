"""Wrapping by terminal cells: Chinese takes two cells a character and needs no spaces to
break, so ``textwrap`` (which counts characters and breaks at spaces) overruns the terminal."""

from __future__ import annotations

import re
import unicodedata

# A run of non-wide text with its trailing spaces, or one wide character with any closing
# punctuation that must not start a line (、，。）：；！？」).
_TOKEN = re.compile(r"[\u2e80-\uffef][、，。）：；！？」』】]*|[^\s\u2e80-\uffef]+\s*|\s+")


def cell_width(text: str) -> int:
    """Terminal cells of ``text``: East Asian wide and full-width characters take two. The
    standard library's table, so ``--help`` needs no Rich."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` (whitespace collapsed) as lines of at most ``width`` cells; a single token
    longer than the width gets a line of its own rather than being cut."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(" ".join(text.split())):
        if line and cell_width((line + token).rstrip()) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines
