"""Fail when a Spanish catalogue has untranslated or fuzzy entries (run after makemessages)."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Print every gap in the Spanish catalogues and return 1 if there is any."""
    gaps = 0
    for po_path in sorted(ROOT.glob("locale/es/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries():
            gaps += 1
            where = ", ".join(f"{f}:{line}" for f, line in entry.occurrences[:2])
            print(f"{po_path.relative_to(ROOT)}: untranslated or fuzzy: {entry.msgid!r} ({where})")
    if gaps:
        print(f"{gaps} entries to translate")
        return 1
    print("Spanish catalogue complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
