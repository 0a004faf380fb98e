"""The official credential chain (R1), built from the providers of ``alibabacloud-credentials``.

The chain mirrors the library's ``DefaultCredentialsProvider``: environment -> OIDC (when
configured) -> aliyun CLI profile -> credentials INI -> ECS RAM role -> credentials URI. We build
it ourselves rather than using ``DefaultCredentialsProvider`` because

* the library reads its ``ALIBABA_CLOUD_*`` variables and HOME once, at import time (SPEC §7);
  we read them when resolving, so ``--profile``, tests and a long-running TUI see current values;
* its chain error concatenates every provider's message, and some quote file contents
  (``configparser`` errors include the offending line of an INI file, i.e. possibly a secret).
  We never show a library message: only which place was consulted and the exception *type*;
* ``--profile NAME`` must use that CLI profile only, with a clear error when it is missing.

A :class:`CredentialStatus` says where credentials came from and in which mode; it never holds
key, secret or token material. The secrets themselves live in :class:`ResolvedCredentials`,
fetched from the provider for every request (so refreshed STS credentials are used) and never
rendered by ``repr``.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paiws.core import cli_profile as config
from paiws.core.credentials import ResolvedCredentials
from paiws.core.errors import CredentialsMissing
from paiws.core.i18n import _
from paiws.core.views import CredentialStatus

if TYPE_CHECKING:
    import configparser

ECS_METADATA_HOST = "100.100.100.200"

_INI_MODES = {
    "access_key": "AK",
    "ram_role_arn": "RamRoleArn",
    "ecs_ram_role": "EcsRamRole",
    "oidc_role_arn": "OIDCRoleArn",
    "rsa_key_pair": "RsaKeyPair",
}


# -- the chain ---------------------------------------------------------------------------------


@dataclass
class _Found:
    """A configured source and what the status may say about it (no secrets).

    ``make`` builds the library provider. It runs at the first request, not for the status:
    importing alibabacloud_credentials costs a good part of a second, and the status is what
    the first screen needs. ``verify`` sources (ECS) are asked for credentials right away,
    because only asking tells whether they work.
    """

    make: Callable[[], Any]
    source: str
    mode: str | None
    profile: str | None = None
    verify: bool = False


class _Skip(Exception):
    """A step that is configured but unusable; the message is ours and has no secret."""


_Step = Callable[[], "_Found | None"]


def _env(name: str) -> str:
    return os.environ.get(name, "")


def _to_resolved(creds: Any) -> ResolvedCredentials:
    key_id, secret = creds.get_access_key_id(), creds.get_access_key_secret()
    if not key_id or not secret:
        raise _Skip(_("returned empty credentials"))
    return ResolvedCredentials(key_id, secret, creds.get_security_token())


class _StaticProvider:
    """Keys taken as they are, like the library's StaticAK/StaticSTS providers: it is its own
    credentials object (``get_access_key_id`` & co., as ``_to_resolved`` reads them)."""

    def __init__(self, key_id: str, secret: str, token: str | None) -> None:
        self._values = (key_id, secret, token)

    def __repr__(self) -> str:
        return "<_StaticProvider redacted>"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("credentials cannot be pickled")

    def get_credentials(self) -> _StaticProvider:
        return self

    def get_access_key_id(self) -> str:
        return self._values[0]

    def get_access_key_secret(self) -> str:
        return self._values[1]

    def get_security_token(self) -> str | None:
        return self._values[2]


class ChainCredentials:
    """The official chain. The source is found on the first ``status()`` (files and environment
    only) and remembered; the library provider is built at the first request; ``status(
    refresh=True)`` looks again."""

    def __init__(self, profile: str | None = None) -> None:
        self._explicit_profile = profile or None
        self._lock = threading.Lock()
        self._found: _Found | None = None
        self._provider: Any = None
        self._status: CredentialStatus | None = None

    def __repr__(self) -> str:
        return f"<ChainCredentials profile={self._explicit_profile!r}>"

    def status(self, *, refresh: bool = False) -> CredentialStatus:
        """Where credentials come from. Reads files and the environment only, except for the
        ECS fallback (a quick probe), so it is cheap enough for the first screen."""
        with self._lock:
            if self._status is None or refresh:
                self._provider = None
                self._found, self._status = self._resolve()
            return self._status

    def _current_provider(self) -> tuple[Any, CredentialStatus]:
        status = self.status()
        with self._lock:
            found = self._found
            if found is None:
                raise CredentialsMissing(
                    status.problem or _("No credentials were found."),
                    code="CredentialsMissing",
                )
            if self._provider is None:
                self._provider = _build(found)
            return self._provider, status

    def get(self) -> ResolvedCredentials:
        """Credentials for one request, fetched from the provider each time (it caches and
        refreshes role-based credentials itself)."""
        try:
            provider, status = self._current_provider()
        except CredentialsMissing:
            raise
        except Exception as exc:  # building the provider failed; the message is not ours
            raise CredentialsMissing(
                _("Could not set up credentials from {source} ({kind}).").format(
                    source=self.status().label, kind=type(exc).__name__
                ),
                code="CredentialsUnavailable",
            ) from None
        try:
            return _to_resolved(provider.get_credentials())
        except Exception as exc:  # the library's message may quote a server response
            raise CredentialsMissing(
                _("Could not obtain credentials from {source} ({kind}).").format(
                    source=status.label, kind=type(exc).__name__
                ),
                code="CredentialsUnavailable",
            ) from None

    # -- resolution --------------------------------------------------------------------------

    def _resolve(self) -> tuple[_Found | None, CredentialStatus]:
        profile = config.cli_profile(self._explicit_profile)
        hint = profile.region_id if profile else None
        looked_in: list[str] = []
        problems: list[str] = []
        steps: list[tuple[str, _Step]]
        if self._explicit_profile:
            steps = [(self._cli_label(), self._cli_step)]
        else:
            steps = [
                (_("environment variables ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET"), self._env_step),
                (_("OIDC role (ALIBABA_CLOUD_OIDC_TOKEN_FILE)"), self._oidc_step),
                (self._cli_label(), self._cli_step),
                (
                    _("credentials file {path}").format(path=config.display_path(self._ini_path())),
                    self._ini_step,
                ),
                (_("ECS RAM role (instance metadata)"), self._ecs_step),
                (_("credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)"), self._uri_step),
            ]
        for label, step in steps:
            looked_in.append(label)
            try:
                found = step()
                if found is not None:
                    if found.verify:
                        provider = _build(found)
                        _to_resolved(provider.get_credentials())
                        self._provider = provider
                    return found, CredentialStatus(
                        available=True,
                        source=found.source,
                        profile=found.profile,
                        mode=found.mode,
                        looked_in=tuple(looked_in),
                        region_hint=hint,
                    )
            except _Skip as skip:
                # With --profile there is one place only: its problem is the whole story.
                problems.append(str(skip) if self._explicit_profile else f"{label}: {skip}")
            except Exception as exc:
                problems.append(
                    _("{place}: could not load credentials ({kind})").format(
                        place=label, kind=type(exc).__name__
                    )
                )
        problem = "; ".join(problems) if problems else _("No credentials were found.")
        return None, CredentialStatus(
            available=False,
            source="none",
            profile=self._explicit_profile,
            problem=problem,
            looked_in=tuple(looked_in),
            region_hint=hint,
        )

    def _ini_path(self) -> Path:
        configured = _env("ALIBABA_CLOUD_CREDENTIALS_FILE")
        return (
            Path(configured) if configured else (Path.home() / ".alibabacloud" / "credentials.ini")
        )

    def _cli_label(self) -> str:
        return _("aliyun CLI profile in {path}").format(
            path=config.display_path(config.cli_config_path())
        )

    def _env_step(self) -> _Found | None:
        key_id = _env("ALIBABA_CLOUD_ACCESS_KEY_ID")
        secret = _env("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        token = _env("ALIBABA_CLOUD_SECURITY_TOKEN")
        if not key_id and not secret:
            return None
        if not key_id or not secret:
            raise _Skip(_("only one of the key ID and the secret is set"))
        # Fixed values need no library provider: importing alibabacloud_credentials pulls in
        # aiohttp and requests, most of the time to the first screen.
        provider = _StaticProvider(key_id, secret, token or None)
        return _Found(lambda: provider, "environment", "StsToken" if token else "AK")

    def _oidc_step(self) -> _Found | None:
        names = (
            "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
            "ALIBABA_CLOUD_ROLE_ARN",
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
        )
        token_file, role_arn, provider_arn = (_env(n) for n in names)
        if not (token_file and role_arn and provider_arn):
            return None
        session_name = _env("ALIBABA_CLOUD_ROLE_SESSION_NAME") or None

        def make() -> Any:
            from alibabacloud_credentials.provider import OIDCRoleArnCredentialsProvider

            return OIDCRoleArnCredentialsProvider(
                role_arn=role_arn,
                oidc_provider_arn=provider_arn,
                oidc_token_file_path=token_file,
                role_session_name=session_name,
            )

        return _Found(make, "oidc", "OIDCRoleArn")

    def _cli_step(self) -> _Found | None:
        path = config.cli_config_path()
        shown = config.display_path(path)
        explicit = self._explicit_profile
        if _env("ALIBABA_CLOUD_CLI_PROFILE_DISABLED").lower() == "true":
            if explicit:
                raise _Skip(_("disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED"))
            return None
        try:
            data = config.load_cli_config(path)
        except config.CliConfigError as exc:
            raise _Skip(str(exc)) from None
        if data is None:
            if explicit:
                raise _Skip(
                    _("Profile {name} not found in {path} (the file does not exist).").format(
                        name=explicit, path=shown
                    )
                )
            return None
        name = config.chosen_profile_name(explicit, data)
        if name is None:
            return None
        profile = config.find_profile(data, name)
        if profile is None:
            raise _Skip(_("Profile {name} not found in {path}.").format(name=name, path=shown))
        if not profile.complete:
            raise _Skip(
                _("Profile {name} in {path} has no access key (mode {mode}).").format(
                    name=name, path=shown, mode=profile.mode
                )
            )

        def make() -> Any:
            from alibabacloud_credentials.provider import CLIProfileCredentialsProvider

            return CLIProfileCredentialsProvider(profile_name=name, profile_file=str(path))

        return _Found(make, "cli-profile", profile.mode, profile=name)

    def _ini_step(self) -> _Found | None:
        path = self._ini_path()
        if not path.is_file():
            return None
        import configparser  # here: most users have no INI file, and start-up counts

        section = _env("ALIBABA_CLOUD_PROFILE") or "default"
        parser = configparser.ConfigParser()
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            # configparser's messages quote the offending line, which may hold a secret.
            raise _Skip(_("the file is not valid INI")) from None
        if not parser.has_section(section):
            raise _Skip(_("it has no [{section}] section").format(section=section))
        kind = _ini_value(parser, section, "type")
        if kind == "access_key" and not (
            _ini_value(parser, section, "access_key_id")
            and _ini_value(parser, section, "access_key_secret")
        ):
            raise _Skip(_("its [{section}] section has no access key").format(section=section))

        def make() -> Any:
            from alibabacloud_credentials.provider import ProfileCredentialsProvider

            return ProfileCredentialsProvider(profile_file=str(path), profile_name=section)

        # Only a known type is shown: the file's own text could be anything, even a secret.
        mode = _INI_MODES.get(kind, "unrecognised type") if kind else None
        return _Found(make, "ini-file", mode, profile=section)

    def _ecs_step(self) -> _Found | None:
        if _env("ALIBABA_CLOUD_ECS_METADATA_DISABLED").lower() == "true":
            return None
        if not _metadata_reachable():
            raise _Skip(_("the instance metadata service is not reachable (not an ECS instance)"))
        role_name = _env("ALIBABA_CLOUD_ECS_METADATA") or None

        def make() -> Any:
            from alibabacloud_credentials.provider import EcsRamRoleCredentialsProvider

            # No background refresh thread: we fetch per request and the library refreshes then.
            return EcsRamRoleCredentialsProvider(role_name=role_name, async_update_enabled=False)

        return _Found(make, "ecs-ram-role", "EcsRamRole", verify=True)

    def _uri_step(self) -> _Found | None:
        uri = _env("ALIBABA_CLOUD_CREDENTIALS_URI")
        if not uri:
            return None

        def make() -> Any:
            from alibabacloud_credentials.provider import URLCredentialsProvider

            return URLCredentialsProvider(uri=uri)

        return _Found(make, "credentials-uri", "CredentialsURI")


def _ini_value(parser: configparser.ConfigParser, section: str, key: str) -> str:
    # The library drops everything after '#' in INI values; do the same.
    return parser.get(section, key, fallback="").split("#")[0].strip()


def _metadata_reachable(timeout: float = 0.3) -> bool:
    """A quick TCP connect to the ECS metadata address. Off ECS it fails fast (or after
    ``timeout``) instead of the library's two one-second HTTP attempts."""
    try:
        with socket.create_connection((ECS_METADATA_HOST, 80), timeout=timeout):
            return True
    except OSError:
        return False


def _build(found: _Found) -> Any:
    """Create the library provider, then switch off the loggers its import created."""
    from paiws.core.sdk_safety import silence_loggers

    try:
        return found.make()
    finally:
        silence_loggers()  # the library's 'credentials' logger prints refresh errors
