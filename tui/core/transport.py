"""Sending signed requests with urllib3 2.x (R10, R11, SPEC §7).

aliyunsdkcore 2.16 sends through its vendored requests 2.18.3 / urllib3 1.24.3, which probes
``ssl.wrap_socket`` (removed in Python 3.12) to decide SNI support, so on 3.12+ no HTTPS call
carried SNI. ``paiws.core.signing`` keeps the SDK for composing and signing; this module sends:

* TLS: SNI, certificate and host name verification always on; trust comes from
  ``ALIBABA_CLOUD_CA_BUNDLE`` when set, else the system store (else the SDK's bundled CA file,
  for systems whose store is empty); there is no switch to turn verification off;
* where: plain HTTP only to a loopback endpoint, and then to the literal address that was
  checked (``Endpoint.connect_addresses``: ``localhost`` is 127.0.0.1, then ::1, never a
  resolver's answer); HTTPS hosts are resolved normally, TLS proves who answered;
* proxies: ``HTTPS_PROXY``/``HTTP_PROXY`` (either case), never for loopback, and ``NO_PROXY``
  is honoured (the SDK ignored it);
* no redirects followed, no retries here (``paiws.core.retry`` retries GETs);
* bounds: connect and read timeouts from R11, where the read timeout is a deadline for the
  whole response (``paiws.core.deadline``), and at most ``MAX_RESPONSE_BYTES`` after
  decompression, read in chunks, so a compressed bomb never inflates in memory;
* a pool of connections per host (urllib3's ``PoolManager``), one manager per proxy and trust
  setting, shared by the threads of one client;
* failures become ``paiws.core.errors`` types that name the host and, for a timeout, which
  timeout fired; no library text (which may quote the request) is kept.
"""

from __future__ import annotations

import functools
import os
import ssl
import threading
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import getproxies_environment, proxy_bypass_environment  # type: ignore[attr-defined]

import urllib3
from urllib3 import exceptions as u3

from paiws.core.deadline import POOL_CLASSES, Deadline
from paiws.core.endpoint import Endpoint
from paiws.core.errors import NetworkError, PaiwsError, RequestTimeout, ResponseTooLarge
from paiws.core.i18n import _
from paiws.core.sdk_safety import SENDING
from paiws.core.signing import SignedRequest
from paiws.core.timeouts import Timeouts

MAX_RESPONSE_BYTES = 8 * 1024 * 1024
CHUNK = 64 * 1024
POOL_SIZE = 8  # connections kept per host; R15 has at most 4 requests in flight
CA_BUNDLE_ENV = "ALIBABA_CLOUD_CA_BUNDLE"


class _TooLarge(Exception):
    pass


