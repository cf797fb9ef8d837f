from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core.views import healthz
from documents.sitemaps import DocumentSitemap
from focal_points.sitemaps import SITEMAPS as DIRECTORY_SITEMAPS
from meetings.sitemaps import MeetingSitemap
from meetings.views import HomeView

# Every app adds its public pages here; each sitemap lists both languages with alternates.
SITEMAPS = {
    **DIRECTORY_SITEMAPS,
    "documents": DocumentSitemap,
    "meetings": MeetingSitemap,
}

admin.site.site_header = _("CRM Portal administration")
admin.site.site_title = _("CRM Portal")
admin.site.index_title = _("Directory, meetings and documents")
# The index and the breadcrumbs lead everywhere; the side bar took a quarter of a laptop's
# width from lists and change pages.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # An index of sections, each paginated: the library alone outgrows one sitemap file.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

# Every page a person reads lives under /es/ or /en/; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("directory/", include("focal_points.urls")),
    path("meetings/", include("meetings.urls")),
    path("documents/", include("documents.urls")),
    path("", HomeView.as_view(), name="home"),
    prefix_default_language=True,
)
