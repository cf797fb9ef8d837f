"""Role groups and permissions named in the reader's language wherever the admin shows them.

Group names are stored in English (code constants) and permission names are written once, at
migrate time, in English ("Can add focal point"): both would read in English on Spanish pages.
"""

from django.utils.translation import gettext_lazy as _

from focal_points.access import ROLE_LABELS

PERMISSION_ACTIONS = {
    "add": _("Can add"),
    "change": _("Can change"),
    "delete": _("Can delete"),
    "view": _("Can view"),
}


def group_label(group) -> str:
    """Name a group: its role's translated name, or the name as stored."""
    return str(ROLE_LABELS.get(group.name, group.name))


def _model_label(model) -> str:
    # pghistory's event models are named in English at class creation ("focal point event").
    tracked = getattr(model, "pgh_tracked_model", None)
    if tracked is not None:
        return _("%(model)s (history)") % {"model": tracked._meta.verbose_name}
    return str(model._meta.verbose_name)


def permission_label(permission) -> str:
    """Name a permission by its app, its model and its action, each translated."""
    action, _separator, _model = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if action not in PERMISSION_ACTIONS or model is None:
        return f"{permission.content_type} | {permission.name}"
    app = model._meta.app_config.verbose_name
    return f"{app} | {_model_label(model)} | {PERMISSION_ACTIONS[action]}"
