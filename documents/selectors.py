"""Reads shared by the library pages, the feed, the sitemap and the benchmarks."""

import re
from dataclasses import dataclass, field
from html import escape as html_escape

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Left, NullIf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.lookups import Fold  # also registers pk__any (core.lookups.AnyOf)
from core.text import fold, markdown_plain
from documents.models import Document, DocumentFile, ThematicAxis
from focal_points import access

# Markers ts_headline puts around matches; control characters never found in documents.
_START, _STOP = "\x02", "\x03"
_FRAGMENTS = "\x04"
_MARKERS = re.compile(f"([{_START}{_STOP}])")
HEADLINE_SOURCE_CHARS = 10_000
_SYMBOL_LIKE = re.compile(r"[0-9/]")
# How many of the most recent matches a search ranks (see document_search). At 100,000
# documents, 250 keeps a two-word search under 100 ms at p95 where 500 did not (make bench).
SEARCH_CANDIDATES = 250


@dataclass
class LibraryFilters:
    """What a visitor asked the library for (all of it travels in the query string)."""

    q: str = ""
    type: str = ""
    year: int | None = None
    axis: object = None
    working_group: object = None
    country: object = None
    language: str = ""
    meeting: str = ""
    extra: dict = field(default_factory=dict)


def document_search_query(text: str) -> SearchQuery:
    """Build the full-text query over the folded input, in Spanish and in English."""
    folded = fold(text.strip())
    return SearchQuery(folded, config="spanish", search_type="websearch") | SearchQuery(
        folded, config="english", search_type="websearch"
    )


def thematic_axes_matching(query: SearchQuery) -> list[int]:
    """Return the ids of the thematic axes whose Spanish or English name matches the query."""
    names = SearchVector(Fold("name_es"), config="spanish") + SearchVector(
        Fold("name_en"), config="english"
    )
    return list(
        ThematicAxis.objects.annotate(names=names).filter(names=query).values_list("pk", flat=True)
    )


