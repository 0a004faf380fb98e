"""Snapshots of every create-wizard step and outcome, and of the edit and delete dialogs.

Driven through the real PaiwsApp (`n` in the table, `e`/`ctrl+d` in the detail) with the
scripted `FakeService`, so IDs and elapsed times are fixed: 120x36 and 80x24 (the `size`
fixture), no cursor blink, no animations, workers finished before the shot (a create "in
flight" is held by the fake).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from paiws.app import PaiwsApp
from paiws.core.errors import NetworkError, PermissionDenied
from paiws.core.views import ActivationState, CreateOutcome, CreateProgress
from paiws.paths import read_asset
from paiws.screens.create.wizard import CreateWizard
from paiws.screens.delete_workspace import DeleteWorkspace
from paiws.screens.edit_workspace import EditWorkspace
from tests.snapshots.wizard_fake import REGION, FakeService
from tests.support import make_app, screen_text, settle, wait_until

Size = tuple[int, int]
Snap = Callable[..., bool]
Step = Callable[[Pilot[Any]], Awaitable[None]]
NEW_ID = "777001"

PROGRESS = (
    CreateProgress("validating", "Checking the parameters"),
    CreateProgress("checking", "Checking whether the name team_ws is free"),
    CreateProgress("creating", "Creating workspace team_ws"),
    CreateProgress(
        "polling", "Status: INITIALIZING", status="INITIALIZING", elapsed=2.5, workspace_id=NEW_ID
    ),
)
ENABLED = (
    *PROGRESS,
    CreateProgress("done", "Status: ENABLED", status="ENABLED", elapsed=3.4, workspace_id=NEW_ID),
)


def app_for(service: FakeService) -> PaiwsApp:
    return make_app(service, REGION)


async def put(pilot: Pilot[Any], selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = text
    field.cursor_position = len(text)
    await pilot.pause()


async def open_wizard(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)


async def name(pilot: Pilot[Any], text: str = "team_ws") -> None:
    await put(pilot, "#name-input", text)
    await settle(pilot)  # waits for the availability check's debounce and answer


async def to_review(pilot: Pilot[Any]) -> None:
    await open_wizard(pilot)
    await name(pilot)
    await pilot.press("enter")
    await put(pilot, "#description-input", "Recommendation models for the shop team")
    await pilot.press("enter", "down", "enter")
    await put(pilot, "#display-input", "Shop team")
    await put(pilot, "#rg-input", "rg-acfm0001")
    await pilot.press("enter")
    await settle(pilot)


async def create(pilot: Pilot[Any]) -> None:
    await to_review(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def create_held(pilot: Pilot[Any]) -> None:
    """Create, and shoot while the fake keeps it in flight (no settle: it never completes)."""
    await to_review(pilot)
    await pilot.press("enter")
    service = pilot.app.service  # type: ignore[attr-defined]
    assert isinstance(service, FakeService)
    last = service.progress[-1].message
    await wait_until(pilot, lambda: last in screen_text(pilot.app), what=last)


def run(*steps: Step) -> Step:
    async def go(pilot: Pilot[Any]) -> None:
        for step in steps:
            await step(pilot)

    return go


def keys(*pressed: str) -> Step:
    async def go(pilot: Pilot[Any]) -> None:
        await pilot.press(*pressed)
        await settle(pilot)

    return go


def created(**changes: Any) -> CreateOutcome:
    values: dict[str, Any] = {
        "kind": "created",
        "workspace_id": NEW_ID,
        "final_status": "ENABLED",
        "message": "Workspace team_ws (777001) was created and is ENABLED.",
    }
    values.update(changes)
    return CreateOutcome(**values)


def shoot(snap_compare: Snap, size: Size, service: FakeService, *steps: Step) -> bool:
    return snap_compare(app_for(service), terminal_size=size, run_before=run(*steps))


# -- the steps ----------------------------------------------------------------------------------


def test_wizard_name_on_open(snap_compare: Snap, size: Size) -> None:
    assert shoot(snap_compare, size, FakeService(), open_wizard)


def test_wizard_name_breaks_a_rule(snap_compare: Snap, size: Size) -> None:
    assert shoot(snap_compare, size, FakeService(), open_wizard, keys(*"123ws"))


def test_wizard_name_available(snap_compare: Snap, size: Size) -> None:
    assert shoot(snap_compare, size, FakeService(), open_wizard, name)


def test_wizard_name_taken(snap_compare: Snap, size: Size) -> None:
    service = FakeService(taken={"team_ws": "100002"})
    assert shoot(snap_compare, size, service, open_wizard, name)


def test_wizard_description(snap_compare: Snap, size: Size) -> None:
    async def describe(pilot: Pilot[Any]) -> None:
        await put(pilot, "#description-input", "Recommendation models for the shop team")

    assert shoot(snap_compare, size, FakeService(), open_wizard, name, keys("enter"), describe)


def test_wizard_mode(snap_compare: Snap, size: Size) -> None:
    async def describe(pilot: Pilot[Any]) -> None:
        await put(pilot, "#description-input", "Shop team")
        await pilot.press("enter", "down")

    assert shoot(snap_compare, size, FakeService(), open_wizard, name, keys("enter"), describe)


def test_wizard_options(snap_compare: Snap, size: Size) -> None:
    async def describe(pilot: Pilot[Any]) -> None:
        await put(pilot, "#description-input", "Shop team")
        await pilot.press("enter", "enter")

    assert shoot(snap_compare, size, FakeService(), open_wizard, name, keys("enter"), describe)


def test_wizard_review(snap_compare: Snap, size: Size) -> None:
    assert shoot(snap_compare, size, FakeService(), to_review)


def test_wizard_review_scrolled_to_the_end(snap_compare: Snap, size: Size) -> None:
    """PageDown scrolls a long review whatever has the focus; Create stays in view."""
    assert shoot(snap_compare, size, FakeService(), to_review, keys("pagedown"))


def test_wizard_review_shows_long_values_whole(snap_compare: Snap, size: Size) -> None:
    async def long_answers(pilot: Pilot[Any]) -> None:
        await open_wizard(pilot)
        await name(pilot, "team_ws")
        await pilot.press("enter")
        await put(pilot, "#description-input", "Forecasting " + "x" * 56 + " end of it")
        await pilot.press("enter", "enter")
        await put(pilot, "#display-input", "Demand forecasting for every warehouse region")
        await pilot.press("enter")
        await settle(pilot)

    assert shoot(snap_compare, size, FakeService(), long_answers, keys("pagedown"))


def test_wizard_moving_on_with_a_taken_name(snap_compare: Snap, size: Size) -> None:
    """The stepper marks the name `!` (never ✓); the review says which ID has it."""
    service = FakeService(taken={"team_ws": "100002"})
    assert shoot(snap_compare, size, service, to_review)


def test_wizard_escape_asks_first(snap_compare: Snap, size: Size) -> None:
    assert shoot(snap_compare, size, FakeService(), open_wizard, name, keys("escape"))


# -- in flight ----------------------------------------------------------------------------------


def test_wizard_progress_initializing(snap_compare: Snap, size: Size) -> None:
    assert shoot(snap_compare, size, FakeService(progress=PROGRESS, hold=True), create_held)


def test_wizard_progress_rechecking(snap_compare: Snap, size: Size) -> None:
    progress = (
        *PROGRESS[:3],
        CreateProgress(
            "rechecking", "The create call failed; checking whether it was created", elapsed=1.0
        ),
    )
    assert shoot(snap_compare, size, FakeService(progress=progress, hold=True), create_held)


# -- outcomes -----------------------------------------------------------------------------------


def test_wizard_created(snap_compare: Snap, size: Size) -> None:
    assert shoot(snap_compare, size, FakeService(progress=ENABLED, outcome=created()), create)


def test_wizard_created_after_a_dropped_connection(snap_compare: Snap, size: Size) -> None:
    outcome = created(notes=("connection dropped; found it on re-check.",))
    assert shoot(snap_compare, size, FakeService(progress=ENABLED, outcome=outcome), create)


def test_wizard_initialisation_failed(snap_compare: Snap, size: Size) -> None:
    outcome = created(final_status="FAILURE")
    assert shoot(snap_compare, size, FakeService(progress=PROGRESS, outcome=outcome), create)


def test_wizard_still_initialising(snap_compare: Snap, size: Size) -> None:
    outcome = created(final_status="INITIALIZING")
    assert shoot(snap_compare, size, FakeService(progress=PROGRESS, outcome=outcome), create)


def test_wizard_exists_same(snap_compare: Snap, size: Size) -> None:
    outcome = CreateOutcome(
        kind="exists_same", workspace_id="100002", final_status="ENABLED", message="already exists"
    )
    assert shoot(snap_compare, size, FakeService(progress=PROGRESS[:2], outcome=outcome), create)


NAME_TAKEN = CreateOutcome(
    kind="name_taken",
    workspace_id="100002",
    final_status="ENABLED",
    differences=("Environments", "Description"),
    message="taken",
)


def test_wizard_name_taken_outcome(snap_compare: Snap, size: Size) -> None:
    service = FakeService(progress=PROGRESS[:2], outcome=NAME_TAKEN)
    assert shoot(snap_compare, size, service, create)


def test_wizard_back_to_the_name_after_name_taken(snap_compare: Snap, size: Size) -> None:
    service = FakeService(progress=PROGRESS[:2], outcome=NAME_TAKEN)
    assert shoot(snap_compare, size, service, create, keys("enter"))


def test_wizard_permission_error(snap_compare: Snap, size: Size) -> None:
    error = PermissionDenied(
        "Permission denied: CreateWorkspace is not allowed for these credentials "
        "(Forbidden.RAM: User not authorized to operate on the specified resource).",
        action="CreateWorkspace",
        policy=read_asset("ram-policy.json"),
        code="Forbidden.RAM",
        request_id="5E0B2B2C-0000-4000-8000-000000000001",
    )
    assert shoot(snap_compare, size, FakeService(progress=PROGRESS[:3], error=error), create)


def test_wizard_ambiguous_failure(snap_compare: Snap, size: Size) -> None:
    error = NetworkError(
        "The connection closed before a response arrived.",
        code="ConnectionDropped",
        hint="Nothing was found on re-check, so it was probably not created; try again.",
    )
    assert shoot(snap_compare, size, FakeService(progress=PROGRESS[:3], error=error), create)


# -- blocked ------------------------------------------------------------------------------------


def push(factory: Callable[[PaiwsApp], Any]) -> Step:
    async def go(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        app = pilot.app
        assert isinstance(app, PaiwsApp)
        app.push_screen(factory(app))
        await settle(pilot)

    return go


def test_wizard_blocked_in_read_only_mode(snap_compare: Snap, size: Size) -> None:
    service = FakeService(read_only=True)
    assert shoot(snap_compare, size, service, push(lambda app: CreateWizard()))


def test_wizard_blocked_when_pai_is_not_activated(snap_compare: Snap, size: Size) -> None:
    service = FakeService(activation_state=ActivationState(REGION, "no_permission"))
    assert shoot(snap_compare, size, service, push(lambda app: CreateWizard()))


# -- edit and delete ----------------------------------------------------------------------------


async def open_detail(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def test_edit_form_with_a_change(snap_compare: Snap, size: Size) -> None:
    async def change(pilot: Pilot[Any]) -> None:
        await pilot.press("tab")  # to the description, as a person would
        await put(pilot, "#edit-description", "Experiments of the search and ads teams")
        await settle(pilot)

    assert shoot(snap_compare, size, FakeService(), open_detail, keys("e"), change)


def test_edit_permission_error(snap_compare: Snap, size: Size) -> None:
    error = PermissionDenied(
        "Permission denied: UpdateWorkspace is not allowed for these credentials "
        "(Forbidden.RAM: User not authorized).",
        action="UpdateWorkspace",
        policy='{"Action": ["paiworkspace:UpdateWorkspace"]}',
        code="Forbidden.RAM",
    )

    async def change(pilot: Pilot[Any]) -> None:
        await put(pilot, "#edit-display", "Sandbox")
        await pilot.press("ctrl+s")
        await settle(pilot)

    service = FakeService(update_error=error)
    assert shoot(snap_compare, size, service, open_detail, keys("e"), change)


def test_delete_confirmation_typed(snap_compare: Snap, size: Size) -> None:
    assert shoot(
        snap_compare, size, FakeService(), open_detail, keys("ctrl+d"), keys(*"team_sandbox")
    )


def test_delete_confirmation_not_matching(snap_compare: Snap, size: Size) -> None:
    assert shoot(snap_compare, size, FakeService(), open_detail, keys("ctrl+d"), keys(*"team_sand"))


def test_delete_blocked_in_read_only_mode(snap_compare: Snap, size: Size) -> None:
    service = FakeService(read_only=True)

    def delete(app: PaiwsApp) -> DeleteWorkspace:
        from tests.snapshots.wizard_fake import sample_row

        return DeleteWorkspace(sample_row())

    assert shoot(snap_compare, size, service, push(delete))


def test_edit_blocked_in_read_only_mode(snap_compare: Snap, size: Size) -> None:
    service = FakeService(read_only=True)

    def edit(app: PaiwsApp) -> EditWorkspace:
        from tests.snapshots.wizard_fake import sample_row

        return EditWorkspace(sample_row())

    assert shoot(snap_compare, size, service, push(edit))
