"""A translated sentence whose parts carry their own style.

A translation may put the parts of a sentence in another order (Chinese often does), so a
screen cannot glue styled pieces around fixed English words. It translates the whole sentence
with ``{name}`` fields and lets :func:`sentence` fill them in, each value keeping its style.
Values are appended as text, never parsed as markup.
"""

from __future__ import annotations

import re

from rich.text import Text

_FIELD = re.compile(r"\{([a-z_]+)\}")


def sentence(template: str, *, style: str = "", **values: str | Text) -> Text:
    """``template`` (already translated) with its ``{name}`` fields filled in from ``values``;
    a :class:`~rich.text.Text` value keeps its spans, a string is plain."""
    text = Text(style=style)
    end = 0
    for field in _FIELD.finditer(template):
        text.append(template[end : field.start()])
        value = values[field.group(1)]
        if isinstance(value, Text):
            text.append_text(value)
        else:
            text.append(value)
        end = field.end()
    text.append(template[end:])
    return text
