"""Parameter validation: the service is strict and case-sensitive; bad input is 400."""

from __future__ import annotations

import pytest
from aliyunsdkcore.acs_exception.exceptions import ServerException

from tests.emulator.emu_clients import Roa


@pytest.mark.parametrize(
    "query",
    [
        {"PageSize": "0"},
        {"PageSize": "101"},
        {"PageSize": "ten"},
        {"PageNumber": "0"},
        {"SortBy": "gmtCreateTime"},
        {"SortBy": "Name"},
        {"Order": "asc"},
        {"Status": "enabled"},
        {"Option": "checkWorkspaceExists"},
        {"Verbose": "TRUE"},
        {"Verbose": "yes"},
        {"Fields": "Name"},
        {"Option": "CheckWorkspaceExists"},
    ],
)
def test_bad_list_parameters_are_invalid(roa: Roa, query: dict[str, str]) -> None:
    with pytest.raises(ServerException) as caught:
        roa.list(**query)
    assert (caught.value.get_http_status(), caught.value.get_error_code()) == (
        400,
        "InvalidParameter",
    )


@pytest.mark.parametrize("flag", ["true", "True", "false", "False"])
def test_booleans_accept_both_spellings(roa: Roa, flag: str) -> None:
    assert roa.list(Verbose=flag)["TotalCount"] == 64
    assert roa.products(Verbose=flag)["Products"]


def test_page_size_bounds_are_inclusive(roa: Roa) -> None:
    assert len(roa.list(PageSize="1")["Workspaces"]) == 1
    assert len(roa.list(PageSize="100")["Workspaces"]) == 64


def test_a_page_past_the_end_is_empty(roa: Roa) -> None:
    body = roa.list(PageNumber="9", PageSize="20")
    assert body["TotalCount"] == 64 and body["Workspaces"] == []


def test_bad_verbose_on_get_is_invalid(roa: Roa) -> None:
    with pytest.raises(ServerException) as caught:
        roa.get("100001", Verbose="1")
    assert caught.value.get_error_code() == "InvalidParameter"


def test_create_needs_a_json_object(roa: Roa) -> None:
    with pytest.raises(ServerException) as caught:
        roa.call("POST", "/api/v1/workspaces", body=["not", "an", "object"])
    assert caught.value.get_error_code() == "InvalidParameter"
