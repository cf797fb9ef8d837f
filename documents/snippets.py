"""Highlighted snippets of the library's search results, one page at a time."""

import re
from html import escape as html_escape

from django.db import connection
from django.db.models import F, Func, IntegerField, TextField, Value
from django.db.models.functions import Coalesce, Greatest, Left, NullIf, Substr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.text import ACCENTED, UNACCENTED, fold, markdown_plain
from documents.models import Document

# Markers ts_headline puts around matches; control characters never found in documents.
_START, _STOP = "\x02", "\x03"
_FRAGMENTS = "\x04"
_MARKERS = re.compile(f"([{_START}{_STOP}])")
# A snippet is looked for in this much text, from a little before the first word found in
# the first HEADLINE_SEARCH_CHARS characters.
HEADLINE_SOURCE_CHARS = 800
HEADLINE_BEFORE_CHARS = 100
HEADLINE_SEARCH_CHARS = 100_000
_HEADLINE_OPTIONS = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords=35, MinWords=15, MaxFragments=2, "
    f"FragmentDelimiter={_FRAGMENTS}"
)
_QUERY_WORDS = re.compile(r"(-?)([a-z0-9]+)")
_ACCENTED_FORMS: dict[str, set[str]] = {}
for _accented, _plain in zip(ACCENTED, UNACCENTED, strict=True):
    _ACCENTED_FORMS.setdefault(_plain.lower(), set()).add(_accented)


def _restore_accents(headline: str, folded_source: str, source: str) -> str:
    """Map a headline computed on folded text back onto the original, accented text.

    crm_fold() replaces one character by one character, so a fragment found at an offset of
    the folded text sits at the same offset of the original.
    """
    pieces = []
    for fragment in headline.split(_FRAGMENTS):
        fragment = fragment.strip()
        plain = fragment.replace(_START, "").replace(_STOP, "")
        start = folded_source.find(plain) if len(folded_source) == len(source) else -1
        original = source[start : start + len(plain)] if start >= 0 else plain
        html, cursor = [], 0
        # Escape whole runs between markers: escaping character by character cost ~50 ms
        # per results page.
        for run in _MARKERS.split(fragment):
            if run == _START:
                html.append("<mark>")
            elif run == _STOP:
                html.append("</mark>")
            elif run:
                html.append(html_escape(original[cursor : cursor + len(run)]))
                cursor += len(run)
        pieces.append("".join(html))
    # ts_headline keeps the document's line breaks; a snippet reads as one line.
    return re.sub(r"\s+", " ", " … ".join(piece for piece in pieces if piece)).strip()


def _letters_pattern(word: str) -> str:
    """A regular expression for a folded word in any case, with or without its accents."""
    classes = []
    for letter in word:
        variants = {letter, letter.upper()} | _ACCENTED_FORMS.get(letter, set())
        classes.append("[" + "".join(sorted(variants)) + "]" if len(variants) > 1 else letter)
    return "".join(classes)


def _first_match_pattern(text: str) -> str:
    """A pattern for the beginnings of the words searched for (stems begin words)."""
    words = []
    for negated, word in _QUERY_WORDS.findall(fold(text)):
        if negated or word == "or" or len(word) < 3:
            continue
        # Stems are mostly beginnings of words: "returning" is found as "retur".
        words.append(_letters_pattern(word[: max(3, len(word) - 3)] if len(word) > 5 else word))
    return "|".join(dict.fromkeys(words))


def document_snippet_sources(text: str) -> dict:
    """Annotations giving each document the text its snippet is looked for in.

    The summary in the reader's language and HEADLINE_SOURCE_CHARS of the extracted text
    from a little before the first place a searched word seems to begin (the start of the
    text when none does): ts_headline's cost grows with the text it reads.
    """
    language = (get_language() or "es")[:2]
    summary = F("summary_es")
    if language != "es":
        summary = Coalesce(
            NullIf(F(f"summary_{language}"), Value("")), summary, output_field=TextField()
        )
    pattern = _first_match_pattern(text)
    start = Value(1)
    if pattern:
        found = Func(
            Left("search_text", HEADLINE_SEARCH_CHARS),
            Value(pattern),
            function="regexp_instr",
            output_field=IntegerField(),
        )
        start = Greatest(found - HEADLINE_BEFORE_CHARS, Value(1), output_field=IntegerField())
    return {
        "snippet_summary": summary,
        "snippet_text": Substr("search_text", start, HEADLINE_SOURCE_CHARS),
    }


def document_headlines(documents, text: str) -> dict[int, SafeString]:
    """Return a highlighted snippet per document id, for one page of results (two queries).

    Documents loaded with document_snippet_sources() bring their texts (one query less).
    The text is folded here, in Python: crm_fold() in SQL cost more than ts_headline itself.
    """
    documents = list(documents)
    if not documents or not fold(text.strip()):
        return {}
    language = (get_language() or "es")[:2]
    if all(hasattr(document, "snippet_text") for document in documents):
        rows = [(d.pk, d.snippet_summary, d.snippet_text) for d in documents]
    else:
        rows = (
            Document.objects.filter(pk__any=[document.pk for document in documents])
            .annotate(**document_snippet_sources(text))
            .values_list("pk", "snippet_summary", "snippet_text")
        )
    sources = {pk: f"{summary_text or ''}\n{window or ''}" for pk, summary_text, window in rows}
    order = list(sources)
    folded = [fold(sources[pk]) for pk in order]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_headline(%s::regconfig, source, websearch_to_tsquery('spanish', %s)"
            " || websearch_to_tsquery('english', %s), %s)"
            " FROM unnest(%s::text[]) WITH ORDINALITY AS sources(source, n) ORDER BY n",
            [
                "english" if language == "en" else "spanish",
                fold(text.strip()),
                fold(text.strip()),
                _HEADLINE_OPTIONS,
                folded,
            ],
        )
        headlines = [headline for (headline,) in cursor.fetchall()]
    snippets = {}
    for pk, folded_source, headline in zip(order, folded, headlines, strict=True):
        if not headline or _START not in headline:
            continue
        # markdown_plain also covers texts indexed before .md files were read as prose.
        snippets[pk] = mark_safe(  # noqa: S308 -- every character is escaped above
            markdown_plain(_restore_accents(headline, folded_source, sources[pk]))
        )
    return snippets
