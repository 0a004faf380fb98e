"""Demo data, data files, the generator and in-process data helpers."""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from aliyunsdkcore.acs_exception.exceptions import ServerException

from paiws.core.validation import STATUSES, description_problem, name_problem
from paiws.emulator import Emulator
from paiws.emulator.demodata import build
from paiws.paths import read_asset
from tests.emulator.emu_clients import Roa, RoaFactory
from tests.support import wait_for

CJK = re.compile(r"[\u4e00-\u9fff]")
SIXTEEN_DIGITS = re.compile(r"[1-3]\d{15}")


def test_the_asset_is_what_the_builder_makes() -> None:
    assert json.loads(read_asset("demo-data.json")) == build()


def test_demo_data_covers_what_the_demo_needs() -> None:
    regions: dict[str, Any] = build()["regions"]
    assert len(regions) >= 4
    hangzhou = regions["cn-hangzhou"]["workspaces"]
    assert len(hangzhou) >= 60
    assert set(Counter(w["Status"] for w in hangzhou)) == set(STATUSES)
    assert {tuple(w["EnvTypes"]) for w in hangzhou} == {("prod",), ("dev", "prod")}
    assert sum(bool(CJK.search(w["DisplayName"])) for w in hangzhou) >= 10
    assert sum(w["IsDefault"] for w in hangzhou) == 1
    assert max(len(w["Description"]) for w in hangzhou) >= 75
    assert all(name_problem(w["WorkspaceName"]) is None for w in hangzhou)
    assert all(len(w["Description"]) <= 80 for w in hangzhou)
    assert all(description_problem(w["Description"]) is None for w in hangzhou if w["Description"])
    assert regions["cn-beijing"]["activation"] == {
        "purchased": False,
        "can_purchase": True,
        "purchase_url": "https://common-buy.aliyun.com/?commodityCode=learn_pai_public_cn",
    }
    assert regions["ap-southeast-1"]["activation"]["can_purchase"] is False


def test_demo_ids_are_numeric_like_the_real_service() -> None:
    for region in build()["regions"].values():
        for workspace in region["workspaces"]:
            assert SIXTEEN_DIGITS.fullmatch(workspace["Creator"])
            assert SIXTEEN_DIGITS.fullmatch(workspace["Owner"]["UserId"])
            assert SIXTEEN_DIGITS.fullmatch(workspace["ExtraInfos"]["TenantId"])
            assert workspace["Creator"] == workspace["Owner"]["UserId"]


def test_data_from_a_file_a_dict_and_empty(tmp_path: Path) -> None:
    data = {
        "regions": {
            "cn-shanghai": {
                "workspaces": [
                    {
                        "WorkspaceId": "5",
                        "WorkspaceName": "from_file",
                        "GmtCreateTime": "2024-01-05T08:30:00.000Z",
                    },
                ]
            }
        }
    }
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    for source in (str(path), path, data):
        [workspace] = Emulator(data=source).workspaces("cn-shanghai")
        assert workspace["WorkspaceName"] == "from_file" and workspace["Status"] == "ENABLED"
    assert Emulator(data="empty").workspaces("cn-hangzhou") == []


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"regions": []}',
        '{"regions": {"x": {"workspaces": [{"WorkspaceId": 1}]}}}',
        '{"regions": {"x": {"workspaces": [{"WorkspaceId": "1", '
        '"WorkspaceName": "a", "GmtCreateTime": "t", '
        '"Status": "enabled"}]}}}',
    ],
)
def test_bad_data_files_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError):
        Emulator(data=str(path))


def test_generate_ten_thousand_and_page_through(emulator: Emulator, make_roa: RoaFactory) -> None:
    started = time.perf_counter()
    ids = emulator.generate("us-east-1", 10_000)
    assert time.perf_counter() - started < 2  # "well under a second"; generous for slow CI
    assert len(ids) == len(set(ids)) == 10_000
    roa = make_roa("paiws-demo", "paiws-demo-secret")
    first = roa.list("us-east-1", PageSize="100")
    last = roa.list("us-east-1", PageSize="100", PageNumber="100")
    assert first["TotalCount"] == 10_000
    assert first["Workspaces"][0]["WorkspaceId"] == ids[0]
    assert last["Workspaces"][-1]["WorkspaceId"] == ids[-1]
    newest = roa.list("us-east-1", PageSize="1", Order="DESC")["Workspaces"][0]
    assert newest["WorkspaceId"] == ids[-1]
    assert roa.list("us-east-1", Status="FROZEN")["TotalCount"] > 0
    check = roa.list("us-east-1", Option="CheckWorkspaceExists", WorkspaceName=f"gen_{ids[5000]}")
    assert check["Workspaces"][0]["WorkspaceId"] == ids[5000]


def test_generate_can_leave_a_region_not_activated(emulator: Emulator, roa: Roa) -> None:
    emulator.generate("cn-guangzhou", 3, activated=False)
    product = roa.products("cn-guangzhou", ProductCodes="PAI_share")["Products"][0]
    assert product["IsPurchased"] is False


def test_set_activation(emulator: Emulator, roa: Roa) -> None:
    emulator.set_activation("cn-hangzhou", purchased=False, can_purchase=False)
    product = roa.products(ProductCodes="PAI_share", Verbose="true")["Products"][0]
    assert (product["IsPurchased"], product["HasPermissionToPurchase"]) == (False, False)
    with pytest.raises(ServerException):
        roa.get("100001")
    emulator.set_activation("cn-beijing", purchased=True)
    assert roa.list("cn-beijing")["TotalCount"] == 0


def test_add_workspace_takes_hostile_values_as_is(emulator: Emulator, roa: Roa) -> None:
    workspace_id = emulator.add_workspace(
        "cn-hangzhou", WorkspaceName="[bold]x[/]", Creator={"nested": "value"}, Status="FAILURE"
    )
    body = roa.get(workspace_id)
    assert body["WorkspaceName"] == "[bold]x[/]" and body["Creator"] == {"nested": "value"}
    with pytest.raises(ValueError):
        emulator.add_workspace("cn-hangzhou", WorkspaceName="[bold]x[/]")


def test_new_workspaces_initialise_then_enable() -> None:
    with Emulator(data="empty", create_delay=0.3) as emulator:
        roa = Roa(emulator.base_url, "paiws-demo", "paiws-demo-secret")
        workspace_id = roa.create(WorkspaceName="slow_ws", Description="d", EnvTypes=["prod"])[
            "WorkspaceId"
        ]
        assert roa.get(workspace_id)["Status"] == "INITIALIZING"
        wait_for(lambda: roa.get(workspace_id)["Status"] != "INITIALIZING", what="ENABLED")
        assert roa.get(workspace_id)["Status"] == "ENABLED"


def test_create_outcome_can_be_failure(emulator: Emulator, roa: Roa) -> None:
    emulator.set_create_outcome("FAILURE")
    workspace_id = roa.create(WorkspaceName="doomed_ws", Description="d", EnvTypes=["prod"])[
        "WorkspaceId"
    ]
    assert roa.get(workspace_id)["Status"] == "FAILURE"


def test_concurrent_creates_of_one_name_make_one_workspace(emulator: Emulator, roa: Roa) -> None:
    outcomes: list[str] = []

    def create() -> None:
        try:
            roa.create(WorkspaceName="race_ws", Description="d", EnvTypes=["prod"])
            outcomes.append("created")
        except ServerException as exc:
            outcomes.append(exc.get_error_code())

    threads = [threading.Thread(target=create) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(outcomes) == ["WorkspaceNameAlreadyExists"] * 5 + ["created"]
