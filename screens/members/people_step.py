"""Step 1 of the add form: find people by name and pick one or several.

Typing sends one ListWorkspaceUsers ``UserName=<text>`` once the typing pauses (the server
matches: names on screen are masked, R14). What was typed is echoed; results are masked and
told apart by their masked ID. Picks survive new searches. An empty search sends nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from paiws.core.api import N_, Person, UserRow, UserSearch, _, ngettext, validation
from paiws.screens.base import HostAccess
from paiws.screens.errors import error_body
from paiws.screens.members.messages import UsersFound
from paiws.screens.messages import CallFailed
from paiws.screens.widgets.debounce import Debouncer
from paiws.screens.widgets.feedback import show_feedback
from paiws.screens.widgets.inputs import Field
from paiws.screens.widgets.wording import headed

SEARCH_DEBOUNCE = 0.3


def user_prompt(user: UserRow) -> Text:
    text = Text.assemble((user.name, "bold"), "  ", (user.user_id, "dim"))
    if user.unreadable:
        # i18n: 'unreadable' is the word the cells show (never translated)
        text.append("  (!) " + _("unreadable: cannot be picked"), style="yellow")
    return text


class PeopleStep(Vertical, HostAccess):
    def __init__(self, region: str, workspace_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="step")
        self._region, self._workspace_id = region, workspace_id
        self.picked: dict[str, Person] = {}
        self.search: UserSearch | None = None
        self.error: BaseException | None = None
        self._users: dict[str, UserRow] = {}
        self._gen = 0
        self._debounce = Debouncer(self, self._send)

    def compose(self) -> ComposeResult:
        yield Static(_("Who should join? Type part of a name."), classes="field-title")
        yield Field(
            placeholder=_("e.g. wang (the server searches the account's users)"),
            id="people-search",
        )
        yield Static(id="people-feedback", classes="feedback")
        yield SelectionList[str](id="people-results")
        yield Static(id="people-picked", classes="field-help")

    def on_mount(self) -> None:
        self.query_one("#people-results").display = False
        self._show_feedback()
        self._show_picked()

    @property
    def input(self) -> Input:
        return self.query_one("#people-search", Input)

    @property
    def results(self) -> SelectionList[str]:
        return self.query_one("#people-results", SelectionList)

    @property
    def people(self) -> tuple[Person, ...]:
        return tuple(self.picked.values())

    @property
    def problem(self) -> str | None:
        if self.picked:
            return None
        return _("Pick at least one person (space picks, space again unpicks).")

    def reveal_problem(self) -> None:
        if self.problem:
            show_feedback(self.query_one("#people-feedback", Static), Text(self.problem), "bad")

    # -- searching ------------------------------------------------------------------------------

    @on(Input.Changed, "#people-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._gen += 1
        sendable = validation.name_search_problem(event.value) is None
        if sendable:
            self._debounce.call_later(SEARCH_DEBOUNCE)
        else:
            self._debounce.cancel()
            self.search, self.error = None, None
            self._fill(())
        self._show_feedback(searching=sendable)

    def _send(self) -> None:
        name = self.input.value.strip()
        if validation.name_search_problem(name) is None:
            self._find(self._gen, name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="people")
    def _find(self, gen: int, name: str) -> None:
        try:
            found = self.service.search_users(self._region, self._workspace_id, name)
        except Exception as error:  # explained in the feedback line
            self.post_message(CallFailed(gen, N_("find people"), error))
            return
        self.post_message(UsersFound(gen, found))

    @on(UsersFound)
    def _found(self, message: UsersFound) -> None:
        message.stop()
        if message.gen != self._gen:
            return
        self.search, self.error = message.search, None
        self._fill(message.search.users)
        self._show_feedback()

    @on(CallFailed)
    def _failed(self, message: CallFailed) -> None:
        message.stop()
        if message.gen != self._gen:
            return
        self.search, self.error = None, message.error
        self._fill(())
        self._show_feedback()

    def _fill(self, users: tuple[UserRow, ...]) -> None:
        results = self.results
        results.clear_options()
        results.add_options(
            Selection(user_prompt(user), user.key, user.key in self.picked, disabled=not user.key)
            for user in users
        )
        self._users = {user.key: user for user in users if user.key}
        results.display = bool(users)

    def _show_feedback(self, *, searching: bool = False) -> None:
        line = self.query_one("#people-feedback", Static)
        name = self.input.value.strip() if self.is_mounted else ""
        if searching:
            searching_for = _("Searching for {words}…").format(words=repr(name))
            show_feedback(line, Text(searching_for), "muted")
        elif self.error is not None:
            show_feedback(line, error_body(self.error, purpose=N_("find people")), "bad")
        elif self.search is None:
            problem = validation.name_search_problem(name) if name else None
            hint = problem or _("Type a name to see who can be added.")
            show_feedback(line, Text(hint), "muted")
        elif not self.search.users:
            nobody = _(
                "Nobody who could be added matches {words}. Members already in the workspace "
                "are not listed."
            )
            show_feedback(line, Text(nobody.format(words=repr(self.search.name))), "warn")
        else:
            shown, total = len(self.search.users), self.search.total
            # i18n: starts with a blank in English (it follows the searched name)
            more = _(" (showing {shown} of {total}: type more of the name)")
            matches = ngettext(
                "{n} person matches {words}{more}. Space picks; tab moves on.",
                "{n} people match {words}{more}. Space picks; tab moves on.",
                shown,
            ).format(
                n=shown,
                words=repr(self.search.name),
                more=more.format(shown=shown, total=total) if total > shown else "",
            )
            show_feedback(line, Text(matches), "ok")

    # -- picking --------------------------------------------------------------------------------

    @on(SelectionList.SelectionToggled, "#people-results")
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        event.stop()
        key = event.selection.value
        user = self._users.get(key)
        if key in self.picked:
            del self.picked[key]
        elif user is not None:
            self.picked[key] = user.person
        self._show_picked()
        if self.picked:
            self._show_feedback()

    def _show_picked(self) -> None:
        text = Text()
        if not self.picked:
            text.append(_("Nobody picked yet."))
        else:
            people = ", ".join(person.label for person in self.picked.values())
            picked = _("Picked ({n}): {people}")
            text.append_text(
                headed(picked, "people", people, style="bold", n=str(len(self.picked)))
            )
        self.query_one("#people-picked", Static).update(text)
