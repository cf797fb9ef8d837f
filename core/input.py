"""Refuse request input the database cannot take (NUL bytes) before it reaches a query."""

from django.http import HttpResponseRedirect

# Django admin's own flag for "the filters were wrong": the list opens without them.
ADMIN_ERROR_FLAG = "e"


def query_has_nul(query) -> bool:
    """Return whether any key or value of a QueryDict holds a NUL byte (Postgres refuses it)."""
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())


class NulSafeChangelistMixin:
    """Open the admin list without its filters when one holds a NUL byte, instead of a 500.

    Postgres refuses NUL in a text literal, and the admin passes `?type__exact=` values to
    the database as they come. Same answer as Django gives to any wrong filter.
    """

    def changelist_view(self, request, extra_context=None):
        if query_has_nul(request.GET):
            return HttpResponseRedirect(f"{request.path}?{ADMIN_ERROR_FLAG}=1")
        return super().changelist_view(request, extra_context)