def document_search(queryset: QuerySet, text: str) -> QuerySet:
    """Keep the documents matching text, best first; a symbol typed as is comes first.

    Ranking reads every candidate's tsvector, so a word found in most of the library would
    rank tens of thousands of rows. The candidates are therefore the SEARCH_CANDIDATES most
    recent matches (found by walking the date index, or the GIN index for rare words), ranked
    among themselves; the page says so when a search reaches that cap.
    """
    folded = fold(text.strip())
    if not folded:
        return queryset
    query = document_search_query(text)
    matches = Q(search_vector=query)
    queryset = queryset.annotate(symbol_folded=Fold("symbol"))
    if _SYMBOL_LIKE.search(folded):
        # The trigram index on crm_fold(symbol) finds "a/63/265" even when typed loosely.
        matches |= Q(symbol_folded__trigram_similar=folded)
    # Materialized once: the count, the page and the snippets then read at most
    # SEARCH_CANDIDATES rows by primary key.
    candidates = list(
        queryset.filter(matches)
        .order_by("-date", "-pk")
        .values_list("pk", flat=True)[:SEARCH_CANDIDATES]
    )
    axes = thematic_axes_matching(query) if len(candidates) < SEARCH_CANDIDATES else []
    if axes:
        # A document filed under "Migration and development" is about it in both languages,
        # even when its text exists only in Spanish: "migration development" finds it too.
        # Only for the slots the text left: a word common enough to fill them all would
        # otherwise test every document filed under the axis.
        filed = Exists(
            Document.thematic_axes.through.objects.filter(
                document_id=OuterRef("pk"), thematicaxis_id__in=axes
            )
        )
        candidates += list(
            queryset.filter(filed)
            .exclude(pk__any=candidates)
            .order_by("-date", "-pk")
            .values_list("pk", flat=True)[: SEARCH_CANDIDATES - len(candidates)]
        )
    known = set(candidates)
    exact_symbol = queryset.filter(symbol_folded=folded).values_list("pk", flat=True)
    candidates.extend(pk for pk in exact_symbol if pk not in known)
    return (
        queryset.filter(pk__any=candidates)
        .annotate(
            rank=SearchRank(F("search_vector"), query)
            + Case(
                When(symbol_folded=folded, then=Value(100.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
        )
        .order_by("-rank", "-date", "-pk")
    )


def document_library(*, user, filters: LibraryFilters) -> QuerySet:
    """Return the documents a user may see, filtered and searched as the library asks."""
    queryset = Document.objects.visible_to(user)
    if filters.type:
        queryset = queryset.filter(type=filters.type)
    if filters.year:
        queryset = queryset.filter(date__year=filters.year)
    if filters.axis is not None:
        queryset = queryset.filter(thematic_axes=filters.axis)
    if filters.working_group is not None:
        queryset = queryset.filter(working_group=filters.working_group)
    if filters.country is not None:
        # A country's papers: written by it, by its presidency or by one of its institutions.
        queryset = queryset.filter(
            Q(author_country=filters.country)
            | Q(author_presidency__country=filters.country)
            | Q(author_institution__country=filters.country)
        )
    if filters.language:
        queryset = queryset.filter(
            Exists(DocumentFile.objects.filter(document=OuterRef("pk"), language=filters.language))
        )
    if filters.meeting:
        queryset = queryset.filter(Exists(meeting_links_of(filters.meeting, user=user)))
    if filters.q.strip():
        queryset = document_search(queryset, filters.q)
    return queryset


def meeting_links_of(slug: str, *, user) -> QuerySet:
    """Links of a document (OuterRef) to the meeting with this address, if the user sees it."""
    # meetings sits beside documents, not below: its link model is reached through the
    # reverse relation, never imported.
    link_model = Document._meta.get_field("meeting_links").related_model
    return link_model.objects.filter(
        document_id=OuterRef("pk"),
        meeting__slug=slug,
        meeting__distribution__in=access.meeting_distributions(user),
    )


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


def document_headlines(documents, text: str) -> dict[int, SafeString]:
    """Return a highlighted snippet per document id, for one page of results (one query)."""
    ids = [document.pk for document in documents]
    if not ids or not fold(text.strip()):
        return {}
    query = document_search_query(text)
    language = (get_language() or "es")[:2]
    summary = F("summary_es")
    if language != "es":
        summary = Coalesce(
            NullIf(F(f"summary_{language}"), Value("")), summary, output_field=TextField()
        )
    source = Concat(
        summary,
        Value("\n"),
        Left("search_text", HEADLINE_SOURCE_CHARS),
        output_field=TextField(),
    )
    rows = (
        Document.objects.filter(pk__in=ids)
        .annotate(source=source)
        .annotate(
            headline=SearchHeadline(
                Fold("source"),
                query,
                config="english" if language == "en" else "spanish",
                start_sel=_START,
                stop_sel=_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=_FRAGMENTS,
            )
        )
        .values_list("pk", "source", "headline")
    )
    snippets = {}
    for pk, source_text, headline in rows:
        if not headline or _START not in headline:
            continue
        source_text = source_text or ""
        # markdown_plain also covers texts indexed before .md files were read as prose.
        snippets[pk] = mark_safe(  # noqa: S308 -- every character is escaped above
            markdown_plain(_restore_accents(headline, fold(source_text), source_text))
        )
    return snippets


# The unfiltered list's total and its range of years, per set of distributions a reader may
# see: counting 80,000 public rows on every page cost more than the rest of the page. Kept
# in the cache until a document is saved or deleted (documents/apps.py), at most this long
# (bulk writes send no signal).
LISTING_FIGURES_KEY = "documents:listing-figures"
LISTING_FIGURES_SECONDS = 600


@dataclass(frozen=True)
class ListingFigures:
    """How many documents a reader may see, and the first and last year among them."""

    total: int
    first_year: int | None
    last_year: int | None


def document_listing_figures(user) -> ListingFigures:
    """Return the reader's unfiltered total and years: one cache read, or one query."""
    distributions = access.document_distributions(user)
    slot = ",".join(sorted(distributions)) if distributions is not None else "*"
    known = cache.get(LISTING_FIGURES_KEY) or {}
    if slot not in known:
        figures = Document.objects.visible_to(user).aggregate(
            total=Count("pk"), first=Min("date"), last=Max("date")
        )
        known = {
            **known,
            slot: ListingFigures(
                total=figures["total"],
                first_year=figures["first"].year if figures["first"] else None,
                last_year=figures["last"].year if figures["last"] else None,
            ),
        }
        cache.set(LISTING_FIGURES_KEY, known, LISTING_FIGURES_SECONDS)
    return known[slot]


def document_listing_figures_forget(**_kwargs) -> None:
    """Drop the cached totals and years (a document was saved or deleted)."""
    cache.delete(LISTING_FIGURES_KEY)
