"""`paiws list --all --format json` for 10,000 workspaces: request count and wall time against
the raw cost of the same requests.

The emulator runs in this process with ``generate(region, 10000)``. Measured, interleaved, per
round:

* **CLI**: ``python -m paiws list --all --format json --region R --endpoint URL`` in a fresh
  process (demo key pair in the environment), stdout parsed to check all 10,000 rows arrived;
  the emulator's request log gives the ListWorkspaces count (target: ceil(10000/100) = 100,
  plus the one ListProducts activation check).
* **CLI in-process**: the same command through ``paiws.cli.main`` in a warm child process, i.e.
  without interpreter start-up and imports.
* **plain HTTP** baseline: the same 100 ListWorkspaces requests (PageSize 100, pages 1..100,
  same query) sent with ``http.client`` over keep-alive connections, signed beforehand with the
  ROA HMAC-SHA1 scheme (SPEC §3) so the loop does nothing but HTTP; bodies are read, not
  parsed. Once one connection in sequence, once four connections in parallel (the CLI fetches
  four pages at a time after the first).
* **service client** baseline: the same 100 calls through ``WorkspaceClient.list_workspaces``
  (aliyunsdkcore, signing, retries wrapper, JSON decoding), one after another, in-process.

The ratio reported is CLI time / fastest plain-HTTP time. No target is set for it (the issue
asks for the number); the request count has one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import math
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from email.utils import formatdate
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from _bench import (
    KEY_ID,
    KEY_SECRET,
    REGION,
    ROOT,
    Result,
    bench_env,
    cli,
    median,
    spread,
    temp_home,
)

ROWS = 10_000
PAGE_SIZE = 100
PAGES = math.ceil(ROWS / PAGE_SIZE)
IN_PROCESS = """
import io, sys, time
from contextlib import redirect_stdout
from paiws.cli import main
argv = sys.argv[1:]
with redirect_stdout(io.StringIO()):
    main(argv)  # warm: imports done, connections and caches as after one run
out = io.StringIO()
start = time.perf_counter()
with redirect_stdout(out):
    code = main(argv)
print(time.perf_counter() - start, code, len(out.getvalue()))
"""


def signed_requests(base_url: str) -> list[tuple[str, dict[str, str]]]:
    """(path?query, headers) for pages 1..100, signed like aliyunsdkcore's ROA signer."""
    requests = []
    for page in range(1, PAGES + 1):
        query = {
            "PageNumber": str(page),
            "PageSize": str(PAGE_SIZE),
            "SortBy": "GmtCreateTime",
            "Order": "ASC",
            "RegionId": REGION,
        }
        headers = {
            "Date": formatdate(usegmt=True),
            "Accept": "application/json",
            "x-acs-version": "2021-02-04",
            "x-acs-region-id": REGION,
            "x-acs-signature-method": "HMAC-SHA1",
            "x-acs-signature-version": "1.0",
            "Host": urlsplit(base_url).netloc,
        }
        path = "/api/v1/workspaces"
        acs = "".join(
            f"{k}:{headers[k]}\n" for k in sorted(h for h in headers if h.startswith("x-acs-"))
        )
        raw_query = "&".join(f"{k}={query[k]}" for k in sorted(query))
        to_sign = f"GET\n{headers['Accept']}\n\n\n{headers['Date']}\n{acs}{path}?{raw_query}"
        digest = hmac.new(KEY_SECRET.encode(), to_sign.encode(), hashlib.sha1).digest()
        headers["Authorization"] = f"acs {KEY_ID}:{base64.b64encode(digest).decode()}"
        requests.append((f"{path}?{urlencode(query)}", headers))
    return requests


def plain_http(
    base_url: str, requests: list[tuple[str, dict[str, str]]], connections: int
) -> float:
    """Send the signed requests over ``connections`` keep-alive connections; seconds taken."""
    netloc = urlsplit(base_url).netloc
    host, port = netloc.rsplit(":", 1)

    def worker(share: list[tuple[str, dict[str, str]]]) -> int:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        total = 0
        try:
            for target, headers in share:
                conn.request("GET", target, headers=headers)
                response = conn.getresponse()
                body = response.read()
                if response.status != 200:
                    raise RuntimeError(f"plain HTTP baseline got HTTP {response.status}")
                total += len(body)
        finally:
            conn.close()
        return total

    shares = [requests[i::connections] for i in range(connections)]
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        list(pool.map(worker, shares))
    return time.perf_counter() - start


