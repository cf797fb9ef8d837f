"""Contact lists to take away: PDF, XLSX, vCard, a BCC list, and the PDFs prepared on the queue.

A list is a working group's (`group`), a country's (`country`) or the whole directory's
(`directory`); who may read which, and which of its rows, is accounts.selectors' and
focal_points.access' business. Every answer here is for a signed-in person only.
"""

import os

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.contact_lists.exports import (
    contact_export_request,
    contact_export_still_allowed,
    pdf_is_prepared_on_the_queue,
)
from accounts.contact_lists.pdf import contact_list_pdf
from accounts.contact_lists.rows import contact_list_read
from accounts.contact_lists.vcard import VERSIONS, contact_list_vcards
from accounts.contact_lists.xlsx import contact_list_xlsx
from accounts.models import ContactExport
from accounts.selectors import (
    contact_countries_visible_to,
    contact_designations,
    contact_groups_visible_to,
)
from focal_points import access

GROUP, COUNTRY, DIRECTORY = "group", "country", "directory"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "vcf": "text/vcard; charset=utf-8",
}
FORMAT_LABELS = [
    ("pdf", gettext_lazy("PDF")),
    ("xlsx", gettext_lazy("Spreadsheet (XLSX)")),
    ("vcf", gettext_lazy("Address book (vCard 4.0)")),
]


def _args(kind: str, key) -> list:
    return [] if kind == DIRECTORY else [key]


def download_links(kind: str, key=None) -> list[tuple[str, str]]:
    """Return (label, URL) of every download of one list, the BCC page last."""
    links = [
        (label, reverse(f"accounts:{kind}_contacts_download", args=[*_args(kind, key), fmt]))
        for fmt, label in FORMAT_LABELS
    ]
    vcard = reverse(f"accounts:{kind}_contacts_download", args=[*_args(kind, key), "vcf"])
    links.append((_("vCard 3.0 (older address books)"), f"{vcard}?version=3.0"))
    links.append(
        (_("Addresses for BCC"), reverse(f"accounts:{kind}_contacts_bcc", args=_args(kind, key)))
    )
    return links


def _private(response):
    # Contact details: never kept by a shared cache or the browser's disk cache.
    response["Cache-Control"] = "private, no-store"
    return response


class SignedInContactsMixin:
    """Signed-in readers of contact lists only; the list named in the URL, or a refusal."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")
        if not access.may_read_contact_lists(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def target(self, kind: str, key):
        """Return (working_group, country) of the list, refusing what the user may not read."""
        user = self.request.user
        if kind == GROUP:
            return get_object_or_404(contact_groups_visible_to(user), pk=key), None
        if kind == COUNTRY:
            if access.designation_scope(user) is None:
                raise PermissionDenied
            return None, get_object_or_404(contact_countries_visible_to(user), iso_code=key.upper())
        if not access.may_read_all_contacts(user):
            raise PermissionDenied
        return None, None


class ContactListDownloadView(SignedInContactsMixin, View):
    """One list as a PDF, an XLSX sheet or vCards; a large PDF is prepared on the queue."""

    kind = GROUP

    def get(self, request, key=None, fmt="pdf"):
        if fmt not in CONTENT_TYPES:
            raise Http404
        working_group, country = self.target(self.kind, key)
        version = request.GET.get("version", "4.0")
        if fmt == "vcf" and version not in VERSIONS:
            return HttpResponseBadRequest(_("Ask for vCard version 4.0 or 3.0."))
        if fmt == "pdf":
            people = (
                contact_designations(request.user, working_group=working_group, country=country)
                .order_by()
                .values("focal_point_id")
                .distinct()
                .count()
            )
            if pdf_is_prepared_on_the_queue(people):
                contact_export_request(
                    user=request.user, working_group=working_group, country=country
                )
                messages.info(
                    request,
                    _(
                        "This list is long: its PDF is being prepared. It will be offered "
                        "here for download in a few minutes."
                    ),
                )
                return redirect("accounts:contact_exports")
        contact_list = contact_list_read(
            user=request.user, working_group=working_group, country=country
        )
        if fmt == "pdf":
            content = contact_list_pdf(contact_list)
        elif fmt == "xlsx":
            content = contact_list_xlsx(contact_list)
        else:
            content = contact_list_vcards(contact_list, version=version).encode()
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{contact_list.filename(fmt)}"'
        return _private(response)


class ContactListBccView(SignedInContactsMixin, View):
    """Every address of a list, ready to paste in a BCC field, and a mailto: link if it fits."""

    kind = GROUP

    def get(self, request, key=None):
        working_group, country = self.target(self.kind, key)
        contact_list = contact_list_read(
            user=request.user, working_group=working_group, country=country
        )
        response = render(
            request,
            "accounts/contact_list_bcc.html",
            {
                "contact_list": contact_list,
                "emails": contact_list.emails(),
                "mailto": contact_list.mailto(),
                "back": reverse("accounts:group_contacts", args=[key])
                if self.kind == GROUP
                else reverse("accounts:contacts"),
            },
        )
        return _private(response)


class ContactExportListView(SignedInContactsMixin, View):
    """The PDFs prepared for this person, with their state and until when they are kept."""

    def get(self, request):
        exports = (
            ContactExport.objects.visible_to(request.user)
            .kept()
            .select_related("working_group", "country")
            .order_by("-requested_at", "-pk")[:50]
        )
        context = {"exports": exports, "keep_days": settings.CONTACT_EXPORT_KEEP_DAYS}
        return _private(render(request, "accounts/contact_exports.html", context))


class ContactExportDownloadView(SignedInContactsMixin, View):
    """A prepared PDF, for the person who asked for it while they may still read the list."""

    def get(self, request, pk):
        export = get_object_or_404(
            ContactExport.objects.visible_to(request.user).kept().select_related("requested_by"),
            pk=pk,
            status=ContactExport.Status.READY,
        )
        if not contact_export_still_allowed(export):
            raise Http404
        try:
            handle = export.file.open("rb")
        except FileNotFoundError:  # the clean-up deleted it a moment ago
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=os.path.basename(export.file.name),
            content_type=CONTENT_TYPES[export.file_format],
        )
        return _private(response)
