"""Decoding the API's JSON: every string comes out encodable (R9).

``"ws\\ud800x"`` is valid JSON, and Python decodes it to a ``str`` holding a lone surrogate,
which then fails much later in whatever encodes it (a printer, the clipboard, a CSV writer).
Paired escapes (``\\ud83d\\ude00``) are combined by the decoder, so any surrogate left in a
decoded string is unpaired: each becomes U+FFFD here, once, in keys and values at any depth.
Encoded text cannot carry a surrogate (the codecs refuse it), so only a body with a
``\\uD8xx``-``\\uDFxx`` escape needs the walk.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def decode_json(content: bytes) -> Any:
    """``json.loads`` with unpaired surrogates replaced. Raises ``ValueError`` (which
    includes ``UnicodeDecodeError``) or ``RecursionError`` for a body that is not JSON."""
    text = content.decode(json.detect_encoding(content))  # what json.loads(bytes) does
    data = json.loads(text)
    if _SURROGATE_ESCAPE.search(text) is None:
        return data
    return encodable(data)


def encodable_text(text: str) -> str:
    return text if text.isascii() else _SURROGATE.sub(REPLACEMENT, text)


def encodable(data: Any) -> Any:
    """``data`` with every string (keys included) made encodable; containers are fixed in place,
    iteratively, so a deeply nested body cannot exhaust the stack."""
    if isinstance(data, str):
        return encodable_text(data)
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, str):
                    node[index] = encodable_text(value)
                elif isinstance(value, dict | list):
                    stack.append(value)
        elif isinstance(node, dict):
            if not all(key.isascii() for key in node):
                items = list(node.items())
                node.clear()
                node.update((encodable_text(key), value) for key, value in items)
            for key, value in list(node.items()):
                if isinstance(value, str):
                    node[key] = encodable_text(value)
                elif isinstance(value, dict | list):
                    stack.append(value)
    return data
