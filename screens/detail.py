"""One workspace, every field. `w` toggles owner & administrators (R6: Verbose only on request,
then sticky for the run); a 404 is an answer (R7) with an input to try another ID.

Opened from a table row, the row already holds every non-verbose field, so nothing is sent
unless owner detail is on; opened by ID (lookup, another ID after a 404) it calls GetWorkspace.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Input, Static

from paiws.core.api import (
    N_,
    NOT_AVAILABLE,
    STATUS_STYLES,
    UNREADABLE,
    InvalidInput,
    NotFound,
    WorkspaceDetail,
    WorkspaceRow,
    _,
    keyed_fields,
    listing,
    status_text,
)
from paiws.screens.base import PaiwsScreen
from paiws.screens.delete_workspace import DeleteWorkspace
from paiws.screens.edit_workspace import EditWorkspace
from paiws.screens.errors import error_body, read_only_reason, report_error
from paiws.screens.messages import CallFailed, DetailLoaded, VerboseChanged, WorkspaceChanged
from paiws.screens.record_view import RecordScreen
from paiws.screens.session import Session
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.sentence import sentence


def detail_table(row: WorkspaceRow, detail: WorkspaceDetail | None, *, verbose: bool) -> Table:
    """Label/value grid; every value a Text so nothing from the API is parsed as markup.

    Administrators, like the owner, only once the user asked (R6: GetWorkspace returns them
    with Verbose only); a hint says how before that. Labels are in the interface language;
    fields are told apart by their key (the status keeps its code beside its word).
    """
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    have_verbose = detail is not None and detail.verbose
    source = detail.workspace if have_verbose and detail is not None else row
    fields = keyed_fields(source, include_admins=verbose and have_verbose)
    for key, label, value in fields:
        if value == UNREADABLE:
            cell = Text(value)
            cell.stylize("bold yellow")
        elif key == "Status":
            cell = Text(status_text(value))
            cell.stylize(STATUS_STYLES.get(source.status, ""))
        else:
            cell = Text(value)
        table.add_row(Text(label), cell)
    extra = "\n".join(f"{key}: {value}" for key, value in source.extra_info) or NOT_AVAILABLE
    table.add_row(Text(_("Extra info")), Text(extra))
    if not verbose:
        hint = Text(_("press w to show them and the owner"), style="italic dim")
        table.add_row(Text(_("Administrators")), hint)
        return table
    owner = detail.owner if detail is not None and detail.verbose else None
    if owner is not None:
        table.add_row(Text(_("Owner")), Text(owner.username))
        table.add_row(Text(_("Owner Display Name")), Text(owner.display_name))
        table.add_row(Text(_("Owner ID")), Text(owner.user_id))
    elif have_verbose:
        table.add_row(Text(_("Owner")), Text(NOT_AVAILABLE))
    else:
        table.add_row(Text(_("Owner")), Text(_("loading…"), style="italic"))
    if source.unreadable:
        names = listing(_(name) for name in source.unreadable)
        note = Text(
            _("The server sent {fields} in a form paiws cannot read.").format(fields=names),
            style="yellow",
        )
        table.add_row(Text(_("Unreadable")), note)
    return table


class DetailScreen(PaiwsScreen[None]):
    HELP_TITLE: ClassVar[str] = N_("Workspace detail")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "w",
            "toggle_owner",
            N_("Owner & admins"),
            tooltip=N_("Show/hide owner & administrators (fetches with Verbose; sticky)"),
            id="detail.owner",
        ),
        Binding(
            "y", "copy_id", N_("Copy ID"), tooltip=N_("Copy the workspace ID"), id="detail.copy"
        ),
        Binding(
            "r",
            "refresh",
            N_("Refresh"),
            tooltip=N_("Fetch the workspace again"),
            id="detail.refresh",
        ),
        Binding(
            "e",
            "edit",
            N_("Edit"),
            tooltip=N_("Edit the display name and description"),
            id="detail.edit",
        ),
        Binding(
            "ctrl+d",
            "delete",
            N_("Delete"),
            tooltip=N_("Delete this workspace (type its name to confirm)"),
            id="detail.delete",
        ),
        Binding(
            "m",
            "members",
            N_("Members"),
            tooltip=N_("This workspace's members"),
            id="detail.members",
        ),
        Binding(
            "b",
            "open_console",
            N_("Console"),
            tooltip=N_("Open this workspace in the PAI console"),
            id="detail.console",
        ),
        Binding(
            "v",
            "show_json",
            N_("JSON"),
            tooltip=N_("This workspace as masked JSON"),
            id="detail.json",
        ),
        # In read-only mode the change keys answer with the reason (not offered anywhere); the
        # action names are catalogue messages (ReadOnlyMode.refusing translates them).
        Binding("e", "refuse('update a workspace')", show=False, id="detail.edit_refused"),
        Binding("ctrl+d", "refuse('delete a workspace')", show=False, id="detail.delete_refused"),
    ]
    HINTS = (
        "detail.owner",
        "screen.back",
        "detail.members",
        "detail.console",
        "detail.json",
        "detail.edit",
        "detail.delete",
        "detail.refresh",
        "detail.copy",
    )

    def __init__(self, *, row: WorkspaceRow | None = None, workspace_id: str | None = None) -> None:
        super().__init__()
        if row is None and not workspace_id:
            raise ValueError("DetailScreen needs a row or a workspace ID")
        self.row = row
        self.detail: WorkspaceDetail | None = None
        self.workspace_id = row.workspace_id if row is not None else str(workspace_id)
        self.busy = False
        self._gen = 0
        self._verbose = False  # the session's R6 choice, read at mount

    def compose_body(self) -> ComposeResult:
        with ContentSwitcher(initial="detail-view", id="detail-switcher"):
            with VerticalScroll(id="detail-view"):
                yield Static("", id="detail-title", classes="panel-title")
                yield Static("", id="detail-fields")
                yield Static("", id="detail-note", classes="dim")
            with Vertical(id="not-found", classes="panel"):
                yield Static("", id="not-found-text")
                yield Field(
                    placeholder=_("Try another workspace ID and press Enter"), id="other-id"
                )

    def on_mount(self) -> None:
        self.watch(self.app, "session", self._session_changed, init=False)
        self._verbose = self.session.verbose
        if self.row is not None:
            self._show_detail()
            if self._verbose:
                self._fetch()
        else:
            self._fetch()

    def _session_changed(self, session: Session) -> None:
        """R6: the owner choice is the session's (sticky); fetch with Verbose once it is on."""
        if session.verbose == self._verbose:
            return
        self._verbose = session.verbose
        have_owner = self.detail is not None and self.detail.verbose
        if self._verbose and not have_owner and self.row is not None:
            self._fetch()
        else:
            self._show_detail()

    # -- fetching ---------------------------------------------------------------------------

    def _fetch(self) -> None:
        self._gen += 1
        self.busy = True
        self._show_detail()
        self._get(self._gen, self.chosen_region, self.workspace_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="detail")
    def _get(self, gen: int, region: str, workspace_id: str) -> None:
        try:
            # R6: Verbose only when the user asked for owner detail (the session's choice).
            detail = self.service.get_workspace(region, workspace_id, verbose=self._verbose)
        except Exception as error:  # every failure becomes a message the UI explains
            self.post_message(CallFailed(gen, N_("load the workspace"), error))
            return
        self.post_message(DetailLoaded(gen, detail))

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        if message.gen != self._gen:
            return
        self.busy = False
        self.detail = message.detail
        self.row = message.detail.workspace
        self.workspace_id = self.row.workspace_id
        self.query_one("#detail-switcher", ContentSwitcher).current = "detail-view"
        self._show_detail()
        self.refresh_bindings()

    def on_call_failed(self, message: CallFailed) -> None:
        if message.gen != self._gen:
            return
        self.busy = False
        if isinstance(message.error, NotFound | InvalidInput):
            # R7: a 404 is an answer; an ID that cannot exist (rejected before sending) too.
            self._show_not_found(message.error if isinstance(message.error, InvalidInput) else None)
            return
        self._show_detail(problem=error_body(message.error, purpose=message.purpose))
        report_error(self, message.error, purpose=message.purpose)

    # -- rendering --------------------------------------------------------------------------

    def _show_detail(self, *, problem: Text | None = None) -> None:
        title = self.query_one("#detail-title", Static)
        fields = self.query_one("#detail-fields", Static)
        note = self.query_one("#detail-note", Static)
        verbose = self._verbose
        if self.row is None:
            title.update(Text(_("Workspace {id}").format(id=self.workspace_id), style="bold"))
            fields.update(Text(_("Loading…"), style="italic") if self.busy else Text(""))
        else:
            title.update(
                Text.assemble((self.row.name, "bold"), "  ", (self.row.workspace_id, "dim"))
            )
            body: RenderableType = detail_table(self.row, self.detail, verbose=verbose)
            fields.update(body)
        if problem:
            problem.append("\n" + _("Press r to retry."))
            problem.stylize("red")
            note.update(problem)
        elif verbose:
            note.update(
                Text(
                    _("Owner & administrators shown (fetched with Verbose). Press w to hide them.")
                )
            )
        else:
            note.update(
                Text(
                    _(
                        "Press w to show the owner (fetches the workspace with Verbose; "
                        "stays on for this session)."
                    )
                )
            )

    def _show_not_found(self, invalid: InvalidInput | None = None) -> None:
        self.row = None
        self.detail = None
        if invalid is not None:
            what = _("{id} is not a workspace ID").format(id=repr(self.workspace_id))
            headline = sentence(
                _("{headline}: {problem}"), headline=Text(what, style="bold"), problem=str(invalid)
            )
            headline.append("\n" + _("Nothing was sent."))
        else:
            what = _("Workspace {id} does not exist").format(id=self.workspace_id)
            headline = sentence(
                _("{headline} in {region}."),
                headline=Text(what, style="bold"),
                region=self.chosen_region,
            )
            headline.append(
                "\n\n" + _("Check the ID (and the region: g), or try another ID below.")
            )
        self.query_one("#not-found-text", Static).update(headline)
        self.query_one("#detail-switcher", ContentSwitcher).current = "not-found"
        other = self.query_one("#other-id", Input)
        other.value = ""
        other.focus()
        self.refresh_bindings()

    @on(Input.Submitted, "#other-id")
    def _other_id(self, event: Input.Submitted) -> None:
        workspace_id = event.value.strip()
        if not workspace_id:
            return
        self.workspace_id = workspace_id
        self.row = None
        self.query_one("#detail-switcher", ContentSwitcher).current = "detail-view"
        self._fetch()

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            # Never offered in read-only mode (R13); the key answers through "refuse".
            return self.row is not None and not self.session.read_only
        if action == "refuse":
            return self.row is not None and self.session.read_only
        if action in ("toggle_owner", "copy_id", "open_console", "show_json", "members"):
            return self.row is not None
        return super().check_action(action, parameters)

    def action_refuse(self, action: str) -> None:
        """A change key in read-only mode: the one sentence, instead of silence."""
        self.notify(
            read_only_reason(action), title=_("Read-only mode"), severity="warning", markup=False
        )

    def action_toggle_owner(self) -> None:
        if self.row is not None:
            self.post_message(VerboseChanged(not self.session.verbose))

    def action_copy_id(self) -> None:
        if self.row is not None:
            self.app.copy_to_clipboard(self.row.workspace_id)
            self.notify(
                _("Copied {id}").format(id=self.row.workspace_id),
                title=_("Workspace ID"),
                markup=False,
            )

    def action_refresh(self) -> None:
        self._fetch()

    def action_members(self) -> None:
        if self.row is not None:
            from paiws.screens.members.members_screen import MembersScreen

            self.app.push_screen(MembersScreen(self.row.workspace_id, self.row.name))

    def action_open_console(self) -> None:
        if self.row is not None:
            url = self.service.console_url(self.chosen_region, self.row.workspace_id)
            self.app.open_url(url)
            self.notify(_("Opening {url}").format(url=url), title=_("PAI console"), markup=False)

    def action_show_json(self) -> None:
        if self.row is None:
            return
        # With the owner when it is shown: what `paiws get ID --owner --format json` prints.
        detail = self.detail
        owner = detail.owner if detail is not None and detail.verbose else None
        with_owner = self._verbose and detail is not None and detail.verbose
        self.app.push_screen(RecordScreen(self.row, owner, include_owner=with_owner))

    def action_edit(self) -> None:
        if self.row is not None:
            self.app.push_screen(EditWorkspace(self.row), self._edited)

    def _edited(self, detail: WorkspaceDetail | None) -> None:
        if detail is None:
            return
        self.detail, self.row = detail, detail.workspace
        self._show_detail()
        self.post_message(WorkspaceChanged(detail.workspace.workspace_id, "updated"))

    def action_delete(self) -> None:
        if self.row is not None:
            self.app.push_screen(DeleteWorkspace(self.row), self._deleted)

    def _deleted(self, workspace_id: str | None) -> None:
        if workspace_id is None:
            return
        # To the App directly: this screen is closing and would not pass it on.
        self.app.post_message(WorkspaceChanged(workspace_id, "deleted"))
        self.dismiss()
