"""The directory in the admin, for the Secretariat, the PPT and country coordinators."""

import pghistory
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import smart_split
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.translator import translator

from accounts.roles import can_edit_directory, coordinated_country_id, is_former_ppt_staff
from core.admin import EditedSinceGuardForm, PresidencyScopedAdminMixin
from core.lookups import Fold
from focal_points import selectors
from focal_points.models import (
    ChangeRequest,
    Country,
    Designation,
    FocalPoint,
    Institution,
    Presidency,
    VerificationRequest,
    WorkingGroup,
    stale_cutoff,
)
from focal_points.services import (
    ConcurrentEditError,
    change_request_mark_handled,
    designation_replace_principal,
    focal_point_retire,
    focal_point_update,
    history_revert,
)
from focal_points.sheets.admin import DirectorySheetsMixin

# ---------------------------------------------------------------------------------------------
# Shared pieces


def coordinator_country_id(request) -> int | None:
    """The country a coordinator is limited to; None for everyone who sees all countries."""
    user = request.user
    if can_edit_directory(user) or is_former_ppt_staff(user):
        return None
    return coordinated_country_id(user)


class _LetterLink:
    """What the file widget shows for a stored letter: its name, linked to the checked view."""

    def __init__(self, file, url):
        self.file = file
        self.url = url

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]


class LetterFileWidget(AdminFileWidget):
    """Link a stored letter to the permission-checked download, never to a media URL."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        if context["widget"]["is_initial"] and instance is not None and instance.pk:
            url = reverse("admin:focal_points_designation_letter", args=[instance.pk])
            context["widget"]["value"] = _LetterLink(value, url)
        return context


LETTER_WIDGET = {models.FileField: {"widget": LetterFileWidget}}


class DirectoryAdminForm(EditedSinceGuardForm):
    """Ask why a directory change is made and refuse saving over someone's newer change."""

    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=255,
        help_text=_("Optional. Kept in the record's history with your name."),
    )


class TranslationMissingFilter(admin.SimpleListFilter):
    """Records whose English or Spanish text is missing in any translated field."""

    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [("en", _("English missing")), ("es", _("Spanish missing"))]

    def queryset(self, request, queryset):
        language = self.value()
        if language not in ("es", "en"):
            return queryset
        condition = Q()
        for field_name in translator.get_options_for_model(queryset.model).fields:
            column = f"{field_name}_{language}"
            # Only fields filled in the other language count: an empty acronym is not missing.
            other = f"{field_name}_{'es' if language == 'en' else 'en'}"
            condition |= (
                (Q(**{f"{column}__isnull": True}) | Q(**{column: ""}))
                & ~Q(**{other: ""})
                & Q(**{f"{other}__isnull": False})
            )
        return queryset.filter(condition)


