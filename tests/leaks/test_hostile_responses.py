"""Hostile responses with canaries inside, served by a scripted loopback endpoint.

Expected for every case: a clear error (a PaiwsError, exit code of §4) or the data rendered
literally and masked; no canary in any view model, error message, repr or traceback (with
locals); no control character or escape sequence in what the CLI prints.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest

from paiws.core.errors import PaiwsError
from paiws.core.views import CreateRequest, ListQuery
from tests.leaks.hostile_bodies import CASES, HOSTILE_ID, Case, detail, item, listing
from tests.leaks.leak_canaries import KEY_ID, REGION, SECRET, TOKEN, assert_no_canary
from tests.leaks.leak_support import (
    CliResult,
    CliRunner,
    HostileServer,
    RecordingService,
    Reply,
    service_for,
)

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    with HostileServer() as server:
        server.script.update(
            {
                "ListWorkspaces": Reply(200, listing(item())),
                "ListWorkspaces:CheckWorkspaceExists": Reply(200, listing()),
                "ListWorkspaces:GetResourceLimits": Reply(
                    200, {"ResourceLimits": {"PAI_share": 3}}
                ),
                "GetWorkspace": Reply(200, detail()),
            }
        )
        yield server


def view_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from view_strings(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for v in value:
            yield from view_strings(v)


def call_service(service: RecordingService, case: Case) -> object:
    if case.call == "list":
        pages = list(service.iter_workspaces(REGION, ListQuery()))
        return (service.list_workspaces(REGION, ListQuery()), pages)
    if case.call == "get":
        return service.get_workspace(REGION, HOSTILE_ID, verbose=True)
    if case.call == "activation":
        return service.activation(REGION)
    if case.call == "limits":
        return service.resource_limits(REGION)
    if case.call == "lookup":
        return service.lookup(REGION, [HOSTILE_ID, "300002", "300003"])
    if case.call == "create":
        return service.create_workspace(
            REGION, CreateRequest(name="hostile_new", description="d", environments=("prod",))
        )
    raise AssertionError(case.call)


def cli_commands(case: Case) -> list[tuple[str, ...]]:
    if case.call == "list":
        return [("list", "--format", fmt) for fmt in ("table", "json", "csv")]
    if case.call == "get":
        return [("get", HOSTILE_ID, "--owner", "--format", fmt) for fmt in ("text", "json")]
    if case.call == "lookup":
        return [
            ("list", "--ids", f"{HOSTILE_ID},300002,300003", "--format", fmt)
            for fmt in ("table", "csv")
        ]
    if case.call == "create":
        return [("create", "--name", "hostile_new", "--description", "d", "--env", "prod", "--yes")]
    return [(case.call,), (case.call, "--format", "json")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_service_returns_masked_safe_views_or_a_clear_error(
    hostile: HostileServer, case: Case
) -> None:
    hostile.script[case.operation] = case.reply
    service = service_for(hostile.base_url)
    try:
        result = call_service(service, case)
    except PaiwsError as error:
        assert error.message and len(error.message) < 600
        assert not CONTROLS.search(error.message + error.hint)
    else:
        for text in view_strings(result):
            assert not CONTROLS.search(text), f"a control character in a view model ({case.name})"
            assert len(text) <= 1100
    finally:
        service.close()
    assert_no_canary(service.transcript(), where=f"service views/errors for {case.name!r}")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_cli_prints_a_clear_error_or_literal_masked_text(
    hostile: HostileServer, cli: CliRunner, case: Case, canary_creds: None
) -> None:
    hostile.script[case.operation] = case.reply
    for argv in cli_commands(case):
        result: CliResult = cli(*argv, "--region", REGION, "--endpoint", hostile.base_url)
        where = f"`paiws {' '.join(argv)}` on {case.name!r}"
        assert 0 <= result.code <= 7, where
        assert "Traceback" not in result.text, where
        assert not CONTROLS.search(result.text.replace("\t", " ")), f"control chars: {where}"
        assert len(result.text) < 50_000, where
        assert_no_canary(result.text, where=where)
        if result.code and not (case.call == "activation" and result.code == 3):
            assert result.err.startswith("paiws"), where


def test_a_signature_error_never_shows_the_echoed_string_to_sign(
    hostile: HostileServer,
) -> None:
    """The real gateway echoes its string to sign, which holds the x-acs-security-token."""
    signature_case = next(c for c in CASES if c.name.startswith("signature error"))
    hostile.script["ListWorkspaces"] = signature_case.reply
    service = service_for(hostile.base_url)
    with pytest.raises(PaiwsError) as failure:
        service.list_workspaces(REGION, ListQuery())
    service.close()
    assert failure.value.exit_code == 6
    assert "SignatureDoesNotMatch" in str(failure.value)
    for secret in (TOKEN, KEY_ID, SECRET):
        assert_no_canary(str(failure.value), canaries=(secret,))
