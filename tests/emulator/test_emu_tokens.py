"""STS tokens that expire on demand: "credentials expired -> configure new ones -> works"."""

from __future__ import annotations

import pytest
from alibabacloud_aiworkspace20210204 import models
from alibabacloud_tea_openapi.exceptions import ClientException
from aliyunsdkcore.acs_exception.exceptions import ServerException

from paiws.emulator import Emulator
from tests.emulator.emu_clients import RoaFactory, TeaFactory


def test_an_expired_token_is_rejected_and_a_new_one_works(
    emulator: Emulator, make_roa: RoaFactory, make_tea: TeaFactory
) -> None:
    emulator.add_key("STS.first", "secret-1", sts_token="token-1")
    roa = make_roa("STS.first", "secret-1", "token-1")
    assert roa.list()["TotalCount"] == 64
    emulator.expire_security_token("token-1")
    with pytest.raises(ServerException) as caught:
        roa.list()
    assert (caught.value.get_http_status(), caught.value.get_error_code()) == (
        400,
        "InvalidSecurityToken.Expired",
    )
    tea = make_tea(key_id="STS.first", secret="secret-1", token="token-1")
    with pytest.raises(ClientException) as tea_caught:
        tea.list_members("100002", models.ListMembersRequest())
    assert tea_caught.value.code == "InvalidSecurityToken.Expired"
    # New credentials, as an STS refresh hands out: a new key ID, secret and token.
    emulator.add_key("STS.second", "secret-2", sts_token="token-2")
    assert make_roa("STS.second", "secret-2", "token-2").list()["TotalCount"] == 64
    # Re-issuing a token for the same key ID replaces the expired one.
    emulator.add_key("STS.first", "secret-1b", sts_token="token-1b")
    assert make_roa("STS.first", "secret-1b", "token-1b").list()["TotalCount"] == 64


def test_expiry_is_logged_and_nothing_is_applied(emulator: Emulator, make_roa: RoaFactory) -> None:
    emulator.add_key("STS.k", "s", sts_token="t")
    emulator.expire_security_token("t")
    with pytest.raises(ServerException):
        make_roa("STS.k", "s", "t").create(
            WorkspaceName="never_made", Description="d", EnvTypes=["prod"]
        )
    assert emulator.request_log[-1].status == 400
    assert "never_made" not in {w["WorkspaceName"] for w in emulator.workspaces("cn-hangzhou")}


def test_expire_every_token_leaves_plain_keys_working(
    emulator: Emulator, make_roa: RoaFactory
) -> None:
    emulator.add_key("STS.a", "sa", sts_token="ta")
    emulator.add_key("STS.b", "sb", sts_token="tb")
    assert emulator.expire_tokens() == 2
    for key, secret, token in (("STS.a", "sa", "ta"), ("STS.b", "sb", "tb")):
        with pytest.raises(ServerException) as caught:
            make_roa(key, secret, token).list()
        assert caught.value.get_error_code() == "InvalidSecurityToken.Expired"
    assert make_roa("paiws-demo", "paiws-demo-secret").list()["TotalCount"] == 64


def test_expiring_an_unknown_token_is_an_error(emulator: Emulator) -> None:
    with pytest.raises(ValueError):
        emulator.expire_security_token("never-issued")