class HistoryAdminMixin:
    """Record who and why on every admin write; show and revert the pghistory events."""

    history_template = "admin/focal_points/record_history.html"

    def _history_reason(self, form, default) -> str:
        reason = form.cleaned_data.get("change_reason", "") if form is not None else ""
        return reason or str(default)

    def save_model(self, request, obj, form, change):
        default = _("Changed in the admin") if change else _("Created in the admin")
        with pghistory.context(user=request.user.pk, reason=self._history_reason(form, default)):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        default = _("Changed in the admin") if change else _("Created in the admin")
        with pghistory.context(user=request.user.pk, reason=self._history_reason(form, default)):
            super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        with pghistory.context(user=request.user.pk, reason=str(_("Deleted in the admin"))):
            super().delete_model(request, obj)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/revert/",
                self.admin_site.admin_view(self.revert_view),
                name="{}_{}_revert".format(*info),
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        """Show every event of the record: who, when, why and each field's before and after."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        entries = selectors.record_history(model=self.model, object_id=obj.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %s") % obj,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "entries": entries,
            "can_revert": self.has_change_permission(request, obj),
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.history_template, context)

    def revert_view(self, request, object_id):
        """Restore the record to the state of the chosen event (POST only)."""
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_history",
                    args=[object_id],
                )
            )
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        event = selectors.find_event(request.POST.get("event", ""))
        if event is None or event.pgh_tracked_model is not self.model or event.pgh_obj_id != obj.pk:
            messages.error(request, _("That change no longer exists."))
        else:
            revert_with_message(request, event)
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk])
        )


def revert_with_message(request, event) -> bool:
    """Run history_revert and tell the user how it went, in their language."""
    try:
        history_revert(event=event, user=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("The record could not be restored: %(errors)s")
            % {"errors": " ".join(error.messages)},
        )
        return False
    messages.success(request, _("The record was restored to the chosen version."))
    return True


class CountryScopedAdminMixin:
    """Country coordinators see and edit only their own country's records.

    `country_lookup` is the path from the model to its country's id.
    """

    country_lookup = "country_id"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        country_id = coordinator_country_id(request)
        if country_id is not None:
            queryset = queryset.filter(**{self.country_lookup: country_id})
        return queryset

    def _in_scope(self, request, obj) -> bool:
        country_id = coordinator_country_id(request)
        if obj is None or country_id is None:
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)


class DirectoryModelAdmin(HistoryAdminMixin, PresidencyScopedAdminMixin, TabbedTranslationAdmin):
    form = DirectoryAdminForm


class ReadOnlyForCoordinatorsMixin:
    """Reference data (countries, institutions, groups, presidencies) is read-only for them."""

    def _coordinator(self, request) -> bool:
        return coordinator_country_id(request) is not None

    def has_add_permission(self, request, *args, **kwargs):
        return not self._coordinator(request) and super().has_add_permission(
            request, *args, **kwargs
        )

    def has_change_permission(self, request, obj=None):
        return not self._coordinator(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._coordinator(request) and super().has_delete_permission(request, obj)


# ---------------------------------------------------------------------------------------------
# Reference data


@admin.register(Country)
class CountryAdmin(ReadOnlyForCoordinatorsMixin, DirectoryModelAdmin):
    list_display = ("iso_code", "name", "status", "member_since")
    list_filter = ("status", TranslationMissingFilter)
    search_fields = ("iso_code", "name_es__fold_icontains", "name_en__fold_icontains")

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        # Coordinators designate for their own country only: the autocomplete offers only it.
        country_id = coordinator_country_id(request)
        if country_id is not None and request.GET.get("field_name"):
            queryset = queryset.filter(pk=country_id)
        return queryset, duplicates


@admin.register(Institution)
class InstitutionAdmin(ReadOnlyForCoordinatorsMixin, DirectoryModelAdmin):
    # A website typed without a scheme is taken as https (Django 6's default, asked for now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "acronym", "kind", "country")
    list_filter = ("kind", "country", TranslationMissingFilter)
    list_select_related = ("country",)
    search_fields = (
        "name_es__fold_icontains",
        "name_en__fold_icontains",
        "acronym_es__fold_icontains",
        "acronym_en__fold_icontains",
    )
    autocomplete_fields = ("parent", "country")

    def get_search_results(self, request, queryset, search_term):
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        # A coordinator's focal point can only join an institution of their country.
        country_id = coordinator_country_id(request)
        if country_id is not None and request.GET.get("field_name"):
            queryset = queryset.filter(country_id=country_id)
        return queryset, duplicates


@admin.register(WorkingGroup)
class WorkingGroupAdmin(ReadOnlyForCoordinatorsMixin, DirectoryModelAdmin):
    list_display = ("name", "acronym", "slug", "kind", "established_on", "is_active")
    list_filter = ("kind", "is_active", TranslationMissingFilter)
    prepopulated_fields = {"slug": ("acronym_es",)}
    search_fields = ("name_es__fold_icontains", "name_en__fold_icontains")


@admin.register(Presidency)
class PresidencyAdmin(ReadOnlyForCoordinatorsMixin, DirectoryModelAdmin):
    list_display = ("country", "starts_on", "ends_on", "meeting_number")
    list_select_related = ("country",)
    list_filter = (TranslationMissingFilter,)
    autocomplete_fields = ("country",)


# ---------------------------------------------------------------------------------------------
# Focal points and their designations


class CountryFilter(admin.SimpleListFilter):
    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        countries = Country.objects.by_name()
        country_id = coordinator_country_id(request)
        if country_id is not None:
            countries = countries.filter(pk=country_id)
        return [(str(c.pk), str(c)) for c in countries]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(institution__country_id=self.value())
        return queryset


def _current_designation(**conditions):
    return Exists(Designation.objects.current().filter(focal_point=OuterRef("pk"), **conditions))


class WorkingGroupFilter(admin.SimpleListFilter):
    title = _("working group")
    parameter_name = "group"

    def lookups(self, request, model_admin):
        return [(str(g.pk), str(g)) for g in WorkingGroup.objects.by_name()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(_current_designation(working_group_id=self.value()))
        return queryset


class RoleFilter(admin.SimpleListFilter):
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


class StaleFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", _("Not verified in 12 months")), ("no", _("Verified in 12 months"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.stale()
        if self.value() == "no":
            return queryset.filter(last_verified_on__gte=stale_cutoff())
        return queryset


ONE_PRINCIPAL_PER_SEAT = "designation_one_principal_per_seat"
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

    def replace_principal(self) -> None:
        designation_replace_principal(
            country=self.cleaned_data["country"],
            working_group=self.cleaned_data["working_group"],
            starts_on=self.cleaned_data["starts_on"],
        )

    def _post_clean(self):
        if not self.replaces():
            super()._post_clean()
            self._point_to_the_replace_box()
            return
        # Validate against the seat as it will be once its principal is ended: run the real
        # service in a savepoint, let the database constraints judge, then roll it back.
        with transaction.atomic():
            try:
                self.replace_principal()
            except ValidationError as error:
                self.add_error(None, error)
            super()._post_clean()
            transaction.set_rollback(True)

    def _point_to_the_replace_box(self) -> None:
        seat_taken = next(
            c for c in Designation._meta.constraints if c.name == ONE_PRINCIPAL_PER_SEAT
        ).get_violation_error_message()
        if self.instance._state.adding and seat_taken in self.non_field_errors():
            self.add_error(
                "replaces_principal",
                _("Tick this box if the new principal replaces the one in office."),
            )


def replace_principal_recorded(request, form: DesignationAdminForm, reason: str = "") -> None:
    """End the seat's principal for the new one in the form, recording who and why."""
    # One history context spans the request, so this reason is the one every event shows.
    with pghistory.context(user=request.user.pk, reason=reason or str(SUCCESSION_REASON)):
        form.replace_principal()


