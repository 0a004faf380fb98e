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

_RICH_PATTERN = r"\s*\S+\s*"  # what rich._wrap.re_word is, as shipped

# Ideographs, kana, CJK punctuation and full-width forms.
CJK = (
    "\u2e80-\u2fdf"  # radicals
    "\u3000-\u303f"  # CJK symbols and punctuation
    "\u3040-\u30ff"  # kana
    "\u3100-\u312f\u3200-\u32ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # ideographs
    "\ufe30-\ufe4f\uff00-\uffef"  # vertical and full-width forms
)
# Never at the start of a line: kept with the character before (full stops, commas, closing
# brackets and quotes, ellipsis, dash, middle dot; escaped where they look like ASCII).
CLOSING = (
    "，。、；：？！）》」』】〉"
    "\u3015\u3017\u3019\u301b\uff05\u201d\u2019\u2026\u2014\uff5e\u00b7\uff3d\uff5d"
)
# Never at the end of a line: kept with the character after (opening brackets and quotes).
OPENING = "（《「『【〈\u3014\u3016\u3018\u301a\u201c\u2018\uff3b\uff5b"

WORD = rf"[{OPENING}]*(?:[{CJK}]|[^\s{CJK}]+)[{CLOSING}]*"
PATTERN = re.compile(rf"\s*{WORD}\s*")


def install() -> None:
    """Use :data:`PATTERN` for Rich's word splitting (once; a Rich whose splitter is not the
    one this was written for is left alone)."""
    current = getattr(rich._wrap, "re_word", None)
    if isinstance(current, re.Pattern) and current.pattern == _RICH_PATTERN:
        rich._wrap.re_word = PATTERN


__all__ = ["PATTERN", "install"]
