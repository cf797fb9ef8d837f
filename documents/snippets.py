"""Highlighted snippets of the library's search results, one page at a time."""

import functools
import re
from html import escape as html_escape

from django.db.models import TextField
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.text import ACCENTED, UNACCENTED, fold, markdown_plain
from documents.models import Document
from documents.selectors import SEARCH_QUERY_SQL

# A snippet: at most SNIPPET_FRAGMENTS passages of SNIPPET_WORDS words, each beginning a
# few words before a searched word.
SNIPPET_FRAGMENTS = 2
SNIPPET_WORDS = 35
SNIPPET_WORDS_BEFORE = 8
# How far back those words are looked for (longer words: fewer of them before).
SNIPPET_REACH_CHARS = 160
# A snippet is looked for in this much text, from a little before the first word found in
# the first HEADLINE_SEARCH_CHARS characters.
HEADLINE_SOURCE_CHARS = 800
HEADLINE_BEFORE_CHARS = 100
HEADLINE_SEARCH_CHARS = 100_000
# The first word is looked for in the text's beginning first, then in longer parts: a
# regular expression reads its whole input, and a report's words are mostly found early
# (a 60,000-character text cost 1.2 ms per result read whole; make bench, demo library).
HEADLINE_SEARCH_STEPS = (2_000, 20_000, HEADLINE_SEARCH_CHARS)
# A text this short (in bytes) is sent whole and its words found here, in Python: Postgres'
# regular expression took 20 microseconds a row to find them (make bench, the large set).
HEADLINE_WHOLE_TEXT_BYTES = 2_000
_WORDS = re.compile(r"[^\W_]+")
# A lexeme of a tsquery's text ('migracion', 'd''ivoire'), with the operators before it.
_TSQUERY_TOKENS = re.compile(r"'((?:[^']|'')*)'|([!()])")
_QUERY_WORDS = re.compile(r"(-?)([a-z0-9]+)")
_ACCENTED_FORMS: dict[str, set[str]] = {}
for _accented, _plain in zip(ACCENTED, UNACCENTED, strict=True):
    _ACCENTED_FORMS.setdefault(_plain.lower(), set()).add(_accented)


@functools.lru_cache(maxsize=256)
def _wanted_stems(tsquery: str) -> tuple[str, ...]:
    """Return the stems a tsquery's text looks for, without those it excludes (after "!")."""
    stems, negated, pending = [], [False], False
    for lexeme, operator in _TSQUERY_TOKENS.findall(tsquery):
        if operator == "!":
            pending = True
        elif operator == "(":
            negated.append(negated[-1] or pending)
            pending = False
        elif operator == ")":
            if len(negated) > 1:
                negated.pop()
        else:
            if not (pending or negated[-1]):
                stems.append(lexeme.replace("''", "'"))
            pending = False
    return tuple(dict.fromkeys(stems))


@functools.lru_cache(maxsize=256)
def _searched_words(stems: tuple[str, ...]) -> re.Pattern:
    """Return a pattern for the folded words the query's stems come from.

    Snowball's Spanish and English stems begin their words ("remes", "remesas"), except
    English's "y" made "i" ("polici", "policy"). Stems of two letters are whole words.
    """
    beginnings, whole = [], []
    for stem in sorted(stems, key=len, reverse=True):
        if len(stem) < 3:
            whole.append(re.escape(stem))
            continue
        beginnings.append(re.escape(stem))
        if stem.endswith("i"):
            beginnings.append(re.escape(stem[:-1] + "y"))
    alternatives = []
    if beginnings:
        alternatives.append(f"(?:{'|'.join(beginnings)})[^\\W_]*")
    if whole:
        alternatives.append(f"(?:{'|'.join(whole)})(?![^\\W_])")
    # No look-behind for a word's start: a pattern beginning with letters lets re skip to
    # where they are (several times faster); _highlight drops the matches inside a word.
    return re.compile("|".join(alternatives))


@functools.lru_cache(maxsize=SNIPPET_WORDS + 1)
def _words_from(count: int) -> re.Pattern:
    """Return a pattern for up to count words from a word's start (one match, not count)."""
    return re.compile(rf"[^\W_]+(?:[\W_]+[^\W_]+){{0,{max(count - 1, 0)}}}")


