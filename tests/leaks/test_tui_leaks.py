"""The TUI on the canary data: every screen and state a user can reach, each one checked for
canaries as it is shown (screenshot text, every widget's content including scrolled-out rows,
notifications), plus clipboard writes, opened URLs, every service result and error, logs and
files (autouse fixtures)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot

from paiws.core.api import _
from paiws.core.factory import build_service, emulator_service
from paiws.core.options import Options
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.detail import DetailScreen
from paiws.screens.help import HelpScreen
from paiws.screens.id_lookup import IdLookupScreen
from paiws.screens.limits import LimitsScreen
from paiws.screens.region_picker import RegionPickerScreen
from paiws.screens.widgets.confirm_modal import ConfirmModal
from tests.leaks.hostile_bodies import CASES, ESCAPES, OSC52, detail, html_page, item, listing
from tests.leaks.leak_canaries import (
    CREATOR_ONE,
    DENIED_SECRET,
    ID_ONE,
    ID_TWO,
    KEY_ID,
    MISSING_ID,
    NO_PERMISSION_REGION,
    OWNER_ONE,
    PURCHASABLE_REGION,
    REGION,
    TOKEN,
    assert_no_canary,
)
from tests.leaks.leak_support import HostileServer, RecordingService, Reply, Sandbox, service_for
from tests.leaks.leak_tui import SIZE, Observer
from tests.support import fill, make_app, says, settle


async def choose_region(pilot: Pilot[Any], region: str) -> None:
    assert isinstance(pilot.app.screen, RegionPickerScreen)
    await fill(pilot, "#region-filter", region)
    await pilot.press("enter")
    await settle(pilot)


async def test_browsing_every_read_screen_shows_only_masked_values(
    service: RecordingService, observer: Observer
) -> None:
    app = make_app(service)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        observer.look(app, "region picker")
        await choose_region(pilot, REGION)
        assert isinstance(app.screen, WorkspaceTableScreen)
        table = observer.look(app, "workspace table")
        assert "****0005" in table and "a***@example.com" in table  # masked, but shown
        assert "[bold red]x[/]" in table  # markup literal
        await pilot.press("y", "b")  # copy the selected ID, open the console
        await settle(pilot)
        observer.look(app, "table after copy and console")

        await pilot.press("slash")
        await fill(pilot, "#name-filter", "canary")
        await settle(pilot)
        observer.look(app, "table filtered by name")
        await pilot.press("enter", "s", "o", "O")
        await settle(pilot)
        observer.look(app, "table with status filter and sort")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        observer.look(app, "detail")
        await pilot.press("w")
        await settle(pilot)
        owner = observer.look(app, "detail with owner")
        assert _("Owner ID") in owner and "****000" in owner  # masked, but shown
        await pilot.press("v")
        await settle(pilot)
        as_json = observer.look(app, "the workspace as JSON, with the owner")
        assert '"Owner ID"' in as_json
        await pilot.press("y", "escape")
        await settle(pilot)
        await pilot.press("y", "r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        observer.look(app, "the selected row as JSON")
        await pilot.press("escape", "s")
        await settle(pilot)
        observer.look(app, "status picker")
        await pilot.press("escape", "less_than_sign", "right", "right")
        await settle(pilot)
        observer.look(app, "table sorted on a loaded column, scrolled sideways")

        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, IdLookupScreen)
        observer.look(app, "ID lookup")
        await fill(pilot, "#ids", f"{ID_ONE}, {ID_TWO} {MISSING_ID}")
        await pilot.press("enter")
        await settle(pilot)
        found = observer.look(app, "ID lookup with a missing ID")
        assert MISSING_ID in found
        await pilot.press("y", "enter")
        await settle(pilot)
        observer.look(app, "detail from the lookup (owner sticky)")
        await pilot.press("escape")
        await settle(pilot)
        await fill(pilot, "#ids", MISSING_ID)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        observer.look(app, "detail 404")
        await fill(pilot, "#other-id", ID_TWO)
        await pilot.press("enter")
        await settle(pilot)
        observer.look(app, "detail after another ID")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LimitsScreen)
        observer.look(app, "resource limits")
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        observer.look(app, "help")
        await pilot.press("escape", "ctrl+p")
        await settle(pilot)
        observer.look(app, "command palette")
        await pilot.press("l", "i", "m")
        await settle(pilot)
        observer.look(app, "command palette searching")
        await pilot.press("escape")
        await settle(pilot)

        for region in (PURCHASABLE_REGION, NO_PERMISSION_REGION):
            await pilot.press("g")
            await settle(pilot)
            await choose_region(pilot, region)
            observer.look(app, f"main screen in {region}")
            await pilot.press("y", "b", "n")  # copy/open the purchase link; try to create
            await settle(pilot)
            observer.look(app, f"main screen in {region} after keys")
    observer.check()
    assert observer.clipboard and observer.opened


async def run_wizard(
    pilot: Pilot[Any],
    observer: Observer,
    label: str,
    *,
    name: str,
    description: str,
    standard: bool,
) -> str:
    """`n`, every step with a look, Create; returns the outcome screen's text."""
    from paiws.screens.create.name_step import NAME_CHECK_DELAY
    from paiws.screens.create.wizard import CreateWizard

    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CreateWizard)
    await fill(pilot, "#name-input", name)
    await pilot.pause(NAME_CHECK_DELAY + 0.1)
    await settle(pilot)
    await pilot.press("enter")
    await fill(pilot, "#description-input", description)
    await pilot.press("enter")
    if standard:
        await pilot.press("down")
    await pilot.press("enter", "enter")
    await settle(pilot)
    observer.look(pilot.app, f"wizard review ({label})")
    await pilot.press("enter")
    await settle(pilot, rounds=4)
    outcome = observer.look(pilot.app, f"wizard outcome ({label})")
    await pilot.press("y", "escape")
    await settle(pilot)
    if isinstance(pilot.app.screen, ConfirmModal):  # "discard your answers?"
        observer.look(pilot.app, f"wizard discard question ({label})")
        await pilot.click("#confirm-yes")
        await settle(pilot)
    return outcome


