"""Links paiws offers to open or copy that come from the server: only on the exact Alibaba Cloud
hosts SPEC §3 lists (R9). A purchase link elsewhere — a look-alike host, user info, another
scheme — is refused, and the PAI console of the region is offered instead."""

from __future__ import annotations

from urllib.parse import urlsplit

from paiws.core.masking import safe_text

PURCHASE_HOSTS = frozenset({"common-buy.aliyun.com", "common-buy-intl.alibabacloud.com"})
_URL_LIMIT = 2048


def purchase_url(value: object) -> str | None:
    """``value`` if it is an https URL on a purchase host exactly (no user info, no port
    tricks, ASCII only); None otherwise."""
    if not isinstance(value, str) or not value or len(value) > _URL_LIMIT:
        return None
    if safe_text(value, _URL_LIMIT) != value or not value.isascii():
        return None  # controls, look-alike (IDN) characters
    if any(ch.isspace() or ch == "\\" for ch in value):
        return None
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or parts.username is not None or parts.password is not None:
        return None
    if port not in (None, 443) or "@" in parts.netloc:
        return None
    return value if parts.hostname in PURCHASE_HOSTS else None
