"""Neutralise the logging leaks of the Alibaba Cloud libraries and of our own sending (R9).

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
handlers (pytest's caplog, a user's ``basicConfig(level=DEBUG)``) or ``lastResort``. (The SDK's
sending path, where the body and header dumps live, is no longer used: ``paiws.core.signing``
only signs. The SDK modules imported for signing still create these loggers.)

urllib3, which sends our requests (``paiws.core.transport``), logs each request target at
DEBUG, and the query may hold user IDs. It is shared with whatever else runs in the process, so
it is not switched off: a filter drops only the records made while a paiws request is being
sent in the current thread or task (``SENDING``).
"""

from __future__ import annotations

import logging
import threading
from contextvars import ContextVar

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
    """Import the parts of aliyunsdkcore we use and switch off their leaks. Idempotent.

    ``aliyunsdkcore.client`` (AcsClient, 20 ms of imports) is not imported: nothing here uses
    it, and loggers it creates later inherit the silenced top logger's level."""
    # Imported here so that merely importing paiws does not pay the SDK's import time. These
    # are the modules paiws.core.signing uses (they create the loggers silenced below), plus
    # http_response, whose DEBUG=sdk dump is disarmed in case anything else sends through it.
    import aliyunsdkcore.auth.signers.access_key_signer
    import aliyunsdkcore.auth.signers.sts_token_signer
    import aliyunsdkcore.request  # noqa: F401
    from aliyunsdkcore.http import http_response

    http_response.HttpResponse.do_http_debug = _no_http_debug
    silence_loggers()


# True while this thread (or task) is sending a paiws request; set by paiws.core.transport.
SENDING: ContextVar[bool] = ContextVar("paiws_sending", default=False)


class DropWhileSending(logging.Filter):
    """Refuse urllib3's records about our own requests; others pass untouched."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not SENDING.get()


_DROP_SENDING = DropWhileSending()


def quiet_urllib3_for_our_requests() -> None:
    """Add the filter to every urllib3 logger (filters do not apply to child loggers' records,
    so each one gets it). Idempotent; call after urllib3 is imported."""
    import urllib3  # noqa: F401  (imports the modules whose loggers are filtered)

    with _lock:
        manager = logging.Logger.manager
        names = [n for n in list(manager.loggerDict) if n == "urllib3" or n.startswith("urllib3.")]
        for name in names:
            logger = logging.getLogger(name)
            if not any(isinstance(f, DropWhileSending) for f in logger.filters):
                logger.addFilter(_DROP_SENDING)
                _quiet_while_sending(logger)


def _quiet_while_sending(logger: logging.Logger) -> None:
    """No record is even made about our own requests: a filter runs after the record exists,
    and urllib3's DEBUG line ("GET /path?query HTTP/1.1") of a member call holds user and
    member IDs (R8/R9) that a record factory or a patched makeRecord would see. Others'
    records are made (and kept) as before."""
    enabled = logger.isEnabledFor

    def enabled_unless_sending(level: int) -> bool:
        return not SENDING.get() and enabled(level)

    # An instance attribute shadows the method for this logger only; Logger.debug/info/...
    # ask it before making a record.
    logger.isEnabledFor = enabled_unless_sending  # type: ignore[method-assign]
