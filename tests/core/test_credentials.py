"""R1: the credential chain, read at call time, with a status that never holds secrets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import astuple
from pathlib import Path

import pytest

from paiws.core.credential_chain import ChainCredentials
from paiws.core.credentials import ResolvedCredentials, static_credentials
from paiws.core.error_report import explain
from paiws.core.errors import AuthFailed, CredentialsMissing
from paiws.core.factory import build_service, emulator_service
from paiws.core.options import Options
from paiws.core.views import CredentialStatus, ListQuery
from paiws.emulator import Emulator
from tests.core.core_support import REGION

KEY_ID = "LTAIcanarykeyid0001"
SECRET = "canary-secret-value-0001"
TOKEN = "canary-sts-token-0001"


def write_cli_config(
    home: Path, profiles: list[dict[str, object]], current: str = "default"
) -> Path:
    path = home / ".aliyun" / "config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"current": current, "profiles": profiles}))
    return path


def ak_profile(name: str = "default", **extra: object) -> dict[str, object]:
    return {
        "name": name,
        "mode": "AK",
        "access_key_id": KEY_ID,
        "access_key_secret": SECRET,
        "region_id": "cn-beijing",
        **extra,
    }


def assert_no_secret(status: CredentialStatus) -> None:
    text = repr(status) + status.label + " ".join(str(v) for v in astuple(status))
    for secret in (KEY_ID, SECRET, TOKEN, "LTAI"):
        assert secret not in text


def test_nothing_configured_is_reported_plainly_and_sends_nothing(
    clean_env: Path, emu: Emulator
) -> None:
    service = build_service(Options(endpoint=emu.base_url))  # must not raise
    status = service.credential_status()
    assert not status.available and status.source == "none" and status.label == "no credentials"
    assert any("ALIBABA_CLOUD_ACCESS_KEY_ID" in place for place in status.looked_in)
    assert any("~/.aliyun/config.json" in place for place in status.looked_in)
    assert any("credentials.ini" in place for place in status.looked_in)
    with pytest.raises(CredentialsMissing) as raised:
        service.list_workspaces(REGION, ListQuery())
    assert raised.value.exit_code == 6
    advice = " ".join(explain(raised.value).advice)  # the one home of the advice
    assert "aliyun configure" in advice and "--demo" in advice
    assert emu.operations() == []


def test_environment_variables_are_read_at_call_time(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chain = ChainCredentials()
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
    status = chain.status()
    assert (status.available, status.source, status.mode) == (True, "environment", "AK")
    assert_no_secret(status)
    creds = chain.get()
    assert (creds.access_key_id, creds.access_key_secret, creds.security_token) == (
        KEY_ID,
        SECRET,
        None,
    )
    assert SECRET not in repr(creds) and KEY_ID not in str(creds)


def test_sts_token_from_the_environment(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET)
    monkeypatch.setenv("ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN)
    chain = ChainCredentials()
    assert chain.status().mode == "StsToken"
    assert chain.get().security_token == TOKEN
    assert_no_secret(chain.status())


def test_half_configured_environment_is_a_problem_not_a_crash(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID)
    status = ChainCredentials().status()
    assert not status.available and "only one" in (status.problem or "")
    assert_no_secret(status)


def test_cli_profile_current_with_region_hint(clean_env: Path) -> None:
    write_cli_config(clean_env, [ak_profile()])
    status = ChainCredentials().status()
    assert (status.source, status.profile, status.mode) == ("cli-profile", "default", "AK")
    assert status.region_hint == "cn-beijing"  # a hint only: nothing uses it (R2)
    assert_no_secret(status)
    assert ChainCredentials().get().access_key_id == KEY_ID


def test_environment_profile_variable_selects_the_profile(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_cli_config(
        clean_env, [ak_profile(), ak_profile("work", mode="StsToken", sts_token=TOKEN)]
    )
    monkeypatch.setenv("ALIBABA_CLOUD_PROFILE", "work")
    status = ChainCredentials().status()
    assert (status.profile, status.mode) == ("work", "StsToken")
    assert ChainCredentials().get().security_token == TOKEN


def test_explicit_profile_uses_only_that_profile(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-key")
    monkeypatch.setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")
    write_cli_config(clean_env, [ak_profile("default"), ak_profile("work")])
    status = ChainCredentials("work").status()
    assert (status.source, status.profile) == ("cli-profile", "work")
    assert status.looked_in == ("aliyun CLI profile in ~/.aliyun/config.json",)
    assert ChainCredentials("work").get().access_key_id == KEY_ID


def test_unknown_profile_is_a_clear_error(clean_env: Path, emu: Emulator) -> None:
    write_cli_config(clean_env, [ak_profile()])
    service = build_service(Options(profile="nope", endpoint=emu.base_url))
    status = service.credential_status()
    assert not status.available and status.profile == "nope"
    assert status.problem == "Profile nope not found in ~/.aliyun/config.json."
    with pytest.raises(CredentialsMissing) as raised:
        service.activation(REGION)
    assert str(raised.value) == "Profile nope not found in ~/.aliyun/config.json."
    assert emu.operations() == []


def test_profile_without_a_config_file_is_a_clear_error(clean_env: Path) -> None:
    status = ChainCredentials("work").status()
    assert status.problem == (
        "Profile work not found in ~/.aliyun/config.json (the file does not exist)."
    )


def test_unreadable_cli_config_never_quotes_the_file(clean_env: Path) -> None:
    path = clean_env / ".aliyun" / "config.json"
    path.parent.mkdir()
    path.write_text('{"profiles": [{"access_key_secret": "' + SECRET + '"')  # truncated JSON
    status = ChainCredentials().status()
    assert not status.available and "not readable JSON" in (status.problem or "")
    assert_no_secret(status)


def test_ini_file_from_the_environment(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ini = clean_env / "creds.ini"
    ini.write_text(
        f"[default]\ntype = access_key\naccess_key_id = {KEY_ID}\naccess_key_secret = {SECRET}\n"
    )
    monkeypatch.setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", str(ini))
    status = ChainCredentials().status()
    assert (status.source, status.mode, status.profile) == ("ini-file", "AK", "default")
    assert ChainCredentials().get().access_key_secret == SECRET
    assert_no_secret(status)


def test_broken_ini_file_does_not_leak_its_lines(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # configparser's own error message would quote this line, secret included.
    ini = clean_env / ".alibabacloud" / "credentials.ini"
    ini.parent.mkdir()
    ini.write_text(f"access_key_secret = {SECRET}\n")
    status = ChainCredentials().status()
    assert not status.available and "not valid INI" in (status.problem or "")
    assert_no_secret(status)


def test_credentials_are_fetched_for_every_request(emu: Emulator) -> None:
    """A source whose credentials change (an STS refresh) is asked again for each request."""

    class Rotating:
        def __init__(self) -> None:
            self.calls = 0

        def status(self, *, refresh: bool = False) -> CredentialStatus:
            return CredentialStatus(available=True, source="test", mode="AK")

        def get(self) -> ResolvedCredentials:
            self.calls += 1
            secret = "paiws-demo-secret" if self.calls == 1 else "rotated-wrong-secret"
            return ResolvedCredentials("paiws-demo", secret)

    service = emulator_service(emu.base_url)
    rotating = Rotating()
    service.client.credentials = rotating
    assert service.activation(REGION).activated
    with pytest.raises(AuthFailed):
        service.check_name(REGION, "some_name")
    assert rotating.calls == 2


def test_static_credentials_for_tests_and_demo() -> None:
    creds = static_credentials("paiws-demo", "paiws-demo-secret", source="demo")
    assert creds.status().label == "demo · AK"
    assert "paiws-demo-secret" not in repr(creds)
    assert static_credentials("a", "b", "t").status().mode == "StsToken"


def test_rejected_credentials_are_auth_failed(emu: Emulator) -> None:
    service = emulator_service(
        emu.base_url, access_key_id="unknown-key", access_key_secret="whatever"
    )
    with pytest.raises(AuthFailed) as raised:
        service.activation(REGION)
    assert raised.value.exit_code == 6 and "whatever" not in str(raised.value)


def test_expired_sts_token_is_auth_failed(emu: Emulator) -> None:
    emu.add_key("sts-key", "sts-secret", sts_token=TOKEN, token_expired=True)
    service = emulator_service(
        emu.base_url, access_key_id="sts-key", access_key_secret="sts-secret", security_token=TOKEN
    )
    with pytest.raises(AuthFailed) as raised:
        service.activation(REGION)
    assert "InvalidSecurityToken" in str(raised.value) and TOKEN not in str(raised.value)


def test_incomplete_cli_profile_is_a_problem(clean_env: Path) -> None:
    write_cli_config(clean_env, [{"name": "default", "mode": "AK", "access_key_id": KEY_ID}])
    status = ChainCredentials().status()
    assert not status.available and "has no access key" in (status.problem or "")
    assert_no_secret(status)


def test_status_reads_files_only_and_leaves_the_library_for_the_first_request(
    clean_env: Path,
) -> None:
    """The first screen needs the status; importing alibabacloud_credentials costs ~0.5 s."""
    write_cli_config(clean_env, [ak_profile()])
    code = (
        "import sys\n"
        "from paiws.core.credential_chain import ChainCredentials\n"
        "chain = ChainCredentials()\n"
        "status = chain.status()\n"
        "print(status.available, status.source, 'alibabacloud_credentials' in sys.modules)\n"
        "chain.get()\n"
        "print('alibabacloud_credentials' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(clean_env)},
        timeout=60,
        check=True,
    )
    assert result.stdout.split() == ["True", "cli-profile", "False", "True"]
