"""Failures in the TUI: the core's explanation (`paiws.core.api.explain`, shared with the CLI)
drawn as a panel text or a notification, and routed to the screen a kind of error deserves
(rejected credentials, the permission panel with its RAM policy, R12).

Only `PaiwsError` text is ever shown (built from a code and a sanitised server message by the
core); for anything else only its type name.
"""

from __future__ import annotations

from rich.text import Text
from textual.dom import DOMNode
from textual.notifications import SeverityLevel

from paiws.core.api import (
    AuthFailed,
    CredentialsMissing,
    ErrorReport,
    NetworkError,
    PermissionDenied,
    ReadOnlyMode,
    Throttled,
    explain,
)

COPY_KEY = "y"  # copies the RAM policy (or the ID) wherever an error offers something to copy


def error_body(error: BaseException, *, purpose: str) -> Text:
    """The explanation as a panel text: what failed, why, what to do next.

    ``purpose`` names the failed step in the user's words, e.g. "load the workspaces".
    """
    report = explain(error)
    text = Text()
    text.append(f"Could not {purpose}: ", style="bold")
    text.append(report.title)
    text.append("\n")
    text.append(report.sentence)
    if report.action:
        text.append("\nFailed action: ", style="bold")
        text.append(report.action)
    if report.policy:
        text.append(f"\nLeast-privilege RAM policy ({COPY_KEY} copies the JSON):\n", style="bold")
        text.append("\n".join(report.policy_summary), style="italic")
    for line in _advice(report):
        text.append("\n")
        text.append(line, style="italic")
    if report.reference:
        text.append(f"\n{report.reference}", style="dim")
    return text


def _advice(report: ErrorReport) -> tuple[str, ...]:
    # The permission advice is the policy block itself here; the failed action has its line.
    if report.policy:
        return ()
    return report.advice


def report_error(node: DOMNode, error: BaseException, *, purpose: str, retry: bool = True) -> None:
    """Show an error that came back from a worker, the right way for its kind."""
    from paiws.screens.credentials_rejected import CredentialsRejectedScreen
    from paiws.screens.permission_error import PermissionErrorScreen

    app = node.app
    if isinstance(error, AuthFailed | CredentialsMissing):
        if not isinstance(app.screen, CredentialsRejectedScreen):
            app.push_screen(CredentialsRejectedScreen(error))
        return
    if isinstance(error, PermissionDenied):
        if not isinstance(app.screen, PermissionErrorScreen):
            app.push_screen(PermissionErrorScreen(error, purpose=purpose))
        return
    report = explain(error)
    parts = [f"Could not {purpose}.", report.sentence, *report.advice]
    if retry:
        parts.append("Press r to retry.")
    severity: SeverityLevel = "warning" if isinstance(error, Throttled | NetworkError) else "error"
    # markup=False: the sentence may quote a (sanitised) server message containing brackets.
    app.notify("\n".join(parts), title=report.title, severity=severity, markup=False, timeout=8)


def read_only_reason(action: str) -> str:
    """The one sentence for a change refused in read-only mode (the service's own)."""
    refusal = ReadOnlyMode.refusing(action)
    return f"{refusal.message} {refusal.hint}"
