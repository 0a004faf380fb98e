"""Raw API responses -> masked view models, in one step (R8, R9, R16).

Items degrade per field (`item_reader.py`): a field of the wrong type reads ``unreadable`` and
the item says which; a missing field reads ``N/A``. Only a body that is not the expected JSON
object (no object, a list that is not a list, a count that is not a count) raises
:class:`MalformedResponse`, whose message names the field, never its value.

Why every public function goes through :func:`_guarded`: a schema break is detected deep inside
helpers whose locals hold raw values (a dict sent where an ID belongs may be full of user IDs).
Textual renders tracebacks *with locals*, so the public function catches the internal error and
raises a fresh ``MalformedResponse`` outside the ``except`` block: the new exception has no
``__context__`` and its traceback starts at a frame that holds only a ``Raw`` (which never shows
its contents).

Times are kept as ISO 8601 UTC (``2023-02-01T03:00:00Z``); `present` formats them for people.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from paiws.core.errors import MalformedResponse
from paiws.core.i18n import N_, _
from paiws.core.item_reader import UNREADABLE, ItemReader, iso_time
from paiws.core.links import purchase_url
from paiws.core.masking import NOT_AVAILABLE, safe_text
from paiws.core.present import WORKSPACE_KEYS, display_time
from paiws.core.raw import Raw
from paiws.core.views import (
    ActivationState,
    LookupResult,
    NameCheck,
    OwnerInfo,
    ResourceLimits,
    WorkspaceDetail,
    WorkspacePage,
    WorkspaceRow,
)

PRODUCT_CODE = "PAI_share"
_KEY_LIMIT = 64
_T = TypeVar("_T")

Item = Mapping[str, object]


class _SchemaBreak(Exception):
    """Internal only. Carries our own field path and a problem phrase, never a value."""

    def __init__(self, path: str, problem: str = N_("has the wrong type")) -> None:
        super().__init__(path)
        self.path = path
        self.problem = problem


def _guarded(operation: str, raw: Raw, build: Callable[[Raw], _T]) -> _T:
    if raw is _NOT_AN_OBJECT:
        detail = "it is not a JSON object"
    else:
        try:
            return build(raw)
        except _SchemaBreak as exc:
            detail = _("field {path} {problem}").format(path=exc.path, problem=_(exc.problem))
        except Exception:  # hostile data must end in a clear error, never a crash
            detail = _("it could not be read")
    # Raised outside the except block on purpose: no __context__, no frames with raw locals.
    raise MalformedResponse(
        _("The server sent a malformed {operation} response: {detail}.").format(
            operation=operation, detail=detail
        ),
        code="MalformedResponse",
        hint=_("Retry; if it persists, the endpoint may not be a PAI workspace API."),
    )


def _as_item(value: object, path: str) -> Item:
    if not isinstance(value, Mapping):
        raise _SchemaBreak(path)
    return value


def _at(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


# -- body-level readers (a broken body fails the call; a broken item field does not, R16) ------


def _count(item: Item, key: str, prefix: str) -> int:
    """A non-negative integer; a string of digits is accepted too (some gateways send those)."""
    value = item.get(key)
    if value is None:
        raise _SchemaBreak(_at(prefix, key), N_("is missing"))
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str):
        digits = value.strip()
        if digits.isascii() and digits.isdigit() and len(digits) <= 18:
            return int(digits)
    raise _SchemaBreak(_at(prefix, key))


def _flag(item: Item, key: str, prefix: str) -> bool:
    value = item.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _SchemaBreak(_at(prefix, key))
    return value


def _identifier(item: Item, key: str, prefix: str) -> str:
    """An ID the next request depends on (CreateWorkspace's answer, a name check's hit)."""
    value = item.get(key)
    if value is None:
        raise _SchemaBreak(_at(prefix, key), N_("is missing"))
    if not (isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))):
        raise _SchemaBreak(_at(prefix, key))
    text = safe_text(value if isinstance(value, str) else str(value)).strip()
    if not text:
        raise _SchemaBreak(_at(prefix, key), N_("is empty"))
    return text


def format_time(value: object) -> str:
    """An API time for people: ``YYYY-MM-DD HH:MM:SS UTC`` (see `present.display_time`)."""
    return display_time(iso_time(value) if isinstance(value, str) else NOT_AVAILABLE)


# -- builders (called under _guarded) ---------------------------------------------------------


def _row(item: Item) -> WorkspaceRow:
    """One workspace, field by field (R16); list items say resourceGroupId, GetWorkspace says
    ResourceGroupId."""
    read = ItemReader(item)
    group_key = "ResourceGroupId" if read.present("ResourceGroupId") else "resourceGroupId"
    row = WorkspaceRow(
        workspace_id=read.identifier("WorkspaceId", "Workspace ID"),
        name=read.text("WorkspaceName", "Name"),
        display_name=read.text("DisplayName", "Display Name"),
        description=read.text("Description", "Description"),
        status=read.text("Status", "Status"),
        environments=read.words("EnvTypes", "Environments"),
        created=read.time("GmtCreateTime", "Created"),
        modified=read.time("GmtModifiedTime", "Modified"),
        creator_id=read.masked_id("Creator", "Creator ID"),
        administrators=read.masked_accounts("AdminNames", "Administrators"),
        resource_group=read.text(group_key, "Resource Group"),
        is_default=read.flag("IsDefault", "Default"),
        extra_info=read.extra_infos("ExtraInfos", "Extra Info"),
    )
    return replace(row, unreadable=tuple(read.unreadable)) if read.unreadable else row


def _unreadable_row() -> WorkspaceRow:
    """A list entry that is not an object at all: shown, every field unreadable (R16)."""
    return WorkspaceRow(
        workspace_id=UNREADABLE,
        name=UNREADABLE,
        display_name=UNREADABLE,
        description=UNREADABLE,
        status=UNREADABLE,
        environments=(),
        created=UNREADABLE,
        modified=UNREADABLE,
        creator_id=UNREADABLE,
        administrators=(),
        resource_group=UNREADABLE,
        is_default=False,
        unreadable=WORKSPACE_KEYS,
    )


def _rows(raw: Item) -> tuple[WorkspaceRow, ...]:
    items = raw.get("Workspaces")
    if items is None:
        return ()
    if not isinstance(items, list | tuple):
        raise _SchemaBreak("Workspaces")
    return tuple(
        _row(entry) if isinstance(entry, Mapping) else _unreadable_row() for entry in items
    )


def _owner(raw: Item) -> OwnerInfo | None:
    read = ItemReader(raw)
    owner = read.block("Owner", "Owner")
    if owner is None:
        return None
    fields = ItemReader(owner)
    # UserKp is never read: it must not exist anywhere outside the raw response.
    return OwnerInfo(
        username=fields.masked_name("UserName", "Owner"),
        display_name=fields.masked_name("DisplayName", "Owner Display Name"),
        user_id=fields.masked_id("UserId", "Owner ID"),
        unreadable=tuple(fields.unreadable),
    )


def _detail(raw: Item, verbose: bool) -> WorkspaceDetail:
    row = _row(raw)
    owner: OwnerInfo | None = None
    if verbose:
        owner = _owner(raw)
        if owner is None and ItemReader(raw).present("Owner"):  # an Owner that is no object
            row = replace(row, unreadable=(*row.unreadable, "Owner"))
        elif owner is not None and owner.unreadable:
            row = replace(row, unreadable=(*row.unreadable, *owner.unreadable))
    return WorkspaceDetail(workspace=row, owner=owner, verbose=verbose)


def _activation(raw: Item, region: str) -> ActivationState:
    products = raw.get("Products")
    if products is None:
        raise _SchemaBreak("Products", N_("is missing"))
    if not isinstance(products, list | tuple):
        raise _SchemaBreak("Products")
    for index, entry in enumerate(products):
        product = _as_item(entry, f"Products[{index}]")
        if product.get("ProductCode") != PRODUCT_CODE:
            continue
        prefix = f"Products[{index}]"
        if _flag(product, "IsPurchased", prefix):
            return ActivationState(region=region, status="activated")
        if _flag(product, "HasPermissionToPurchase", prefix):
            url = purchase_url(product.get("PurchaseUrl"))
            return ActivationState(region=region, status="purchasable", purchase_url=url)
        return ActivationState(region=region, status="no_permission")
    raise _SchemaBreak("Products", N_("has no PAI_share entry"))


def _limits(raw: Item, region: str) -> ResourceLimits:
    value = raw.get("ResourceLimits")
    if value is None:
        raise _SchemaBreak("ResourceLimits", N_("is missing"))
    limits = _as_item(value, "ResourceLimits")
    items: dict[str, int] = {}
    for key in limits:
        if not isinstance(key, str):
            raise _SchemaBreak("ResourceLimits")
        # Keys are product types (not sensitive) but still untrusted text; the path names the
        # container only, so no server string ever lands in an error message.
        count = limits[key]
        if isinstance(count, str) and count.strip().isascii() and count.strip().isdigit():
            count = int(count.strip()[:18])
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise _SchemaBreak("ResourceLimits")
        items[safe_text(key, _KEY_LIMIT)] = count
    return ResourceLimits(region=region, items=tuple(sorted(items.items())))


def _name_check(raw: Item, name: str) -> NameCheck:
    if _count(raw, "TotalCount", "") == 0:
        return NameCheck(name=name, available=True)
    items = raw.get("Workspaces")
    if not isinstance(items, list | tuple) or not items:
        raise _SchemaBreak("Workspaces", N_("is missing or empty although TotalCount > 0"))
    first = _as_item(items[0], "Workspaces[0]")
    return NameCheck(
        name=name, available=False, existing_id=_identifier(first, "WorkspaceId", "Workspaces[0]")
    )


def _lookup(raw: Item, requested: Sequence[str]) -> LookupResult:
    wanted = tuple(dict.fromkeys(i.strip() for i in requested if i.strip()))
    by_id = {row.workspace_id: row for row in _rows(raw)}
    return LookupResult(
        requested=wanted,
        found=tuple(by_id[i] for i in wanted if i in by_id),
        missing=tuple(i for i in wanted if i not in by_id),
    )


_NOT_AN_OBJECT = Raw({}, operation="not an object")


def _raw(value: object) -> Raw:
    """Wrap a plain mapping so that no frame of ours holds a dict whose repr shows its contents.

    Public functions rebind their argument to this, so even their own frame (part of any
    traceback) shows only ``<Raw ... redacted>``.
    """
    if isinstance(value, Raw):
        return value
    if isinstance(value, Mapping):
        return Raw(value)
    return _NOT_AN_OBJECT


# -- public API -------------------------------------------------------------------------------


def workspace_row(item: Raw | Item) -> WorkspaceRow:
    """One workspace from a ListWorkspaces item or a GetWorkspace response."""
    item = _raw(item)
    return _guarded("workspace", item, _row)


def workspace_detail(raw: Raw | Item, *, verbose: bool) -> WorkspaceDetail:
    """GetWorkspace. The Owner block is read only when ``verbose`` (R6); UserKp never is."""
    raw = _raw(raw)
    return _guarded("GetWorkspace", raw, lambda r: _detail(r, verbose))


def workspace_page(raw: Raw | Item, *, page: int, page_size: int) -> WorkspacePage:
    """ListWorkspaces: TotalCount and the rows of one page."""
    raw = _raw(raw)
    return _guarded(
        "ListWorkspaces",
        raw,
        lambda r: WorkspacePage(
            rows=_rows(r), total=_count(r, "TotalCount", ""), page=page, page_size=page_size
        ),
    )


def activation(raw: Raw | Item, *, region: str) -> ActivationState:
    """ListProducts (ProductCodes=PAI_share): activated, purchasable (with URL) or no permission."""
    raw = _raw(raw)
    return _guarded("ListProducts", raw, lambda r: _activation(r, region))


def resource_limits(raw: Raw | Item, *, region: str) -> ResourceLimits:
    """ListWorkspaces Option=GetResourceLimits: ``{type: count}`` sorted by type."""
    raw = _raw(raw)
    return _guarded("ListWorkspaces", raw, lambda r: _limits(r, region))


def name_check(raw: Raw | Item, *, name: str) -> NameCheck:
    """ListWorkspaces Option=CheckWorkspaceExists: TotalCount and Workspaces[0].WorkspaceId."""
    raw = _raw(raw)
    return _guarded("ListWorkspaces", raw, lambda r: _name_check(r, name))


def created_workspace_id(raw: Raw | Item) -> str:
    """CreateWorkspace: the new WorkspaceId."""
    raw = _raw(raw)
    return _guarded("CreateWorkspace", raw, lambda r: _identifier(r, "WorkspaceId", ""))


def batch_ids(raw: Raw | Item) -> tuple[str, ...]:
    """ListWorkspaces WorkspaceIds=a,b,c: the IDs the server returned, in its order."""
    raw = _raw(raw)
    return _guarded("ListWorkspaces", raw, lambda r: tuple(row.workspace_id for row in _rows(r)))


def batch_lookup(raw: Raw | Item, *, requested: Sequence[str]) -> LookupResult:
    """R5: the batch result is final. Found rows follow the requested order (duplicates and
    blanks dropped); requested IDs the server did not return are ``missing``; rows nobody asked
    for are ignored."""
    raw = _raw(raw)
    return _guarded("ListWorkspaces", raw, lambda r: _lookup(r, requested))