class Transport:
    """Sends ``SignedRequest``s; returns ``(status, body)`` or raises a ``PaiwsError``."""

    def __init__(self, timeouts: Timeouts, *, max_bytes: int = MAX_RESPONSE_BYTES) -> None:
        self.timeouts = timeouts
        self.max_bytes = max_bytes
        self._managers: dict[tuple[str | None, str | None], urllib3.PoolManager] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<Transport {len(self._managers)} pool managers>"

    def send(self, endpoint: Endpoint, request: SignedRequest, operation: str) -> tuple[int, bytes]:
        if endpoint.scheme != "https" and not endpoint.loopback:
            # Last line of defence for R10: parse_endpoint already refuses this.
            raise NetworkError(
                _("Refusing plain HTTP to a non-loopback host."), code="InsecureEndpoint"
            )
        token = SENDING.set(True)
        try:
            manager = self._manager(endpoint)
            addresses = endpoint.connect_addresses or (endpoint.host,)
            for index, address in enumerate(addresses):
                try:
                    return self._exchange(manager, endpoint, address, request, operation)
                except u3.NewConnectionError:
                    if index == len(addresses) - 1:  # refused: nothing was sent, try ::1 next
                        raise
            raise AssertionError("unreachable")
        except PaiwsError:
            raise
        except (u3.HTTPError, OSError, ValueError) as error:
            raise network_error(error, endpoint.host, self.timeouts) from None
        finally:
            SENDING.reset(token)

    def _exchange(
        self,
        manager: urllib3.PoolManager,
        endpoint: Endpoint,
        address: str,
        request: SignedRequest,
        operation: str,
    ) -> tuple[int, bytes]:
        pool_kwargs: dict[str, Any] | None = None
        if address != endpoint.host and endpoint.scheme == "https":
            pool_kwargs = {"server_hostname": endpoint.host}  # SNI and the certificate's name
        pool = manager.connection_from_host(
            address, endpoint.port, endpoint.scheme, pool_kwargs=pool_kwargs
        )
        headers = {**request.headers, "Host": endpoint.netloc}
        timeout = urllib3.Timeout(connect=self.timeouts.connect, read=self.timeouts.read)
        with Deadline(self.timeouts.read) as deadline:
            try:
                response = pool.urlopen(
                    request.method,
                    request.target,
                    body=request.body,
                    headers=headers,
                    retries=False,
                    redirect=False,
                    assert_same_host=False,
                    timeout=timeout,
                    preload_content=False,
                    decode_content=True,
                )
                try:
                    body = self._read(response)
                finally:
                    response.release_conn()
            except (u3.HTTPError, OSError, _TooLarge) as error:
                if deadline.expired:
                    raise _read_timeout(endpoint.host, self.timeouts.read, whole=True) from None
                if isinstance(error, _TooLarge):
                    raise ResponseTooLarge(
                        _(
                            "The response to {operation} exceeded {size} MB; nothing of it was "
                            "used."
                        ).format(operation=operation, size=self.max_bytes // 2**20),
                        code="ResponseTooLarge",
                        hint=_("Check --endpoint; for a list, a smaller --page-size may help."),
                    ) from None
                raise
        if deadline.expired:  # the cut may look like a clean end of a read-until-close body
            raise _read_timeout(endpoint.host, self.timeouts.read, whole=True)
        return response.status, body

    def _read(self, response: urllib3.BaseHTTPResponse) -> bytes:
        """The decoded body, refused (and the connection dropped) once it passes the cap."""
        declared = response.headers.get("Content-Length", "")
        chunks: list[bytes] = []
        total = 0
        try:
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise _TooLarge
            while chunk := response.read(CHUNK, decode_content=True):
                total += len(chunk)
                if total > self.max_bytes:
                    raise _TooLarge
                chunks.append(chunk)
        except BaseException:
            response.close()  # unread data: the connection must not go back to the pool
            raise
        return b"".join(chunks)

    def _manager(self, endpoint: Endpoint) -> urllib3.PoolManager:
        proxy = None if endpoint.loopback else proxy_for(endpoint)
        bundle = os.environ.get(CA_BUNDLE_ENV) or None
        key = (proxy, bundle)
        with self._lock:
            manager = self._managers.get(key)
            if manager is None:
                manager = _new_manager(proxy, tls_context(bundle))
                self._managers[key] = manager
            return manager

    def close(self) -> None:
        with self._lock:
            for manager in self._managers.values():
                manager.clear()
            self._managers.clear()


def _new_manager(proxy: str | None, context: ssl.SSLContext) -> urllib3.PoolManager:
    common: dict[str, Any] = {
        "num_pools": 16,
        "maxsize": POOL_SIZE,
        "ssl_context": context,
        "cert_reqs": "CERT_REQUIRED",
    }
    manager: urllib3.PoolManager
    if proxy is None:
        manager = urllib3.PoolManager(**common)
    else:
        parts = urlsplit(proxy)
        headers = None
        if parts.username is not None:
            auth = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            headers = urllib3.make_headers(proxy_basic_auth=auth)
        bare = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
        manager = urllib3.ProxyManager(bare, proxy_headers=headers, **common)
    manager.pool_classes_by_scheme = POOL_CLASSES
    return manager


def proxy_for(endpoint: Endpoint) -> str | None:
    """The proxy URL for a non-loopback endpoint, or None (no proxy set, or NO_PROXY lists it)."""
    if endpoint.loopback or proxy_bypass_environment(endpoint.netloc):
        return None
    proxy = getproxies_environment().get(endpoint.scheme)
    if not proxy:
        return None
    return proxy if "://" in proxy else "http://" + proxy


@functools.lru_cache(maxsize=4)
def tls_context(bundle: str | None) -> ssl.SSLContext:
    """Verification on, always. ``bundle``: the ``ALIBABA_CLOUD_CA_BUNDLE`` path, or None for
    the system store (the SDK's bundled CA file if the system store is empty)."""
    context = ssl.create_default_context(cafile=bundle)
    if bundle is None and not context.cert_store_stats().get("x509_ca"):
        from aliyunsdkcore.vendored.requests.certs import where

        context.load_verify_locations(where())
    return context


def _read_timeout(host: str, seconds: float, *, whole: bool = False) -> RequestTimeout:
    sentence = (
        _("{host} did not finish its answer within {seconds} s (read timeout).")
        if whole
        else _("{host} did not answer within {seconds} s (read timeout).")
    )
    return RequestTimeout(
        sentence.format(host=host, seconds=f"{seconds:g}"),
        which="read",
        seconds=seconds,
        hint=_("Raise it with {flag}, or `aliyun configure set {flag} 30`.").format(
            flag="--read-timeout"
        ),
    )


def network_error(error: BaseException, host: str, timeouts: Timeouts) -> PaiwsError:
    """Translate a urllib3/socket failure into our types; no library text is kept."""
    if isinstance(error, u3.ProxyError | u3.ProxySchemeUnknown):
        return NetworkError(
            _("The proxy refused or failed the connection to {host}.").format(host=host),
            code="ProxyError",
            hint=_("Check HTTPS_PROXY/HTTP_PROXY and NO_PROXY."),
        )
    if isinstance(error, u3.ConnectTimeoutError) and not isinstance(error, u3.NewConnectionError):
        return RequestTimeout(
            _("Connecting to {host} timed out after {seconds} s (connect timeout).").format(
                host=host, seconds=f"{timeouts.connect:g}"
            ),
            which="connect",
            seconds=timeouts.connect,
            hint=_("Raise it with {flag}, or `aliyun configure set {flag} 30`.").format(
                flag="--connect-timeout"
            ),
        )
    if isinstance(error, u3.ReadTimeoutError):
        return _read_timeout(host, timeouts.read)
    if isinstance(error, u3.SSLError | ssl.SSLError):
        return NetworkError(
            _("The TLS certificate of {host} could not be verified.").format(host=host),
            code="SSLError",
            hint=_("If you use a private CA, point {env} at its PEM file.").format(
                env=CA_BUNDLE_ENV
            ),
        )
    if isinstance(error, u3.NewConnectionError | u3.ProtocolError):
        return NetworkError(
            _("The connection to {host} failed or was dropped.").format(host=host),
            code="ConnectionError",
            hint=_("Check your network and the endpoint, then try again."),
        )
    if not isinstance(error, u3.HTTPError) and isinstance(error, OSError):
        # e.g. an unreadable ALIBABA_CLOUD_CA_BUNDLE path
        return NetworkError(
            _("The request to {host} could not be made ({kind}).").format(
                host=host, kind=type(error).__name__
            ),
            code="TransportError",
            hint=_("Check {env} if you set it.").format(env=CA_BUNDLE_ENV),
        )
    return NetworkError(
        _("The request to {host} failed ({kind}).").format(host=host, kind=type(error).__name__),
        code="TransportError",
    )
