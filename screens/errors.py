"""Turning failures into calm, safe UI: notifications, the permission panel, the rejected-
credentials screen. Only `PaiwsError` text is shown (built from code + trimmed message by the
core, so it is safe by construction); for any other exception only its type name is shown.
"""

from __future__ import annotations

from typing import Any

from paiws.core.errors import (
    AuthFailed,
    CredentialsMissing,
    NetworkError,
    PaiwsError,
    PermissionDenied,
    Throttled,
)
from paiws.screens.credentials_rejected import CredentialsRejectedScreen
from paiws.screens.permission_error import PermissionErrorScreen
from textual.notifications import SeverityLevel
from textual.screen import Screen


def describe(error: BaseException) -> tuple[str, str, str]:
    """(title, sentence, hint) for an error, never revealing data it may carry."""
    if isinstance(error, PaiwsError):
        return error.title, str(error), error.hint
    kind = type(error).__name__
    return (
        "Unexpected error",
        f"Something went wrong ({kind}).",
        "The app keeps running; press r to retry.",
    )


def error_text(error: BaseException, *, purpose: str) -> str:
    """A multi-line plain-text explanation for inline error panels."""
    title, sentence, hint = describe(error)
    lines = [f"Could not {purpose}: {title}.", sentence]
    if hint:
        lines.append(hint)
    return "\n".join(lines)


def report_error(
    screen: Screen[Any], error: BaseException, *, purpose: str, retry: bool = True
) -> None:
    """Show an error that came back from a worker, the right way for its kind."""
    app = screen.app
    if isinstance(error, AuthFailed | CredentialsMissing):
        if not isinstance(app.screen, CredentialsRejectedScreen):
            app.push_screen(CredentialsRejectedScreen(error))
        return
    if isinstance(error, PermissionDenied):
        if not isinstance(app.screen, PermissionErrorScreen):
            app.push_screen(PermissionErrorScreen(error, purpose=purpose))
        return
    title, sentence, hint = describe(error)
    parts = [f"Could not {purpose}.", sentence]
    if hint:
        parts.append(hint)
    if retry:
        parts.append("Press r to retry.")
    severity: SeverityLevel = "warning" if isinstance(error, Throttled | NetworkError) else "error"
    # markup=False: the sentence may quote a (trimmed) server message containing brackets.
    app.notify("\n".join(parts), title=title, severity=severity, markup=False, timeout=8)
