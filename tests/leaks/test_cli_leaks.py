"""Every `paiws` subcommand and output format, run in-process on the canary emulator with the
canary STS credentials in the environment: stdout and stderr show only what R8 allows, and no
key, secret or token (R1). Files, logs and the temp dir are scanned by the autouse fixtures."""

from __future__ import annotations

import json

import pytest

from paiws.core.i18n import _
from paiws.core.present import unreadable_note
from paiws.emulator import Emulator
from tests.leaks.leak_canaries import (
    ID_FOUR,
    ID_ONE,
    ID_THREE,
    ID_TWO,
    MISSING_ID,
    NO_PERMISSION_REGION,
    PURCHASABLE_REGION,
    REGION,
    assert_no_canary,
)
from tests.leaks.leak_support import CliResult, CliRunner
from tests.support import says

pytestmark = pytest.mark.usefixtures("canary_creds")


@pytest.fixture
def paiws(emu: Emulator, cli: CliRunner) -> CliRunner:
    def run(*argv: str) -> CliResult:
        result = cli(*argv, "--endpoint", emu.base_url)
        assert "Traceback" not in result.text
        assert "\x1b" not in result.text, "an escape sequence reached the terminal"
        assert_no_canary(result.text, where=f"`paiws {' '.join(argv[:2])}` output")
        return result

    return run


READS: list[tuple[tuple[str, ...], int]] = [
    (("regions",), 0),
    (("regions", "--format", "json"), 0),
    (("activation",), 0),
    (("activation", "--format", "json"), 0),
    (("activation", "--region", PURCHASABLE_REGION), 3),
    (("activation", "--region", NO_PERMISSION_REGION, "--format", "json"), 3),
    *[(("list", "--format", fmt), 0) for fmt in ("table", "json", "csv")],
    *[(("list", "--all", "--format", fmt), 0) for fmt in ("table", "json", "csv")],
    *[
        (("list", "--ids", f"{ID_ONE},{ID_THREE},{MISSING_ID}", "--format", fmt), 0)
        for fmt in ("table", "json", "csv")
    ],
    (("list", "--ids", ID_TWO), 0),
    (("list", "--ids", MISSING_ID), 4),
    (
        (
            "list",
            "--name",
            "canary",
            "--status",
            "ENABLED",
            "--sort-by",
            "GmtModifiedTime",
            "--order",
            "DESC",
            "--page",
            "2",
            "--page-size",
            "1",
        ),
        0,
    ),
    *[
        (("get", wid, "--format", fmt, *owner), 0)
        for wid in (ID_ONE, ID_TWO, ID_THREE, ID_FOUR)
        for fmt in ("text", "json")
        for owner in ((), ("--owner",))
    ],
    (("get", MISSING_ID, "--owner"), 4),
    (("limits",), 0),
    (("limits", "--format", "json"), 0),
    (("list", "--region", PURCHASABLE_REGION), 3),
    (("get", ID_ONE, "--region", NO_PERMISSION_REGION), 3),
]


@pytest.mark.parametrize(
    ("argv", "code"), READS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else str(v)
)
def test_read_commands_print_only_masked_values(
    paiws: CliRunner, argv: tuple[str, ...], code: int
) -> None:
    command, rest = argv[0], argv[1:]
    region = () if "--region" in rest or command == "regions" else ("--region", REGION)
    result = paiws(command, *rest, *region)
    assert result.code == code, result.err


def test_owner_detail_is_masked_not_missing(paiws: CliRunner) -> None:
    """The check above is only meaningful if the sensitive fields are actually printed."""
    data = json.loads(paiws("get", ID_TWO, "--owner", "--format", "json", "--region", REGION).out)
    assert data["Creator ID"] == "****0006"
    assert data["Owner ID"] == "****0002"
    assert data["Owner"] == "o***"
    assert "a***@example.com" in data["Administrators"]
    assert not {"Creator", "UserId", "UserName", "UserKp", "AdminNames"} & set(data)


def test_csv_and_json_list_keep_hostile_names_literal(paiws: CliRunner) -> None:
    listed = json.loads(paiws("list", "--region", REGION, "--format", "json").out)
    names = {w["Name"] for w in listed["Workspaces"]}
    assert "[bold red]x[/]" in names
    descriptions = " ".join(w["Description"] for w in listed["Workspaces"])
    assert "]52;" not in descriptions and "\x07" not in descriptions


