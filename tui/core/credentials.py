"""Credential resolution (R1) with the official providers of ``alibabacloud-credentials``.

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

import configparser
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from tui.core import config
from tui.core.errors import CredentialsMissing
from tui.core.views import CredentialStatus

SETUP_HINT = (
    "Configure credentials outside paiws: run `aliyun configure`, or set "
    "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET; or try `paiws --demo`."
)
_INI_MODES = {
    "access_key": "AK",
    "ram_role_arn": "RamRoleArn",
    "ecs_ram_role": "EcsRamRole",
    "oidc_role_arn": "OIDCRoleArn",
    "rsa_key_pair": "RsaKeyPair",
}


class ResolvedCredentials:
    """One set of credentials for one request. Never rendered (R9)."""

    __slots__ = ("access_key_id", "access_key_secret", "security_token")

    def __init__(self, access_key_id: str, access_key_secret: str,
                 security_token: str | None = None) -> None:
        self.access_key_id = access_key_id
        self.access_key_secret = access_key_secret
        self.security_token = security_token or None

    def __repr__(self) -> str:
        kind = "sts" if self.security_token else "access key"
        return f"<ResolvedCredentials {kind}, redacted>"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("credentials cannot be pickled")


class CredentialSource(Protocol):
    def status(self, *, refresh: bool = False) -> CredentialStatus: ...
    def get(self) -> ResolvedCredentials: ...


class StaticCredentials:
    """Fixed credentials: tests, ``--demo`` and the emulator (whose demo key is public)."""

    def __init__(self, key_id: str, secret: str, token: str | None = None, *,
                 source: str = "static") -> None:
        self._creds = ResolvedCredentials(key_id, secret, token)
        self._status = CredentialStatus(
            available=True, source=source, mode="StsToken" if token else "AK"
        )

    def status(self, *, refresh: bool = False) -> CredentialStatus:
        return self._status

    def get(self) -> ResolvedCredentials:
        return self._creds

    def __repr__(self) -> str:
        return f"<StaticCredentials {self._status.source}, redacted>"


def static_credentials(key_id: str, secret: str, token: str | None = None, *,
                       source: str = "static") -> StaticCredentials:
    return StaticCredentials(key_id, secret, token, source=source)


# -- the chain ---------------------------------------------------------------------------------


@dataclass
class _Found:
    """A configured provider and what the status may say about it (no secrets)."""

    provider: Any
    source: str
    mode: str | None
    profile: str | None = None


class _Skip(Exception):
    """A step that is configured but unusable; the message is ours and has no secret."""


_Step = Callable[[], "_Found | None"]


def _env(name: str) -> str:
    return os.environ.get(name, "")


def _to_resolved(creds: Any) -> ResolvedCredentials:
    key_id, secret = creds.get_access_key_id(), creds.get_access_key_secret()
    if not key_id or not secret:
        raise _Skip("returned empty credentials")
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
    """The official chain, resolved lazily (the first call may touch the network for role-based
    modes) and remembered; ``status(refresh=True)`` resolves again."""

    def __init__(self, profile: str | None = None) -> None:
        self._explicit_profile = profile or None
        self._lock = threading.Lock()
        self._found: _Found | None = None
        self._status: CredentialStatus | None = None

    def __repr__(self) -> str:
        return f"<ChainCredentials profile={self._explicit_profile!r}>"

    def status(self, *, refresh: bool = False) -> CredentialStatus:
        with self._lock:
            if self._status is None or refresh:
                self._found, self._status = self._resolve()
            return self._status

    def get(self) -> ResolvedCredentials:
        status = self.status()
        found = self._found
        if found is None:
            raise CredentialsMissing(
                status.problem or "No credentials were found.", code="CredentialsMissing",
                hint=SETUP_HINT,
            )
        try:
            return _to_resolved(found.provider.get_credentials())
        except Exception as exc:  # the library's message may quote a server response
            raise CredentialsMissing(
                f"Could not obtain credentials from {status.label} ({type(exc).__name__}).",
                code="CredentialsUnavailable", hint=SETUP_HINT,
            ) from None

    # -- resolution --------------------------------------------------------------------------

    def _resolve(self) -> tuple[_Found | None, CredentialStatus]:
        from tui.core.sdk_safety import silence_loggers

        profile = config.cli_profile(self._explicit_profile)
        hint = profile.region_id if profile else None
        looked_in: list[str] = []
        problems: list[str] = []
        steps: list[tuple[str, _Step]]
        if self._explicit_profile:
            steps = [(self._cli_label(), self._cli_step)]
        else:
            steps = [
                ("environment variables ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET", self._env_step),
                ("OIDC role (ALIBABA_CLOUD_OIDC_TOKEN_FILE)", self._oidc_step),
                (self._cli_label(), self._cli_step),
                (f"credentials file {config.display_path(self._ini_path())}", self._ini_step),
                ("ECS RAM role (instance metadata)", self._ecs_step),
                ("credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)", self._uri_step),
            ]
        try:
            for label, step in steps:
                looked_in.append(label)
                try:
                    found = step()
                    if found is not None:
                        _to_resolved(found.provider.get_credentials())
                        return found, CredentialStatus(
                            available=True, source=found.source, profile=found.profile,
                            mode=found.mode, looked_in=tuple(looked_in), region_hint=hint,
                        )
                except _Skip as skip:
                    # With --profile there is one place only: its problem is the whole story.
                    problems.append(str(skip) if self._explicit_profile else f"{label}: {skip}")
                except Exception as exc:
                    problems.append(f"{label}: could not load credentials ({type(exc).__name__})")
        finally:
            # Providers imported during resolution create loggers that print refresh errors.
            silence_loggers()
        problem = "; ".join(problems) if problems else "No credentials were found."
        return None, CredentialStatus(
            available=False, source="none", profile=self._explicit_profile, problem=problem,
            looked_in=tuple(looked_in), region_hint=hint,
        )

    def _ini_path(self) -> Path:
        configured = _env("ALIBABA_CLOUD_CREDENTIALS_FILE")
        return Path(configured) if configured else (
            Path.home() / ".alibabacloud" / "credentials.ini"
        )

    def _cli_label(self) -> str:
        return f"aliyun CLI profile in {config.display_path(config.cli_config_path())}"

    def _env_step(self) -> _Found | None:
        key_id = _env("ALIBABA_CLOUD_ACCESS_KEY_ID")
        secret = _env("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        token = _env("ALIBABA_CLOUD_SECURITY_TOKEN")
        if not key_id and not secret:
            return None
        if not key_id or not secret:
            raise _Skip("only one of the key ID and the secret is set")
        # Fixed values need no library provider: importing alibabacloud_credentials pulls in
        # aiohttp and requests, most of the time to the first screen.
        provider = _StaticProvider(key_id, secret, token or None)
        return _Found(provider, "environment", "StsToken" if token else "AK")

    def _oidc_step(self) -> _Found | None:
        names = ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_ROLE_ARN",
                 "ALIBABA_CLOUD_OIDC_PROVIDER_ARN")
        token_file, role_arn, provider_arn = (_env(n) for n in names)
        if not (token_file and role_arn and provider_arn):
            return None
        from alibabacloud_credentials.provider import OIDCRoleArnCredentialsProvider

        return _Found(OIDCRoleArnCredentialsProvider(
            role_arn=role_arn, oidc_provider_arn=provider_arn, oidc_token_file_path=token_file,
            role_session_name=_env("ALIBABA_CLOUD_ROLE_SESSION_NAME") or None,
        ), "oidc", "OIDCRoleArn")

    def _cli_step(self) -> _Found | None:
        path = config.cli_config_path()
        shown = config.display_path(path)
        explicit = self._explicit_profile
        if _env("ALIBABA_CLOUD_CLI_PROFILE_DISABLED").lower() == "true":
            if explicit:
                raise _Skip("disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED")
            return None
        try:
            data = config.load_cli_config(path)
        except config.CliConfigError as exc:
            raise _Skip(str(exc)) from None
        if data is None:
            if explicit:
                raise _Skip(f"Profile {explicit} not found in {shown} (the file does not exist).")
            return None
        name = config.chosen_profile_name(explicit, data)
        if name is None:
            return None
        profile = config.find_profile(data, name)
        if profile is None:
            raise _Skip(f"Profile {name} not found in {shown}.")
        from alibabacloud_credentials.provider import CLIProfileCredentialsProvider

        provider = CLIProfileCredentialsProvider(profile_name=name, profile_file=str(path))
        return _Found(provider, "cli-profile", profile.mode, profile=name)

    def _ini_step(self) -> _Found | None:
        path = self._ini_path()
        if not path.is_file():
            return None
        section = _env("ALIBABA_CLOUD_PROFILE") or "default"
        parser = configparser.ConfigParser()
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            # configparser's messages quote the offending line, which may hold a secret.
            raise _Skip("the file is not valid INI") from None
        if not parser.has_section(section):
            raise _Skip(f"it has no [{section}] section")
        kind = parser.get(section, "type", fallback="").split("#")[0].strip()
        from alibabacloud_credentials.provider import ProfileCredentialsProvider

        provider = ProfileCredentialsProvider(profile_file=str(path), profile_name=section)
        return _Found(provider, "ini-file", _INI_MODES.get(kind, kind or None), profile=section)

    def _ecs_step(self) -> _Found | None:
        if _env("ALIBABA_CLOUD_ECS_METADATA_DISABLED").lower() == "true":
            return None
        from alibabacloud_credentials.provider import EcsRamRoleCredentialsProvider

        try:
            # No background refresh thread: we fetch per request and the library refreshes then.
            provider = EcsRamRoleCredentialsProvider(
                role_name=_env("ALIBABA_CLOUD_ECS_METADATA") or None, async_update_enabled=False,
            )
        except ValueError:  # disabled by the environment the library saw at import time
            return None
        return _Found(provider, "ecs-ram-role", "EcsRamRole")

    def _uri_step(self) -> _Found | None:
        uri = _env("ALIBABA_CLOUD_CREDENTIALS_URI")
        if not uri:
            return None
        from alibabacloud_credentials.provider import URLCredentialsProvider

        return _Found(URLCredentialsProvider(uri=uri), "credentials-uri", "CredentialsURI")
