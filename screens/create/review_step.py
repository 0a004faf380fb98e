"""Step 5 of the create wizard: every parameter exactly as it will be sent (R4's confirmation).

The parameters keep the API's names (WorkspaceName, EnvTypes…: what is sent, as the API's
documentation names it) and their values as sent; the notes beside them are translated."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from paiws.core.api import N_, CreateRequest, NameCheck, _

MODE_NOTES = {"simple": N_("simple mode"), "standard": N_("standard mode")}


def request_table(
    request: CreateRequest, region_label: str, check: NameCheck | None = None
) -> Table:
    """Every CreateWorkspace parameter exactly as it will be sent, with a note per row. Values
    are whole: long ones wrap (and a word longer than the column folds), never cut."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1, min_width=20, overflow="fold")
    table.add_column(style="dim", overflow="fold", max_width=32)
    envs = "[" + ", ".join(f'"{env}"' for env in request.environments) + "]"
    table.add_row(_("Region"), Text(region_label), _("every request carries it"))
    name_note = ""
    if check is not None and not check.available:
        if check.existing_id:
            name_note = _("taken by ID {id}: Create compares the two; nothing is created").format(
                id=check.existing_id
            )
        else:
            name_note = _("taken by another workspace: Create compares the two; nothing is created")
    table.add_row("WorkspaceName", Text(request.name), Text(name_note, style="yellow"))
    table.add_row("Description", Text(request.description), "")
    table.add_row("EnvTypes", Text(envs), _(MODE_NOTES[request.mode]))
    table.add_row(
        "DisplayName",
        Text(request.display_name or "—"),
        ""
        if request.display_name
        else _("not sent: PAI uses the name {name}").format(name=request.name),
    )
    table.add_row(
        "ResourceGroupId",
        Text(request.resource_group_id or "—"),
        _("cannot be changed later") if request.resource_group_id else _("not sent: default group"),
    )
    return table


class ReviewStep(Vertical):
    """The confirmation step of R4: nothing is sent before Create is pressed here."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")

    def compose(self) -> ComposeResult:
        yield Static(_("Review"), classes="field-title")
        yield Static(
            _("This is exactly what will be sent. Create confirms; Back changes an answer."),
            classes="field-help",
        )
        yield Static(id="review-table")
        yield Static(
            _(
                "Create first checks that the name is free (CheckWorkspaceExists), then sends "
                "CreateWorkspace once — never retried blindly — and waits until it is ENABLED."
            ),
            classes="field-help",
            id="review-note",
        )

    def show(
        self, request: CreateRequest, region_label: str, check: NameCheck | None = None
    ) -> None:
        self.query_one("#review-table", Static).update(request_table(request, region_label, check))
