"""Reads shared by the library pages, the feed, the sitemap and the benchmarks."""

import datetime
import functools
import hashlib
import re
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import (
    SearchQuery,
)
from django.core.cache import cache, caches
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.utils.translation import get_language

from core.text import fold
from documents.models import Document, DocumentFile, ThematicAxis
from focal_points import access
from focal_points.models import Country, Institution, Presidency, WorkingGroup

_SYMBOL_LIKE = re.compile(r"[0-9/]")
# How many of the most recent matches a search ranks (see document_search). At 100,000
# documents, 250 keeps a two-word search under 100 ms at p95 where 500 did not (make bench).
SEARCH_CANDIDATES = 250
# A search reads the newest SEARCH_WINDOW documents first (see _ranked_matches).
SEARCH_WINDOW = 5_000
_UNKNOWN = object()


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


# The full-text query of a search as written in SQL: its two parameters are the folded text
# (see document_search_query, the same query for the ORM).
SEARCH_QUERY_SQL = (
    "(websearch_to_tsquery('spanish'::regconfig, %s)"
    " || websearch_to_tsquery('english'::regconfig, %s))"
)


def document_search_query(text: str) -> SearchQuery:
    """Build the full-text query over the folded input, in Spanish and in English."""
    folded = fold(text.strip())
    return SearchQuery(folded, config="spanish", search_type="websearch") | SearchQuery(
        folded, config="english", search_type="websearch"
    )


def document_search_window_start() -> object:
    """Return the date of the SEARCH_WINDOW-th newest document (None in a smaller library)."""
    # Read on the date index alone (every distribution, no filter): any date keeps the search
    # correct, it only decides which part of the library is read first.
    newest = Document.objects.order_by("-date", "-pk").values_list("date", flat=True)
    return newest[SEARCH_WINDOW - 1 : SEARCH_WINDOW].first()


# The newest documents' own full-text index (documents.services.
# document_search_index_refresh). Its name carries the first date it holds:
# document_recent_text_20240601.
RECENT_TEXT_INDEX_PREFIX = "document_recent_text_"


@dataclass(frozen=True)
class RecentTextIndex:
    """The partial index on the newest documents' search_vector, as Postgres holds it."""

    name: str
    since: object  # a date: the index holds the documents dated on or after it
    valid: bool


