"""The members' archive: the circulars sent to the signed-in focal point, and one's text."""

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views.generic import ListView, TemplateView

from accounts.views import FocalPointRequiredMixin
from documents.models import Document
from meetings.models import CircularDelivery

PAGE_SIZE = 20


def _own_deliveries(focal_point):
    return CircularDelivery.objects.filter(focal_point=focal_point).select_related("circular")


class CircularArchiveView(FocalPointRequiredMixin, ListView):
    """The circulars sent to me, newest first."""

    template_name = "meetings/circular_archive.html"
    context_object_name = "deliveries"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return _own_deliveries(self.focal_point).order_by("-circular__queued_at", "-pk")


class CircularArchiveDetailView(FocalPointRequiredMixin, TemplateView):
    """One circular sent to me, in the page's language (the other one if it has only that)."""

    template_name = "meetings/circular_archive_detail.html"

    def get_context_data(self, pk: int, **kwargs):
        context = super().get_context_data(**kwargs)
        delivery = get_object_or_404(_own_deliveries(self.focal_point), circular_id=pk)
        circular = delivery.circular
        written = circular.languages()
        language = (get_language() or "es")[:2]
        shown = language if language in written else written[0]
        context.update(
            delivery=delivery,
            circular=circular,
            subject=getattr(circular, f"subject_{shown}"),
            body=getattr(circular, f"body_{shown}"),
            shown_language=shown,
            documents=Document.objects.visible_to(self.request.user)
            .filter(circulars=circular)
            .order_by("pk"),
        )
        return context
