"""The floor every page is measured against: a bare view behind the portal's whole stack.

The bench serves it from a URL configuration of its own (bench.floor.urlpatterns includes
the portal's), so the portal never exposes it.
"""

from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from crm_portal.urls import urlpatterns as portal_urlpatterns

FLOOR_PATH = "/bench-floor/"
_TEMPLATE = engines["django"].from_string("<!doctype html><title>{{ title }}</title><p>{{ n }}</p>")


def floor_view(request):
    """Answer SELECT 1 through a tiny template: the least a page can cost."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (n,) = cursor.fetchone()
    return HttpResponse(_TEMPLATE.render({"title": "floor", "n": n}, request))


urlpatterns = [path(FLOOR_PATH.strip("/") + "/", floor_view), *portal_urlpatterns]
