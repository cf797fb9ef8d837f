"""Focal points in the admin: the list, the change page with its seats, retiring."""

import functools
from html import escape

import pghistory
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.admin import admin_page
from core.models import choice_labels, localized_either
from focal_points import access, services
from focal_points.admin.base import (
    DirectoryAdminForm,
    DirectoryModelAdmin,
    TranslationMissingFilter,
)
from focal_points.admin.designations import (
    PERSON_COLUMNS_NOT_LISTED,
    SUCCESSION_REASON,
    DesignationInline,
)
from focal_points.admin.filters import (
    CountryFilter,
    RoleFilter,
    StaleFilter,
    UnreachableFilter,
    WorkingGroupFilter,
)
from focal_points.admin.pages import DirectoryPagesMixin
from focal_points.models import (
    Designation,
    FocalPoint,
    Institution,
    Language,
    name_contains,
)
from focal_points.sheets.admin import DirectorySheetsMixin


class FocalPointAdminForm(DirectoryAdminForm):
    """Carries the version counter the editor saw; self-service saves move it too."""

    version_attribute = "version"
    version_field = "expected_version"
    version_required = True
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, label="")
    opened_version = None
    # An ArrayField of choices is a comma-separated text box by default: tick boxes instead,
    # as on the person's own "my entry" page.
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


@functools.lru_cache(maxsize=8)
def _stale_marker(language: str) -> str:
    return format_html(
        ' <span class="crm-stale" title="{}">{}</span>',
        gettext("Not verified in the last 12 months"),
        gettext("stale"),
    )


def _current_seats(obj):
    return obj.designations.current().select_related("working_group").order_by("pk")


def _seat_roles(obj) -> list[str]:
    """The roles of a person's current seats (the list's annotation, else a query)."""
    if hasattr(obj, "seat_roles"):
        return obj.seat_roles
    return [seat.role for seat in _current_seats(obj)]


def _seat_groups(obj) -> tuple[list[str], list[str]]:
    """Label (acronym or name) and name of the group of each of a person's current seats."""
    if hasattr(obj, "seat_group_labels"):
        return obj.seat_group_labels, obj.seat_group_names
    groups = [seat.working_group for seat in _current_seats(obj)]
    return [g.acronym or g.name for g in groups], [g.name for g in groups]