def document_search_indexes() -> list[RecentTextIndex]:
    """Return the recent-text indexes that exist, newest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, i.indisvalid FROM pg_index i"
            " JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE i.indrelid = %s::regclass AND c.relname LIKE %s",
            [Document._meta.db_table, RECENT_TEXT_INDEX_PREFIX + "%"],
        )
        rows = cursor.fetchall()
    found = []
    for name, valid in rows:
        try:
            since = datetime.datetime.strptime(name[len(RECENT_TEXT_INDEX_PREFIX) :], "%Y%m%d")
        except ValueError:
            continue
        found.append(RecentTextIndex(name=name, since=since.date(), valid=valid))
    return sorted(found, key=lambda index: index.since, reverse=True)


def document_search_split() -> object:
    """Return the date a search splits the library at (None: it is read in one part).

    The first date of the newest documents' own index when the index holds the window:
    the index's condition alone then picks the first part's documents. Split at the
    window's own start, Postgres also read the date index's 5,000 rows to AND them with
    the text index's (0.3 ms of a 1.5 ms two-word search, make bench). The index holds at
    most twice the window before it is built again, so the first part stays that size.
    """
    window_start = document_search_window_start()
    if window_start is None:
        return None
    holding = [
        index.since
        for index in document_search_indexes()
        if index.valid and index.since <= window_start
    ]
    return max(holding, default=window_start)


class _Sql:
    """SQL text and its positional parameters, written in order."""

    def __init__(self):
        self.parts: list[str] = []
        self.params: list = []

    def add(self, text: str, *params) -> "_Sql":
        self.parts.append(text)
        self.params.extend(params)
        return self

    def __str__(self) -> str:
        return "".join(self.parts)


def _within(queryset: QuerySet) -> tuple[str, list, bool]:
    """The FROM and WHERE of queryset's own SQL, and whether it has a WHERE, to search in.

    The ORM writes the reader's and the filters' conditions (visible_to, document_filtered);
    the search around them is written by hand (document_search_ids).
    """
    # A page compiles it twice (its search, then its rows): kept on the queryset itself.
    kept = getattr(queryset, "_library_within", None)
    if kept is None:
        sql, params = queryset.order_by().values_list("pk").query.sql_with_params()
        _select, _from, rest = sql.partition(" FROM ")
        kept = ("FROM " + rest, tuple(params), bool(queryset.query.where))
        queryset._library_within = kept
    sql, params, has_where = kept
    return sql, list(params), has_where


def document_search_ids(
    queryset: QuerySet, text: str, *, window_start=_UNKNOWN
) -> list[int] | None:
    """Return the ids of the documents matching text, best first (None: nothing to search).

    A symbol typed as is comes first. Ranking reads every candidate's tsvector, so a word
    found in most of the library would rank tens of thousands of rows. The candidates are
    therefore the SEARCH_CANDIDATES most recent matches, ranked among themselves; the page
    says so when a search reaches that cap. window_start: document_search_split() when
    the caller has it (the cached listing figures carry it).

    Written by hand around the ORM's conditions: built with the ORM, the same search cost
    twice its SQL in Python (make bench). One statement finds:

    - the most recent matches, split near the date of the SEARCH_WINDOW-th newest document
      (document_search_split). Postgres misjudges how many documents two related words
      match ("remesas desarrollo": estimated 1,200, in fact 10,000), and then read every
      match's row to sort by date (200 ms). Split, each part is cheap: the newest by the
      date index or the newest documents' own text index; the older part runs only when
      the first held fewer than the cap, that is for words rare enough for the full text
      index;
    - the documents whose symbol is the text, folded.

    A second statement runs only when the text left slots free (see _filed_under_axes):
    a word common enough to fill them, the costly search at scale, reads no axis.
    """
    folded = fold(text.strip())
    if not folded:
        return None
    table = Document._meta.db_table
    if window_start is _UNKNOWN:
        window_start = document_search_split()
    query = SEARCH_QUERY_SQL
    matches = f'"{table}"."search_vector" @@ {query}'
    match_params = [folded, folded]
    if _SYMBOL_LIKE.search(folded):
        # The trigram index on crm_fold(symbol) finds "a/63/265" even when typed loosely.
        matches = f'({matches} OR crm_fold("{table}"."symbol") %% %s)'
        match_params.append(folded)
    newest_first = f'ORDER BY "{table}"."date" DESC, "{table}"."id" DESC'
    # Ranked once the newest are kept: ts_rank reads a whole vector, a match's rows beyond
    # the limit need none.
    vectors = f'"{table}"."search_vector"'

    # No WITH: pghistory's middleware puts two set_config() calls before every statement of
    # a request that does not begin with SELECT (0.2 ms a search).
    sql = _Sql().add(
        "SELECT id, date, rank, false AS is_symbol FROM"
        f" (SELECT id, date, ts_rank(search_vector, {query}) AS rank FROM (",
        folded,
        folded,
    )
    if window_start is None:
        _from_within(sql.add("("), queryset, matches, *match_params, columns=vectors)
        sql.add(f" {newest_first} LIMIT %s)", SEARCH_CANDIDATES)
    else:
        # The window's part is read on the newest documents' own index when it exists
        # (documents.services.document_search_index_refresh): its condition implies the
        # index's, and Postgres sees the date written in the statement.
        in_window = f'{matches} AND "{table}"."date" >= %s'
        _from_within(
            sql.add("("), queryset, in_window, *match_params, window_start, columns=vectors
        )
        sql.add(f" {newest_first} LIMIT %s) UNION ALL (", SEARCH_CANDIDATES)
        before = f'{matches} AND "{table}"."date" < %s'
        _from_within(sql, queryset, before, *match_params, window_start, columns=vectors)
        sql.add(f" {newest_first} LIMIT %s)", SEARCH_CANDIDATES)
    sql.add(") candidates LIMIT %s) text_matches UNION ALL ", SEARCH_CANDIDATES)
    # The documents whose symbol is the text.
    symbol = f'crm_fold("{table}"."symbol") = %s'
    _from_within(sql, queryset, symbol, folded, columns="true", ranked=folded)
    # Best first: the exact symbol, then the rank, then the newest. Sorted here, not in
    # Python: 250 rows' keys cost more there than the sort does in Postgres.
    sql.add(" ORDER BY is_symbol DESC, rank DESC, date DESC, id DESC")
    with connection.cursor() as cursor:
        cursor.execute(str(sql), sql.params)
        rows = cursor.fetchall()
    found = [pk for pk, _date, _rank, is_symbol in rows if not is_symbol]
    if len(found) < SEARCH_CANDIDATES:
        filed = _filed_under_axes(queryset, folded, SEARCH_CANDIDATES - len(found), found)
        if filed:
            rows = sorted(
                [*rows, *((pk, date, rank, False) for pk, date, rank in filed)],
                key=lambda row: (not row[3], -row[2], -row[1].toordinal(), -row[0]),
            )
    # A document whose symbol is the text and which the text also finds comes once, first.
    return list(dict.fromkeys(row[0] for row in rows))


def _from_within(
    sql: _Sql, queryset: QuerySet, condition: str, *params, columns: str = "", ranked=""
) -> _Sql:
    """Add a SELECT of documents' id and date within queryset and condition to sql.

    columns: more of them, as SQL; ranked: the folded text, to rank each row by it.
    """
    table = Document._meta.db_table
    within, within_params, has_where = _within(queryset)
    sql.add(f'SELECT "{table}"."id", "{table}"."date"')
    if ranked:
        sql.add(f', ts_rank("{table}"."search_vector", {SEARCH_QUERY_SQL}) AS rank', ranked, ranked)
    if columns:
        sql.add(f", {columns}")
    sql.add(f" {within}", *within_params)
    return sql.add(f" {'AND' if has_where else 'WHERE'} {condition}", *params)


def _filed_under_axes(
    queryset: QuerySet, folded: str, slots: int, found: list[int]
) -> list[tuple[int, object, float]]:
    """Return (id, date, rank) of the newest documents filed under an axis the text names.

    "migration development" finds a document filed under "Migration and development" even
    when its text exists only in Spanish. found: the ids the text found, left out. A word
    common enough to fill every slot never comes here: it would test every document filed
    under the axis. With no axis named (most searches), no document is read.
    """
    table = Document._meta.db_table
    axis_links = Document.thematic_axes.through._meta.db_table
    # Written twice rather than in a WITH (see document_search_ids): read once each.
    matching_axes = (
        f"FROM {ThematicAxis._meta.db_table} matching_axes WHERE"
        " (to_tsvector('spanish'::regconfig, COALESCE(crm_fold(matching_axes.name_es), ''))"
        " || to_tsvector('english'::regconfig, COALESCE(crm_fold(matching_axes.name_en), '')))"
        f" @@ {SEARCH_QUERY_SQL}"
    )
    sql = _Sql()
    _from_within(
        sql,
        queryset,
        # Read once, before any document: with no axis named, the statement reads nothing.
        f"EXISTS (SELECT 1 {matching_axes})"
        f" AND EXISTS (SELECT 1 FROM {axis_links} link"
        f' WHERE link.document_id = "{table}"."id"'
        f" AND link.thematicaxis_id IN (SELECT matching_axes.id {matching_axes}))"
        f' AND NOT "{table}"."id" = ANY(%s)',
        folded,
        folded,
        folded,
        folded,
        found,
        ranked=folded,
    )
    sql.add(f' ORDER BY "{table}"."date" DESC, "{table}"."id" DESC LIMIT %s', slots)
    with connection.cursor() as cursor:
        cursor.execute(str(sql), sql.params)
        return cursor.fetchall()


@functools.lru_cache(maxsize=8)
def _list_page_select(language: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The SELECT list of for_list_page() as the ORM writes it, and the names it fills.

    Compiled once per language (modeltranslation chooses the title's columns by it): the
    fields' attribute names, in the model's order, then the annotations'.
    """
    compiler = Document.objects.for_list_page().order_by().query.get_compiler(DEFAULT_DB_ALIAS)
    sql, params = compiler.as_sql()
    if params:
        raise ValueError("for_list_page() is expected to take no parameters")
    select = sql[len("SELECT ") : sql.rindex(f' FROM "{Document._meta.db_table}"')]
    fields = tuple(
        compiler.select[index][0].target.attname for index in compiler.klass_info["select_fields"]
    )
    annotations = tuple(sorted(compiler.annotation_col_map, key=compiler.annotation_col_map.get))
    return select, fields, annotations


