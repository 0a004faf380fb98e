"""The workspace table's query in words and its key-driven changes (pure functions, no
Textual): what the status line says, what the empty state suggests, what o/O/escape do.
Words are in the interface language; a column is named by its header (`columns.heading`)."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text

from paiws.core.api import N_, ListQuery, _
from paiws.screens.widgets.columns import heading
from paiws.screens.widgets.wording import headed, joined

SORT_LABELS = {"GmtCreateTime": N_("created"), "GmtModifiedTime": N_("modified")}
ORDER_LABELS = {"ASC": N_("oldest first"), "DESC": N_("newest first")}
TRANSITIONAL = frozenset({"INITIALIZING", "UPDATING"})  # rows that refresh by themselves


def toggled_sort(query: ListQuery) -> ListQuery:
    other = "GmtModifiedTime" if query.sort_by == "GmtCreateTime" else "GmtCreateTime"
    return replace(query, sort_by=other)


def toggled_order(query: ListQuery) -> ListQuery:
    return replace(query, order="DESC" if query.order == "ASC" else "ASC")


def without_filters(query: ListQuery) -> ListQuery:
    """Escape on the table: name and status go, the sort stays."""
    return replace(query, name=None, status=None)


def _label(labels: dict[str, str], value: str) -> str:
    word = labels.get(value)
    return _(word) if word else value


def server_sort_text(query: ListQuery) -> str:
    return _("sorted by {field}, {order}").format(
        field=_label(SORT_LABELS, query.sort_by), order=_label(ORDER_LABELS, query.order)
    )


def local_sort_text(title: str, descending: bool, loaded: int, total: int | None) -> str:
    """A sort of the loaded rows says so: it is not the server's order of every workspace.
    ``title`` is the column's key (English); the sentence names its header."""
    arrow = "▼" if descending else "▲"
    column = heading(title)
    if total is not None and loaded < total:
        return _("sorted by {column} {arrow} on the {loaded} loaded of {total}").format(
            column=column, arrow=arrow, loaded=f"{loaded:,}", total=f"{total:,}"
        )
    return _("sorted by {column} {arrow} (loaded rows)").format(column=column, arrow=arrow)


def summary(query: ListQuery, sort: str | None = None) -> str:
    parts = []
    if query.name:
        parts.append(_("name contains {words}").format(words=repr(query.name)))
    parts.append(_("status {status}").format(status=query.status or _("all")))
    parts.append(sort or server_sort_text(query))
    return " · ".join(parts)


def age_text(seconds: float) -> str:
    """How long ago the rows were fetched: 0s … 59s, 1m … 59m, then hours."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return _("{n}s").format(n=seconds)
    if seconds < 3600:
        return _("{n}m").format(n=seconds // 60)
    return _("{n}h").format(n=seconds // 3600)


def empty_text(query: ListQuery, region: str, *, can_create: bool) -> Text:
    """An empty table says why and what to do next."""
    if query.name or query.status:
        return Text(
            _("No workspaces match these filters.")
            + "\n\n"
            + _(
                "Press / to filter by text, s to pick another status, "
                "or escape to clear all filters."
            )
        )
    if can_create:
        start = _("To get started, press n to create one.")
    else:
        start = _("To get started, create one in the PAI console (b) or with `paiws create`.")
    return Text(
        _("No workspaces in {region} yet.").format(region=region)
        + "\n\n"
        + joined(start, _("Press r to refresh, or g to choose another region."))
    )


def no_match_text(text: str, *, complete: bool, searched: bool) -> Text:
    """The loaded rows hold nothing that matches the filter text."""
    body = headed(
        _("No loaded workspace matches {words} in any column."),
        "words",
        Text(repr(text), style="bold"),
        style="bold",
    )
    body.append("\n\n")
    if complete:
        why = _("Every workspace of this list is loaded, so there is none.")
    elif searched:
        why = _("The server found no name containing it either.")
    else:
        why = _("Press / and Enter to ask the server for names containing it.")
    body.append(joined(why, _("Press escape to clear the filters.")))
    return body
