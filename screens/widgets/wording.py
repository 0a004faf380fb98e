"""Putting translated sentences together on screen.

- :func:`headed`: a sentence that starts with a styled head — "**Could not load the
  workspaces:** Permission denied". The head is the template's words before one ``{field}``
  (a translation may put other words first; the style follows whatever comes before the
  field). The field's value keeps its own style (a :class:`~rich.text.Text`) or is plain.
- :func:`joined`: sentences one after another — a blank between them in English, none after a
  Chinese full stop (the catalogue says how).

Values are appended as text, never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text

from paiws.core.api import _


def headed(
    template: str,
    field: str,
    value: str | Text,
    *,
    style: str,
    rest: str = "",
    lead: str = "",
    **values: str,
) -> Text:
    """``template`` (already translated) with the words before ``{field}`` in ``style``
    (after ``lead``, e.g. a line break, in the same style), ``value`` in place of the field,
    the words after it in ``rest``, and its other ``{name}`` fields filled from ``values``."""
    head, _marker, tail = template.partition("{" + field + "}")
    text = Text()
    text.append(lead + head.format(**values), style=style)
    if isinstance(value, Text):
        text.append_text(value)
    else:
        text.append(value)
    text.append(tail.format(**values), style=rest)
    return text


def joined(first: str, *more: str) -> str:
    """Translated sentences in a row, separated as the interface language separates them."""
    text = first
    for sentence in more:
        # i18n: two sentences in a row (Chinese puts no blank after its full stop)
        text = _("{sentence} {next}").format(sentence=text, next=sentence)
    return text


__all__ = ["headed", "joined"]
