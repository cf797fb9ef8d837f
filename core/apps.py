from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    # This module holds two configs (AxesConfig below): name the one "core" means.
    default = True
    name = "core"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        # Registers the accent-folding lookups on text fields.
        from django.contrib.admin.templatetags import admin_list

        from core import admin as portal_admin
        from core import lookups  # noqa: F401
        from core.admin import boolean_icon, row_link_with_filters

        # Django's yes/no icons carry alt="True"/"False" in every language; the admin's
        # lists, change pages and read-only fields all draw them through this one function.
        admin_list._boolean_icon = boolean_icon
        # Each row's link on a searched or filtered list, without a resolve() per row.
        admin_list.add_preserved_filters = row_link_with_filters
        # Each changelist row with its columns resolved once per page (core.admin.fast_row).
        portal_admin._django_items_for_result = admin_list.items_for_result
        admin_list.items_for_result = portal_admin.fast_row


class AxesConfig(AxesAppConfig):
    """django-axes with a translated name in the admin (axes ships no Spanish catalogue)."""

    verbose_name = _("Sign-in lock-outs")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, served by core.admin.PortalAdminSite."""

    default = False  # named in INSTALLED_APPS; "core" alone means CoreConfig
    default_site = "core.admin.PortalAdminSite"
