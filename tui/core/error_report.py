"""Every failure, explained once: what failed, why, and what to do next (R9, R11, R12).

The CLI prints an :class:`ErrorReport` as lines on stderr and the TUI draws the same report in a
panel or a notification, so a sentence of advice exists in exactly one place. Only
:class:`PaiwsError` text is used (the client builds it from a code and a sanitised server
message); any other exception is reduced to its type name, because its text could carry a raw
value from a library.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from paiws.core.errors import (
    AuthFailed,
    CredentialsMissing,
    NameAlreadyExists,
    NetworkError,
    NotActivated,
    PaiwsError,
    PermissionDenied,
    RequestTimeout,
    ServerError,
    Throttled,
)
from paiws.core.exit_codes import ExitCode
from paiws.core.i18n import N_, _
from paiws.core.regions import console_url

# The advice sentences, each in one place. Marked for the catalogue here and translated when a
# report is made (a module constant is built before the language is known).
# R1: how to configure credentials, outside the app (it never asks for a key). The CLI prints
# the sentence; the TUI lists the steps.
CREDENTIALS_STEPS = (
    N_("run `aliyun configure` (or pick another profile with --profile NAME), or"),
    N_(
        "set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET "
        "(plus ALIBABA_CLOUD_SECURITY_TOKEN for STS)."
    ),
)
DEMO_ADVICE = N_("To look around without an account, try `paiws --demo`.")
ADMIN_ADVICE = N_(
    "Ask the primary account administrator to activate PAI in this region "
    "(it needs the primary account or the pai:CreateOrder permission)."
)
POLICY_ADVICE = N_(
    "Ask your administrator to attach this least-privilege RAM policy to your RAM user or role, "
    "then retry."
)
UNEXPECTED_LINK = N_(
    "The server's purchase link was missing or not on an Alibaba Cloud purchase host, so it is "
    "not offered; your account may activate PAI in the PAI console instead:"
)
NETWORK_ADVICE = N_(
    "Check the network and the endpoint (--endpoint or PAIWS_ENDPOINT), then retry."
)
THROTTLE_ADVICE = N_("The API is throttling requests: wait a moment and retry.")


def credentials_advice() -> str:
    steps = " ".join(_(step) for step in CREDENTIALS_STEPS)
    return _("Configure credentials outside paiws: {steps} {demo}").format(
        steps=steps, demo=_(DEMO_ADVICE)
    )


@dataclass(frozen=True)
class ErrorReport:
    """A failure in words a person reads. Nothing in it comes from a raw response."""

    title: str  # e.g. "Permission denied"
    sentence: str  # what happened, one sentence
    advice: tuple[str, ...] = ()  # what to do next, most useful first
    exit_code: ExitCode = ExitCode.ERROR
    code: str | None = None
    request_id: str | None = None
    action: str | None = None  # the RAM action that was refused (R12)
    policy: str | None = None  # the least-privilege RAM policy, JSON, for copying
    purchase_url: str | None = None
    ambiguous: bool = False  # the request may or may not have taken effect (R4)
    expected: bool = True  # False: an internal error, not an answer from the service

    @property
    def policy_summary(self) -> tuple[str, ...]:
        return policy_summary(self.policy) if self.policy else ()

    @property
    def reference(self) -> str:
        """``code X · request Y``, or "" (for support requests)."""
        parts = (
            _("code {code}").format(code=self.code) if self.code else "",
            _("request {id}").format(id=self.request_id) if self.request_id else "",
        )
        return " · ".join(part for part in parts if part)


def explain(error: BaseException) -> ErrorReport:
    """The report for ``error``; never reveals data an unexpected exception may carry."""
    if not isinstance(error, PaiwsError):
        return ErrorReport(
            title=_("Unexpected error"),
            sentence=_(
                "Something went wrong ({kind}); no details are shown, to keep raw data off the "
                "screen."
            ).format(kind=type(error).__name__),
            expected=False,
        )
    advice = [error.hint] if error.hint else []
    extra: dict[str, Any] = {}
    if isinstance(error, PermissionDenied):
        advice = [_("Failed action: {action}").format(action=error.action), _(POLICY_ADVICE)]
        extra = {"action": error.action, "policy": error.policy}
    elif isinstance(error, NotActivated):
        extra = {"purchase_url": error.purchase_url if error.can_purchase else None}
        check_again = _("Then check again: paiws activation --region {region}").format(
            region=error.region
        )
        if error.purchase_url and error.can_purchase:
            advice = [_("Activate PAI here: {url}").format(url=error.purchase_url), check_again]
        elif error.can_purchase:
            advice = [f"{_(UNEXPECTED_LINK)} {console_url(error.region)}", check_again]
        else:
            advice = advice or [_(ADMIN_ADVICE)]
    elif isinstance(error, CredentialsMissing | AuthFailed):
        advice.append(credentials_advice())
    elif isinstance(error, RequestTimeout):
        flag = f"--{error.which}-timeout"
        which = _("connect") if error.which == "connect" else _("read")
        advice = [
            _(
                "The {which} timeout was {seconds} s: raise it with {flag} SECONDS (e.g. {flag} "
                "{example}), or for every command with `aliyun configure set {flag} 30`."
            ).format(
                which=which,
                seconds=f"{error.seconds:g}",
                flag=flag,
                example=f"{max(error.seconds * 2, 30):g}",
            )
        ]
    elif isinstance(error, NetworkError):
        advice = advice or [_(NETWORK_ADVICE)]
    elif isinstance(error, Throttled):
        advice = advice or [_(THROTTLE_ADVICE)]
    return ErrorReport(
        title=_(error.title),
        sentence=error.message,
        advice=tuple(advice),
        exit_code=ExitCode(error.exit_code),
        code=error.code,
        request_id=error.request_id,
        ambiguous=isinstance(error, NetworkError | ServerError)
        and not isinstance(error, NameAlreadyExists),
        **extra,
    )


def policy_summary(policy: str) -> tuple[str, ...]:
    """One line per statement, e.g. "Allow paiworkspace:GetWorkspace, … on *".

    The full JSON (20-odd lines) would push a dialog's buttons off a small terminal; the copy
    key copies it whole.
    """
    try:
        document: Any = json.loads(policy)
        lines = []
        for statement in document["Statement"]:
            actions = statement["Action"]
            actions = [actions] if isinstance(actions, str) else list(actions)
            resource = statement.get("Resource", "*")
            resource = resource if isinstance(resource, str) else ", ".join(resource)
            lines.append(f"{statement.get('Effect', 'Allow')} {', '.join(actions)} on {resource}")
        return tuple(lines)
    except (ValueError, KeyError, TypeError):
        return (" ".join(policy.split()),)
