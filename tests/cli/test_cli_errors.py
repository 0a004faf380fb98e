"""Exit codes 1, 5, 6 and 7 with one clear sentence and advice on stderr; never a traceback."""

from __future__ import annotations

import json
import socket

import pytest

from paiws.emulator import Emulator
from tests.cli.cli_support import ID_ALPHA, KEY_ID, REGION, Runner, assert_no_canary


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _clean_error(err: str) -> None:
    assert "Traceback" not in err
    assert err.startswith("paiws: ")


def test_permission_denied_exits_5_with_the_action_and_the_policy(
    run_cli: Runner, emu: Emulator, isolated_env: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    emu.add_key("limited-key", "limited-secret", denied_actions=("GetWorkspace",))
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "limited-key")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "limited-secret")
    result = run_cli("get", ID_ALPHA, "--region", REGION, "--endpoint", emu.base_url)
    assert result.code == 5, result
    _clean_error(result.err)
    assert "GetWorkspace" in result.err
    policy = result.err[result.err.index("{") : result.err.rindex("}") + 1]
    actions = json.loads(policy)["Statement"][0]["Action"]
    assert "paiworkspace:GetWorkspace" in actions and "pai:ListProducts" in actions
    assert "limited-secret" not in result.text
    # The list still works: only the denied action fails.
    assert run_cli("list", "--region", REGION, "--endpoint", emu.base_url).code == 0


def test_no_credentials_exits_6_and_says_how_to_configure(
    run_cli: Runner, emu: Emulator, isolated_env: object
) -> None:
    result = run_cli("list", "--region", REGION, "--endpoint", emu.base_url)
    assert result.code == 6, result
    _clean_error(result.err)
    for advice in (
        "aliyun configure",
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "paiws --demo",
    ):
        assert advice in result.err
    assert emu.operations() == []


def test_unknown_profile_exits_6(run_cli: Runner, emu: Emulator, isolated_env: object) -> None:
    result = run_cli(
        "list", "--region", REGION, "--endpoint", emu.base_url, "--profile", "nosuchprofile"
    )
    assert result.code == 6, result
    _clean_error(result.err)
    assert "nosuchprofile" in result.err


def test_wrong_secret_exits_6_without_echoing_it(
    run_cli: Runner, emu: Emulator, isolated_env: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "canary-wrong-secret-31337")
    result = run_cli("list", "--region", REGION, "--endpoint", emu.base_url)
    assert result.code == 6, result
    _clean_error(result.err)
    assert "canary-wrong-secret-31337" not in result.text
    assert "aliyun configure" in result.err


def test_unreachable_endpoint_exits_7(paiws: Runner, run_cli: Runner) -> None:
    result = run_cli(
        "list",
        "--region",
        REGION,
        "--endpoint",
        f"http://127.0.0.1:{_closed_port()}",
        "--connect-timeout",
        "1",
    )
    assert result.code == 7, result
    _clean_error(result.err)


def test_read_timeout_exits_7_and_says_how_to_raise_it(paiws: Runner, emu: Emulator) -> None:
    emu.inject_fault("*", "latency", latency=1.5, times=10)
    result = paiws("list", "--region", REGION, "--read-timeout", "0.3")
    assert result.code == 7, result
    _clean_error(result.err)
    assert "read timeout" in result.err.lower() and "--read-timeout" in result.err


def test_server_errors_exit_1_with_a_sentence(paiws: Runner, emu: Emulator) -> None:
    emu.inject_fault("GetWorkspace", "http500", times=10)
    result = paiws("get", ID_ALPHA, "--region", REGION)
    assert result.code == 1, result
    _clean_error(result.err)
    assert_no_canary(result.text)


def test_non_json_body_is_a_clean_error(paiws: Runner, emu: Emulator) -> None:
    emu.inject_fault("ListWorkspaces", "non_json", times=10)
    result = paiws("list", "--region", REGION, "--format", "json")
    assert result.code == 1, result
    _clean_error(result.err)
    assert result.out == ""
    assert_no_canary(result.text)


def test_malformed_response_is_a_clean_error(paiws: Runner, emu: Emulator) -> None:
    emu.inject_fault("GetWorkspace", "malformed", times=10)
    result = paiws("get", ID_ALPHA, "--region", REGION, "--owner")
    assert result.code in (0, 1), result
    assert "Traceback" not in result.err
    assert_no_canary(result.text)


def test_unexpected_exceptions_print_only_the_type(
    paiws: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise ValueError("canary-uid-aa1234 should never be printed")

    monkeypatch.setattr("paiws.output.workspaces.print_rows", boom)
    result = paiws("list", "--region", REGION)
    assert result.code == 1
    assert result.err == "paiws: internal error (ValueError)\n"


def test_background_thread_errors_print_only_the_type(
    paiws: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    def print_rows(*args: object, **kwargs: object) -> None:
        def fail() -> None:
            raise RuntimeError("canary-uid-aa1234 in a thread")

        worker = threading.Thread(target=fail)
        worker.start()
        worker.join()

    monkeypatch.setattr("paiws.output.workspaces.print_rows", print_rows)
    result = paiws("list", "--region", REGION)
    assert result.code == 0
    assert result.err == "paiws: internal error in a background task (RuntimeError)\n"
