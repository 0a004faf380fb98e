"""The render engine of the `paiws` subcommands: tables, JSON, CSV and field lists.

Values come from masked view models; they are cleaned once more here anyway (`clean`), because a
printer is the last point before the terminal and must not trust that every caller got it
right. Rich renders `Text` cells only, so API strings are never parsed as markup; Rich is
imported lazily, only for a table on a terminal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from paiws.core.masking import NOT_AVAILABLE, strip_terminal_controls

if TYPE_CHECKING:
    from rich.console import Console

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
        return "yes" if value else "no"
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


def console_for(stream: TextIO) -> Console:
    """A Rich console for a terminal only: pipes and files get `_plain_table`, never colour
    (not even with FORCE_COLOR set)."""
    from rich.console import Console

    return Console(file=stream, force_terminal=True, highlight=False, markup=False, emoji=False)


def print_table(
    stream: TextIO,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    styles: Mapping[str, Mapping[str, str]] | None = None,
    droppable: Sequence[str] = (),
) -> None:
    """A table of API text printed literally. On a terminal: a Rich table of `Text` cells
    (never parsed as markup), status coloured; when the terminal is too narrow for every
    column, the columns in `droppable` go first (in that order) instead of folding every cell,
    and a note says what was hidden. In a pipe or file: the same layout drawn by `_plain_table`
    (no colour, nothing dropped or cut), because Rich needs ~50 s for 10,000 rows."""
    from rich.cells import cell_len

    data = [[clean(value) for value in row] for row in rows]
    widths = [max([cell_len(c), *(cell_len(r[i]) for r in data)]) for i, c in enumerate(columns)]
    console = console_for(stream) if is_tty(stream) else None
    shown = list(range(len(columns)))
    hidden: list[str] = []
    for name in droppable:
        if console is None or sum(widths[i] + 3 for i in shown) <= console.width:
            break
        if name in columns:
            shown.remove(columns.index(name))
            hidden.append(name)
    if console is None or len(data) > _RICH_ROW_LIMIT:
        plain_table(
            stream,
            [columns[i] for i in shown],
            [[r[i] for i in shown] for r in data],
            [widths[i] for i in shown],
        )
    else:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False)
        for i in shown:
            table.add_column(columns[i], overflow="fold")
        for row in data:
            table.add_row(
                *(
                    Text(row[i], style=(styles or {}).get(columns[i], {}).get(row[i], ""))
                    for i in shown
                )
            )
        console.print(table)
    if hidden:
        stream.write(
            f"(Hidden to fit the terminal: {', '.join(hidden)}; --format json shows every field.)\n"
        )


def plain_table(
    stream: TextIO, columns: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]
) -> None:
    """Rich's SIMPLE_HEAD layout (header, rule, rows; three blanks between columns) drawn
    directly, without trailing blanks. Wide (CJK) characters count as two cells, as in Rich."""
    from rich.cells import cell_len

    def line(cells: Sequence[str]) -> str:
        padded = (c + " " * (w - cell_len(c)) for c, w in zip(cells, widths, strict=True))
        return "   ".join(padded).rstrip() + "\n"

    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
    rule = "─" if encoding.startswith("utf") else "-"  # as Rich falls back to ASCII boxes
    stream.write(line(columns))
    stream.write(rule * (sum(widths) + 3 * (len(widths) - 1)) + "\n")
    stream.writelines(line(row) for row in rows)


def print_fields(stream: TextIO, fields: Sequence[tuple[str, object]]) -> None:
    width = max((len(key) for key, _ in fields), default=0) + 1
    for key, value in fields:
        stream.write(f"{key + ':':<{width}} {display(value)}\n")


def csv_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(clean(v) for v in value)
    return "" if value is None else clean(value)
