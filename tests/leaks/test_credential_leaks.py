"""R1: no AccessKey ID, secret or token on any output, log, file, status object or error, from
any source of the chain; a missing or unknown `--profile` is a clear error (exit 6) that names
the profile and nothing secret."""

from __future__ import annotations

import json

import pytest

from paiws.core.credential_chain import ChainCredentials
from paiws.core.credentials import ResolvedCredentials, StaticCredentials
from paiws.core.errors import PaiwsError
from paiws.emulator import Emulator
from tests.leaks.leak_canaries import (
    AK_KEY_ID,
    AK_SECRET,
    CREDENTIALS,
    ID_ONE,
    KEY_ID,
    REGION,
    SECRET,
    TOKEN,
    assert_no_canary,
)
from tests.leaks.leak_support import CliRunner, Sandbox, exception_text


def write_cli_config(
    sandbox: Sandbox, profiles: list[dict[str, object]] | str, current: str = "work"
) -> None:
    """~/.aliyun/config.json as `aliyun configure` writes it; written before the baseline, so
    the scan only blames files paiws writes itself."""
    path = sandbox.home / ".aliyun" / "config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(profiles, str):
        path.write_text(profiles)
    else:
        path.write_text(json.dumps({"current": current, "profiles": profiles}))
    sandbox.baseline()


def ak_profile(name: str, **extra: object) -> dict[str, object]:
    return {
        "name": name,
        "mode": "AK",
        "access_key_id": AK_KEY_ID.value,
        "access_key_secret": AK_SECRET.value,
        "region_id": "cn-shanghai",
        **extra,
    }


def sts_profile(name: str) -> dict[str, object]:
    return {
        "name": name,
        "mode": "StsToken",
        "access_key_id": KEY_ID.value,
        "access_key_secret": SECRET.value,
        "sts_token": TOKEN.value,
    }


@pytest.mark.parametrize("config", ["absent", "other profiles", "unreadable", "not an object"])
def test_a_missing_profile_is_a_clear_error_naming_it_and_nothing_secret(
    cli: CliRunner, sandbox: Sandbox, emu: Emulator, config: str
) -> None:
    if config == "other profiles":
        write_cli_config(sandbox, [ak_profile("work"), sts_profile("ops")])
    elif config == "unreadable":
        write_cli_config(sandbox, f'{{"profiles": [{{"access_key_secret": "{SECRET.value}"')
    elif config == "not an object":
        write_cli_config(sandbox, json.dumps([SECRET.value, KEY_ID.value]))
    result = cli(
        "list", "--region", REGION, "--endpoint", emu.base_url, "--profile", "nosuch_profile"
    )
    assert result.code == 6, result.err
    assert "nosuch_profile" in result.err or config in ("unreadable", "not an object")
    assert "aliyun configure" in result.err
    assert result.out == ""
    assert_no_canary(result.text, where=f"the --profile error ({config})")
    assert emu.operations() == []


@pytest.mark.parametrize("profile", ["work", "ops"])
def test_a_cli_profile_works_and_its_keys_stay_hidden(
    cli: CliRunner, sandbox: Sandbox, emu: Emulator, profile: str
) -> None:
    write_cli_config(sandbox, [ak_profile("work"), sts_profile("ops")])
    for argv in (("list", "--format", "json"), ("get", ID_ONE, "--owner")):
        result = cli(*argv, "--region", REGION, "--endpoint", emu.base_url, "--profile", profile)
        assert result.code == 0, result.err
        assert_no_canary(result.text, where=f"output with --profile {profile}")


def test_environment_credentials_never_appear_in_status_or_reprs(
    monkeypatch: pytest.MonkeyPatch, canary_creds: None
) -> None:
    chain = ChainCredentials()
    status = chain.status()
    assert status.available and status.source == "environment" and status.mode == "StsToken"
    resolved = chain.get()
    shown = " ".join(
        [
            repr(chain),
            repr(status),
            str(status.label),
            repr(resolved),
            str(resolved),
            f"{resolved}",
            repr(vars(status)),
        ]
    )
    assert_no_canary(shown, where="credential status and reprs", canaries=CREDENTIALS)
    static = StaticCredentials(KEY_ID.value, SECRET.value, TOKEN.value)
    assert_no_canary(
        repr(static) + repr(static.status()) + repr(static.get()), canaries=CREDENTIALS
    )
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(ResolvedCredentials(KEY_ID.value, SECRET.value, TOKEN.value))


@pytest.mark.parametrize(
    "broken",
    [
        "only a key id",
        "only a secret",
        "INI garbage",
        "INI with a secret as its type",
        "CLI profile with a secret as its mode",
    ],
)
def test_broken_credential_sources_are_explained_without_quoting_them(
    cli: CliRunner,
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
    emu: Emulator,
    broken: str,
) -> None:
    if broken == "only a key id":
        monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID.value)
    elif broken == "only a secret":
        monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET.value)
    elif broken.startswith("CLI profile"):
        write_cli_config(sandbox, [ak_profile("work", mode=SECRET.value)])
    else:
        ini = sandbox.home / ".alibabacloud" / "credentials.ini"
        ini.parent.mkdir(parents=True)
        body = (
            f"[default]\naccess_key_id {KEY_ID.value}\n{SECRET.value}\n[[["
            if broken == "INI garbage"
            else f"[default]\ntype = {SECRET.value}\naccess_key_id = {KEY_ID.value}\n"
        )
        ini.write_text(body)
        monkeypatch.setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", str(ini))
        sandbox.baseline()
    result = cli("list", "--region", REGION, "--endpoint", emu.base_url)
    assert result.code == 6, result.err
    assert_no_canary(result.text, where=f"the error for {broken}")
    chain = ChainCredentials()
    status = chain.status()
    assert_no_canary(repr(status), where="the credential status")
    with pytest.raises(PaiwsError) as failure:
        chain.get()
    assert_no_canary(exception_text(failure.value), where="the credentials error")


def test_without_any_credentials_the_cli_says_how_to_configure_them(
    cli: CliRunner, emu: Emulator
) -> None:
    result = cli("list", "--region", REGION, "--endpoint", emu.base_url)
    assert result.code == 6
    assert "aliyun configure" in result.err and "ALIBABA_CLOUD_ACCESS_KEY_ID" in result.err
    assert "--demo" in result.err
    assert emu.operations() == []
