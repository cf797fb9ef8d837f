"""Public pages of the directory: member countries and working groups (no sign-in).

The home page lives in meetings.views: it shows the next meetings, a floor above.
"""

from django.http import Http404
from django.views.generic import DetailView, TemplateView

from focal_points import selectors
from focal_points.models import Country, WorkingGroup


class CountryListView(TemplateView):
    """Member countries, observer countries and observer organizations."""

    template_name = "focal_points/country_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = list(selectors.public_member_countries())
        context["observer_countries"] = list(selectors.public_observer_countries())
        context["observer_organizations"] = list(selectors.public_observer_organizations())
        context["presidency"] = selectors.public_current_presidency()
        return context


class CountryDetailView(DetailView):
    """A country: its institutions, presidencies and current seats per working group."""

    model = Country
    template_name = "focal_points/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        iso_code = self.kwargs["iso_code"].upper()
        country = Country.objects.filter(iso_code=iso_code).first()
        if country is None:
            raise Http404
        return country

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        country = self.object
        context["institutions"] = list(selectors.public_country_institutions(country))
        context["presidencies"] = list(selectors.public_country_presidencies(country))
        context["group_seats"] = selectors.public_country_group_seats(country)
        return context


class WorkingGroupListView(TemplateView):
    """Active working groups and liaison networks, with the PPT that chairs them."""

    template_name = "focal_points/workinggroup_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = list(selectors.public_working_groups())
        context["presidency"] = selectors.public_current_presidency()
        return context


class WorkingGroupDetailView(DetailView):
    """A working group: mandate, chair and which members have designated their seats."""

    template_name = "focal_points/workinggroup_detail.html"
    context_object_name = "group"

    def get_queryset(self):
        return WorkingGroup.objects.active()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["presidency"] = selectors.public_current_presidency()
        context["coverage"] = selectors.public_group_coverage(self.object)
        return context
