"""Reading one API item field by field (R16: degrade per field, never per page), masking as it
reads (R8). Used for workspaces, owners and members.

A field that is missing or null reads ``N/A`` (or empty); a field that is present with the wrong
type (a string where a list belongs, a number or an object where a string belongs) reads
``unreadable``, never its raw value or a ``str()`` of it, and its natural-language key is
recorded in :attr:`ItemReader.unreadable`, so every output can mark the item. Nothing here
raises for an item's content.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from paiws.core.masking import (
    NOT_AVAILABLE,
    mask_admin,
    mask_extra_infos,
    mask_id,
    mask_name,
    safe_text,
)

UNREADABLE = "unreadable"
_KEY_LIMIT = 64

Item = Mapping[str, object]


def iso_time(value: str) -> str:
    """An API time as ISO 8601 UTC (``2023-02-01T03:00:00Z``); text that does not parse as a
    time is returned as sent, made terminal-safe."""
    text = safe_text(value).strip()
    if not text:
        return NOT_AVAILABLE
    try:
        parsed = datetime.fromisoformat(text) if len(text) <= 64 else None
        if parsed is None:
            return text
        if parsed.tzinfo is None:  # the API sends UTC; a missing zone means UTC
            parsed = parsed.replace(tzinfo=UTC)
        t = parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return text
    # Formatted by hand: strftime("%Y") does not zero-pad years below 1000 on glibc.
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}Z"


class ItemReader:
    """One item's fields; ``label`` is the natural-language key an output shows (R8)."""

    def __init__(self, item: Item) -> None:
        self._item = item
        self.unreadable: list[str] = []

    def _bad(self, label: str) -> None:
        if label not in self.unreadable:
            self.unreadable.append(label)

    def present(self, key: str) -> bool:
        return self._item.get(key) is not None

    def text(self, key: str, label: str) -> str:
        """A display string: names, descriptions, statuses (not sensitive)."""
        value = self._item.get(key)
        if value is None:
            return NOT_AVAILABLE
        if not isinstance(value, str):
            self._bad(label)
            return UNREADABLE
        text = safe_text(value)
        return text if text.strip() else NOT_AVAILABLE

    def identifier(self, key: str, label: str) -> str:
        """A workspace ID: a string, or a whole number (some gateways send those)."""
        value = self._item.get(key)
        if value is None:
            return NOT_AVAILABLE
        if isinstance(value, bool) or not isinstance(value, str | int):
            self._bad(label)
            return UNREADABLE
        text = safe_text(value if isinstance(value, str) else str(value), _KEY_LIMIT).strip()
        return text or NOT_AVAILABLE

    def words(self, key: str, label: str) -> tuple[str, ...]:
        """A list of short, non-sensitive strings (environments, roles)."""
        value = self._item.get(key)
        if value is None:
            return ()
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            self._bad(label)
            return ()
        return tuple(safe_text(v, _KEY_LIMIT) for v in value)

    def flag(self, key: str, label: str) -> bool:
        value = self._item.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            self._bad(label)
            return False
        return value

    def time(self, key: str, label: str) -> str:
        value = self._item.get(key)
        if value is None:
            return NOT_AVAILABLE
        if not isinstance(value, str):
            self._bad(label)
            return UNREADABLE
        return iso_time(value)

    def masked_id(self, key: str, label: str) -> str:
        """A user or account ID: ``****`` + last 4 (R8)."""
        value = self._item.get(key)
        if value is None:
            return NOT_AVAILABLE
        if not isinstance(value, str):
            self._bad(label)
            return UNREADABLE
        return mask_id(value)

    def masked_name(self, key: str, label: str) -> str:
        """A person's name: first character + ``***`` (R8)."""
        value = self._item.get(key)
        if value is None:
            return NOT_AVAILABLE
        if not isinstance(value, str):
            self._bad(label)
            return UNREADABLE
        return mask_name(value)

    def masked_account(self, key: str, label: str) -> str:
        """An account or administrator name: an e-mail keeps its domain (R8)."""
        value = self._item.get(key)
        if value is None:
            return NOT_AVAILABLE
        if not isinstance(value, str):
            self._bad(label)
            return UNREADABLE
        return mask_admin(value)

    def masked_accounts(self, key: str, label: str) -> tuple[str, ...]:
        value = self._item.get(key)
        if value is None:
            return ()
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            self._bad(label)
            return ()
        return tuple(mask_admin(v) for v in value)

    def extra_infos(self, key: str, label: str) -> tuple[tuple[str, str], ...]:
        value = self._item.get(key)
        if value is None:
            return ()
        if not isinstance(value, Mapping):
            self._bad(label)
            return ()
        return mask_extra_infos(value)

    def block(self, key: str, label: str) -> Item | None:
        """A nested object (e.g. Owner); None when missing, null or of the wrong type."""
        value = self._item.get(key)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self._bad(label)
            return None
        return value
