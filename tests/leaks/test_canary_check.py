"""The leak suite's own instruments work: the canary check catches raw and over-revealed
values but accepts exactly what R8 allows; the file scan and the log tap see what they must."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from paiws.core.masking import mask_admin, mask_id, mask_name
from tests.leaks.leak_canaries import (
    ADMIN_AT_ACCOUNT,
    ADMIN_MAIL,
    ALL,
    CREATOR_NUMBER,
    OWNER_ONE,
    OWNER_TWO,
    SECRET,
    TENANT,
    assert_no_canary,
    canary_data,
    leaks,
)
from tests.leaks.leak_support import LogTap, Sandbox


def test_canaries_are_unique_and_share_no_piece_with_ordinary_text() -> None:
    values = [c.value for c in ALL]
    assert len(set(values)) == len(values)
    ordinary = (
        "Administrators Creator ID Owner ID Display Name example.com administrator "
        "Workspace 200001 200002 ENABLED 2024-03-01 08:30:00 UTC ****0001 N/A"
    )
    assert leaks(ordinary) == []


def test_the_masks_r8_allows_pass_the_check() -> None:
    shown = " ".join(
        [
            mask_id(OWNER_ONE["UserId"].value),
            mask_id(TENANT.value),
            mask_id(int(CREATOR_NUMBER.value)),
            mask_name(OWNER_ONE["UserName"].value),
            mask_name(OWNER_TWO["DisplayName"].value),
            mask_admin(ADMIN_MAIL.value),
            mask_admin(ADMIN_AT_ACCOUNT.value),
            mask_admin(OWNER_TWO["UserName"].value),
        ]
    )
    assert "a***@example.com" in shown and "****0001" in shown
    assert_no_canary(shown)


@pytest.mark.parametrize(
    "shown",
    [
        OWNER_ONE["UserId"].value,  # whole
        "*****" + OWNER_ONE["UserId"].value[-5:],  # one character too many
        OWNER_ONE["UserName"].value[:5] + "***",  # a name's first five characters
        ADMIN_MAIL.value[:2] + "***@example.com",  # two characters of an e-mail's local part
        "x***@" + ADMIN_AT_ACCOUNT.value.partition("@")[2],  # the account after @ is no domain
        SECRET.value[3:8],  # any piece of a secret
        OWNER_ONE["UserKp"].value[-5:],  # UserKp is never shown, not even masked
    ],
)
def test_the_check_catches_raw_and_over_revealed_values(shown: str) -> None:
    with pytest.raises(AssertionError, match="beyond R8"):
        assert_no_canary(f"prefix {shown} suffix")


def test_the_failure_message_names_the_field_not_the_value() -> None:
    with pytest.raises(AssertionError) as failure:
        assert_no_canary(SECRET.value)
    assert "AccessKey secret" in str(failure.value)
    assert not leaks(str(failure.value))


def test_every_sensitive_field_of_the_data_set_is_a_canary() -> None:
    for workspace in canary_data()["regions"]["cn-hangzhou"]["workspaces"]:
        values = [
            str(workspace["Creator"]),
            *workspace["AdminNames"],
            *workspace["ExtraInfos"].values(),
            *workspace["Owner"].values(),
        ]
        assert all(leaks(v) for v in values)


def test_the_sandbox_scan_sees_files_the_program_writes(sandbox: Sandbox) -> None:
    written = sandbox.tmp / "dump.txt"
    written.write_text(f"owner={OWNER_ONE['UserId'].value}")
    with pytest.raises(AssertionError, match=r"Owner\.UserId"):
        sandbox.assert_clean()
    written.unlink()
    assert Path.cwd() == sandbox.cwd


def test_the_log_tap_sees_records_no_handler_would_print(log_tap: LogTap) -> None:
    quiet = logging.getLogger("leak-suite.quiet")
    quiet.propagate = False
    quiet.setLevel(logging.DEBUG)
    quiet.debug("body %s", TENANT.value)
    assert leaks(log_tap.text()) == [TENANT.label]
    log_tap.records.clear()
