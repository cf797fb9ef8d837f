"""Staff accounts: each linked to a country and given its role groups."""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.services import sign_in_links_revoke
from core.admin import CappedSearchMixin
from focal_points.access import ROLE_LABELS
from focal_points.admin.base import AccessAdminMixin


@admin.register(User)
class UserAdmin(AccessAdminMixin, DjangoUserAdmin):
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "country",
        "role_names",
        "is_staff",
        "is_active",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "country")
    list_select_related = ("country",)
    search_fields = ("username", "email", "first_name", "last_name")
    autocomplete_fields = ("country", "focal_point")
    filter_horizontal = ("groups", "user_permissions")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Role in the CRM"),
            {
                "fields": ("country", "groups", "focal_point"),
                "description": _(
                    "PPT staff and country coordinators act for the country chosen here. "
                    "Country coordinators see and edit only that country's focal points."
                ),
            },
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2"),
            },
        ),
        (_("Role in the CRM"), {"fields": ("email", "country", "groups", "is_staff")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def role_names(self, user: User) -> str:
        return ", ".join(
            sorted(str(ROLE_LABELS.get(group.name, group.name)) for group in user.groups.all())
        )

    actions = ["revoke_sign_in_links"]

    @admin.action(
        description=_("Revoke the sign-in links sent to the selected people"),
        permissions=["change"],
    )
    def revoke_sign_in_links(self, request, queryset):
        count = 0
        for user in queryset:
            sign_in_links_revoke(user=user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "Every sign-in link of %(count)d person no longer works.",
                "Every sign-in link of %(count)d people no longer works.",
                count,
            )
            % {"count": count},
        )


# The admins that come with Django and django-axes, re-registered so their search boxes obey
# the same word limit as the portal's own.
class GroupAdmin(CappedSearchMixin, DjangoGroupAdmin):
    pass


admin.site.unregister(Group)
admin.site.register(Group, GroupAdmin)

for _model, _admin_class in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, type(_admin_class.__name__, (CappedSearchMixin, _admin_class), {}))