async def test_create_edit_and_delete_show_only_masked_values(
    service: RecordingService, observer: Observer, emu: Emulator
) -> None:
    app = make_app(service, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        outcomes = [
            await run_wizard(
                pilot,
                observer,
                "new name",
                name="tui_new_ws",
                description="made in the TUI",
                standard=False,
            ),
            await run_wizard(
                pilot,
                observer,
                "same configuration",
                name="canary_one",
                description="The canary_one workspace",
                standard=True,
            ),
            await run_wizard(
                pilot,
                observer,
                "name taken",
                name="canary_two",
                description="something else",
                standard=True,
            ),
        ]
        assert says(outcomes[0], "Workspace {name} ({id}) was created and is ENABLED.")
        assert says(
            outcomes[1],
            "Workspace {name} already exists with the same configuration (ID {id}); nothing "
            "was created.",
        )
        assert says(
            outcomes[2],
            "The name {name} is already taken by workspace {id} with a different configuration "
            "({fields} differ); choose another name.",
        )
        assert emu.operations().count("CreateWorkspace") == 1
        assert isinstance(app.screen, WorkspaceTableScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert palette_offers(
            palette_entries(app), WorkspaceTableScreen, "table.new"
        )  # see read-only
        await pilot.press("escape", "home", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        entries = palette_entries(app)
        assert palette_offers(entries, DetailScreen, "detail.edit", "detail.delete")
        await pilot.press("escape")
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        observer.look(app, "edit dialog")
        await fill(pilot, "#edit-display", "[b]edited[/b]")
        await fill(pilot, "#edit-description", "edited [/] in the TUI")
        await pilot.press("ctrl+s")
        await settle(pilot)
        observer.look(app, "detail after edit (owner shown)")
        await pilot.press("ctrl+d")
        await settle(pilot)
        observer.look(app, "delete dialog")
        await fill(pilot, "#delete-confirm", "not_the_name")
        observer.look(app, "delete dialog with a wrong name")
        await fill(pilot, "#delete-confirm", "canary_one")
        await pilot.press("enter")
        await settle(pilot, rounds=3)
        observer.look(app, "after delete")
        assert "DeleteWorkspace" in emu.operations()
    observer.check()


async def test_permission_and_credential_errors_show_no_data_or_secrets(
    emu: Emulator, observer: Observer, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    from paiws.screens.credentials_rejected import CredentialsRejectedScreen
    from paiws.screens.no_credentials import NoCredentialsScreen
    from paiws.screens.permission_error import PermissionErrorScreen

    denied = service_for(emu.base_url, denied=True)
    app = make_app(denied, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PermissionErrorScreen)
        text = observer.look(app, "permission error")
        assert "paiworkspace:ListWorkspaces" in text
        await pilot.press("y")
        assert "paiworkspace:ListWorkspaces" in observer.clipboard[-1]
        await pilot.press("escape", "i")
        await settle(pilot)
        await fill(pilot, "#ids", ID_ONE)
        await pilot.press("enter")
        await settle(pilot)
        observer.look(app, "permission error on GetWorkspace")
    assert_no_canary(denied.transcript(), where="the denied service")

    wrong_secret = RecordingService(
        emulator_service(
            emu.base_url,
            access_key_id=KEY_ID.value,
            access_key_secret=DENIED_SECRET.value,
            security_token=TOKEN.value,
        )
    )
    app = make_app(wrong_secret, region=REGION)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CredentialsRejectedScreen)
        observer.look(app, "credentials rejected")
    assert_no_canary(wrong_secret.transcript(), where="the rejected service")

    # Nothing configured at all (the sandbox has no credentials): the calm explanation.
    monkeypatch.setenv("ALIBABA_CLOUD_PROFILE", "work")
    nothing = build_service(Options(endpoint=emu.base_url))
    app = make_app(nothing)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NoCredentialsScreen)
        text = observer.look(app, "no credentials")
        assert "aliyun configure" in text and "--demo" in text
    observer.check()
    assert emu.operations().count("ListProducts") == 2  # nothing sent without credentials


async def test_hostile_data_and_failures_render_literally_and_the_app_keeps_running(
    observer: Observer,
    canary_creds: None,
) -> None:
    with HostileServer() as server:
        server.script["ListWorkspaces"] = Reply(
            200,
            listing(
                item(
                    WorkspaceName=f"[bold red]x[/]{OSC52}",
                    DisplayName=f"[/] {ESCAPES}",
                    Description=f"[link=file:///etc/passwd]x[/link] {ESCAPES}",
                ),
                item(
                    WorkspaceId="300002",
                    WorkspaceName="huge_ws",
                    Description="D" * 200_000,
                    Creator="x" * 100_000 + CREATOR_ONE.value,
                ),
            ),
        )
        server.script["GetWorkspace"] = Reply(
            200,
            detail(
                WorkspaceName=f"[bold]{OSC52}[/]",
                Description=ESCAPES,
                Owner={
                    "UserName": f"{OSC52}{OWNER_ONE['UserName'].value}",
                    "UserId": OWNER_ONE["UserId"].value,
                    "UserKp": OWNER_ONE["UserKp"].value,
                },
            ),
        )
        # The real credential chain this time: the canary STS token from the environment.
        service = RecordingService(build_service(Options(endpoint=server.base_url)))
        app = make_app(service, region=REGION)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            table = observer.look(app, "hostile table")
            assert "environment" in table and "StsToken" in table  # source and mode only
            assert "[bold red]x[/]" in table  # literal
            await pilot.press("enter")
            await settle(pilot)
            shown = observer.look(app, "hostile detail")
            assert "[link=file:///etc/passwd]x[/link]" in shown
            await pilot.press("w")
            await settle(pilot)
            observer.look(app, "hostile detail with owner")
            server.script["GetWorkspace"] = Reply(502, html_page("502"), "text/html")
            await pilot.press("r")
            await settle(pilot)
            observer.look(app, "detail after a non-JSON 502")
            await pilot.press("escape")
            await settle(pilot)
            for case in (
                "non-JSON body on a 200",
                "non-JSON body on a 502",
                "error message with escapes and markup",
                "Workspaces as an object",
                "Creator as an object",
                "signature error echoing the string to sign",
                "permission error with AccessDeniedDetail",
            ):
                server.script["ListWorkspaces"] = next(c for c in CASES if c.name == case).reply
                await pilot.press("r")
                await settle(pilot)
                observer.look(app, f"table after {case}")
                if not isinstance(app.screen, WorkspaceTableScreen):
                    await pilot.press("escape")
                    await settle(pilot)
            # Create against a server whose CreateWorkspace answers with a non-JSON 500 full of
            # canaries (ambiguous: re-checked, never retried blindly).
            server.script["ListWorkspaces"] = Reply(200, listing(item()))
            server.script["ListWorkspaces:CheckWorkspaceExists"] = Reply(200, listing())
            case = "CreateWorkspace answers with a non-JSON 500"
            server.script["CreateWorkspace"] = next(c for c in CASES if c.name == case).reply
            outcome = await run_wizard(
                pilot, observer, case, name="hostile_new", description="d", standard=False
            )
            assert "failed" in outcome.lower()
            assert server.operations().count("CreateWorkspace") == 1
            await pilot.press("question_mark")  # still answering keys
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
        service.close()
        assert_no_canary(service.transcript(), where="the hostile service")
    observer.check()


def palette_offers(entries: list[str], screen: type[Any], *binding_ids: str) -> list[str]:
    """The palette entries of these bindings of ``screen`` (named by their tooltips in the
    interface language, as the palette names them)."""
    names = {
        _(binding.tooltip or binding.description).lower()
        for binding in screen.BINDINGS
        if isinstance(binding, Binding) and binding.id in binding_ids
    }
    assert names, binding_ids
    return [entry for entry in entries if entry in names]


def palette_entries(app: Any) -> list[str]:
    """The commands the open command palette lists, lower-cased."""
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    assert found, "the command palette is not open"
    return [str(option.prompt).lower().split("\n")[0] for option in found.first().options]


async def test_read_only_removes_create_edit_and_delete_everywhere(
    emu: Emulator, observer: Observer
) -> None:
    service = service_for(emu.base_url, read_only=True)
    app = make_app(service, region=REGION)
    writes = {"new_workspace", "edit", "delete"}

    def offered() -> set[str]:
        return {
            active.binding.action
            for active in app.screen.active_bindings.values()
            if active.enabled
        } & writes

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert offered() == set()
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceTableScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        observer.look(app, "palette in read-only mode")
        entries = palette_entries(app)
        assert entries and not palette_offers(
            entries, WorkspaceTableScreen, "table.new", "table.delete"
        )
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        assert offered() == set()
        await pilot.press("e", "ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        observer.look(app, "detail palette in read-only mode")
        entries = palette_entries(app)
        assert entries and not palette_offers(entries, DetailScreen, "detail.edit", "detail.delete")
    assert not {
        "CreateWorkspace",
        "UpdateWorkspace",
        "DeleteWorkspace",
        "ListWorkspaces:CheckWorkspaceExists",
    } & set(emu.operations())
    service.close()
