"""The service's private book of people: opaque keys for the user and member IDs it has read.

View models carry a key (``p12``) instead of an ID (R8/R9: screens and printers get masked
values only); when a screen asks for a change, the service looks the real IDs up here. Keys are
handed out in order and mean nothing outside this book (another service, another run). A
person's member ID is kept per workspace: the same user has one in every workspace.
Thread-safe: screens read pages in worker threads.
"""

from __future__ import annotations

import threading

from paiws.core.errors import InvalidInput
from paiws.core.i18n import _


class PeopleBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key_of: dict[str, str] = {}  # user ID -> key
        self._user_of: dict[str, str] = {}  # key -> user ID
        self._members: dict[tuple[str, str], str] = {}  # (workspace ID, user ID) -> member ID

    def __repr__(self) -> str:
        # Never the IDs: a traceback with locals or a debugger would print them.
        return f"<PeopleBook {len(self._user_of)} people>"

    def key(self, user_id: str) -> str:
        """The key for ``user_id`` (the same one every time it is asked)."""
        with self._lock:
            key = self._key_of.get(user_id)
            if key is None:
                key = f"p{len(self._user_of) + 1}"
                self._key_of[user_id] = key
                self._user_of[key] = user_id
            return key

    def user_id(self, key: str) -> str:
        with self._lock:
            user_id = self._user_of.get(key)
        if user_id is None:
            raise InvalidInput(
                _(
                    "paiws does not know that person (their ID could not be read, or the list "
                    "is from an earlier session); refresh the list and pick them again."
                ),
                code="UnknownPerson",
                hint=_("Nothing was sent."),
            )
        return user_id

    def note_member(self, workspace_id: str, user_id: str, member_id: str) -> None:
        with self._lock:
            self._members[(workspace_id, user_id)] = member_id

    def forget_member(self, workspace_id: str, user_id: str) -> None:
        with self._lock:
            self._members.pop((workspace_id, user_id), None)

    def member_id(self, workspace_id: str, user_id: str) -> str | None:
        with self._lock:
            return self._members.get((workspace_id, user_id))
