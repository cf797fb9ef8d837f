"""The library's admin list at 100,000 documents: counts that cost a bounded time.

Django's list counts every matching row for its paginator and then every row again for
"N total": at 100,000 documents a search for a common word spent 320 ms counting. The
unfiltered total is the cached figure the public list uses; a filtered or searched list
counts at most ADMIN_COUNT_CAP rows and says "more than" past it.
"""

from functools import cached_property

from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, ChangeList
from django.core.paginator import Paginator

from documents.selectors import document_listing_figures

# Ten pages of a hundred: past this, narrowing the search serves better than paging.
ADMIN_COUNT_CAP = 1_000


def listing_figures(request):
    """The reader's cached totals, read once per request (the list asks three times)."""
    if not hasattr(request, "_library_figures"):
        request._library_figures = document_listing_figures(request.user)
    return request._library_figures


class CappedCountPaginator(Paginator):
    """Count at most `cap` rows (`capped` says there were more), or trust a known total."""

    def __init__(self, object_list, per_page, *, cap=None, known_total=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = ADMIN_COUNT_CAP if cap is None else cap
        self.known_total = known_total
        self.capped = False

    @cached_property
    def count(self) -> int:
        if self.known_total is not None:
            return self.known_total
        # Only the ids: the counted rows compute none of the list's columns.
        counted = self.object_list.order_by().values("pk")[: self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)


class LibraryChangeList(ChangeList):
    """A changelist whose totals come from the cached figures and a capped count.

    Its rows' links (one reverse() per page, the filters encoded once) are written by
    core.admin.fast_row, as every changelist's.
    """

    def get_results(self, request):
        super().get_results(request)
        # The admin's rows are Document.objects.visible_to(user), as the cached figures.
        self.full_result_count = listing_figures(request).total
        self.show_full_result_count = True
        self.show_admin_actions = bool(self.full_result_count)
        self.result_count_capped = getattr(self.paginator, "capped", False)


class CappedCountAdminMixin:
    """Use LibraryChangeList and CappedCountPaginator (a ModelAdmin of documents)."""

    # LibraryChangeList gives the total without the second COUNT Django would run.
    show_full_result_count = False

    def get_changelist(self, request, **kwargs):
        return LibraryChangeList

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        unfiltered = all(name in (ORDER_VAR, PAGE_VAR) for name in request.GET)
        known_total = listing_figures(request).total if unfiltered else None
        return CappedCountPaginator(
            queryset,
            per_page,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
            known_total=known_total,
        )
