"""Hostile API responses, each carrying canaries: broken bodies, wrong types, missing fields,
huge strings, Rich markup and terminal escape sequences, and error bodies that echo secrets.

A case names the operation it breaks and how to call it; everything else the server answers
normally (activated region, a well-formed but canary-filled workspace).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.leaks.leak_canaries import (
    ACCOUNT,
    ADMIN_AT_ACCOUNT,
    ADMIN_MAIL,
    ADMIN_PLAIN,
    BODY,
    CREATOR_NUMBER,
    CREATOR_ONE,
    KEY_ID,
    OWNER_ONE,
    OWNER_TWO,
    SECRET,
    TENANT,
    TOKEN,
)
from tests.leaks.leak_support import Reply

HOSTILE_ID = "300001"
OSC52 = "\x1b]52;c;Q05SWUNBUFk=\x07"
ESCAPES = f"\x1b[31mred\x1b[0m {OSC52} \x1b[2J\x1b[H\x1b[10;10H \x1b]0;title\x07 \x9b31m"
HTML = "text/html;charset=utf-8"


def item(**changes: Any) -> dict[str, Any]:
    """A ListWorkspaces item / GetWorkspace body full of canaries."""
    base: dict[str, Any] = {
        "WorkspaceId": HOSTILE_ID,
        "WorkspaceName": "hostile_ws",
        "DisplayName": "Hostile",
        "Description": "A workspace served by a hostile endpoint",
        "Creator": CREATOR_ONE.value,
        "Status": "ENABLED",
        "GmtCreateTime": "2024-05-01T00:00:00.000Z",
        "GmtModifiedTime": "2024-05-02T00:00:00.000Z",
        "EnvTypes": ["prod"],
        "AdminNames": [ADMIN_MAIL.value, ADMIN_PLAIN.value, ADMIN_AT_ACCOUNT.value],
        "IsDefault": False,
        "ExtraInfos": {"TenantId": TENANT.value, "AccountId": ACCOUNT.value},
        "Owner": {k: v.value for k, v in OWNER_ONE.items()},
    }
    for key, value in changes.items():
        if value is _DROP:
            base.pop(key, None)
        else:
            base[key] = value
    return base


_DROP = object()


def listing(*items: Any, total: Any = None) -> dict[str, Any]:
    return {
        "RequestId": "R-2",
        "TotalCount": len(items) if total is None else total,
        "Workspaces": list(items),
    }


def detail(**changes: Any) -> dict[str, Any]:
    return {"RequestId": "R-3", **item(**changes)}


def html_page(status_line: str) -> str:
    # What a gateway, captive portal or proxy might send back, with data in it.
    return (
        f"<html><head><title>{status_line}</title></head><body><pre>"
        f"creator={CREATOR_ONE.value} owner={OWNER_ONE['UserName'].value} "
        f"admins={ADMIN_MAIL.value} tenant={TENANT.value} {BODY.value} "
        f"Authorization: acs {KEY_ID.value}:c2ln x-acs-security-token: {TOKEN.value}"
        f"</pre>{ESCAPES}</body></html>"
    )


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {
        "RequestId": "R-E",
        "HostId": "aiworkspace.cn-hangzhou.aliyuncs.com",
        "Code": code,
        "Message": message,
        "Recommend": f"https://api.aliyun.com/troubleshoot?q={code}",
        **extra,
    }


# What the real gateway answers to a bad signature: its own string to sign after the colon,
# which includes every x-acs-* header, so the STS token (SPEC §3, R9).
SIGNATURE_ECHO = error_body(
    "SignatureDoesNotMatch",
    "Specified signature is not matched with our calculation. server string to sign is:"
    f"GET\napplication/json\n\n\nThu, 01 Aug 2024 00:00:00 GMT\nx-acs-region-id:cn-hangzhou\n"
    f"x-acs-security-token:{TOKEN.value}\nx-acs-signature-method:HMAC-SHA1\n"
    f"x-acs-signature-nonce:abc\nx-acs-signature-version:1.0\nx-acs-version:2021-02-04\n"
    f"/api/v1/workspaces?RegionId=cn-hangzhou&AccessKeyId={KEY_ID.value}",
)

ACCESS_DENIED = error_body(
    "Forbidden.RAM",
    f"User not authorized to operate on the specified resource. {ESCAPES}",
    AccessDeniedDetail={
        "AuthAction": "paiworkspace:ListWorkspaces",
        "AuthPrincipalType": "SubUser",
        "AuthPrincipalDisplayName": OWNER_ONE["UserName"].value,
        "AuthPrincipalOwnerId": TENANT.value,
        "EncodedDiagnosticMessage": BODY.value,
    },
)


@dataclass(frozen=True)
class Case:
    name: str
    operation: str  # the scripted operation (HostileServer key)
    reply: Reply
    call: str  # "list", "get", "activation", "limits", "lookup", "create"


def _cases() -> list[Case]:
    huge = "A" * 3_000_000
    nested = "[" * 100_000 + "]" * 100_000
    cases = [
        Case("non-JSON body on a 200", "ListWorkspaces", Reply(200, html_page("OK"), HTML), "list"),
        Case(
            "non-JSON body on a 502",
            "ListWorkspaces",
            Reply(502, html_page("502 Bad Gateway"), HTML),
            "list",
        ),
        Case(
            "non-JSON body on a 500 for GetWorkspace",
            "GetWorkspace",
            Reply(500, html_page("500"), HTML),
            "get",
        ),
        Case(
            "non-JSON 404 for GetWorkspace",
            "GetWorkspace",
            Reply(404, html_page("404"), HTML),
            "get",
        ),
        Case(
            "non-JSON body on ListProducts",
            "ListProducts",
            Reply(200, html_page("portal"), HTML),
            "activation",
        ),
        Case(
            "invalid UTF-8 body",
            "ListWorkspaces",
            Reply(200, b"\xff\xfe" + BODY.value.encode() + b"\xc3\x28"),
            "list",
        ),
        Case("deeply nested JSON", "ListWorkspaces", Reply(200, nested), "list"),
        Case("JSON list instead of an object", "ListWorkspaces", Reply(200, [item()]), "list"),
        Case("JSON null", "GetWorkspace", Reply(200, "null"), "get"),
        Case(
            "Workspaces as an object",
            "ListWorkspaces",
            Reply(200, {"TotalCount": 1, "Workspaces": {"w": item()}}),
            "list",
        ),
        Case(
            "Workspaces entries as strings",
            "ListWorkspaces",
            Reply(200, listing(CREATOR_ONE.value, TENANT.value)),
            "list",
        ),
        Case(
            "EnvTypes as a string",
            "ListWorkspaces",
            Reply(200, listing(item(EnvTypes="prod"))),
            "list",
        ),
        Case(
            "AdminNames as a string",
            "ListWorkspaces",
            Reply(200, listing(item(AdminNames=ADMIN_PLAIN.value))),
            "list",
        ),
        Case(
            "AdminNames with objects",
            "GetWorkspace",
            Reply(200, detail(AdminNames=[{"name": ADMIN_MAIL.value}])),
            "get",
        ),
        Case(
            "Creator as an object",
            "ListWorkspaces",
            Reply(200, listing(item(Creator={"UserId": CREATOR_ONE.value}))),
            "list",
        ),
        Case(
            "Creator as a number",
            "ListWorkspaces",
            Reply(200, listing(item(Creator=int(CREATOR_NUMBER.value)))),
            "list",
        ),
        Case(
            "Creator as a huge number",
            "GetWorkspace",
            Reply(
                200,
                '{"WorkspaceId":"300001","WorkspaceName":"n","Status":"ENABLED",'
                '"GmtCreateTime":"2024-05-01T00:00:00Z","EnvTypes":["prod"],'
                '"Creator":' + "9" * 5000 + "}",
            ),
            "get",
        ),
        Case(
            "Creator as a list",
            "GetWorkspace",
            Reply(200, detail(Creator=[CREATOR_ONE.value])),
            "get",
        ),
        Case(
            "ExtraInfos as a list",
            "ListWorkspaces",
            Reply(200, listing(item(ExtraInfos=[TENANT.value, ACCOUNT.value]))),
            "list",
        ),
        Case(
            "ExtraInfos values as objects",
            "ListWorkspaces",
            Reply(
                200,
                listing(
                    item(
                        ExtraInfos={"TenantId": {"id": TENANT.value}, "AccountId": [ACCOUNT.value]}
                    )
                ),
            ),
            "list",
        ),
        Case(
            "Owner as a string",
            "GetWorkspace",
            Reply(200, detail(Owner=OWNER_ONE["UserId"].value)),
            "get",
        ),
        Case(
            "Owner fields as wrong types",
            "GetWorkspace",
            Reply(
                200,
                detail(
                    Owner={
                        "UserId": {"v": OWNER_ONE["UserId"].value},
                        "UserName": [OWNER_ONE["UserName"].value],
                        "UserKp": OWNER_ONE["UserKp"].value,
                    }
                ),
            ),
            "get",
        ),
        Case(
            "Owner with only UserKp",
            "GetWorkspace",
            Reply(200, detail(Owner={"UserKp": OWNER_TWO["UserKp"].value})),
            "get",
        ),
        Case(
            "missing WorkspaceName",
            "ListWorkspaces",
            Reply(200, listing(item(WorkspaceName=_DROP))),
            "list",
        ),
        Case(
            "missing WorkspaceId and Status",
            "GetWorkspace",
            Reply(200, detail(WorkspaceId=_DROP, Status=_DROP)),
            "get",
        ),
        Case("missing TotalCount", "ListWorkspaces", Reply(200, {"Workspaces": [item()]}), "list"),
        Case(
            "TotalCount as a canary string",
            "ListWorkspaces",
            Reply(200, listing(item(), total=TENANT.value)),
            "list",
        ),
        Case(
            "huge description and display name",
            "ListWorkspaces",
            Reply(200, listing(item(Description=huge, DisplayName=huge))),
            "list",
        ),
        Case(
            "huge Creator",
            "GetWorkspace",
            Reply(200, detail(Creator="x" * 1_000_000 + CREATOR_ONE.value)),
            "get",
        ),
        Case(
            "markup and escapes in names and descriptions",
            "ListWorkspaces",
            Reply(
                200,
                listing(
                    item(
                        WorkspaceName=f"[bold red]x[/]{OSC52}",
                        DisplayName=f"[/] {ESCAPES}",
                        Description=f"[link=file:///etc/passwd]x[/link] {ESCAPES}",
                        Status=f"ENABLED{OSC52}",
                        EnvTypes=["prod\x1b[2J"],
                    )
                ),
            ),
            "list",
        ),
        Case(
            "escapes inside masked fields",
            "GetWorkspace",
            Reply(
                200,
                detail(
                    Creator=f"{OSC52}{CREATOR_ONE.value}",
                    AdminNames=[f"\x1b[31m{ADMIN_PLAIN.value}"],
                    Owner={
                        "UserName": f"{OSC52}{OWNER_ONE['UserName'].value}",
                        "UserId": f"{OWNER_ONE['UserId'].value}\x1b[2J",
                    },
                ),
            ),
            "get",
        ),
        Case(
            "PurchaseUrl that is not https",
            "ListProducts",
            Reply(
                200,
                {
                    "Products": [
                        {
                            "ProductCode": "PAI_share",
                            "IsPurchased": False,
                            "HasPermissionToPurchase": True,
                            "PurchaseUrl": f"javascript:alert('{TENANT.value}')",
                        }
                    ]
                },
            ),
            "activation",
        ),
        Case(
            "PurchaseUrl with escapes",
            "ListProducts",
            Reply(
                200,
                {
                    "Products": [
                        {
                            "ProductCode": "PAI_share",
                            "IsPurchased": False,
                            "HasPermissionToPurchase": True,
                            "PurchaseUrl": f"https://buy.example.com/{OSC52}",
                        }
                    ]
                },
            ),
            "activation",
        ),
        Case(
            "IsPurchased as a canary string",
            "ListProducts",
            Reply(200, {"Products": [{"ProductCode": "PAI_share", "IsPurchased": TENANT.value}]}),
            "activation",
        ),
        Case(
            "ResourceLimits values as objects",
            "ListWorkspaces:GetResourceLimits",
            Reply(200, {"ResourceLimits": {"PAI_share": {"owner": TENANT.value}}}),
            "limits",
        ),
        Case(
            "ResourceLimits as a list",
            "ListWorkspaces:GetResourceLimits",
            Reply(200, {"ResourceLimits": [CREATOR_ONE.value]}),
            "limits",
        ),
        Case(
            "batch lookup with hostile rows",
            "ListWorkspaces",
            Reply(200, listing(item(), item(WorkspaceId="300002", Creator={"x": TENANT.value}))),
            "lookup",
        ),
        Case(
            "signature error echoing the string to sign",
            "ListWorkspaces",
            Reply(400, SIGNATURE_ECHO),
            "list",
        ),
        Case(
            "permission error with AccessDeniedDetail",
            "ListWorkspaces",
            Reply(403, ACCESS_DENIED),
            "list",
        ),
        Case(
            "error message with escapes and markup",
            "GetWorkspace",
            Reply(400, error_body("InvalidParameter", f"bad [bold]input[/] {ESCAPES} [/]")),
            "get",
        ),
        Case(
            "error Code and Message of wrong types",
            "ListWorkspaces",
            Reply(
                500,
                {
                    "Code": {"c": TENANT.value},
                    "Message": [BODY.value],
                    "RequestId": {"r": CREATOR_ONE.value},
                },
            ),
            "list",
        ),
        Case(
            "error message that quotes a secret",
            "ListWorkspaces",
            Reply(
                400,
                error_body(
                    "InvalidAccessKeyId.NotFound",
                    f"Specified access key is not found: {KEY_ID.value} (secret {SECRET.value})",
                ),
            ),
            "list",
        ),
        Case(
            "CreateWorkspace answers with a non-JSON 500",
            "CreateWorkspace",
            Reply(500, html_page("500"), HTML),
            "create",
        ),
    ]
    return cases


CASES: list[Case] = _cases()
