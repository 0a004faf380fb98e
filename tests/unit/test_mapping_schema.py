"""Raw -> view model mapping: strict schema, masking at the boundary, hostile responses.

Every sensitive value below carries the token CANARY before its last four characters, so no
output R8 allows (last 4 of an ID, first character of a name, domain of an e-mail) can contain
it. Any CANARY in an output, a repr, an error message or a rendered traceback is a leak.
"""

from __future__ import annotations

import dataclasses
import io
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.traceback import Traceback

from paiws.core import mapping
from paiws.core.errors import MalformedResponse
from paiws.core.masking import NOT_AVAILABLE
from paiws.core.raw import Raw

# Built at run time so that no source line (which a rendered traceback shows) contains it.
CANARY = "".join(("Cq", "7Zk", "Canary"))
CREATOR = f"{CANARY}-creator-0001"
USER_ID = f"{CANARY}-user-0002"
USER_KP = f"{CANARY}-kp-Zq77"
USER_NAME = f"{CANARY}-username"
DISPLAY_NAME = f"{CANARY} Display"
ADMINS = [f"{CANARY}.admin@example.com", f"{CANARY}-admin-2", f"x{CANARY}"]
TENANT = f"{CANARY}-tenant-0003"

FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def workspace(**overrides: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "WorkspaceId": "123456",
        "WorkspaceName": "demo_ws",
        "DisplayName": "Demo workspace",
        "Description": "For unit tests",
        "Creator": CREATOR,
        "Status": "ENABLED",
        "GmtCreateTime": "2024-03-01T08:30:00.123Z",
        "GmtModifiedTime": "2024-03-02T09:00:00Z",
        "EnvTypes": ["dev", "prod"],
        "AdminNames": list(ADMINS),
        "IsDefault": False,
        "ExtraInfos": {"TenantId": TENANT},
        "resourceGroupId": "rg-abc",
    }
    for key, value in overrides.items():
        if value is _DROP:
            item.pop(key, None)
        else:
            item[key] = value
    return item


_DROP = object()


def detail_raw(**overrides: Any) -> Raw:
    item = workspace(**{"resourceGroupId": _DROP, "ResourceGroupId": "rg-abc", **overrides})
    item["Owner"] = {
        "UserId": USER_ID,
        "UserKp": USER_KP,
        "UserName": USER_NAME,
        "DisplayName": DISPLAY_NAME,
    }
    item["RequestId"] = "req-1"
    return Raw(item, "GetWorkspace")


def page_raw(*items: Any, total: Any = None) -> Raw:
    return Raw(
        {
            "RequestId": "r",
            "TotalCount": len(items) if total is None else total,
            "Workspaces": list(items),
        },
        "ListWorkspaces",
    )


