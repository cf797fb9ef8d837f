"""Every page of the portal a person can open, named by kind, for the whole-site crawls."""

from dataclasses import dataclass

from django.contrib import admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from django.utils import translation

# Who opens the page: nobody, a signed-in focal point, or the Secretariat (every admin page).
ANONYMOUS, FOCAL_POINT, STAFF = "anonymous", "focal point", "staff"


@dataclass(frozen=True)
class SitePage:
    kind: str
    url: str
    who: str


def _first_pk(model):
    return model._default_manager.order_by("pk").values_list("pk", flat=True).first()


def _admin_pages(staff_user) -> list[SitePage]:
    request = RequestFactory().get("/")
    request.user = staff_user
    pages = [SitePage("admin index", reverse("admin:index"), STAFF)]
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        name = f"{info[0]}.{info[1]}"
        views = ["changelist"]
        if model_admin.has_add_permission(request):
            views.append("add")
        for view in views:
            try:
                url = reverse("admin:{}_{}_{}".format(*info, view))
            except NoReverseMatch:
                continue
            pages.append(SitePage(f"admin {view} {name}", url, STAFF))
        pk = _first_pk(model)
        if pk is None:
            continue
        for view in ("change", "history"):
            try:
                url = reverse("admin:{}_{}_{}".format(*info, view), args=[pk])
            except NoReverseMatch:
                continue
            pages.append(SitePage(f"admin {view} {name}", url, STAFF))
    url = reverse("admin:app_list", args=["focal_points"])
    pages.append(SitePage("admin app index", url, STAFF))
    return pages


def _staff_pages() -> list[SitePage]:
    from focal_points.models import Designation

    designation = Designation.objects.order_by("pk").first()
    pages = [
        SitePage("coverage", reverse("admin:focal_points_coverage"), STAFF),
        SitePage("recent changes", reverse("admin:focal_points_recent_changes"), STAFF),
        SitePage("import", reverse("admin:focal_points_focalpoint_import"), STAFF),
        SitePage("export", reverse("admin:focal_points_focalpoint_export"), STAFF),
        SitePage("admin login", reverse("admin:login"), ANONYMOUS),
    ]
    if designation is not None:
        url = reverse(
            "admin:focal_points_seat_history",
            args=[designation.country_id, designation.working_group_id, designation.role],
        )
        pages.append(SitePage("seat history", url, STAFF))
    return pages


def _public_pages(focal_point_user) -> list[SitePage]:
    from documents.models import Document
    from focal_points.models import Country, WorkingGroup
    from meetings.models import Meeting

    pages = [
        SitePage("home", reverse("home"), ANONYMOUS),
        SitePage("countries", reverse("focal_points:country_list"), ANONYMOUS),
        SitePage("groups", reverse("focal_points:group_list"), ANONYMOUS),
        SitePage("library", reverse("documents:list"), ANONYMOUS),
        SitePage("library search", reverse("documents:list") + "?q=migración", ANONYMOUS),
        SitePage("sign-in", reverse("accounts:sign_in"), ANONYMOUS),
        SitePage("staff sign-in", reverse("accounts:staff_sign_in"), ANONYMOUS),
        SitePage("my entry", reverse("accounts:my_entry"), FOCAL_POINT),
        SitePage("contacts", reverse("accounts:contacts"), FOCAL_POINT),
    ]
    country = Country.objects.members().order_by("pk").first()
    if country is not None:
        url = reverse("focal_points:country_detail", args=[country.iso_code])
        pages.append(SitePage("country", url, ANONYMOUS))
    group = WorkingGroup.objects.order_by("pk").first()
    if group is not None:
        url = reverse("focal_points:group_detail", args=[group.slug])
        pages.append(SitePage("group", url, ANONYMOUS))
    seat = focal_point_user.focal_point.designations.current().order_by("pk").first()
    if seat is not None:
        url = reverse("accounts:group_contacts", args=[seat.working_group_id])
        pages.append(SitePage("group contacts", url, FOCAL_POINT))
    pages += [
        SitePage("meetings", reverse("meetings:list"), ANONYMOUS),
        SitePage("past meetings", reverse("meetings:past"), ANONYMOUS),
        SitePage("calendar address", reverse("meetings:calendar_address"), FOCAL_POINT),
    ]
    meeting = Meeting.objects.visible_to(None).order_by("pk").first()
    if meeting is not None:
        pages.append(
            SitePage("meeting", reverse("meetings:detail", args=[meeting.slug]), ANONYMOUS)
        )
    document = Document.objects.visible_to(None).order_by("pk").first()
    if document is not None:
        url = reverse("documents:detail", args=[document.pk])
        pages.append(SitePage("document", url, ANONYMOUS))
    return pages


def site_pages(language: str, *, focal_point_user, staff_user) -> list[SitePage]:
    """List the public, members' and admin pages of the portal in one language."""
    with translation.override(language):
        return _public_pages(focal_point_user) + _staff_pages() + _admin_pages(staff_user)
