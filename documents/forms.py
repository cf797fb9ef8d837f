"""The library's filter form (GET) and the admin's upload check."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from core.search import search_words
from documents.models import Document, DocumentFile, ThematicAxis
from documents.selectors import LibraryFilters
from documents.services import document_file_validate
from focal_points.models import Country, Language, WorkingGroup


class LibraryFilterForm(forms.Form):
    """Search and filters; invalid values are dropped rather than answered with an error."""

    # Long texts are accepted and cut to their first words (core.search), with a notice.
    q = forms.CharField(label=_("Search"), required=False, max_length=100_000)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Document.Type.choices]
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    axis = forms.ModelChoiceField(
        label=_("Thematic axis"),
        required=False,
        queryset=ThematicAxis.objects.all(),
        to_field_name="slug",
        empty_label=_("All axes"),
    )
    group = forms.ModelChoiceField(
        label=_("Working group"),
        required=False,
        queryset=WorkingGroup.objects.by_name(),
        empty_label=_("All groups"),
    )
    country = forms.ModelChoiceField(
        label=_("Author country"),
        required=False,
        queryset=Country.objects.by_name(),
        to_field_name="iso_code",
        empty_label=_("All countries"),
    )
    language = forms.ChoiceField(
        label=_("Available in"),
        required=False,
        choices=[("", _("Any language")), *Language.choices],
    )
    # The documents of one meeting (its page links here); kept through the filter form.
    meeting = forms.SlugField(required=False, max_length=80, widget=forms.HiddenInput)

    def __init__(self, *args, years: range | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.search_truncated = False
        years = years or range(datetime.date.today().year, 1995, -1)
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]

    def to_filters(self) -> LibraryFilters:
        """Return the valid filters; a field with a bad value is simply not applied."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        words, self.search_truncated = search_words(data.get("q") or "")
        return LibraryFilters(
            q=" ".join(words),
            type=data.get("type") or "",
            year=data.get("year"),
            axis=data.get("axis"),
            working_group=data.get("group"),
            country=data.get("country"),
            language=data.get("language") or "",
            meeting=data.get("meeting") or "",
        )


class DocumentFileAdminForm(forms.ModelForm):
    """A language version in the admin: the upload is checked before anything is stored."""

    class Meta:
        model = DocumentFile
        fields = ("language", "file")

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            document_file_validate(uploaded=uploaded)
        return uploaded
