"""The user interface's language: one gettext catalogue for every string a person reads.

English is the source language (the msgids); Simplified Chinese lives in
``assets/locale/zh_CN/LC_MESSAGES/paiws.po`` (compiled to ``paiws.mo`` next to it). The language
comes from ``--lang en|zh-CN``, then ``PAIWS_LANG``, then ``LC_ALL``/``LC_MESSAGES``/``LANG``
(``zh_CN.UTF-8`` → Chinese), else English.

Machine interfaces never go through here: JSON and CSV keys and values, statuses, role codes,
exit codes stay as they are in every language. Strings fixed at import time (binding
descriptions, tables of words) are marked with :func:`N_` and translated where they are shown.
"""

from __future__ import annotations

import gettext
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

DOMAIN = "paiws"
LANGUAGES: dict[str, str] = {"en": "English", "zh-CN": "简体中文"}
ENV_LANG = "PAIWS_LANG"
_LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")

_lock = threading.Lock()
_current: tuple[str, gettext.NullTranslations] | None = None
_ENGLISH = gettext.NullTranslations()
_local = threading.local()  # .english: True inside english() on this thread

P = ParamSpec("P")
T = TypeVar("T")


def normalise(code: str | None) -> str | None:
    """``zh_CN.UTF-8``, ``zh-cn``, ``zh_Hans``, ``zh`` → ``zh-CN``; ``en_US`` → ``en``; or None."""
    if not code:
        return None
    base = code.split(".")[0].split("@")[0].replace("_", "-").lower()
    if base in ("c", "posix", ""):
        return None
    if base.startswith("zh"):
        return "zh-CN" if base in ("zh", "zh-cn", "zh-hans", "zh-sg", "zh-hans-cn") else None
    if base.startswith("en"):
        return "en"
    return None


def choose(flag: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to use: the flag, then ``PAIWS_LANG``, then the locale, else English.

    An explicit choice that paiws does not offer falls back to English; the locale variables
    are looked at in POSIX order (the first one set wins, as the C library does).
    """
    env = os.environ if environ is None else environ
    for explicit in (flag, env.get(ENV_LANG)):
        if explicit:
            return normalise(explicit) or "en"
    for name in _LOCALE_ENV:
        value = env.get(name)
        if value:
            return normalise(value) or "en"
    return "en"


def flag_in(argv: Sequence[str]) -> str | None:
    """``--lang X`` or ``--lang=X`` anywhere in ``argv`` (read before argparse builds the help,
    which must already be in the chosen language)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def _catalogue(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    from paiws.paths import asset_path

    return gettext.translation(
        DOMAIN,
        localedir=str(asset_path("locale")),
        languages=[language.replace("-", "_")],
        fallback=True,
    )


def use(language: str) -> None:
    """Switch the whole process to ``language`` (``en`` or ``zh-CN``)."""
    global _current
    with _lock:
        _current = (language, _catalogue(language))


def language() -> str:
    return _active()[0]


def _active() -> tuple[str, gettext.NullTranslations]:
    global _current
    if _current is None:
        with _lock:
            if _current is None:
                chosen = choose()
                _current = (chosen, _catalogue(chosen))
    return _current


@contextmanager
def english() -> Iterator[None]:
    """English inside, on this thread only, whatever the interface language: for sentences
    that are machine output (a JSON value such as an overview row's ``Error``)."""
    before = getattr(_local, "english", False)
    _local.english = True
    try:
        yield
    finally:
        _local.english = before


def carried(function: Callable[P, T]) -> Callable[P, T]:
    """``function``, to run on another thread in this thread's language: inside
    :func:`english` here, inside it there too (a thread pool does not inherit it)."""
    if not getattr(_local, "english", False):
        return function

    def in_english(*args: P.args, **kwargs: P.kwargs) -> T:
        with english():
            return function(*args, **kwargs)

    return in_english


def _translations() -> gettext.NullTranslations:
    if getattr(_local, "english", False):
        return _ENGLISH
    return _active()[1]


def _(message: str) -> str:
    """``message`` in the interface language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations().ngettext(singular, plural, count)


def paragraphs(document: str) -> list[str]:
    """A Markdown document's blocks (separated by blank lines): the catalogue's unit for
    documents such as assets/help.md, so one edited paragraph is one stale message."""
    return [block.strip("\n") for block in document.split("\n\n") if block.strip()]


def translated_document(document: str) -> str:
    """``document`` with each paragraph in the interface language."""
    return "\n\n".join(_(block) for block in paragraphs(document)) + "\n"


_CLOSES_SENTENCE = "。！？；：）」』"


def sentences(*parts: str) -> str:
    """Sentences (already translated) as one text: a blank between them, except after a
    Chinese full stop or other full-width closing mark, which needs none."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if text and not text.endswith(tuple(_CLOSES_SENTENCE)):
            text += " "
        text += part
    return text


def listing(words: Iterable[str]) -> str:
    """Words (already translated) enumerated: ``Name, Status``; Chinese enumerates with 、."""
    joined = ""
    for word in words:
        # i18n: one more item of an enumeration of words ("Name, Status"); Chinese uses 、
        joined = _("{items}, {item}").format(items=joined, item=word) if joined else word
    return joined


def clauses(parts: Iterable[str]) -> str:
    """Parts of a sentence one after the other: ``14 activated, 1 not activated``."""
    # i18n: between the parts of a list in a sentence
    return _(", ").join(parts)


def N_(message: str) -> str:
    """Mark a string for the catalogue without translating it now (translated when shown)."""
    return message