def document_page_rows(
    queryset: QuerySet, ids: list[int], *, extra: dict[str, tuple[str, list]]
) -> list[Document]:
    """Return the documents of ids within queryset, as for_list_page() loads them, unordered.

    extra: more columns, by name, as SQL and its parameters (the snippets' sources). One
    statement written around the ORM's SQL for the list's columns (compiled once) and the
    reader's conditions: built by the ORM, the same read of twenty rows cost twice as much
    in Python as in Postgres (make bench).
    """
    select, fields, annotations = _list_page_select(get_language() or settings.LANGUAGE_CODE)
    within, within_params, has_where = _within(queryset)
    table = Document._meta.db_table
    sql = _Sql().add(f"SELECT {select}")
    for name, (expression, params) in extra.items():
        sql.add(f', {expression} AS "{name}"', *params)
    sql.add(f" {within}", *within_params)
    sql.add(f' {"AND" if has_where else "WHERE"} "{table}"."id" = ANY(%s)', list(ids))
    with connection.cursor() as cursor:
        cursor.execute(str(sql), sql.params)
        rows = cursor.fetchall()
    names, count = (*annotations, *extra), len(fields)
    documents = []
    for row in rows:
        document = Document.from_db(DEFAULT_DB_ALIAS, fields, row[:count])
        for name, value in zip(names, row[count:], strict=True):
            setattr(document, name, value)
        documents.append(document)
    return documents