def _highlight(source: str, stems: tuple[str, ...]) -> str:
    """Return the passages of source around its searched words, escaped, words marked."""
    folded = fold(source)
    # fold() keeps every character's place (one character for one), except the rare ones
    # whose lower case is longer: then the folded text is shown.
    shown = source if len(folded) == len(source) else folded
    searched = _searched_words(stems)

    def words_found(start: int, end: int | None = None):
        """The searched words from start (to end), as (start, end), each at a word's start."""
        for match in searched.finditer(folded, start, len(folded) if end is None else end):
            if not match.start() or not folded[match.start() - 1].isalnum():
                yield match.start(), match.end()

    # Each part of the text is searched once, and none after the last passage: a long text
    # is not read to its end for words no passage shows.
    passages, stop = [], 0
    while len(passages) < SNIPPET_FRAGMENTS:
        first = next(words_found(stop), None)
        if first is None:
            break
        found_start, found_end = first
        # Only the words around it are read: a few before (not before the last passage's
        # end), then the rest of the passage's words.
        reach = max(stop, found_start - SNIPPET_REACH_CHARS)
        before = [match.start() for match in _WORDS.finditer(folded, reach, found_start)]
        if before and before[0] == reach and reach > stop and _WORDS.match(folded, reach - 1):
            before.pop(0)  # a word cut by the reach
        before = before[-SNIPPET_WORDS_BEFORE:]
        start = before[0] if before else found_start
        words = _words_from(SNIPPET_WORDS - len(before)).search(folded, found_start)
        stop = words.end() if words else found_end
        html, cursor = [], start
        # The passage ends at a word's end: every searched word in it is whole, and marked.
        for word_start, word_end in words_found(found_start, stop):
            html.append(html_escape(shown[cursor:word_start]))
            # Letters and digits only (a match of _searched_words): nothing to escape.
            html.append(f"<mark>{shown[word_start:word_end]}</mark>")
            cursor = word_end
        html.append(html_escape(shown[cursor:stop]))
        passages.append("".join(html))
    # A snippet reads as one line, whatever line breaks the document had.
    return " ".join(" … ".join(passages).split())


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


def document_snippet_sources(text: str) -> dict[str, tuple[str, list]]:
    """Columns giving each document the text its snippet is looked for in, as SQL.

    The summary in the reader's language, the extracted text (whole when shorter than
    HEADLINE_WHOLE_TEXT_BYTES, else HEADLINE_SOURCE_CHARS of it from a little before the
    first place a searched word seems to begin, or from its start when none does), and the
    searched stems: a snippet's cost grows with the text it reads.
    Written in SQL for documents.selectors.document_page_rows; RawSQL takes them into a
    queryset (document_headlines).
    """
    column = f'"{Document._meta.db_table}".'
    language = (get_language() or "es")[:2]
    summary = f'{column}"summary_es"'
    if language != "es":
        summary = f"COALESCE(NULLIF({column}\"summary_{language}\", ''), {summary})"
    pattern = _first_match_pattern(text)
    start, start_params = "1", []
    if pattern:
        # SUBSTRING from the start decompresses only that part of a stored text.
        found = [
            f'regexp_instr(SUBSTRING({column}"search_text", 1, {chars}), %s)'
            for chars in HEADLINE_SEARCH_STEPS
        ]
        first = ", ".join([*(f"NULLIF({part}, 0)" for part in found[:-1]), found[-1]])
        start = f"GREATEST(COALESCE({first}) - {HEADLINE_BEFORE_CHARS}, 1)"
        start_params = [pattern] * len(found)
    folded = fold(text.strip())
    # octet_length reads a long text's stored size, without decompressing it.
    window = (
        f'CASE WHEN octet_length({column}"search_text") <= {HEADLINE_WHOLE_TEXT_BYTES}'
        f' THEN {column}"search_text"'
        f' ELSE SUBSTRING({column}"search_text", {start}, {HEADLINE_SOURCE_CHARS}) END'
    )
    return {
        "snippet_summary": (summary, []),
        "snippet_text": (window, start_params),
        # The stems searched for, as the search read them (see _wanted_stems).
        "snippet_query": (f"({SEARCH_QUERY_SQL})::text", [folded, folded]),
    }


def document_headlines(documents, text: str) -> dict[int, SafeString]:
    """Return a highlighted snippet per document id, for one page of results.

    Documents loaded with document_snippet_sources() bring their texts and the stems
    searched for (no query); others are read in one query. The words are found and marked
    here, in Python: Postgres' ts_headline lower-cased and parsed the same texts at several
    times the cost (make bench).
    """
    documents = list(documents)
    if not documents or not fold(text.strip()):
        return {}
    if all(hasattr(document, "snippet_text") for document in documents):
        rows = [(d.pk, d.snippet_summary, d.snippet_text, d.snippet_query) for d in documents]
    else:
        sources = {
            name: RawSQL(sql, params, output_field=TextField())
            for name, (sql, params) in document_snippet_sources(text).items()
        }
        rows = (
            Document.objects.filter(pk__any=[document.pk for document in documents])
            .annotate(**sources)
            .values_list("pk", "snippet_summary", "snippet_text", "snippet_query")
        )
    snippets = {}
    for pk, summary_text, window, tsquery in rows:
        stems = _wanted_stems(tsquery or "")
        snippet = _highlight(f"{summary_text or ''}\n{window or ''}", stems) if stems else ""
        if "<mark>" in snippet:
            # markdown_plain also covers texts indexed before .md files were read as prose.
            snippets[pk] = mark_safe(markdown_plain(snippet))  # noqa: S308 -- escaped above
    return snippets
