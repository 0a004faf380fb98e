"""Step 5 of the create wizard: every parameter exactly as it will be sent (R4's confirmation)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from paiws.core.api import CreateRequest, NameCheck


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
    table.add_row("Region", Text(region_label), "every request carries it")
    name_note = ""
    if check is not None and not check.available:
        holder = f"ID {check.existing_id}" if check.existing_id else "another workspace"
        name_note = f"taken by {holder}: Create compares the two; nothing is created"
    table.add_row("WorkspaceName", Text(request.name), Text(name_note, style="yellow"))
    table.add_row("Description", Text(request.description), "")
    table.add_row("EnvTypes", Text(envs), f"{request.mode} mode")
    table.add_row(
        "DisplayName",
        Text(request.display_name or "—"),
        "" if request.display_name else f"not sent: PAI uses the name {request.name}",
    )
    table.add_row(
        "ResourceGroupId",
        Text(request.resource_group_id or "—"),
        "cannot be changed later" if request.resource_group_id else "not sent: default group",
    )
    return table


class ReviewStep(Vertical):
    """The confirmation step of R4: nothing is sent before Create is pressed here."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")

    def compose(self) -> ComposeResult:
        yield Static("Review", classes="field-title")
        yield Static(
            "This is exactly what will be sent. Create confirms; Back changes an answer.",
            classes="field-help",
        )
        yield Static(id="review-table")
        yield Static(
            "Create first checks that the name is free (CheckWorkspaceExists), then sends "
            "CreateWorkspace once — never retried blindly — and waits until it is ENABLED.",
            classes="field-help",
            id="review-note",
        )

    def show(
        self, request: CreateRequest, region_label: str, check: NameCheck | None = None
    ) -> None:
        self.query_one("#review-table", Static).update(request_table(request, region_label, check))
