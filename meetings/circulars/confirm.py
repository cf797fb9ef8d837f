"""The page a communication test's link opens: a button that records the confirmation."""

from django.http import Http404
from django.shortcuts import render
from django.views import View

from meetings.circulars.links import ConfirmLinkExpired, circular_delivery_from_token
from meetings.circulars.reach import circular_delivery_confirm_receipt


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

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ConfirmLinkExpired:
            # A genuine link, months old: say so (410) rather than "not found".
            response = render(request, self.template_name, {"expired": True}, status=410)
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex"
            return response

    def get(self, request, token: str):
        return self._render(request, self._delivery(token))

    def post(self, request, token: str):
        # No sign-in: the signed link is the proof. A second click records nothing new.
        delivery = self._delivery(token)
        just_confirmed = circular_delivery_confirm_receipt(delivery=delivery)
        delivery.refresh_from_db(fields=["confirmed_at"])
        return self._render(request, delivery, just_confirmed=just_confirmed)
