"""Helpers for the members Pilot tests: open the members of a workspace from its detail, drive
the add form, and read the emulator's request log as (operation, about-whom) pairs."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import SelectionList

from paiws.app import PaiwsApp
from paiws.emulator import Emulator
from paiws.screens.browse.workspace_table import WorkspaceTableScreen
from paiws.screens.detail import DetailScreen
from paiws.screens.members.add_form import AddMembersForm
from paiws.screens.members.members_screen import MembersScreen
from tests.support import fill, settle

REGION = "cn-hangzhou"
WS, WS_NAME = "100002", "nlp_train_01"  # owner bob.demo; li.na (AlgoDeveloper, MaxCompute)
OWNER = "2053718264950002"
LI_NA = "2929800698418221"
ZHAO, EVE, GRACE = "2611533416369727", "2480631874380059", "2912817533277926"
BIG = "100001"  # 1,218 members


def calls(emu: Emulator) -> list[tuple[str, str]]:
    """(operation, whom or what it was about) per request, in order; ListProducts left out."""
    out = []
    for entry in emu.request_log:
        if entry.operation == "ListProducts":
            continue
        about = entry.query.get("UserId") or entry.path_params.get("RoleName") or ""
        if entry.operation == "CreateMember":
            about = ",".join(m["UserId"] for m in entry.body["Members"])
        elif entry.operation == "DeleteMembers":
            about = entry.query["MemberIds"]
        elif entry.operation == "ListMembers" and entry.query.get("Roles"):
            about = "Roles=" + entry.query["Roles"]
        elif entry.operation == "ListMembers" and entry.query.get("MemberName"):
            about = "MemberName=" + entry.query["MemberName"]
        elif entry.operation == "ListMembers" and not about:
            about = "page " + entry.query.get("PageNumber", "?")
        elif entry.operation == "ListWorkspaceUsers":
            about = "UserName=" + entry.query.get("UserName", "")
        out.append((entry.operation, about))
    return out


def members_screen(app: PaiwsApp) -> MembersScreen:
    screen = app.screen
    assert isinstance(screen, MembersScreen), type(screen).__name__
    return screen


def add_form(app: PaiwsApp) -> AddMembersForm:
    screen = app.screen
    assert isinstance(screen, AddMembersForm), type(screen).__name__
    return screen


async def open_members(pilot: Pilot[Any], workspace_id: str = WS) -> MembersScreen:
    """From the loaded workspace table: the workspace's detail, then `m`."""
    await settle(pilot)
    table = pilot.app.screen
    assert isinstance(table, WorkspaceTableScreen)
    assert table.grid.move_to(workspace_id)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DetailScreen)
    await pilot.press("m")
    await settle(pilot)
    return members_screen(pilot.app)  # type: ignore[arg-type]


async def search_people(pilot: Pilot[Any], name: str) -> None:
    await fill(pilot, "#people-search", name)
    await settle(pilot)


async def pick(pilot: Pilot[Any], *rows: int) -> None:
    """Tick these rows of the people results (0 = first), with the keyboard."""
    results = pilot.app.screen.query_one("#people-results", SelectionList)
    results.focus()
    for row in rows:
        results.highlighted = row
        await pilot.press("space")
    await pilot.pause()


async def pick_roles(pilot: Pilot[Any], *rows: int) -> None:
    """Tick these roles (0 = Algorithm developer … 5 = Visitor) in the focused role list."""
    picker = pilot.app.screen.query_one("#add-role-picker", SelectionList)
    picker.focus()
    for row in rows:
        picker.highlighted = row
        await pilot.press("space")
    await pilot.pause()


async def next_step(pilot: Pilot[Any]) -> None:
    await pilot.click("#add-next")
    await settle(pilot)


async def add_through_the_form(
    pilot: Pilot[Any], search: str, rows: tuple[int, ...], roles: tuple[int, ...]
) -> AddMembersForm:
    """`a`, find, pick, roles, review, Add; returns the form showing the outcome."""
    await pilot.press("a")
    await settle(pilot)
    await search_people(pilot, search)
    await pick(pilot, *rows)
    await next_step(pilot)
    await pick_roles(pilot, *roles)
    await next_step(pilot)
    await next_step(pilot)  # Add members
    return add_form(pilot.app)  # type: ignore[arg-type]