class DesignationInline(admin.TabularInline):
    model = Designation
    form = DesignationAdminForm
    extra = 0
    fields = (
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
        return super().get_queryset(request).select_related("working_group", "country")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        country_id = coordinator_country_id(request)
        if db_field.name == "country" and country_id is not None:
            kwargs["queryset"] = Country.objects.filter(pk=country_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _writable(self, request, obj):
        admin_for_parent = self.admin_site._registry[FocalPoint]
        return admin_for_parent.has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._writable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._writable(request, obj)


class FocalPointAdminForm(DirectoryAdminForm):
    """Carries the version the editor saw, so a save over someone else's change is refused."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # The version counter also catches self-service saves; the timestamp guard is not needed.
    opened_version = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            # Lock the row until the admin's transaction ends: nobody can slip in between
            # this check and the save.
            current = (
                FocalPoint.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if cleaned_data.get("expected_version") != current:
                raise ConcurrentEditError()
        return cleaned_data


@admin.register(FocalPoint)
class FocalPointAdmin(CountryScopedAdminMixin, DirectorySheetsMixin, DirectoryModelAdmin):
    # Spreadsheets (export, template, import with preview): focal_points/admin_sheets.py
    form = FocalPointAdminForm
    country_lookup = "institution__country_id"
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
        terms = [t.strip("\"'") for t in smart_split(search_term)]
        for term in filter(None, terms):
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
        country_id = coordinator_country_id(request)
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

    # -- saving through the service (optimistic lock) and retiring instead of deleting

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        reason = self._history_reason(form, _("Changed in the admin"))
        fields = {f.name: f.attname for f in selectors.history_fields(FocalPoint)}
        changes = {
            fields[name]: getattr(obj, fields[name]) for name in form.changed_data if name in fields
        }
        with pghistory.context(user=request.user.pk, reason=reason):
            updated = focal_point_update(
                focal_point=obj,
                changes=changes,
                expected_version=form.cleaned_data.get("expected_version"),
            )
        obj.version = updated.version
        obj.updated_at = updated.updated_at

    def save_formset(self, request, form, formset, change):
        # A new principal row ticked "replaces" ends the seat's principal before it is saved.
        for row in formset.forms:
            if (
                isinstance(row, DesignationAdminForm)
                and row.has_changed()
                and not formset._should_delete_form(row)
                and row.replaces()
            ):
                replace_principal_recorded(request, row, form.cleaned_data.get("change_reason"))
        super().save_formset(request, form, formset, change)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not obj.designations.exists():
            return super().delete_view(request, object_id, extra_context)
        if not self.has_delete_permission(request, obj):
            raise PermissionDenied
        if request.method == "POST":
            focal_point_retire(
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
            "open_designations": obj.designations.filter(
                Q(ends_on__isnull=True) | Q(ends_on__gt=timezone.localdate())
            )
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
        for focal_point in queryset:
            focal_point_retire(focal_point=focal_point, user=request.user)
            count += 1
        messages.success(request, _("%(count)d focal points retired.") % {"count": count})

    # -- staff pages: coverage, seat history, letters, recent changes

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("coverage/", wrap(self.coverage_view), name="focal_points_coverage"),
            path(
                "seat/<int:country_id>/<int:group_id>/<str:role>/",
                wrap(self.seat_history_view),
                name="focal_points_seat_history",
            ),
            path(
                "letter/<int:designation_id>/",
                wrap(self.letter_view),
                name="focal_points_designation_letter",
            ),
            path(
                "recent-changes/",
                wrap(self.recent_changes_view),
                name="focal_points_recent_changes",
            ),
            path(
                "recent-changes/revert/",
                wrap(require_POST(self.recent_changes_revert_view)),
                name="focal_points_recent_changes_revert",
            ),
            *super().get_urls(),
        ]

    def _designation_admin(self):
        return self.admin_site._registry[Designation]

    def _page_context(self, request, title, **extra):
        request.current_app = self.admin_site.name
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": None,
            "opts": self.opts,
            **extra,
        }

    def coverage_view(self, request):
        """Member countries x active groups: who holds each principal and alternate seat."""
        if not self._designation_admin().has_view_permission(request):
            raise PermissionDenied
        coverage = selectors.coverage_matrix(country_id=coordinator_country_id(request))
        context = self._page_context(request, _("Seat coverage"), coverage=coverage)
        return TemplateResponse(request, "admin/focal_points/coverage.html", context)

    def seat_history_view(self, request, country_id, group_id, role):
        """Everyone who held one seat, with dates and letters of designation."""
        designation_admin = self._designation_admin()
        if not designation_admin.has_view_permission(request):
            raise PermissionDenied
        if role not in Designation.Role.values:
            raise Http404
        limited_to = coordinator_country_id(request)
        if limited_to is not None and limited_to != country_id:
            raise PermissionDenied
        country = get_object_or_404(Country, pk=country_id)
        group = get_object_or_404(WorkingGroup, pk=group_id)
        designations = selectors.seat_history(country=country, working_group=group, role=role)
        context = self._page_context(
            request,
            _("%(role)s seat of %(country)s in %(group)s")
            % {"role": Designation.Role(role).label, "country": country, "group": group},
            designations=designations,
            country=country,
            working_group=group,
            role_label=Designation.Role(role).label,
        )
        return TemplateResponse(request, "admin/focal_points/seat_history.html", context)

    def letter_view(self, request, designation_id):
        """Send a designation letter to staff allowed to see that designation."""
        designation_admin = self._designation_admin()
        designation = designation_admin.get_queryset(request).filter(pk=designation_id).first()
        if designation is None or not designation_admin.has_view_permission(request, designation):
            raise PermissionDenied
        if not designation.letter_file:
            raise Http404
        try:
            handle = designation.letter_file.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        return FileResponse(
            handle,
            as_attachment=True,
            filename=designation.letter_file.name.rsplit("/", 1)[-1],
        )

    def _may_read_all_history(self, request) -> bool:
        user = request.user
        return can_edit_directory(user) or is_former_ppt_staff(user)

    def recent_changes_view(self, request):
        """Every change to the directory, newest first, each revertible."""
        if not self._may_read_all_history(request):
            raise PermissionDenied
        paginator = Paginator(selectors.recent_changes_queryset(), 50)
        page = paginator.get_page(request.GET.get("p"))
        entries = selectors.recent_changes_entries(list(page.object_list))
        context = self._page_context(
            request,
            _("Recent changes to the directory"),
            page=page,
            entries=entries,
            page_range=paginator.get_elided_page_range(page.number),
            can_revert=can_edit_directory(request.user),
        )
        return TemplateResponse(request, "admin/focal_points/recent_changes.html", context)

    def recent_changes_revert_view(self, request):
        if not can_edit_directory(request.user):
            raise PermissionDenied
        event = selectors.find_event(request.POST.get("event", ""))
        if event is None:
            messages.error(request, _("That change no longer exists."))
        else:
            revert_with_message(request, event)
        return HttpResponseRedirect(reverse("admin:focal_points_recent_changes"))


@admin.register(Designation)
class DesignationAdmin(
    CountryScopedAdminMixin, HistoryAdminMixin, PresidencyScopedAdminMixin, admin.ModelAdmin
):
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
        country_id = coordinator_country_id(request)
        if country_id is not None:
            if db_field.name == "country":
                kwargs["queryset"] = Country.objects.filter(pk=country_id)
            elif db_field.name == "focal_point":
                kwargs["queryset"] = FocalPoint.objects.filter(institution__country_id=country_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _history_reason(self, form, default) -> str:
        if form is not None and form.is_bound and form.replaces():
            default = SUCCESSION_REASON
        return super()._history_reason(form, default)

    def save_model(self, request, obj, form, change):
        if form.replaces():
            replace_principal_recorded(request, form, self._history_reason(form, ""))
        super().save_model(request, obj, form, change)

    @admin.display(description=_("letter"))
    def letter_link(self, obj):
        if not obj.letter_file:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:focal_points_designation_letter", args=[obj.pk]),
            gettext("Download"),
        )


# Self-service: the staff's queue of change requests and the verification sending log.


class HandledFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "handled"

    def lookups(self, request, model_admin):
        return [
            ("no", _("Awaiting action")),
            ("yes", _("Handled")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(handled_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(handled_at__isnull=False)
        return queryset


@admin.register(ChangeRequest)
class ChangeRequestAdmin(PresidencyScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "focal_point",
        "kind",
        "successor_name",
        "successor_email",
        "created_at",
        "handled_at",
    )
    list_filter = (HandledFilter, "kind")
    list_select_related = ("focal_point",)
    search_fields = (
        "focal_point__family_name__fold_icontains",
        "focal_point__given_name__fold_icontains",
        "successor_name__fold_icontains",
    )
    autocomplete_fields = ("focal_point",)
    readonly_fields = ("submitted_by", "handled_at", "handled_by", "created_at")
    actions = ["mark_handled"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    @admin.action(description=_("Mark the selected requests as handled"))
    def mark_handled(self, request, queryset):
        handled = 0
        for change_request in queryset.open():
            change_request_mark_handled(change_request=change_request, handled_by=request.user)
            handled += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d request marked as handled.",
                "%(count)d requests marked as handled.",
                handled,
            )
            % {"count": handled},
        )


@admin.register(VerificationRequest)
class VerificationRequestAdmin(admin.ModelAdmin):
    list_display = ("focal_point", "sent_to", "sent_at")
    list_select_related = ("focal_point",)
    date_hierarchy = "sent_at"
    search_fields = ("focal_point__family_name__fold_icontains", "sent_to")

    # The log is written by the sending command only.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
