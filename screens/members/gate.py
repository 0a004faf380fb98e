"""Whether member changes may be offered in the session's region, in one sentence when not:
read-only mode (R14) or PAI not activated there (R3). Refused with words, never silently."""

from __future__ import annotations

from paiws.core.api import DataService, _
from paiws.screens.errors import read_only_reason
from paiws.screens.session import Session


def member_change_blocked(service: DataService, session: Session, action: str) -> str | None:
    """Why ``action`` (a catalogue message marked with ``N_``, e.g. "add workspace members")
    cannot be done now, in the interface language; None when it can."""
    if session.read_only:
        return read_only_reason(action)
    region = session.region
    state = service.cached_activation(region) if region else None
    if region is None or state is None or state.activated:
        return None  # not checked yet: the service checks before any member call (R3)
    return _(
        "PAI is not activated in {region}, so workspace members cannot be changed there. "
        "Activate it (or ask the primary account administrator), re-check, then try again."
    ).format(region=region)
