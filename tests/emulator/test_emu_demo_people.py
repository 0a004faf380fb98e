"""Invariants of the demo's people and members (the asset and what the emulator loads)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from paiws.emulator import Emulator
from paiws.emulator.datafile import read_demo_asset
from paiws.emulator.demodata import build

CJK = re.compile(r"[\u4e00-\u9fff]")
PREFIX = {"1": "1", "5": "2", "6": "3"}  # AccountType -> first digit of the ID


@pytest.fixture(scope="module")
def demo() -> Emulator:
    return Emulator(data="demo")


def _all_members(demo: Emulator) -> dict[tuple[str, str], list[dict[str, Any]]]:
    return {
        (region, w["WorkspaceId"]): demo.members(region, w["WorkspaceId"])
        for region in build()["regions"]
        for w in demo.workspaces(region)
    }


def test_user_ids_are_sixteen_digits_by_account_type(demo: Emulator) -> None:
    users = demo.users()
    assert len(users) == 1520
    assert len({u["UserId"] for u in users}) == len(users)
    for user in users:
        assert re.fullmatch(r"\d{16}", user["UserId"])
        assert user["UserId"][0] == PREFIX[user["AccountType"]]
    assert Counter(u["AccountType"] for u in users).keys() == {"1", "5", "6"}


def test_names_cover_cjk_and_e_mail(demo: Emulator) -> None:
    users = demo.users()
    assert sum(bool(CJK.search(u["DisplayName"])) for u in users) > 1000
    assert sum("@" in u["AccountName"] for u in users) == len(users)  # logins look like mail
    assert sum(u["UserName"] == u["AccountName"] for u in users) > 100  # e-mail user names
    assert any("[" in u["DisplayName"] for u in users)  # markup-like text stays text


def test_one_workspace_has_over_a_thousand_members(demo: Emulator) -> None:
    members = demo.members("cn-hangzhou", "100001")
    assert len(members) == 1218
    assert len({m["UserId"] for m in members}) == len(members)
    raw = build()["regions"]["cn-hangzhou"]["workspaces"][0]
    assert raw["generated_members"] == 1200 and len(raw["members"]) < 50  # not stored verbatim
    assert len(read_demo_asset().encode()) < 200_000


def test_every_workspace_has_exactly_its_creator_as_owner(demo: Emulator) -> None:
    for (region, workspace_id), members in _all_members(demo).items():
        owners = [m for m in members if "PAI.WorkspaceOwner" in m["Roles"]]
        workspace = next(w for w in demo.workspaces(region) if w["WorkspaceId"] == workspace_id)
        assert [m["UserId"] for m in owners] == [workspace["Creator"]], workspace_id
        assert members[0] is not None and members[0]["UserId"] == workspace["Creator"]
        for member in members:
            assert member["MemberId"] == f"{workspace_id}-{member['UserId']}"
            assert re.fullmatch(r"\d{16}", member["UserId"])
            assert member["Roles"] and member["AccountType"] in {"1", "5", "6"}


def test_admin_names_match_the_admin_members(demo: Emulator) -> None:
    for (region, workspace_id), members in _all_members(demo).items():
        workspace = next(w for w in demo.workspaces(region) if w["WorkspaceId"] == workspace_id)
        admins = [m["MemberName"] for m in members if "PAI.WorkspaceAdmin" in m["Roles"]]
        assert workspace["AdminNames"] == [workspace["Owner"]["UserName"], *admins], workspace_id


def test_several_regions_have_workspaces() -> None:
    regions = build()["regions"]
    with_workspaces = {r for r, body in regions.items() if body["workspaces"]}
    assert with_workspaces >= {
        "cn-hangzhou",
        "cn-shanghai",
        "cn-wulanchabu",
        "ap-northeast-1",
        "eu-central-1",
    }
    statuses = Counter(
        w["Status"]
        for region in ("cn-wulanchabu", "ap-northeast-1", "eu-central-1")
        for w in regions[region]["workspaces"]
    )
    assert statuses["FAILURE"] and statuses["FROZEN"] and statuses["DISABLED"]
    assert len(regions["cn-hangzhou"]["workspaces"]) == 64
    assert regions["cn-shenzhen"]["workspaces"] == []
    assert regions["cn-beijing"]["activation"]["purchased"] is False
    assert regions["ap-southeast-1"]["activation"]["can_purchase"] is False
