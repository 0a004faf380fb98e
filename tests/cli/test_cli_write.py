"""create / update / delete against the emulator: outcomes, confirmation and request sequences."""

from __future__ import annotations

import io
import json

import pytest

from paiws.emulator import Emulator
from tests.cli.cli_support import ID_ALPHA, ID_BETA, REGION, Runner, assert_no_canary

CREATE = ("create", "--region", REGION)


def _names(emu: Emulator) -> list[str]:
    return [ws["WorkspaceName"] for ws in emu.workspaces(REGION)]


class _Terminal(io.StringIO):
    """A stdin that claims to be a terminal, with the user's answer already typed."""

    def isatty(self) -> bool:
        return True


def test_create_free_name_json(paiws: Runner, emu: Emulator) -> None:
    result = paiws(
        *CREATE,
        "--name",
        "fresh_ws",
        "--description",
        "Team sandbox",
        "--env",
        "dev,prod",
        "--display-name",
        "Fresh",
        "--yes",
        "--format",
        "json",
    )
    assert result.code == 0, result
    data = json.loads(result.out)
    assert list(data) == ["Outcome", "Workspace ID", "Status", "Differences"]
    assert data["Outcome"] == "created" and data["Differences"] == []
    assert "fresh_ws" in _names(emu)
    assert emu.operations() == [
        "ListProducts",
        "ListWorkspaces:CheckWorkspaceExists",
        "CreateWorkspace",
    ]
    created = next(ws for ws in emu.workspaces(REGION) if ws["WorkspaceName"] == "fresh_ws")
    assert data["Workspace ID"] == created["WorkspaceId"]
    assert created["EnvTypes"] == ["dev", "prod"] and created["DisplayName"] == "Fresh"


def test_create_wait_polls_until_enabled_with_progress_on_stderr(
    paiws: Runner, emu: Emulator
) -> None:
    result = paiws(
        *CREATE, "--name", "waited_ws", "--description", "d", "--env", "prod", "--yes", "--wait"
    )
    assert result.code == 0, result
    assert "Created workspace waited_ws" in result.out and "ENABLED" in result.out
    assert result.err.strip()  # progress lines
    ops = emu.operations()
    assert ops[:3] == ["ListProducts", "ListWorkspaces:CheckWorkspaceExists", "CreateWorkspace"]
    assert set(ops[3:]) == {"GetWorkspace"} and ops[3:]


def test_create_existing_same_configuration_creates_nothing(paiws: Runner, emu: Emulator) -> None:
    before = len(_names(emu))
    result = paiws(
        *CREATE,
        "--name",
        "alpha_ws",
        "--description",
        "The alpha_ws workspace",
        "--env",
        "dev,prod",
        "--yes",
    )
    assert result.code == 0, result
    assert "already exists, same configuration" in result.out and ID_ALPHA in result.out
    assert len(_names(emu)) == before


def test_create_existing_same_configuration_json(paiws: Runner, emu: Emulator) -> None:
    result = paiws(
        *CREATE,
        "--name",
        "alpha_ws",
        "--description",
        "The alpha_ws workspace",
        "--env",
        "dev,prod",
        "--yes",
        "--format",
        "json",
    )
    assert result.code == 0, result
    data = json.loads(result.out)
    assert (data["Outcome"], data["Workspace ID"]) == ("exists_same", ID_ALPHA)
    assert emu.operations() == [
        "ListProducts",
        "ListWorkspaces:CheckWorkspaceExists",
        "GetWorkspace",
    ]
    assert "CreateWorkspace" not in emu.operations()


def test_create_name_taken_exits_8_naming_the_differences(paiws: Runner, emu: Emulator) -> None:
    result = paiws(
        *CREATE,
        "--name",
        "alpha_ws",
        "--description",
        "Something else",
        "--env",
        "prod",
        "--yes",
        "--format",
        "json",
    )
    assert result.code == 8  # SPEC §4: exit 8 is the create conflict
    data = json.loads(result.out)
    assert data["Outcome"] == "name_taken" and data["Workspace ID"] == ID_ALPHA
    assert data["Differences"]
    assert "already taken" in result.err and "another name" in result.err
    assert "CreateWorkspace" not in emu.operations()
    text = paiws(
        *CREATE, "--name", "alpha_ws", "--description", "Something else", "--env", "prod", "--yes"
    )
    assert text.code == 8 and "already taken" in text.err
    assert_no_canary(text.text)


def test_create_asks_on_a_terminal_and_proceeds_on_yes(
    paiws: Runner, emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    result = paiws(
        *CREATE,
        "--name",
        "asked_ws",
        "--description",
        "Asked first",
        "--env",
        "prod",
        "--resource-group-id",
        "rg-abc123",
    )
    assert result.code == 0, result
    for shown in (
        "asked_ws",
        "Asked first",
        "prod",
        "rg-abc123",
        "cannot be changed later",
        REGION,
        "[y/N]",
    ):
        assert shown in result.err
    assert "asked_ws" in _names(emu)


def test_create_declined_on_a_terminal_sends_nothing(
    paiws: Runner, emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    result = paiws(*CREATE, "--name", "declined_ws", "--description", "d", "--env", "prod")
    assert result.code == 1 and "nothing was created" in result.err
    assert emu.operations() == []


def test_update_changes_description_and_display_name(paiws: Runner, emu: Emulator) -> None:
    result = paiws(
        "update",
        ID_ALPHA,
        "--region",
        REGION,
        "--description",
        "New text",
        "--display-name",
        "Alpha!",
    )
    assert result.code == 0, result
    assert "Updated workspace" in result.out and "New text" in result.out
    alpha = next(ws for ws in emu.workspaces(REGION) if ws["WorkspaceId"] == ID_ALPHA)
    assert (alpha["Description"], alpha["DisplayName"]) == ("New text", "Alpha!")
    assert emu.operations() == ["ListProducts", "UpdateWorkspace", "GetWorkspace"]
    assert_no_canary(result.text)
    data = json.loads(
        paiws(
            "update", ID_ALPHA, "--region", REGION, "--description", "Again", "--format", "json"
        ).out
    )
    assert data["Description"] == "Again"


def test_update_unknown_workspace_exits_4(paiws: Runner) -> None:
    assert paiws("update", "424242", "--region", REGION, "--description", "x").code == 4


def test_delete_with_the_right_name(paiws: Runner, emu: Emulator) -> None:
    result = paiws("delete", ID_BETA, "--region", REGION, "--confirm-name", "beta_ws")
    assert result.code == 0, result
    assert "Deleted workspace" in result.out
    assert "beta_ws" not in _names(emu)
    # R13: the typed name is checked against the workspace's real name first.
    assert emu.operations() == ["ListProducts", "GetWorkspace", "DeleteWorkspace"]


def test_delete_with_the_wrong_name_deletes_nothing(paiws: Runner, emu: Emulator) -> None:
    result = paiws("delete", ID_BETA, "--region", REGION, "--confirm-name", "alpha_ws")
    assert result.code == 2, result
    assert "beta_ws" in _names(emu)
    assert emu.operations() == ["ListProducts", "GetWorkspace"]


def test_delete_unknown_workspace_exits_4(paiws: Runner) -> None:
    assert paiws("delete", "424242", "--region", REGION, "--confirm-name", "x_ws").code == 4
