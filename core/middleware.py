"""Middleware of the ground floor: refuse input no page can mean before any view reads it."""

from django.core.exceptions import BadRequest
from django.http import Http404

NUL = "\x00"


class RefuseNulCharactersMiddleware:
    """Answer 404 to a path and 400 to query parameters that hold a NUL character.

    PostgreSQL refuses NUL inside text, so a `%00` typed into an address (a country code, a
    list filter) would otherwise reach the database and end in a server error. Form fields
    refuse NUL themselves (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path:
            raise Http404
        for key, values in request.GET.lists():
            if NUL in key or any(NUL in value for value in values):
                raise BadRequest("NUL character in the query string")
        return self.get_response(request)
