"""Admin pieces shared by every app's ModelAdmins."""

import datetime
import functools
import html
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IS_POPUP_VAR, TO_FIELD_VAR
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    lookup_field,
    quote,
)
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.forms.models import BaseInlineFormSet, ModelChoiceIterator
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, pgettext

from core.errors import ConcurrentEditError
from core.search import search_words, search_words_notice
from core.text import escaped


class CappedSearchMixin:
    """Search at most the first words of an admin search box (core.search), and say so."""

    def search_words(self, request, search_term: str) -> list[str]:
        """Return the words to search, telling the user when some were left out."""
        words, truncated = search_words(search_term)
        # Autocomplete answers JSON: a message would wait for the next page instead.
        if truncated and not request.path.rstrip("/").endswith("autocomplete"):
            messages.warning(request, search_words_notice())
        return [word.strip("\"'") for word in words if word.strip("\"'")]

    def get_search_results(self, request, queryset, search_term):
        capped = " ".join(self.search_words(request, search_term))
        return super().get_search_results(request, queryset, capped)


class QuickActionCheckboxMixin:
    """Write each row's action checkbox directly instead of rendering a form widget.

    The widget goes through the template engine once per row: a third of the time of a
    100-row changelist (make bench). Same markup, same name, class and label.
    """

    def action_checkbox(self, obj):
        # format_html's output, with html.escape called directly (100 rows per page).
        label = gettext("Select this object for an action - {}").format(html.escape(str(obj)))
        return mark_safe(  # noqa: S308 -- the translated label and every value are escaped
            f'<input type="checkbox" name="{ACTION_CHECKBOX_NAME}"'
            f' value="{html.escape(str(obj.pk))}" class="action-select" aria-label="{label}">'
        )


@functools.lru_cache(maxsize=16)
def _icon_url(icon: str, static_url: str) -> str:
    # static() asks the storage (its manifest in production) once per icon, not once per row.
    return static(f"admin/img/icon-{icon}.svg")


def boolean_icon(field_val) -> str:
    """Draw the admin's yes/no/unknown icon with its meaning, translated, as alt text."""
    return _boolean_image(field_val, get_language(), settings.STATIC_URL)


@functools.lru_cache(maxsize=32)
def _boolean_image(field_val, language: str, static_url: str) -> str:
    # Drawn once per value and language, not once per row (a column of 100 on a list).
    icon, alt = {
        True: ("yes", pgettext("boolean", "Yes")),
        False: ("no", pgettext("boolean", "No")),
        None: ("unknown", pgettext("boolean", "Unknown")),
    }[field_val]
    return format_html('<img src="{}" alt="{}">', _icon_url(icon, static_url), alt)


def row_link_with_filters(context, url, popup=False, to_field=None) -> str:
    """Add a list's filters to one row's link, as add_preserved_filters does, without resolve().

    Django's function resolves every URL to tell the list itself from other pages: on a
    searched or filtered list of 100 rows, 100 walks through every URL pattern (a sixth of
    the admin search's time). A row links to its change page, never to the list.
    """
    parts = list(urlsplit(url))
    merged = dict(context.get("preserved_qsl") or {})
    if context.get("opts") and context.get("preserved_filters"):
        merged.update(parse_qsl(context["preserved_filters"]))
    if popup:
        merged[IS_POPUP_VAR] = 1
    if to_field:
        merged[TO_FIELD_VAR] = to_field
    merged.update(parse_qsl(parts[3]))
    parts[3] = urlencode(merged)
    return urlunsplit(parts)


def _version_text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class EditedSinceGuardForm(forms.ModelForm):
    """Refuse to save over a change someone else saved after this form was opened.

    The form carries the version it was opened at in a hidden field; on submit the row is
    locked until the admin's transaction ends and its version compared, so nobody can slip in
    between the check and the save. Inline rows carry the field too: each one is guarded as a
    record of its own.
    """

    # The model attribute that moves on every save, and the hidden field that carries it.
    version_attribute = "updated_at"
    version_field = "opened_version"
    # Refuse a submission without the field (a form that always renders it).
    version_required = False

    # No label: the admin renders hidden fields in its fieldsets with their label text.
    opened_version = forms.CharField(widget=forms.HiddenInput, required=False, label="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.version_field in self.fields:
            self.fields[self.version_field].initial = _version_text(
                getattr(self.instance, self.version_attribute)
            )

    def clean(self):
        cleaned_data = super().clean()
        submitted = self.add_prefix(self.version_field) in self.data
        if self.instance.pk and (submitted or self.version_required):
            current = (
                type(self.instance)
                ._default_manager.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list(self.version_attribute, flat=True)
                .first()
            )
            if _version_text(cleaned_data.get(self.version_field)) != _version_text(current):
                raise ConcurrentEditError()
        return cleaned_data


def admin_page(model_admin, request, template: str, *, title: str, obj=None, **context):
    """Render one of a model admin's own pages with the admin's frame (site, title, record)."""
    request.current_app = model_admin.admin_site.name
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "object": obj,
        "opts": model_admin.opts,
        **context,
    }
    return TemplateResponse(request, template, context)


