"""A workspace's members (`m` in the detail): a streaming table of masked members (R8).

The first page shows at once and the rest streams in a thread worker, put on screen a step at
a time (`page_feed.py`), so keys answer while 1,000 members load. `/` searches names on the
server (ListMembers MemberName): names on screen are masked, so only the server can match what
a person types. `a` opens the guided add form, `enter` the roles of the selected member,
`ctrl+d` its removal; in read-only mode (or where PAI is not activated) those say why they
cannot, instead of doing nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from paiws.core.api import N_, MemberQuery, _, ngettext, unreadable_note
from paiws.screens.base import PaiwsScreen
from paiws.screens.browse.page_feed import PageFeed
from paiws.screens.errors import error_body, report_error
from paiws.screens.members.add_form import AddMembersForm
from paiws.screens.members.member_grid import MemberGrid
from paiws.screens.members.messages import MembersDone, MembersLoaded
from paiws.screens.members.remove_dialog import RemoveMembers
from paiws.screens.members.roles_dialog import RolesDialog
from paiws.screens.messages import CallFailed
from paiws.screens.widgets.debounce import Debouncer
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.wording import headed

SEARCH_DEBOUNCE = 0.3  # seconds of quiet typing before the server-side name search is sent
Streamed = MembersLoaded | MembersDone | CallFailed


class MembersScreen(PaiwsScreen[None]):
    AUTO_FOCUS = "#member-grid"
    HELP_TITLE: ClassVar[str] = N_("Members")
    HELP_WIDGETS = (MemberGrid,)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", N_("Add"), tooltip=N_("Add people (guided form)"), id="members.add"),
        Binding(
            "ctrl+d",
            "remove",
            N_("Remove"),
            tooltip=N_("Remove the selected member (type the workspace name)"),
            id="members.remove",
        ),
        Binding(
            "slash",
            "search",
            N_("Search"),
            tooltip=N_("Search members by name (server-side)"),
            id="members.search",
        ),
        Binding(
            "r",
            "refresh",
            N_("Refresh"),
            tooltip=N_("Load the members again"),
            id="members.refresh",
        ),
        Binding(
            "escape",
            "escape",
            N_("Back"),
            tooltip=N_("Close the search, clear it, or go back"),
            id="members.escape",
        ),
    ]

    HINTS = (
        "members.roles",
        "members.add",
        "members.remove",
        "members.search",
        "members.refresh",
        "members.escape",
    )

    def __init__(self, workspace_id: str, workspace_name: str) -> None:
        super().__init__()
        self.workspace_id = workspace_id
        self.workspace_name = workspace_name
        self.query_state = MemberQuery()
        self.busy = False
        self.failed = False
        self.total: int | None = None
        self._gen = 0
        self._unreadable = 0
        self._keep_cursor: str | None = None
        self._search = Debouncer(self, self._load)
        self._feed: PageFeed[Streamed] = PageFeed(self, self._apply, lambda: self._gen)

    # -- layout -------------------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        search = Field(
            placeholder=_("Search members by name (server-side); Enter or Esc closes"),
            id="member-search",
        )
        empty = Static("", id="members-empty", classes="panel")
        search.display = empty.display = False
        with Vertical(id="members"):
            title = _("Members of {name}  (ID {id})")
            name = Text(self.workspace_name, style="bold")
            yield Static(
                headed(title, "name", name, style="", id=self.workspace_id), id="members-title"
            )
            yield search
            yield MemberGrid(id="member-grid")
            yield empty
            yield Static("", id="members-status")

    def on_mount(self) -> None:
        self._load()

    @property
    def grid(self) -> MemberGrid:
        return self.query_one(MemberGrid)

    # -- loading ------------------------------------------------------------------------------

    def _load(self, *, keep_cursor: str | None = None) -> None:
        self._gen += 1
        self._search.cancel()
        self._feed.clear()
        self.busy, self.failed = True, False
        self._keep_cursor = keep_cursor
        self._show_status()
        self._fetch(self._gen, self.chosen_region, self.query_state)

    @work(thread=True, exclusive=True, exit_on_error=False, group="members")
    def _fetch(self, gen: int, region: str, query: MemberQuery) -> None:
        worker = get_current_worker()

        def stale() -> bool:
            return worker.is_cancelled or gen != self._gen

        try:
            first = True
            pages = self.service.iter_members(region, self.workspace_id, query, cancelled=stale)
            for page in pages:
                if stale():
                    return
                self.post_message(MembersLoaded(gen, page, first=first))
                first = False
        except Exception as error:  # every failure becomes a message the UI explains
            self.post_message(CallFailed(gen, N_("load the members"), error))
            return
        self.post_message(MembersDone(gen))

    def on_members_loaded(self, message: MembersLoaded) -> None:
        self._feed.push(message)

    def on_members_done(self, message: MembersDone) -> None:
        self._feed.push(message)

    def on_call_failed(self, message: CallFailed) -> None:
        self._feed.push(message)

    def _apply(self, item: Streamed) -> int:
        if isinstance(item, MembersLoaded):
            grid = self.grid
            if item.first:
                grid.replace_rows(item.page.rows)
                self._unreadable = 0
            else:
                grid.append_rows(item.page.rows)
            self._unreadable += item.page.unreadable_items
            self.total = item.page.total
            if self._keep_cursor and grid.move_to_key(self._keep_cursor):
                self._keep_cursor = None
            self._show_status()
            return len(item.page.rows)
        self.busy = False
        if isinstance(item, MembersDone):
            if self.total is None:
                self.grid.replace_rows(())
                self.total = 0
            self._keep_cursor = None
            self._show_status()
        else:
            self.failed = True
            self._show_status()
            if self.grid.row_count == 0:
                body = error_body(item.error, purpose=item.purpose)
                body.append("\n\n" + _("Press r to retry, escape to go back."))
                self._show_empty(body)
            report_error(self, item.error, purpose=item.purpose)
        return 0

    def _show_status(self) -> None:
        loaded = self.grid.row_count
        text = Text()
        if self.failed:
            stopped = ngettext(
                "Loading stopped at {n} member. Press r to retry.",
                "Loading stopped at {n} members. Press r to retry.",
                loaded,
            ).format(n=loaded)
            text.append(stopped + " ", "bold red")
        elif self.busy and self.total is None:
            text.append(_("Loading members…") + " ", style="italic")
        elif self.total is not None:
            counted = _("Loaded {loaded} of {total}").format(loaded=loaded, total=self.total)
            text.append(counted, style="bold")
            text.append("  " + _("(loading…)") + " " if self.busy else "  ")
        name = self.query_state.name
        which = _("name contains {words}").format(words=repr(name)) if name else _("all members")
        text.append("· " + which, style="dim")
        if self._unreadable:
            text.append("\n" + unreadable_note(self._unreadable, "member"), style="yellow")
        self.query_one("#members-status", Static).update(text)
        if not self.busy and not self.failed and self.total == 0 and loaded == 0:
            hint = (
                _("No member's name contains {words} (the server searched every member).").format(
                    words=repr(name)
                )
                if name
                else _("This workspace has no members yet. Press a to add people.")
            )
            self._show_empty(Text(hint))
        elif not self.failed or loaded:
            self._show_empty(None)

    def _show_empty(self, body: Text | None) -> None:
        empty = self.query_one("#members-empty", Static)
        grid = self.grid
        empty.display = body is not None
        grid.display = body is None
        if body is not None:
            empty.update(body)
            if grid.has_focus:
                self.set_focus(None)
        elif self.focused is None:
            grid.focus()

    # -- search (server-side, R14) ------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#member-search", Input)
        search.display = True
        search.focus()

    @on(Input.Changed, "#member-search")
    def _search_changed(self, event: Input.Changed) -> None:
        name = event.value.strip() or None
        if name != self.query_state.name:
            self.query_state = replace(self.query_state, name=name)
            self._gen += 1  # anything in flight answers an older question now
            self.busy = True
            self._show_status()
            self._search.call_later(SEARCH_DEBOUNCE)

    @on(Input.Submitted, "#member-search")
    def _search_submitted(self) -> None:
        self._close_search()

    def _close_search(self) -> None:
        self.query_one("#member-search", Input).display = False
        if self.grid.display:
            self.grid.focus()

    def action_escape(self) -> None:
        search = self.query_one("#member-search", Input)
        if search.display and search.has_focus:
            self._close_search()
        elif self.query_state.name:
            search.value = ""  # its Changed event reloads without the name
            self._close_search()
        else:
            self.dismiss()

    def action_refresh(self) -> None:
        selected = self.grid.selected
        self._load(keep_cursor=selected.key if selected else None)

    # -- changes ------------------------------------------------------------------------------

    def action_add(self) -> None:
        form = AddMembersForm(self.workspace_id, self.workspace_name)
        self.app.push_screen(form, self._changed)

    @on(MemberGrid.RowSelected)
    def _roles(self, event: MemberGrid.RowSelected) -> None:
        self.app.push_screen(RolesDialog(self.workspace_id, event.row), self._changed)

    def action_remove(self) -> None:
        row = self.grid.selected
        if row is None:
            self.notify(_("Select a member first."), title=_("Remove"), severity="warning")
            return
        dialog = RemoveMembers(self.workspace_id, self.workspace_name, row)
        self.app.push_screen(dialog, self._changed)

    def _changed(self, changed: bool | None) -> None:
        if changed:
            self.action_refresh()