@admin.register(FocalPoint)
class FocalPointAdmin(DirectoryPagesMixin, DirectorySheetsMixin, DirectoryModelAdmin):
    # Spreadsheets (export, template, import with preview): focal_points/sheets/admin.py
    # Staff pages (coverage, seat history, letters, recent changes): focal_points/admin/pages.py
    form = FocalPointAdminForm
    list_display = (
        "name_display",
        "country_display",
        "institution",
        "groups_display",
        "roles_display",
        "verified_display",
        "is_active",
    )
    list_filter = (
        CountryFilter,
        WorkingGroupFilter,
        RoleFilter,
        "institution__kind",
        "is_active",
        StaleFilter,
        UnreachableFilter,
        TranslationMissingFilter,
    )
    # Set by communication tests only (focal_point_reachability_set): shown, never edited.
    readonly_fields = ("unreachable_since",)
    list_select_related = ("institution__country",)
    search_fields = (
        "given_name__fold_icontains",
        "family_name__fold_icontains",
        "email__fold_icontains",
        "institution__name_es__fold_icontains",
        "institution__name_en__fold_icontains",
        "institution__acronym_es__fold_icontains",
    )
    search_help_text = _("Name, e-mail or institution; accents and capitals do not matter.")
    # A search or filter counts its own matches only: counting the whole table as well cost
    # a scan that grows with the directory (the list without filters shows the total anyway).
    show_full_result_count = False
    autocomplete_fields = ("institution",)
    inlines = [DesignationInline]
    actions = ["retire_selected"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        listing = match is not None and match.url_name == "focal_points_focalpoint_changelist"
        if listing and request.method == "GET":  # not for actions, which change rows
            # The list shows names, institution, seats and dates: no contact details to load
            # (three phone numbers parsed per row). The current seats come as three arrays of
            # text per person, not as 200 seat and group objects built for a few labels.
            seats = Designation.objects.current().filter(focal_point=OuterRef("pk")).order_by("pk")
            queryset = queryset.defer(*PERSON_COLUMNS_NOT_LISTED).annotate(
                seat_roles=ArraySubquery(seats.values("role")),
                seat_group_labels=ArraySubquery(
                    seats.values(
                        label=Coalesce(
                            NullIf(localized_either("working_group__acronym"), Value("")),
                            localized_either("working_group__name"),
                        )
                    )
                ),
                seat_group_names=ArraySubquery(
                    seats.values(name=localized_either("working_group__name"))
                ),
            )
        return queryset

    def get_ordering(self, request):
        # The columns of the fp_folded_name_idx index: the list reads it in order.
        return ("family_name_folded", "given_name_folded", "id")

    def get_search_results(self, request, queryset, search_term):
        """Match every word in the name, e-mail or institution, ignoring accents and case.

        Institutions are looked up first (a small table) so the focal point condition stays
        on one table. The matching ids are then read without ORDER BY, so Postgres combines
        its trigram indexes (a bitmap) instead of walking the name index to test every row;
        how many they are is the list's count (get_paginator).
        """
        words = self.search_words(request, search_term)
        if not words:
            return queryset, False
        condition = Q()
        for term in words:
            institution_ids = list(
                Institution.objects.filter(
                    Q(name_es__fold_icontains=term)
                    | Q(name_en__fold_icontains=term)
                    | Q(acronym_es__fold_icontains=term)
                ).values_list("pk", flat=True)
            )
            condition &= (
                name_contains(term)
                | Q(email__fold_icontains=term)
                | Q(institution_id__in=institution_ids)
            )
        # Read from the list's own queryset (the reader's rows, the chosen filters): their
        # number is the list's count, which get_paginator gives without counting again.
        matching = set(queryset.filter(condition).order_by().values_list("pk", flat=True))
        request._focal_points_found = len(matching)
        return queryset.filter(pk__any=sorted(matching)), False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        paginator = super().get_paginator(
            request, queryset, per_page, orphans, allow_empty_first_page
        )
        found = getattr(request, "_focal_points_found", None)
        if found is not None:
            paginator.count = found
        return paginator

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        country_id = access.coordinator_country_id(request.user)
        if db_field.name == "institution" and country_id is not None:
            kwargs["queryset"] = Institution.objects.filter(country_id=country_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # -- columns

    @admin.display(description=_("name"), ordering="family_name_folded")
    def name_display(self, obj):
        return f"{obj.family_name}, {obj.given_name}"

    @admin.display(description=_("country"), ordering="institution__country__iso_code")
    def country_display(self, obj):
        return obj.country or "—"

    @admin.display(description=_("working groups"))
    def groups_display(self, obj):
        # Acronyms (full name on hover): the column holds several groups per person.
        groups = sorted(set(zip(*_seat_groups(obj), strict=True)))
        if not groups:
            return "—"
        return mark_safe(  # noqa: S308 -- every name is escaped
            ", ".join(f'<abbr title="{escape(n)}">{escape(a)}</abbr>' for a, n in groups)
        )

    @admin.display(description=_("roles"))
    def roles_display(self, obj):
        held = set(_seat_roles(obj))
        # In the order a seat lists them (principal, alternate, additional contact).
        labels = choice_labels(Designation.Role).items()
        return ", ".join(label for role, label in labels if role in held) or "—"

    @admin.display(description=_("last verified"), ordering="last_verified_on")
    def verified_display(self, obj):
        date_text = obj.last_verified_on.isoformat() if obj.last_verified_on else "—"
        if obj.is_stale:
            date_text = format_html("{}{}", date_text, _stale_marker(get_language()))
        if obj.unreachable_since:
            date_text = format_html(
                '{} <span class="crm-unreachable" title="{}">{}</span>',
                date_text,
                gettext("Unreachable since %(day)s") % {"day": obj.unreachable_since.isoformat()},
                gettext("unreachable"),
            )
        return date_text

    # -- saving through the services (optimistic lock) and retiring instead of deleting

    def save_model(self, request, obj, form, change):
        default = _("Changed in the admin") if change else _("Created in the admin")
        with pghistory.context(user=request.user.pk, reason=self._history_reason(form, default)):
            if not change:
                created = services.focal_point_create(focal_point=obj)
                obj.version = created.version
                return
            changes = {
                field.attname: getattr(obj, field.attname)
                for field in FocalPoint._meta.concrete_fields
                if field.name in form.changed_data
            }
            updated = services.focal_point_update(
                focal_point=obj,
                changes=changes,
                expected_version=form.cleaned_data.get("expected_version"),
            )
        obj.version = updated.version
        obj.updated_at = updated.updated_at

    def save_formset(self, request, form, formset, change):
        if formset.model is not Designation:
            return super().save_formset(request, form, formset, change)
        # Rows are written through the services, one by one, as on the designation's own page;
        # the lists below feed the admin's change message as formset.save() would.
        reason = form.cleaned_data.get("change_reason") or ""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        with pghistory.context(user=request.user.pk):
            for row in formset.deleted_forms:
                if row.instance.pk:
                    services.designation_delete(designation=row.instance)
                    formset.deleted_objects.append(row.instance)
            for row in formset.forms:
                if row in formset.deleted_forms or not row.has_changed():
                    continue
                adding = row.instance._state.adding
                default = SUCCESSION_REASON if row.replaces() else _("Changed in the admin")
                row.save_designation(focal_point=form.instance, reason=reason or str(default))
                if adding:
                    formset.new_objects.append(row.instance)
                else:
                    formset.changed_objects.append((row.instance, row.changed_data))

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not obj.designations.exists():
            return super().delete_view(request, object_id, extra_context)
        if not self.has_delete_permission(request, obj):
            raise PermissionDenied
        if request.method == "POST":
            services.focal_point_retire(
                focal_point=obj, user=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(
                request,
                _("%(name)s was deactivated and their designations ended today.")
                % {"name": obj.full_name},
            )
            return HttpResponseRedirect(
                reverse("admin:focal_points_focalpoint_change", args=[obj.pk])
            )
        return admin_page(
            self,
            request,
            "admin/focal_points/focalpoint/retire_confirmation.html",
            title=_("Retire %(name)s") % {"name": obj.full_name},
            obj=obj,
            open_designations=obj.designations.open()
            .select_related("working_group", "country")
            .order_by("-starts_on"),
        )

    @admin.action(
        description=_("Retire the selected focal points (end designations, deactivate)"),
        permissions=["delete"],
    )
    def retire_selected(self, request, queryset):
        count = 0
        for focal_point in queryset.writable_by(request.user):
            services.focal_point_retire(focal_point=focal_point, user=request.user)
            count += 1
        messages.success(request, _("%(count)d focal points retired.") % {"count": count})
