"""Members and users on canary data (issue #11): every field that names a person (UserId,
MemberId, MemberName, DisplayName, AccountName, UserName) is a canary, and none may show more
than R8 allows, anywhere: every members screen and dialog (screenshot and widget contents),
notifications and the clipboard, every `paiws members` command and format (errors included),
the service's results and errors (tracebacks with locals), logs, files (autouse fixtures),
wrongly typed member items (R16) and a crash on the members screen."""

from __future__ import annotations

import json
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import SelectionList

from paiws.core.i18n import _
from paiws.emulator import Emulator
from paiws.screens.members.add_form import AddMembersForm
from paiws.screens.members.members_screen import MembersScreen
from paiws.screens.members.remove_dialog import RemoveMembers
from paiws.screens.members.roles_dialog import RolesDialog
from tests.leaks.leak_canaries import (
    ADMIN_MEMBER,
    ID_ONE,
    MEMBER,
    MEMBER_PEOPLE,
    OWNER_ONE,
    POOL_USER,
    REGION,
    add_canary_members,
    assert_no_canary,
)
from tests.leaks.leak_support import CliResult, CliRunner, RecordingService
from tests.leaks.leak_tui import SIZE, Observer
from tests.support import fill, make_app, says, screen_text, settle

WORKSPACE_NAME = "canary_one"


@pytest.fixture
def members_emu(emu: Emulator) -> Emulator:
    add_canary_members(emu)
    return emu


async def open_members(pilot: Pilot[Any]) -> MembersScreen:
    await settle(pilot)
    pilot.app.screen.grid.move_to(ID_ONE)  # type: ignore[attr-defined]
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MembersScreen)
    return screen


def select(screen: MembersScreen, user_id: str) -> None:
    for index, row in enumerate(screen.grid.rows):
        if row.user_id == "****" + user_id[-4:]:
            screen.grid.move_cursor(row=index)
            return
    raise AssertionError("member not listed")


async def test_every_members_screen_and_dialog_shows_only_masked_values(
    members_emu: Emulator, service: RecordingService, observer: Observer
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_members(pilot)
        table = observer.look(app, "members table")
        # Masked, but shown: the check above means something.
        assert "****0011" in table and "m***" in table and "李***" in table
        assert "q***@example.com" in table and "n***" in table and "****0001" in table
        await pilot.press("slash", "m")  # one typed character may be echoed
        await settle(pilot)
        observer.look(app, "members searched on the server")
        await pilot.press("escape", "escape")
        await settle(pilot)

        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AddMembersForm)
        await fill(pilot, "#people-search", "u")
        await settle(pilot)
        people = observer.look(app, "add form: people found")
        assert "****0013" in people and "w***" in people
        results = app.screen.query_one("#people-results", SelectionList)
        target = next(
            i
            for i in range(results.option_count)
            if "****0013" in str(results.get_option_at_index(i).prompt)
        )
        results.focus()
        results.highlighted = target
        await pilot.press("space")
        await settle(pilot)
        observer.look(app, "add form: picked")
        await pilot.click("#add-next")
        await settle(pilot)
        roles = app.screen.query_one("#add-role-picker", SelectionList)
        roles.focus()
        await pilot.press("space")
        observer.look(app, "add form: roles")
        await pilot.click("#add-next")
        await settle(pilot)
        observer.look(app, "add form: review")
        # Someone adds them meanwhile: CreateMember answers MemberAlreadyExists, whose message
        # echoes the user ID; the re-check follows.
        members_emu.add_member(REGION, ID_ONE, POOL_USER["UserId"].value, ["PAI.WorkspaceGuest"])
        await pilot.click("#add-next")
        await settle(pilot)
        outcome = observer.look(app, "add form: outcome after a race")
        assert _("roles added") in outcome
        await pilot.click("#add-close")
        await settle(pilot)

        select(screen, MEMBER["UserId"].value)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RolesDialog)
        observer.look(app, "roles dialog")
        picker = app.screen.query_one("#roles-picker", SelectionList)
        picker.focus()
        picker.highlighted = 2
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        observer.look(app, "roles confirmation")
        await pilot.press("ctrl+s")
        await settle(pilot)
        observer.look(app, "members after the role change")

        select(screen, ADMIN_MEMBER["UserId"].value)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, RemoveMembers)
        warned = observer.look(app, "remove dialog (last administrator)")
        assert says(
            warned,
            "They are the workspace's last administrator ({code}): after this, only the "
            "owner can manage members. You can still go ahead.",
            code="PAI.WorkspaceAdmin",
        )
        await fill(pilot, "#remove-confirm", WORKSPACE_NAME)
        await pilot.press("enter")
        await settle(pilot)
        observer.look(app, "members after the removal")

        select(screen, OWNER_ONE["UserId"].value)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert says(
            observer.look(app, "remove the owner"),
            "{who} is the owner of {workspace}: the owner cannot be removed from the "
            "workspace. Nothing was sent.",
        )
        await pilot.press("escape")
        await settle(pilot)
    observer.check()


