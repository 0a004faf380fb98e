"""The member half of the data service (R14, R8, R13-style removal): a mixin of
`WorkspaceService`, so screens and commands keep one service to talk to.

Reads: members page by page (ListMembers, name search on the server), the users who can be
added (ListWorkspaceUsers, name search on the server). Changes: adding people is
`member_add.AddFlow`; a role change and a removal are planned first (a fresh ``ListMembers
UserId=<id>`` per person, and the administrator count when the last one could go), shown for
confirmation, then applied. Every change is refused in read-only mode and where PAI is not
activated. People are named by the opaque keys of `PeopleBook`; IDs stay in here.

Public methods cut the traceback of any error they raise (``_sealed``): frames below them hold
real user and member IDs in their locals, and Textual prints tracebacks with locals (R9).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import ParamSpec, TypeVar

from paiws.core import member_mapping
from paiws.core.client import WorkspaceClient
from paiws.core.errors import MemberNotFound, PaiwsError
from paiws.core.i18n import N_, _, clauses
from paiws.core.masking import mask_id
from paiws.core.member_add import AddFlow, AddProgressCallback
from paiws.core.member_views import (
    AddMembersOutcome,
    AddMembersRequest,
    MemberPage,
    MemberQuery,
    MemberRow,
    Person,
    RemovalOutcome,
    RemovalPlan,
    RoleChangeOutcome,
    RoleChangePlan,
    UserSearch,
)
from paiws.core.paging import STREAM_PAGE_SIZE, stream_pages
from paiws.core.people_book import PeopleBook
from paiws.core.roles import ADMIN, in_role_order, roles_in_words
from paiws.core.validation import (
    check_page,
    check_page_size,
    check_workspace_id,
    invalid,
    name_search_problem,
    parse_roles,
    parse_user_ids,
    require,
)
from paiws.core.views import WorkspaceDetail

P = ParamSpec("P")
R = TypeVar("R")


def _sealed(method: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except Exception as error:
            raise error.with_traceback(None) from None

    return wrapper


def checked_member_query(query: MemberQuery) -> MemberQuery:
    check_page(query.page)
    check_page_size(query.page_size)
    name = query.name.strip() if query.name and query.name.strip() else None
    if name is not None:
        require(name_search_problem(name))
    roles = parse_roles(query.roles, grantable=False) if query.roles else ()
    return MemberQuery(name=name, roles=roles, page=query.page, page_size=query.page_size)


class MemberCalls:
    """Mixed into `WorkspaceService`, which provides the client, the book and the guards."""

    client: WorkspaceClient
    _book: PeopleBook

    def refuse_if_read_only(self, action: str) -> None:
        raise NotImplementedError  # WorkspaceService's

    def require_activation(self, region: str) -> None:
        raise NotImplementedError  # WorkspaceService's

    def detail(self, region: str, workspace_id: str, *, verbose: bool) -> WorkspaceDetail:
        raise NotImplementedError  # WorkspaceService's

    # -- reads -------------------------------------------------------------------------------

    @_sealed
    def list_members(self, region: str, workspace_id: str, query: MemberQuery) -> MemberPage:
        workspace_id = check_workspace_id(workspace_id)
        query = checked_member_query(query)
        self.require_activation(region)
        return self._member_page(region, workspace_id, query, query.page, query.page_size)

    def iter_members(
        self,
        region: str,
        workspace_id: str,
        query: MemberQuery,
        *,
        concurrency: int = 4,
        cancelled: Callable[[], bool] | None = None,
    ) -> Iterator[MemberPage]:
        """Every page (PageSize 100), in order, at most `paging.MAX_PAGES` of them."""
        workspace_id = check_workspace_id(workspace_id)
        query = checked_member_query(query)
        self.require_activation(region)
        return stream_pages(
            lambda number: self._member_page(region, workspace_id, query, number, STREAM_PAGE_SIZE),
            concurrency=concurrency,
            cancelled=cancelled,
        )

    def _member_page(
        self, region: str, workspace_id: str, query: MemberQuery, page: int, page_size: int
    ) -> MemberPage:
        raw = self.client.list_members(
            region,
            workspace_id,
            page_number=page,
            page_size=page_size,
            name=query.name,
            roles=query.roles,
        )
        return member_mapping.member_page(
            raw, page=page, page_size=page_size, workspace_id=workspace_id, book=self._book
        )

    @_sealed
    def search_users(self, region: str, workspace_id: str, name: str) -> UserSearch:
        """R14: people who can be added, found by name on the server (ListWorkspaceUsers)."""
        require(name_search_problem(name))
        workspace_id = check_workspace_id(workspace_id)
        self.require_activation(region)
        raw = self.client.list_workspace_users(region, workspace_id, name=name.strip())
        return member_mapping.user_search(raw, name=name.strip(), book=self._book)

    @_sealed
    def people(self, user_ids: Sequence[str]) -> tuple[Person, ...]:
        """People named by typed user IDs (the CLI): checked, and known by key from now on."""
        return tuple(Person(self._book.key(uid), mask_id(uid)) for uid in parse_user_ids(user_ids))

    # -- R14: add ----------------------------------------------------------------------------

    @_sealed
    def add_members(
        self,
        region: str,
        workspace_id: str,
        request: AddMembersRequest,
        *,
        on_progress: AddProgressCallback | None = None,
        english_errors: bool = False,
    ) -> AddMembersOutcome:
        """Validate -> (the caller has confirmed) -> check -> act -> verify (`member_add`).
        ``english_errors``: the results' error sentences are machine output (JSON)."""
        workspace_id = check_workspace_id(workspace_id)
        flow = AddFlow(
            self, region, workspace_id, request, on_progress, english_errors=english_errors
        )
        return flow.run()

    def check_member(self, region: str, workspace_id: str, key: str) -> MemberRow | None:
        """R14's check: ``ListMembers UserId=<id>``; the member, or None."""
        user_id = self._book.user_id(key)
        raw = self.client.list_members(region, workspace_id, user_id=user_id)
        return member_mapping.member_of(
            raw, user_id=user_id, workspace_id=workspace_id, book=self._book
        )

    def send_create_members(
        self, region: str, workspace_id: str, wanted: tuple[tuple[str, tuple[str, ...]], ...]
    ) -> None:
        """One CreateMember call (never retried). Its answer is not relied on: the
        verification reads the members back."""
        members = tuple((self._book.user_id(key), roles) for key, roles in wanted)
        self.client.create_members(region, workspace_id, members)

    def send_add_role(self, region: str, workspace_id: str, key: str, role: str) -> None:
        self.client.add_member_role(region, workspace_id, self._member_id(workspace_id, key), role)

    def _member_id(self, workspace_id: str, key: str) -> str:
        member_id = self._book.member_id(workspace_id, self._book.user_id(key))
        if member_id is None:  # the check before every change notes it; a defensive refusal
            raise MemberNotFound(
                _("The member's ID is not known (it could not be read); refresh and try again."),
                code="MemberNotFound",
                hint=_("Nothing was sent."),
            )
        return member_id

    def admin_count(self, region: str, workspace_id: str) -> int:
        raw = self.client.list_members(region, workspace_id, roles=(ADMIN,), page_size=1)
        return member_mapping.member_total(raw)

    def _current(self, region: str, workspace_id: str, person: Person) -> MemberRow:
        row = self.check_member(region, workspace_id, person.key)
        if row is None:
            raise MemberNotFound(
                _("{person} is not a member of workspace {id}; nothing was changed.").format(
                    person=person.label, id=workspace_id
                ),
                code="MemberNotFound",
                hint=_("Refresh the member list."),
            )
        return row

    # -- roles -------------------------------------------------------------------------------

    @_sealed
    def plan_role_change(
        self,
        region: str,
        workspace_id: str,
        person: Person,
        *,
        add: Sequence[str] = (),
        remove: Sequence[str] = (),
    ) -> RoleChangePlan:
        """Check the member's current roles; keep only the changes that change something."""
        adding = parse_roles(add) if add else ()
        removing = parse_roles(remove) if remove else ()
        if not adding and not removing:
            raise invalid(_("Nothing to change: give roles to add or to remove."))
        both = [r for r in adding if r in removing]
        if both:
            raise invalid(
                _("{roles}: cannot be added and removed at once.").format(
                    roles=roles_in_words(both)
                )
            )
        workspace_id = check_workspace_id(workspace_id)
        self.refuse_if_read_only(N_("change a member's roles"))
        self.require_activation(region)
        row = self._current(region, workspace_id, person)
        plan = RoleChangePlan(
            workspace_id=workspace_id,
            member=row,
            add=tuple(r for r in adding if r not in row.roles),
            remove=tuple(r for r in removing if r in row.roles),
        )
        if not plan.roles_after:
            raise invalid(
                _("A member keeps at least one role: to take every role away, remove the member."),
                "MemberRoleRequired",
            )
        if ADMIN in plan.remove and self.admin_count(region, workspace_id) <= 1:
            plan = RoleChangePlan(workspace_id, row, plan.add, plan.remove, last_admin=True)
        return plan

    @_sealed
    def change_roles(
        self, region: str, workspace_id: str, plan: RoleChangePlan
    ) -> RoleChangeOutcome:
        """Apply a confirmed plan: AddMemberRole, then RemoveMemberRole (a member never has no
        role in between), then read the member back."""
        self.refuse_if_read_only(N_("change a member's roles"))
        workspace_id = check_workspace_id(workspace_id)
        key = plan.member.key
        done: list[str] = []
        try:
            for role in plan.add:
                self.send_add_role(region, workspace_id, key, role)
                done.append(_("added {role}").format(role=role))
            for role in plan.remove:
                member_id = self._member_id(workspace_id, key)
                self.client.remove_member_role(region, workspace_id, member_id, role)
                done.append(_("removed {role}").format(role=role))
        except PaiwsError as error:
            if done:
                # i18n: {done} lists the changes made ("added PAI.X, removed PAI.Y")
                before = _("Done before the failure: {done}.").format(done=clauses(done))
                error.hint = f"{before} {error.hint}".strip()
            raise
        try:
            row = self._current(region, workspace_id, plan.member.person)
        except PaiwsError as error:
            return RoleChangeOutcome(
                plan,
                plan.add,
                plan.remove,
                plan.roles_after,
                verified=False,
                notes=(_("Could not verify afterwards: {error}").format(error=error),),
            )
        roles = in_role_order(row.roles)
        notes: tuple[str, ...] = ()
        if set(roles) != set(plan.roles_after):
            notes = (_("Listed afterwards with: {roles}.").format(roles=roles_in_words(roles)),)
        return RoleChangeOutcome(plan, plan.add, plan.remove, roles, True, notes)

    # -- removal (R13-style, R14) --------------------------------------------------------------

    @_sealed
    def plan_removal(
        self,
        region: str,
        workspace_id: str,
        people: Sequence[Person],
        *,
        workspace_name: str | None = None,
    ) -> RemovalPlan:
        """Check everyone (ListMembers UserId) and whether the last administrators would go;
        the workspace's name (for the typed confirmation) from GetWorkspace unless known."""
        wanted = tuple({p.key: p for p in people}.values())
        if not wanted or any(not p.key for p in wanted):
            raise invalid(_("Pick the members to remove (their IDs must be readable)."))
        workspace_id = check_workspace_id(workspace_id)
        self.refuse_if_read_only(N_("remove workspace members"))
        self.require_activation(region)
        name = workspace_name or self.detail(region, workspace_id, verbose=False).workspace.name
        rows = tuple(self._current(region, workspace_id, person) for person in wanted)
        admins = sum(1 for row in rows if row.is_admin)
        last = admins > 0 and not any(r.is_owner for r in rows)
        last = last and self.admin_count(region, workspace_id) <= admins
        return RemovalPlan(workspace_id, name, rows, last_admin=last)

    @_sealed
    def remove_members(
        self, region: str, workspace_id: str, plan: RemovalPlan, *, confirm_name: str
    ) -> RemovalOutcome:
        """R13-style: the typed name must equal the workspace's; the owner is never removed;
        one DeleteMembers call for everyone."""
        self.refuse_if_read_only(N_("remove workspace members"))
        workspace_id = check_workspace_id(workspace_id)
        owner = plan.owner
        if owner is not None:
            raise invalid(
                _(
                    "{person} is the workspace owner and cannot be removed; nothing was removed."
                ).format(person=owner.person.label),
                "OwnerNotRemovable",
            )
        if not confirm_name.strip():
            raise invalid(_("Type the workspace name to confirm the removal."))
        if confirm_name != plan.workspace_name:
            raise invalid(
                _("The confirmation does not match the workspace name; nobody was removed."),
                "ConfirmationMismatch",
            )
        keys = tuple(row.key for row in plan.members)
        member_ids = tuple(self._member_id(workspace_id, key) for key in keys)
        self.client.delete_members(region, workspace_id, member_ids)
        for key in keys:
            self._book.forget_member(workspace_id, self._book.user_id(key))
        return RemovalOutcome(workspace_id, tuple(row.person for row in plan.members))
