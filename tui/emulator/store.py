"""The emulator's state: per-region activation and workspaces, their members and the
account's user pool, guarded by one lock.

Callers take ``store.lock`` around a whole operation (read-modify-write stays atomic while the
ThreadingHTTPServer serves requests in parallel). Sorted views are cached per region and sort
field and dropped on every change that can reorder them, so listing 10,000 workspaces page by
page sorts once, not once per page.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from paiws.emulator import data, datafile
from paiws.emulator.memberstore import MemberTable, UserPool

FIRST_WORKSPACE_ID = 100001


@dataclass(slots=True)
class Workspace:
    record: dict[str, Any]  # GetWorkspace(Verbose=true) shape, ResourceGroupId capitalised
    seq: int  # insertion order: the tie-break when times are equal
    ready_at: float | None = None  # clock time when INITIALIZING becomes final_status
    final_status: str = "ENABLED"
    members: MemberTable | None = None  # None: only the owner, made on first use

    @property
    def workspace_id(self) -> str:
        return str(self.record["WorkspaceId"])


@dataclass
class Region:
    purchased: bool = True
    can_purchase: bool = True
    purchase_url: str = ""
    resource_limits: dict[str, int] = field(
        default_factory=lambda: dict(data.DEFAULT_RESOURCE_LIMITS)
    )
    by_id: dict[str, Workspace] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    pending: list[Workspace] = field(default_factory=list)
    sorted_cache: dict[str, list[Workspace]] = field(default_factory=dict)


class Store:
    def __init__(
        self, dataset: datafile.DataSet, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.lock = threading.RLock()
        self._clock = clock
        self._regions: dict[str, Region] = {}
        self._seq = 0
        self._next_id = FIRST_WORKSPACE_ID
        self.users = UserPool(dataset.users)
        for name, body in dataset.regions.items():
            activation = body.activation
            self.set_activation(
                name,
                purchased=bool(activation.get("purchased", True)),
                can_purchase=bool(activation.get("can_purchase", True)),
                purchase_url=activation.get("purchase_url"),
            )
            region = self.region(name)
            region.resource_limits = dict(body.resource_limits)
            for record in body.workspaces:
                workspace_id = self.add(name, dict(record))
                listed = body.members.get(workspace_id)
                if listed is not None:
                    table = region.by_id[workspace_id].members = MemberTable()
                    for member in listed:
                        table.add(dict(member))

    # Regions -------------------------------------------------------------------------------

    def region(self, name: str) -> Region:
        """The region's state; a region not in the data is activated and empty."""
        with self.lock:
            region = self._regions.get(name)
            if region is None:
                region = Region(purchase_url=data.purchase_url(name))
                self._regions[name] = region
            return region

    def set_activation(
        self, name: str, *, purchased: bool, can_purchase: bool, purchase_url: str | None
    ) -> None:
        with self.lock:
            region = self.region(name)
            region.purchased = purchased
            region.can_purchase = can_purchase
            region.purchase_url = purchase_url or data.purchase_url(name)

    # Workspaces ----------------------------------------------------------------------------

    def new_ids(self, n: int = 1) -> int:
        """Reserve n consecutive numeric ids and return the first. ``add`` keeps ``_next_id``
        above every numeric id stored, so reserved ids never collide with existing ones."""
        with self.lock:
            first = self._next_id
            self._next_id += n
            return first

    def add(
        self,
        region_name: str,
        record: dict[str, Any],
        *,
        ready_in: float | None = None,
        final_status: str = "ENABLED",
    ) -> str:
        """Store a record; with ``ready_in`` it turns from INITIALIZING to ``final_status``
        that many seconds from now. Raises ValueError on a duplicate id or name."""
        with self.lock:
            region = self.region(region_name)
            workspace_id = str(record["WorkspaceId"])
            name = str(record["WorkspaceName"])
            if workspace_id in region.by_id:
                raise ValueError(f"Workspace id {workspace_id} already exists in {region_name}.")
            if name in region.by_name:
                raise ValueError(f"Workspace name {name} already exists in {region_name}.")
            self._seq += 1
            workspace = Workspace(record=record, seq=self._seq, final_status=final_status)
            if ready_in is not None:
                workspace.ready_at = self._clock() + max(0.0, ready_in)
                region.pending.append(workspace)
            region.by_id[workspace_id] = workspace
            region.by_name[name] = workspace_id
            region.sorted_cache.clear()
            if workspace_id.isdigit():
                self._next_id = max(self._next_id, int(workspace_id) + 1)
            return workspace_id

    def add_many(self, region_name: str, records: list[dict[str, Any]]) -> None:
        """Bulk insert for the generator: the checks of ``add`` without per-item overhead."""
        with self.lock:
            region = self.region(region_name)
            by_id, by_name = region.by_id, region.by_name
            seq = self._seq
            for record in records:
                workspace_id, name = record["WorkspaceId"], record["WorkspaceName"]
                if workspace_id in by_id or name in by_name:
                    raise ValueError(f"Generated workspace {workspace_id} collides.")
                seq += 1
                by_id[workspace_id] = Workspace(record, seq)
                by_name[name] = workspace_id
            self._seq = seq
            region.sorted_cache.clear()

    def get(self, region_name: str, workspace_id: str) -> Workspace | None:
        with self.lock:
            self.settle(region_name)
            return self.region(region_name).by_id.get(workspace_id)

    def find_name(self, region_name: str, name: str) -> Workspace | None:
        with self.lock:
            region = self.region(region_name)
            workspace_id = region.by_name.get(name)
            return None if workspace_id is None else region.by_id.get(workspace_id)

    def update(self, region_name: str, workspace_id: str, changes: Mapping[str, Any]) -> None:
        with self.lock:
            region = self.region(region_name)
            workspace = region.by_id[workspace_id]
            workspace.record.update(changes)
            workspace.record["GmtModifiedTime"] = data.now_iso()
            region.sorted_cache.clear()

    def remove(self, region_name: str, workspace_id: str) -> None:
        with self.lock:
            region = self.region(region_name)
            workspace = region.by_id.pop(workspace_id)
            region.by_name.pop(str(workspace.record["WorkspaceName"]), None)
            if workspace in region.pending:
                region.pending.remove(workspace)
            region.sorted_cache.clear()

    def settle(self, region_name: str) -> None:
        """Apply status transitions that are due (creation delay elapsed)."""
        with self.lock:
            region = self.region(region_name)
            if not region.pending:
                return
            now = self._clock()
            still: list[Workspace] = []
            for workspace in region.pending:
                if workspace.ready_at is not None and workspace.ready_at <= now:
                    workspace.record["Status"] = workspace.final_status
                    workspace.ready_at = None
                else:
                    still.append(workspace)
            region.pending = still

    def sorted_view(self, region_name: str, sort_by: str) -> list[Workspace]:
        """All workspaces of a region ascending by ``sort_by`` then insertion order (cached)."""
        with self.lock:
            self.settle(region_name)
            region = self.region(region_name)
            view = region.sorted_cache.get(sort_by)
            if view is None:
                view = sorted(
                    region.by_id.values(), key=lambda w: (str(w.record.get(sort_by, "")), w.seq)
                )
                region.sorted_cache[sort_by] = view
            return view

    # Members ------------------------------------------------------------------------------

    def members(self, workspace: Workspace) -> MemberTable:
        """The workspace's members; a workspace nobody has touched has just its owner."""
        with self.lock:
            if workspace.members is None:
                table = MemberTable()
                owner = datafile.owner_member(workspace.record, self.users.get)
                if owner is not None:
                    table.add(owner)
                workspace.members = table
            return workspace.members

    def regions(self) -> list[str]:
        with self.lock:
            return list(self._regions)
