"""Raw API responses -> masked view models, in one step (R8, R9).

The schema is checked strictly: a required field that is missing, or any field with the wrong
type, raises :class:`MalformedResponse` whose message names the field, never its value.

Why every public function goes through :func:`_guarded`: a schema break is detected deep inside
helpers whose locals hold raw values (a dict sent where an ID belongs may be full of user IDs).
Textual renders tracebacks *with locals*, so the public function catches the internal error and
raises a fresh ``MalformedResponse`` outside the ``except`` block: the new exception has no
``__context__`` and its traceback starts at a frame that holds only a ``Raw`` (which never shows
its contents).

Times (ISO-8601, UTC on the wire) are shown as ``YYYY-MM-DD HH:MM:SS UTC``; a time that does not
parse is shown as sent, made terminal-safe.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import urlsplit

from paiws.core.errors import MalformedResponse
from paiws.core.masking import (
    NOT_AVAILABLE,
    mask_admins,
    mask_extra_infos,
    mask_id,
    mask_name,
    safe_text,
)
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
_URL_LIMIT = 2048
_KEY_LIMIT = 64
_T = TypeVar("_T")

Item = Mapping[str, object]


class _SchemaBreak(Exception):
    """Internal only. Carries our own field path and a problem phrase, never a value."""

    def __init__(self, path: str, problem: str = "has the wrong type") -> None:
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
            detail = f"field {exc.path} {exc.problem}"
        except Exception:  # hostile data must end in a clear error, never a crash
            detail = "it could not be read"
    # Raised outside the except block on purpose: no __context__, no frames with raw locals.
    raise MalformedResponse(
        f"The server sent a malformed {operation} response: {detail}.",
        code="MalformedResponse",
        hint="Retry; if it persists, the endpoint may not be a PAI workspace API.",
    )


def _as_item(value: object, path: str) -> Item:
    if not isinstance(value, Mapping):
        raise _SchemaBreak(path)
    return value


def _at(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


# -- field readers ------------------------------------------------------------------------------


def _text(value: object) -> str:
    text = safe_text(value)
    return text if text.strip() else NOT_AVAILABLE


def _required_str(item: Item, key: str, prefix: str) -> str:
    value = item.get(key)
    if value is None:
        raise _SchemaBreak(_at(prefix, key), "is missing")
    if not isinstance(value, str):
        raise _SchemaBreak(_at(prefix, key))
    return _text(value)


def _optional_str(item: Item, key: str, prefix: str) -> str:
    value = item.get(key)
    if value is None:
        return NOT_AVAILABLE
    if not isinstance(value, str):
        raise _SchemaBreak(_at(prefix, key))
    return _text(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _identifier(item: Item, key: str, prefix: str) -> str:
    """A workspace ID: a non-empty string (or a number, which some servers send)."""
    value = item.get(key)
    if value is None:
        raise _SchemaBreak(_at(prefix, key), "is missing")
    if not (isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))):
        raise _SchemaBreak(_at(prefix, key))
    text = safe_text(value if isinstance(value, str) else str(value)).strip()
    if not text:
        raise _SchemaBreak(_at(prefix, key), "is empty")
    return text


def _str_list(item: Item, key: str, prefix: str, *, required: bool) -> list[str]:
    value = item.get(key)
    if value is None:
        if required:
            raise _SchemaBreak(_at(prefix, key), "is missing")
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise _SchemaBreak(_at(prefix, key))
    return list(value)


def _flag(item: Item, key: str, prefix: str) -> bool:
    value = item.get(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _SchemaBreak(_at(prefix, key))
    return value


def _count(item: Item, key: str, prefix: str) -> int:
    """A non-negative integer; a string of digits is accepted too (some gateways send those)."""
    value = item.get(key)
    if value is None:
        raise _SchemaBreak(_at(prefix, key), "is missing")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str):
        digits = value.strip()
        if digits.isascii() and digits.isdigit() and len(digits) <= 18:
            return int(digits)
    raise _SchemaBreak(_at(prefix, key))


def _sensitive_id(item: Item, key: str, prefix: str) -> str:
    """Creator / Owner.UserId: a string or a number, masked to ``****1234`` at once."""
    value = item.get(key)
    if value is None:
        return NOT_AVAILABLE
    if not (isinstance(value, str) or _is_number(value)):
        raise _SchemaBreak(_at(prefix, key))
    return mask_id(value)


def _sensitive_name(item: Item, key: str, prefix: str) -> str:
    value = item.get(key)
    if value is None:
        return NOT_AVAILABLE
    if not isinstance(value, str):
        raise _SchemaBreak(_at(prefix, key))
    return mask_name(value)


def format_time(value: object) -> str:
    """ISO-8601 -> ``YYYY-MM-DD HH:MM:SS UTC``; unparseable text is returned terminal-safe."""
    text = safe_text(value).strip()
    if not text:
        return NOT_AVAILABLE
    try:
        parsed = datetime.fromisoformat(text) if len(text) <= 64 else None
        if parsed is None:
            return text
        if parsed.tzinfo is None:  # the API sends UTC; a missing zone means UTC
            parsed = parsed.replace(tzinfo=UTC)
        t = parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return text
    # Formatted by hand: strftime("%Y") does not zero-pad years below 1000 on glibc.
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}:{t.second:02d} UTC"


def _time(item: Item, key: str, prefix: str, *, required: bool) -> str:
    value = item.get(key)
    if value is None:
        if required:
            raise _SchemaBreak(_at(prefix, key), "is missing")
        return NOT_AVAILABLE
    if not isinstance(value, str):
        raise _SchemaBreak(_at(prefix, key))
    return format_time(value)


def _https_url(value: object) -> str | None:
    """Only a clean ``https://`` URL is offered to the user to open or copy."""
    if not isinstance(value, str) or not value or safe_text(value, _URL_LIMIT) != value:
        return None
    if any(ch.isspace() for ch in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme == "https" and parts.netloc else None


# -- builders (called under _guarded) ---------------------------------------------------------


def _row(item: Item, prefix: str = "") -> WorkspaceRow:
    # List items say resourceGroupId, GetWorkspace says ResourceGroupId.
    group_key = "ResourceGroupId" if item.get("ResourceGroupId") is not None else "resourceGroupId"
    extra = item.get("ExtraInfos")
    if extra is not None and not isinstance(extra, Mapping):
        raise _SchemaBreak(_at(prefix, "ExtraInfos"))
    return WorkspaceRow(
        workspace_id=_identifier(item, "WorkspaceId", prefix),
        name=_required_str(item, "WorkspaceName", prefix),
        display_name=_optional_str(item, "DisplayName", prefix),
        description=_optional_str(item, "Description", prefix),
        status=_required_str(item, "Status", prefix),
        environments=tuple(
            safe_text(env, _KEY_LIMIT) for env in _str_list(item, "EnvTypes", prefix, required=True)
        ),
        created=_time(item, "GmtCreateTime", prefix, required=True),
        modified=_time(item, "GmtModifiedTime", prefix, required=False),
        creator_id=_sensitive_id(item, "Creator", prefix),
        administrators=mask_admins(_str_list(item, "AdminNames", prefix, required=False)),
        resource_group=_optional_str(item, group_key, prefix),
        is_default=_flag(item, "IsDefault", prefix),
        extra_info=mask_extra_infos(extra),
    )


def _rows(raw: Item) -> tuple[WorkspaceRow, ...]:
    items = raw.get("Workspaces")
    if items is None:
        return ()
    if not isinstance(items, list | tuple):
        raise _SchemaBreak("Workspaces")
    return tuple(
        _row(_as_item(entry, f"Workspaces[{index}]"), f"Workspaces[{index}]")
        for index, entry in enumerate(items)
    )


def _owner(raw: Item) -> OwnerInfo | None:
    value = raw.get("Owner")
    if value is None:
        return None
    owner = _as_item(value, "Owner")
    # UserKp is never read: it must not exist anywhere outside the raw response.
    return OwnerInfo(
        username=_sensitive_name(owner, "UserName", "Owner"),
        display_name=_sensitive_name(owner, "DisplayName", "Owner"),
        user_id=_sensitive_id(owner, "UserId", "Owner"),
    )


def _activation(raw: Item, region: str) -> ActivationState:
    products = raw.get("Products")
    if products is None:
        raise _SchemaBreak("Products", "is missing")
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
            url = _https_url(product.get("PurchaseUrl"))
            return ActivationState(region=region, status="purchasable", purchase_url=url)
        return ActivationState(region=region, status="no_permission")
    raise _SchemaBreak("Products", f"has no {PRODUCT_CODE} entry")


def _limits(raw: Item, region: str) -> ResourceLimits:
    value = raw.get("ResourceLimits")
    if value is None:
        raise _SchemaBreak("ResourceLimits", "is missing")
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
        raise _SchemaBreak("Workspaces", "is missing or empty although TotalCount > 0")
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
    return _guarded(
        "GetWorkspace",
        raw,
        lambda r: WorkspaceDetail(
            workspace=_row(r), owner=_owner(r) if verbose else None, verbose=verbose
        ),
    )


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
