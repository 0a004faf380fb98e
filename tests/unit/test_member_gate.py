"""Member changes are refused with a sentence in read-only mode and where PAI is not
activated (R3, R14), never silently."""

from __future__ import annotations

from paiws.core.views import ActivationState
from paiws.screens.members.gate import member_change_blocked
from paiws.screens.session import Session
from tests.snapshots.wizard_fake import FakeService

REGION = "cn-beijing"


def test_read_only_mode_refuses_with_the_one_sentence() -> None:
    reason = member_change_blocked(FakeService(), Session(region=REGION, read_only=True), "add x")
    assert reason is not None and "Refusing to add x: paiws is in read-only mode" in reason


def test_a_region_without_pai_refuses_with_a_sentence() -> None:
    service = FakeService(activation_state=ActivationState(REGION, "purchasable"))
    reason = member_change_blocked(service, Session(region=REGION), "add workspace members")
    assert reason is not None and f"PAI is not activated in {REGION}" in reason


def test_an_activated_or_unchecked_region_allows_changes() -> None:
    assert member_change_blocked(FakeService(), Session(region=REGION), "x") is None
    unchecked = FakeService(activation_state=None)
    assert member_change_blocked(unchecked, Session(region=REGION), "x") is None
