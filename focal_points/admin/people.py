"""Focal points and their designations in the admin."""

import pghistory
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.lookups import Fold
from focal_points import access, services
from focal_points.admin.base import (
    LETTER_WIDGET,
    AccessAdminMixin,
    DirectoryAdminForm,
    DirectoryModelAdmin,
    StrictListFilter,
    TranslationMissingFilter,
)
from focal_points.admin.history import HistoryAdminMixin
from focal_points.admin.pages import DirectoryPagesMixin
from focal_points.models import (
    Country,
    Designation,
    FocalPoint,
    Institution,
    WorkingGroup,
)
from focal_points.sheets.admin import DirectorySheetsMixin


class CountryFilter(StrictListFilter):
    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        countries = Country.objects.by_name()
        country_id = access.coordinator_country_id(request.user)
        if country_id is not None:
            countries = countries.filter(pk=country_id)
        return [(str(c.pk), str(c)) for c in countries]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(institution__country_id=self.value())
        return queryset


def _current_designation(**conditions):
    return Exists(Designation.objects.current().filter(focal_point=OuterRef("pk"), **conditions))


class WorkingGroupFilter(StrictListFilter):
    title = _("working group")
    parameter_name = "group"

    def lookups(self, request, model_admin):
        return [(str(g.pk), str(g)) for g in WorkingGroup.objects.by_name()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(_current_designation(working_group_id=self.value()))
        return queryset


class RoleFilter(StrictListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [*Designation.Role.choices, ("none", _("No current designation"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(~_current_designation())
        if self.value() in Designation.Role.values:
            return queryset.filter(_current_designation(role=self.value()))
        return queryset


class StaleFilter(StrictListFilter):
    title = _("verification")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", _("Not verified in 12 months")), ("no", _("Verified in 12 months"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.stale()
        if self.value() == "no":
            return queryset.verified()
        return queryset


SUCCESSION_REASON = _("A new principal takes the seat; the previous one ends the day before")


class DesignationAdminForm(DirectoryAdminForm):
    """Lets a new principal take over a seat, ending the current principal's designation."""

    replaces_principal = forms.BooleanField(
        label=_("Replaces the current principal"),
        required=False,
        help_text=_(
            "For a new principal: the seat's principal in office is ended the day before this "
            "designation starts."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            self.fields["replaces_principal"].disabled = True

    def replaces(self) -> bool:
        """Tell whether saving this form ends the seat's principal in office."""
        data = self.cleaned_data
        return bool(
            self.instance._state.adding
            and data.get("replaces_principal")
            and data.get("role") == Designation.Role.PRINCIPAL
            and data.get("country")
            and data.get("working_group")
            and data.get("starts_on")
        )

    def _post_clean(self):
        super()._post_clean()
        seat_taken = Designation.seat_taken_message()
        if not self.instance._state.adding or seat_taken not in self.non_field_errors():
            return
        if not self.replaces():
            self.add_error(
                "replaces_principal",
                _("Tick this box if the new principal replaces the one in office."),
            )
            return
        # Judge the seat as it will be once its principal is ended: only designations the
        # succession does not end may still collide (the database constraint decides last).
        data = self.cleaned_data
        if not (
            Designation.objects.principals()
            .for_seat(country=data["country"], working_group=data["working_group"])
            .overlapping(
                starts_on=data["starts_on"], ends_on=data.get("ends_on"), after_succession=True
            )
            .exists()
        ):
            self.discard_non_field_error(seat_taken)

    def save_designation(self, *, focal_point: FocalPoint, reason: str) -> Designation:
        """Write the row through the services: start a new seat, or change an existing one."""
        designation = self.instance
        with pghistory.context(reason=reason or str(SUCCESSION_REASON)):
            if not designation._state.adding:
                return services.designation_update(designation=designation)
            started = services.designation_start(
                focal_point=focal_point,
                working_group=designation.working_group,
                country=designation.country,
                role=designation.role,
                starts_on=designation.starts_on,
                ends_on=designation.ends_on,
                letter_reference=designation.letter_reference,
                letter_date=designation.letter_date,
                letter_file=self.cleaned_data.get("letter_file") or None,
                replaces_principal=self.replaces(),
            )
        designation.pk = started.pk
        designation._state.adding = False
        designation.created_at, designation.updated_at = started.created_at, started.updated_at
        return started


class DesignationInline(admin.TabularInline):
    model = Designation
    form = DesignationAdminForm
    extra = 0
    # opened_version: each row carries the version it was opened at and is guarded alone.
    fields = (
        "opened_version",
        "working_group",
        "country",
        "role",
        "starts_on",
        "ends_on",
        "replaces_principal",
        "letter_reference",
        "letter_date",
        "letter_file",
    )
    autocomplete_fields = ("working_group", "country")
    formfield_overrides = LETTER_WIDGET

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .visible_to(request.user)
            .select_related("working_group", "country")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        country_id = access.coordinator_country_id(request.user)
        if db_field.name == "country" and country_id is not None:
            kwargs["queryset"] = Country.objects.filter(pk=country_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _writable(self, request, obj):
        # The rows are written with their person: the person's rights decide.
        return self.admin_site._registry[FocalPoint].has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._writable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._writable(request, obj)


class FocalPointAdminForm(DirectoryAdminForm):
    """Carries the version counter the editor saw; self-service saves move it too."""

    version_attribute = "version"
    version_field = "expected_version"
    version_required = True
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    opened_version = None


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
        TranslationMissingFilter,
    )
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
    autocomplete_fields = ("institution",)
    inlines = [DesignationInline]
    actions = ["retire_selected"]

    def get_queryset(self, request):
        current = Designation.objects.current().select_related("working_group").order_by("pk")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("designations", current, to_attr="current_designations"))
        )

    def get_ordering(self, request):
        # The same expressions as the fp_fold_name_idx index: the list reads it in order.
        return (Fold("family_name"), Fold("given_name"), "id")

    def get_search_results(self, request, queryset, search_term):
        """Match every word in the name, e-mail or institution, ignoring accents and case.

        Institutions are looked up first (a small table) so the focal point condition stays
        on one table and Postgres can combine its trigram indexes.
        """
        for term in self.search_words(request, search_term):
            institution_ids = list(
                Institution.objects.filter(
                    Q(name_es__fold_icontains=term)
                    | Q(name_en__fold_icontains=term)
                    | Q(acronym_es__fold_icontains=term)
                ).values_list("pk", flat=True)
            )
            queryset = queryset.filter(
                Q(given_name__fold_icontains=term)
                | Q(family_name__fold_icontains=term)
                | Q(email__fold_icontains=term)
                | Q(institution_id__in=institution_ids)
            )
        return queryset, False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        country_id = access.coordinator_country_id(request.user)
        if db_field.name == "institution" and country_id is not None:
            kwargs["queryset"] = Institution.objects.filter(country_id=country_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # -- columns

    @admin.display(description=_("name"), ordering=Fold("family_name"))
    def name_display(self, obj):
        return f"{obj.family_name}, {obj.given_name}"

    @admin.display(description=_("country"), ordering="institution__country__iso_code")
    def country_display(self, obj):
        return obj.country or "—"

    @admin.display(description=_("working groups"))
    def groups_display(self, obj):
        names = sorted({str(d.working_group) for d in obj.current_designations})
        return ", ".join(names) or "—"

    @admin.display(description=_("roles"))
    def roles_display(self, obj):
        roles = {d.role: d.get_role_display() for d in obj.current_designations}
        return ", ".join(str(roles[r]) for r in Designation.Role.values if r in roles) or "—"

    @admin.display(description=_("last verified"), ordering="last_verified_on")
    def verified_display(self, obj):
        date_text = obj.last_verified_on.isoformat() if obj.last_verified_on else "—"
        if obj.is_stale:
            return format_html(
                '{} <span class="crm-stale" title="{}">{}</span>',
                date_text,
                gettext("Not verified in the last 12 months"),
                gettext("stale"),
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
        context = {
            **self.admin_site.each_context(request),
            "title": _("Retire %(name)s") % {"name": obj.full_name},
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "open_designations": obj.designations.open()
            .select_related("working_group", "country")
            .order_by("-starts_on"),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request, "admin/focal_points/focalpoint/retire_confirmation.html", context
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


@admin.register(Designation)
class DesignationAdmin(HistoryAdminMixin, AccessAdminMixin, admin.ModelAdmin):
    form = DesignationAdminForm
    formfield_overrides = LETTER_WIDGET
    list_display = (
        "focal_point",
        "working_group",
        "country",
        "role",
        "starts_on",
        "ends_on",
        "letter_link",
    )
    list_filter = ("role", "working_group", "country")
    list_select_related = ("focal_point", "working_group", "country")
    autocomplete_fields = ("focal_point", "working_group", "country")
    search_fields = (
        "focal_point__family_name__fold_icontains",
        "focal_point__given_name__fold_icontains",
        "letter_reference",
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        country_id = access.coordinator_country_id(request.user)
        if country_id is not None:
            if db_field.name == "country":
                kwargs["queryset"] = Country.objects.filter(pk=country_id)
            elif db_field.name == "focal_point":
                kwargs["queryset"] = FocalPoint.objects.writable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _history_reason(self, form, default) -> str:
        if form is not None and form.is_bound and form.replaces():
            default = SUCCESSION_REASON
        return super()._history_reason(form, default)

    def save_model(self, request, obj, form, change):
        default = _("Changed in the admin") if change else _("Created in the admin")
        with pghistory.context(user=request.user.pk):
            form.save_designation(
                focal_point=obj.focal_point, reason=self._history_reason(form, default)
            )

    @admin.display(description=_("letter"))
    def letter_link(self, obj):
        if not obj.letter_file:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:focal_points_designation_letter", args=[obj.pk]),
            gettext("Download"),
        )
