"""Whether the create wizard may open in the session's region, and how the region is named.

Shared by the wizard (which shows the reason instead of its steps) and the table's `n` key
(which says why instead of opening it).
"""

from __future__ import annotations

from paiws.core.api import N_, DataService
from paiws.screens.errors import read_only_reason
from paiws.screens.session import Session


def create_blocked_reason(service: DataService, session: Session) -> str | None:
    """Why creating is impossible right now, in words for the user; None when it is allowed."""
    if session.read_only:
        return read_only_reason(N_("create a workspace"))
    region = session.region
    state = service.cached_activation(region) if region else None
    if region is None or state is None or state.activated:
        # Not checked yet: the service checks activation itself before any workspace call (R3).
        return None
    if state.status == "purchasable":
        return (
            f"PAI is not activated in {region}. Activate it from the banner (b opens the "
            "purchase page), re-check, then create."
        )
    return (
        f"PAI is not activated in {region}, and this account cannot activate it: ask the "
        "primary account administrator (needs the primary account or pai:CreateOrder)."
    )


def region_label(service: DataService, region: str) -> str:
    for known in service.regions():
        if known.id == region:
            return f"{region} · {known.name}"
    return region
