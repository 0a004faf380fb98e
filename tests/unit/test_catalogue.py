"""The message catalogue is complete and current (issue #16): every string marked in the code is
translated in every language, no translation is left over for a string that is gone, and the
compiled .mo files say what the .po files say."""

from __future__ import annotations

import gettext
import importlib.util
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("catalogue", ROOT / ".ci" / "catalogue.py")
assert spec is not None and spec.loader is not None
catalogue = importlib.util.module_from_spec(spec)
spec.loader.exec_module(catalogue)

PO_FILES = catalogue.po_files()


def _ids(catalog: object) -> set[object]:
    return {message.id for message in catalog if message.id}  # type: ignore[attr-defined]


def _done(string: object) -> bool:
    """A translation is there: a string, or every plural form of one."""
    if isinstance(string, str):
        return bool(string)
    return isinstance(string, tuple | list) and all(string)


def test_there_is_a_chinese_catalogue() -> None:
    assert [p.parent.parent.name for p in PO_FILES] == ["zh_CN"]


@pytest.mark.parametrize("po", PO_FILES, ids=[p.parent.parent.name for p in PO_FILES])
def test_every_marked_string_is_translated_and_none_is_stale(po: Path) -> None:
    code = _ids(catalogue.extracted())
    with po.open("rb") as handle:
        translated = read_po(handle)
    missing = code - _ids(translated)
    stale = _ids(translated) - code
    untranslated = [m.id for m in translated if m.id and (m.fuzzy or not _done(m.string))]
    assert not missing, (
        f"not in {po.name}: {sorted(map(str, missing))[:10]} (run .ci/catalogue.py update)"
    )
    assert not stale, f"stale in {po.name}: {sorted(map(str, stale))[:10]}"
    assert not untranslated, f"untranslated in {po.name}: {sorted(map(str, untranslated))[:10]}"


@pytest.mark.parametrize("po", PO_FILES, ids=[p.parent.parent.name for p in PO_FILES])
def test_the_compiled_catalogue_matches_its_source(po: Path) -> None:
    with po.open("rb") as handle:
        source = read_po(handle)
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in source:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list) and isinstance(message.string, tuple | list):
            one, many = str(message.id[0]), str(message.id[1])
            assert compiled.ngettext(one, many, 1) == message.string[0]
        else:
            assert compiled.gettext(str(message.id)) == message.string, "run catalogue compile"
