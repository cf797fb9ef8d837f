"""The admin's fieldsets drawn by Jinja2 (templates/admin/includes/fieldset.html calls it)."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()

FIELDSET_TEMPLATE = "core/admin_fieldset.html"
# What the admin's change form and inlines pass to admin/includes/fieldset.html.
FIELDSET_CONTEXT = ("fieldset", "heading_level", "prefix", "id_prefix", "id_suffix")


def render_fieldset(values: dict) -> str:
    """Draw one fieldset from the Jinja2 copy of Django's template."""
    html = engines["jinja2"].get_template(FIELDSET_TEMPLATE).render(values)
    return mark_safe(html)  # noqa: S308 -- Jinja2 escaped every value (autoescape)


@register.simple_tag(takes_context=True)
def admin_fieldset(context) -> str:
    """Draw the fieldset the admin's template is including, with the same markup.

    Through Django's template engine, the fieldsets were three quarters of an admin edit
    page (a person with three seats: 17 fieldsets, 60 fields); Jinja2 draws the same lines
    in a fraction of that. tests/core/test_admin_fieldsets.py compares both, page by page.
    """
    # Every name given, as Django's engine gives "" for a missing one (Jinja2's debug
    # Undefined would print its name).
    return render_fieldset({name: context.get(name, "") for name in FIELDSET_CONTEXT})
