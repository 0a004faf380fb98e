"""Neutralise the logging leaks of the two Alibaba Cloud libraries (R9).

aliyunsdkcore (2.16) leaks in three ways, all verified in its source:

* ``aliyunsdkcore.client`` logs the full response body at DEBUG (``do_action_with_exception``)
  and the raw body of a non-JSON response at WARNING (``_get_server_exception`` and
  ``_parse_error_info_from_response_body``); WARNING records reach stderr even when nobody
  configured logging, through ``logging.lastResort``.
* ``aliyunsdkcore.http.http_response`` sets its own logger to DEBUG and attaches a
  ``StreamHandler`` at import time, so it prints no matter how the application configures logging.
* ``HttpResponse.get_response_object`` reads ``os.environ["DEBUG"]`` on *every* response and, when
  it is ``sdk``, calls ``do_http_debug``, which logs every request header, including
  ``Authorization`` and ``x-acs-security-token``.

alibabacloud-credentials attaches a ``StreamHandler`` to a logger named ``credentials`` and logs
refresh failures with the exception text (which can carry an STS response) and cached values.

We do not touch ``os.environ["DEBUG"]``: other tools may rely on it. Instead the debug dump is
replaced by a no-op on the class, and every logger of both libraries is switched off: no
handlers, a level above CRITICAL (so records are never even created), a filter that drops
anything that still arrives, and ``propagate=False`` so nothing reaches the root logger's
handlers (pytest's caplog, a user's ``basicConfig(level=DEBUG)``) or ``lastResort``.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from typing import Any
from urllib.parse import urlsplit

from paiws.core.endpoint import is_loopback_host
from paiws.core.errors import NetworkError, PaiwsError, RequestTimeout

SDK_LOGGER_PREFIXES: tuple[str, ...] = ("aliyunsdkcore", "credentials")
_OFF = logging.CRITICAL + 10
_lock = threading.Lock()


class DropAll(logging.Filter):
    """Refuse every record: the libraries' log lines may carry bodies, headers or secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        return False


_DROP = DropAll()


def _silence(logger: logging.Logger, *, root_of_tree: bool) -> None:
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    if not any(isinstance(f, DropAll) for f in logger.filters):
        logger.addFilter(_DROP)
    if root_of_tree:
        # The top of each tree is switched off and is where propagation stops; a NullHandler
        # counts as "a handler was found", so logging.lastResort never prints a record either.
        logger.setLevel(_OFF)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
    else:
        # Children inherit the parent's level. http_response set DEBUG explicitly; undo it.
        logger.setLevel(logging.NOTSET)
        logger.propagate = True


def silence_loggers(prefixes: tuple[str, ...] = SDK_LOGGER_PREFIXES) -> None:
    """Switch off every existing logger under ``prefixes`` (and the prefixes themselves).

    Loggers created later inherit the level of the silenced top logger, so they stay quiet as
    long as nobody sets a level on them; call this again after importing more of a library.
    """
    with _lock:
        manager = logging.Logger.manager
        for prefix in prefixes:
            _silence(logging.getLogger(prefix), root_of_tree=True)
            for name, logger in list(manager.loggerDict.items()):
                if name.startswith(prefix + ".") and isinstance(logger, logging.Logger):
                    _silence(logger, root_of_tree=False)


def _no_http_debug(self: object, request: object, response: object) -> None:
    """Replacement for ``HttpResponse.do_http_debug``: ``DEBUG=sdk`` prints nothing."""


def neutralise_sdk() -> None:
    """Import the parts of aliyunsdkcore we use and switch off their leaks. Idempotent."""
    # Imported here so that merely importing paiws does not pay the SDK's import time.
    import aliyunsdkcore.client  # noqa: F401  (creates the loggers we silence)
    from aliyunsdkcore.http import http_response

    http_response.HttpResponse.do_http_debug = _no_http_debug
    silence_loggers()


# -- a corrected AcsClient --------------------------------------------------------------------


def ca_bundle() -> str | bool:
    """``verify`` for every request: the ``ALIBABA_CLOUD_CA_BUNDLE`` path, else the default
    trust store. Never False: certificate verification cannot be switched off (R10)."""
    return os.environ.get("ALIBABA_CLOUD_CA_BUNDLE") or True


def _bypass_proxy(url: str) -> bool:
    """Loopback hosts never use a proxy; other hosts honour NO_PROXY (which the SDK ignores)."""
    # urllib.request pulls in http.client, email and ssl: imported only when a request is made.
    from urllib.request import proxy_bypass_environment  # type: ignore[attr-defined]

    parts = urlsplit(url)
    host = parts.hostname or ""
    return is_loopback_host(host) or bool(proxy_bypass_environment(parts.netloc or host))


