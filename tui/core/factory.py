"""Build a :class:`WorkspaceService` for the real cloud or for the emulator.

Nothing here touches the network or imports the SDK: credentials are resolved on first use, so
a missing credential never raises here; ``credential_status().available`` says so and API calls
raise ``CredentialsMissing``. ``--demo`` is :func:`paiws.demo.demo_service`: an emulator service
whose emulator starts at the first request.
"""

from __future__ import annotations

from collections.abc import Callable

from paiws.core.cli_profile import cli_profile
from paiws.core.client import WorkspaceClient
from paiws.core.credential_chain import ChainCredentials
from paiws.core.credentials import static_credentials
from paiws.core.endpoint import LazyEndpoint, endpoint_override, parse_endpoint
from paiws.core.options import Options
from paiws.core.retry import FAST_RETRY, RetryPolicy
from paiws.core.service import WorkspaceService
from paiws.core.timeouts import resolve_timeouts

FAST_POLL_INTERVAL = 0.02


def build_service(options: Options) -> WorkspaceService:
    """The real service: official credential chain, endpoint policy (R10), timeouts (R11).

    Raises ``InvalidInput`` for a refused endpoint (e.g. ``http://`` to a non-loopback host) or
    an invalid timeout flag, before any request.
    """
    override = endpoint_override(options)
    endpoint = parse_endpoint(override) if override else None
    timeouts = resolve_timeouts(options, cli_profile(options.profile))
    client = WorkspaceClient(
        ChainCredentials(options.profile),
        endpoint=endpoint,
        vpc=options.vpc,
        timeouts=timeouts,
        retry=RetryPolicy(),
    )
    return WorkspaceService(client, read_only=options.read_only, is_demo=False)


def emulator_service(
    base_url: str | Callable[[], str],
    *,
    access_key_id: str = "paiws-demo",
    access_key_secret: str = "paiws-demo-secret",
    security_token: str | None = None,
    read_only: bool = False,
    is_demo: bool = False,
    fast: bool = True,
    connect_timeout: float | None = None,
    read_timeout: float | None = None,
) -> WorkspaceService:
    """A service bound to an emulator at ``base_url`` (loopback; http allowed) with static keys.

    ``base_url`` may be a function: it is called at the first request (the demo starts its
    emulator then).

    ``fast``: millisecond retry backoff and create polling, for tests. The demo key pair is
    public (not a secret).
    """
    options = Options(connect_timeout=connect_timeout, read_timeout=read_timeout)
    credentials = static_credentials(
        access_key_id, access_key_secret, security_token, source="demo" if is_demo else "static"
    )
    client = WorkspaceClient(
        credentials,
        endpoint=LazyEndpoint(base_url) if callable(base_url) else parse_endpoint(base_url),
        timeouts=resolve_timeouts(options),
        retry=FAST_RETRY if fast else RetryPolicy(),
    )
    return WorkspaceService(
        client,
        read_only=read_only,
        is_demo=is_demo,
        poll_interval=FAST_POLL_INTERVAL if fast else 1.0,
    )
