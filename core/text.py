"""Text helpers: accent folding shared with the database function crm_fold(); Markdown as prose;
HTML escaping for markup written in Python."""

import html
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


# The same folding for text in Latin-1 (most Spanish and English), as a table of bytes:
# bytes.translate reads a snippet's source some 20 times faster than str.translate.
# (Every Latin-1 character folds to one Latin-1 character; ord() or bytes() would fail at
# import if a change to the alphabets broke that.)
_LATIN1_TABLE = bytes(ord(chr(code).translate(_TABLE).lower()) for code in range(256))


def fold(text: str) -> str:
    """Return text without accents and in lower case, as crm_fold() does in SQL."""
    if text.isascii():
        return text.lower()
    try:
        latin1 = text.encode("latin-1")
    except UnicodeEncodeError:  # curly quotes, dashes, other alphabets
        return text.translate(_TABLE).lower()
    return latin1.translate(_LATIN1_TABLE).decode("latin-1")


# Markdown's markup, for text shown or searched as prose (a library's .md files).
_MD_LINE_MARKS = re.compile(r"(?m)^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+\.[ \t]+)")
_MD_RULES = re.compile(r"(?m)^[ \t]*(?:[-*_][ \t]*){3,}$|^[ \t]*\|?[ \t]*:?-{3,}.*$")
_MD_IMAGES_LINKS = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|~~|`+)")
_MD_TRAILING_HASHES = re.compile(r"(?m)[ \t]+#+[ \t]*$")
_MD_MID_HEADINGS = re.compile(r"(?:^|(?<=\s))#{1,6}[ \t]+")


# What each of the patterns above needs to find anything (a superset): most texts have none
# of it, and three searches are cheaper than seven substitutions (a page of snippets). Three,
# not one: a pattern that begins with its characters lets re skip to where they are.
_MD_HASHES = re.compile(r"(?m)(?:^|\s)#|#[ \t]*$")
_MD_LINE_STARTS = re.compile(r"(?m)^[ \t]*(?:>|[-*+][ \t]|\d+\.[ \t])")
_MD_MARKS = re.compile(r"[-*_][ \t]*[-*_][ \t]*[-*_]|\[|\*\*|__|~~|`")


def markdown_may_be_in(text: str) -> bool:
    """Tell whether text has anything one of Markdown's substitutions would change."""
    return bool(
        ("#" in text and _MD_HASHES.search(text))
        or _MD_LINE_STARTS.search(text)
        or _MD_MARKS.search(text)
    )


def markdown_plain(text: str) -> str:
    """Return Markdown as its plain text: no heading marks, emphasis, link syntax or rules."""
    if not markdown_may_be_in(text):
        return text
    text = _MD_RULES.sub("", text)
    text = _MD_LINE_MARKS.sub("", text)
    text = _MD_TRAILING_HASHES.sub("", text)
    text = _MD_IMAGES_LINKS.sub(r"\1", text)
    text = _MD_EMPHASIS.sub("", text)
    # Headings that a snippet joined into one line ("… ## Eje 1 …").
    return _MD_MID_HEADINGS.sub("", text)


def escaped(value) -> str:
    """Escape a value for HTML as conditional_escape() does, without its checks for lazy text.

    For markup written in Python where a page repeats it (thousands of calls per page).
    """
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))
