"""R3: PAI's activation per region, asked once per run (ListProducts) and cached.

Concurrent first questions about one region make one request, not several; workspace calls in a
region that is not activated are refused with :class:`NotActivated` without another request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from paiws.core.errors import NotActivated
from paiws.core.i18n import _
from paiws.core.views import ActivationState

Check = Callable[[str], ActivationState]


class ActivationCache:
    def __init__(self, check: Check) -> None:
        self._check = check
        self._states: dict[str, ActivationState] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def state(self, region: str, *, recheck: bool = False) -> ActivationState:
        with self._lock(region):
            state = self._states.get(region)
            if state is None or recheck:
                state = self._check(region)
                self._states[region] = state
            return state

    def cached(self, region: str) -> ActivationState | None:
        return self._states.get(region)

    def require(self, region: str) -> None:
        """Return if PAI is activated in ``region``; else raise what the user can do about it."""
        state = self.state(region)
        if not state.activated:
            raise not_activated(state)

    def _lock(self, region: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(region, threading.Lock())


def not_activated(state: ActivationState) -> NotActivated:
    region = state.region
    if state.status == "purchasable":
        return NotActivated(
            _(
                "PAI is not activated in {region}. Activate it on the purchase page, then re-check."
            ).format(region=region),
            region=region,
            purchase_url=state.purchase_url,
            can_purchase=True,
            hint=_("Open the purchase page, activate PAI, then re-check."),
        )
    return NotActivated(
        _("PAI is not activated in {region}, and these credentials cannot activate it.").format(
            region=region
        ),
        region=region,
        purchase_url=None,
        can_purchase=False,
        hint=_(
            "Ask the primary account administrator to activate PAI (it needs the primary "
            "account or the pai:CreateOrder permission), then re-check."
        ),
    )
