"""The focal-point list's filters: country, working group, role, verification."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from focal_points import access
from focal_points.admin.base import StrictListFilter
from focal_points.models import Country, Designation, WorkingGroup, stale_cutoff

# A verification is "due" in the month before the entry turns stale.
DUE_WITHIN = timedelta(days=30)


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
        return [
            ("yes", _("Not verified in 12 months")),
            ("due", _("Verification due within 30 days")),
            ("no", _("Verified in 12 months")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.stale()
        if self.value() == "due":
            cutoff = stale_cutoff()
            return queryset.filter(
                last_verified_on__gte=cutoff, last_verified_on__lt=cutoff + DUE_WITHIN
            )
        if self.value() == "no":
            return queryset.verified()
        return queryset


class UnreachableFilter(StrictListFilter):
    title = _("reachability")
    parameter_name = "unreachable"

    def lookups(self, request, model_admin):
        return [
            ("yes", _("Unreachable (a communication test unconfirmed)")),
            ("no", _("Reachable")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.unreachable()
        if self.value() == "no":
            return queryset.filter(unreachable_since__isnull=True)
        return queryset
