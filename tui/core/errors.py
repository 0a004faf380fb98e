"""A small typed error hierarchy. Messages are built from an error code and a trimmed
server message only, never from a raw response body (R9)."""

from __future__ import annotations

from paiws.core.exit_codes import ExitCode
from paiws.core.i18n import N_, _

MESSAGE_LIMIT = 200


def trim(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Collapse whitespace, strip control characters and cap the length of a message.

    The input is cut first, so the work is bounded however long the text is. Server text goes
    through ``paiws.core.server_text.untrusted``, which masks and scrubs before calling this."""
    text = text[: max(limit * 10, 2000)]
    cleaned = "".join(ch if ch.isprintable() else " " for ch in text)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


class PaiwsError(Exception):
    """Base class. `str()` is one clear sentence; `hint` says what to do next."""

    exit_code: ExitCode = ExitCode.ERROR
    title = N_("Request failed")

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        request_id: str | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.request_id = request_id
        self.hint = hint

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class InvalidInput(PaiwsError):
    """Rejected locally; nothing was sent."""

    exit_code = ExitCode.USAGE
    title = N_("Invalid input")


class ReadOnlyMode(PaiwsError):
    exit_code = ExitCode.USAGE
    title = N_("Read-only mode")

    @classmethod
    def refusing(cls, action: str) -> ReadOnlyMode:
        """The one sentence for every change refused with --read-only (CLI and TUI)."""
        return cls(
            _("Refusing to {action}: paiws is in read-only mode (--read-only).").format(
                action=_(action)
            ),
            code="ReadOnly",
            hint=_("Start paiws without --read-only to make changes."),
        )


class NotActivated(PaiwsError):
    exit_code = ExitCode.NOT_ACTIVATED
    title = N_("PAI is not activated")

    def __init__(
        self,
        message: str,
        *,
        region: str,
        purchase_url: str | None,
        can_purchase: bool,
        hint: str = "",
    ) -> None:
        super().__init__(message, code="NotActivated", hint=hint)
        self.region = region
        self.purchase_url = purchase_url
        self.can_purchase = can_purchase


class NotFound(PaiwsError):
    exit_code = ExitCode.NOT_FOUND
    title = N_("Workspace not found")

    def __init__(self, workspace_id: str, *, request_id: str | None = None) -> None:
        super().__init__(
            _("Workspace {id} does not exist.").format(id=workspace_id),
            code="100400027",
            request_id=request_id,
            hint=_("Check the ID and the region, or look up another ID."),
        )
        self.workspace_id = workspace_id


class MemberNotFound(PaiwsError):
    """A person is not a member of the workspace (404 ``MemberNotFound``, or a check found no
    such member): exit 4, like a missing workspace (SPEC §4)."""

    exit_code = ExitCode.NOT_FOUND
    title = N_("Member not found")


class UserNotFound(PaiwsError):
    """The account has no such user to add (400 ``UserNotFound``): exit 4, "not found"."""

    exit_code = ExitCode.NOT_FOUND
    title = N_("User not found")


class MemberAlreadyExists(PaiwsError):
    """CreateMember named someone who is a member already (a race after the check)."""

    title = N_("Already a member")


class PermissionDenied(PaiwsError):
    exit_code = ExitCode.PERMISSION
    title = N_("Permission denied")

    def __init__(
        self,
        message: str,
        *,
        action: str,
        policy: str,
        code: str | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(
            message,
            code=code,
            request_id=request_id,
            hint=_("Ask your administrator to attach this RAM policy, then retry."),
        )
        self.action = action
        self.policy = policy


class CredentialsMissing(PaiwsError):
    exit_code = ExitCode.CREDENTIALS
    title = N_("No credentials")


class AuthFailed(PaiwsError):
    exit_code = ExitCode.CREDENTIALS
    title = N_("Credentials rejected")

    @property
    def expired(self) -> bool:
        """An STS token that was valid and has run out: new credentials fix it."""
        return (self.code or "").startswith("InvalidSecurityToken.Expired")


class NetworkError(PaiwsError):
    exit_code = ExitCode.NETWORK
    title = N_("Network error")


class RequestTimeout(NetworkError):
    title = N_("Timed out")

    def __init__(self, message: str, *, which: str, seconds: float, hint: str = "") -> None:
        super().__init__(message, code=f"{which.capitalize()}Timeout", hint=hint)
        self.which = which  # "connect" or "read"
        self.seconds = seconds


class Throttled(PaiwsError):
    title = N_("Throttled")


class InvalidParameter(PaiwsError):
    """The server rejected a parameter (400 InvalidParameter)."""

    title = N_("Invalid parameter")


class NameAlreadyExists(PaiwsError):
    title = N_("Name already exists")


class ServerError(PaiwsError):
    title = N_("Server error")


class MalformedResponse(PaiwsError):
    title = N_("Malformed response")


class ResponseTooLarge(MalformedResponse):
    """The response exceeded the size cap (after decompression); nothing of it was used."""

    title = N_("Response too large")
