"""R8 masking and terminal-safe text: the only transformations API strings get before display.

Every function here takes ``object`` (API data is untrusted: wrong types, huge strings, escape
sequences) and never raises. Control characters and terminal escape sequences are removed
*before* masking, so neither a masked value nor a display string can drive a terminal
(colour changes, cursor moves, OSC 52 clipboard writes, window titles).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

NOT_AVAILABLE = "N/A"
ID_MASK = "****"
NAME_MASK = "***"
TEXT_LIMIT = 1024
ELLIPSIS = "…"

# Escape sequences are removed as a whole (not just their ESC byte), so no half-sequence such as
# "]52;c;aGk=" is left behind as visible junk. Both the 7-bit (ESC x) and 8-bit C1 introducers
# are covered. String sequences (OSC/DCS/SOS/PM/APC) end at BEL or ST; an unterminated one
# swallows the rest of the text, which is what a terminal would do too.
_ESCAPES = re.compile(
    r"""
      (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]?                          # CSI: colours, cursor moves
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) [^\x07\x1b\x9c]* (?:\x07|\x1b\\|\x9c)?
                                                                  # OSC/DCS/SOS/PM/APC strings
    | \x1b [ -/]* [0-~]?                                            # other ESC sequences
    """,
    re.VERBOSE,
)
# Whitespace-like controls become a space so words are not glued together.
_SPACE_CONTROLS = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]")
# Everything else that is a control (C0, DEL, C1) or can reorder text on screen (bidi
# embeddings, overrides and isolates: "Trojan Source") is dropped.
_DROP_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_EMAIL_DOMAIN = re.compile(
    r"(?:[^\W_](?:[^\W_]|-){0,62}\.)+[^\W\d_]{2,63}",
)


def strip_terminal_controls(text: str) -> str:
    """Remove escape sequences and control characters; turn line breaks and tabs into spaces."""
    if text.isprintable():  # fast path: no Cc/Cf/Zl/Zp at all, so nothing to remove
        return text
    text = _ESCAPES.sub("", text)
    text = _SPACE_CONTROLS.sub(" ", text)
    return _DROP_CONTROLS.sub("", text)


def _scalar_text(value: object) -> str:
    """The text of a scalar API value; "" for None, containers and anything odd.

    Containers are refused rather than ``str()``-ed: the text of a dict sent where an ID was
    expected would show the dict's contents, whose tail is not the "last 4" R8 allows.
    """
    try:
        if isinstance(value, str):
            return value
        if isinstance(value, bool):  # before int: True is an int, but not an ID or a name
            return ""
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, bytes | bytearray):
            return bytes(value).decode("utf-8", errors="replace")
    except Exception:  # e.g. int too large to print (sys.set_int_max_str_digits)
        return ""
    return ""


def _clean(value: object) -> str:
    """Scalar text with terminal controls removed and surrounding whitespace stripped."""
    try:
        return strip_terminal_controls(_scalar_text(value)).strip()
    except Exception:  # defensive: masking must never raise, whatever it is given
        return ""


def mask_id(value: object) -> str:
    """``****`` + last 4 characters; ``****`` alone for 4 characters or fewer; ``N/A`` if empty."""
    text = _clean(value)
    if not text:
        return NOT_AVAILABLE
    if len(text) <= 4:
        return ID_MASK  # never reveal a whole ID
    return ID_MASK + text[-4:]


def mask_name(value: object) -> str:
    """First character + ``***``; ``N/A`` if empty."""
    text = _clean(value)
    if not text:
        return NOT_AVAILABLE
    return text[0] + NAME_MASK


def mask_admin(value: object) -> str:
    """An e-mail keeps its domain (``a***@example.com``); anything else is ``a***``.

    Only a well-formed address counts: exactly one ``@``, a non-empty local part, no spaces and
    a host name with a dot. Otherwise the part after ``@`` is not a domain but possibly an
    account name, and only the first character may be shown.
    """
    text = _clean(value)
    if not text:
        return NOT_AVAILABLE
    local, at, domain = text.partition("@")
    if (
        at
        and local
        and "@" not in domain
        and len(domain) <= 253
        and not any(ch.isspace() for ch in text)
        and _EMAIL_DOMAIN.fullmatch(domain)
    ):
        return f"{local[0]}{NAME_MASK}@{domain}"
    return text[0] + NAME_MASK


def mask_admins(values: object) -> tuple[str, ...]:
    """Mask a list of administrators. ``None`` -> ``()``; a lone string counts as one admin.

    (The mapping layer rejects a string where a list belongs; this function only promises
    never to raise and never to show more than R8 allows.)
    """
    if values is None:
        return ()
    if isinstance(values, list | tuple):
        try:
            return tuple(mask_admin(v) for v in values)
        except Exception:
            return ()
    return (mask_admin(values),)


# ExtraInfos keys shown by name; any other key could itself be an account ID (a server once
# sent {"1095312831785714": "PAI.WorkspaceOwner"}), so it is masked like a value.
KNOWN_EXTRA_KEYS = frozenset({"TenantId", "AccountId", "OwnerId", "ResourceGroupId"})


def mask_extra_infos(mapping: object) -> tuple[tuple[str, str], ...]:
    """ExtraInfos: values masked like IDs; known keys by name, other keys masked too; sorted."""
    if not isinstance(mapping, Mapping):
        return ()
    try:
        return tuple(
            sorted(
                (key if key in KNOWN_EXTRA_KEYS else mask_id(key), mask_id(val))
                for key, val in mapping.items()
                if isinstance(key, str)
            )
        )
    except Exception:
        return ()


def safe_text(value: object, limit: int = TEXT_LIMIT) -> str:
    """Terminal-safe text for non-sensitive display strings (names, descriptions, statuses).

    Escape sequences and control characters are removed and the length is capped (with an
    ellipsis). Rich markup such as ``[bold]x[/]`` is *kept* literally: widgets and printers
    receive ``rich.text.Text``, which never interprets it. Non-scalars become ``""``.
    """
    try:
        text = _scalar_text(value)
        # Bound the work on hostile multi-megabyte strings; whatever is cut here is cut anyway.
        budget = max(limit * 16, 4096)
        over = len(text) > budget
        text = strip_terminal_controls(text[:budget] if over else text)
        if over or len(text) > limit:
            return text[: max(limit - 1, 0)] + ELLIPSIS
        return text
    except Exception:
        return ""
