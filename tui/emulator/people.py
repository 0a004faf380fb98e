"""The account's people: demo owners, the user pool (who can be added) and derived users.

User IDs look like the real service's: 16-digit numeric strings. An Alibaba Cloud account
(``AccountType`` "1") starts with 1, a RAM user ("5") with 2, a RAM role ("6") with 3. The four
demo owners end in 0001..0004, so masked IDs (``****`` + last 4) read the same as before the
IDs became numeric. Everything here is deterministic: no clock, no randomness.

A *user* is ``{UserId, UserName, DisplayName, AccountName, AccountType}``; an *owner* (the
``Owner`` of GetWorkspace Verbose) is ``{UserId, UserKp, UserName, DisplayName}``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from typing import Any

from paiws.emulator.rules import ACCOUNT_PRIMARY, ACCOUNT_RAM_ROLE, ACCOUNT_RAM_USER

DEMO_ACCOUNT_ALIAS = "demo-corp"  # RAM logins are <name>@demo-corp.onaliyun.com
TENANT_ID = "1596283470330001"

# The demo's workspace owners. Alice is the primary account (the demo key belongs to her).
DEMO_USERS: tuple[dict[str, str], ...] = (
    {
        "UserId": "1469205837410001",
        "UserKp": "1469205837410001",
        "UserName": "alice@example.com",
        "DisplayName": "Alice Example",
    },
    {
        "UserId": "2053718264950002",
        "UserKp": "1469205837410001",
        "UserName": "bob.demo",
        "DisplayName": "Bob Demo",
    },
    {
        "UserId": "2186430957120003",
        "UserKp": "1469205837410001",
        "UserName": "chen.ming@example.com",
        "DisplayName": "陈明",
    },
    {
        "UserId": "2240981376580004",
        "UserKp": "1469205837410001",
        "UserName": "dana",
        "DisplayName": "Dana Demo",
    },
)
_DEMO_ACCOUNT_TYPES = (ACCOUNT_PRIMARY, ACCOUNT_RAM_USER, ACCOUNT_RAM_USER, ACCOUNT_RAM_USER)


def ram_login(name: str) -> str:
    """A RAM user's logon name as the console shows it: ``name@<alias>.onaliyun.com``."""
    local = name.split("@", 1)[0]
    return f"{local}@{DEMO_ACCOUNT_ALIAS}.onaliyun.com"


def user_from_owner(
    owner: Mapping[str, Any], account_type: str = ACCOUNT_RAM_USER
) -> dict[str, Any]:
    """A pool/member user made from an ``Owner`` object (values kept as they are)."""
    name = owner.get("UserName")
    account = name if account_type == ACCOUNT_PRIMARY or not isinstance(name, str) else None
    return {
        "UserId": owner.get("UserId"),
        "UserName": name,
        "DisplayName": owner.get("DisplayName"),
        "AccountName": account if account is not None else ram_login(str(name)),
        "AccountType": account_type,
    }


def demo_owner_users() -> list[dict[str, Any]]:
    return [
        user_from_owner(owner, kind)
        for owner, kind in zip(DEMO_USERS, _DEMO_ACCOUNT_TYPES, strict=True)
    ]


def numeric_id(prefix: str, seed: str) -> str:
    """A stable 16-digit ID starting with ``prefix`` (1, 2 or 3) derived from ``seed``."""
    digest = int(hashlib.sha256(seed.encode("utf-8")).hexdigest()[:15], 16)
    return prefix + f"{digest % 10**15:015d}"


def user_for_key(key_id: str) -> dict[str, str]:
    """The owner behind an AccessKey: the demo key is Alice, other keys get a derived RAM
    user (so workspaces a test key creates have a different, stable owner)."""
    if key_id == "paiws-demo":
        return dict(DEMO_USERS[0])
    user_id = numeric_id("2", "key:" + key_id)
    return {
        "UserId": user_id,
        "UserKp": DEMO_USERS[0]["UserKp"],
        "UserName": f"user{user_id[-5:]}@example.com",
        "DisplayName": f"Demo User {user_id[-5:]}",
    }


# Generated people -------------------------------------------------------------------------

_SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱")
_SURNAMES_LATIN = (
    "wang",
    "li",
    "zhang",
    "liu",
    "chen",
    "yang",
    "zhao",
    "huang",
    "zhou",
    "wu",
    "xu",
    "sun",
    "hu",
    "zhu",
)
_GIVEN = ("伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰", "娟", "涛", "明", "超", "霞")
_GIVEN_LATIN = (
    "wei",
    "fang",
    "na",
    "min",
    "jing",
    "lei",
    "yang",
    "yan",
    "yong",
    "jie",
    "juan",
    "tao",
    "ming",
    "chao",
    "xia",
)
_ENGLISH = ("Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper", "Jordan", "Kai")
_ROLE_NAMES = ("TrainingRole", "InferenceRole", "PipelineRole", "NotebookRole")


def generated_user(k: int) -> dict[str, Any]:
    """The k-th synthetic pool user (k >= 0): mostly RAM users with CJK display names, every
    ninth one with an English name and an e-mail login, every 50th a RAM role."""
    if k % 50 == 49:
        role = _ROLE_NAMES[(k // 50) % len(_ROLE_NAMES)]
        name = f"{role}{k:04d}"
        return {
            "UserId": numeric_id("3", f"user:{k}"),
            "UserName": name,
            "DisplayName": name,
            "AccountName": f"{name}@role.{DEMO_ACCOUNT_ALIAS}.onaliyun.com",
            "AccountType": ACCOUNT_RAM_ROLE,
        }
    surname, given = k % len(_SURNAMES), (k // len(_SURNAMES)) % len(_GIVEN)
    if k % 9 == 4:
        first = _ENGLISH[(k // 9) % len(_ENGLISH)]
        login = f"{first.lower()}.{_SURNAMES_LATIN[surname]}{k:04d}@example.com"
        display = f"{first} {_SURNAMES_LATIN[surname].title()}"
        return {
            "UserId": numeric_id("2", f"user:{k}"),
            "UserName": login,
            "DisplayName": display,
            "AccountName": login,
            "AccountType": ACCOUNT_RAM_USER,
        }
    login = f"{_SURNAMES_LATIN[surname]}.{_GIVEN_LATIN[given]}{k:04d}"
    return {
        "UserId": numeric_id("2", f"user:{k}"),
        "UserName": login,
        "DisplayName": _SURNAMES[surname] + _GIVEN[given],
        "AccountName": ram_login(login),
        "AccountType": ACCOUNT_RAM_USER,
    }


def generated_users(start: int, n: int) -> Iterator[dict[str, Any]]:
    for k in range(start, start + n):
        yield generated_user(k)
