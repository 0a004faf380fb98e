"""Request parameter parsing with the service's strictness: bad values are 400 InvalidParameter.

Enum values are case-sensitive (``enabled`` is rejected); booleans are ``true``/``false`` as
aliyun-python-sdk-core users write them or ``True``/``False`` as the tea SDK sends them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from paiws.emulator.errors import invalid_parameter

_TRUE = ("true", "True")
_FALSE = ("false", "False")


def boolean(query: Mapping[str, str], name: str, default: bool = False) -> bool:
    value = query.get(name)
    if value is None or value == "":
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise invalid_parameter(f"The parameter {name} must be true or false.")


def integer(
    query: Mapping[str, str], name: str, default: int, *, low: int, high: int | None = None
) -> int:
    value = query.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise invalid_parameter(f"The parameter {name} must be an integer.") from None
    if number < low or (high is not None and number > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise invalid_parameter(f"The parameter {name} must be {bound}.")
    return number


def enum(
    query: Mapping[str, str], name: str, allowed: Sequence[str], default: str | None
) -> str | None:
    value = query.get(name)
    if value is None or value == "":
        return default
    if value not in allowed:
        raise invalid_parameter(
            f"The parameter {name} is invalid: expected one of {', '.join(allowed)}."
        )
    return value


def comma_list(query: Mapping[str, str], name: str) -> list[str] | None:
    value = query.get(name)
    if value is None or value == "":
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def json_body(body: bytes) -> dict[str, Any]:
    """The JSON object of a POST/PUT body; an empty body is an empty object."""
    if not body.strip():
        return {}
    try:
        parsed = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise invalid_parameter("The request body must be a JSON object.") from None
    if not isinstance(parsed, dict):
        raise invalid_parameter("The request body must be a JSON object.")
    return parsed


def optional_str(body: Mapping[str, Any], name: str) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise invalid_parameter(f"The parameter {name} must be a string.")
    return value
