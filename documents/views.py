"""Library pages: the list with search and filters, a document's page, its downloads."""

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from core.search import SEARCH_WORDS_LIMIT
from documents import selectors
from documents.forms import LibraryFilterForm
from documents.models import Document, DocumentFile
from documents.selectors import LibraryFilters
from documents.snippets import document_headlines, document_snippet_sources
from documents.templatetags.library import library_item
from focal_points.models import Language

PAGE_SIZE = 20


class DocumentListView(ListView):
    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        cached = selectors.document_list_cached(self.request.user)
        self.figures, self.authors = cached.figures, cached.authors
        this_year = timezone.localdate().year
        first = self.figures.first_year or this_year
        last = self.figures.last_year or this_year
        self.form = LibraryFilterForm(
            self.request.GET, years=range(last, first - 1, -1), choices=cached.choices
        )
        self.filters = self.form.to_filters()
        self.filtered = filtered = selectors.document_filtered(
            user=self.request.user, filters=self.filters
        )
        self.search_ids = self.results_key = self.kept = None
        if self.filters.q.strip():
            if not self.filters.meeting:
                # Not a meeting's documents: which meetings one sees is not the library's rule.
                self.results_key = selectors.document_results_key(
                    self.request.user, self.request.GET
                )
                self.kept = selectors.document_results_cached(self.results_key, self.figures)
            if self.kept is not None:
                self.search_ids = self.kept.ids
            else:
                self.search_ids = selectors.document_search_ids(
                    filtered, self.filters.q, window_start=self.figures.search_window_start
                )
        if self.search_ids is not None:
            # A search knows its results' order and number: the paginator pages the ids
            # (no COUNT) and only the page's twenty documents are read (get_context_data).
            return self.search_ids
        return filtered.for_list_page()

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        paginator = super().get_paginator(
            queryset, per_page, orphans, allow_empty_first_page, **kwargs
        )
        if self.filters == LibraryFilters():
            # The unfiltered total is known (cached): no COUNT over the whole library.
            paginator.count = self.figures.total
        return paginator

    def paginate_queryset(self, queryset, page_size):
        """Answer a page number past the end (or not a number) with the last page, and say so."""
        self.missing_page = None
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            self.missing_page = self.request.GET.get("page", "")[:20]
            paginator = self.get_paginator(queryset, page_size)
            page = paginator.page(paginator.num_pages)
            return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The same search, asked before since the library last changed: its page as drawn.
        items = self.kept.items if self.kept is not None else self._draw_items(context)
        query = self.request.GET.copy()
        query.pop("page", None)
        total = context["paginator"].count if context.get("paginator") else len(items)
        context.update(
            items=items,
            # One string for the template: its loop cost more than the items' own joining.
            items_html=mark_safe("\n  ".join(items)),  # noqa: S308 -- each item is escaped
            form=self.form,
            filters=self.filters,
            query_string=query.urlencode(),
            total=total,
            search_capped=bool(self.filters.q.strip()) and total >= selectors.SEARCH_CANDIDATES,
            search_cap=selectors.SEARCH_CANDIDATES,
            search_truncated=self.form.search_truncated,
            search_words_limit=SEARCH_WORDS_LIMIT,
            missing_page=self.missing_page,
            is_filtered=any(value for name, value in self.request.GET.items() if name != "page"),
        )
        return context

    def _draw_items(self, context) -> list:
        """Read the page's documents (with their snippets when searched) and write its items."""
        page_documents = list(context["documents"])
        if self.search_ids is not None:
            # The page's rows bring the text their snippets are cut from (one query less),
            # unordered: they are put in the search's order here.
            rows = selectors.document_page_rows(
                self.filtered, page_documents, extra=document_snippet_sources(self.filters.q)
            )
            found = {d.pk: d for d in rows}
            page_documents = [found[pk] for pk in page_documents if pk in found]
            context["documents"] = context["object_list"] = page_documents
        headlines = document_headlines(page_documents, self.filters.q)
        for document in page_documents:
            document.snippet = headlines.get(document.pk)
        items = [library_item(document, self.authors) for document in page_documents]
        if self.results_key is not None:
            selectors.document_results_keep(
                self.results_key,
                selectors.CachedResults(
                    version=self.figures.version, ids=self.search_ids, items=items
                ),
            )
        return items


class DocumentDetailView(DetailView):
    template_name = "documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        # Not visible is not found: a guessed address reveals nothing (404, never 403).
        return Document.objects.visible_to(self.request.user).for_listing().with_classification()


def download_filename(document: Document, document_file: DocumentFile) -> str:
    """Name the downloaded file after the symbol (or the Spanish title) and its language."""
    stem = slugify(document.symbol.replace("/", "-")) if document.symbol else ""
    stem = stem or slugify(document.title_es or "")[:60].strip("-") or f"document-{document.pk}"
    extension = document_file.file_format or document_file.file.name.rsplit(".", 1)[-1]
    return f"{stem}-{document_file.language}.{extension}"


@require_GET
def document_download(request, pk: int, language: str):
    """Send one language version to someone allowed to see the document."""
    if language not in Language.values:
        # Checked before any query: a NUL byte or a long string must not reach Postgres.
        raise Http404(_("This document has no file in that language."))
    document = get_object_or_404(
        Document.objects.visible_to(request.user).only("pk", "symbol", "title_es", "distribution"),
        pk=pk,
    )
    document_file = get_object_or_404(
        DocumentFile.objects.defer("extracted_text"), document=document, language=language
    )
    filename = download_filename(document, document_file)
    prefix = getattr(settings, "DOCUMENTS_X_ACCEL_REDIRECT_PREFIX", "")
    if prefix:
        # The web server reads the bytes from its internal location; Python only decides.
        response = HttpResponse(content_type=document_file.content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{quote(document_file.file.name)}"
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        try:
            stored = document_file.file.storage.open(document_file.file.name, "rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404(_("The file of this document is missing.")) from error
        response = FileResponse(
            stored,
            as_attachment=True,
            filename=filename,
            content_type=document_file.content_type,
        )
    response["X-Content-Type-Options"] = "nosniff"
    # Restricted copies must not sit in a shared cache.
    response["Cache-Control"] = "public, max-age=3600" if document.is_public else "private"
    return response
