"""The filter forms (GET) of the meeting list and the register; an invitee's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from focal_points.models import Country, WorkingGroup
from meetings.models import Decision, Invitation, Meeting
from meetings.selectors import DecisionFilters, MeetingFilters


class MeetingFilterForm(forms.Form):
    """Filters of the meeting lists; invalid values are dropped rather than answered with errors."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Meeting.Kind.choices]
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    country = forms.ModelChoiceField(
        label=_("Host country"),
        required=False,
        queryset=Country.objects.by_name(),
        to_field_name="iso_code",
        empty_label=_("All countries"),
    )
    group = forms.ModelChoiceField(
        label=_("Working group"),
        required=False,
        queryset=WorkingGroup.objects.by_name(),
        to_field_name="slug",
        empty_label=_("All groups"),
    )

    def __init__(self, *args, years: list[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]

    def to_filters(self) -> MeetingFilters:
        """Return the valid filters; a field with a bad value is simply not applied."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return MeetingFilters(
            kind=data.get("kind") or "",
            year=data.get("year"),
            country=data.get("country"),
            working_group=data.get("group"),
        )


class InvitationReplyForm(forms.Form):
    """An invitee's answer; the person coming instead is named for the third one."""

    answer = forms.ChoiceField(
        label=_("Your answer"), choices=Invitation.Answer.choices, widget=forms.RadioSelect
    )
    substitute_name = forms.CharField(
        label=_("Name of the person who comes"), max_length=255, required=False
    )
    substitute_email = forms.EmailField(label=_("Their e-mail"), required=False)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("answer") == Invitation.Answer.SUBSTITUTE:
            for name in ("substitute_name", "substitute_email"):
                if not cleaned_data.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed when someone else comes."))
        return cleaned_data


class DecisionFilterForm(forms.Form):
    """Search and filters of the register; invalid values are dropped, never an error page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Decision.Kind.choices]
    )
    follow_up = forms.ChoiceField(
        label=_("Follow-up"),
        required=False,
        choices=[("", _("Any follow-up")), *Decision.FollowUp.choices],
    )
    group = forms.ModelChoiceField(
        label=_("Working group"),
        required=False,
        queryset=WorkingGroup.objects.by_name(),
        to_field_name="slug",
        empty_label=_("All groups"),
    )

    def to_filters(self) -> DecisionFilters:
        """Return the valid filters; a field with a bad value is simply not applied."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return DecisionFilters(
            text=data.get("q") or "",
            kind=data.get("kind") or "",
            follow_up=data.get("follow_up") or "",
            working_group=data.get("group"),
        )
