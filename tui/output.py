"""Printers for the `paiws` subcommands: Rich tables, JSON, CSV and plain text.

Everything printed comes from masked view models through `paiws.core.present`. Values are
already terminal-safe when they leave the mapping step; they are cleaned once more here anyway
(`clean`), because a printer is the last point before the terminal and must not trust that
every caller got it right. Rich renders `Text` cells only, so API strings are never parsed as
markup. Rich is imported lazily: only table output needs it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from paiws.core import present
from paiws.core.errors import (
    AuthFailed,
    CredentialsMissing,
    NetworkError,
    NotActivated,
    PaiwsError,
    PermissionDenied,
    RequestTimeout,
    Throttled,
)
from paiws.core.masking import NOT_AVAILABLE, strip_terminal_controls
from paiws.core.views import (
    ActivationState,
    CreateOutcome,
    CreateProgress,
    CreateRequest,
    Region,
    ResourceLimits,
    WorkspaceDetail,
    WorkspacePage,
    WorkspaceRow,
)

if TYPE_CHECKING:
    from rich.console import Console

APP = "paiws"
CREDENTIALS_ADVICE = (
    "Configure credentials outside paiws: run `aliyun configure`, or set "
    "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (plus "
    "ALIBABA_CLOUD_SECURITY_TOKEN for STS). To look around without an account, try `paiws --demo`."
)
ADMIN_ADVICE = (
    "Ask the primary account administrator to activate PAI in this region "
    "(it needs the primary account or the pai:CreateOrder permission)."
)
_RICH_ROW_LIMIT = 1000  # beyond this, even a terminal gets the fast plain table


def clean(text: object) -> str:
    """Text with escape sequences and control characters removed (defence in depth)."""
    return strip_terminal_controls(text if isinstance(text, str) else str(text))


def _cleaned(value: object) -> object:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, Mapping):
        return {clean(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_cleaned(v) for v in value]
    return value


def _display(value: object) -> str:
    """A record value as one line of text (lists joined, booleans as yes/no)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(clean(v) for v in value) if value else NOT_AVAILABLE
    if value is None:
        return NOT_AVAILABLE
    return clean(value)


def write_json(data: object, stream: TextIO) -> None:
    stream.write(json.dumps(_cleaned(data), ensure_ascii=False, indent=2) + "\n")


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _console(stream: TextIO) -> Console:
    """A Rich console for a terminal only: pipes and files get `_plain_table`, never colour
    (not even with FORCE_COLOR set)."""
    from rich.console import Console

    return Console(file=stream, force_terminal=True, highlight=False, markup=False, emoji=False)


