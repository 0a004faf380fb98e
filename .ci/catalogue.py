"""Keep the message catalogue in step with the code (Babel).

    python .ci/catalogue.py update    # extract the msgids, merge them into every .po file
    python .ci/catalogue.py compile   # .po -> .mo (committed: an install has no build step)

English is the source language; each ``assets/locale/<lang>/LC_MESSAGES/paiws.po`` translates it.
tests/unit/test_catalogue.py fails when a message is missing, stale or not compiled.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "assets" / "locale"
SOURCES = ("tui", "screens")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extracted() -> Catalog:
    """Every msgid in the code, with where it is used."""
    catalog = Catalog(project="paiws", domain="paiws")
    for folder in SOURCES:
        base = ROOT / folder
        for filename, lineno, message, comments, _context in extract_from_dir(
            str(base), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("i18n:",)
        ):
            catalog.add(
                message, locations=[(f"{folder}/{filename}", lineno)], auto_comments=comments
            )
    for message, where in asset_messages():
        catalog.add(message, locations=[(where, 0)])
    return catalog


DOCUMENTS = ("help.md",)  # translated paragraph by paragraph (i18n.translated_document)


def asset_messages() -> list[tuple[str, str]]:
    """Words a person reads that live in data files, with where: the region names of
    ``assets/regions.json`` (shown translated; JSON output keeps the English name) and every
    paragraph of the documents."""
    from paiws.core.i18n import paragraphs

    regions = json.loads((ROOT / "assets" / "regions.json").read_text(encoding="utf-8"))
    found = [(str(entry["name"]), "assets/regions.json") for entry in regions["regions"]]
    for name in DOCUMENTS:
        text = (ROOT / "assets" / name).read_text(encoding="utf-8")
        found.extend((block, f"assets/{name}") for block in paragraphs(text))
    return found


def po_files() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/paiws.po"))


def update() -> None:
    template = extracted()
    for path in po_files():
        with path.open("rb") as handle:
            catalog = read_po(handle)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_by_file=False, omit_header=False)
        print(f"updated {path.relative_to(ROOT)}: {len(catalog)} messages")


def compile_all() -> None:
    for path in po_files():
        with path.open("rb") as handle:
            catalog = read_po(handle)
        with path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        print(f"compiled {path.with_suffix('.mo').relative_to(ROOT)}")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    else:
        sys.exit(__doc__)
