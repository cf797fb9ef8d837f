"""How forms are drawn: plain widgets and labels in Python or by Jinja2, the admin's by Django."""

from django.forms.renderers import BaseRenderer
from django.template import engines
from markupsafe import escape

# Django ships these in both languages, with the same markup (django/forms/jinja2 and
# django/contrib/postgres/jinja2). A template of the project's under these names would be
# drawn by Jinja2 too: the project has none.
JINJA2_TEMPLATES = ("django/forms/", "postgres/widgets/")


class FormRenderer(BaseRenderer):
    """Draw Django's own form templates in Python or with Jinja2, others with Django's engine.

    An admin edit page draws some 75 widgets and 60 labels; through Django's template engine
    they were a third of the page (make bench). The plainest are written in Python (see
    _WRITTEN_IN_PYTHON). The admin's widget wrappers (related links, date pickers) exist only
    as Django templates, and include the plain widgets themselves.
    """

    def get_template(self, template_name):
        engine = "jinja2" if template_name.startswith(JINJA2_TEMPLATES) else "django"
        return engines[engine].get_template(template_name)

    def render(self, template_name, context, request=None):
        draw = _WRITTEN_IN_PYTHON.get(template_name)
        written = draw(context) if draw is not None else None
        if written is not None:
            return written
        return super().render(template_name, context, request)


# The plainest of Django's form templates (inputs, text areas, selects, labels and error
# lists), written here as Django's Jinja2 copies write them (same characters, markupsafe's
# escaping): an admin edit page draws 75 widgets, 60 labels and 120 error lists, most of
# them empty, and through the template engine they were most of the page (make bench).
# Each takes the template's context and returns None when it cannot write it.
# tests/core/test_form_renderer.py compares them with the templates.
def _attrs(attrs: dict) -> str:
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _widget(draw, *needed: str):
    def from_context(context: dict) -> str | None:
        widget = context.get("widget")
        # A widget of the project's own, with other keys: its template draws it.
        if not isinstance(widget, dict) or not widget.keys() >= {"name", "attrs", *needed}:
            return None
        return draw(widget)

    return from_context


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = f' value="{escape(value)}"' if value is not None else ""
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def _textarea(widget: dict) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{escape(value) if value else ''}</textarea>"
    )


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION_TEMPLATE:
                return None  # an option of its own template: drawn by it
            parts.append(
                f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{escape(option['label'])}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _error_list(context: dict) -> str | None:
    errors = context.get("errors")
    if errors is None:
        return None
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    shown_id = f' id="{escape(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{escape(error)}</li>" for error in errors)
    return f'<ul class="{escape(context["error_class"])}"{shown_id}>{items}</ul>'


def _label(context: dict) -> str | None:
    if "label" not in context:
        return None
    if not context.get("use_tag"):
        return str(escape(context["label"]))
    tag, attrs = escape(context["tag"]), context.get("attrs")
    return f"<{tag}{_attrs(attrs) if attrs else ''}>{escape(context['label'])}</{tag}>"


SELECT_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
_INPUTS = (
    "input checkbox color date datetime email file hidden number password search tel text time url"
)
_WRITTEN_IN_PYTHON = {
    **{
        f"django/forms/widgets/{name}.html": _widget(_input, "type", "value")
        for name in _INPUTS.split()
    },
    "django/forms/widgets/textarea.html": _widget(_textarea, "value"),
    "django/forms/widgets/select.html": _widget(_select, "optgroups"),
    "django/forms/errors/list/default.html": _error_list,
    "django/forms/errors/list/ul.html": _error_list,
    "django/forms/label.html": _label,
}
