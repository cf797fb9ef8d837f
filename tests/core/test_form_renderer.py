"""The widgets the form renderer writes in Python are the ones Django's templates write."""

import datetime

import pytest
from django import forms
from django.contrib.postgres.forms import SimpleArrayField
from django.forms.renderers import Jinja2
from django.utils.safestring import mark_safe

from core.forms import _WRITTEN_IN_PYTHON, FormRenderer

ODD = "a \"quoted\" <b>bold</b> & 'single'"
WIDGETS = [
    forms.TextInput(attrs={"maxlength": 20, "class": ODD, "autofocus": True, "hidden": False}),
    forms.EmailInput(),
    forms.URLInput(),
    forms.NumberInput(attrs={"min": 0, "step": "any"}),
    forms.PasswordInput(render_value=True),
    forms.HiddenInput(),
    forms.DateInput(format="%d/%m/%Y"),
    forms.DateTimeInput(),
    forms.TimeInput(),
    forms.CheckboxInput(),
    forms.FileInput(),
    forms.Textarea(attrs={"rows": 3}),
    forms.Select(choices=[("", "---"), ("a", ODD), (1, "one"), ("safe", mark_safe("<em>s</em>"))]),
    forms.Select(choices=[("Group", [("x", "X"), ("y", ODD)]), ("z", "Z")]),
    forms.SelectMultiple(choices=[("a", "A"), ("b", "B")]),
    forms.NullBooleanSelect(),
]
VALUES = [
    None,
    "",
    "texto",
    ODD,
    mark_safe("<i>safe</i>"),
    0,
    42,
    True,
    False,
    "a",
    "y",
    ["a", "b"],
    datetime.date(2024, 5, 1),
    datetime.datetime(2024, 5, 1, 9, 30),
]


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda widget: type(widget).__name__)
def test_each_widget_written_in_python_is_what_its_template_writes(widget):
    fast, templates = FormRenderer(), Jinja2()
    written = 0
    for value in VALUES:
        for attrs in (None, {"id": "id_field", "required": True, "disabled": False}):
            try:
                context = widget.get_context("field", value, attrs)
            except (KeyError, TypeError):  # a value this widget never takes (a list, say)
                continue
            name = widget.template_name
            assert fast.render(name, context) == templates.render(name, context), (value, attrs)
            written += name in _WRITTEN_IN_PYTHON
    assert written  # the Python path was taken, and agreed


def test_a_select_whose_options_have_their_own_template_is_drawn_by_it():
    class Marked(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Marked(choices=[("a", "A")])
    context = widget.get_context("field", "a", None)
    assert FormRenderer().render(widget.template_name, context) == Jinja2().render(
        widget.template_name, context
    )


def test_a_whole_form_is_the_same_both_ways():
    class Everything(forms.Form):
        name = forms.CharField(max_length=10, help_text=ODD)
        email = forms.EmailField()
        day = forms.DateField()
        agreed = forms.BooleanField()
        notes = forms.CharField(widget=forms.Textarea)
        kind = forms.ChoiceField(choices=[("a", ODD)])
        words = SimpleArrayField(forms.CharField())

    bound = Everything({"name": ODD * 3, "email": "no", "agreed": "on", "kind": "z"})
    for form in (Everything(), bound):
        form.renderer = FormRenderer()
        fast = str(form)
        form.renderer = Jinja2()
        assert fast == str(form)


@pytest.mark.parametrize("errors", [[], ["Bad"], [ODD, mark_safe("<b>kept</b>")]])
@pytest.mark.parametrize("field_id", [None, "id_name"])
def test_error_lists_written_in_python_are_what_their_templates_write(errors, field_id):
    from django.forms.utils import ErrorList

    for error_class in (None, "nonfield"):
        error_list = ErrorList(errors, error_class=error_class, field_id=field_id)
        for name in ("django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"):
            context = error_list.get_context()
            assert FormRenderer().render(name, context) == Jinja2().render(name, context)


def test_labels_written_in_python_are_what_their_template_writes():
    class Labelled(forms.Form):
        plain = forms.CharField(label=ODD)
        safe = forms.CharField(label=mark_safe("<abbr>OK</abbr>"))
        choices = forms.MultipleChoiceField(
            choices=[("a", "A")], widget=forms.CheckboxSelectMultiple
        )

    def tags(field, attrs, suffix):
        return field.label_tag(attrs=attrs, label_suffix=suffix), field.legend_tag(attrs=attrs)

    # Without ids a label is its text alone, escaped.
    for form in (Labelled(), Labelled(auto_id=False)):
        for field in form:
            for attrs in (None, {"class": ODD, "hidden": True}):
                for suffix in (None, ":", ""):
                    form.renderer = FormRenderer()
                    fast = tags(field, attrs, suffix)
                    form.renderer = Jinja2()
                    assert fast == tags(field, attrs, suffix)
