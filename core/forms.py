"""How forms are drawn: widgets and labels by Jinja2, the admin's own wrappers by Django."""

from django.forms.renderers import BaseRenderer
from django.template import engines

# Django ships these in both languages, with the same markup (django/forms/jinja2 and
# django/contrib/postgres/jinja2). A template of the project's under these names would be
# drawn by Jinja2 too: the project has none.
JINJA2_TEMPLATES = ("django/forms/", "postgres/widgets/")


class FormRenderer(BaseRenderer):
    """Draw Django's own form templates with Jinja2, every other one with Django's engine.

    An admin edit page draws some 75 widgets and 60 labels; through Django's template engine
    they were a third of the page (make bench). The admin's widget wrappers (related links,
    date pickers) exist only as Django templates, and include the plain widgets themselves.
    """

    def get_template(self, template_name):
        engine = "jinja2" if template_name.startswith(JINJA2_TEMPLATES) else "django"
        return engines[engine].get_template(template_name)
