"""The Spanish catalogue is complete: no untranslated and no fuzzy entries."""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "locale/es/LC_MESSAGES/django.po"


def test_spanish_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = polib.pofile(str(CATALOGUE))
    gaps = [entry.msgid for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    assert gaps == []
    assert len(catalogue.translated_entries()) > 20


def test_spanish_catalogue_placeholders_match_their_source():
    # A msgstr that drops or renames %(name)s crashes the page in Spanish only.
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]")
    catalogue = polib.pofile(str(CATALOGUE))
    mismatched = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if sorted(placeholder.findall(entry.msgid)) != sorted(placeholder.findall(entry.msgstr))
        and not entry.msgid_plural
    ]
    assert mismatched == []
