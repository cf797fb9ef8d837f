from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.services import sign_in_links_revoke


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("username", "email", "first_name", "last_name")
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
