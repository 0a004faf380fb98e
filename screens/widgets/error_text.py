"""Turn a service error into what a person reads: what failed, why, what to do next.

Only `PaiwsError` messages are shown: the core builds them from an error code and a trimmed
server message (R9). Anything else is reduced to its type name, because its text could carry
a raw value from a library.
"""

from __future__ import annotations

import json
from typing import Any

from paiws.core.errors import NetworkError, PaiwsError, PermissionDenied, ServerError
from rich.text import Text


def error_title(err: BaseException) -> str:
    return err.title if isinstance(err, PaiwsError) else "Unexpected error"


def error_text(err: BaseException, *, doing: str, fallback_policy: str = "") -> Text:
    """`doing` names the failed step in the user's words, e.g. "Creating the workspace".

    `fallback_policy` (the service's `ram_policy()`) is shown when the error carries none.
    """
    text = Text()
    text.append(f"{doing} failed: ", style="bold")
    text.append(error_title(err))
    text.append("\n")
    if not isinstance(err, PaiwsError):
        text.append(f"{type(err).__name__}; no details are shown to keep raw data off the screen.")
        return text
    text.append(err.message)
    if isinstance(err, PermissionDenied):
        text.append("\nFailed action: ", style="bold")
        text.append(err.action)
        text.append("\nLeast-privilege RAM policy (y copies the JSON):\n", style="bold")
        text.append(policy_summary(err.policy or fallback_policy), style="italic")
    if err.hint:
        text.append("\n")
        text.append(err.hint, style="italic")
    if err.code or err.request_id:
        tail = " · ".join(
            part
            for part in (
                f"code {err.code}" if err.code else "",
                f"request {err.request_id}" if err.request_id else "",
            )
            if part
        )
        text.append(f"\n{tail}", style="dim")
    return text


def policy_summary(policy: str) -> str:
    """One line per statement, e.g. "Allow paiworkspace:GetWorkspace, … on *".

    The full JSON (20-odd lines) would push a dialog's buttons off a small terminal; `y`
    copies it whole.
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
        return "\n".join(lines)
    except (ValueError, KeyError, TypeError):
        return " ".join(policy.split())


def copy_text_for(err: BaseException, *, fallback_policy: str = "") -> str | None:
    """What `y` copies for this error: the RAM policy for a permission error, else nothing."""
    if isinstance(err, PermissionDenied):
        return err.policy or fallback_policy or None
    return None


def is_ambiguous(err: BaseException) -> bool:
    """A network failure, timeout or 5xx: the request may or may not have taken effect (R4)."""
    return isinstance(err, NetworkError | ServerError)
