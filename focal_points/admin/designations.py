"""Designations in the admin: their own page, the inline on a person, the successor rule."""

import pghistory
from django import forms
from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin import ParentKnownInlineFormSet, SmallTableAutocompleteSelect
from core.history.admin import HistoryAdminMixin
from focal_points import access, services
from focal_points.admin.base import LETTER_WIDGET, AccessAdminMixin, DirectoryAdminForm
from focal_points.models import Country, Designation, FocalPoint

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


class DesignationInline(admin.StackedInline):
    # Stacked, three short lines per seat: every field has its own label, and a person's page
    # fits a laptop's width (a table row of ten fields was 2,000 px wide).
    model = Designation
    form = DesignationAdminForm
    extra = 0
    # opened_version: each row carries the version it was opened at and is guarded alone.
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "opened_version",
                    ("working_group", "country", "role"),
                    ("starts_on", "ends_on", "replaces_principal"),
                    ("letter_reference", "letter_date", "letter_file"),
                )
            },
        ),
    )
    autocomplete_fields = ("working_group", "country")
    formfield_overrides = LETTER_WIDGET
    formset = ParentKnownInlineFormSet  # each seat knows its person (no query per seat)

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
        if db_field.name in self.autocomplete_fields:
            # Groups and countries are small tables: read once per page, not once per seat.
            kwargs["widget"] = SmallTableAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
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


# A person's columns no list of the directory shows.
PERSON_COLUMNS_NOT_LISTED = (
    "phone",
    "mobile",
    "fax",
    "postal_address",
    "alternate_emails",
    "languages",
    "position",
    "position_es",
    "position_en",
)


# The text a group's page shows and a list of seats does not.
GROUP_COLUMNS_NOT_LISTED = ("mandate", "mandate_es", "mandate_en")


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
    # One count per page, of the rows listed: not the whole table again (20,000 seats).
    show_full_result_count = False
    autocomplete_fields = ("focal_point", "working_group", "country")
    search_fields = (
        "focal_point__family_name__fold_icontains",
        "focal_point__given_name__fold_icontains",
        "letter_reference",
    )

    def get_search_results(self, request, queryset, search_term):
        """Match every word in the person's names or the letter's reference, accents aside.

        The people are found first, on their folded names' trigram indexes, then their
        seats by person: folding the names of every seat's person (20,000 seats at scale)
        cost ten times the rest of the page (make bench).
        """
        words = self.search_words(request, search_term)
        if not words:
            return queryset, False
        condition = Q()
        for term in words:
            people = list(FocalPoint.objects.named(term).values_list("pk", flat=True))
            # One array parameter, not one per person (hundreds for a common surname).
            condition &= Q(focal_point__pk__any=people) | Q(letter_reference__fold_icontains=term)
        return queryset.filter(condition), False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        listing = match is not None and match.url_name == "focal_points_designation_changelist"
        if listing and request.method == "GET":  # not for actions, which change rows
            # The list names the person: no contact details to load (three phone numbers
            # parsed per row).
            # Nor the groups' mandates: a seat's row carried a kilobyte of its group's text
            # through the join and the sort of every matching seat (make bench).
            queryset = queryset.defer(
                *(f"focal_point__{name}" for name in PERSON_COLUMNS_NOT_LISTED),
                *(f"working_group__{name}" for name in GROUP_COLUMNS_NOT_LISTED),
            )
        return queryset

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
