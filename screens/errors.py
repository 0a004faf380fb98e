"""Failures in the TUI: the core's explanation (`paiws.core.api.explain`, shared with the CLI)
drawn as a panel text or a notification, and routed to the screen a kind of error deserves
(rejected credentials, the permission panel with its RAM policy, R12).

Only `PaiwsError` text is ever shown (built from a code and a sanitised server message by the
core); for anything else only its type name. Sentences are in the interface language; a
``purpose`` ("load the workspaces") is a catalogue message, marked with ``N_`` where the call
is made and translated here.
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
    _,
    explain,
    sentences,
)
from paiws.screens.widgets.wording import headed

COPY_KEY = "y"  # copies the RAM policy (or the ID) wherever an error offers something to copy


def error_body(error: BaseException, *, purpose: str) -> Text:
    """The explanation as a panel text: what failed, why, what to do next.

    ``purpose`` names the failed step in the user's words, e.g. ``N_("load the workspaces")``.
    """
    report = explain(error)
    template = _("Could not {purpose}: {title}")
    text = headed(template, "title", report.title, style="bold", purpose=_(purpose))
    text.append("\n")
    text.append(report.sentence)
    if report.action:
        failed = _("Failed action: {action}")
        text.append_text(headed(failed, "action", report.action, style="bold", lead="\n"))
    if report.policy:
        heading = _("Least-privilege RAM policy ({key} copies the JSON):").format(key=COPY_KEY)
        text.append("\n" + heading + "\n", style="bold")
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
    parts = [_("Could not {purpose}.").format(purpose=_(purpose)), report.sentence, *report.advice]
    if retry:
        parts.append(_("Press r to retry."))
    severity: SeverityLevel = "warning" if isinstance(error, Throttled | NetworkError) else "error"
    # markup=False: the sentence may quote a (sanitised) server message containing brackets.
    app.notify("\n".join(parts), title=report.title, severity=severity, markup=False, timeout=8)


def read_only_reason(action: str) -> str:
    """The one sentence for a change refused in read-only mode (the service's own)."""
    refusal = ReadOnlyMode.refusing(action)
    return sentences(refusal.message, refusal.hint)
