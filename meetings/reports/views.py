"""The report's pages for the Presidency in office and the Secretariat: preview, PDF, publish."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from focal_points import access
from focal_points.models import WorkingGroup
from meetings.reports.forms import ReportForm
from meetings.reports.handover import handover_package
from meetings.reports.pdf import report_context, report_pdf
from meetings.reports.publishing import report_publish
from meetings.reports.selectors import grcm_meetings, presidency_report


class ReportProducerMixin(AccessMixin):
    """Staff who produce the Presidency's reports; others sign in, or are refused."""

    # Staff pages: anyone not signed in is sent to the admin's password sign-in.
    login_url = "admin:login"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not access.may_produce_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GroupReportMixin(ReportProducerMixin):
    def group(self) -> WorkingGroup:
        return get_object_or_404(
            WorkingGroup.objects.visible_to(self.request.user).active(), slug=self.kwargs["slug"]
        )

    def form(self) -> ReportForm:
        data = self.request.POST if self.request.method == "POST" else self.request.GET
        return ReportForm(data or None, initial={"meeting": grcm_meetings().first()})


class ReportIndexView(ReportProducerMixin, View):
    """The groups whose report can be produced, and the handover package."""

    def get(self, request):
        groups = WorkingGroup.objects.visible_to(request.user).active().by_name()
        return render(request, "meetings/report_index.html", {"groups": groups})


class ReportView(GroupReportMixin, View):
    """Choose the meeting, period, language and text; preview the report as a page."""

    def get(self, request, slug):
        return self._render(request)

    def post(self, request, slug):
        return self._render(request)

    def _render(self, request):
        group, form = self.group(), self.form()
        context = {"group": group, "form": form}
        if form.is_bound and form.is_valid():
            language = form.cleaned_data["language"]
            with translation.override(language):
                report = presidency_report(
                    working_group=group,
                    meeting=form.cleaned_data["meeting"],
                    period=form.period(),
                    presidency_text=form.text(language),
                )
                # The names of the unreachable are for the staff's page, never the PDF (it is
                # published to the library, which focal points read).
                context.update(report_context(report), language=language, show_people=True)
                # The preview is rendered in the report's language, the page around it not.
                context["preview"] = _render_preview(request, context)
        status = 400 if form.is_bound and not form.is_valid() else 200
        return render(request, "meetings/report.html", context, status=status)


def _render_preview(request, context) -> str:
    return render_to_string("meetings/includes/report_body.html", context, request=request)


class ReportPdfView(GroupReportMixin, View):
    """Send the report as a PDF in the chosen language."""

    def get(self, request, slug):
        return self._pdf(request)

    def post(self, request, slug):
        return self._pdf(request)

    def _pdf(self, request):
        group, form = self.group(), self.form()
        if not form.is_bound or not form.is_valid():
            return render(
                request, "meetings/report.html", {"group": group, "form": form}, status=400
            )
        language = form.cleaned_data["language"]
        meeting = form.cleaned_data["meeting"]
        with translation.override(language):
            report = presidency_report(
                working_group=group,
                meeting=meeting,
                period=form.period(),
                presidency_text=form.text(language),
            )
            data = report_pdf(report, language=language)
        response = HttpResponse(data, content_type="application/pdf")
        filename = f"report-{group.slug}-{meeting.slug}-{language}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


class ReportPublishView(GroupReportMixin, View):
    """Publish the report in both languages as a new version in the library (POST)."""

    http_method_names = ["post"]

    def post(self, request, slug):
        group, form = self.group(), self.form()
        if not form.is_valid():
            return render(
                request, "meetings/report.html", {"group": group, "form": form}, status=400
            )
        publication = report_publish(
            working_group=group,
            meeting=form.cleaned_data["meeting"],
            period=form.period(),
            presidency_text_es=form.cleaned_data.get("text_es", ""),
            presidency_text_en=form.cleaned_data.get("text_en", ""),
            user=request.user,
        )
        messages.success(
            request,
            _("The report was published as version %(version)s (restricted distribution).")
            % {"version": publication.version},
        )
        return redirect(reverse("documents:detail", args=[publication.document_id]))


class HandoverView(ReportProducerMixin, View):
    """Send the handover package for the incoming presidency as a dated ZIP."""

    def get(self, request):
        filename, data = handover_package(
            user=request.user, language=translation.get_language() or "es"
        )
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
