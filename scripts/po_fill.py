"""Fill Spanish translations from a JSON object {msgid: msgstr} (plurals: [singular, plural]).

A key "context\u0004msgid" (gettext's own separator) fills only the entry of that pgettext
context; a plain msgid key fills every entry with that msgid the context keys leave alone.

Usage: python scripts/po_fill.py translations.json   # then lists what is still untranslated
"""

import json
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/es/LC_MESSAGES/django.po"


def main(paths: list[str]) -> int:
    """Apply the translations, clear fuzzy flags, save and list the remaining gaps."""
    translations: dict = {}
    for path in paths:
        translations.update(json.loads(Path(path).read_text(encoding="utf-8")))
    catalogue = polib.pofile(str(CATALOGUE), wrapwidth=79)
    # Spanish has three plural forms in current gettext (one, many = millions, other).
    plural_forms = catalogue.metadata.get("Plural-Forms", "nplurals=2;")
    nplurals = int(plural_forms.split("nplurals=")[1].split(";")[0])
    filled = 0
    for entry in catalogue:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key not in translations:
            key = entry.msgid
        if entry.obsolete or key not in translations:
            continue
        value = translations[key]
        if entry.msgid_plural:
            singular, plural = value if isinstance(value, list) else (value, value)
            entry.msgstr_plural = {0: singular, **dict.fromkeys(range(1, nplurals), plural)}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        # The "#|" previous-msgid comments of a fuzzy entry confuse the next makemessages.
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        filled += 1
    catalogue.save()
    remaining = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    print(f"filled {filled}; still untranslated or fuzzy: {len(remaining)}")
    for msgid in remaining:
        print(f"  {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
