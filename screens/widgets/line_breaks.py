"""Line breaks in Chinese text: a break may fall between any two Chinese characters.

Rich (and Textual, which wraps through Rich's ``divide_line``) breaks lines only at blanks, so
a run of Chinese text longer than the room left on a line starts a new line and leaves a gap
("3 到 23" / "个字符：以字母开头…"). :func:`install` teaches Rich's word splitter that each
Chinese (CJK) character is a word of its own, keeping a closing mark (，。）…) with the
character before it and an opening one (（《“…) with the character after it, so no line starts
with a comma or ends with an opening bracket.

Text without CJK characters is split exactly as before (the pattern reduces to Rich's own),
so English output does not change.
"""

from __future__ import annotations

import re

import rich._wrap

from paiws.core.api import WORD

_RICH_PATTERN = r"\s*\S+\s*"  # what rich._wrap.re_word is, as shipped

PATTERN = re.compile(rf"\s*{WORD}\s*")


def install() -> None:
    """Use :data:`PATTERN` for Rich's word splitting (once; a Rich whose splitter is not the
    one this was written for is left alone)."""
    current = getattr(rich._wrap, "re_word", None)
    if isinstance(current, re.Pattern) and current.pattern == _RICH_PATTERN:
        rich._wrap.re_word = PATTERN


__all__ = ["PATTERN", "install"]
