"""The Emulator's data helpers for tests: activation, workspaces, users and members.

A mixin of ``Emulator`` (see ``emulator.py``): these methods change or read the store directly,
without a request, and take hostile values as they are (no validation) where noted.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from paiws.emulator import data, people, rules
from paiws.emulator.memberstore import member_record
from paiws.emulator.operations import Operations
from paiws.emulator.store import Store, Workspace


class DataControls:
    _store: Store
    _operations: Operations

    # Regions and workspaces -------------------------------------------------------------------

    def set_activation(
        self,
        region: str,
        *,
        purchased: bool,
        can_purchase: bool = True,
        purchase_url: str | None = None,
    ) -> None:
        self._store.set_activation(
            region, purchased=purchased, can_purchase=can_purchase, purchase_url=purchase_url
        )

    def set_create_outcome(self, status: str) -> None:
        """The status new workspaces reach after the creation delay (ENABLED by default;
        FAILURE lets tests exercise a failed creation)."""
        if status not in rules.STATUSES:
            raise ValueError(f"Unknown status {status!r}.")
        self._operations.create_outcome = status

    def generate(self, region: str, n: int, *, activated: bool = True) -> list[str]:
        """Add n synthetic workspaces (names ``gen_<id>``) to a region; returns their ids."""
        if n < 0:
            raise ValueError("n must not be negative.")
        with self._store.lock:
            if not activated:
                self._store.set_activation(
                    region, purchased=False, can_purchase=True, purchase_url=None
                )
            else:
                self._store.region(region).purchased = True
            first = self._store.new_ids(n)
            self._store.add_many(region, data.synthetic_workspaces(first, n))
        return [str(first + i) for i in range(n)]

    def add_workspace(self, region: str, **fields: Any) -> str:
        """Add one workspace as-is (no validation: hostile values are welcome) and return its
        id. Missing fields get defaults; ``Owner``/``ResourceGroupId`` as in GetWorkspace."""
        with self._store.lock:
            workspace_id = str(fields.get("WorkspaceId") or self._store.new_ids(1))
            name = str(fields.get("WorkspaceName") or f"ws_{workspace_id}")
            record = data.new_workspace(
                workspace_id,
                name=name,
                display_name=name,
                description=f"Workspace {name}",
                env_types=["prod"],
                owner=data.DEMO_USERS[0],
                status="ENABLED",
                created=data.now_iso(),
            )
            record.update(fields)
            record["WorkspaceId"], record["WorkspaceName"] = workspace_id, name
            return self._store.add(region, record)

    def workspaces(self, region: str) -> list[dict[str, Any]]:
        """Copies of a region's workspaces in creation order (GetWorkspace Verbose shape)."""
        with self._store.lock:
            view = self._store.sorted_view(region, "GmtCreateTime")
            return [copy.deepcopy(w.record) for w in view]

    # Users and members ------------------------------------------------------------------------

    def users(self) -> list[dict[str, Any]]:
        """Copies of the account's user pool (who ListWorkspaceUsers can offer)."""
        with self._store.lock:
            return copy.deepcopy(self._store.users.records())

    def add_user(self, user_id: str | None = None, **fields: Any) -> str:
        """Add (or replace) a pool user, as-is; missing fields get plausible defaults.
        Returns its UserId (a new 16-digit one when none is given)."""
        with self._store.lock:
            uid = user_id or people.numeric_id("2", f"added:{len(self._store.users)}")
            login = f"user{uid[-5:]}"
            user = {
                "UserId": uid,
                "UserName": login,
                "DisplayName": f"User {uid[-5:]}",
                "AccountName": people.ram_login(login),
                "AccountType": rules.ACCOUNT_RAM_USER,
                **fields,
            }
            self._store.users.add(user)
            return uid

    def members(self, region: str, workspace_id: str) -> list[dict[str, Any]]:
        """Copies of a workspace's members in ListMembers order (KeyError: no such workspace)."""
        with self._store.lock:
            return copy.deepcopy(
                self._store.members(self._workspace(region, workspace_id)).records()
            )

    def add_member(
        self, region: str, workspace_id: str, user_id: str, roles: Iterable[str], **fields: Any
    ) -> str:
        """Make a user a member as-is (no rule checks; roles and ``fields`` are taken as
        given, hostile values welcome). The user need not be in the pool. Returns the
        MemberId."""
        with self._store.lock:
            workspace = self._workspace(region, workspace_id)
            user = self._store.users.get(user_id) or {"UserId": user_id, "UserName": user_id}
            record = member_record(workspace_id, user, roles, data.now_iso())
            record.update(fields)
            self._store.members(workspace).add(record)
            return str(record["MemberId"])

    def generate_members(self, region: str, workspace_id: str, n: int) -> list[str]:
        """Add n new synthetic users to the pool and make them members (roles cycle through
        the non-owner roles); returns their UserIds in the order they joined."""
        if n < 0:
            raise ValueError("n must not be negative.")
        with self._store.lock:
            table = self._store.members(self._workspace(region, workspace_id))
            start = len(self._store.users) + 100_000
            created = data.now_iso()
            added: list[str] = []
            for k, user in enumerate(people.generated_users(start, n)):
                self._store.users.add(user)
                role = rules.ROLES[k % (len(rules.ROLES) - 1)]  # never the owner role
                table.add(member_record(workspace_id, user, [role], created))
                added.append(str(user["UserId"]))
            return added

    def _workspace(self, region: str, workspace_id: str) -> Workspace:
        workspace = self._store.get(region, workspace_id)
        if workspace is None:
            raise KeyError(f"No workspace {workspace_id} in {region}.")
        return workspace
