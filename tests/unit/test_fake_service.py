"""The suite's one test fake must stay the data service it stands in for."""

from __future__ import annotations

import inspect

from paiws.core.interface import DataService
from paiws.core.service import WorkspaceService
from tests.snapshots.wizard_fake import FakeService

Shape = list[tuple[str, object, object]]


def _shape(function: object) -> Shape:
    """Parameter names, kinds and defaults (mypy compares the types)."""
    parameters = inspect.signature(function).parameters.values()  # type: ignore[arg-type]
    return [(p.name, p.kind, p.default) for p in parameters]


def _methods(cls: type) -> dict[str, Shape]:
    return {
        name: _shape(member)
        for name, member in vars(cls).items()
        if callable(member) and not name.startswith("_")
    }


def test_the_fake_has_every_method_of_the_interface_with_the_same_signature() -> None:
    wanted = _methods(DataService)
    fake = {name: _shape(getattr(FakeService, name)) for name in wanted}
    assert fake == wanted


def test_the_real_service_has_every_method_of_the_interface_with_the_same_signature() -> None:
    wanted = _methods(DataService)
    real = {name: _shape(getattr(WorkspaceService, name)) for name in wanted}
    assert real == wanted


def test_both_are_data_services_for_the_type_checker() -> None:
    fake: DataService = FakeService()
    assert not fake.read_only and fake.is_demo
