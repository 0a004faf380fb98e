"""The canary data set of the leak suite, and the one check every test uses.

Every sensitive value (Creator, Owner.UserId/UserKp/UserName/DisplayName, AdminNames,
ExtraInfos values, the AccessKey ID, secret and STS token) is a unique, meaningless string
containing ``CNRY``. R8 lets a few remnants through: the last 4 characters of an ID, the
first character of a name, the domain of an e-mail. The check therefore does not look for the
whole canary only: it looks for every 5-character piece of it that is not part of what R8
allows to be shown (``****0001``, ``u***``, ``a***@example.com``). A mask that shows one
character too many is caught; the allowed remnant is not a false alarm.

Canary bodies are random-looking on purpose: no English word of five letters or more, so no
piece of one can appear in ordinary UI text ("administrator", "example").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from paiws.emulator import Emulator

REGION = "cn-hangzhou"
PURCHASABLE_REGION = "cn-beijing"  # not activated; the account may purchase
NO_PERMISSION_REGION = "ap-southeast-1"  # not activated; ask the administrator
EMPTY_REGION = "cn-shanghai"  # activated, no workspaces

GRAM = 5  # the length of the pieces looked for


@dataclass(frozen=True)
class Canary:
    label: str  # where it lives, for failure messages (never the value itself)
    value: str
    shown_as: str = ""  # what R8 allows on screen ("" for credentials: nothing at all)

    def grams(self) -> frozenset[str]:
        return _UNIQUE_GRAMS.get(self, frozenset()) or self._grams()

    def _grams(self) -> frozenset[str]:
        text = self.value
        pieces = {text[i : i + GRAM] for i in range(max(1, len(text) - GRAM + 1))}
        if self.shown_as.endswith("***") or "***@" in self.shown_as:
            # A name mask that keeps 2-4 leading characters is too short to be a piece above.
            pieces |= {text[:k] + "*" for k in range(2, GRAM)}
        return frozenset(p for p in pieces if p not in self.shown_as)


def _id(label: str, value: str) -> Canary:
    return Canary(label, value, "****" + value[-4:])


def _name(label: str, value: str) -> Canary:
    return Canary(label, value, value[0] + "***")


def _mail(label: str, value: str) -> Canary:
    return Canary(label, value, value[0] + "***@" + value.partition("@")[2])


def _secret(label: str, value: str) -> Canary:
    return Canary(label, value)


# -- credentials (R1: never shown, not even partly) -------------------------------------------

KEY_ID = _secret("AccessKey ID", "LTAI5tCNRYkeyVb2Mq8Zd")
SECRET = _secret("AccessKey secret", "sEcCNRYz9Lk4Hs7PdW3q")
TOKEN = _secret("STS token", "CAISsTsCNRYt6Qw1Ex5JrK0")
AK_KEY_ID = _secret("AccessKey ID (no STS)", "LTAI5tCNRYakwJq3Ru6Yt")
AK_SECRET = _secret("AccessKey secret (no STS)", "aKsCNRYu8Io2Pl5Kj7Hg")
DENIED_KEY_ID = _secret("denied AccessKey ID", "LTAI5tCNRYdnyXc4Pw9Kf")
DENIED_SECRET = _secret("denied AccessKey secret", "dSeCNRYq2Vb8Nm5Ht1Lz")

# -- people ----------------------------------------------------------------------------------

OWNER_ONE = {
    "UserId": _id("Owner.UserId #1", "uidCNRYq7Zk3Wv0001"),
    "UserKp": _secret("Owner.UserKp #1", "kpCNRYm2Xr8TyQ4"),  # never shown, not even masked
    "UserName": _name("Owner.UserName #1", "uCNRYnm4Hq9LpX"),
    "DisplayName": _name("Owner.DisplayName #1", "DCNRYdsp5Jt2Nw"),
}
OWNER_TWO = {
    "UserId": _id("Owner.UserId #2", "uidCNRYf3Gh8Jk0002"),
    "UserKp": _secret("Owner.UserKp #2", "kpCNRYw6Ty1UiO3"),
    "UserName": _mail("Owner.UserName #2 (e-mail)", "oCNRYml8Ds2Fq@example.com"),
    "DisplayName": _name("Owner.DisplayName #2 (CJK)", "陈CNRYdsp3Kx7Bv"),
}
CREATOR_ONE = _id("Creator #1", "creCNRYh3Pn6Df0005")
CREATOR_TWO = _id("Creator #2", "creCNRYv5Mz2Qa0006")
# Every 5-digit window is above 65535, so an ephemeral port number on screen cannot match it.
CREATOR_NUMBER = _id("Creator #3 (a number)", "987698769876980007")
ADMIN_MAIL = _mail("AdminNames e-mail", "aCNRYml6Rb1Qx@example.com")
ADMIN_PLAIN = _name("AdminNames plain", "pCNRYpln7Gc3Vz")
ADMIN_AT_ACCOUNT = _name("AdminNames user@account (not an e-mail)", "xCNRYtrk4Lm@CNRYacct9Kd")
TENANT = _id("ExtraInfos.TenantId", "tenCNRYr4Ws8Yu0003")
ACCOUNT = _id("ExtraInfos.AccountId", "accCNRYe2Rt6Yh0004")

# Members and the account's users (R8, R14): every field of ListMembers / ListWorkspaceUsers
# that names a person. IDs are letters and digits (they pass the client's user-ID rule, so the
# flows that act on them run); a MemberId canary of its own, not derived from the user ID.
MEMBER = {
    "UserId": _id("Member.UserId", "mbiCNRYx4Kq8Zt0011"),
    "MemberId": _id("Member.MemberId", "mbmCNRYp3Lw7Rz0012"),
    "MemberName": _name("Member.MemberName", "mCNRYmb8Gh2Tq"),
    "DisplayName": _name("Member.DisplayName (CJK)", "李CNRYmdn6Vc1Wx"),
    "AccountName": _mail("Member.AccountName (e-mail)", "qCNRYmac9Jk4Lp@example.com"),
}
ADMIN_MEMBER = {
    "UserId": _id("Admin member.UserId", "amiCNRYt7Np2Gs0014"),
    "MemberId": _id("Admin member.MemberId", "ammCNRYd5Qs8Hv0015"),
    "MemberName": _name("Admin member.MemberName", "eCNRYamn3Pw6Zy"),
    "DisplayName": _name("Admin member.DisplayName", "gCNRYadn7Ku4Rb"),
    "AccountName": _name("Admin member.AccountName (not an e-mail)", "nCNRYaac2Mb7Qw"),
}
POOL_USER = {
    "UserId": _id("User.UserId", "pliCNRYk5Hn3Fd0013"),
    "UserName": _name("User.UserName", "wCNRYusr4Bx9Kp"),
    "DisplayName": _name("User.DisplayName", "UCNRYudn8Lq1Xe"),
    "AccountName": _mail("User.AccountName (e-mail)", "sCNRYuac6Wt2Mn@example.org"),
}
MEMBER_PEOPLE: tuple[Canary, ...] = (
    *MEMBER.values(),
    *ADMIN_MEMBER.values(),
    *POOL_USER.values(),
)

PEOPLE: tuple[Canary, ...] = (
    *MEMBER_PEOPLE,
    *OWNER_ONE.values(),
    *OWNER_TWO.values(),
    CREATOR_ONE,
    CREATOR_TWO,
    CREATOR_NUMBER,
    ADMIN_MAIL,
    ADMIN_PLAIN,
    ADMIN_AT_ACCOUNT,
    TENANT,
    ACCOUNT,
)
CREDENTIALS: tuple[Canary, ...] = (
    KEY_ID,
    SECRET,
    TOKEN,
    AK_KEY_ID,
    AK_SECRET,
    DENIED_KEY_ID,
    DENIED_SECRET,
)
# Used only inside hostile bodies (non-JSON pages, error details): never shown in any form.
BODY = _secret("raw response body", "bodyCNRYp0Ai8Sd7Fg")
ALL: tuple[Canary, ...] = (*PEOPLE, *CREDENTIALS, BODY)


def _unique_grams() -> dict[Canary, frozenset[str]]:
    """Pieces shared by two canaries (e.g. "LTAI5") would blame the wrong field: drop them."""
    counts: dict[str, int] = {}
    for canary in ALL:
        for gram in canary._grams():
            counts[gram] = counts.get(gram, 0) + 1
    return {c: frozenset(g for g in c._grams() if counts[g] == 1) for c in ALL}


_UNIQUE_GRAMS: dict[Canary, frozenset[str]] = {}
_UNIQUE_GRAMS.update(_unique_grams())

# -- the data set ----------------------------------------------------------------------------

ID_ONE, ID_TWO, ID_THREE, ID_FOUR = "200001", "200002", "200003", "200004"
MISSING_ID = "299999"

MARKUP_NAME = "[bold red]x[/]"  # literal, never interpreted
ESCAPE_DESCRIPTION = (
    "red \x1b[31mANSI\x1b[0m clip \x1b]52;c;Q05SWUNBUFk=\x07 move \x1b[2J\x1b[H end [/]"
)


def _owner(people: Mapping[str, Canary]) -> dict[str, str]:
    return {key: canary.value for key, canary in people.items()}


def _workspace(
    wid: str, name: str, owner: Mapping[str, Canary], creator: Canary | int, **fields: Any
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "WorkspaceId": wid,
        "WorkspaceName": name,
        "DisplayName": f"{name} display",
        "Description": f"The {name} workspace",
        "Creator": creator if isinstance(creator, int) else creator.value,
        "Status": "ENABLED",
        "GmtCreateTime": f"2024-03-0{wid[-1]}T08:30:00.000Z",
        "GmtModifiedTime": f"2024-04-0{wid[-1]}T09:45:00.000Z",
        "EnvTypes": ["dev", "prod"],
        "AdminNames": [ADMIN_MAIL.value, ADMIN_PLAIN.value, ADMIN_AT_ACCOUNT.value],
        "IsDefault": False,
        "ExtraInfos": {"TenantId": TENANT.value, "AccountId": ACCOUNT.value},
        "Owner": _owner(owner),
    }
    record.update(fields)
    return record


def canary_data() -> dict[str, Any]:
    """Emulator data (``Emulator(data=canary_data())``)."""
    return {
        "regions": {
            REGION: {
                "resource_limits": {"PAI_share": 10, "DLC_share": 7, "MaxCompute_share": 5},
                "workspaces": [
                    _workspace(ID_ONE, "canary_one", OWNER_ONE, CREATOR_ONE, IsDefault=True),
                    _workspace(
                        ID_TWO,
                        "canary_two",
                        OWNER_TWO,
                        CREATOR_TWO,
                        EnvTypes=["prod"],
                        ResourceGroupId="rg-aek2canary",
                    ),
                    _workspace(
                        ID_THREE,
                        "canary_three",
                        OWNER_ONE,
                        int(CREATOR_NUMBER.value),
                        Status="FROZEN",
                        AdminNames=[OWNER_TWO["UserName"].value],
                    ),
                    _workspace(
                        ID_FOUR,
                        MARKUP_NAME,
                        OWNER_TWO,
                        CREATOR_TWO,
                        DisplayName="[link=https://example.com]click[/link] \x1b[5mblink",
                        Description=ESCAPE_DESCRIPTION,
                    ),
                ],
            },
            PURCHASABLE_REGION: {"activation": {"purchased": False, "can_purchase": True}},
            NO_PERMISSION_REGION: {"activation": {"purchased": False, "can_purchase": False}},
            EMPTY_REGION: {"workspaces": []},
        }
    }


# -- the check -------------------------------------------------------------------------------


def leaks(text: str, canaries: Iterable[Canary] = ALL) -> list[str]:
    """Labels of the canaries a text shows more of than R8 allows."""
    return [c.label for c in canaries if any(g in text for g in c.grams())]


def assert_no_canary(
    text: str | bytes, where: str = "output", canaries: Iterable[Canary] = ALL
) -> None:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    found = leaks(text, canaries)
    # The message names the field, never the value: the failure report must not leak either.
    assert not found, f"{where} shows sensitive data beyond R8: {', '.join(found)}"


def add_canary_keys(emu: Emulator) -> None:
    emu.add_key(KEY_ID.value, SECRET.value, sts_token=TOKEN.value)
    emu.add_key(AK_KEY_ID.value, AK_SECRET.value)
    emu.add_key(
        DENIED_KEY_ID.value,
        DENIED_SECRET.value,
        denied_actions=("GetWorkspace", "ListWorkspaces", "CreateWorkspace"),
    )


def add_canary_members(emu: Emulator, workspace_id: str = ID_ONE) -> None:
    """Two members (one an administrator) and a pool user who can be added, all canaries, in
    ``workspace_id`` (whose owner, OWNER_ONE, is its first member)."""
    for person, account_type in ((MEMBER, "5"), (ADMIN_MEMBER, "6")):
        emu.add_user(
            person["UserId"].value,
            UserName=person["MemberName"].value,
            DisplayName=person["DisplayName"].value,
            AccountName=person["AccountName"].value,
            AccountType=account_type,
        )
    emu.add_user(
        POOL_USER["UserId"].value,
        UserName=POOL_USER["UserName"].value,
        DisplayName=POOL_USER["DisplayName"].value,
        AccountName=POOL_USER["AccountName"].value,
        AccountType="5",
    )
    emu.add_member(
        REGION,
        workspace_id,
        MEMBER["UserId"].value,
        ["PAI.AlgoDeveloper", "PAI.WorkspaceGuest"],
        MemberId=MEMBER["MemberId"].value,
    )
    emu.add_member(
        REGION,
        workspace_id,
        ADMIN_MEMBER["UserId"].value,
        ["PAI.WorkspaceAdmin"],
        MemberId=ADMIN_MEMBER["MemberId"].value,
    )
