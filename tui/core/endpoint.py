"""Where requests go (R10): the regional endpoint, or an ``--endpoint``/``PAIWS_ENDPOINT``
override, HTTPS everywhere except a loopback emulator. Refused endpoints raise before any
request; nothing here imports the SDK.

"Loopback" is decided on the literal text and the transport connects to exactly the address
that was checked: ``localhost`` means 127.0.0.1 (then ::1), never what a resolver answers. A
name with a trailing dot (``localhost.``) is an absolute DNS name that resolvers look up in DNS,
so it is not loopback, and neither is an IPv4-mapped or scoped IPv6 address.
"""

from __future__ import annotations

import ipaddress
import os
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from paiws.core.errors import InvalidInput
from paiws.core.i18n import _
from paiws.core.options import Options
from paiws.core.validation import check_region

ENDPOINT_ENV = "PAIWS_ENDPOINT"
_HOST_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


@dataclass(frozen=True)
class Endpoint:
    """Where requests go. ``netloc`` is ``host`` or ``host:port`` (IPv6 hosts in brackets)."""

    scheme: str  # "https", or "http" for loopback hosts only
    host: str
    port: int | None = None

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port is None else f"{host}:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self.netloc}"

    @property
    def loopback(self) -> bool:
        return is_loopback_host(self.host)

    @property
    def connect_addresses(self) -> tuple[str, ...]:
        """The literal addresses to connect to, in order; ``()``: resolve ``host`` (HTTPS)."""
        return loopback_addresses(self.host)


_IPV4_LOOPBACK = ipaddress.ip_network("127.0.0.0/8")
_IPV6_LOOPBACK = ipaddress.ip_address("::1")
_LOCALHOST = ("127.0.0.1", "::1")


def loopback_addresses(host: str) -> tuple[str, ...]:
    """The loopback addresses ``host`` stands for: itself for a literal 127.0.0.0/8 or ::1
    address, 127.0.0.1 and ::1 for ``localhost`` (any case, no trailing dot); else ``()``."""
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if host.lower() == "localhost":
        return _LOCALHOST
    if "%" in host:  # a scoped IPv6 address names an interface, not loopback
        return ()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return ()
    if address in _IPV4_LOOPBACK or address == _IPV6_LOOPBACK:
        return (str(address),)
    return ()


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 and exactly ``localhost``: the only hosts plain HTTP may reach."""
    return bool(loopback_addresses(host))


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    return 0 < len(host) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in labels)


def parse_endpoint(text: str) -> Endpoint:
    """Parse ``--endpoint``/``PAIWS_ENDPOINT``: ``https://host[:port]``, ``http://`` for loopback
    only, or a bare ``host[:port]`` (meaning HTTPS). Raises InvalidInput before any request."""
    value = text.strip()
    bad = InvalidInput(
        _(
            "The endpoint must look like https://host[:port] (or http://127.0.0.1:PORT for a local "
            "emulator), without a path, query or user name."
        ),
        code="InvalidEndpoint",
    )
    if not value:
        raise bad
    if "://" not in value:
        value = "https://" + value
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        raise bad from None
    host = parts.hostname or ""
    if (
        parts.scheme.lower() not in ("http", "https")
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
        or not _valid_host(host)
    ):
        raise bad
    endpoint = Endpoint(scheme=parts.scheme.lower(), host=host, port=port)
    if endpoint.scheme == "http" and not endpoint.loopback:
        dotted = host.endswith(".") and is_loopback_host(host.rstrip("."))
        raise InvalidInput(
            _(
                "Plain http:// is allowed only for loopback endpoints (127.0.0.1, ::1, localhost); "
                "use https:// for any other host."
            ),
            code="InsecureEndpoint",
            hint=_(
                "Nothing was sent. {host} with its trailing dot is looked up in DNS; use {bare} "
                "without it."
            ).format(host=repr(host), bare=repr(host.rstrip(".")))
            if dotted
            else _("Nothing was sent. Use an https:// endpoint."),
        )
    return endpoint


def endpoint_override(options: Options, environ: Mapping[str, str] | None = None) -> str | None:
    """``--endpoint`` wins over ``PAIWS_ENDPOINT``; None means the regional default."""
    env = os.environ if environ is None else environ
    value = (options.endpoint or env.get(ENDPOINT_ENV) or "").strip()
    return value or None


def regional_endpoint(region: str, *, vpc: bool = False) -> Endpoint:
    """The product endpoint: aliyunsdkcore has no entry for AIWorkSpace, so we build it."""
    prefix = "aiworkspace-vpc" if vpc else "aiworkspace"
    return Endpoint(scheme="https", host=f"{prefix}.{check_region(region)}.aliyuncs.com")


class LazyEndpoint:
    """An endpoint known only at the first request: `--demo` starts its emulator then, so the
    region picker appears without waiting for it (docs/performance.md)."""

    def __init__(self, resolve: Callable[[], str]) -> None:
        self._resolve = resolve
        self._endpoint: Endpoint | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<LazyEndpoint {self._endpoint.url if self._endpoint else 'not started'}>"

    def get(self) -> Endpoint:
        with self._lock:
            if self._endpoint is None:
                self._endpoint = parse_endpoint(self._resolve())
            return self._endpoint