def document_search(queryset: QuerySet, text: str) -> QuerySet:
    """Keep the documents matching text, best first (see document_search_ids)."""
    order = document_search_ids(queryset, text)
    if order is None:
        return queryset
    position = Func(
        Value(order, output_field=ArrayField(BigIntegerField())),
        F("pk"),
        function="array_position",
        output_field=IntegerField(),
    )
    return (
        queryset.filter(pk__any=order)
        .annotate(search_position=position)
        .order_by("search_position")
    )


def document_library(*, user, filters: LibraryFilters) -> QuerySet:
    """Return the documents a user may see, filtered and searched as the library asks."""
    queryset = document_filtered(user=user, filters=filters)
    if filters.q.strip():
        queryset = document_search(queryset, filters.q)
    return queryset


def document_filtered(*, user, filters: LibraryFilters) -> QuerySet:
    """Return the documents a user may see, filtered as the library asks (not searched)."""
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


# The unfiltered list's total and its range of years, per set of distributions a reader may
# see: counting 80,000 public rows on every page cost more than the rest of the page. Kept
# in the cache until a document is saved or deleted (documents/apps.py), at most this long
# (bulk writes send no signal).
LISTING_FIGURES_KEY = "documents:listing-figures:3"
LISTING_FIGURES_SECONDS = 600


@dataclass(frozen=True)
class ListingFigures:
    """How many documents a reader may see, and the first and last year among them."""

    total: int
    first_year: int | None
    last_year: int | None
    # Where a search splits the library (document_search_split), read with the rest.
    search_window_start: object = None
    # New whenever the figures are counted again, that is after any change to the library:
    # a search's cached results (document_results_cached) are good for this version only.
    version: str = ""


def _distributions_slot(user) -> str:
    """Name the set of distributions a user may read: readers with the same set share."""
    distributions = access.document_distributions(user)
    return ",".join(sorted(distributions)) if distributions is not None else "*"


def document_listing_figures(user, *, cached=None) -> ListingFigures:
    """Return the reader's unfiltered total and years: one cache read, or one query.

    cached: the cache's entry when the caller has already read it (document_list_cached).
    """
    slot = _distributions_slot(user)
    known = (cached if cached is not None else cache.get(LISTING_FIGURES_KEY)) or {}
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
                search_window_start=document_search_split(),
                version=uuid.uuid4().hex,
            ),
        }
        cache.set(LISTING_FIGURES_KEY, known, LISTING_FIGURES_SECONDS)
    return known[slot]


def document_listing_figures_forget(**_kwargs) -> None:
    """Drop the cached totals and years, and so every cached search (the library changed)."""
    cache.delete(LISTING_FIGURES_KEY)


# A search's page of results, as the list shows it (its ranked ids and its items' markup),
# per reader's distributions, language, words, filters and page number. Popular searches
# repeat ("migración", "remesas"): drawn again, a page cost its full-text ranking, its
# snippets and its twenty items. Kept in each server process's memory (the "search_results"
# cache), valid only under the library's current version (ListingFigures.version), which
# changes when a document, its files, its axes or its authors change (documents/apps.py).
SEARCH_RESULTS_SECONDS = LISTING_FIGURES_SECONDS


@dataclass(frozen=True)
class CachedResults:
    """One page of a search: every ranked id (for the count and the pages) and its items."""

    version: str
    ids: list
    items: list


def document_results_key(user, query) -> str:
    """Name one page of one search (query: the request's GET) for one kind of reader."""
    slot = _distributions_slot(user)
    asked = sorted((name, tuple(values)) for name, values in query.lists())
    language = (get_language() or "es")[:2]
    digest = hashlib.sha256(repr((slot, language, asked)).encode()).hexdigest()
    return f"documents:search:{digest}"


def document_results_cached(key: str, figures: ListingFigures) -> CachedResults | None:
    """Return the page kept under key if the library has not changed since, else None."""
    kept = caches["search_results"].get(key)
    return kept if kept is not None and kept.version == figures.version else None


def document_results_keep(key: str, results: CachedResults) -> None:
    """Keep one page of a search for the next reader asking the same."""
    caches["search_results"].set(key, results, SEARCH_RESULTS_SECONDS)


