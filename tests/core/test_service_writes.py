"""Create (R4), update, delete (R13), read-only and permission workflows against the emulator,
asserting the exact request sequence of each."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from paiws.core.errors import (
    InvalidInput,
    NetworkError,
    PermissionDenied,
    ReadOnlyMode,
    ServerError,
)
from paiws.core.factory import emulator_service
from paiws.core.service import WorkspaceService
from paiws.core.views import CreateProgress, CreateRequest, ListQuery
from paiws.emulator import Emulator
from tests.core.core_support import REGION

CHECK = "ListWorkspaces:CheckWorkspaceExists"
PROD = ("prod",)
STANDARD = ("dev", "prod")


def request(
    name: str = "fresh_ws",
    description: str = "Team sandbox",
    envs: tuple[str, ...] = PROD,
    display_name: str | None = None,
) -> CreateRequest:
    return CreateRequest(
        name=name, description=description, environments=envs, display_name=display_name
    )


def named(emu: Emulator, name: str) -> list[dict[str, object]]:
    return [w for w in emu.workspaces(REGION) if w["WorkspaceName"] == name]


def test_create_with_a_free_name_is_the_minimum_sequence(
    service: WorkspaceService, emu: Emulator
) -> None:
    phases: list[CreateProgress] = []
    outcome = service.create_workspace(
        REGION, request(envs=STANDARD, display_name="Fresh"), on_progress=phases.append
    )
    assert outcome.kind == "created" and outcome.final_status == "ENABLED"
    assert outcome.workspace_id == named(emu, "fresh_ws")[0]["WorkspaceId"]
    assert outcome.notes == ()
    assert emu.operations() == ["ListProducts", CHECK, "CreateWorkspace", "GetWorkspace"]
    assert emu.request_log[1].query["WorkspaceName"] == "fresh_ws"
    assert [p.phase for p in phases] == ["validating", "checking", "creating", "polling", "done"]
    created = named(emu, "fresh_ws")[0]
    assert (created["EnvTypes"], created["DisplayName"]) == (["dev", "prod"], "Fresh")


def test_create_polls_until_enabled_with_progress() -> None:
    with Emulator(data="empty", create_delay=0.3) as emu:
        service = emulator_service(emu.base_url)
        phases: list[CreateProgress] = []
        outcome = service.create_workspace(REGION, request(), on_progress=phases.append)
    assert outcome.final_status == "ENABLED"
    ops = emu.operations()
    assert ops[:3] == ["ListProducts", CHECK, "CreateWorkspace"]
    assert len(ops) > 4 and set(ops[3:]) == {"GetWorkspace"}
    statuses = [p.status for p in phases if p.phase == "polling"]
    assert statuses[0] == "INITIALIZING" and statuses[-1] == "ENABLED"


def test_create_gives_up_politely_after_the_poll_timeout() -> None:
    with Emulator(data="empty", create_delay=30) as emu:
        service = emulator_service(emu.base_url)
        outcome = service.create_workspace(REGION, request(), poll_timeout=0.1)
    assert outcome.kind == "created" and outcome.final_status == "INITIALIZING"
    assert "still INITIALIZING" in outcome.message


def test_create_stops_polling_on_failure(service: WorkspaceService, emu: Emulator) -> None:
    emu.set_create_outcome("FAILURE")
    outcome = service.create_workspace(REGION, request())
    assert outcome.final_status == "FAILURE" and "failed" in outcome.message
    assert emu.operations() == ["ListProducts", CHECK, "CreateWorkspace", "GetWorkspace"]


def test_create_without_wait_does_not_poll(service: WorkspaceService, emu: Emulator) -> None:
    outcome = service.create_workspace(REGION, request(), wait=False)
    assert outcome.kind == "created" and outcome.workspace_id
    assert emu.operations() == ["ListProducts", CHECK, "CreateWorkspace"]


def test_existing_name_with_the_same_configuration_creates_nothing(
    service: WorkspaceService, emu: Emulator
) -> None:
    wid = emu.add_workspace(
        REGION, WorkspaceName="team_ws", Description="Team sandbox", EnvTypes=["prod"]
    )
    before = len(emu.workspaces(REGION))
    outcome = service.create_workspace(REGION, request("team_ws"))
    assert outcome.kind == "exists_same" and outcome.workspace_id == wid
    assert "already exists" in outcome.message and wid in outcome.message
    assert emu.operations() == ["ListProducts", CHECK, "GetWorkspace"]
    assert len(emu.workspaces(REGION)) == before


def test_existing_name_with_a_different_configuration_names_the_differences(
    service: WorkspaceService, emu: Emulator
) -> None:
    emu.add_workspace(
        REGION,
        WorkspaceName="team_ws",
        Description="Other text",
        EnvTypes=["dev", "prod"],
        DisplayName="Shown",
    )
    outcome = service.create_workspace(REGION, request("team_ws", display_name="Another"))
    assert outcome.kind == "name_taken"
    assert outcome.differences == ("Environments", "Description", "Display Name")
    assert emu.operations() == ["ListProducts", CHECK, "GetWorkspace"]


def test_display_name_is_compared_only_when_given(service: WorkspaceService, emu: Emulator) -> None:
    emu.add_workspace(
        REGION,
        WorkspaceName="team_ws",
        Description="Team sandbox",
        EnvTypes=["prod"],
        DisplayName="Something else",
    )
    assert service.create_workspace(REGION, request("team_ws")).kind == "exists_same"


def test_race_name_taken_between_check_and_create_goes_through_the_comparison(
    service: WorkspaceService, emu: Emulator
) -> None:
    def rival_creates_it(progress: CreateProgress) -> None:
        if progress.phase == "creating":  # after our check said "free", before our create
            emu.add_workspace(
                REGION, WorkspaceName="race_ws", Description="Team sandbox", EnvTypes=["prod"]
            )

    outcome = service.create_workspace(REGION, request("race_ws"), on_progress=rival_creates_it)
    assert outcome.kind == "exists_same"
    assert len(named(emu, "race_ws")) == 1
    assert emu.operations() == ["ListProducts", CHECK, "CreateWorkspace", CHECK, "GetWorkspace"]
    assert emu.request_log[2].status == 400


def test_race_with_a_different_configuration_reports_name_taken(
    service: WorkspaceService, emu: Emulator
) -> None:
    def rival_creates_it(progress: CreateProgress) -> None:
        if progress.phase == "creating":
            emu.add_workspace(
                REGION, WorkspaceName="race_ws", Description="Theirs", EnvTypes=["prod"]
            )

    outcome = service.create_workspace(REGION, request("race_ws"), on_progress=rival_creates_it)
    assert outcome.kind == "name_taken" and outcome.differences == ("Description",)


def test_dropped_connection_after_create_yields_exactly_one_workspace(
    service: WorkspaceService, emu: Emulator
) -> None:
    emu.inject_fault("CreateWorkspace", "drop_after")
    outcome = service.create_workspace(REGION, request("dropped_ws"))
    assert outcome.kind == "created" and outcome.final_status == "ENABLED"
    assert outcome.notes == ("connection dropped; found it on re-check.",)
    assert len(named(emu, "dropped_ws")) == 1
    # No second CreateWorkspace: the re-check found it; its GetWorkspace doubles as first poll.
    assert emu.operations() == [
        "ListProducts",
        CHECK,
        "CreateWorkspace",
        CHECK,
        "GetWorkspace",
    ]


def test_dropped_connection_before_create_reports_the_error_without_retrying(
    service: WorkspaceService, emu: Emulator
) -> None:
    emu.inject_fault("CreateWorkspace", "drop_before")
    with pytest.raises(NetworkError) as raised:
        service.create_workspace(REGION, request("lost_ws"))
    assert raised.value.exit_code == 7 and "probably not created" in raised.value.hint
    assert named(emu, "lost_ws") == []
    assert emu.operations() == ["ListProducts", CHECK, "CreateWorkspace", CHECK]


def test_server_error_on_create_is_never_retried(service: WorkspaceService, emu: Emulator) -> None:
    emu.inject_fault("CreateWorkspace", "http503", times=5)
    with pytest.raises(ServerError):
        service.create_workspace(REGION, request("busy_ws"))
    assert emu.operations().count("CreateWorkspace") == 1
    assert emu.operations() == ["ListProducts", CHECK, "CreateWorkspace", CHECK]


@pytest.mark.parametrize(
    "bad",
    [
        request(name="123workspace"),
        request(name="_myworkspace"),
        request(name="my-workspace"),
        request(name="ab"),
        request(name="averylongworkspacename123"),
        request(name="my workspace"),
        request(name="test@ws!"),
        request(description=""),
        request(description="x" * 81),
        request(envs=("dev",)),
        request(envs=("prod", "test")),
        request(display_name="  "),
    ],
)
def test_invalid_create_input_never_reaches_the_network(
    service: WorkspaceService, emu: Emulator, bad: CreateRequest
) -> None:
    with pytest.raises(InvalidInput) as raised:
        service.create_workspace(REGION, bad)
    assert raised.value.exit_code == 2
    assert emu.operations() == []


@pytest.fixture
def read_only(emu: Emulator) -> Iterator[WorkspaceService]:
    svc = emulator_service(emu.base_url, read_only=True)
    yield svc
    svc.close()


def test_read_only_refuses_every_write_before_any_request(
    read_only: WorkspaceService, emu: Emulator
) -> None:
    wid = emu.workspaces(REGION)[0]["WorkspaceId"]
    with pytest.raises(ReadOnlyMode):
        read_only.create_workspace(REGION, request())
    with pytest.raises(ReadOnlyMode):
        read_only.update_workspace(REGION, wid, description="new")
    with pytest.raises(ReadOnlyMode):
        read_only.delete_workspace(REGION, wid, confirm_name="whatever")
    assert emu.operations() == []
    assert read_only.list_workspaces(REGION, ListQuery()).rows  # reads still work


def test_update_changes_fields_and_returns_the_fresh_detail(
    service: WorkspaceService, emu: Emulator
) -> None:
    wid = emu.workspaces(REGION)[0]["WorkspaceId"]
    detail = service.update_workspace(REGION, wid, display_name="Renamed", description="New text")
    assert (detail.workspace.display_name, detail.workspace.description) == ("Renamed", "New text")
    assert emu.operations() == ["ListProducts", "UpdateWorkspace", "GetWorkspace"]


@pytest.mark.parametrize(
    "changes", [{}, {"description": ""}, {"description": "y" * 81}, {"display_name": ""}]
)
def test_invalid_updates_send_nothing(
    service: WorkspaceService, emu: Emulator, changes: dict[str, str]
) -> None:
    with pytest.raises(InvalidInput):
        service.update_workspace(REGION, "100001", **changes)
    assert emu.operations() == []


def test_delete_requires_the_exact_workspace_name(service: WorkspaceService, emu: Emulator) -> None:
    target = emu.workspaces(REGION)[0]
    wid, name = target["WorkspaceId"], target["WorkspaceName"]
    with pytest.raises(InvalidInput):
        service.delete_workspace(REGION, wid, confirm_name=name.upper())
    assert emu.operations() == ["ListProducts", "GetWorkspace"]
    service.delete_workspace(REGION, wid, confirm_name=name)
    assert emu.operations()[2:] == ["GetWorkspace", "DeleteWorkspace"]
    assert all(w["WorkspaceId"] != wid for w in emu.workspaces(REGION))


def test_permission_errors_name_the_action_and_carry_the_policy(emu: Emulator) -> None:
    emu.add_key("limited-key", "limited-secret", denied_actions=["paiworkspace:CreateWorkspace"])
    service = emulator_service(
        emu.base_url, access_key_id="limited-key", access_key_secret="limited-secret"
    )
    with pytest.raises(PermissionDenied) as raised:
        service.create_workspace(REGION, request())
    error = raised.value
    assert error.action == "paiworkspace:CreateWorkspace" and error.exit_code == 5
    assert "paiworkspace:CreateWorkspace" in str(error)
    assert "paiworkspace:CreateWorkspace" in json.loads(error.policy)["Statement"][0]["Action"]
    assert service.ram_policy() == error.policy
    # The app keeps working: reads are still allowed.
    assert service.list_workspaces(REGION, ListQuery()).total == 45
    assert emu.operations() == ["ListProducts", CHECK, "CreateWorkspace", "ListWorkspaces"]