def strings_in(obj: object) -> list[str]:
    """Every string inside a (nested) view model."""
    if isinstance(obj, str):
        return [obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [s for f in dataclasses.fields(obj) for s in strings_in(getattr(obj, f.name))]
    if isinstance(obj, tuple | list):
        return [s for v in obj for s in strings_in(v)]
    return []


def assert_clean(obj: object) -> None:
    text = repr(obj)
    assert CANARY not in text
    assert USER_KP[-4:] not in text  # UserKp: not even its tail
    for s in strings_in(obj):
        assert FORBIDDEN.search(s) is None, ascii(s)


def rendered_traceback(exc: BaseException) -> str:
    """What Textual's crash handler would print: a Rich traceback *with locals*, from the first
    product frame on (the test's own lambdas hold the hostile input, the product must not)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != mapping.__file__:
        tb = tb.tb_next
    assert tb is not None
    out = io.StringIO()
    console = Console(file=out, width=200, color_system=None)
    console.print(Traceback.from_exception(type(exc), exc, tb, show_locals=True))
    return out.getvalue()


def malformed(call: Callable[[], object]) -> MalformedResponse:
    with pytest.raises(MalformedResponse) as info:
        call()
    exc = info.value
    assert CANARY not in str(exc) and CANARY not in repr(exc)
    assert exc.__context__ is None and exc.__cause__ is None
    assert CANARY not in rendered_traceback(exc)
    return exc


# -- well-formed responses ------------------------------------------------------------------------


def test_list_item_maps_to_a_masked_row() -> None:
    row = mapping.workspace_row(Raw(workspace()))
    assert row.workspace_id == "123456"
    assert row.name == "demo_ws"
    assert row.display_name == "Demo workspace"
    assert row.description == "For unit tests"
    assert row.status == "ENABLED"
    assert row.environments == ("dev", "prod")
    assert row.created == "2024-03-01T08:30:00Z"  # ISO 8601 UTC; present makes it readable
    assert row.modified == "2024-03-02T09:00:00Z"
    assert row.creator_id == "****0001"
    assert row.administrators == ("C***@example.com", "C***", "x***")
    assert row.resource_group == "rg-abc"
    assert row.is_default is False
    assert row.extra_info == (("TenantId", "****0003"),)
    assert row.unreadable == ()
    assert_clean(row)


def test_get_workspace_uses_capitalised_resource_group_id() -> None:
    detail = mapping.workspace_detail(detail_raw(), verbose=False)
    assert detail.workspace.resource_group == "rg-abc"


def test_detail_without_verbose_has_no_owner_even_if_sent() -> None:
    detail = mapping.workspace_detail(detail_raw(), verbose=False)
    assert detail.owner is None and detail.verbose is False
    assert_clean(detail)


def test_verbose_detail_masks_the_owner_and_drops_user_kp() -> None:
    detail = mapping.workspace_detail(detail_raw(), verbose=True)
    assert detail.verbose is True
    assert detail.owner is not None
    assert detail.owner.username == "C***"
    assert detail.owner.display_name == "C***"
    assert detail.owner.user_id == "****0002"
    assert not hasattr(detail.owner, "user_kp")
    assert_clean(detail)


def test_verbose_detail_without_owner_block() -> None:
    raw = Raw({k: v for k, v in detail_raw().items() if k != "Owner"})
    assert mapping.workspace_detail(raw, verbose=True).owner is None


def test_missing_optional_fields_become_na_or_empty() -> None:
    item = workspace(
        DisplayName=_DROP,
        Description=_DROP,
        Creator=_DROP,
        GmtModifiedTime=_DROP,
        AdminNames=_DROP,
        IsDefault=_DROP,
        ExtraInfos=_DROP,
        resourceGroupId=_DROP,
    )
    row = mapping.workspace_row(item)
    assert row.display_name == row.description == row.creator_id == NOT_AVAILABLE
    assert row.modified == row.resource_group == NOT_AVAILABLE
    assert row.administrators == () and row.extra_info == ()
    assert row.is_default is False


def test_null_optional_fields_are_treated_as_missing() -> None:
    row = mapping.workspace_row(workspace(Creator=None, AdminNames=None, ExtraInfos=None))
    assert row.creator_id == NOT_AVAILABLE and row.administrators == ()


@pytest.mark.parametrize("creator", [1234567890, 12])
def test_a_numeric_creator_is_unreadable_not_masked(creator: int) -> None:
    """R16 names it: a number where a string belongs is unreadable (never its digits)."""
    row = mapping.workspace_row(workspace(Creator=creator))
    assert row.creator_id == "unreadable" and row.unreadable == ("Creator ID",)


def test_numeric_workspace_id_becomes_text() -> None:
    assert mapping.workspace_row(workspace(WorkspaceId=98765)).workspace_id == "98765"


def test_page_maps_total_and_rows() -> None:
    page = mapping.workspace_page(
        page_raw(workspace(), workspace(WorkspaceId="2"), total=57), page=3, page_size=2
    )
    assert page.total == 57 and page.page == 3 and page.page_size == 2
    assert [r.workspace_id for r in page.rows] == ["123456", "2"]
    assert_clean(page)


def test_page_accepts_numeric_string_total_and_missing_list() -> None:
    page = mapping.workspace_page(Raw({"TotalCount": "0"}), page=1, page_size=20)
    assert page.total == 0 and page.rows == ()


def test_plain_dicts_are_accepted_too() -> None:
    page = mapping.workspace_page(
        {"TotalCount": 1, "Workspaces": [workspace()]}, page=1, page_size=20
    )
    assert page.rows[0].name == "demo_ws"


# -- times ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2021-01-21T17:12:35.232Z", "2021-01-21 17:12:35 UTC"),
        ("2021-01-21T17:12:35Z", "2021-01-21 17:12:35 UTC"),
        ("2021-01-22T01:12:35+08:00", "2021-01-21 17:12:35 UTC"),
        ("2021-01-21T17:12:35", "2021-01-21 17:12:35 UTC"),
        ("0099-01-01T00:00:00Z", "0099-01-01 00:00:00 UTC"),
        ("yesterday", "yesterday"),
        ("soon\x1b[2J", "soon"),
        ("", NOT_AVAILABLE),
        (None, NOT_AVAILABLE),
    ],
)
def test_format_time(value: object, shown: str) -> None:
    assert mapping.format_time(value) == shown


# -- hostile and malformed responses --------------------------------------------------------------

WRONG_TYPES = [
    ("EnvTypes", "prod"),
    ("EnvTypes", ["prod", 1]),
    ("EnvTypes", {"0": "prod"}),
    ("AdminNames", ADMINS[0]),
    ("AdminNames", [CREATOR, {"n": CREATOR}]),
    ("Creator", {"id": CREATOR}),
    ("Creator", [CREATOR]),
    ("Creator", True),
    ("WorkspaceId", {"id": CREATOR}),
    ("WorkspaceId", 1.5),
    ("WorkspaceName", [CANARY]),
    ("Status", 1),
    ("DisplayName", {CANARY: 1}),
    ("Description", [CANARY]),
    ("GmtCreateTime", 1700000000),
    ("GmtModifiedTime", {"t": CANARY}),
    ("IsDefault", "true"),
    ("ExtraInfos", [TENANT]),
    ("ExtraInfos", TENANT),
    ("resourceGroupId", {CANARY: 1}),
]


# The natural-language key each wire field is reported under (R8, R16).
LABELS = {
    "EnvTypes": "Environments",
    "AdminNames": "Administrators",
    "Creator": "Creator ID",
    "WorkspaceId": "Workspace ID",
    "WorkspaceName": "Name",
    "Status": "Status",
    "DisplayName": "Display Name",
    "Description": "Description",
    "GmtCreateTime": "Created",
    "GmtModifiedTime": "Modified",
    "IsDefault": "Default",
    "ExtraInfos": "Extra Info",
    "resourceGroupId": "Resource Group",
    "ResourceGroupId": "Resource Group",
}


@pytest.mark.parametrize(("field", "value"), WRONG_TYPES)
def test_a_wrongly_typed_field_reads_unreadable_and_the_rest_of_the_page_is_kept(
    field: str, value: object
) -> None:
    """R16: degrade per field, never per page; the value itself is never shown."""
    page = mapping.workspace_page(
        page_raw(workspace(**{field: value}), workspace(WorkspaceId="2"), total=2),
        page=1,
        page_size=20,
    )
    odd, fine = page.rows
    assert odd.unreadable == (LABELS[field],)
    assert fine.unreadable == () and fine.workspace_id == "2"
    assert page.unreadable_items == 1
    assert CANARY not in repr(page) and CREATOR not in repr(page)
    assert_clean(page)


@pytest.mark.parametrize(("field", "value"), WRONG_TYPES)
def test_a_wrongly_typed_field_in_get_workspace_reads_unreadable(field: str, value: object) -> None:
    field = "ResourceGroupId" if field == "resourceGroupId" else field
    detail = mapping.workspace_detail(detail_raw(**{field: value}), verbose=True)
    assert detail.workspace.unreadable == (LABELS[field],)
    assert detail.owner is not None and detail.owner.user_id == "****0002"
    assert CANARY not in repr(detail)


@pytest.mark.parametrize(
    "field", ["WorkspaceId", "WorkspaceName", "Status", "EnvTypes", "GmtCreateTime"]
)
def test_a_missing_field_reads_not_available_not_unreadable(field: str) -> None:
    row = mapping.workspace_row(workspace(**{field: _DROP}))
    assert row.unreadable == ()
    shown = {
        "WorkspaceId": row.workspace_id,
        "WorkspaceName": row.name,
        "Status": row.status,
        "EnvTypes": ", ".join(row.environments) or NOT_AVAILABLE,
        "GmtCreateTime": row.created,
    }[field]
    assert shown == NOT_AVAILABLE


def test_a_blank_workspace_id_reads_not_available() -> None:
    assert mapping.workspace_row(workspace(WorkspaceId=" ")).workspace_id == NOT_AVAILABLE


def test_a_list_entry_that_is_no_object_is_a_row_of_unreadable_fields() -> None:
    page = mapping.workspace_page(
        Raw({"TotalCount": 2, "Workspaces": [CREATOR, workspace()]}), page=1, page_size=20
    )
    assert len(page.rows) == 2 and page.unreadable_items == 1
    assert page.rows[0].name == "unreadable" and CANARY not in repr(page.rows[0])


@pytest.mark.parametrize(
    "body",
    [
        {"TotalCount": 1, "Workspaces": {CANARY: workspace()}},
        {"TotalCount": 1, "Workspaces": CANARY},
        {"TotalCount": True, "Workspaces": []},
        {"TotalCount": -1, "Workspaces": []},
        {"TotalCount": CANARY, "Workspaces": []},
        {"TotalCount": 1.5, "Workspaces": []},
        {"Workspaces": []},
    ],
)
def test_malformed_pages(body: dict[str, Any]) -> None:
    malformed(lambda: mapping.workspace_page(Raw(body), page=1, page_size=20))


@pytest.mark.parametrize(
    ("owner", "unreadable"),
    [
        (CANARY, ("Owner",)),
        ([USER_ID], ("Owner",)),
        ({"UserId": {"x": USER_ID}}, ("Owner ID",)),
        ({"UserName": [CANARY]}, ("Owner",)),
        ({"DisplayName": 7}, ("Owner Display Name",)),
    ],
)
def test_a_wrongly_typed_owner_reads_unreadable(owner: object, unreadable: tuple[str]) -> None:
    raw = Raw({**detail_raw(), "Owner": owner})
    detail = mapping.workspace_detail(raw, verbose=True)
    assert detail.workspace.unreadable == unreadable
    assert CANARY not in repr(detail) and USER_ID not in repr(detail)
    # Without Verbose the block is never read, so it cannot mark anything.
    assert mapping.workspace_detail(raw, verbose=False).workspace.unreadable == ()


@pytest.mark.parametrize("value", [[1, 2], CANARY, None, 42])
def test_a_response_that_is_not_an_object_is_malformed(value: object) -> None:
    exc = malformed(lambda: mapping.workspace_row(value))  # type: ignore[arg-type]
    assert "not a JSON object" in str(exc)


def test_unreadable_values_become_malformed_not_a_crash() -> None:
    class Exploding(dict[str, Any]):
        def __getitem__(self, key: str) -> Any:
            raise RuntimeError(CANARY)

    exc = malformed(lambda: mapping.workspace_row(Exploding(WorkspaceId="1")))
    assert "could not be read" in str(exc)


def test_traceback_locals_never_show_raw_values() -> None:
    """Even a plain dict handed in is rebound to a redacted Raw before anything can fail."""

    def call() -> None:
        mapping.workspace_page(
            {"TotalCount": {CANARY: CREATOR}, "Workspaces": [workspace()]},
            page=1,
            page_size=20,
        )

    rendered = rendered_traceback(malformed(call))
    assert "redacted" in rendered


def test_rich_markup_is_kept_literally() -> None:
    row = mapping.workspace_row(
        workspace(WorkspaceName="[bold red]x[/]", Description="[/] stray close", Status="[link]")
    )
    assert row.name == "[bold red]x[/]"
    assert row.description == "[/] stray close"
    assert row.status == "[link]"


def test_terminal_escapes_are_stripped_from_every_display_field() -> None:
    evil = "a\x1b[31mb\x1b]52;c;Q0FOQVJZ\x07c\x1b[2J\x9b1;1Hd\u202e"
    row = mapping.workspace_row(
        workspace(
            WorkspaceName=evil,
            DisplayName=evil,
            Description=evil,
            Status=evil,
            EnvTypes=[evil],
            resourceGroupId=evil,
            GmtCreateTime=evil,
            Creator=evil + "12345",
            AdminNames=[evil, "x" + evil + "@example.com"],
            ExtraInfos={"TenantId": evil},
        )
    )
    assert row.name == row.description == row.status == row.resource_group == "abcd"
    assert row.environments == ("abcd",) and row.created == "abcd"
    assert row.creator_id == "****2345"
    assert_clean(row)


def test_huge_strings_are_capped() -> None:
    big = "d" * 2_000_000
    row = mapping.workspace_row(
        workspace(Description=big, WorkspaceName=big, Creator=CANARY + big, AdminNames=[big])
    )
    assert len(row.description) <= 1024 and row.description.endswith("…")
    assert len(row.name) <= 1024
    assert row.creator_id == "****dddd"
    assert row.administrators == ("d***",)


sensitive_scalar = st.builds(
    lambda head, tail: head + CANARY + tail,
    st.text(st.characters(exclude_characters="@"), max_size=6),
    st.text(min_size=4, max_size=10),
)
sensitive_value = st.recursive(
    sensitive_scalar | st.integers() | st.none() | st.booleans() | st.floats(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
display_text = st.text(max_size=40) | st.lists(
    st.sampled_from(["\x1b[31m", "\x1b]52;c;eA==\x07", "[b]", "[/]", "ok", "\n", "\x9b2J", "名"]),
    max_size=8,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(
    creator=sensitive_value,
    admins=sensitive_value,
    extra=sensitive_value,
    owner=sensitive_value,
    user_id=sensitive_value,
    user_name=sensitive_value,
    name=display_text,
    description=display_text,
)
def test_any_response_maps_to_clean_models_or_a_clean_error(
    creator: object,
    admins: object,
    extra: object,
    owner: object,
    user_id: object,
    user_name: object,
    name: str,
    description: str,
) -> None:
    item = workspace(
        Creator=creator,
        AdminNames=admins,
        ExtraInfos=extra,
        WorkspaceName=name,
        Description=description,
    )
    item["Owner"] = (
        owner
        if not isinstance(owner, dict)
        else {**owner, "UserId": user_id, "UserName": user_name, "UserKp": USER_KP}
    )
    raw = Raw(item)
    for call in (
        lambda: mapping.workspace_detail(raw, verbose=True),
        lambda: mapping.workspace_page(page_raw(item), page=1, page_size=20),
    ):
        try:
            result = call()
        except MalformedResponse as exc:
            assert CANARY not in str(exc) and exc.__context__ is None
        else:
            assert_clean(result)


# -- ListProducts ---------------------------------------------------------------------------------


def products(*entries: dict[str, Any]) -> Raw:
    return Raw({"RequestId": "r", "Products": list(entries), "Services": []}, "ListProducts")


def pai(**fields: Any) -> dict[str, Any]:
    return {"ProductCode": "PAI_share", "ProductId": "p1", **fields}


def test_activation_purchased() -> None:
    state = mapping.activation(
        products({"ProductCode": "Other", "IsPurchased": False}, pai(IsPurchased=True)),
        region="cn-hangzhou",
    )
    assert state.status == "activated" and state.activated and state.region == "cn-hangzhou"


@pytest.mark.parametrize(
    "url",
    [
        "https://common-buy.aliyun.com/?commodityCode=learn_DataWorksPaiWorkSpace_public_cn",
        "https://common-buy-intl.alibabacloud.com/?commodityCode=learn_pai_public_intl",
    ],
)
def test_activation_purchasable_offers_the_https_url(url: str) -> None:
    state = mapping.activation(
        products(pai(IsPurchased=False, HasPermissionToPurchase=True, PurchaseUrl=url)),
        region="cn-shanghai",
    )
    assert state.status == "purchasable" and state.purchase_url == url and not state.activated


@pytest.mark.parametrize(
    "url",
    [
        "http://buy.example.com/",
        "javascript:alert(1)",
        "https://",
        "https://buy.example.com/\x1b]52;c;eA==\x07",
        "https://buy.example.com/ space",
        "file:///etc/passwd",
        "",
        None,
        42,
        "https://" + "a" * 5000,
        # issue #15 item 9: only the exact purchase hosts of SPEC §3
        "https://buy.example.com/pai",
        "https://common-buy.aliyun.com.evil.example/pai",
        "https://common-buy.\u0430liyun.com/pai",  # a Cyrillic a
        "https://evil.example\\@common-buy.aliyun.com/",
        "https://user:pw@common-buy.aliyun.com/pai",
        "https://common-buy.aliyun.com@evil.example/pai",
        "https://common-buy.aliyun.com:8443/pai",
        "http://common-buy.aliyun.com/pai",
    ],
)
def test_activation_rejects_unsafe_purchase_urls(url: object) -> None:
    state = mapping.activation(
        products(pai(IsPurchased=False, HasPermissionToPurchase=True, PurchaseUrl=url)),
        region="r",
    )
    assert state.status == "purchasable" and state.purchase_url is None


def test_activation_without_permission() -> None:
    state = mapping.activation(
        products(pai(IsPurchased=False, HasPermissionToPurchase=False, PurchaseUrl="https://x.y/")),
        region="r",
    )
    assert state.status == "no_permission" and state.purchase_url is None


@pytest.mark.parametrize(
    "body",
    [
        {"Products": []},
        {"Products": [{"ProductCode": "Other", "IsPurchased": True}]},
        {},
        {"Products": {"PAI_share": {"IsPurchased": True}}},
        {"Products": ["PAI_share"]},
        {"Products": [pai(IsPurchased="true")]},
        {"Products": [pai(IsPurchased=False, HasPermissionToPurchase=1)]},
    ],
)
def test_activation_malformed(body: dict[str, Any]) -> None:
    malformed(lambda: mapping.activation(Raw(body), region="r"))


# -- resource limits, name check, create, batch ---------------------------------------------------


def test_resource_limits_are_sorted_ints() -> None:
    limits = mapping.resource_limits(
        Raw({"ResourceLimits": {"PAI_share": 10, "DLC_share": "5", "MaxCompute_share": 0}}),
        region="cn-beijing",
    )
    assert limits.region == "cn-beijing"
    assert limits.items == (("DLC_share", 5), ("MaxCompute_share", 0), ("PAI_share", 10))


def test_resource_limit_keys_are_made_terminal_safe() -> None:
    limits = mapping.resource_limits(Raw({"ResourceLimits": {"\x1b[31mX": 1}}), region="r")
    assert limits.items == (("X", 1),)


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"ResourceLimits": [("PAI_share", 1)]},
        {"ResourceLimits": {"PAI_share": True}},
        {"ResourceLimits": {"PAI_share": -1}},
        {"ResourceLimits": {"PAI_share": CANARY}},
        {"ResourceLimits": {"PAI_share": {"n": 1}}},
    ],
)
def test_resource_limits_malformed(body: dict[str, Any]) -> None:
    exc = malformed(lambda: mapping.resource_limits(Raw(body), region="r"))
    assert "ResourceLimits" in str(exc)


def test_name_check_free_and_taken() -> None:
    free = mapping.name_check(Raw({"TotalCount": 0, "Workspaces": []}), name="newws")
    assert free.available and free.existing_id is None and free.name == "newws"
    taken = mapping.name_check(
        Raw({"TotalCount": "1", "Workspaces": [{"WorkspaceId": 4242}]}), name="oldws"
    )
    assert not taken.available and taken.existing_id == "4242"


@pytest.mark.parametrize(
    "body",
    [
        {"TotalCount": 1, "Workspaces": []},
        {"TotalCount": 1},
        {"TotalCount": 1, "Workspaces": [{"WorkspaceName": "x"}]},
        {"TotalCount": 1, "Workspaces": [CREATOR]},
        {"Workspaces": []},
    ],
)
def test_name_check_malformed(body: dict[str, Any]) -> None:
    malformed(lambda: mapping.name_check(Raw(body), name="x"))


def test_created_workspace_id() -> None:
    assert mapping.created_workspace_id(Raw({"RequestId": "r", "WorkspaceId": "777"})) == "777"
    assert mapping.created_workspace_id(Raw({"WorkspaceId": 778})) == "778"
    for body in ({}, {"WorkspaceId": ""}, {"WorkspaceId": {"id": CREATOR}}, {"WorkspaceId": None}):
        malformed(lambda body=body: mapping.created_workspace_id(Raw(body)))  # type: ignore[misc]


def test_batch_lookup_reports_missing_ids_in_requested_order() -> None:
    raw = page_raw(
        workspace(WorkspaceId="3"), workspace(WorkspaceId="1"), workspace(WorkspaceId="99")
    )
    result = mapping.batch_lookup(raw, requested=["1", "2", " 3 ", "1", ""])
    assert result.requested == ("1", "2", "3")
    assert [r.workspace_id for r in result.found] == ["1", "3"]
    assert result.missing == ("2",)
    assert result.detail is None
    assert mapping.batch_ids(raw) == ("3", "1", "99")
    assert_clean(result)


def test_mapping_ten_thousand_rows_is_fast() -> None:
    items = [workspace(WorkspaceId=str(i)) for i in range(10_000)]
    start = time.perf_counter()
    page = mapping.workspace_page(page_raw(*items), page=1, page_size=10_000)
    assert len(page.rows) == 10_000
    assert time.perf_counter() - start < 5.0


# -- the raw holder -------------------------------------------------------------------------------


def test_raw_never_renders_its_contents() -> None:
    raw = Raw({"Creator": CREATOR, "Owner": {"UserKp": USER_KP}}, "GetWorkspace")
    logged = "%s %r" % (raw, raw)  # noqa: UP031 - the way logging formats its arguments
    for text in (repr(raw), str(raw), f"{raw}", f"{raw!r}", logged, format(raw, ">10")):
        assert CANARY not in text and USER_KP not in text
    assert "redacted" in repr(raw)
    assert raw["Creator"] == CREATOR  # still readable by the mapping step


def test_raw_refuses_to_be_pickled() -> None:
    import pickle

    with pytest.raises(TypeError):
        pickle.dumps(Raw({"Creator": CREATOR}))
