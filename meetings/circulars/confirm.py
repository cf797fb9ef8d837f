"""The page a communication test's link opens: a button that records the confirmation."""

from django.http import Http404
from django.shortcuts import render
from django.views import View

from meetings.circulars.links import circular_delivery_from_token
from meetings.circulars.services import circular_delivery_confirm


class CircularConfirmView(View):
    """Confirm receipt of a circular: GET shows the button (a mail scanner changes nothing)."""

    template_name = "meetings/circular_confirm.html"

    def _delivery(self, token: str):
        delivery = circular_delivery_from_token(token)
        # A forged or tampered link, or a circular that asked nothing, is not found.
        if delivery is None or not delivery.circular.asks_confirmation:
            raise Http404
        return delivery

    def _render(self, request, delivery, *, just_confirmed=False):
        response = render(
            request,
            self.template_name,
            {
                "delivery": delivery,
                "circular": delivery.circular,
                "just_confirmed": just_confirmed,
            },
        )
        # The address is a key: out of shared caches, other sites' logs and search engines.
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex"
        return response

    def get(self, request, token: str):
        return self._render(request, self._delivery(token))

    def post(self, request, token: str):
        delivery = self._delivery(token)
        circular_delivery_confirm(delivery=delivery)
        delivery.refresh_from_db(fields=["confirmed_at"])
        return self._render(request, delivery, just_confirmed=True)
