"""Reads under faults (R11): retried with backoff when the failure is transient, then reported.

For every fault the emulator can inject on ListWorkspaces (and for an endpoint that never
completes a TCP handshake, and one that refuses connections):

* the number of requests is the retry policy's (3 tries for a transient failure of a GET, 1 for
  an answer that is not transient: a malformed body comes back the same every time);
* the TUI shows a clear message in place of the table with the retry key, and pressing it
  (once the fault is gone) loads the table;
* ``paiws list`` exits with the SPEC §4 code (7 for network errors and timeouts, 1 for other
  API errors) and says so in one sentence on stderr, nothing on stdout, no traceback.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

import pytest

from paiws.cli import main
from paiws.core import factory
from paiws.core.client import WorkspaceClient
from paiws.core.retry import FAST_RETRY
from paiws.emulator import Emulator
from tests.faults.faults_support import (
    ATTEMPTS,
    REGION,
    ROWS,
    ServiceFactory,
    closed_port,
    table,
    unresponsive_port,
    wait_for_log,
)
from tests.support import SIZE, make_app, screen_text, wait_until

READ_TIMEOUT = 0.3
SLOW = 0.8  # an answer this late is past the read timeout


@dataclass(frozen=True)
class Fault:
    kind: str
    attempts: int  # requests the client makes before giving up
    exit_code: int  # `paiws list`
    says: str  # a phrase of the one-sentence message

    @property
    def latency(self) -> float:
        return SLOW if self.kind == "latency" else 0.0


FAULTS = [
    Fault("http500", ATTEMPTS, 1, "HTTP 500"),
    Fault("http503", ATTEMPTS, 1, "HTTP 503"),
    Fault("throttle", ATTEMPTS, 1, "throttling"),
    Fault("non_json", ATTEMPTS, 1, "HTTP 502"),  # a gateway's HTML error page
    Fault("drop_before", ATTEMPTS, 7, "dropped"),
    Fault("drop_after", ATTEMPTS, 7, "dropped"),
    Fault("latency", ATTEMPTS, 7, "read timeout"),
    Fault("malformed", 1, 1, "malformed"),
    Fault("non_json_200", 1, 1, "not JSON"),  # a captive portal's page with status 200
]


@pytest.fixture
def fast_cli_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's real backoff (seconds when throttled) with millisecond sleeps: same tries."""
    monkeypatch.setattr(factory, "RetryPolicy", lambda: FAST_RETRY)


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def assert_one_clear_sentence(stderr: str, phrase: str) -> None:
    lines = stderr.strip().splitlines()
    assert lines, "nothing on stderr"
    first = lines[0]
    assert first.startswith("paiws: ") and first.rstrip().endswith("."), first
    assert phrase.lower() in first.lower(), first
    assert "Traceback" not in stderr and 'File "' not in stderr
    assert len(lines) <= 3, stderr  # the sentence, what to do, a request ID at most


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.kind)
async def test_tui_retries_then_explains_and_retry_key_recovers(
    emu: Emulator, make_service: ServiceFactory, fault: Fault
) -> None:
    service = make_service(read_timeout=READ_TIMEOUT)
    emu.inject_fault("ListWorkspaces", fault.kind, times=None, latency=fault.latency)
    app = make_app(service, REGION)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot,
            lambda: "Could not load the workspaces" in screen_text(app),
            timeout=15,
            what="the failure message",
        )
        assert wait_for_log(emu, "ListWorkspaces", fault.attempts) == fault.attempts
        shown = screen_text(app)
        assert "Press r to retry" in shown, shown
        assert fault.says.lower() in shown.lower()
        assert table(app).grid.loaded == 0

        emu.clear_faults()
        await pilot.press("r")
        await wait_until(pilot, lambda: table(app).grid.loaded == ROWS, what="the retry")
        assert f"Loaded {ROWS} of {ROWS}" in screen_text(app)


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.kind)
def test_cli_exit_code_and_one_sentence(
    emu: Emulator, fast_cli_retry: None, monkeypatch: pytest.MonkeyPatch, fault: Fault
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "paiws-demo")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "paiws-demo-secret")
    emu.inject_fault("ListWorkspaces", fault.kind, times=None, latency=fault.latency)
    code, out, err = run_cli(
        "list", "--region", REGION, "--endpoint", emu.base_url, "--read-timeout", str(READ_TIMEOUT)
    )
    assert code == fault.exit_code, err
    assert out == ""
    assert_one_clear_sentence(err, fault.says)
    assert wait_for_log(emu, "ListWorkspaces", fault.attempts) == fault.attempts


def count_attempts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every try the API client makes (no server to count them here)."""
    tries: list[str] = []
    original = WorkspaceClient._exchange

    def exchange(self: WorkspaceClient, region: str, operation: str, *args: object) -> object:
        tries.append(operation)
        return original(self, region, operation, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(WorkspaceClient, "_exchange", exchange)
    return tries


def test_cli_connect_timeout_is_exit_7_and_names_the_timeout(
    fast_cli_retry: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "paiws-demo")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "paiws-demo-secret")
    tries = count_attempts(monkeypatch)
    with unresponsive_port() as port:
        code, out, err = run_cli(
            "list",
            "--region",
            REGION,
            "--endpoint",
            f"http://127.0.0.1:{port}",
            "--connect-timeout",
            "0.3",
        )
    assert code == 7, err
    assert out == ""
    assert_one_clear_sentence(err, "connect timeout")
    assert "--connect-timeout" in err  # how to raise it (R11)
    assert tries == ["ListProducts"] * ATTEMPTS


def test_cli_connection_refused_is_exit_7(
    fast_cli_retry: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "paiws-demo")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "paiws-demo-secret")
    tries = count_attempts(monkeypatch)
    code, out, err = run_cli(
        "list", "--region", REGION, "--endpoint", f"http://127.0.0.1:{closed_port()}"
    )
    assert code == 7, err
    assert out == ""
    assert_one_clear_sentence(err, "127.0.0.1")
    assert tries == ["ListProducts"] * ATTEMPTS


async def test_tui_connect_timeout_explains_and_offers_retry(
    make_service: ServiceFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    tries = count_attempts(monkeypatch)
    with unresponsive_port() as port:
        service = make_service(base_url=f"http://127.0.0.1:{port}", connect_timeout=0.3)
        app = make_app(service, REGION)
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(
                pilot,
                lambda: "Could not check PAI activation" in screen_text(app),
                timeout=15,
                what="the failed activation check",
            )
            shown = screen_text(app)
            assert table(app).mode == "failed"
            assert "connect timeout" in shown.lower()
            assert "Press r to retry" in shown
            assert tries == ["ListProducts"] * ATTEMPTS
