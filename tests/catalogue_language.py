"""Find UI strings of the other language in a page's text, from the catalogue itself."""

import re
from functools import cache
from pathlib import Path

import django
import polib

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = [
    ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po",
    # The admin's own words (buttons, filters, headings) come from Django's catalogue.
    Path(django.__file__).parent
    / "contrib"
    / "admin"
    / "locale"
    / "es"
    / "LC_MESSAGES"
    / "django.po",
]
# Placeholders and markup make a msgid a template, not a phrase that appears as written.
_TEMPLATE = re.compile(r"%\(|%[sd]|\{|<|&|\n")
_SPACES = re.compile(r"\s+")


def _phrase(text: str) -> str:
    return _SPACES.sub(" ", text).strip().rstrip(".:")


def _pairs(entry):
    if entry.msgid_plural:
        forms = [entry.msgstr_plural.get(index, "") for index in sorted(entry.msgstr_plural)]
        return list(zip([entry.msgid, entry.msgid_plural], forms, strict=False))
    return [(entry.msgid, entry.msgstr)]


@cache
def phrases() -> tuple[frozenset[str], frozenset[str]]:
    """Return the English and the Spanish phrases (two words or more) that differ."""
    english: set[str] = set()
    spanish: set[str] = set()
    every_english: set[str] = set()
    every_spanish: set[str] = set()
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            for msgid, msgstr in _pairs(entry):
                if not msgstr:
                    continue
                en, es = _phrase(msgid), _phrase(msgstr)
                every_english.add(en)
                every_spanish.add(es)
                if _TEMPLATE.search(msgid) or _TEMPLATE.search(msgstr) or en == es:
                    continue
                if len(en.split()) >= 2:
                    english.add(en)
                if len(es.split()) >= 2:
                    spanish.add(es)
    # A phrase that is also (part of) a string of the other language proves nothing:
    # "HTTP Accept" is inside "Encabezado HTTP Accept".
    return (
        frozenset(p for p in english if not any(p in s for s in every_spanish)),
        frozenset(p for p in spanish if not any(p in e for e in every_english)),
    )


def wrong_language_phrases(text: str, language: str) -> list[str]:
    """Return the catalogue phrases of the other language found in a page's text."""
    english, spanish = phrases()
    foreign = english if language == "es" else spanish
    text = _SPACES.sub(" ", text)
    found = []
    for phrase in foreign:
        if phrase in text and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
            found.append(phrase)
    # Report the longest phrases only: "Save and continue editing" hides "Save and".
    return sorted(p for p in found if not any(p != other and p in other for other in found))
