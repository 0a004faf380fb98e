"""An opaque holder for raw API data. It never renders its contents (repr/str/format),
so a log line, an exception message or a traceback with locals cannot print them (R9)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


class Raw(Mapping[str, Any]):
    """Read-only view of one decoded JSON object from the API."""

    __slots__ = ("_data", "operation")

    def __init__(self, data: Mapping[str, Any], operation: str = "") -> None:
        self._data = data
        self.operation = operation

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"<Raw {self.operation or 'response'}: {len(self._data)} fields, redacted>"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __reduce__(self) -> Any:
        raise TypeError("raw API data cannot be pickled")
