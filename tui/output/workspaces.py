"""Printers for `paiws list`, `get` and `update`: masked workspace records as a table, JSON,
CSV or a field list (keys exactly as SPEC §4)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from paiws.core import present
from paiws.core.i18n import _, ngettext, sentences
from paiws.core.views import WorkspaceDetail, WorkspacePage, WorkspaceRow
from paiws.output.render import clean, csv_value, print_fields, print_table, write_json


def print_rows(
    rows: Sequence[WorkspaceRow],
    total: int,
    fmt: str,
    stream: TextIO,
    *,
    region: str,
    page: WorkspacePage | None = None,
    missing: Sequence[str] | None = None,
    err: TextIO | None = None,
    truncated: bool = False,
    wide: bool = False,
) -> None:
    """`list` output. `missing` is given only for --ids (R5: reported as "does not exist");
    ``truncated``: `--all` stopped at the page cap before the server's ``total``."""
    records = [present.workspace_record(row) for row in rows]
    unreadable = sum(1 for row in rows if row.unreadable)
    if unreadable and err is not None:
        err.write(f"paiws: {present.unreadable_note(unreadable)}\n")
    if fmt == "json":
        data: dict[str, object] = {"Total": total, "Workspaces": records}
        if truncated:
            data["Truncated"] = True
        if missing is not None:
            data["Missing"] = list(missing)
        write_json(data, stream)
        return
    not_found = [_("Workspace {id} does not exist").format(id=clean(m)) for m in missing or ()]
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(_record_keys())
        keys = _record_keys()
        for record in records:
            writer.writerow([csv_value(record.get(key, "")) for key in keys])
        # CSV on stdout stays parseable: the not-found lines go to stderr.
        for line in not_found:
            (err or stream).write(line + "\n")
        return
    if rows:
        print_table(
            stream,
            present.TABLE_COLUMNS,
            (present.row_cells(r) for r in rows),
            styles={"Status": present.STATUS_STYLES},
            whole=("Name", "Status"),
            droppable=_DROP_FIRST,
            wide=wide,
        )
    elif page is not None and page.total:
        pages = _pages(page)
        stream.write(
            ngettext(
                "No workspaces on page {page}: {region} has {total} ({pages} page of {size}).",
                "No workspaces on page {page}: {region} has {total} ({pages} pages of {size}).",
                pages,
            ).format(
                page=page.page,
                region=clean(region),
                total=page.total,
                pages=pages,
                size=page.page_size,
            )
            + "\n"
        )
    elif not missing:
        stream.write(_("No workspaces found in {region}.").format(region=clean(region)) + "\n")
    for line in not_found:
        stream.write(line + "\n")
    if rows and page is not None:
        stream.write(_page_footer(page, region) + "\n")


# Least useful first when the width is too small; Name, ID and Status always stay (R16's mark
# sits after the name).
_DROP_FIRST = (
    "Modified",
    "Resource Group",
    "Default",
    "Administrators",
    "Creator ID",
    "Environments",
    "Created",
    "Display Name",
)


def _record_keys() -> list[str]:
    # The keys of a list record, then the R16 marker column; from present, so CSV and JSON agree.
    return [*present.WORKSPACE_KEYS, present.UNREADABLE_KEY]


def _pages(page: WorkspacePage) -> int:
    return max(1, -(-page.total // page.page_size)) if page.page_size else 1


def _page_footer(page: WorkspacePage, region: str) -> str:
    pages = _pages(page)
    first = (page.page - 1) * page.page_size + 1
    last = first + len(page.rows) - 1
    text = _("Workspaces {first}-{last} of {total} in {region} (page {page} of {pages}).").format(
        first=first, last=last, total=page.total, region=clean(region), page=page.page, pages=pages
    )
    if page.page < pages:
        text = sentences(text, _("Next: --page {page}").format(page=page.page + 1))
    return text


def print_detail(
    detail: WorkspaceDetail, fmt: str, stream: TextIO, *, owner: bool, err: TextIO | None = None
) -> None:
    """`get`: administrators, like the owner, only with --owner (R6, SPEC §4)."""
    row = detail.workspace
    if row.unreadable and err is not None:
        err.write(f"paiws: {present.unreadable_note(1)}\n")
    if fmt == "json":
        record = present.workspace_record(
            row, detail.owner, include_owner=owner, include_admins=owner
        )
        write_json(record, stream)
        return
    fields = present.workspace_fields(row, detail.owner, include_owner=owner, include_admins=owner)
    print_fields(stream, fields)


def print_updated(detail: WorkspaceDetail, fmt: str, stream: TextIO) -> None:
    record = present.workspace_record(detail.workspace)
    if fmt == "json":
        write_json(record, stream)
        return
    stream.write(
        _("Updated workspace {id}.").format(id=clean(detail.workspace.workspace_id)) + "\n"
    )
    print_fields(stream, [(_(k), record[k]) for k in ("Name", "Display Name", "Description")])
