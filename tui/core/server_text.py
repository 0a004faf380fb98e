"""Server text is untrusted (R9): the one sanitiser for every server string put into an error.

``untrusted(text, secrets)`` is applied to Code, Message, RequestId and anything else a server
says before it leaves the client in an exception. In this order, each step linear in the length:

1. the input is cut to ``INPUT_BOUND`` characters before anything else looks at it (a 1 MB
   message costs no more than a 2 KB one);
2. an echoed string to sign (``... server string to sign is: <it>``) and everything after it is
   dropped: it holds every ``x-acs-*`` header, the STS token included;
3. escape sequences and control characters go (``masking.strip_terminal_controls``);
4. every piece of 8 or more characters of the AccessKey ID, secret and STS token is redacted,
   compared case-insensitively and ignoring whitespace, so a secret with its case changed,
   split by a line break or cut short does not survive either (``CredentialScrubber``);
5. e-mail addresses are masked like administrators (``masking.mask_admin``: ``z***@corp.example``)
   and ID-like digit runs (8 or more digits) become ``****`` + the last 4;
6. whitespace is collapsed and the length capped (``errors.trim``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from paiws.core.errors import MESSAGE_LIMIT, trim
from paiws.core.masking import ID_MASK, mask_admin, strip_terminal_controls

INPUT_BOUND = 2000
PIECE = 8  # the shortest piece of a credential that is looked for
REDACTED = "[redacted]"

# No leading run of separators in the pattern: `[\s.:]*string...` re-scans a whitespace run
# from each of its positions (quadratic). The separators are trimmed with rstrip instead.
_STRING_TO_SIGN = re.compile(r"string\s{0,8}to\s{0,8}sign", re.IGNORECASE)
_SERVER_WORD = re.compile(r"server\s*\Z", re.IGNORECASE)
_DIGIT_RUN = re.compile(r"\d{8,}")
_LOCAL_EXTRA = frozenset("._%+-")
_LOCAL_MAX, _DOMAIN_MAX = 64, 253


class CredentialScrubber:
    """Finds the pieces of a set of credentials in text. Built once per error."""

    def __init__(self, secrets: Iterable[str | None]) -> None:
        self._pieces: dict[int, set[str]] = {}
        for secret in secrets:
            _, folded = _skeleton(secret or "")
            if len(folded) < 4:
                continue  # too short to tell apart from ordinary text
            size = min(PIECE, len(folded))
            pieces = self._pieces.setdefault(size, set())
            pieces.update(folded[i : i + size] for i in range(len(folded) - size + 1))

    def scrub(self, text: str) -> str:
        """``text`` with every run that contains a credential piece replaced by ``[redacted]``."""
        if not self._pieces or not text:
            return text
        where, skeleton = _skeleton(text)
        hit = bytearray(len(text))
        for size, pieces in self._pieces.items():
            for start in range(len(skeleton) - size + 1):
                if skeleton[start : start + size] in pieces:
                    # Mark the whole span in the original text, whitespace inside it included.
                    hit[where[start] : where[start + size - 1] + 1] = b"\1" * (
                        where[start + size - 1] + 1 - where[start]
                    )
        if not any(hit):
            return text
        out: list[str] = []
        for i, ch in enumerate(text):
            if not hit[i]:
                out.append(ch)
            elif i == 0 or not hit[i - 1]:
                out.append(REDACTED)
        return "".join(out)


NO_SECRETS = CredentialScrubber(())


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _skeleton(text: str) -> tuple[list[int], str]:
    """``text`` without whitespace and invisible characters (controls, zero-width and bidi
    marks), ASCII letters lower-cased; ``where[i]`` is the index in ``text`` of character i.
    Credentials are ASCII, so ASCII folding keeps one character per character."""
    where = [i for i, ch in enumerate(text) if ch.isprintable() and not ch.isspace()]
    return where, "".join(text[i] for i in where).translate(_ASCII_LOWER)


def cut_string_to_sign(text: str) -> str:
    """``text`` up to an echoed string to sign, without the separators and "server" before it."""
    found = _STRING_TO_SIGN.search(text)
    if found is None:
        return text
    head = text[: found.start()].rstrip(" \t\r\n.:,;")
    return _SERVER_WORD.sub("", head).rstrip(" \t\r\n.:,;")


def mask_digit_runs(text: str) -> str:
    """Runs of 8 or more digits (account and user IDs) become ``****`` + the last 4."""
    return _DIGIT_RUN.sub(lambda m: ID_MASK + m.group()[-4:], text)


def mask_emails(text: str) -> str:
    """Each ``local@domain`` becomes what ``mask_admin`` shows for it. Each ``@`` looks at most
    64 characters back and 253 ahead, so the work is linear in the text."""
    out: list[str] = []
    done = 0  # text[:done] is already in out
    at = text.find("@")
    while at != -1:
        start = at
        while start > max(done, at - _LOCAL_MAX) and _local_char(text[start - 1]):
            start -= 1
        end = at + 1
        while end < min(len(text), at + 1 + _DOMAIN_MAX) and _domain_char(text[end]):
            end += 1
        while end > at + 1 and text[end - 1] in ".-":  # a sentence's full stop is not domain
            end -= 1
        if start < at and end > at + 1:
            out.append(text[done:start])
            out.append(mask_admin(text[start:end]))
            done = end
        at = text.find("@", max(at + 1, done))
    out.append(text[done:])
    return "".join(out)


def _local_char(ch: str) -> bool:
    return ch.isalnum() or ch in _LOCAL_EXTRA


def _domain_char(ch: str) -> bool:
    return ch.isalnum() or ch in ".-"


def untrusted(
    text: object, secrets: CredentialScrubber = NO_SECRETS, *, limit: int = MESSAGE_LIMIT
) -> str:
    """A server string made safe to show in an error (see the module docstring); ``""`` for
    anything that is not a string."""
    if not isinstance(text, str):
        return ""
    text = cut_string_to_sign(text[:INPUT_BOUND])
    text = secrets.scrub(strip_terminal_controls(text))
    return trim(mask_digit_runs(mask_emails(text)), limit)