async def test_refused_member_calls_show_only_masked_values(
    members_emu: Emulator, observer: Observer
) -> None:
    from paiws.core.factory import emulator_service
    from tests.leaks.leak_support import RecordingService as Recording

    members_emu.add_key("nomembers", "nomembers-secret", denied_actions=("CreateMember",))
    service = Recording(
        emulator_service(
            members_emu.base_url, access_key_id="nomembers", access_key_secret="nomembers-secret"
        )
    )
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        await pilot.press("a")
        await settle(pilot)
        await fill(pilot, "#people-search", "u")
        await settle(pilot)
        results = app.screen.query_one("#people-results", SelectionList)
        results.focus()
        results.highlighted = 0
        await pilot.press("space")
        await pilot.click("#add-next")
        await settle(pilot)
        roles = app.screen.query_one("#add-role-picker", SelectionList)
        roles.focus()
        roles.highlighted = 0
        await pilot.press("space")
        await pilot.click("#add-next")
        await settle(pilot)
        await pilot.click("#add-next")
        await settle(pilot)
        text = observer.look(app, "add form: permission denied")
        assert "paiworkspace:CreateMember" in text
        await pilot.press("y")
        await settle(pilot)
    observer.check()
    assert_no_canary(service.transcript(), where="a service result or error")
    service.close()


async def test_wrongly_typed_member_fields_read_unreadable_never_their_value(
    members_emu: Emulator, service: RecordingService, observer: Observer
) -> None:
    members_emu.corrupt_fields(
        REGION,
        ID_ONE,
        {
            "MemberName": [MEMBER["MemberName"].value],
            "DisplayName": {"raw": MEMBER["DisplayName"].value},
            "AccountName": 42,
            "Roles": "PAI." + MEMBER["UserId"].value,
            "MemberId": {"id": MEMBER["MemberId"].value},
            "AccountType": 5,
        },
        user_id=MEMBER["UserId"].value,
    )
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(pilot)
        text = observer.look(app, "members with unreadable fields")
        assert "unreadable" in text and "(!)" in text
        assert "(!)" in screen_text(app).splitlines()[-2]  # the status line counts the item
    observer.check()


