"""What screens need from the application, without importing it: the one way to reach the data
service and the session (`paiws.app.PaiwsApp` implements it)."""

from __future__ import annotations

from typing import Protocol, cast

from textual.dom import DOMNode

from paiws.core.api import CredentialStatus, DataService
from paiws.screens.session import LiveRefresh, Session


class Host(Protocol):
    @property
    def service(self) -> DataService: ...
    @property
    def session(self) -> Session: ...
    @property
    def credentials(self) -> CredentialStatus: ...
    @property
    def cursor_blink(self) -> bool: ...
    @property
    def live_refresh(self) -> LiveRefresh: ...


def host_of(node: DOMNode) -> Host:
    return cast(Host, node.app)
