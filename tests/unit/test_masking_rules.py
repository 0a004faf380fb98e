"""R8 masking: exact outputs for the rules, and properties that hold for any input."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from paiws.core.masking import (
    KNOWN_EXTRA_KEYS,
    NOT_AVAILABLE,
    mask_admin,
    mask_admins,
    mask_extra_infos,
    mask_id,
    mask_name,
    safe_text,
    strip_terminal_controls,
)

# Characters that survive cleaning unchanged: no controls, no format characters (bidi),
# no separators (so .strip() has nothing to remove).
CLEAN_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Zs"))
clean_text = st.text(CLEAN_CHARS, min_size=1, max_size=40)

ESCAPE_FRAGMENTS = (
    "\x1b[31m",  # SGR colour
    "\x1b[0m",
    "\x1b[2J",  # clear screen
    "\x1b[10;20H",  # cursor move
    "\x1b]52;c;Q0FOQVJZ\x07",  # OSC 52 clipboard write, BEL-terminated
    "\x1b]0;title\x1b\\",  # OSC window title, ST-terminated
    "\x1b]8;;https://evil.example/\x1b\\",  # hyperlink
    "\x1bP+q544e\x1b\\",  # DCS
    "\x9b31m",  # 8-bit CSI
    "\x9d52;c;eA==\x9c",  # 8-bit OSC
    "\x1bc",  # full reset
    "\x1b(B",
    "\x07",
    "\x00",
    "\x7f",
    "\r",
    "\n",
    "\t",
    "\u202e",  # right-to-left override
    "\u2066",
    "plain",
    "[bold red]x[/]",
    "ü",
    "名前",
)
hostile_text = st.lists(st.sampled_from(ESCAPE_FRAGMENTS), max_size=12).map("".join) | st.text()

json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
        | st.tuples(children, children)
    ),
    max_leaves=12,
)

FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def assert_terminal_safe(text: str) -> None:
    assert FORBIDDEN.search(text) is None, ascii(text)


# -- IDs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1234567890", "****7890"),
        ("12345", "****2345"),
        ("1234", "****"),
        ("1", "****"),
        ("", NOT_AVAILABLE),
        ("   ", NOT_AVAILABLE),
        (None, NOT_AVAILABLE),
        ("  9876543210  ", "****3210"),
        (1234567890, "****7890"),
        (123, "****"),
        (0, "****"),
        ("用户编号一二三四五", "****二三四五"),
        ("a\x1b[31mbcdefgh", "****efgh"),
        (b"1234567890", "****7890"),
        ({"UserId": "1234567890"}, NOT_AVAILABLE),
        (["1234567890"], NOT_AVAILABLE),
        (True, NOT_AVAILABLE),
    ],
)
def test_mask_id_examples(value: object, expected: str) -> None:
    assert mask_id(value) == expected


@given(clean_text)
def test_mask_id_shows_only_the_last_four_characters(value: str) -> None:
    expected = "****" + value[-4:] if len(value) > 4 else "****"
    assert mask_id(value) == expected


@given(st.integers())
def test_mask_id_of_a_number_equals_mask_of_its_text(value: int) -> None:
    assert mask_id(value) == mask_id(str(value))


def test_mask_id_of_an_unprintably_large_int_does_not_raise() -> None:
    # Python refuses to print ints over 4300 digits; such an "ID" is garbage: N/A, no crash.
    assert mask_id(10**5000) == NOT_AVAILABLE


@given(clean_text, st.text(" \t\n", max_size=3), st.text(" \t\n", max_size=3))
def test_mask_id_ignores_surrounding_whitespace(value: str, before: str, after: str) -> None:
    assert mask_id(before + value + after) == mask_id(value)


# -- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("alice", "a***"),
        ("A", "A***"),
        ("张三", "张***"),
        ("Émilie Durand", "É***"),
        ("  bob", "b***"),
        ("", NOT_AVAILABLE),
        (None, NOT_AVAILABLE),
        ("\x1b[31mmallory", "m***"),
        ({"UserName": "alice"}, NOT_AVAILABLE),
    ],
)
def test_mask_name_examples(value: object, expected: str) -> None:
    assert mask_name(value) == expected


@given(clean_text)
def test_mask_name_is_first_character_and_three_stars(value: str) -> None:
    assert mask_name(value) == value[0] + "***"


# -- administrators ------------------------------------------------------------------------------

label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
domains = st.builds(
    lambda labels, tld: ".".join([*labels, tld]),
    st.lists(label, min_size=1, max_size=3),
    st.from_regex(r"[a-z]{2,6}", fullmatch=True),
)
local_parts = st.text(
    st.characters(exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Zs"), exclude_characters="@"),
    min_size=1,
    max_size=20,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("alice@example.com", "a***@example.com"),
        ("Bob.Smith+pai@mail.example.co.uk", "B***@mail.example.co.uk"),
        ("alice", "a***"),
        ("alice.smith", "a***"),
        ("@example.com", "@***"),  # no local part: not an e-mail, domain not kept
        ("a@", "a***"),
        ("a@b@c.com", "a***"),
        ("alice@localhost", "a***"),  # no dot: the part after @ may be an account name
        ("alice@exa mple.com", "a***"),
        ("alice @example.com", "a***"),
        ("  carol@example.com  ", "c***@example.com"),
        ("李雷@例子.公司", "李***@例子.公司"),
        ("alice@\x1b]52;c;eA==\x07example.com", "a***@example.com"),
        ("", NOT_AVAILABLE),
        (None, NOT_AVAILABLE),
        (12345, "1***"),
        (["alice@example.com"], NOT_AVAILABLE),
    ],
)
def test_mask_admin_examples(value: object, expected: str) -> None:
    assert mask_admin(value) == expected


@given(local_parts, domains)
def test_mask_admin_keeps_only_the_domain_of_an_email(local: str, domain: str) -> None:
    assert mask_admin(f"{local}@{domain}") == f"{local[0]}***@{domain}"


@given(st.text(CLEAN_CHARS.filter(lambda c: c != "@"), min_size=1, max_size=40))
def test_mask_admin_without_at_sign_is_first_character_only(value: str) -> None:
    assert mask_admin(value) == value[0] + "***"


@given(st.text(min_size=1, max_size=200))
def test_mask_admin_reveals_at_most_first_character_and_domain(value: str) -> None:
    out = mask_admin(value)
    cleaned = strip_terminal_controls(value).strip()
    if out == NOT_AVAILABLE:
        assert not cleaned
        return
    assert out[0] == cleaned[0] and out[1:4] == "***"
    rest = out[4:]
    assert rest == "" or (rest.startswith("@") and cleaned.endswith(rest))


def test_mask_admins_shapes() -> None:
    assert mask_admins(["alice@example.com", "bob"]) == ("a***@example.com", "b***")
    assert mask_admins(("carol",)) == ("c***",)
    assert mask_admins([]) == ()
    assert mask_admins(None) == ()
    # A string where a list belongs is one admin here (mapping rejects it as malformed).
    assert mask_admins("alice@example.com") == ("a***@example.com",)
    assert mask_admins([None, "", {"x": "CANARY"}]) == (NOT_AVAILABLE,) * 3


# -- ExtraInfos ----------------------------------------------------------------------------------


def test_mask_extra_infos_masks_values_and_unknown_keys() -> None:
    """Known keys by name; any other key may itself be an account ID, so it is masked too."""
    extra = {
        "TenantId": "123456789012",
        "AccountId": 98765432,
        "1095312831785714": "PAI.WorkspaceOwner",
        "short": "abc",
        "\x1b[31mKey": "1234567890",
        "Nested": {"a": "CANARY-1234"},
        "Empty": "",
    }
    assert mask_extra_infos(extra) == (
        ("****", "****7890"),  # the escape sequence is removed first: "Key" is too short
        ("****5714", "****wner"),
        ("****hort", "****"),
        ("****mpty", NOT_AVAILABLE),
        ("****sted", NOT_AVAILABLE),
        ("AccountId", "****5432"),
        ("TenantId", "****9012"),
    )


@pytest.mark.parametrize("value", [None, [], "TenantId", 5, [("TenantId", "1")]])
def test_mask_extra_infos_of_a_non_mapping_is_empty(value: object) -> None:
    assert mask_extra_infos(value) == ()


# -- safe display text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("[bold red]x[/]", "[bold red]x[/]"),  # markup is kept literally, never interpreted
        ("a\x1b[31mred\x1b[0mb", "aredb"),
        ("copy\x1b]52;c;Q0FOQVJZ\x07me", "copyme"),
        ("title\x1b]0;pwned\x1b\\done", "titledone"),
        ("a\x9b2Jb", "ab"),
        ("line1\nline2\tx", "line1 line2 x"),
        ("bell\x07", "bell"),
        ("rtl\u202eevil", "rtlevil"),
        ("tail\x1b]52;c;unterminated", "tail"),
        (None, ""),
        (42, "42"),
        ({"a": "CANARY"}, ""),
    ],
)
def test_safe_text_examples(value: object, expected: str) -> None:
    assert safe_text(value) == expected


def test_safe_text_caps_huge_strings() -> None:
    out = safe_text("x" * 5_000_000)
    assert len(out) == 1024
    assert out.endswith("…")
    assert len(safe_text("y" * 300, limit=100)) == 100


@given(hostile_text)
@example("\x1b[31m\x1b]52;c;eA==\x07\x9d0;t\x9c")
def test_no_output_ever_contains_a_control_or_escape(value: str) -> None:
    for out in (mask_id(value), mask_name(value), mask_admin(value), safe_text(value)):
        assert_terminal_safe(out)
        assert "\x1b" not in out
    assert_terminal_safe(strip_terminal_controls(value))


@given(st.text(CLEAN_CHARS, max_size=60))
def test_safe_text_leaves_clean_text_unchanged(value: str) -> None:
    assert safe_text(value) == value


@given(json_like)
def test_masking_never_raises_and_returns_strings(value: object) -> None:
    for fn in (mask_id, mask_name, mask_admin, safe_text):
        out = fn(value)
        assert isinstance(out, str)
        assert_terminal_safe(out)
    assert all(isinstance(v, str) for v in mask_admins(value))
    for key, masked in mask_extra_infos(value):
        assert key in KNOWN_EXTRA_KEYS or key.startswith("****") or key == NOT_AVAILABLE
        assert_terminal_safe(key)
        assert masked == NOT_AVAILABLE or masked.startswith("****")


@given(st.dictionaries(st.text(max_size=5), st.text(max_size=5)) | st.lists(st.text(max_size=5)))
def test_containers_are_never_unpacked_into_a_masked_value(value: object) -> None:
    # str(dict) tails ("...'}") would leak fragments of the contents: containers are N/A.
    assert mask_id(value) == NOT_AVAILABLE
    assert mask_name(value) == NOT_AVAILABLE
    assert mask_admin(value) == NOT_AVAILABLE
