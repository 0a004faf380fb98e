"""Printers for `paiws create`: the parameters to confirm, progress and the outcome."""

from __future__ import annotations

from typing import TextIO

from paiws.core import present
from paiws.core.masking import NOT_AVAILABLE
from paiws.core.views import CreateOutcome, CreateProgress, CreateRequest
from paiws.output.render import APP, clean, print_fields, write_json


def print_create_summary(region: str, request: CreateRequest, stream: TextIO) -> None:
    """R4: every parameter, as it will be sent, before the user confirms."""
    from paiws.core.regions import region_name

    name = region_name(region)
    stream.write("About to create this workspace:\n")
    display = request.display_name or f"{request.name} (defaults to the name)"
    group = request.resource_group_id or "the account's default resource group"
    print_fields(
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