# What the library's filter form offers, per language: three small tables read on every
# page, and their model instances built, cost more than the search itself. Kept until an
# axis, a group or a country is saved or deleted (documents/apps.py), at most this long.
FILTER_CHOICES_KEY = "documents:filter-choices"


@dataclass(frozen=True)
class FilterChoices:
    """The (value, label) pairs of the library's axis, group and country filters."""

    axes: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    countries: list = field(default_factory=list)


def _in_language(prefix: str) -> str:
    """Name the entry of a cache kept per language, in the active language."""
    return f"{prefix}:{(get_language() or 'es')[:2]}"


def _forget_in_every_language(prefix: str) -> None:
    """Drop the entries of a cache kept per language, in every language."""
    cache.delete_many([f"{prefix}:{code}" for code, _name in settings.LANGUAGES])


def _filter_choices_key() -> str:
    return _in_language(FILTER_CHOICES_KEY)


def document_filter_choices(*, cached=None) -> FilterChoices:
    """Return the filters' choices in the active language: one cache read, or three queries."""
    key = _filter_choices_key()
    choices = cached if cached is not None else cache.get(key)
    if choices is None:
        choices = FilterChoices(
            axes=[(axis.slug, str(axis)) for axis in ThematicAxis.objects.all()],
            groups=[(group.pk, str(group)) for group in WorkingGroup.objects.by_name()],
            countries=[(country.iso_code, str(country)) for country in Country.objects.by_name()],
        )
        cache.set(key, choices, LISTING_FIGURES_SECONDS)
    return choices


def document_filter_choices_forget(**_kwargs) -> None:
    """Drop the cached choices in every language (an axis, group or country changed)."""
    _forget_in_every_language(FILTER_CHOICES_KEY)


# The names a list's items give their authors, per language: the list reads its documents
# alone (no join to three tables, whose columns cost more to build than the rows). Kept
# until a country, an institution or a presidency is saved or deleted (documents/apps.py).
# The entry is a pickled AuthorNames: a new key (":2") whenever that class changes.
AUTHOR_NAMES_KEY = "documents:author-names:1"


@dataclass(frozen=True)
class AuthorNames:
    """Each author's name in one language, as Document.author_display writes it, by id."""

    countries: dict = field(default_factory=dict)
    institutions: dict = field(default_factory=dict)
    presidencies: dict = field(default_factory=dict)

    def of(self, document: Document) -> str:
        """Name the author of a document read without its author's row."""
        kind, kinds = document.author_kind, Document.AuthorKind
        names = {
            kinds.COUNTRY: (self.countries, document.author_country_id),
            kinds.INSTITUTION: (self.institutions, document.author_institution_id),
            kinds.PRESIDENCY: (self.presidencies, document.author_presidency_id),
        }.get(kind)
        if names is not None and names[1] in names[0]:
            return names[0][names[1]]
        # The Secretariat, or an author newer than these names: the model's own answer.
        return document.author_display


def _author_names_key() -> str:
    return _in_language(AUTHOR_NAMES_KEY)


def document_author_names(*, cached=None) -> AuthorNames:
    """Return the authors' names in the active language: one cache read, or three queries."""
    key = _author_names_key()
    names = cached if cached is not None else cache.get(key)
    if names is None:
        names = AuthorNames(
            countries={country.pk: str(country) for country in Country.objects.all()},
            institutions={
                institution.pk: str(institution) for institution in Institution.objects.all()
            },
            presidencies={
                presidency.pk: str(Document.presidency_as_author(presidency))
                for presidency in Presidency.objects.select_related("country")
            },
        )
        cache.set(key, names, LISTING_FIGURES_SECONDS)
    return names


def document_author_names_forget(**_kwargs) -> None:
    """Drop the authors' names in every language (a country, institution or presidency)."""
    _forget_in_every_language(AUTHOR_NAMES_KEY)


@dataclass(frozen=True)
class LibraryCached:
    """What the library's list reads from the cache on every page."""

    figures: ListingFigures
    choices: FilterChoices
    authors: AuthorNames


def document_list_cached(user) -> LibraryCached:
    """Return the reader's totals, the filters' choices and the authors' names: one read."""
    keys = [LISTING_FIGURES_KEY, _filter_choices_key(), _author_names_key()]
    cached = cache.get_many(keys)
    return LibraryCached(
        figures=document_listing_figures(user, cached=cached.get(LISTING_FIGURES_KEY, {})),
        choices=document_filter_choices(cached=cached.get(_filter_choices_key())),
        authors=document_author_names(cached=cached.get(_author_names_key())),
    )
