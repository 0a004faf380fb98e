"""Real processes: `python -m paiws ...` with the canary credentials in its environment,
`DEBUG=sdk` (which aliyunsdkcore reads to dump request headers, Authorization and
x-acs-security-token included), root logging at DEBUG, and dead proxies. stdout/stderr are
pipes, so our own output carries no escape sequence at all: any ESC byte would be the API's."""

from __future__ import annotations

import json
import textwrap

import pytest

from paiws.core.i18n import _
from paiws.emulator import Emulator
from tests.leaks.hostile_bodies import ESCAPES, OSC52, html_page, item, listing
from tests.leaks.leak_canaries import (
    DENIED_KEY_ID,
    DENIED_SECRET,
    ID_ONE,
    ID_TWO,
    KEY_ID,
    REGION,
    SECRET,
    TOKEN,
    assert_no_canary,
)
from tests.leaks.leak_support import (
    PYTHON,
    CliRunner,
    Completed,
    HostileServer,
    Reply,
    Sandbox,
    child_env,
    run_paiws,
    run_paiws_many,
)

SDK_DEBUG = {
    "DEBUG": "sdk",
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "http_proxy": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
}
NEVER_PRINTED = (
    b"Authorization",
    b"authorization",
    b"x-acs-security-token",
    b"x-acs-signature",
    b"Traceback",
    b"\x1b",
    b"ServerResponseBody",
    b"Response-body",
)


def canary_env(sandbox: Sandbox, *, denied: bool = False) -> dict[str, str]:
    key, secret = (DENIED_KEY_ID, DENIED_SECRET) if denied else (KEY_ID, SECRET)
    env = child_env(
        sandbox,
        ALIBABA_CLOUD_ACCESS_KEY_ID=key.value,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET=secret.value,
        **SDK_DEBUG,
    )
    if not denied:
        env["ALIBABA_CLOUD_SECURITY_TOKEN"] = TOKEN.value
    return env


def assert_clean_process(result: Completed, what: str) -> None:
    for marker in NEVER_PRINTED:
        assert marker not in result.out + result.err, f"{what} printed {marker!r}"
    assert_no_canary(result.out + result.err, where=what)


def test_subcommands_in_a_process_with_debug_sdk_print_only_masked_data(
    emu: Emulator, sandbox: Sandbox
) -> None:
    env = canary_env(sandbox)
    endpoint = ["--endpoint", emu.base_url, "--region", REGION]
    listed = run_paiws(["list", "--all", "--format", "json", *endpoint], env, cwd=sandbox.cwd)
    assert listed.code == 0, listed.err
    assert_clean_process(listed, "paiws list")
    assert len(json.loads(listed.out)["Workspaces"]) == 4
    emu.inject_fault("GetWorkspace", "non_json_200", times=1)
    failed, owner, limits = run_paiws_many(
        [
            ["get", ID_ONE, *endpoint],
            ["get", ID_TWO, "--owner", *endpoint],
            ["limits", *endpoint],
        ],
        env,
        cwd=sandbox.cwd,
    )
    assert failed.code == 1 and failed.out == b""
    assert_clean_process(failed, "paiws get on a non-JSON 200")
    assert owner.code == 0 and b"****0002" in owner.out
    assert_clean_process(owner, "paiws get --owner")
    assert limits.code == 0
    (denied,) = run_paiws_many(
        [["list", *endpoint]], canary_env(sandbox, denied=True), cwd=sandbox.cwd
    )
    assert denied.code == 5
    assert_clean_process(denied, "paiws list without permission")


def test_hostile_bodies_in_a_process_never_reach_the_terminal(sandbox: Sandbox) -> None:
    with HostileServer() as server:
        server.script["ListWorkspaces"] = Reply(
            200,
            listing(
                item(
                    WorkspaceName=f"[bold red]x[/]{OSC52}", Description=ESCAPES, DisplayName=ESCAPES
                )
            ),
        )
        server.script["GetWorkspace"] = Reply(200, html_page("portal"), "text/html")
        endpoint = ["--endpoint", server.base_url, "--region", REGION]
        *listed, got = run_paiws_many(
            [
                *(["list", "--format", fmt, *endpoint] for fmt in ("table", "csv", "json")),
                ["get", "300001", "--owner", *endpoint],
            ],
            canary_env(sandbox),
            cwd=sandbox.cwd,
        )
    for result in listed:
        assert result.code == 0, result.err
        assert b"[bold red]x[/]" in result.out  # literal, not interpreted
        assert_clean_process(result, "paiws list on hostile names")
    not_json = _("The server's reply to {operation} is not JSON.").format(operation="GetWorkspace")
    assert got.code == 1 and not_json.encode() in got.err
    assert_clean_process(got, "paiws get on an HTML page")


# Root logging at DEBUG with a handler on stderr (what an embedding script might do), DEBUG=sdk
# read by the SDK at import time, several calls including an error and a non-JSON body.
EMBEDDED = textwrap.dedent("""
    import logging, os, sys
    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    for name in ("aliyunsdkcore", "credentials", "urllib3"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    from paiws.cli import main
    endpoint, region = sys.argv[1], sys.argv[2]
    common = ["--endpoint", endpoint, "--region", region]
    codes = [
        main(["list", "--format", "csv", *common]),
        main(["get", "200001", "--owner", "--format", "json", *common]),
        main(["limits", *common]),
        main(["get", "299999", *common]),
    ]
    os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "wrong-secret"
    codes.append(main(["list", *common]))
    print("codes", codes, file=sys.stderr)
""")


def test_an_embedding_script_with_root_debug_logging_sees_no_headers_tokens_or_bodies(
    emu: Emulator, sandbox: Sandbox
) -> None:
    import subprocess

    emu.inject_fault("ListWorkspaces:GetResourceLimits", "non_json_200", times=None)
    proc = subprocess.run(
        [PYTHON, "-c", EMBEDDED, emu.base_url, REGION],
        env=canary_env(sandbox),
        cwd=sandbox.cwd,
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    result = Completed(proc.returncode, proc.stdout, proc.stderr)
    assert b"codes [0, 0, 1, 4, 6]" in result.err, result.err[-2000:]
    assert_clean_process(result, "an embedding script at DEBUG")
    assert b"Please sign in" not in result.err  # the non-JSON body


@pytest.mark.parametrize("debug", ["sdk", "1", "*"])
def test_debug_sdk_in_process_prints_nothing_sensitive(
    emu: Emulator,
    cli: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    debug: str,
    canary_creds: None,
) -> None:
    monkeypatch.setenv("DEBUG", debug)
    emu.inject_fault("GetWorkspace", "non_json", times=1)
    for argv in (
        ("list", "--format", "json"),
        ("get", ID_ONE, "--owner"),
        ("get", ID_TWO, "--owner"),
    ):
        result = cli(*argv, "--region", REGION, "--endpoint", emu.base_url)
        for marker in NEVER_PRINTED:
            assert marker.decode() not in result.text
        assert_no_canary(result.text)
