"""The workspace table's query in words and its key-driven changes (pure functions, no
Textual): what the status line says, what the empty state suggests, what o/O/escape do."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text

from paiws.core.api import ListQuery

SORT_LABELS = {"GmtCreateTime": "created", "GmtModifiedTime": "modified"}
ORDER_LABELS = {"ASC": "oldest first", "DESC": "newest first"}
TRANSITIONAL = frozenset({"INITIALIZING", "UPDATING"})  # rows that refresh by themselves


def toggled_sort(query: ListQuery) -> ListQuery:
    other = "GmtModifiedTime" if query.sort_by == "GmtCreateTime" else "GmtCreateTime"
    return replace(query, sort_by=other)


def toggled_order(query: ListQuery) -> ListQuery:
    return replace(query, order="DESC" if query.order == "ASC" else "ASC")


def without_filters(query: ListQuery) -> ListQuery:
    """Escape on the table: name and status go, the sort stays."""
    return replace(query, name=None, status=None)


def server_sort_text(query: ListQuery) -> str:
    return (
        f"sorted by {SORT_LABELS.get(query.sort_by, query.sort_by)}, "
        f"{ORDER_LABELS.get(query.order, query.order)}"
    )


def local_sort_text(title: str, descending: bool, loaded: int, total: int | None) -> str:
    """A sort of the loaded rows says so: it is not the server's order of every workspace."""
    arrow = "▼" if descending else "▲"
    if total is not None and loaded < total:
        return f"sorted by {title} {arrow} on the {loaded:,} loaded of {total:,}"
    return f"sorted by {title} {arrow} (loaded rows)"


def summary(query: ListQuery, sort: str | None = None) -> str:
    parts = []
    if query.name:
        parts.append(f"name contains {query.name!r}")
    parts.append(f"status {query.status or 'all'}")
    parts.append(sort or server_sort_text(query))
    return " · ".join(parts)


def age_text(seconds: float) -> str:
    """How long ago the rows were fetched: 0s … 59s, 1m … 59m, then hours."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m"
    return f"{seconds // 3600}h"


def empty_text(query: ListQuery, region: str, *, can_create: bool) -> Text:
    """An empty table says why and what to do next."""
    if query.name or query.status:
        return Text(
            "No workspaces match these filters.\n\n"
            "Press / to filter by text, s to pick another status, "
            "or escape to clear all filters."
        )
    create = (
        "press n to create one"
        if can_create
        else "create one in the PAI console (b) or with `paiws create`"
    )
    return Text(
        f"No workspaces in {region} yet.\n\n"
        f"To get started, {create}. Press r to refresh, or g to choose another region."
    )


def no_match_text(text: str, *, complete: bool, searched: bool) -> Text:
    """The loaded rows hold nothing that matches the filter text."""
    body = Text()
    body.append("No loaded workspace matches ", style="bold")
    body.append(repr(text), style="bold")
    body.append(" in any column.\n\n")
    if complete:
        body.append("Every workspace of this list is loaded, so there is none. ")
    elif searched:
        body.append("The server found no name containing it either. ")
    else:
        body.append("Press / and Enter to ask the server for names containing it. ")
    body.append("Press escape to clear the filters.")
    return body
