"""The workspace DataTable: one row per workspace, keyed by workspace ID.

Cells are `rich.text.Text` (a plain str cell would be parsed as Rich markup); rows are added a
page at a time and the table only recomputes dimensions once per batch, which keeps 10,000
rows responsive.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from tui.core.present import STATUS_STYLES, TABLE_COLUMNS, row_cells
from tui.core.views import WorkspaceRow

STATUS_COLUMN = TABLE_COLUMNS.index("Status")


def row_texts(row: WorkspaceRow) -> list[Text]:
    cells = [Text(cell, no_wrap=True, overflow="ellipsis") for cell in row_cells(row)]
    cells[STATUS_COLUMN].stylize(STATUS_STYLES.get(row.status, ""))
    return cells


class WorkspaceGrid(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", tooltip="Open the workspace detail",
                id="table.open"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._rows: dict[str, WorkspaceRow] = {}

    def on_mount(self) -> None:
        for title in TABLE_COLUMNS:
            self.add_column(Text(title), key=title)

    @property
    def loaded(self) -> int:
        return len(self._rows)

    def replace_rows(self, rows: Iterable[WorkspaceRow]) -> None:
        self.clear()
        self._rows.clear()
        self.append_rows(rows)

    def append_rows(self, rows: Iterable[WorkspaceRow]) -> None:
        for row in rows:
            # Pages can overlap when workspaces are created mid-stream; a duplicate key would
            # raise, and the row is already on screen anyway.
            if row.workspace_id in self._rows:
                continue
            self._rows[row.workspace_id] = row
            self.add_row(*row_texts(row), key=row.workspace_id)

    def row_for(self, workspace_id: str) -> WorkspaceRow | None:
        return self._rows.get(workspace_id)

    @property
    def selected(self) -> WorkspaceRow | None:
        if not self._rows or self.cursor_row < 0 or self.cursor_row >= self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self._rows.get(key) if key is not None else None

    def move_to(self, workspace_id: str) -> bool:
        if workspace_id not in self._rows:
            return False
        self.move_cursor(row=self.get_row_index(workspace_id), animate=False)
        return True
