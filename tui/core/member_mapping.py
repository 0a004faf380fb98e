"""Raw member and user answers -> masked view models, in one step (R8, R9, R16).

The same rules as `mapping.py` (whose guard and body readers this module uses): an item
degrades per field, only a body that is not the expected object fails the call, and a schema
break raises a fresh ``MalformedResponse`` naming the field, never its value. The real user and
member IDs go into the service's `PeopleBook`; the view models get the book's opaque key.
"""

from __future__ import annotations

from collections.abc import Mapping

from paiws.core.item_reader import UNREADABLE, ItemReader
from paiws.core.mapping import _count, _guarded, _raw, _SchemaBreak
from paiws.core.masking import NOT_AVAILABLE, safe_text
from paiws.core.member_present import MEMBER_KEYS, USER_KEYS
from paiws.core.member_views import MemberPage, MemberRow, UserRow, UserSearch
from paiws.core.people_book import PeopleBook
from paiws.core.raw import Raw
from paiws.core.roles import account_type_words

Item = Mapping[str, object]
_ID_LIMIT = 128


def _raw_id(value: object) -> str:
    """An ID the service may act on later: a non-empty string, else nothing (R16: a wrongly
    typed ID is shown as unreadable and its person cannot be changed)."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    return text if 0 < len(text) <= _ID_LIMIT else ""


def _items(raw: Item, key: str) -> list[object]:
    items = raw.get(key)
    if items is None:
        return []
    if not isinstance(items, list | tuple):
        raise _SchemaBreak(key)
    return list(items)


def _member(item: Item, workspace_id: str, book: PeopleBook) -> MemberRow:
    read = ItemReader(item)
    user_id, member_id = _raw_id(item.get("UserId")), _raw_id(item.get("MemberId"))
    if user_id and member_id:
        book.note_member(workspace_id, user_id, member_id)
    account_type = read.text("AccountType", "Account Type")
    if account_type not in (NOT_AVAILABLE, UNREADABLE):
        account_type = account_type_words(safe_text(account_type, 16))
    return MemberRow(
        key=book.key(user_id) if user_id else "",
        member_id=read.masked_id("MemberId", "Member ID"),
        user_id=read.masked_id("UserId", "User ID"),
        name=read.masked_name("MemberName", "Name"),
        display_name=read.masked_name("DisplayName", "Display Name"),
        account=read.masked_account("AccountName", "Account"),
        account_type=account_type,
        roles=read.words("Roles", "Roles"),
        added=read.time("GmtCreateTime", "Added"),
        unreadable=tuple(read.unreadable),
    )


def _unreadable_member() -> MemberRow:
    """A list entry that is not an object at all: shown, every field unreadable (R16)."""
    return MemberRow(
        key="",
        member_id=UNREADABLE,
        user_id=UNREADABLE,
        name=UNREADABLE,
        display_name=UNREADABLE,
        account=UNREADABLE,
        account_type=UNREADABLE,
        roles=(),
        added=UNREADABLE,
        unreadable=MEMBER_KEYS,
    )


def _members(raw: Item, workspace_id: str, book: PeopleBook) -> tuple[MemberRow, ...]:
    return tuple(
        _member(entry, workspace_id, book) if isinstance(entry, Mapping) else _unreadable_member()
        for entry in _items(raw, "Members")
    )


def _member_of(raw: Item, user_id: str, workspace_id: str, book: PeopleBook) -> MemberRow | None:
    _count(raw, "TotalCount", "")
    for entry in _items(raw, "Members"):
        # Matched on the real ID: a server that ignored the filter must not make a stranger
        # look like the person checked (R14).
        if isinstance(entry, Mapping) and _raw_id(entry.get("UserId")) == user_id:
            return _member(entry, workspace_id, book)
    return None


def _user(item: Item, book: PeopleBook) -> UserRow:
    read = ItemReader(item)
    user_id = _raw_id(item.get("UserId"))
    return UserRow(
        key=book.key(user_id) if user_id else "",
        user_id=read.masked_id("UserId", "User ID"),
        name=read.masked_name("UserName", "Name"),
        unreadable=tuple(read.unreadable),
    )


def _users(raw: Item, name: str, book: PeopleBook) -> UserSearch:
    users = tuple(
        _user(entry, book)
        if isinstance(entry, Mapping)
        else UserRow(key="", user_id=UNREADABLE, name=UNREADABLE, unreadable=USER_KEYS)
        for entry in _items(raw, "Users")
    )
    total = _count(raw, "TotalCount", "") if raw.get("TotalCount") is not None else len(users)
    return UserSearch(name=name, users=users, total=max(total, len(users)))


# -- public API -------------------------------------------------------------------------------


def member_page(
    raw: Raw | Item, *, page: int, page_size: int, workspace_id: str, book: PeopleBook
) -> MemberPage:
    """ListMembers: TotalCount and the members of one page."""
    raw = _raw(raw)
    return _guarded(
        "ListMembers",
        raw,
        lambda r: MemberPage(
            rows=_members(r, workspace_id, book),
            total=_count(r, "TotalCount", ""),
            page=page,
            page_size=page_size,
        ),
    )


def member_of(
    raw: Raw | Item, *, user_id: str, workspace_id: str, book: PeopleBook
) -> MemberRow | None:
    """ListMembers UserId=<id> (R14's check): that person's member row, or None."""
    raw = _raw(raw)
    return _guarded("ListMembers", raw, lambda r: _member_of(r, user_id, workspace_id, book))


def member_total(raw: Raw | Item) -> int:
    """ListMembers' TotalCount (e.g. how many administrators there are)."""
    raw = _raw(raw)
    return _guarded("ListMembers", raw, lambda r: _count(r, "TotalCount", ""))


def user_search(raw: Raw | Item, *, name: str, book: PeopleBook) -> UserSearch:
    """ListWorkspaceUsers UserName=<name>: the users who can be added (at most 100)."""
    raw = _raw(raw)
    return _guarded("ListWorkspaceUsers", raw, lambda r: _users(r, name, book))
