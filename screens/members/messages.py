"""Worker answers of the members screens (masked view models only, R8/R9); each carries the
generation of the question it answers, as in `paiws.screens.messages`."""

from __future__ import annotations

from paiws.core.api import MemberPage, UserSearch
from paiws.screens.messages import WorkerMessage


class MembersLoaded(WorkerMessage):
    """One page of members; ``first`` replaces what the table showed."""

    def __init__(self, gen: int, page: MemberPage, *, first: bool) -> None:
        super().__init__(gen)
        self.page = page
        self.first = first


class MembersDone(WorkerMessage):
    """Every page of the current question has been delivered."""


class UsersFound(WorkerMessage):
    def __init__(self, gen: int, search: UserSearch) -> None:
        super().__init__(gen)
        self.search = search
