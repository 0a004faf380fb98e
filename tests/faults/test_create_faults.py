"""Create under faults (R4): CreateWorkspace is never retried blindly, yet a dropped answer and
a race both end with exactly one workspace and an honest outcome."""

from __future__ import annotations

import io
import threading
import time
from contextlib import redirect_stderr, redirect_stdout

import pytest

from paiws.cli import main
from paiws.core.views import CreateOutcome, CreateRequest
from paiws.emulator import Emulator
from tests.faults.faults_support import REGION, ServiceFactory
from tests.support import count

REQUEST = CreateRequest(name="fault_ws", description="Created under faults", environments=("prod",))


def named(emu: Emulator, name: str) -> list[dict[str, object]]:
    return [w for w in emu.workspaces(REGION) if w["WorkspaceName"] == name]


def test_connection_dropped_after_the_server_created_it(
    emu: Emulator, make_service: ServiceFactory
) -> None:
    emu.inject_fault("CreateWorkspace", "drop_after", times=1)
    outcome = make_service().create_workspace(REGION, REQUEST, wait=True)

    assert len(named(emu, REQUEST.name)) == 1
    assert count(emu, "CreateWorkspace") == 1, "CreateWorkspace was retried blindly"
    assert outcome.kind == "created"
    assert outcome.workspace_id == named(emu, REQUEST.name)[0]["WorkspaceId"]
    assert outcome.final_status == "ENABLED"
    assert any("dropped" in note for note in outcome.notes), outcome.notes
    # After the dropped answer the existence check ran again before anything else.
    ops = emu.operations()
    after = ops[ops.index("CreateWorkspace") + 1 :]
    assert after[0] == "ListWorkspaces:CheckWorkspaceExists"


def test_cli_says_created_after_a_dropped_answer(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "paiws-demo")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "paiws-demo-secret")
    emu.inject_fault("CreateWorkspace", "drop_after", times=1)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(
            [
                "create",
                "--region",
                REGION,
                "--name",
                REQUEST.name,
                "--description",
                REQUEST.description,
                "--env",
                "prod",
                "--yes",
                "--endpoint",
                emu.base_url,
            ]
        )
    assert code == 0, err.getvalue()
    assert len(named(emu, REQUEST.name)) == 1
    assert count(emu, "CreateWorkspace") == 1
    workspace_id = str(named(emu, REQUEST.name)[0]["WorkspaceId"])
    assert workspace_id in out.getvalue()
    assert "creat" in out.getvalue().lower()  # "created" / "being created"


def race(
    make_service: ServiceFactory, emu: Emulator, requests: tuple[CreateRequest, CreateRequest]
) -> list[CreateOutcome]:
    """Two clients (two services, two connections) create at the same moment. Both name
    checks are held back so that both answer "free" before either create arrives."""
    emu.inject_fault("ListWorkspaces:CheckWorkspaceExists", "latency", times=2, latency=0.3)
    services = [make_service(), make_service()]
    for service in services:
        service.activation(REGION)  # both past the activation check before the race
    start = threading.Barrier(2)
    outcomes: list[CreateOutcome | BaseException] = [RuntimeError("not run")] * 2

    def create(index: int) -> None:
        start.wait()
        try:
            outcomes[index] = services[index].create_workspace(REGION, requests[index], wait=False)
        except BaseException as error:  # reported below, with the other outcome
            outcomes[index] = error

    threads = [threading.Thread(target=create, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    results = [o for o in outcomes if isinstance(o, CreateOutcome)]
    assert len(results) == 2, outcomes
    return results


def test_two_clients_same_name_same_configuration(
    emu: Emulator, make_service: ServiceFactory
) -> None:
    outcomes = race(make_service, emu, (REQUEST, REQUEST))

    assert len(named(emu, REQUEST.name)) == 1
    kinds = sorted(o.kind for o in outcomes)
    assert kinds == ["created", "exists_same"]
    winner = next(o for o in outcomes if o.kind == "created")
    loser = next(o for o in outcomes if o.kind == "exists_same")
    assert loser.workspace_id == winner.workspace_id
    assert "already exists" in loser.message
    # Usually both checks said "free" and the loser's create was refused (then compared); on a
    # busy machine the loser may check after the winner created. Never a third create.
    assert count(emu, "CreateWorkspace") in (1, 2)


def test_two_clients_same_name_different_configuration(
    emu: Emulator, make_service: ServiceFactory
) -> None:
    other = CreateRequest(
        name=REQUEST.name, description="Someone else's plan", environments=("dev", "prod")
    )
    outcomes = race(make_service, emu, (REQUEST, other))

    assert len(named(emu, REQUEST.name)) == 1
    kinds = sorted(o.kind for o in outcomes)
    assert kinds == ["created", "name_taken"]
    loser = next(o for o in outcomes if o.kind == "name_taken")
    assert set(loser.differences) == {"Environments", "Description"}
    assert "taken" in loser.message
    assert count(emu, "CreateWorkspace") in (1, 2)


def test_a_create_refused_because_the_name_was_just_taken_is_compared(
    emu: Emulator, make_service: ServiceFactory
) -> None:
    """The race path itself, made deterministic: A's check says "free", A's CreateWorkspace is
    held back by the server, and meanwhile B creates the same name. The server refuses A's
    create (WorkspaceNameAlreadyExists); A compares and reports "already exists", no retry."""
    first, second = make_service(), make_service()
    first.activation(REGION)
    second.activation(REGION)
    emu.inject_fault("CreateWorkspace", "latency", times=1, latency=1.0)
    sending = threading.Event()
    original = first.client.create_workspace

    def create_workspace(*args: object, **kwargs: object) -> object:
        sending.set()  # A's create is about to be sent (and will wait 1 s in the server)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    first.client.create_workspace = create_workspace  # type: ignore[method-assign,assignment]
    outcomes: list[CreateOutcome] = []
    thread = threading.Thread(
        target=lambda: outcomes.append(first.create_workspace(REGION, REQUEST, wait=False))
    )
    thread.start()
    assert sending.wait(timeout=10)
    time.sleep(0.1)  # A's request has reached the server and waits there
    winner = second.create_workspace(REGION, REQUEST, wait=False)
    thread.join(timeout=30)

    assert winner.kind == "created"
    assert [o.kind for o in outcomes] == ["exists_same"]
    assert outcomes[0].workspace_id == winner.workspace_id
    assert len(named(emu, REQUEST.name)) == 1
    assert count(emu, "CreateWorkspace") == 2
