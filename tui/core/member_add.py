"""R14, adding people to a workspace: validate -> check -> act -> verify, one result per person.

The caller (the add form's review step, or the CLI's confirmation or ``--yes``) has confirmed
every parameter. From here:

1. validate locally (invalid input never reaches the network), refuse in read-only mode,
   require activation (R3);
2. check each person with ``ListMembers UserId=<id>``; if any check fails, stop: nothing has
   been written, and the error is the answer;
3. a member with every requested role: "already a member", nothing sent; a member missing some:
   ``AddMemberRole`` for the missing ones only; everyone else: one ``CreateMember`` for all of
   them. CreateMember is never retried: after an ambiguous failure (connection lost, timeout,
   5xx) each of them is checked again and only what the server shows counts; a
   ``MemberAlreadyExists`` race goes through the same re-check;
4. verify with ``ListMembers UserId=<id>`` that everyone who was changed is listed with the
   requested roles.

The flow handles people by the service's opaque keys only; the backend turns them into IDs.

Progress messages and notes are for people (the interface language). A result's ``error`` is a
value of ``members add --format json``: with ``english_errors`` the flow makes every request
after the check inside ``i18n.english()``, so the sentences of the errors it collects per
person are English (and so are the progress messages and notes made meanwhile: the CLI shows
neither with JSON); the check's own errors end the command and stay in the interface language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from typing import Protocol

from paiws.core import i18n
from paiws.core.error_report import explain
from paiws.core.errors import MemberAlreadyExists, NetworkError, PaiwsError, ServerError
from paiws.core.i18n import N_, _, ngettext
from paiws.core.masking import NOT_AVAILABLE
from paiws.core.member_views import (
    AddMembersOutcome,
    AddMembersRequest,
    AddPhase,
    AddProgress,
    AddResult,
    MemberRow,
    Person,
)
from paiws.core.roles import in_role_order, roles_in_words
from paiws.core.validation import USERS_MAX, invalid, parse_roles

AddProgressCallback = Callable[[AddProgress], None]


class AddBackend(Protocol):
    """What the flow needs from the service: the guards and one call per request it makes."""

    def refuse_if_read_only(self, action: str) -> None: ...
    def require_activation(self, region: str) -> None: ...
    def check_member(self, region: str, workspace_id: str, key: str) -> MemberRow | None: ...
    def send_create_members(
        self, region: str, workspace_id: str, wanted: tuple[tuple[str, tuple[str, ...]], ...]
    ) -> None: ...
    def send_add_role(self, region: str, workspace_id: str, key: str, role: str) -> None: ...


def validate_add(request: AddMembersRequest) -> AddMembersRequest:
    """Every R14 input rule, before anything is sent; roles normalised to codes."""
    if any(not p.key for p in request.people):
        raise invalid(_("Someone in the list has an ID paiws could not read; pick them again."))
    people = tuple({p.key: p for p in request.people}.values())
    if not people:
        raise invalid(_("Pick at least one person to add."), "UserRequired")
    if len(people) > USERS_MAX:
        raise invalid(
            # i18n: the same sentence as in validation.parse_user_ids
            _("At most {n} people can be added at once (got {got}).").format(
                n=USERS_MAX, got=len(people)
            )
        )
    return AddMembersRequest(people=people, roles=parse_roles(request.roles))


def _named(person: Person, row: MemberRow | None) -> Person:
    """The person with the masked name and ID the server shows for them, when it shows some."""
    if row is None:
        return person
    name = row.name if row.name != NOT_AVAILABLE else person.name
    user_id = row.user_id if row.user_id != NOT_AVAILABLE else person.user_id
    return Person(person.key, user_id, name)


def _failed(
    person: Person,
    error: PaiwsError,
    *,
    roles: tuple[str, ...] = (),
    granted: tuple[str, ...] = (),
    notes: tuple[str, ...] = (),
    ambiguous: bool = False,
) -> AddResult:
    report = explain(error)
    return AddResult(
        person=person,
        outcome="failed",
        roles=roles,
        granted=granted,
        error=report.sentence,
        exit_code=int(report.exit_code),
        action=report.action,
        policy=report.policy,
        ambiguous=ambiguous,
        notes=notes,
    )


class AddFlow:
    """One add attempt; every request goes through the backend, so each is accounted for."""

    def __init__(
        self,
        backend: AddBackend,
        region: str,
        workspace_id: str,
        request: AddMembersRequest,
        on_progress: AddProgressCallback | None = None,
        *,
        english_errors: bool = False,
    ) -> None:
        self.backend, self.region, self.workspace_id = backend, region, workspace_id
        self.request = request
        self._on_progress = on_progress
        self._english_errors = english_errors
        self._results: dict[str, AddResult] = {}
        self._confirmed: set[str] = set()  # keys whose last read already shows every role

    def report(self, phase: AddPhase, message: str, done: int = 0, total: int = 0) -> None:
        if self._on_progress is not None:
            self._on_progress(AddProgress(phase=phase, message=message, done=done, total=total))

    @contextmanager
    def _collecting(self) -> Iterator[None]:
        """Where errors become results: in English when the results are machine output."""
        with i18n.english() if self._english_errors else nullcontext():
            yield

    def run(self) -> AddMembersOutcome:
        request = self.request = validate_add(self.request)
        self.backend.refuse_if_read_only(N_("add workspace members"))
        self.backend.require_activation(self.region)
        people, roles = request.people, request.roles
        current = self._check(people)
        absent = [p for p in people if current[p.key] is None]
        missing: list[tuple[Person, MemberRow, tuple[str, ...]]] = []
        for person in people:
            row = current[person.key]
            if row is None:
                continue
            lacking = tuple(r for r in roles if r not in row.roles)
            if lacking:
                missing.append((_named(person, row), row, lacking))
            else:
                self._results[person.key] = AddResult(
                    _named(person, row), "already a member", row.roles
                )
        with self._collecting():
            if absent:
                missing.extend(self._create(absent))
            for person, row, lacking in missing:
                self._grant(person, row, lacking)
            self._verify()
        self.report("done", _("Done"))
        return AddMembersOutcome(
            workspace_id=self.workspace_id,
            results=tuple(self._results[p.key] for p in people),
        )

    # -- 2. check ---------------------------------------------------------------------------

    def _check(self, people: tuple[Person, ...]) -> dict[str, MemberRow | None]:
        found: dict[str, MemberRow | None] = {}
        for index, person in enumerate(people):
            self.report(
                "checking",
                _("Checking whether {person} is a member (ListMembers)").format(
                    person=person.label
                ),
                index,
                len(people),
            )
            found[person.key] = self.backend.check_member(
                self.region, self.workspace_id, person.key
            )
        return found

    # -- 3. act -----------------------------------------------------------------------------

    def _create(self, absent: list[Person]) -> list[tuple[Person, MemberRow, tuple[str, ...]]]:
        """One CreateMember for everyone absent; returns members found on a re-check who still
        lack roles (to be granted)."""
        roles = self.request.roles
        count = len(absent)
        self.report(
            "adding",
            ngettext(
                "Adding {n} new member (CreateMember, sent once)",
                "Adding {n} new members (CreateMember, sent once)",
                count,
            ).format(n=count),
            0,
            count,
        )
        try:
            self.backend.send_create_members(
                self.region, self.workspace_id, tuple((p.key, roles) for p in absent)
            )
        except MemberAlreadyExists as error:
            return self._recheck(absent, error, race=True)
        except (NetworkError, ServerError) as error:
            return self._recheck(absent, error, race=False)
        except PaiwsError as error:
            for person in absent:
                self._results[person.key] = _failed(person, error)
            return []
        for person in absent:
            self._results[person.key] = AddResult(person, "added", roles, granted=roles)
        return []

    def _recheck(
        self, absent: list[Person], error: PaiwsError, *, race: bool
    ) -> list[tuple[Person, MemberRow, tuple[str, ...]]]:
        """After a race or an ambiguous CreateMember failure: what does the server show now?"""
        roles = self.request.roles
        self.report(
            "rechecking",
            _("Someone was a member already; checking again")
            if race
            else _("No clear answer from CreateMember; checking again instead of retrying"),
        )
        still_missing: list[tuple[Person, MemberRow, tuple[str, ...]]] = []
        for person in absent:
            try:
                row = self.backend.check_member(self.region, self.workspace_id, person.key)
            except PaiwsError as recheck_error:
                self._results[person.key] = _failed(
                    person,
                    error,
                    ambiguous=not race,
                    notes=(
                        _("The re-check failed too: {error}").format(
                            error=explain(recheck_error).sentence
                        ),
                    ),
                )
                continue
            if row is None:
                note = _(
                    "Not a member on re-check, so probably not added; CreateMember was not "
                    "retried. Check again to add only who is still missing."
                )
                self._results[person.key] = _failed(
                    person, error, ambiguous=not race, notes=() if race else (note,)
                )
                continue
            named = _named(person, row)
            lacking = tuple(r for r in roles if r not in row.roles)
            if race:
                if lacking:
                    still_missing.append((named, row, lacking))
                else:
                    self._results[person.key] = AddResult(named, "already a member", row.roles)
                continue
            note = _("CreateMember's answer was lost; the re-check found them added.")
            self._results[person.key] = AddResult(
                named, "added", row.roles, granted=roles, notes=(note,)
            )
            if lacking:
                still_missing.append((named, row, lacking))
            else:
                self._confirmed.add(person.key)
        return still_missing

    def _grant(self, person: Person, row: MemberRow, lacking: tuple[str, ...]) -> None:
        """AddMemberRole for each missing role (only those)."""
        earlier = self._results.get(person.key)
        granted: list[str] = []
        for role in lacking:
            self.report(
                "granting",
                _("Adding the role {role} to {person} (AddMemberRole)").format(
                    role=role, person=person.label
                ),
            )
            try:
                self.backend.send_add_role(self.region, self.workspace_id, person.key, role)
            except PaiwsError as error:
                done = tuple(granted)
                note = (
                    (_("Added before the failure: {roles}.").format(roles=roles_in_words(done)),)
                    if done
                    else ()
                )
                self._results[person.key] = _failed(
                    person,
                    error,
                    roles=in_role_order([*row.roles, *done]),
                    granted=done,
                    notes=note,
                )
                return
            granted.append(role)
        roles = in_role_order([*row.roles, *granted])
        if earlier is not None and earlier.outcome == "added":  # found added on a re-check
            self._results[person.key] = replace(earlier, roles=roles)
        else:
            self._results[person.key] = AddResult(
                person, "roles added", roles, granted=tuple(granted)
            )

    # -- 4. verify --------------------------------------------------------------------------

    def _verify(self) -> None:
        changed = [
            r
            for r in self._results.values()
            if r.outcome in ("added", "roles added") and r.person.key not in self._confirmed
        ]
        for index, result in enumerate(changed):
            person = result.person
            self.report(
                "verifying",
                _("Verifying that {person} is listed with the roles (ListMembers)").format(
                    person=person.label
                ),
                index,
                len(changed),
            )
            try:
                row = self.backend.check_member(self.region, self.workspace_id, person.key)
            except PaiwsError as error:
                note = _("Could not verify afterwards: {error}").format(
                    error=explain(error).sentence
                )
                self._results[person.key] = replace(result, notes=(*result.notes, note))
                continue
            lacking = tuple(r for r in self.request.roles if row is None or r not in row.roles)
            if row is None or lacking:
                if row is None:
                    sentence = _(
                        "The service accepted the change, but {person} is not listed as a "
                        "member afterwards."
                    ).format(person=person.label)
                else:
                    sentence = _(
                        "The service accepted the change, but {person} is listed without "
                        "{roles} afterwards."
                    ).format(person=person.label, roles=roles_in_words(lacking))
                self._results[person.key] = replace(
                    result,
                    outcome="failed",
                    roles=row.roles if row else (),
                    error=sentence,
                    exit_code=1,
                    ambiguous=True,
                )
                continue
            self._results[person.key] = replace(result, person=_named(person, row), roles=row.roles)