def _network_error(error: BaseException, url: str, timeout: Any) -> PaiwsError:
    """Translate a vendored-requests failure into our types; no library text is kept."""
    from aliyunsdkcore.vendored.requests import exceptions as rex
    from aliyunsdkcore.vendored.requests.packages.urllib3.exceptions import ReadTimeoutError

    host = urlsplit(url).hostname or "the endpoint"
    connect, read = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    connect, read = float(connect or 0), float(read or 0)
    inner = error.args[0] if isinstance(error, rex.ConnectionError) and error.args else None
    if isinstance(error, rex.ConnectTimeout):
        return RequestTimeout(
            f"Connecting to {host} timed out after {connect:g} s (connect timeout).",
            which="connect",
            seconds=connect,
            hint="Raise it with --connect-timeout, or `aliyun configure set --connect-timeout 30`.",
        )
    if isinstance(error, rex.ReadTimeout) or isinstance(inner, ReadTimeoutError):
        return RequestTimeout(
            f"{host} did not answer within {read:g} s (read timeout).",
            which="read",
            seconds=read,
            hint="Raise it with --connect-timeout/--read-timeout, or "
            "`aliyun configure set --read-timeout 30`.",
        )
    if isinstance(error, rex.SSLError):
        return NetworkError(
            f"The TLS certificate of {host} could not be verified.",
            code="SSLError",
            hint="If you use a private CA, point ALIBABA_CLOUD_CA_BUNDLE at its PEM file.",
        )
    if isinstance(error, rex.ProxyError):
        return NetworkError(
            f"The proxy refused or failed the connection to {host}.",
            code="ProxyError",
            hint="Check HTTPS_PROXY/HTTP_PROXY and NO_PROXY.",
        )
    if isinstance(error, rex.ConnectionError):
        return NetworkError(
            f"The connection to {host} failed or was dropped.",
            code="ConnectionError",
            hint="Check your network and the endpoint, then try again.",
        )
    if not isinstance(error, rex.RequestException) and isinstance(error, OSError):
        # e.g. an unreadable ALIBABA_CLOUD_CA_BUNDLE path
        return NetworkError(
            f"The request to {host} could not be made ({type(error).__name__}).",
            code="TransportError",
            hint="Check ALIBABA_CLOUD_CA_BUNDLE if you set it.",
        )
    return NetworkError(
        f"The request to {host} failed ({type(error).__name__}).", code="TransportError"
    )


@functools.cache
def _safe_classes() -> tuple[Any, Any]:
    """The corrected session and client classes, defined on first use (lazy SDK import)."""
    neutralise_sdk()
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkcore.vendored.requests import Session

    class SafeSession(Session):  # type: ignore[misc]  # vendored requests has no stubs
        """Every request: proxies per loopback/NO_PROXY, verification on, typed errors."""

        def send(self, request: Any, **kwargs: Any) -> Any:
            parts = urlsplit(request.url)
            if parts.scheme != "https" and not is_loopback_host(parts.hostname or ""):
                # Last line of defence for R10, whatever the request object says.
                raise NetworkError(
                    "Refusing plain HTTP to a non-loopback host.", code="InsecureEndpoint"
                )
            if _bypass_proxy(request.url):
                kwargs["proxies"] = {}
            kwargs["verify"] = ca_bundle()
            kwargs["allow_redirects"] = False
            try:
                return super().send(request, **kwargs)
            except OSError as error:  # requests' exceptions derive from IOError
                raise _network_error(error, request.url, kwargs.get("timeout")) from None

    class SafeAcsClient(AcsClient):  # type: ignore[misc]  # the SDK has no stubs
        def _get_server_exception(self, *args: Any, **kwargs: Any) -> None:
            # The original logs raw non-JSON bodies, copies them into the exception message and
            # raises IndexError on a SignatureDoesNotMatch message without ':'. The client
            # decodes status and body itself.
            return None

    return SafeSession, SafeAcsClient


def make_acs_client(region: str, *, user_agent: tuple[str, str], pool_size: int = 8) -> Any:
    """An ``AcsClient`` for one region with the fixes described in this module and client.py."""
    from aliyunsdkcore.vendored.requests.adapters import HTTPAdapter

    session_class, client_class = _safe_classes()
    # ak/secret only satisfy the constructor: every request is signed with a signer built from
    # freshly fetched credentials (client.py), so this signer is never used.
    acs = client_class(
        ak="unused",
        secret="unused",
        region_id=region,
        auto_retry=False,
        max_retry_time=0,
        verify=None,
    )
    acs.append_user_agent(*user_agent)
    acs.session.close()
    session = session_class()
    session.trust_env = False  # proxies come only from the logic above / the SDK's env read
    session.mount("https://", HTTPAdapter(pool_size, pool_size))
    session.mount("http://", HTTPAdapter(pool_size, pool_size))
    acs.session = session
    return acs