class _Column:
    """How one changelist column is read and shown, worked out once per page (fast_row)."""

    def __init__(self, cl, index: int, name, is_link: bool):

        model_admin = cl.model_admin
        self.name = name
        self.is_link = is_link
        self.classes = f"field-{admin_list._coerce_field_name(name, index)}"
        self.empty = model_admin.get_empty_value_display()
        self.field = None
        self.attr = None
        try:
            self.field = _get_non_gfk_field(cl.model._meta, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            if callable(name):
                self.kind, self.attr = "call", name
            elif hasattr(model_admin, name) and name != "__str__":
                self.kind, self.attr = "call", getattr(model_admin, name)
            elif isinstance(name, str) and hasattr(cl.model, name):
                self.kind, self.attr = "model", getattr(cl.model, name)
            else:
                self.kind = "other"  # an annotation or a lookup: Django's lookup_field per row
        else:
            self.kind = "field"
        self.boolean = getattr(self.attr, "boolean", False)
        if isinstance(self.attr, property) and hasattr(self.attr, "fget"):
            self.boolean = getattr(self.attr.fget, "boolean", False)
        if self.kind != "other":
            self.empty = getattr(self.attr, "empty_value_display", self.empty)
        if name == "action_checkbox":
            self.classes = "action-checkbox"
        # A choice's label and a date's text, worked out once per page: Django builds a
        # dictionary of the choices (translating every label) and formats the date again for
        # every row, a fifth of a 100-row list's cells (make bench).
        self.choices = None
        if self.kind == "field" and getattr(self.field, "flatchoices", None):
            try:
                self.choices = {value: str(label) for value, label in self.field.flatchoices}
            except TypeError:  # unhashable choices: Django's own function per row
                self.choices = None
        self.dates = {}

    def cell(self, result) -> tuple[str, object]:
        """Return the cell's classes and its content, as Django's items_for_result does."""

        classes, field, empty = self.classes, self.field, self.empty
        try:
            if self.kind == "field":
                value = getattr(result, self.name)
            elif self.kind == "call":
                value = self.attr(result)
            elif self.kind == "model":
                value = getattr(result, self.name)
                if callable(value):
                    value = value()
            else:
                field, attr, value = lookup_field(self.name, result, None)
                empty = getattr(attr, "empty_value_display", empty)
        except ObjectDoesNotExist:
            return classes, empty
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if field is None or field.auto_created:
            if isinstance(value, datetime.date | datetime.time):
                classes += " nowrap"
                if type(value) is datetime.date:
                    return classes, self._date(value, display_for_value, empty, self.boolean)
            return classes, display_for_value(value, empty, self.boolean)
        if isinstance(field, models.DateField | models.TimeField | models.ForeignKey):
            classes += " nowrap"
        if isinstance(field.remote_field, models.ManyToOneRel):
            related = getattr(result, field.name)
            return classes, empty if related is None else related
        if self.choices is not None:
            try:
                return classes, self.choices.get(value, empty)
            except TypeError:  # an unhashable value
                pass
        elif type(value) is datetime.date and not isinstance(field, models.DateTimeField):
            return classes, self._date(value, display_for_field, field, empty)
        return classes, display_for_field(value, field, empty, avoid_link=self.is_link)

    def _date(self, value: datetime.date, display, *args) -> str:
        """Return a date's text as display(value, *args) writes it, once per date and page."""
        shown = self.dates.get(value)
        if shown is None:
            shown = self.dates[value] = display(value, *args)
        return shown


def _columns(cl) -> list[_Column]:
    plan = getattr(cl, "_portal_columns", None)
    if plan is None:
        plan, first = [], True
        for index, name in enumerate(cl.list_display):
            if cl.list_display_links is None:
                is_link = False
            else:
                is_link = (first and not cl.list_display_links) or name in cl.list_display_links
            first = first and not is_link
            plan.append(_Column(cl, index, name, is_link))
        cl._portal_columns = plan
    return plan


def fast_row(cl, result, form):
    """Write one changelist row as Django's items_for_result does, columns resolved once.

    Django finds out for every cell whether its column is a field, a method or a callable
    (get_field raising FieldDoesNotExist for each method column), asks for the empty value's
    text and reverses the row's URL: two thirds of a 100-row list's rendering (make bench).
    Rows with an editable form (list_editable) keep Django's own function.
    """
    if form is not None:
        yield from _django_items_for_result(cl, result, form)
        return
    first_link = True
    for column in _columns(cl):
        classes, shown = column.cell(result)
        if not column.is_link:
            yield mark_safe(f'<td class="{classes}">{escaped(shown)}</td>')  # noqa: S308
            continue
        tag = "th" if first_link else "td"
        first_link = False
        try:
            if type(cl).url_for_result is ChangeList.url_for_result:
                # A change page's address has no query: the list's filters are added as one
                # suffix, encoded once per page.
                url = _change_url(cl, result) + _filters_suffix(cl)
            else:
                url = admin_list.add_preserved_filters(
                    {"preserved_filters": cl.preserved_filters, "opts": cl.opts},
                    cl.url_for_result(result),
                )
        except NoReverseMatch:
            content = escaped(shown)
        else:
            opener = ""
            if cl.is_popup:
                key = str(cl.to_field) if cl.to_field else cl.pk_attname
                value = result.serializable_value(key)
                opener = format_html(' data-popup-opener="{}"', value)
            content = f'<a href="{escaped(url)}"{opener}>{escaped(shown)}</a>'
        yield mark_safe(f'<{tag} class="{classes}">{content}</{tag}>')  # noqa: S308


def _filters_suffix(cl) -> str:
    suffix = getattr(cl, "_portal_filters_suffix", None)
    if suffix is None:
        context = {"preserved_filters": cl.preserved_filters, "opts": cl.opts}
        suffix = cl._portal_filters_suffix = admin_list.add_preserved_filters(context, "")
    return suffix


_PK_MARK = "0portal0pk0"


def _change_url(cl, result) -> str:
    """The row's change page, as ChangeList.url_for_result, reversed once per page."""

    pattern = getattr(cl, "_portal_change_url", None)
    if pattern is None:
        pattern = reverse(
            f"admin:{cl.opts.app_label}_{cl.opts.model_name}_change",
            args=(_PK_MARK,),
            current_app=cl.model_admin.admin_site.name,
        )
        cl._portal_change_url = pattern
    return pattern.replace(_PK_MARK, str(quote(getattr(result, cl.pk_attname))), 1)


_django_items_for_result = None


class _PageLabels:
    """Every row of a small table with its label, read once, the first time a widget asks."""

    def __init__(self):
        self.by_value = None

    def for_widget(self, widget, to_field_name: str) -> dict:
        if self.by_value is None:
            label = widget.choices.field.label_from_instance
            self.by_value = {
                str(getattr(obj, to_field_name)): (getattr(obj, to_field_name), label(obj))
                for obj in widget.choices.queryset.using(widget.db)
            }
        return self.by_value


class SmallTableAutocompleteSelect(AutocompleteSelect):
    """An autocomplete for a small table (groups, countries) that reads it once per page.

    Django's widget reads its chosen row in a query of its own: an inline of ten seats made
    twenty queries for two tables of a dozen rows. The copies Django makes for each inline
    form share one table read (Widget.__deepcopy__ copies the widget shallowly).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.page_labels = _PageLabels()

    def optgroups(self, name, value, attr=None):
        """Return the chosen option as Django's AutocompleteMixin does, from the page's read."""
        default = (None, [], 0)
        groups = [default]
        has_selected = False
        selected_choices = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        remote_model_opts = self.field.remote_field.model._meta
        to_field_name = getattr(self.field.remote_field, "field_name", remote_model_opts.pk.attname)
        to_field_name = remote_model_opts.get_field(to_field_name).attname
        labels = self.page_labels.for_widget(self, to_field_name)
        for key in sorted(selected_choices):
            if key not in labels:
                continue
            option_value, option_label = labels[key]
            selected = str(option_value) in value and (
                has_selected is False or self.allow_multiple_selected
            )
            has_selected |= selected
            default[1].append(
                self.create_option(
                    name, option_value, option_label, selected_choices, len(default[1])
                )
            )
        return groups


class ParentKnownInlineFormSet(BaseInlineFormSet):
    """Inline rows that know the record they belong to, without reading it again."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.instance.pk is not None:
            # Django sets only the id: a row's title (its __str__ often names its parent)
            # read the parent again, once per row.
            setattr(form.instance, self.fk.name, self.instance)
        return form


class _ReadOnceIterator(ModelChoiceIterator):
    def _rows(self):
        shared = self.field.rows_read
        if "rows" not in shared:
            shared["rows"] = list(super().__iter__())
        return shared["rows"]

    def __iter__(self):
        yield from self._rows()

    def __len__(self):
        return len(self._rows())

    def __bool__(self):
        return bool(self._rows())


class SmallTableChoiceField(forms.ModelChoiceField):
    """A choice among a small table's rows, read once for every inline row that offers it.

    Each inline form gets a copy of the field, and Django's copy reads the table again: a
    plan of 30 activities read the thematic axes 31 times. The copies share one read.
    """

    iterator = _ReadOnceIterator

    def __init__(self, *args, **kwargs):
        self.rows_read = {}
        super().__init__(*args, **kwargs)


class PortalAdminSite(admin.AdminSite):
    """Django's admin site, listing every app and model only for a page that shows the list.

    Django builds that list for every admin page, for the side bar, which the portal turns
    off (crm_portal/urls.py): 28 models' rights and addresses, a fifth of a small admin
    page (make bench). The index and an app's page still read it, when they draw it.
    """

    def get_app_list(self, request, app_label=None):
        return SimpleLazyObject(
            lambda: super(PortalAdminSite, self).get_app_list(request, app_label)
        )
