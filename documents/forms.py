"""The library's filter form (GET) and the admin's upload check."""

import datetime
from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from core.search import search_words
from documents.models import Document, DocumentFile, ThematicAxis
from documents.selectors import FilterChoices, LibraryFilters, document_filter_choices
from documents.services import document_file_validate
from focal_points.models import Country, Language, WorkingGroup


class QuickSelect(forms.Select):
    """A select written in Python, with Django's markup for flat choices."""

    # The template engine, once per option, was a quarter of the library page; Django's
    # option dictionaries (attributes copied per option) half of what was left, and
    # format_html per option half of the rest (make bench).
    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, list | tuple) for _value, label in self.choices):
            return super().render(name, value, attrs, renderer)
        chosen = {str(item) for item in self.format_value(value)}
        options, selected = [], False
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            is_chosen = not selected and option_value in chosen
            selected = selected or is_chosen
            options.append(
                f'<option value="{escape(option_value)}"{" selected" if is_chosen else ""}>'
                f"{label if isinstance(label, SafeData) else escape(str(label))}</option>"
            )
        return mark_safe(  # noqa: S308 -- the name, the attributes and each option are escaped
            f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>\n'
            + "\n".join(options)
            + "\n</select>"
        )


class LibraryFilterForm(forms.Form):
    """Search and filters; invalid values are dropped rather than answered with an error.

    The axes, groups and countries offered come from document_filter_choices (cached); the
    one chosen is read from the database only when a visitor chose one.
    """

    # Long texts are accepted and cut to their first words (core.search), with a notice.
    q = forms.CharField(label=_("Search"), required=False, max_length=100_000)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *Document.Type.choices],
        widget=QuickSelect,
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    axis = forms.ChoiceField(label=_("Thematic axis"), required=False, widget=QuickSelect)
    group = forms.TypedChoiceField(
        label=_("Working group"), required=False, coerce=int, empty_value=None, widget=QuickSelect
    )
    country = forms.ChoiceField(label=_("Author country"), required=False, widget=QuickSelect)
    language = forms.ChoiceField(
        label=_("Available in"),
        required=False,
        choices=[("", _("Any language")), *Language.choices],
        widget=QuickSelect,
    )
    # The documents of one meeting (its page links here); kept through the filter form.
    meeting = forms.SlugField(required=False, max_length=80, widget=forms.HiddenInput)

    def __init__(
        self, *args, years: range | None = None, choices: FilterChoices | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.search_truncated = False
        years = years or range(datetime.date.today().year, 1995, -1)
        choices = choices or document_filter_choices()
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]
        self.fields["axis"].choices = [("", _("All axes")), *choices.axes]
        self.fields["group"].choices = [("", _("All groups")), *choices.groups]
        self.fields["country"].choices = [("", _("All countries")), *choices.countries]

    def to_filters(self) -> LibraryFilters:
        """Return the valid filters; a field with a bad value is simply not applied."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        words, self.search_truncated = search_words(data.get("q") or "")
        axis, group, country = data.get("axis"), data.get("group"), data.get("country")
        return LibraryFilters(
            q=" ".join(words),
            type=data.get("type") or "",
            year=data.get("year"),
            # A choice offered a moment ago may be gone since: then it is not applied.
            axis=ThematicAxis.objects.filter(slug=axis).first() if axis else None,
            working_group=WorkingGroup.objects.filter(pk=group).first() if group else None,
            country=Country.objects.filter(iso_code=country).first() if country else None,
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