def service_client(base_url: str) -> float:
    """The same 100 calls through the service's API client, one after another."""
    from paiws.core.factory import emulator_service

    service = emulator_service(base_url)
    client = service.client
    client.list_workspaces(REGION, page_number=1, page_size=PAGE_SIZE)  # warm the SDK
    start = time.perf_counter()
    for page in range(1, PAGES + 1):
        client.list_workspaces(
            REGION, page_number=page, page_size=PAGE_SIZE, sort_by="GmtCreateTime", order="ASC"
        )
    elapsed = time.perf_counter() - start
    service.close()
    return elapsed


def cli_process(env: dict[str, str], base_url: str) -> tuple[float, int]:
    """Wall time of the CLI in a fresh process; returns (seconds, rows printed)."""
    command = [
        sys.executable,
        "-m",
        "paiws",
        "list",
        "--all",
        "--format",
        "json",
        "--region",
        REGION,
        "--endpoint",
        base_url,
    ]
    start = time.perf_counter()
    completed = subprocess.run(
        command, env=env, capture_output=True, check=False, cwd=str(ROOT), timeout=600
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        raise RuntimeError(f"paiws list failed: {completed.stderr.decode()[-500:]}")
    data: dict[str, Any] = json.loads(completed.stdout)
    return elapsed, len(data["Workspaces"])


def cli_in_process(env: dict[str, str], base_url: str) -> float:
    command = [
        sys.executable,
        "-c",
        IN_PROCESS,
        "list",
        "--all",
        "--format",
        "json",
        "--region",
        REGION,
        "--endpoint",
        base_url,
    ]
    completed = subprocess.run(
        command, env=env, capture_output=True, check=True, cwd=str(ROOT), timeout=600, text=True
    )
    seconds, code, _ = completed.stdout.split()
    if code != "0":
        raise RuntimeError("paiws list failed in-process")
    return float(seconds)


def measure(repeats: int) -> list[Result]:
    from paiws.emulator import Emulator

    times: dict[str, list[float]] = {
        "cli": [],
        "inproc": [],
        "http1": [],
        "http4": [],
        "client": [],
    }
    counts: list[tuple[int, int, int]] = []
    with temp_home() as tmp, Emulator(data="empty") as emu:
        emu.generate(REGION, ROWS)
        env = bench_env(Path(tmp))
        requests = signed_requests(emu.base_url)
        plain_http(emu.base_url, requests, 1)  # warm-up round, discarded
        cli_process(env, emu.base_url)
        for _ in range(repeats):
            emu.clear_log()
            seconds, rows = cli_process(env, emu.base_url)
            ops = emu.operations()
            counts.append((ops.count("ListWorkspaces"), ops.count("ListProducts"), rows))
            times["cli"].append(seconds)
            times["inproc"].append(cli_in_process(env, emu.base_url))
            times["http1"].append(plain_http(emu.base_url, requests, 1))
            times["http4"].append(plain_http(emu.base_url, requests, 4))
            times["client"].append(service_client(emu.base_url))
    baseline = min(median(times["http1"]), median(times["http4"]))
    list_calls = {c[0] for c in counts}
    ok = (
        list_calls == {PAGES} and {c[1] for c in counts} == {1} and {c[2] for c in counts} == {ROWS}
    )
    cli_time = median(times["cli"])
    return [
        Result(
            "CLI list --all: ListWorkspaces calls for 10,000",
            float(counts[-1][0]),
            "calls",
            target=f"== {PAGES}",
            passed=ok,
            detail=f"per run (ListWorkspaces, ListProducts, rows printed): {counts}",
        ),
        Result(
            "CLI list --all --format json, 10,000 (fresh process)",
            cli_time,
            "s",
            detail=spread(times["cli"]),
            samples=times["cli"],
        ),
        Result(
            "  same, in a warm process (no start-up/imports)",
            median(times["inproc"]),
            "s",
            detail=spread(times["inproc"]),
            samples=times["inproc"],
        ),
        Result(
            "  baseline: 100 signed GETs, plain http.client, 1 connection",
            median(times["http1"]),
            "s",
            detail=spread(times["http1"]),
            samples=times["http1"],
        ),
        Result(
            "  baseline: 100 signed GETs, plain http.client, 4 connections",
            median(times["http4"]),
            "s",
            detail=spread(times["http4"]),
            samples=times["http4"],
        ),
        Result(
            "  baseline: 100 calls through WorkspaceClient (SDK), sequential",
            median(times["client"]),
            "s",
            detail=spread(times["client"]),
            samples=times["client"],
        ),
        Result(
            "CLI (fresh process) / fastest plain HTTP",
            cli_time / baseline,
            "x",
            detail="no target; the difference is start-up, SDK signing, JSON decoding, "
            "masking and printing",
        ),
        Result("CLI (warm process) / fastest plain HTTP", median(times["inproc"]) / baseline, "x"),
    ]


if __name__ == "__main__":
    cli(measure, default_repeats=5)
