"""End to end in a real pseudo-terminal: `python -m paiws --region R --endpoint URL` with the
canary STS credentials in its environment, against an endpoint serving hostile names and
descriptions (Rich markup, ANSI colours, an OSC 52 clipboard write, cursor movement, a window
title). Every byte the program writes to the terminal is checked: Textual's own escape
sequences are expected; none of the API's may pass, and no canary may appear."""

from __future__ import annotations

import sys

import pytest

from tests.leaks.hostile_bodies import ESCAPES, OSC52, detail, item, listing
from tests.leaks.leak_canaries import REGION, assert_no_canary
from tests.leaks.leak_support import (
    PYTHON,
    HostileServer,
    Reply,
    Sandbox,
    child_env,
    on_screen,
    run_in_terminal,
)

API_OSC52_PAYLOAD = b"Q05SWUNBUFk="  # the base64 text inside the API's OSC 52 sequence


@pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminals as on Linux")
def test_the_tui_in_a_terminal_passes_no_escape_sequence_or_canary_from_the_api(
    sandbox: Sandbox,
) -> None:
    from tests.leaks.leak_canaries import KEY_ID, SECRET, TOKEN

    with HostileServer() as server:
        server.script["ListWorkspaces"] = Reply(
            200,
            listing(
                item(
                    WorkspaceName=f"[bold red]x[/]{OSC52}",
                    DisplayName=f"[/] {ESCAPES}",
                    Description=ESCAPES,
                ),
                item(WorkspaceId="300002", WorkspaceName="second_ws"),
            ),
        )
        server.script["GetWorkspace"] = Reply(
            200,
            detail(
                WorkspaceName=f"[bold red]x[/]{OSC52}",
                Description=ESCAPES,
                DisplayName=f"\x1b[2J\x1b[H{OSC52}",
            ),
        )
        env = child_env(
            sandbox,
            TERM="xterm-256color",
            COLUMNS="110",
            LINES="32",
            ALIBABA_CLOUD_ACCESS_KEY_ID=KEY_ID.value,
            ALIBABA_CLOUD_ACCESS_KEY_SECRET=SECRET.value,
            ALIBABA_CLOUD_SECURITY_TOKEN=TOKEN.value,
            DEBUG="sdk",
        )
        terminal = run_in_terminal(
            [PYTHON, "-m", "paiws", "--region", REGION, "--endpoint", server.base_url],
            env,
            cwd=sandbox.cwd,
            keys=[
                (on_screen("Loaded {loaded} of {total}"), b"\r"),
                (on_screen("Extra info"), b"w"),
                (on_screen("Owner ID"), b"y"),
                (on_screen("Copied {id}"), b"\x11"),
            ],  # enter, owner, copy the ID, ctrl+q
        )
    assert terminal.sent == [b"\r", b"w", b"y", b"\x11"], terminal.output[-3000:]
    assert terminal.code == 0
    output = terminal.output
    assert API_OSC52_PAYLOAD not in output, "the API's clipboard write reached the terminal"
    assert b"]0;title" not in output, "the API's window title reached the terminal"
    text = output.decode("utf-8", errors="replace")
    assert "Traceback" not in text
    assert_no_canary(text, where="the terminal")
    assert "GetWorkspace" in server.operations()
    assert b"[bold red]x[/]" in output  # drawn literally
