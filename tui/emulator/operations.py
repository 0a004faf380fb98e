"""The workspace operations of SPEC §3 (ListProducts and the five workspace calls):
parameters in, response body (without RequestId) out. ``Operations.run`` also hands the member
operations to ``members.MemberOperations``.

Decisions the SPEC leaves open, made here:
* Workspace operations in a region where PAI is not activated fail with 400
  ``ServiceNotActivated``; ListProducts always works (it is how clients find out).
* ListProducts returns ``PurchaseUrl``/``OpenUrl`` only with ``Verbose=true``.
* ListWorkspaces items always carry every field of the SPEC table, ``Creator`` and
  ``AdminNames`` included (``Verbose`` is validated but changes nothing);
  ``resourceGroupId``/``ResourceGroupId`` is left out when a workspace has none.
* GetWorkspace returns ``AdminNames`` and ``Owner`` only with ``Verbose=true`` (``AdminNames``
  per the GetWorkspace reference).
* ``WorkspaceName`` filters by case-insensitive substring of the name; ``WorkspaceIds`` and the
  other filters combine (AND) and are paged like any listing.
* ``Fields=Id`` returns items with only ``WorkspaceId``.
* CreateWorkspace accepts ``EnvTypes`` in either order and stores ``["dev", "prod"]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from paiws.emulator import data, errors, params, rules
from paiws.emulator.members import MemberOperations
from paiws.emulator.routes import Call
from paiws.emulator.store import Store, Workspace

OPTIONS = ("GetWorkspaces", "GetResourceLimits", "CheckWorkspaceExists")
LIST_FIELDS = (
    "WorkspaceId",
    "WorkspaceName",
    "DisplayName",
    "Description",
    "Creator",
    "Status",
    "GmtCreateTime",
    "GmtModifiedTime",
    "EnvTypes",
    "AdminNames",
    "IsDefault",
    "ExtraInfos",
)
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
_RESOURCE_GROUP = re.compile(r"rg-[A-Za-z0-9]+")

# Products ListProducts knows; only PAI_share depends on the region's activation.
PRODUCT_IDS = {
    "PAI_share": "learn_pai_public",
    "MaxCompute_share": "odps",
    "DataWorks_share": "dide_post",
    "DLC_share": "learn_pai_dlc_public",
}


class Operations:
    def __init__(self, store: Store, *, create_delay: float, create_outcome: str = "ENABLED"):
        self.store = store
        self.create_delay = create_delay
        self.create_outcome = create_outcome
        members = MemberOperations(store, existing=self._existing)
        self._handlers: dict[str, Callable[[Call], dict[str, Any]]] = {
            "ListProducts": self._ListProducts,
            "ListWorkspaces": self._ListWorkspaces,
            "GetWorkspace": self._GetWorkspace,
            "CreateWorkspace": self._CreateWorkspace,
            "UpdateWorkspace": self._UpdateWorkspace,
            "DeleteWorkspace": self._DeleteWorkspace,
            **members.handlers(),
        }

    def run(self, call: Call) -> dict[str, Any]:
        handler = self._handlers[call.operation]
        with self.store.lock:
            return handler(call)

    # ListProducts ------------------------------------------------------------------------

    def _ListProducts(self, call: Call) -> dict[str, Any]:
        q = call.query
        verbose = params.boolean(q, "Verbose")
        codes = params.comma_list(q, "ProductCodes") or list(PRODUCT_IDS)
        region = self.store.region(call.region)
        products = []
        for code in codes:
            if code not in PRODUCT_IDS:
                continue
            pai = code == "PAI_share"
            product: dict[str, Any] = {
                "ProductCode": code,
                "ProductId": PRODUCT_IDS[code],
                "IsPurchased": region.purchased if pai else True,
                "HasPermissionToPurchase": region.can_purchase if pai else True,
            }
            if verbose:
                product["PurchaseUrl"] = region.purchase_url if pai else ""
            products.append(product)
        services = []
        for code in params.comma_list(q, "ServiceCodes") or []:
            service: dict[str, Any] = {"ServiceCode": code, "IsOpen": True}
            if verbose:
                service["OpenUrl"] = f"https://common-buy.aliyun.com/?commodityCode={code}"
            services.append(service)
        return {"Products": products, "Services": services}

    # ListWorkspaces ----------------------------------------------------------------------

    def _ListWorkspaces(self, call: Call) -> dict[str, Any]:
        q = call.query
        option = params.enum(q, "Option", OPTIONS, "GetWorkspaces")
        page = params.integer(q, "PageNumber", 1, low=1)
        size = params.integer(q, "PageSize", DEFAULT_PAGE_SIZE, low=1, high=MAX_PAGE_SIZE)
        sort_by = params.enum(q, "SortBy", rules.SORT_FIELDS, "GmtCreateTime")
        order = params.enum(q, "Order", rules.ORDERS, "ASC")
        status = params.enum(q, "Status", rules.STATUSES, None)
        params.boolean(q, "Verbose")
        fields = params.comma_list(q, "Fields")
        if fields and any(f != "Id" for f in fields):
            raise errors.invalid_parameter("The parameter Fields only supports Id.")
        self._require_activation(call.region)
        if option == "GetResourceLimits":
            return {"ResourceLimits": dict(self.store.region(call.region).resource_limits)}
        if option == "CheckWorkspaceExists":
            name = q.get("WorkspaceName")
            if not name:
                raise errors.invalid_parameter(
                    "The parameter WorkspaceName is required with Option=CheckWorkspaceExists."
                )
            self.store.settle(call.region)
            found = self.store.find_name(call.region, name)
            matches = [] if found is None else [found]
            return {"TotalCount": len(matches), "Workspaces": [list_item(w) for w in matches]}
        view = self._filtered(call, sort_by or "GmtCreateTime", status)
        if order == "DESC":
            view = view[::-1]
        start = (page - 1) * size
        items = view[start : start + size]
        if fields:
            return {
                "TotalCount": len(view),
                "Workspaces": [{"WorkspaceId": w.workspace_id} for w in items],
            }
        return {"TotalCount": len(view), "Workspaces": [list_item(w) for w in items]}

    def _filtered(self, call: Call, sort_by: str, status: str | None) -> list[Workspace]:
        q = call.query
        view = self.store.sorted_view(call.region, sort_by)
        name = (q.get("WorkspaceName") or "").lower()
        ids = params.comma_list(q, "WorkspaceIds")
        group = q.get("ResourceGroupId") or None
        user = q.get("UserId") or None
        if ids is not None:
            wanted = set(ids)
            view = [w for w in view if w.workspace_id in wanted]
        if status is not None:
            view = [w for w in view if w.record.get("Status") == status]
        if name:
            view = [w for w in view if name in str(w.record.get("WorkspaceName", "")).lower()]
        if group is not None:
            view = [w for w in view if w.record.get("ResourceGroupId") == group]
        if user is not None:
            view = [w for w in view if user in (w.record.get("Creator"), _owner_id(w))]
        return view

    # GetWorkspace ------------------------------------------------------------------------

    def _GetWorkspace(self, call: Call) -> dict[str, Any]:
        verbose = params.boolean(call.query, "Verbose")
        return detail_item(self._existing(call), verbose=verbose)

    # CreateWorkspace ---------------------------------------------------------------------

    def _CreateWorkspace(self, call: Call) -> dict[str, Any]:
        body = params.json_body(call.body)
        name = params.optional_str(body, "WorkspaceName") or ""
        description = params.optional_str(body, "Description") or ""
        display_name = params.optional_str(body, "DisplayName") or name
        group = params.optional_str(body, "ResourceGroupId") or None
        envs = _env_types(body.get("EnvTypes"))
        problem = (
            rules.name_problem(name)
            or rules.description_problem(description)
            or rules.env_problem(envs)
        )
        if problem:
            raise errors.invalid_parameter(problem)
        if group is not None and _RESOURCE_GROUP.fullmatch(group) is None:
            raise errors.invalid_parameter("The parameter ResourceGroupId is invalid.")
        self._require_activation(call.region)
        if self.store.find_name(call.region, name) is not None:
            raise errors.name_taken(name)
        workspace_id = str(self.store.new_ids(1))
        record = data.new_workspace(
            workspace_id,
            name=name,
            display_name=display_name,
            description=description,
            env_types=envs,
            owner=call.caller.owner,
            status="INITIALIZING",
            created=data.now_iso(),
            resource_group_id=group,
        )
        self.store.add(
            call.region, record, ready_in=self.create_delay, final_status=self.create_outcome
        )
        return {"WorkspaceId": workspace_id}

    # UpdateWorkspace / DeleteWorkspace ---------------------------------------------------

    def _UpdateWorkspace(self, call: Call) -> dict[str, Any]:
        body = params.json_body(call.body)
        changes: dict[str, Any] = {}
        description = params.optional_str(body, "Description")
        if description is not None:
            problem = rules.description_problem(description)
            if problem:
                raise errors.invalid_parameter(problem)
            changes["Description"] = description
        display_name = params.optional_str(body, "DisplayName")
        if display_name is not None:
            if not display_name.strip():
                raise errors.invalid_parameter("The parameter DisplayName must not be empty.")
            changes["DisplayName"] = display_name
        workspace = self._existing(call)
        if changes:
            self.store.update(call.region, workspace.workspace_id, changes)
        return {}

    def _DeleteWorkspace(self, call: Call) -> dict[str, Any]:
        workspace = self._existing(call)
        self.store.remove(call.region, workspace.workspace_id)
        return {}

    # Helpers ---------------------------------------------------------------------------

    def _existing(self, call: Call) -> Workspace:
        """The workspace the path names, after the activation check (or the API's error)."""
        self._require_activation(call.region)
        workspace_id = call.workspace_id or ""
        workspace = self.store.get(call.region, workspace_id)
        if workspace is None:
            raise errors.workspace_not_found(workspace_id)
        return workspace

    def _require_activation(self, region: str) -> None:
        if not self.store.region(region).purchased:
            raise errors.not_activated(region)


def _env_types(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return []  # env_problem() then names the rule
    if sorted(value) == list(rules.STANDARD_ENVS):
        return list(rules.STANDARD_ENVS)
    return list(value)


def _owner_id(workspace: Workspace) -> Any:
    owner = workspace.record.get("Owner")
    return owner.get("UserId") if isinstance(owner, dict) else None


def list_item(workspace: Workspace) -> dict[str, Any]:
    """A ListWorkspaces item: note the lower-case ``resourceGroupId`` of the real service."""
    record = workspace.record
    item = {key: record[key] for key in LIST_FIELDS if key in record}
    if record.get("ResourceGroupId"):
        item["resourceGroupId"] = record["ResourceGroupId"]
    return item


def detail_item(workspace: Workspace, *, verbose: bool) -> dict[str, Any]:
    """A GetWorkspace body: ``ResourceGroupId`` capitalised; ``AdminNames`` and ``Owner`` only
    when verbose."""
    record = workspace.record
    item = {key: record[key] for key in LIST_FIELDS if key in record}
    if not verbose:
        item.pop("AdminNames", None)
    if record.get("ResourceGroupId"):
        item["ResourceGroupId"] = record["ResourceGroupId"]
    if verbose and "Owner" in record:
        item["Owner"] = record["Owner"]
    return item
