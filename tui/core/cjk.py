"""Where Chinese text may break a line: between any two Chinese characters, except that a
closing mark (，。）…) stays with the character before it and an opening one (（《“…) with the
character after it. One home for the TUI (Rich's word splitter) and the CLI (``--help``)."""

from __future__ import annotations

import unicodedata

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

# One unbreakable piece: a Chinese character, or a run of other non-blank characters, with
# the marks that must stay with it. A regular-expression source; callers compile it when
# they first need it (the character ranges take milliseconds to compile).
WORD = rf"[{OPENING}]*(?:[{CJK}]|[^\s{CJK}]+)[{CLOSING}]*"


def cell_width(text: str) -> int:
    """Terminal cells of ``text``: East Asian wide and full-width characters take two (the
    standard library's table, so the CLI's ``--help`` needs no Rich)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
