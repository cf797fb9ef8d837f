"""Participants in the admin: editors manage everyone, coordinators their own delegation."""

import pghistory
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import EditedSinceGuardForm
from focal_points import access
from focal_points.admin.base import AccessAdminMixin
from focal_points.models import Country, FocalPoint
from meetings import services
from meetings.admin.base import MeetingHistoryMixin
from meetings.models import Meeting, Participant


class ParticipantAdminForm(EditedSinceGuardForm):
    """A participant: a focal point comes for their own country unless told otherwise."""

    def clean(self):
        cleaned_data = super().clean()
        focal_point = cleaned_data.get("focal_point")
        if (
            focal_point is not None
            and not cleaned_data.get("delegation_country")
            and not cleaned_data.get("delegation_other")
        ):
            cleaned_data["delegation_country"] = focal_point.country
            self.instance.delegation_country = focal_point.country
        return cleaned_data


@admin.register(Participant)
class ParticipantAdmin(MeetingHistoryMixin, AccessAdminMixin, admin.ModelAdmin):
    form = ParticipantAdminForm
    list_display = ("name_display", "meeting", "delegation_display", "role")
    list_filter = ("role", "meeting__kind", "delegation_country")
    list_select_related = ("meeting", "focal_point__institution", "delegation_country")
    search_fields = (
        "guest_name__fold_icontains",
        "focal_point__family_name__fold_icontains",
        "focal_point__given_name__fold_icontains",
        "meeting__title_es__fold_icontains",
        "meeting__slug",
    )
    search_help_text = _("A participant's name, or the meeting's title or address name.")
    autocomplete_fields = ("meeting", "focal_point")
    fields = (
        "meeting",
        "focal_point",
        "guest_name",
        "guest_institution",
        "guest_email",
        "delegation_country",
        "delegation_other",
        "role",
        "opened_version",
    )

    def get_queryset(self, request):
        # Coordinators read every delegation and change only their own (writable_by).
        return (
            super()
            .get_queryset(request)
            .filter(meeting__in=Meeting.objects.visible_to(request.user).values("pk"))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        country_id = access.coordinator_country_id(request.user)
        if db_field.name == "meeting":
            kwargs["queryset"] = Meeting.objects.visible_to(request.user)
        elif country_id is not None and db_field.name == "delegation_country":
            kwargs["queryset"] = Country.objects.filter(pk=country_id)
            kwargs["required"] = True
            kwargs["initial"] = country_id
        elif country_id is not None and db_field.name == "focal_point":
            kwargs["queryset"] = FocalPoint.objects.writable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if access.coordinator_country_id(request.user) is not None and "delegation_other" in (
            form.base_fields
        ):
            # A coordinator's participants come for their country, never for an organization.
            form.base_fields["delegation_other"].disabled = True
        return form

    @admin.display(description=_("name"))
    def name_display(self, participant):
        return participant.name

    @admin.display(description=_("delegation"), ordering="delegation_country__iso_code")
    def delegation_display(self, participant):
        return participant.delegation_display or "—"

    def save_model(self, request, obj, form, change):
        default = _("Changed in the admin") if change else _("Created in the admin")
        with pghistory.context(user=request.user.pk, reason=str(default)):
            if change:
                obj.full_clean()
                obj.save()
                return
            added = services.participant_add(
                meeting=obj.meeting,
                role=obj.role,
                focal_point=obj.focal_point,
                guest_name=obj.guest_name,
                guest_institution=obj.guest_institution,
                guest_email=obj.guest_email,
                delegation_country=obj.delegation_country,
                delegation_other=obj.delegation_other,
            )
        obj.pk, obj._state.adding = added.pk, False
