"""Admin pieces shared by every app's ModelAdmins."""

from accounts.roles import is_former_ppt_staff, is_secretariat


class PresidencyScopedAdminMixin:
    """Let PPT staff write only while their country holds the presidency (view-only after).

    Django permissions say what a role may do; this adds *when*: the PPT's extra rights end
    the day the presidency passes on, without anyone editing groups.
    """

    def _presidency_allows_writes(self, request) -> bool:
        # roles caches the user's groups on the request's user: no query per admin check.
        user = request.user
        return is_secretariat(user) or not is_former_ppt_staff(user)

    def has_add_permission(self, request, *args, **kwargs) -> bool:
        return super().has_add_permission(
            request, *args, **kwargs
        ) and self._presidency_allows_writes(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self._presidency_allows_writes(
            request
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self._presidency_allows_writes(
            request
        )
