"""Collection during start-up (paiws.startup): off while the process starts, on again after,
with what start-up allocated frozen; in-process callers of `cli.main` are never touched."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest

from paiws import startup
from paiws.cli import main


@pytest.fixture
def restored() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def test_done_freezes_what_start_up_allocated_and_collects_again(restored: None) -> None:
    startup.begin()
    assert not gc.isenabled()
    startup.done()
    assert gc.isenabled() and gc.get_freeze_count() > 0


def test_done_leaves_a_process_that_never_began_alone(restored: None) -> None:
    frozen = gc.get_freeze_count()
    startup.done()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_main_in_process_never_turns_collection_off(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert gc.isenabled()
    assert capsys.readouterr().out.startswith("paiws ")


def test_a_subcommand_runs_with_collection_on() -> None:
    code = (
        "import gc, paiws.startup as s\n"
        "from paiws.commands import session\n"
        "seen = []\n"
        "real = session.run_command\n"
        "session.run_command = lambda *a: seen.append(gc.isenabled()) or 0\n"
        "from paiws.cli import entry\n"
        "import sys; sys.argv = ['paiws', 'regions']\n"
        "entry(); print(seen, gc.isenabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[True] True"
