"""Sitemaps of the public directory: one URL per country and group, in each language."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from focal_points.models import Country, WorkingGroup


class I18nSitemap(Sitemap):
    """List every item once per language, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = False


class DirectoryPagesSitemap(I18nSitemap):
    """The home page and the directory's list pages."""

    priority = 0.8
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["home", "focal_points:country_list", "focal_points:group_list"]

    def location(self, item: str) -> str:
        return reverse(item)


class CountrySitemap(I18nSitemap):
    priority = 0.6
    changefreq = "monthly"

    def items(self):
        return Country.objects.order_by("iso_code")

    def location(self, item: Country) -> str:
        return reverse("focal_points:country_detail", args=[item.iso_code.lower()])

    def lastmod(self, item: Country):
        return item.updated_at


class WorkingGroupSitemap(I18nSitemap):
    priority = 0.6
    changefreq = "monthly"

    def items(self):
        return WorkingGroup.objects.active().order_by("pk")

    def location(self, item: WorkingGroup) -> str:
        return item.get_absolute_url()

    def lastmod(self, item: WorkingGroup):
        return item.updated_at


SITEMAPS = {
    "pages": DirectoryPagesSitemap,
    "countries": CountrySitemap,
    "groups": WorkingGroupSitemap,
}
