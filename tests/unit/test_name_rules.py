"""R4 input rules: every example from the spec, plus the rule as a property."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paiws.core.validation import (
    DESCRIPTION_MAX,
    STANDARD_ENVS,
    description_problem,
    env_problem,
    is_valid_name,
    name_problem,
    parse_envs,
)

RULE = re.compile(r"[A-Za-z][A-Za-z0-9_]{2,22}")


@pytest.mark.parametrize("name", ["myworkspace", "my_workspace", "myWorkspace123", "abc"])
def test_spec_examples_are_accepted(name: str) -> None:
    assert is_valid_name(name)
    assert name_problem(name) is None


@pytest.mark.parametrize(
    "name",
    [
        "123workspace",
        "_myworkspace",
        "my-workspace",
        "ab",
        "averylongworkspacename123",
        "my workspace",
        "test@ws!",
    ],
)
def test_spec_examples_are_rejected_with_a_reason(name: str) -> None:
    assert not is_valid_name(name)
    problem = name_problem(name)
    assert problem and problem.endswith(".")


@pytest.mark.parametrize(
    "name", ["", "a" * 24, "ünïcode", "\uff46\uff55ll_width", "K\u212aelvin", "abc\n"]
)
def test_more_names_are_rejected(name: str) -> None:
    assert not is_valid_name(name)


def test_boundary_lengths() -> None:
    assert is_valid_name("a" * 3) and is_valid_name("a" * 23)
    assert not is_valid_name("a" * 2) and not is_valid_name("a" * 24)


@given(st.from_regex(RULE, fullmatch=True))
def test_any_name_matching_the_rule_is_accepted(name: str) -> None:
    assert is_valid_name(name)


NAMEISH = st.text(st.sampled_from("abcXYZ019_- @!.\n\t") | st.characters(), min_size=0, max_size=30)


@given(NAMEISH)
def test_validation_agrees_with_the_rule_for_any_string(name: str) -> None:
    assert is_valid_name(name) == (RULE.fullmatch(name) is not None)


def test_description_rules() -> None:
    assert description_problem("A workspace for tests") is None
    assert description_problem("x" * DESCRIPTION_MAX) is None
    assert description_problem("x" * (DESCRIPTION_MAX + 1)) is not None
    assert description_problem("") is not None
    assert description_problem("   ") is not None


@given(st.text(max_size=120))
def test_description_accepted_iff_non_blank_and_short(text: str) -> None:
    ok = bool(text.strip()) and len(text) <= DESCRIPTION_MAX
    assert (description_problem(text) is None) == ok


@pytest.mark.parametrize(
    ("text", "envs", "ok"),
    [
        ("prod", ("prod",), True),
        ("dev,prod", STANDARD_ENVS, True),
        ("prod,dev", STANDARD_ENVS, True),
        (" dev , prod ", STANDARD_ENVS, True),
        ("dev", ("dev",), False),
        ("", (), False),
        ("prod,prod", ("prod", "prod"), False),
        ("test", ("test",), False),
    ],
)
def test_environment_choices(text: str, envs: tuple[str, ...], ok: bool) -> None:
    assert parse_envs(text) == envs
    assert (env_problem(envs) is None) == ok
