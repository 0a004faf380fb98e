"""Printers for `paiws create`: the parameters to confirm, progress and the outcome."""

from __future__ import annotations

from typing import TextIO

from paiws.core import present
from paiws.core.i18n import _, listing
from paiws.core.masking import NOT_AVAILABLE
from paiws.core.views import CreateOutcome, CreateProgress, CreateRequest
from paiws.output.render import APP, clean, print_fields, write_json


def print_create_summary(region: str, request: CreateRequest, stream: TextIO) -> None:
    """R4: every parameter, as it will be sent, before the user confirms."""
    from paiws.core.regions import region_title

    stream.write(_("About to create this workspace:") + "\n")
    display = request.display_name or _("{name} (defaults to the name)").format(name=request.name)
    group = request.resource_group_id or _("the account's default resource group")
    environments = f"{', '.join(request.environments)} - {present.mode_label(request.environments)}"
    print_fields(
        stream,
        [
            ("  " + _("Region"), region_title(region)),
            ("  " + _("Name"), request.name),
            ("  " + _("Display Name"), display),
            ("  " + _("Description"), request.description),
            ("  " + _("Environments"), environments),
            (
                "  " + _("Resource Group"),
                _("{group} (cannot be changed later)").format(group=group),
            ),
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
        err.write(_("Note: {note}").format(note=clean(note)) + "\n")
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
        fields = listing(_(clean(d)) for d in outcome.differences) or _("configuration")
        err.write(
            f"{APP}: "
            + _(
                "the name {name} is already taken by workspace {id}, whose configuration differs "
                "({fields})."
            ).format(name=name, id=wid, fields=fields)
            + "\n"
            + _("Choose another name and run create again.")
            + "\n"
        )
        return
    if outcome.kind == "exists_same":
        if fmt != "json":
            out.write(
                _(
                    "Workspace {name} already exists, same configuration: {id}. Nothing was "
                    "created."
                ).format(name=name, id=wid)
                + "\n"
            )
        return
    if fmt != "json":
        out.write(
            _("Created workspace {name} ({id}), status {status}.").format(
                name=name, id=wid, status=clean(status or "unknown")
            )
            + "\n"
        )
    check = f"paiws get {wid} --region {clean(region)}"
    if status == "FAILURE":
        err.write(
            f"{APP}: "
            + _(
                "workspace {id} was created but failed to initialise (status FAILURE). Inspect it "
                "with `{check}` or in the PAI console."
            ).format(id=wid, check=check)
            + "\n"
        )
    elif wait and status != "ENABLED":
        err.write(
            f"{APP}: "
            + _(
                "workspace {id} is still {status}; gave up waiting. Check later with `{check}`."
            ).format(id=wid, status=clean(status or _("initialising")), check=check)
            + "\n"
        )
    elif not wait and status != "ENABLED" and fmt != "json":
        out.write(
            _("It is being initialised; follow it with `{check}` (or pass --wait).").format(
                check=check
            )
            + "\n"
        )