def test_write_commands_print_only_masked_values(paiws: CliRunner, emu: Emulator) -> None:
    region = ("--region", REGION)
    created = paiws(
        "create",
        "--name",
        "fresh_ws",
        "--description",
        "made by the leak suite",
        "--env",
        "dev,prod",
        "--display-name",
        "Fresh",
        "--yes",
        "--wait",
        "--format",
        "json",
        *region,
    )
    assert created.code == 0, created.err
    new_id = json.loads(created.out)["Workspace ID"]
    again = paiws(
        "create",
        "--name",
        "fresh_ws",
        "--description",
        "made by the leak suite",
        "--env",
        "dev,prod",
        "--display-name",
        "Fresh",
        "--yes",
        "--format",
        "text",
        *region,
    )
    assert again.code == 0 and says(
        again.out, "Workspace {name} already exists, same configuration: {id}. Nothing was created."
    )
    taken = paiws(
        "create",
        "--name",
        "canary_one",
        "--description",
        "different",
        "--env",
        "prod",
        "--yes",
        *region,
    )
    assert taken.code == 8  # the create conflict (SPEC §4)
    for fmt in ("text", "json"):
        updated = paiws(
            "update",
            ID_ONE,
            "--description",
            f"updated {fmt}",
            "--display-name",
            "[i]styled[/i]",
            "--format",
            fmt,
            *region,
        )
        assert updated.code == 0, updated.err
    wrong = paiws("delete", new_id, "--confirm-name", "not_the_name", *region)
    assert wrong.code == 2
    deleted = paiws("delete", new_id, "--confirm-name", "fresh_ws", *region)
    assert deleted.code == 0, deleted.err
    assert "DeleteWorkspace" in emu.operations()


def test_read_only_refuses_writes_and_sends_nothing(paiws: CliRunner, emu: Emulator) -> None:
    emu.clear_log()
    region = ("--region", REGION, "--read-only")
    refused = [
        paiws("create", "--name", "ro_ws", "--description", "d", "--env", "prod", "--yes", *region),
        paiws("update", ID_ONE, "--description", "x", *region),
        paiws("delete", ID_ONE, "--confirm-name", "canary_one", *region),
    ]
    assert [r.code for r in refused] == [2, 2, 2]
    assert all("read-only" in r.err for r in refused)
    assert emu.operations() == []


ERRORS: list[tuple[str, str, int]] = [
    ("ListWorkspaces", "non_json", 1),
    ("ListWorkspaces", "non_json_200", 1),
    ("ListWorkspaces", "malformed", 1),
    ("ListWorkspaces", "http500", 1),
    ("ListWorkspaces", "throttle", 1),
    ("ListWorkspaces", "drop_before", 7),
    ("GetWorkspace", "non_json_200", 1),
    ("ListProducts", "malformed", 1),
    ("ListProducts", "non_json", 1),
]


@pytest.mark.parametrize(
    ("operation", "fault", "code"), ERRORS, ids=[f"{o}-{f}" for o, f, _ in ERRORS]
)
def test_server_faults_end_in_one_clear_error_without_data(
    paiws: CliRunner, emu: Emulator, operation: str, fault: str, code: int
) -> None:
    emu.inject_fault(operation, fault, times=None)
    command = ("get", ID_ONE, "--owner") if operation == "GetWorkspace" else ("list", "--all")
    result = paiws(*command, "--region", REGION)
    assert result.code == code
    assert result.out == ""
    assert result.err.startswith("paiws: ") and len(result.err) < 2000


def test_a_wrongly_typed_get_answer_degrades_per_field_without_data(
    paiws: CliRunner, emu: Emulator
) -> None:
    """R16: a body that is a JSON object but with every field of the wrong type is shown with
    each field "unreadable", never a value of it; stderr says so."""
    emu.inject_fault("GetWorkspace", "malformed", times=None)
    result = paiws("get", ID_ONE, "--owner", "--format", "json", "--region", REGION)
    assert result.code == 0
    assert '"unreadable"' in result.out and "Unreadable Fields" in result.out
    assert unreadable_note(1) in result.err
    assert_no_canary(result.text)


def test_permission_denied_names_the_action_and_policy_without_data(
    cli: CliRunner, emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.leaks.leak_canaries import DENIED_KEY_ID, DENIED_SECRET

    monkeypatch.delenv("ALIBABA_CLOUD_SECURITY_TOKEN")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", DENIED_KEY_ID.value)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", DENIED_SECRET.value)
    for argv in (
        ("get", ID_ONE, "--owner"),
        ("list",),
        ("create", "--name", "denied_ws", "--description", "d", "--env", "prod", "--yes"),
    ):
        result = cli(*argv, "--region", REGION, "--endpoint", emu.base_url)
        assert result.code == 5, result.err
        assert "paiworkspace:" in result.err
        assert_no_canary(result.text, where="a permission error")


@pytest.mark.parametrize("problem", ["unknown key", "wrong secret", "expired token"])
def test_rejected_credentials_exit_6_without_showing_them(
    cli: CliRunner, emu: Emulator, monkeypatch: pytest.MonkeyPatch, problem: str
) -> None:
    from tests.leaks.leak_canaries import DENIED_SECRET, KEY_ID

    if problem == "unknown key":
        monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tCNRYunknownXq")
    elif problem == "wrong secret":
        monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", DENIED_SECRET.value)
    else:
        emu.add_key(
            KEY_ID.value,
            "sEcCNRYz9Lk4Hs7PdW3q",
            sts_token="CAISsTsCNRYt6Qw1Ex5JrK0",
            token_expired=True,
        )
    result = cli("list", "--region", REGION, "--endpoint", emu.base_url)
    assert result.code == 6, result.err
    rejected = _("The credentials were rejected: {reason} ({code}).").split("{reason}")[0]
    assert rejected in result.err
    assert_no_canary(result.text, where="a credentials error")
    assert "LTAI5tCNRY" not in result.text
