"""The report's choices: the GRCM meeting, the period, the language and the Presidency's text."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from meetings.models.meeting import TEXT_MAX_LENGTH
from meetings.reports.selectors import Period, default_period, grcm_meetings

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LANGUAGE_CHOICES = [("es", _("Spanish")), ("en", _("English"))]


class ReportForm(forms.Form):
    """What a report covers; empty dates mean "since the previous GRCM meeting"."""

    meeting = forms.ModelChoiceField(
        label=_("GRCM meeting"), queryset=grcm_meetings(), to_field_name="slug"
    )
    starts_on = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)
    # Not chosen: the language the page is read in.
    language = forms.ChoiceField(
        label=_("Language"), choices=LANGUAGE_CHOICES, initial="es", required=False
    )
    text_es = forms.CharField(
        label=_("The Presidency's text (Spanish)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    text_en = forms.CharField(
        label=_("The Presidency's text (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("language") and "language" not in self.errors:
            cleaned_data["language"] = "en" if (get_language() or "es")[:2] == "en" else "es"
        starts_on, ends_on = cleaned_data.get("starts_on"), cleaned_data.get("ends_on")
        if bool(starts_on) != bool(ends_on):
            self.add_error("ends_on", _("Give both dates, or neither."))
        elif starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return cleaned_data

    def period(self) -> Period:
        """The chosen period, or the one since the previous GRCM meeting."""
        data = self.cleaned_data
        if data.get("starts_on") and data.get("ends_on"):
            return Period(starts_on=data["starts_on"], ends_on=data["ends_on"])
        return default_period(data["meeting"])

    def text(self, language: str) -> str:
        """The Presidency's text in a language (the Spanish one when there is no other)."""
        return self.cleaned_data.get(f"text_{language}") or self.cleaned_data.get("text_es") or ""