def _print_table(
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
    console = _console(stream) if _is_tty(stream) else None
    shown = list(range(len(columns)))
    hidden: list[str] = []
    for name in droppable:
        if console is None or sum(widths[i] + 3 for i in shown) <= console.width:
            break
        if name in columns:
            shown.remove(columns.index(name))
            hidden.append(name)
    if console is None or len(data) > _RICH_ROW_LIMIT:
        _plain_table(
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


def _plain_table(
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


def _print_fields(stream: TextIO, fields: Sequence[tuple[str, object]]) -> None:
    width = max((len(key) for key, _ in fields), default=0) + 1
    for key, value in fields:
        stream.write(f"{key + ':':<{width}} {_display(value)}\n")


# -- regions, activation, limits -----------------------------------------------------------------


def print_regions(regions: Sequence[Region], fmt: str, stream: TextIO) -> None:
    if fmt == "json":
        write_json(
            [{"Region ID": r.id, "Name": r.name, "Common": r.common} for r in regions], stream
        )
        return
    _print_table(
        stream,
        ("Region ID", "Name", "Common"),
        ((r.id, r.name, "yes" if r.common else "") for r in regions),
    )


def print_activation(state: ActivationState, fmt: str, stream: TextIO) -> None:
    from paiws.core.regions import region_name

    name = region_name(state.region)
    if fmt == "json":
        write_json(
            {
                "Region": state.region,
                "Region Name": name,
                "Activated": state.activated,
                "Status": state.status,
                "Purchase URL": state.purchase_url,
            },
            stream,
        )
        return
    where = f"{state.region} ({name})" if name else state.region
    if state.activated:
        stream.write(f"PAI is activated in {clean(where)}.\n")
        return
    stream.write(f"PAI is not activated in {clean(where)}: workspace commands are blocked there.\n")
    if state.status == "purchasable" and state.purchase_url:
        url = clean(state.purchase_url)
        stream.write(f"Activate it here (your account may purchase it): {url}\n")
        stream.write(f"Then check again: paiws activation --region {clean(state.region)}\n")
    else:
        stream.write(ADMIN_ADVICE + "\n")


def print_limits(limits: ResourceLimits, fmt: str, stream: TextIO) -> None:
    if fmt == "json":
        write_json({"Region": limits.region, "Limits": dict(limits.items)}, stream)
        return
    if not limits.items:
        stream.write(f"No resource limits reported for {clean(limits.region)}.\n")
        return
    _print_table(stream, ("Resource Type", "Limit"), ((k, str(v)) for k, v in limits.items))


# -- workspaces ----------------------------------------------------------------------------------


def _csv_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ";".join(clean(v) for v in value)
    return "" if value is None else clean(value)


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
) -> None:
    """`list` output. `missing` is given only for --ids (R5: reported as "does not exist")."""
    records = [present.workspace_record(row) for row in rows]
    if fmt == "json":
        data: dict[str, object] = {"Total": total, "Workspaces": records}
        if missing is not None:
            data["Missing"] = list(missing)
        write_json(data, stream)
        return
    not_found = [f"Workspace {clean(m)} does not exist" for m in missing or ()]
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(_record_keys())
        for record in records:
            writer.writerow([_csv_value(v) for v in record.values()])
        # CSV on stdout stays parseable: the not-found lines go to stderr.
        for line in not_found:
            (err or stream).write(line + "\n")
        return
    if rows:
        _print_table(
            stream,
            present.TABLE_COLUMNS,
            (present.row_cells(r) for r in rows),
            styles={"Status": present.STATUS_STYLES},
            droppable=_DROP_FIRST,
        )
    elif page is not None and page.total:
        pages = _pages(page)
        stream.write(
            f"No workspaces on page {page.page}: {clean(region)} has {page.total} "
            f"({pages} page{'' if pages == 1 else 's'} of {page.page_size}).\n"
        )
    elif not missing:
        stream.write(f"No workspaces found in {clean(region)}.\n")
    for line in not_found:
        stream.write(line + "\n")
    if rows and page is not None:
        stream.write(_page_footer(page, region) + "\n")


# Least useful first when a terminal is too narrow; Name, ID, Status and Creator ID always stay.
_DROP_FIRST = (
    "Modified",
    "Resource Group",
    "Default",
    "Display Name",
    "Administrators",
    "Environments",
    "Created",
)


def _record_keys() -> list[str]:
    # The keys of a record without owner fields; derived from present so CSV and JSON agree.
    sample = WorkspaceRow("", "", "", "", "", (), "", "", "", (), "", False)
    return list(present.workspace_record(sample))


def _pages(page: WorkspacePage) -> int:
    return max(1, -(-page.total // page.page_size)) if page.page_size else 1


def _page_footer(page: WorkspacePage, region: str) -> str:
    pages = _pages(page)
    first = (page.page - 1) * page.page_size + 1
    last = first + len(page.rows) - 1
    text = (
        f"Workspaces {first}-{last} of {page.total} in {clean(region)} "
        f"(page {page.page} of {pages})."
    )
    if page.page < pages:
        text += f" Next: --page {page.page + 1}"
    return text


def print_detail(detail: WorkspaceDetail, fmt: str, stream: TextIO, *, owner: bool) -> None:
    record = present.workspace_record(detail.workspace, detail.owner, include_owner=owner)
    if fmt == "json":
        write_json(record, stream)
        return
    fields = list(record.items())
    fields.insert(6, ("Mode", present.mode_label(detail.workspace.environments)))
    _print_fields(stream, fields)


def print_updated(detail: WorkspaceDetail, fmt: str, stream: TextIO) -> None:
    record = present.workspace_record(detail.workspace)
    if fmt == "json":
        write_json(record, stream)
        return
    stream.write(f"Updated workspace {clean(detail.workspace.workspace_id)}.\n")
    _print_fields(stream, [(k, record[k]) for k in ("Name", "Display Name", "Description")])


# -- create --------------------------------------------------------------------------------------


def print_create_summary(region: str, request: CreateRequest, stream: TextIO) -> None:
    """R4: every parameter, as it will be sent, before the user confirms."""
    from paiws.core.regions import region_name

    name = region_name(region)
    stream.write("About to create this workspace:\n")
    display = request.display_name or f"{request.name} (defaults to the name)"
    group = request.resource_group_id or "the account's default resource group"
    _print_fields(
        stream,
        [
            ("  Region", f"{region} ({name})" if name else region),
            ("  Name", request.name),
            ("  Display Name", display),
            ("  Description", request.description),
            (
                "  Environments",
                f"{', '.join(request.environments)} - {present.mode_label(request.environments)}",
            ),
            ("  Resource Group", f"{group} (cannot be changed later)"),
        ],
    )


class ProgressPrinter:
    """`create --wait` progress on stderr: one line per change (polls that see the same
    status again print nothing)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._last = ""

    def __call__(self, progress: CreateProgress) -> None:
        message = clean(progress.message)
        status = clean(progress.status) if progress.status else ""
        line = f"{message} [{status}]" if status and status not in message else message
        if line == self._last:
            return
        self._last = line
        self.stream.write(f"{progress.elapsed:5.1f}s  {line}\n")
        self.stream.flush()


def _outcome_status(outcome: CreateOutcome) -> str | None:
    if outcome.final_status:
        return outcome.final_status
    return outcome.detail.workspace.status if outcome.detail else None


def print_create_outcome(
    outcome: CreateOutcome,
    request: CreateRequest,
    fmt: str,
    out: TextIO,
    err: TextIO,
    *,
    region: str,
    wait: bool,
) -> None:
    status = _outcome_status(outcome)
    wid = clean(outcome.workspace_id or NOT_AVAILABLE)
    name = clean(request.name)
    for note in outcome.notes:
        err.write(f"Note: {clean(note)}\n")
    if fmt == "json":
        write_json(
            {
                "Outcome": outcome.kind,
                "Workspace ID": outcome.workspace_id,
                "Status": status,
                "Differences": list(outcome.differences),
            },
            out,
        )
    if outcome.kind == "name_taken":
        fields = ", ".join(clean(d) for d in outcome.differences) or "configuration"
        err.write(
            f"{APP}: the name {name} is already taken by workspace {wid}, whose "
            f"configuration differs ({fields}).\nChoose another name and run create again.\n"
        )
        return
    if outcome.kind == "exists_same":
        if fmt != "json":
            out.write(
                f"Workspace {name} already exists, same configuration: {wid}. "
                "Nothing was created.\n"
            )
        return
    if fmt != "json":
        out.write(f"Created workspace {name} ({wid}), status {clean(status or 'unknown')}.\n")
    check = f"paiws get {wid} --region {clean(region)}"
    if status == "FAILURE":
        err.write(
            f"{APP}: workspace {wid} was created but failed to initialise (status "
            f"FAILURE). Inspect it with `{check}` or in the PAI console.\n"
        )
    elif wait and status != "ENABLED":
        err.write(
            f"{APP}: workspace {wid} is still {clean(status or 'initialising')}; "
            f"gave up waiting. Check later with `{check}`.\n"
        )
    elif not wait and status != "ENABLED" and fmt != "json":
        out.write(f"It is being initialised; follow it with `{check}` (or pass --wait).\n")


# -- errors --------------------------------------------------------------------------------------


def report_error(exc: PaiwsError, stream: TextIO) -> None:
    """One clear sentence, then what to do. Never a traceback or a raw response (R9)."""
    lines = [f"{APP}: {clean(exc.message)}"]
    hint = clean(exc.hint) if exc.hint else ""
    if hint:
        lines.append(hint)
    if isinstance(exc, PermissionDenied):
        lines[1:] = [
            f"Failed action: {clean(exc.action)}",
            "Ask your administrator to attach this least-privilege RAM policy to your "
            "RAM user or role, then retry:",
            *(clean(line) for line in exc.policy.splitlines()),
        ]
    elif isinstance(exc, NotActivated):
        if exc.purchase_url and exc.can_purchase:
            # The URL is the next step; it replaces the service's generic "open the page".
            lines[1:] = [
                f"Activate PAI here: {clean(exc.purchase_url)}",
                f"Then check again: paiws activation --region {clean(exc.region)}",
            ]
        elif "administrator" not in hint:
            lines.append(ADMIN_ADVICE)
    elif isinstance(exc, CredentialsMissing | AuthFailed):
        if "ALIBABA_CLOUD_ACCESS_KEY_ID" not in hint:
            lines.append(CREDENTIALS_ADVICE)
    elif isinstance(exc, RequestTimeout):
        # Name the one flag that helps, with a concrete value (the service's hint is generic).
        flag = f"--{exc.which}-timeout"
        lines[1:] = [
            f"The {exc.which} timeout was {exc.seconds:g} s: raise it with {flag} "
            f"SECONDS (e.g. {flag} {max(exc.seconds * 2, 30):g}), or for every "
            f"command with `aliyun configure set {flag} 30`."
        ]
    elif isinstance(exc, NetworkError):
        if not hint:
            lines.append(
                "Check the network and the endpoint (--endpoint or PAIWS_ENDPOINT), then retry."
            )
    elif isinstance(exc, Throttled) and not hint:
        lines.append("The API is throttling requests: wait a moment and retry.")
    if exc.request_id and exc.exit_code in (1, 5):
        lines.append(f"Request ID: {clean(exc.request_id)}")
    stream.write("\n".join(lines) + "\n")
