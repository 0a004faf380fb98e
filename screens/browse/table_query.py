"""The workspace table's query in words and its key-driven changes (pure functions, no
Textual): what the status line says, what the empty state suggests, what s/o/O/escape do."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text

from paiws.core.api import ListQuery, validation

STATUS_CYCLE: tuple[str | None, ...] = (None, *validation.STATUSES)  # `s`: all → each status → all
SORT_LABELS = {"GmtCreateTime": "created", "GmtModifiedTime": "modified"}
ORDER_LABELS = {"ASC": "oldest first", "DESC": "newest first"}


def next_status(query: ListQuery) -> ListQuery:
    index = STATUS_CYCLE.index(query.status) if query.status in STATUS_CYCLE else 0
    return replace(query, status=STATUS_CYCLE[(index + 1) % len(STATUS_CYCLE)])


def toggled_sort(query: ListQuery) -> ListQuery:
    other = "GmtModifiedTime" if query.sort_by == "GmtCreateTime" else "GmtCreateTime"
    return replace(query, sort_by=other)


def toggled_order(query: ListQuery) -> ListQuery:
    return replace(query, order="DESC" if query.order == "ASC" else "ASC")


def without_filters(query: ListQuery) -> ListQuery:
    """Escape on the table: name and status go, the sort stays."""
    return replace(query, name=None, status=None)


def summary(query: ListQuery) -> str:
    parts = []
    if query.name:
        parts.append(f"name contains {query.name!r}")
    parts.append(f"status {query.status or 'all'}")
    parts.append(
        f"sorted by {SORT_LABELS.get(query.sort_by, query.sort_by)}, "
        f"{ORDER_LABELS.get(query.order, query.order)}"
    )
    return " · ".join(parts)


def empty_text(query: ListQuery, region: str, *, can_create: bool) -> Text:
    """An empty table says why and what to do next."""
    if query.name or query.status:
        return Text(
            "No workspaces match these filters.\n\n"
            "Press / to change the name filter, s to change the status filter, "
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
