"""Endpoint policy (R10), timeouts (R11), recent regions, and the retry policy."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from paiws.core.cli_profile import cli_profile
from paiws.core.endpoint import is_loopback_host, parse_endpoint
from paiws.core.errors import (
    AuthFailed,
    InvalidInput,
    NetworkError,
    NotFound,
    RequestTimeout,
    ServerError,
    Throttled,
)
from paiws.core.options import Options
from paiws.core.recent_regions import recent_regions, remember_region, state_dir
from paiws.core.retry import RetryPolicy, is_retryable
from paiws.core.timeouts import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_READ_TIMEOUT,
    Timeouts,
    resolve_timeouts,
)
from paiws.core.transport import network_error, proxy_for
from paiws.core.validation import check_region


@pytest.mark.parametrize(
    ("text", "url", "loopback"),
    [
        ("http://127.0.0.1:8123", "http://127.0.0.1:8123", True),
        ("http://127.8.9.10:80/", "http://127.8.9.10:80", True),
        ("http://localhost:9000", "http://localhost:9000", True),
        ("http://[::1]:8080", "http://[::1]:8080", True),
        (
            "HTTPS://Aiworkspace.cn-hangzhou.aliyuncs.com",
            "https://aiworkspace.cn-hangzhou.aliyuncs.com",
            False,
        ),
        (
            "aiworkspace.cn-hangzhou.aliyuncs.com",
            "https://aiworkspace.cn-hangzhou.aliyuncs.com",
            False,
        ),
        ("10.1.2.3:8443", "https://10.1.2.3:8443", False),
    ],
)
def test_endpoints_that_are_accepted(text: str, url: str, loopback: bool) -> None:
    endpoint = parse_endpoint(text)
    assert (endpoint.url, endpoint.loopback) == (url, loopback)


@pytest.mark.parametrize(
    "text",
    [
        "http://example.com",
        "http://192.168.1.10:8123",
        "http://127.0.0.1.nip.io:80",
        "http://localhost.example.com",
        "ftp://127.0.0.1",
        "https://host/path",
        "https://h?x=1",
        "https://user:pw@host",
        "",
        "   ",
        "https://",
        "https://bad host",
        "https://h:99999",
    ],
)
def test_endpoints_that_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_endpoint(text)


def test_loopback_hosts() -> None:
    assert all(map(is_loopback_host, ["127.0.0.1", "127.255.0.1", "::1", "[::1]", "LOCALHOST"]))
    assert not any(map(is_loopback_host, ["128.0.0.1", "0.0.0.0", "::", "example.com", ""]))


@pytest.mark.parametrize("region", ["cn-hangzhou", "ap-southeast-1", "us-west-1", "eu-central-1"])
def test_valid_regions(region: str) -> None:
    assert check_region(region) == region


def write_profile(home: Path, **fields: object) -> None:
    path = home / ".aliyun" / "config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"current": "p", "profiles": [{"name": "p", "mode": "AK", **fields}]})
    )


def test_timeouts_flags_beat_the_profile_which_beats_defaults(clean_env: Path) -> None:
    assert resolve_timeouts(Options()) == resolve_timeouts(Options(), cli_profile())
    defaults = resolve_timeouts(Options(), cli_profile())
    assert (defaults.connect, defaults.read) == (DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT)
    write_profile(clean_env, connect_timeout=7, read_timeout=45)
    from_profile = resolve_timeouts(Options(), cli_profile())
    assert (from_profile.connect, from_profile.read) == (7, 45)
    flags = resolve_timeouts(Options(read_timeout=3), cli_profile())
    assert (flags.connect, flags.read) == (7, 3)


def test_unset_or_odd_profile_timeouts_fall_back_to_defaults(clean_env: Path) -> None:
    write_profile(clean_env, connect_timeout=0, read_timeout="soon")
    timeouts = resolve_timeouts(Options(), cli_profile())
    assert (timeouts.connect, timeouts.read) == (DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT)


@pytest.mark.parametrize("bad", [0, -1, 100000])
def test_invalid_timeout_flags_are_refused(bad: float) -> None:
    with pytest.raises(InvalidInput):
        resolve_timeouts(Options(connect_timeout=bad))


def test_recent_regions_store_region_ids_only(clean_env: Path, tmp_path: Path) -> None:
    assert recent_regions() == ()
    for region in (
        "cn-hangzhou",
        "cn-beijing",
        "cn-hangzhou",
        "us-east-1",
        "eu-central-1",
        "ap-southeast-1",
        "cn-shanghai",
    ):
        remember_region(region)
    assert recent_regions() == (
        "cn-shanghai",
        "ap-southeast-1",
        "eu-central-1",
        "us-east-1",
        "cn-hangzhou",
    )
    assert state_dir() == tmp_path / "state" / "paiws"
    assert [p.name for p in state_dir().iterdir()] == ["recent-regions.json"]
    with pytest.raises(InvalidInput):
        remember_region("not a region")


def test_a_corrupt_recent_file_is_ignored(clean_env: Path) -> None:
    state_dir().mkdir(parents=True)
    (state_dir() / "recent-regions.json").write_text('{"x": ')
    assert recent_regions() == ()
    remember_region("cn-beijing")
    assert recent_regions() == ("cn-beijing",)


# -- retry policy -------------------------------------------------------------------------------


def policy(sleeps: list[float]) -> RetryPolicy:
    return RetryPolicy(sleep=sleeps.append, jitter=lambda: 1.0)


def failing(errors: list[Exception]) -> tuple[Callable[[], str], list[int]]:
    calls: list[int] = []

    def operation() -> str:
        calls.append(1)
        if errors:
            raise errors.pop(0)
        return "ok"

    return operation, calls


def test_gets_retry_transient_errors_with_capped_exponential_backoff() -> None:
    sleeps: list[float] = []
    operation, calls = failing([ServerError("x"), NetworkError("y")])
    assert policy(sleeps).call("GET", operation) == "ok"
    assert len(calls) == 3 and sleeps == [0.5, 1.0]


def test_throttling_waits_longer() -> None:
    sleeps: list[float] = []
    operation, _ = failing([Throttled("t"), Throttled("t")])
    policy(sleeps).call("GET", operation)
    assert sleeps == [2.0, 4.0]


def test_delay_is_capped_and_fully_jittered() -> None:
    capped = RetryPolicy(jitter=lambda: 1.0)
    assert capped.delay(10, ServerError("x")) == capped.cap
    assert RetryPolicy(jitter=lambda: 0.0).delay(3, ServerError("x")) == 0.0


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_writes_are_never_retried(method: str) -> None:
    sleeps: list[float] = []
    operation, calls = failing([ServerError("x")])
    with pytest.raises(ServerError):
        policy(sleeps).call(method, operation)
    assert len(calls) == 1 and sleeps == []


@pytest.mark.parametrize("error", [NotFound("1"), AuthFailed("a"), InvalidInput("i")])
def test_permanent_errors_are_not_retried(error: Exception) -> None:
    operation, calls = failing([error])
    with pytest.raises(type(error)):
        policy([]).call("GET", operation)
    assert len(calls) == 1


def test_timeouts_are_retryable() -> None:
    assert is_retryable(RequestTimeout("t", which="read", seconds=1))


# -- transport helpers ---------------------------------------------------------------------------


def test_proxy_bypass_for_loopback_and_no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    assert proxy_for(parse_endpoint("http://127.0.0.1:8123")) is None
    assert proxy_for(parse_endpoint("http://[::1]:8123")) is None
    regional = parse_endpoint("https://aiworkspace.cn-hangzhou.aliyuncs.com")
    assert proxy_for(regional) == "http://127.0.0.1:9"
    monkeypatch.setenv("NO_PROXY", ".aliyuncs.com")
    assert proxy_for(regional) is None


def test_connect_timeouts_are_named_with_their_hint() -> None:
    from urllib3.exceptions import ConnectTimeoutError

    error = network_error(ConnectTimeoutError("raw text"), "h.example", Timeouts(2.5, 30))
    assert isinstance(error, RequestTimeout) and error.which == "connect"
    assert error.seconds == 2.5 and "--connect-timeout" in error.hint
    assert "raw text" not in str(error)
