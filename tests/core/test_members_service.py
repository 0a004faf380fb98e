"""R14 against the demo emulator: every member workflow's exact request sequence, the checks
before each write, the per-person results, and nothing sent for invalid input."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from paiws.core.errors import (
    InvalidInput,
    MemberNotFound,
    NotActivated,
    NotFound,
    PermissionDenied,
    ReadOnlyMode,
)
from paiws.core.factory import emulator_service
from paiws.core.member_views import AddMembersRequest, AddProgress, MemberQuery, Person
from paiws.core.service import WorkspaceService
from paiws.emulator import Emulator

REGION = "cn-hangzhou"
WS, WS_NAME = "100002", "nlp_train_01"  # owner bob.demo; li.na: AlgoDeveloper, MaxComputeDev.
OWNER = "2053718264950002"
LI_NA = "2929800698418221"
ZHAO, EVE, GRACE = "2611533416369727", "2480631874380059", "2912817533277926"


@pytest.fixture
def svc(emulator: Emulator) -> Iterator[WorkspaceService]:
    service = emulator_service(emulator.base_url)
    service.activation(REGION)  # R3 once; the sequences below start after it
    emulator.clear_log()
    try:
        yield service
    finally:
        service.close()


def calls(emu: Emulator) -> list[tuple[str, str]]:
    """(operation, the person or role it was about) per request, in order."""
    out = []
    for entry in emu.request_log:
        about = entry.query.get("UserId") or entry.path_params.get("RoleName") or ""
        if entry.operation == "CreateMember":
            about = ",".join(m["UserId"] for m in entry.body["Members"])
        if entry.operation == "DeleteMembers":
            about = entry.query["MemberIds"]
        if entry.operation == "ListMembers" and entry.query.get("Roles"):
            about = "Roles=" + entry.query["Roles"]
        out.append((entry.operation, about))
    return out


def add(svc: WorkspaceService, users: list[str], roles: tuple[str, ...], **kw: Any) -> Any:
    return svc.add_members(REGION, WS, AddMembersRequest(svc.people(users), roles), **kw)


def test_adding_a_new_member_is_one_check_one_create_and_one_verifying_read(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    progress: list[AddProgress] = []
    outcome = add(svc, [ZHAO], ("algodeveloper",), on_progress=progress.append)
    assert calls(emulator) == [
        ("ListMembers", ZHAO),
        ("CreateMember", ZHAO),
        ("ListMembers", ZHAO),
    ]
    (result,) = outcome.results
    assert result.outcome == "added" and result.roles == ("PAI.AlgoDeveloper",)
    assert result.person.user_id == "****9727" and result.person.name == "z***"
    assert outcome.exit_code == 0 and outcome.changed
    assert [p.phase for p in progress] == ["checking", "adding", "verifying", "done"]
    body = emulator.request_log[1].body
    assert body == {"Members": [{"UserId": ZHAO, "Roles": ["PAI.AlgoDeveloper"]}]}


def test_an_existing_member_with_every_role_gets_no_write_at_all(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    outcome = add(svc, [LI_NA], ("AlgoDeveloper", "PAI.MaxComputeDeveloper"))
    assert calls(emulator) == [("ListMembers", LI_NA)]
    (result,) = outcome.results
    assert result.outcome == "already a member"
    assert result.roles == ("PAI.AlgoDeveloper", "PAI.MaxComputeDeveloper")
    assert not outcome.changed and outcome.exit_code == 0


def test_an_existing_member_gets_only_the_missing_roles(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    outcome = add(svc, [LI_NA], ("algodeveloper", "workspaceguest", "labelmanager"))
    assert calls(emulator) == [
        ("ListMembers", LI_NA),
        ("AddMemberRole", "PAI.LabelManager"),
        ("AddMemberRole", "PAI.WorkspaceGuest"),
        ("ListMembers", LI_NA),
    ]
    assert emulator.request_log[1].path_params["MemberId"] == f"{WS}-{LI_NA}"
    (result,) = outcome.results
    assert result.outcome == "roles added"
    assert result.granted == ("PAI.LabelManager", "PAI.WorkspaceGuest")
    assert set(result.roles) == {
        "PAI.AlgoDeveloper",
        "PAI.MaxComputeDeveloper",
        "PAI.LabelManager",
        "PAI.WorkspaceGuest",
    }


def test_several_people_one_create_for_all_absent_and_a_result_each(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    outcome = add(svc, [ZHAO, LI_NA, EVE, OWNER], ("AlgoDeveloper",))
    assert calls(emulator) == [
        ("ListMembers", ZHAO),
        ("ListMembers", LI_NA),
        ("ListMembers", EVE),
        ("ListMembers", OWNER),
        ("CreateMember", f"{ZHAO},{EVE}"),
        ("AddMemberRole", "PAI.AlgoDeveloper"),
        ("ListMembers", ZHAO),
        ("ListMembers", EVE),
        ("ListMembers", OWNER),
    ]
    assert [r.outcome for r in outcome.results] == [
        "added",
        "already a member",
        "added",
        "roles added",
    ]


def test_a_race_with_someone_adding_the_same_person_goes_through_the_check_again(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    def meanwhile(progress: AddProgress) -> None:
        if progress.phase == "adding":  # someone else adds them between check and create
            emulator.add_member(REGION, WS, ZHAO, ["PAI.AlgoDeveloper"])

    outcome = add(svc, [ZHAO], ("AlgoDeveloper",), on_progress=meanwhile)
    assert calls(emulator) == [
        ("ListMembers", ZHAO),
        ("CreateMember", ZHAO),
        ("ListMembers", ZHAO),
    ]
    assert emulator.request_log[1].status == 400
    assert outcome.results[0].outcome == "already a member"


def test_an_ambiguous_create_failure_is_never_retried_and_the_check_decides(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    emulator.inject_fault("CreateMember", "drop_after")  # applied, answer lost
    outcome = add(svc, [ZHAO], ("AlgoDeveloper",))
    assert calls(emulator) == [
        ("ListMembers", ZHAO),
        ("CreateMember", ZHAO),
        ("ListMembers", ZHAO),  # the re-check; it shows the roles, so no second read
    ]
    (result,) = outcome.results
    assert result.outcome == "added" and "re-check" in result.notes[0]

    emulator.clear_log()
    emulator.inject_fault("CreateMember", "http500")  # nothing applied
    outcome = add(svc, [EVE], ("AlgoDeveloper",))
    assert calls(emulator) == [("ListMembers", EVE), ("CreateMember", EVE), ("ListMembers", EVE)]
    (result,) = outcome.results
    assert result.outcome == "failed" and result.ambiguous
    assert outcome.exit_code == 1 and "not retried" in result.notes[0]


def test_a_refused_create_reports_the_action_and_the_members_policy(
    emulator: Emulator,
) -> None:
    emulator.add_key("nocreate", "nocreate-secret", denied_actions=("CreateMember",))
    service = emulator_service(
        emulator.base_url, access_key_id="nocreate", access_key_secret="nocreate-secret"
    )
    try:
        outcome = service.add_members(
            REGION, WS, AddMembersRequest(service.people([ZHAO, LI_NA]), ("AlgoDeveloper",))
        )
    finally:
        service.close()
    added, already = outcome.results
    assert added.outcome == "failed" and added.exit_code == 5
    assert added.action == "paiworkspace:CreateMember"
    assert added.policy is not None and "paiworkspace:CreateMember" in added.policy
    assert already.outcome == "already a member"
    assert outcome.exit_code == 5


def test_an_unknown_user_fails_with_not_found(svc: WorkspaceService, emulator: Emulator) -> None:
    outcome = add(svc, ["9999999999999999"], ("AlgoDeveloper",))
    (result,) = outcome.results
    assert result.outcome == "failed" and result.exit_code == 4
    assert "9999999999999999" not in (result.error or "")


@pytest.mark.parametrize(
    ("users", "roles"),
    [
        ([ZHAO], ("WorkspaceOwner",)),
        ([ZHAO], ("PAI.WorkspaceOwner", "AlgoDeveloper")),
        ([ZHAO], ("developer",)),
        ([ZHAO], ()),
    ],
)
def test_invalid_roles_never_reach_the_network(
    svc: WorkspaceService, emulator: Emulator, users: list[str], roles: tuple[str, ...]
) -> None:
    with pytest.raises(InvalidInput):
        add(svc, users, roles)
    assert emulator.request_log == []


@pytest.mark.parametrize("user_ids", [[], [""], ["12 34"], ["-123"], ["a" * 65]])
def test_invalid_user_ids_never_reach_the_network(
    svc: WorkspaceService, emulator: Emulator, user_ids: list[str]
) -> None:
    with pytest.raises(InvalidInput):
        svc.people(user_ids)
    assert emulator.request_log == []


def test_an_unknown_key_is_refused_locally(svc: WorkspaceService, emulator: Emulator) -> None:
    with pytest.raises(InvalidInput):
        svc.add_members(
            REGION, WS, AddMembersRequest((Person("p999", "****0000"),), ("AlgoDeveloper",))
        )
    assert emulator.request_log == []


def test_read_only_and_not_activated_refuse_every_member_change(emulator: Emulator) -> None:
    read_only = emulator_service(emulator.base_url, read_only=True)
    try:
        people = read_only.people([ZHAO])
        with pytest.raises(ReadOnlyMode, match="read-only"):
            read_only.add_members(REGION, WS, AddMembersRequest(people, ("AlgoDeveloper",)))
        with pytest.raises(ReadOnlyMode):
            read_only.plan_role_change(REGION, WS, people[0], add=["AlgoDeveloper"])
        with pytest.raises(ReadOnlyMode):
            read_only.plan_removal(REGION, WS, people)
    finally:
        read_only.close()
    assert emulator.request_log == []
    service = emulator_service(emulator.base_url)
    try:
        people = service.people([ZHAO])
        with pytest.raises(NotActivated):
            service.add_members("cn-beijing", WS, AddMembersRequest(people, ("AlgoDeveloper",)))
    finally:
        service.close()
    assert [e.operation for e in emulator.request_log] == ["ListProducts"]


def test_a_missing_workspace_stops_before_any_write(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    with pytest.raises(NotFound):
        svc.add_members(
            REGION, "999999", AddMembersRequest(svc.people([ZHAO]), ("WorkspaceGuest",))
        )
    assert calls(emulator) == [("ListMembers", ZHAO)]


def test_role_change_checks_then_adds_before_it_removes_then_reads_back(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    (person,) = svc.people([LI_NA])
    plan = svc.plan_role_change(
        REGION, WS, person, add=["workspaceguest", "algodeveloper"], remove=["MaxComputeDeveloper"]
    )
    assert plan.add == ("PAI.WorkspaceGuest",)  # AlgoDeveloper: held already
    assert plan.remove == ("PAI.MaxComputeDeveloper",)
    assert not plan.last_admin
    outcome = svc.change_roles(REGION, WS, plan)
    assert calls(emulator) == [
        ("ListMembers", LI_NA),
        ("AddMemberRole", "PAI.WorkspaceGuest"),
        ("RemoveMemberRole", "PAI.MaxComputeDeveloper"),
        ("ListMembers", LI_NA),
    ]
    assert outcome.verified and outcome.roles == ("PAI.AlgoDeveloper", "PAI.WorkspaceGuest")


def test_role_change_refuses_the_owner_role_and_an_empty_role_set(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    (person,) = svc.people([LI_NA])
    with pytest.raises(InvalidInput, match="owner"):
        svc.plan_role_change(REGION, WS, person, remove=["WorkspaceOwner"])
    assert emulator.request_log == []
    with pytest.raises(InvalidInput, match="at least one role"):
        svc.plan_role_change(REGION, WS, person, remove=["AlgoDeveloper", "MaxComputeDeveloper"])
    assert calls(emulator) == [("ListMembers", LI_NA)]  # the check, no write


def test_role_change_of_someone_who_is_not_a_member_is_member_not_found(
    svc: WorkspaceService,
) -> None:
    (person,) = svc.people([ZHAO])
    with pytest.raises(MemberNotFound) as caught:
        svc.plan_role_change(REGION, WS, person, add=["AlgoDeveloper"])
    assert caught.value.exit_code == 4
    assert ZHAO not in str(caught.value)


def test_removing_the_last_administrator_is_warned_about_and_allowed(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    emulator.add_member(REGION, WS, ZHAO, ["PAI.WorkspaceAdmin"])
    (person,) = svc.people([ZHAO])
    plan = svc.plan_removal(REGION, WS, [person])
    assert plan.last_admin and plan.workspace_name == WS_NAME
    svc.remove_members(REGION, WS, plan, confirm_name=WS_NAME)
    assert calls(emulator) == [
        ("GetWorkspace", ""),
        ("ListMembers", ZHAO),
        ("ListMembers", "Roles=PAI.WorkspaceAdmin"),
        ("DeleteMembers", f"{WS}-{ZHAO}"),
    ]
    assert all(m["UserId"] != ZHAO for m in emulator.members(REGION, WS))


def test_removing_one_of_two_administrators_is_not_warned_about(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    emulator.add_member(REGION, WS, ZHAO, ["PAI.WorkspaceAdmin"])
    emulator.add_member(REGION, WS, EVE, ["PAI.WorkspaceAdmin"])
    plan = svc.plan_removal(REGION, WS, svc.people([ZHAO]), workspace_name=WS_NAME)
    assert not plan.last_admin
    assert calls(emulator)[0] == ("ListMembers", ZHAO)  # the name was known: no GetWorkspace


def test_the_owner_is_never_removed_and_the_name_must_match(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    plan = svc.plan_removal(REGION, WS, svc.people([OWNER]))
    assert plan.owner is not None
    with pytest.raises(InvalidInput, match="owner"):
        svc.remove_members(REGION, WS, plan, confirm_name=WS_NAME)
    plan = svc.plan_removal(REGION, WS, svc.people([LI_NA]))
    for wrong in ("", "NLP_TRAIN_01", WS_NAME + " "):
        with pytest.raises(InvalidInput):
            svc.remove_members(REGION, WS, plan, confirm_name=wrong)
    assert "DeleteMembers" not in emulator.operations()


def test_member_listing_streams_every_page_and_searches_on_the_server(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    pages = list(svc.iter_members(REGION, "100001", MemberQuery()))
    assert sum(p.count for p in pages) == 1218 == pages[0].total
    numbers = sorted(int(e.query["PageNumber"]) for e in emulator.request_log)
    assert numbers == list(range(1, 14))  # 4 in flight: any order on the wire
    assert {e.query["PageSize"] for e in emulator.request_log} == {"100"}
    emulator.clear_log()
    found = svc.list_members(
        REGION, "100001", MemberQuery(name=" wang ", roles=("workspaceguest",))
    )
    assert emulator.request_log[0].query["MemberName"] == "wang"
    assert emulator.request_log[0].query["Roles"] == "PAI.WorkspaceGuest"
    assert found.rows and all(r.name.endswith("***") for r in found.rows)
    assert all(r.roles == ("PAI.WorkspaceGuest",) for r in found.rows)


def test_user_search_is_one_server_side_call_with_masked_results(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    found = svc.search_users(REGION, WS, "  eve ")
    assert [(e.operation, e.query.get("UserName")) for e in emulator.request_log] == [
        ("ListWorkspaceUsers", "eve")
    ]
    assert [(u.name, u.user_id) for u in found.users] == [("e***", "****0059")]
    with pytest.raises(InvalidInput):
        svc.search_users(REGION, WS, "   ")
    assert len(emulator.request_log) == 1


def test_a_refused_listing_names_the_member_action_and_policy(emulator: Emulator) -> None:
    emulator.add_key("nolist", "nolist-secret", denied_actions=("ListMembers",))
    service = emulator_service(
        emulator.base_url, access_key_id="nolist", access_key_secret="nolist-secret"
    )
    try:
        with pytest.raises(PermissionDenied) as caught:
            service.list_members(REGION, WS, MemberQuery())
    finally:
        service.close()
    assert caught.value.action == "paiworkspace:ListMembers"
    assert "paiworkspace:ListMembers" in caught.value.policy
    assert caught.value.__traceback__ is None or all(
        "user_id" not in tb.tb_frame.f_locals for tb in _frames(caught.value)
    )


def _frames(error: BaseException) -> list[Any]:
    out = []
    tb = error.__traceback__
    while tb is not None:
        out.append(tb)
        tb = tb.tb_next
    return out


def test_errors_leaving_the_service_carry_no_frame_with_a_real_user_id(
    svc: WorkspaceService, emulator: Emulator
) -> None:
    emulator.inject_fault("ListMembers", "http503", times=None)
    with pytest.raises(Exception) as caught:
        add(svc, [ZHAO], ("AlgoDeveloper",))
    for tb in _frames(caught.value):
        if "/tests/" not in tb.tb_frame.f_code.co_filename:  # the test's own locals hold it
            assert ZHAO not in repr(tb.tb_frame.f_locals)


def test_no_log_record_is_even_made_with_a_member_calls_url(
    svc: WorkspaceService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """urllib3's DEBUG line carries the path and query (UserId=…, MemberIds=…); a filter runs
    only after the record exists, so the record must not be made for our requests."""
    import logging

    made: list[str] = []
    original = logging.Logger.makeRecord

    def make_record(self: logging.Logger, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = original(self, *args, **kwargs)
        made.append(record.getMessage())
        return record

    monkeypatch.setattr(logging.Logger, "makeRecord", make_record)
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        add(svc, [ZHAO], ("AlgoDeveloper",))
        logging.getLogger("urllib3.connectionpool").debug("someone else's request")
    finally:
        root.setLevel(level)
    assert not [m for m in made if ZHAO in m]
    assert "someone else's request" in made


@pytest.mark.usefixtures("chinese")
def test_add_results_speak_chinese_unless_their_errors_are_machine_output(
    svc: WorkspaceService, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Progress and per-person sentences follow the interface; with ``english_errors`` (the
    CLI's JSON) a result's error sentence is English."""
    # the write "succeeds" but never happens: the verifying read does not list the person
    monkeypatch.setattr(svc, "send_create_members", lambda *args: None)
    progress: list[AddProgress] = []
    (result,) = add(svc, [ZHAO], ("AlgoDeveloper",), on_progress=progress.append).results
    assert result.outcome == "failed"
    assert result.error == "服务已接受修改，但之后 ****9727 未被列为成员。"
    assert progress[0].message == "正在检查 ****9727 是否为成员（ListMembers）"
    assert progress[1].message == "正在添加 1 名新成员（CreateMember，只发送一次）"
    assert progress[-1].message == "完成"

    (machine,) = add(svc, [ZHAO], ("AlgoDeveloper",), english_errors=True).results
    assert machine.outcome == "failed"
    assert machine.error == (
        "The service accepted the change, but ****9727 is not listed as a member afterwards."
    )
