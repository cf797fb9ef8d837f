"""Text helpers: accent folding shared with the database function crm_fold(); Markdown as prose."""

import re

# The same two alphabets feed the SQL function (migration 0001) and Python, so a term folded
# here matches a column folded there. Postgres here has no unaccent extension.
ACCENTED = "ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕØóòôöõøÚÙÛÜúùûüÑñÇçÝýÿ"
UNACCENTED = "AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOOooooooUUUUuuuuNnCcYyy"
# A table indexed by code point (a string, not a dict: str.translate reads it 2-3 times
# faster on a page of snippets). Characters past its end raise IndexError, which
# str.translate takes as "keep the character".
_TABLE = "".join(chr(code) for code in range(max(map(ord, ACCENTED)) + 1))
for _accented, _plain in zip(ACCENTED, UNACCENTED, strict=True):
    _TABLE = _TABLE[: ord(_accented)] + _plain + _TABLE[ord(_accented) + 1 :]


def fold(text: str) -> str:
    """Return text without accents and in lower case, as crm_fold() does in SQL."""
    if text.isascii():
        return text.lower()
    return text.translate(_TABLE).lower()


# Markdown's markup, for text shown or searched as prose (a library's .md files).
_MD_LINE_MARKS = re.compile(r"(?m)^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+\.[ \t]+)")
_MD_RULES = re.compile(r"(?m)^[ \t]*(?:[-*_][ \t]*){3,}$|^[ \t]*\|?[ \t]*:?-{3,}.*$")
_MD_IMAGES_LINKS = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|~~|`+)")
_MD_TRAILING_HASHES = re.compile(r"(?m)[ \t]+#+[ \t]*$")
_MD_MID_HEADINGS = re.compile(r"(?:^|(?<=\s))#{1,6}[ \t]+")


# What each of the patterns above needs to find anything (a superset): most texts have none
# of it, and one search is cheaper than seven substitutions (a page of snippets).
_MD_ANY = re.compile(
    r"(?m)(?:^|\s)#|#[ \t]*$|^[ \t]*(?:>|[-*+][ \t]|\d+\.[ \t])|[-*_][ \t]*[-*_][ \t]*[-*_]"
    r"|\[|\*\*|__|~~|`"
)


def markdown_plain(text: str) -> str:
    """Return Markdown as its plain text: no heading marks, emphasis, link syntax or rules."""
    if not _MD_ANY.search(text):
        return text
    text = _MD_RULES.sub("", text)
    text = _MD_LINE_MARKS.sub("", text)
    text = _MD_TRAILING_HASHES.sub("", text)
    text = _MD_IMAGES_LINKS.sub(r"\1", text)
    text = _MD_EMPHASIS.sub("", text)
    # Headings that a snippet joined into one line ("… ## Eje 1 …").
    return _MD_MID_HEADINGS.sub("", text)
