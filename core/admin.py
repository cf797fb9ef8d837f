"""Admin pieces shared by every app's ModelAdmins."""

from django import forms

from accounts.roles import is_former_ppt_staff, is_secretariat
from core.errors import ConcurrentEditError


def _version_of(updated_at) -> str:
    return updated_at.isoformat() if updated_at else ""


class EditedSinceGuardForm(forms.ModelForm):
    """Refuse to save over a change someone else saved after this form was opened."""

    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "opened_version" in self.fields:
            self.fields["opened_version"].initial = _version_of(self.instance.updated_at)

    def clean(self):
        cleaned_data = super().clean()
        # Every change page sends the field; inline rows, which do not render it, are saved
        # with their parent's page and are not guarded one by one.
        if self.instance.pk and self.add_prefix("opened_version") in self.data:
            # Lock the row until the admin's transaction ends: nobody can slip in between
            # this check and the save.
            current = (
                type(self.instance)
                ._default_manager.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            if cleaned_data.get("opened_version") != _version_of(current):
                raise ConcurrentEditError()
        return cleaned_data


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