def test_member_commands_print_only_masked_values(
    members_emu: Emulator, cli: CliRunner, canary_creds: None
) -> None:
    def paiws(*argv: str) -> CliResult:
        result = cli(*argv, "--region", REGION, "--endpoint", members_emu.base_url)
        assert "Traceback" not in result.text and "\x1b" not in result.text
        assert_no_canary(result.text, where=f"`paiws {' '.join(argv[:2])}` output")
        return result

    for fmt in ("table", "json", "csv"):
        assert paiws("members", "list", ID_ONE, "--format", fmt, "--wide").code == 0
        assert paiws("members", "list", ID_ONE, "--all", "--format", fmt).code == 0
    listed = json.loads(paiws("members", "list", ID_ONE, "--format", "json").out)
    shown = {m["User ID"]: m for m in listed["Members"]}
    assert shown["****0011"]["Name"] == "m***" and shown["****0011"]["Display Name"] == "李***"
    assert shown["****0011"]["Account"] == "q***@example.com"
    assert shown["****0011"]["Member ID"] == "****0012"
    assert not {"UserId", "MemberId", "MemberName", "AccountName"} & set(shown["****0011"])
    for fmt in ("table", "json"):
        assert paiws("members", "users", ID_ONE, "--name", "u", "--format", fmt).code == 0
    pool, member = POOL_USER["UserId"].value, MEMBER["UserId"].value
    added = paiws(
        "members", "add", ID_ONE, "--user", f"{pool},{member}", "--role", "AlgoDeveloper",
        "--yes", "--format", "json",
    )  # fmt: skip
    assert added.code == 0
    assert [r["Outcome"] for r in json.loads(added.out)["Results"]] == [
        "added",
        "already a member",
    ]
    # A CreateMember whose answer is lost, and an error message that echoes the user ID.
    members_emu.inject_fault("CreateMember", "http500")
    stranger = members_emu.add_user("strCNRYz9Xw2Vb0016")
    failed = paiws(
        "members", "add", ID_ONE, "--user", stranger, "--role", "WorkspaceGuest", "--yes"
    )
    assert failed.code == 1
    assert paiws("members", "add", ID_ONE, "--user", "unkCNRYq1Zs5Nm0017", "--role",
                 "WorkspaceGuest", "--yes").code == 4  # fmt: skip
    assert paiws("members", "roles", ID_ONE, member, "--add", "LabelManager", "--yes").code == 0
    assert paiws("members", "roles", ID_ONE, "unkCNRYq1Zs5Nm0017", "--add", "LabelManager",
                 "--yes").code == 4  # fmt: skip
    admin = ADMIN_MEMBER["UserId"].value
    assert paiws("members", "roles", ID_ONE, admin, "--remove", "WorkspaceAdmin", "--add",
                 "WorkspaceGuest", "--yes").code == 0  # fmt: skip
    assert paiws("members", "remove", ID_ONE, member, "--confirm-name", "wrong").code == 2
    owner = OWNER_ONE["UserId"].value
    assert paiws("members", "remove", ID_ONE, owner, "--confirm-name", WORKSPACE_NAME).code == 2
    assert paiws("members", "remove", ID_ONE, f"{member},{admin}", "--confirm-name",
                 WORKSPACE_NAME).code == 0  # fmt: skip


def test_wrongly_typed_member_items_in_json_read_unreadable(
    members_emu: Emulator, cli: CliRunner, canary_creds: None
) -> None:
    members_emu.corrupt_fields(
        REGION,
        ID_ONE,
        {"UserId": 7, "MemberName": {"n": MEMBER["MemberName"].value}, "Roles": "x"},
        user_id=MEMBER["UserId"].value,
    )
    members_emu.corrupt_fields(
        REGION,
        ID_ONE,
        {"UserName": [POOL_USER["UserName"].value]},
        user_id=POOL_USER["UserId"].value,
    )
    listed = cli("members", "list", ID_ONE, "--format", "json", "--region", REGION,
                 "--endpoint", members_emu.base_url)  # fmt: skip
    assert listed.code == 0
    assert_no_canary(listed.text, where="members list with unreadable fields")
    broken = [m for m in json.loads(listed.out)["Members"] if "Unreadable Fields" in m]
    assert len(broken) == 1
    assert broken[0]["Unreadable Fields"] == ["User ID", "Name", "Roles"]
    assert broken[0]["User ID"] == broken[0]["Name"] == broken[0]["Roles"] == "unreadable"
    assert "(!)" in listed.err and "1" in listed.err  # the count, in either language
    users = cli("members", "users", ID_ONE, "--name", "u", "--format", "json", "--region",
                REGION, "--endpoint", members_emu.base_url)  # fmt: skip
    assert_no_canary(users.text, where="members users with unreadable fields")
    assert any(u.get("Name") == "unreadable" for u in json.loads(users.out)["Users"])


async def test_a_crash_on_the_members_screen_prints_one_sanitized_line(
    members_emu: Emulator,
    service: RecordingService,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    def explode(self: Any) -> None:
        raw_member = {c.label: c.value for c in MEMBER_PEOPLE}
        raise RuntimeError(f"unexpected member {raw_member}")

    monkeypatch.setattr(MembersScreen, "action_refresh", explode)
    app = make_app(service, region=REGION)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await open_members(pilot)
            await pilot.press("r")
            await pilot.pause()
    assert app.return_code == 1
    printed = "".join(str(r) for r in app._exit_renderables)
    out, err = capfd.readouterr()
    assert_no_canary(printed + out + err, where="the crash output")
